import { expect } from 'chai';
import knex from 'knex';
import { isDatabaseUnreachable } from './connection';

const withCode = (code: string) => Object.assign(new Error(code), { code });

describe('isDatabaseUnreachable', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['no pooled connection in time', new knex.KnexTimeoutError('Knex: Timeout acquiring a connection.'), true],
    ['a refused socket', withCode('ECONNREFUSED'), true],
    ['a socket cut', withCode('ECONNRESET'), true],
    ['every address of a host refused', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')]), true],
    ['the server shutting down (57P01)', withCode('57P01'), true],
    ['a connection exception (08006)', withCode('08006'), true],
    ['too many connections (53300)', withCode('53300'), true],
    ['a unique violation', withCode('23505'), false],
    ['a value Postgres cannot store', withCode('22P05'), false],
    ['a fetch whose socket was refused (not Postgres)', new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }), false],
    ['a plain error', new Error('boom'), false],
    ['nothing', undefined, false],
  ];
  for (const [what, error, expected] of cases) {
    it(`${expected ? 'takes' : 'does not take'} ${what} for Postgres unreachable`, () =>
      expect(isDatabaseUnreachable(error)).to.equal(expected));
  }
});
