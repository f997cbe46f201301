import { expect } from 'chai';
import { InputError } from '../common/errors';
import { parseBody } from './validate';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['a/b'],
  properties: { 'a/b': { type: 'string' }, nested: { type: 'object', additionalProperties: false, properties: {} } },
} as const;

function problemsOf(body: unknown, where?: string) {
  try {
    parseBody(schema, body, where);
  } catch (error) {
    expect(error).to.be.instanceOf(InputError);
    return (error as InputError).details;
  }
  return expect.fail('the body should have been refused');
}

describe('parseBody', () => {
  it('escapes ~ and / in the property names of required and additionalProperties errors', () => {
    expect(problemsOf({ 'x~y': 1, nested: { 'p/q': 2 } })).to.have.deep.members([
      { pointer: '/a~1b', message: 'is required', rule: 'required' },
      { pointer: '/x~0y', message: 'is not a known property', rule: 'additionalProperties' },
      { pointer: '/nested/p~1q', message: 'is not a known property', rule: 'additionalProperties' },
    ]);
  });

  it('puts the pointer under where the body sits', () => {
    expect(problemsOf({ 'a/b': 'ok', 'c/d': 1 }, '/query')).to.deep.equal([{ pointer: '/query/c~1d', message: 'is not a known property', rule: 'additionalProperties' }]);
  });
});
