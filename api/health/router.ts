import Router from '@koa/router';
import type { Client } from '@temporalio/client';
import type { FromSchema } from 'json-schema-to-ts';
import type { Db } from '../../db/connection';
import type { healthStatus } from './schema';

type Health = FromSchema<typeof healthStatus>;

/**
 * `GET /healthz`: 200 only when both Temporal and Postgres answer, else 503 naming the one that
 * does not — what a load balancer and the on-call operator both need.
 */
export function healthRouter(deps: { db: Db; temporal: Client; namespace: string }): Router {
  const router = new Router();
  router.get('/healthz', async (ctx) => {
    const [postgres, temporal] = await Promise.all([
      probe(() => deps.db.raw('select 1')),
      probe(() => deps.temporal.workflowService.describeNamespace({ namespace: deps.namespace })),
    ]);
    const healthy = postgres.ok && temporal.ok;
    ctx.status = healthy ? 200 : 503;
    const answer: Health = { status: healthy ? 'ok' : 'unavailable', checks: { postgres, temporal } };
    ctx.body = answer;
  });
  return router;
}

const PROBE_TIMEOUT_MS = 3_000;

async function probe(check: () => PromiseLike<unknown>): Promise<Health['checks']['postgres']> {
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
