import { expect } from 'chai';
import { InputError } from '../common/errors';
import { createJobBody } from './jobs/schema';
import { NOT_ONLY_BLANKS, parseBody, parseQuery } from './validate';

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

  it('names the allowed values of an enum, so a caller can correct a bad fields= or status=', () => {
    expect(() =>
      parseBody({ type: 'object', properties: { sort: { enum: ['createdAt', 'status'] } } } as const, { sort: 'colour' }),
    ).to.throw(InputError);
    try {
      parseBody({ type: 'object', properties: { sort: { enum: ['createdAt', 'status'] } } } as const, { sort: 'colour' });
    } catch (error) {
      expect((error as InputError).details).to.deep.equal([
        { pointer: '/sort', message: 'must be one of: createdAt, status', rule: 'enum' },
      ]);
    }
  });

  it('puts the pointer under where the body sits', () => {
    expect(problemsOf({ 'a/b': 'ok', 'c/d': 1 }, '/query')).to.deep.equal([
      { pointer: '/query/c~1d', message: 'is not a known property', rule: 'additionalProperties' },
    ]);
  });
});

describe('a name of blanks only', () => {
  it("is ruled out by the document's pattern exactly where trim() leaves nothing, in JavaScript's whitespace as a fuzzer's", () => {
    const pattern = new RegExp(NOT_ONLY_BLANKS, 'u');
    const disagree: string[] = [];
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      if (code >= 0xd800 && code <= 0xdfff) continue; // lone surrogates: refused as unstorable anyway
      if (pattern.test(char) !== (char.trim() !== '')) disagree.push(code.toString(16));
    }
    expect(disagree).to.deep.equal([]);
  });

  it('is refused once, in words, though the pattern and x-tidyName both find it', () => {
    const body = { jobTypeId: 'cloudboxx-install', fleetId: '3443deab-5a27-4688-99eb-ca483b70db95', customerName: '\u00a0 ' };
    expect(() => parseBody(createJobBody, body)).to.throw(InputError);
    try {
      parseBody(createJobBody, body);
    } catch (error) {
      expect((error as InputError).details).to.deep.equal([
        { pointer: '/customerName', message: 'must not be empty: it holds only blanks', rule: 'minLength' },
      ]);
    }
  });
});

describe('parseBody and what Postgres can store', () => {
  const body = {
    type: 'object',
    additionalProperties: false,
    properties: {
      name: { type: 'string', pattern: '^[A-Z]' },
      at: { type: 'string', format: 'date-time' },
      on: { type: 'string', format: 'date' },
      tags: { type: 'array', items: { type: 'string' } },
      free: { type: 'object' },
    },
  } as const;
  const refused = (value: unknown) => {
    try {
      parseBody(body, value);
    } catch (error) {
      expect(error).to.be.instanceOf(InputError);
      return (error as InputError).details;
    }
    return expect.fail('the body should have been refused');
  };

  it('refuses a NUL or a lone surrogate anywhere, names included, once per place', () => {
    expect(refused({ name: 'x\u0000', tags: ['ok', '\uD800'], free: { 'a\u0000': 1, deep: [{ b: 'c\uDC00' }] } })).to.deep.equal([
      { pointer: '/name', message: 'must not contain the NUL character (U+0000), found at position 1', rule: 'storable' },
      {
        pointer: '/tags/1',
        message: 'must be valid Unicode: it has a lone surrogate (U+D800) at position 0, half of a character without its other half',
        rule: 'storable',
      },
      {
        pointer: '/free/a\u0000',
        message: 'has a name that must not contain the NUL character (U+0000), found at position 1',
        rule: 'storable',
      },
      {
        pointer: '/free/deep/0/b',
        message: 'must be valid Unicode: it has a lone surrogate (U+DC00) at position 1, half of a character without its other half',
        rule: 'storable',
      },
    ]);
  });

  it('accepts emoji (surrogate pairs) and refuses a stray string at the root as "/"', () => {
    expect(() => parseBody(body, { name: 'A 📦', tags: ['😀'], free: { '😀': '😀' } })).not.to.throw();
    expect(problemsOf('\u0000').map((problem) => problem.pointer)).to.include('/');
  });

  it('holds dates and date-times to years 1900-9999 and offsets up to ±14:00, saying which', () => {
    expect(() => parseBody(body, { at: '2026-11-23T14:30:00+14:00', on: '9999-12-31' })).not.to.throw();
    expect(refused({ at: '0000-01-01T00:00:00Z', on: '0000-01-01' })).to.deep.equal([
      { pointer: '/at', message: 'must have a year between 1900 and 9999, not 0000', rule: 'format' },
      { pointer: '/on', message: 'must have a year between 1900 and 9999, not 0000', rule: 'format' },
    ]);
    expect(refused({ at: '2026-11-23T14:30:00-23:59' })).to.deep.equal([
      { pointer: '/at', message: 'must have a time zone offset between -14:00 and +14:00, not -23:59', rule: 'format' },
    ]);
    expect(refused({ at: '2026-11-23T14:30:00+01' })[0]!.message).to.match(/^must be a date and time with time zone/);
  });
});

describe('parseQuery', () => {
  const query = {
    type: 'object',
    additionalProperties: false,
    properties: { limit: { type: 'integer', minimum: 1 }, cursor: { type: 'string', pattern: '^[0-9]+$' } },
  } as const;

  it('makes an integer parameter a number, and leaves a text parameter of digits text', () => {
    const parsed = parseQuery(query, { limit: ' 20 ', cursor: '42' });
    expect(parsed).to.deep.equal({ limit: 20, cursor: '42' });
  });

  it('refuses what is no whole number by the schema, saying the query parameters are not valid', () => {
    try {
      parseQuery(query, { limit: '2.5', other: 'x' });
      expect.fail('should have refused');
    } catch (error) {
      expect(error).to.be.instanceOf(InputError);
      expect((error as InputError).message).to.equal('The query parameters are not valid.');
      expect((error as InputError).details.map((problem) => `${problem.pointer} ${problem.rule}`)).to.have.members([
        '/limit type',
        '/other additionalProperties',
      ]);
    }
  });
});
