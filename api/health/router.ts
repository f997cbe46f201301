import Router from '@koa/router';
import type { Client } from '@temporalio/client';
import type { FromSchema } from 'json-schema-to-ts';
import type { Db } from '../../db/connection';
import type { JobTypeCatalog } from '../../definitions/catalog';
import { workerPolling } from '../temporal-calls';
import type { healthStatus, readiness } from './schema';

type Health = FromSchema<typeof healthStatus>;
type Readiness = FromSchema<typeof readiness>;
type Check = Readiness['checks']['postgres'];

const PROBE_TIMEOUT_MS = 3_000;

/**
 * `GET /healthz`, liveness: 200 whenever the process answers, checking nothing it depends on — an
 * orchestrator that restarts on it must not restart every API replica because Postgres is away.
 * `GET /readyz`, readiness: 200 `ready` when Postgres and Temporal answer, a worker polls the task
 * queue and the job types are loaded; else 503 `not-ready`. Each part's state is in the body.
 */
export function healthRouter(deps: { db: Db; temporal: Client; namespace: string; taskQueue: string; jobTypes: JobTypeCatalog }): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    const answer: Health = { status: 'ok' };
    ctx.body = answer;
  });
  router.get('/readyz', async (ctx) => {
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
    const builtIn = deps.jobTypes.list().length;
    const jobTypes: Readiness['checks']['jobTypes'] =
      builtIn > 0 ? { ok: true, builtIn } : { ok: false, builtIn, error: 'no job type is loaded' };
    const ready = postgres.ok && temporal.ok && worker.ok && jobTypes.ok;
    ctx.status = ready ? 200 : 503;
    const answer: Readiness = { status: ready ? 'ready' : 'not-ready', checks: { postgres, temporal, worker, jobTypes } };
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
