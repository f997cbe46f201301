import { createServer, type AddressInfo } from 'node:net';
import { expect } from 'chai';
import knex from 'knex';
import { connectDb, isDatabaseUnreachable } from './connection';

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

describe('connectDb with a log', () => {
  it("sends the pool's warnings to the log, never to console.log (stdout, between the JSON log's lines)", async function () {
    this.timeout(20_000);
    // A port nothing listens on: every connection is refused, as while Postgres restarts.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const logged: Array<[string, string]> = [];
    const printed: unknown[][] = [];
    const consoleLog = console.log;
    console.log = (...args: unknown[]) => void printed.push(args);
    const db = connectDb(`postgres://nobody@127.0.0.1:${port}/nothing`, (level, message) => logged.push([level, message]));
    try {
      const failed = await db.raw('select 1').then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(isDatabaseUnreachable(failed), String(failed)).to.equal(true);
    } finally {
      console.log = consoleLog;
      await db.destroy();
    }
    expect(printed, 'nothing on stdout').to.deep.equal([]);
    expect(logged.length).to.be.greaterThan(0);
    expect(logged[0]![0]).to.equal('warn');
    expect(logged[0]![1]).to.match(/^Acquire connection error: .*ECONNREFUSED/);
  });
});
