import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { createApiServer } from '../../api/server';
import { loadConfig } from '../../common/config';
import { connectDb, type Db } from '../../db/connection';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { loadJobTypeCatalog } from '../../db/job-type-versions';
import type { JobTypeCatalog } from '../../definitions/catalog';
import type { RunningSimulator } from '../../gateway/simulator/server';
import { untilWorkerPolls } from '../../temporal/worker-polls';
import { createJobWorker } from '../../worker/worker';
import { startSimulatedOneApi } from '../../test/support/oneapi';
import type { BenchServers } from './servers';

/**
 * The product as it runs, in this process: the API listening on a free port, a job worker on its
 * own task queue, and the OneAPI simulator, on a fresh database with the demo tenant. The API and
 * the worker each have their own Postgres pool, as their own processes would. Unlike the tests'
 * stack, answers are not checked against the OpenAPI document (that would be the bench's CPU, not
 * the API's), and the per-token rate limit is out of reach (a bench sends more than a portal).
 */
export interface JobStack {
  /** The API's pool; the bench reads and seeds through it too. */
  db: Db;
  client: Client;
  taskQueue: string;
  jobTypes: JobTypeCatalog;
  simulator: RunningSimulator;
  tenant: DemoTenant;
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startJobStack(servers: BenchServers, label: string): Promise<JobStack> {
  const { db, url } = await servers.freshDatabase(label);
  const workerDb = connectDb(url);
  const jobTypes = await loadJobTypeCatalog(loadConfig().jobTypesDir, db);
  const tenant = (await createDemoTenantIfMissing(db))!;
  const taskQueue = `bench-${label}-${Date.now().toString(36)}`;
  const connection = await Connection.connect({ address: servers.temporalAddress });
  const client = new Client({ connection, namespace: 'default' });
  const workerConnection = await NativeConnection.connect({ address: servers.temporalAddress });
  const oneApi = await startSimulatedOneApi();
  const worker: Worker = await createJobWorker({
    connection: workerConnection,
    namespace: 'default',
    taskQueue,
    db: workerDb,
    gateway: oneApi.client,
  });
  const running = worker.run();
  await untilWorkerPolls(workerConnection, taskQueue);

  const app = createApp({
    db,
    temporal: client,
    namespace: 'default',
    taskQueue,
    jobTypes,
    rateLimit: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
    log: (error) => console.error(error),
  });
  const server = createApiServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    db,
    client,
    taskQueue,
    jobTypes,
    simulator: oneApi.simulator,
    tenant,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker.shutdown();
      await running;
      await workerConnection.close();
      await connection.close();
      await oneApi.simulator.close();
      await workerDb.destroy();
    },
  };
}
