import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../common/config';
import { connectDb, migrateLatest, type Db } from '../../db/connection';
import { createDatabaseIfMissing, dropDatabase, startEmbeddedPostgres } from '../../runtime/postgres';
import { findFreePort } from '../../runtime/ports';
import { startDevServer } from '../../runtime/temporal-dev-server';
import { locateTool } from '../../runtime/tools';

/**
 * The servers a bench runs against: the ones it is given, or its own — a headless in-memory
 * Temporal dev server and an embedded Postgres in a temporary directory, both on free ports, so a
 * running `npm start` is never disturbed — as test/support/services.ts starts them for the tests.
 * A bench's database is its own either way, and dropped at the end.
 */
export interface BenchServers {
  temporalAddress: string;
  /** A new, migrated database on the Postgres server, with a pool on it; both dropped by stop(). */
  freshDatabase(label: string): Promise<{ db: Db; url: string }>;
  stop(): Promise<void>;
}

export async function startBenchServers(
  given: { temporalAddress?: string; databaseUrl?: string },
  log: (line: string) => void,
): Promise<BenchServers> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'installer-jobs-bench-'));
  fs.chmodSync(dir, 0o755); // embedded Postgres runs as the `postgres` user when we are root
  const stops: Array<() => Promise<void>> = [];
  const databases: Array<{ name: string; db: Db }> = [];
  try {
    const config = loadConfig();
    let temporalAddress = given.temporalAddress;
    if (!temporalAddress) {
      log('starting a Temporal dev server');
      const server = await startDevServer({
        executable: locateTool('temporalCli', { toolsDir: config.toolsDir, explicitPaths: config.tools, onInstall: log }),
        ip: '127.0.0.1',
        port: await findFreePort(),
        namespace: 'default',
        logFile: path.join(dir, 'temporal.log'),
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
    }
    let adminUrl = given.databaseUrl;
    if (!adminUrl) {
      log('starting embedded Postgres');
      const server = await startEmbeddedPostgres({
        dataDir: path.join(dir, 'pg'),
        port: await findFreePort(),
        database: 'postgres',
        logFile: path.join(dir, 'postgres.log'),
      });
      stops.push(() => server.stop());
      adminUrl = server.adminUrl;
    }
    const postgresUrl = adminUrl;
    const servers: BenchServers = {
      temporalAddress,
      async freshDatabase(label) {
        const name = `bench_${label}_${Date.now().toString(36)}`;
        await createDatabaseIfMissing(postgresUrl, name);
        const url = new URL(postgresUrl);
        url.pathname = `/${name}`;
        const db = connectDb(url.toString());
        databases.push({ name, db });
        await migrateLatest(db);
        return { db, url: url.toString() };
      },
      async stop() {
        for (const { name, db } of databases.splice(0)) {
          await db.destroy().catch(() => {});
          await dropDatabase(postgresUrl, name).catch(() => {});
        }
        for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
    return servers;
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
