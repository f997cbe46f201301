import { connectDb } from '../../db/connection';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { startTestStack, type TestStack } from '../../test/support/stack';
import type { BenchServers } from './servers';

/**
 * The product as it runs, in this process: the tests' stack (API on a free port, a job worker on
 * its own task queue, the OneAPI simulator) on the bench's servers and a fresh database with the
 * demo tenant. The API and the worker each have their own Postgres pool, as their own processes
 * would. The bench sends its requests itself, not through the stack's `call`, whose answers are
 * checked against the OpenAPI document (that would be the bench's CPU, not the API's), and the
 * per-token rate limit is out of reach (a bench sends more than a portal).
 */
export interface JobStack extends Omit<TestStack, 'call'> {
  tenant: DemoTenant;
}

export async function startJobStack(servers: BenchServers, label: string): Promise<JobStack> {
  const { db, url } = await servers.freshDatabase(label);
  const workerDb = connectDb(url);
  const stack = await startTestStack(`bench ${label}`, {
    database: { db },
    workerDb,
    temporalAddress: servers.temporalAddress,
    vehicles: [],
    rateLimit: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 },
    log: (error) => console.error(error),
  });
  const tenant = (await createDemoTenantIfMissing(db))!;
  return {
    ...stack,
    tenant,
    async stop() {
      await stack.stop();
      await workerDb.destroy();
    },
  };
}
