import Router from '@koa/router';
import type { Client } from '@temporalio/client';
import type { FromSchema } from 'json-schema-to-ts';
import type { Db } from '../../db/connection';
import { workerPolling } from '../temporal-calls';
import type { healthStatus } from './schema';

type Health = FromSchema<typeof healthStatus>;
type Check = Health['checks']['postgres'];

const PROBE_TIMEOUT_MS = 3_000;

/**
 * `GET /healthz`: 503 naming the part that does not answer when Temporal or Postgres is down — the
 * API can then do nothing useful, and a load balancer should know; 200 `degraded` when both answer
 * but no worker polls the task queue — reads still work, writes answer 503; 200 `ok` otherwise.
 */
export function healthRouter(deps: { db: Db; temporal: Client; namespace: string; taskQueue: string }): Router {
  const router = new Router();
  router.get('/healthz', async (ctx) => {
    const [postgres, temporal, worker] = await Promise.all([
      probe(() => deps.db.raw('select 1')),
      probe(() =>
        deps.temporal.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
          deps.temporal.workflowService.describeNamespace({ namespace: deps.namespace }),
        ),
      ),
      workerPolling(deps.temporal, deps.taskQueue, PROBE_TIMEOUT_MS).then((polling): Check =>
        polling.ok ? { ok: true } : { ok: false, error: polling.error },
      ),
    ]);
    const status = !postgres.ok || !temporal.ok ? 'unavailable' : worker.ok ? 'ok' : 'degraded';
    ctx.status = status === 'unavailable' ? 503 : 200;
    const answer: Health = { status, checks: { postgres, temporal, worker } };
    ctx.body = answer;
  });
  return router;
}

async function probe(check: () => PromiseLike<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
