import fs from 'node:fs';
import path from 'node:path';
import type { WorkflowBundle } from '@temporalio/worker';
import { loadConfig } from '../../common/config';
import { connectDb, migrateLatest, type Db } from '../../db/connection';
import { createDatabaseIfMissing, dropDatabase, startEmbeddedPostgres, type PostgresServer } from '../../runtime/postgres';
import { findFreePort } from '../../runtime/ports';
import { startDevServer, type DevServer } from '../../runtime/temporal-dev-server';
import { locateTool } from '../../runtime/tools';
import { bundleJobWorkflows } from '../../worker/bundle';

/**
 * Real servers for the whole test run, started on first use and stopped by the root hook:
 * one Temporal dev server (in memory, headless) and one embedded Postgres cluster, both on free
 * ports so a running `npm start` is never disturbed. Suites isolate themselves with their own
 * database and task queue. TEST_TEMPORAL_ADDRESS / TEST_DATABASE_URL reuse servers you run yourself.
 */
const config = loadConfig();
const runDir = path.join(config.projectDir, '.test-data', `run-${process.pid}`);

let temporal: Promise<DevServer | { address: string; stop(): Promise<void> }> | undefined;
let postgres: Promise<PostgresServer | { adminUrl: string; stop(): Promise<void> }> | undefined;
let bundle: Promise<WorkflowBundle> | undefined;
const databases: Array<{ name: string; db: Db }> = [];

export function temporalAddress(): Promise<string> {
  temporal ??= (async () => {
    const external = process.env.TEST_TEMPORAL_ADDRESS;
    if (external) return { address: external, stop: async () => {} };
    return startDevServer({
      executable: locateTool('temporalCli', {
        toolsDir: config.toolsDir,
        explicitPaths: config.tools,
        onInstall: (line) => console.log(line),
      }),
      ip: '127.0.0.1',
      port: await findFreePort(),
      namespace: 'default',
      logFile: path.join(runDir, 'temporal.log'),
    });
  })();
  return temporal.then((server) => server.address);
}

function postgresAdminUrl(): Promise<string> {
  postgres ??= (async () => {
    const external = process.env.TEST_DATABASE_URL;
    if (external) return { adminUrl: external, stop: async () => {} };
    return startEmbeddedPostgres({
      dataDir: path.join(runDir, 'postgres'),
      port: await findFreePort(),
      database: 'postgres',
      logFile: path.join(runDir, 'postgres.log'),
    });
  })();
  return postgres.then((server) => server.adminUrl);
}

/** A new database of its own for one suite, migrated unless the test wants to migrate it itself. */
export async function freshDatabase(label: string, options: { migrate?: boolean } = {}): Promise<{ db: Db; url: string }> {
  const adminUrl = await postgresAdminUrl();
  const name = `test_${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40)}_${Date.now().toString(36)}`;
  await createDatabaseIfMissing(adminUrl, name);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = connectDb(url.toString());
  if (options.migrate ?? true) await migrateLatest(db);
  databases.push({ name, db });
  return { db, url: url.toString() };
}

/** Workflows bundled once per run; every test worker reuses the bundle. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleJobWorkflows();
  return bundle;
}

export function timeSkippingServerPath(): string {
  return locateTool('timeSkippingServer', {
    toolsDir: config.toolsDir,
    explicitPaths: config.tools,
    onInstall: (line) => console.log(line),
  });
}

export async function stopSharedServices(): Promise<void> {
  const created = databases.splice(0);
  for (const { db } of created) await db.destroy().catch(() => {});
  if (postgres && process.env.TEST_DATABASE_URL) {
    // Someone else's server: leave it as we found it. (Our own cluster goes away whole.)
    const adminUrl = await postgresAdminUrl();
    for (const { name } of created) await dropDatabase(adminUrl, name).catch(() => {});
  }
  await Promise.all([temporal?.then((s) => s.stop()).catch(() => {}), postgres?.then((s) => s.stop()).catch(() => {})]);
  fs.rmSync(runDir, { recursive: true, force: true });
}
