import { inspect } from 'node:util';
import knex, { type Knex } from 'knex';
import { knexConfig } from '../knexfile';
import { renumberFeedFromAnotherCluster } from './feed-restore';

export type Db = Knex;

/**
 * How long a query waits for a pooled connection, and a new connection for the server, before
 * failing: with Postgres gone (or hanging), a request answers 503 within seconds instead of
 * waiting knex's default minute.
 */
const ACQUIRE_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 3_000;

/**
 * Where the pool's own warnings go — a connection lost (`Connection Error: …`), one that could not be
 * made (`Acquire connection error: …`, with its stack): the process's logger. Without one, knex
 * writes them with console.log, several lines each, onto stdout between the JSON log's lines.
 */
export type DbLog = (level: 'warn' | 'error', message: string) => void;

export function connectDb(databaseUrl: string, log?: DbLog): Db {
  return knex({
    ...knexConfig(databaseUrl),
    connection: { connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
    ...(log ? { log: knexLog(log) } : {}),
  });
}

function knexLog(log: DbLog): Knex.Logger {
  const text = (message: unknown) => (typeof message === 'string' ? message : inspect(message, { depth: 3 }));
  return {
    warn: (message: unknown) => log('warn', text(message)),
    error: (message: unknown) => log('error', text(message)),
    deprecate: (method: string, alternative: string) => log('warn', `knex: ${method} is deprecated; use ${alternative}`),
    // Only with knex's `debug: true`, which nothing sets.
    debug: () => {},
  };
}

/** Socket errors of a connection that failed, was refused or was cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs that say the server, not the query, is the problem: class 08 (connection exception),
 * admin/crash shutdown and "cannot connect now" (57P01–57P03), too many connections (53300).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Whether a database call failed because Postgres cannot be reached (so the request may succeed
 * later), told by the error's class and code: no pooled connection in time (KnexTimeoutError), a
 * refused or cut socket, a server shutting down. pg throws these as they are (a `fetch` wraps its
 * socket errors in `cause`, which is not looked into: a geocoder's outage is not Postgres's).
 */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  if (error instanceof knex.KnexTimeoutError) return true;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  // Node tries each address of a host name and reports every refusal together.
  return error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnreachable(inner, depth + 1));
}

/**
 * Brings the schema up to date, and the event feed after a restore into another cluster
 * (db/feed-restore.ts, told to `log`); returns the names of the migrations it ran.
 */
export async function migrateLatest(db: Db, log: (line: string) => void = () => {}): Promise<string[]> {
  const [, applied] = (await db.migrate.latest()) as [number, string[]];
  const moved = await renumberFeedFromAnotherCluster(db);
  if (moved > 0)
    log(
      `The event feed came from another Postgres cluster (a logical restore): its ${moved} events now sort before every new one, and webhook delivery goes on after the last it had sent.`,
    );
  return applied;
}

/** Whether a write failed on this unique constraint (or unique index), to answer it as the conflict it is. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pg = error as { code?: string; constraint?: string };
  return pg?.code === '23505' && pg.constraint === constraint;
}
