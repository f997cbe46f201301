import { bodyParser } from '@koa/bodyparser';
import type { Client } from '@temporalio/client';
import Koa from 'koa';
import type { Db } from '../db/connection';
import { requireToken, type AuthState } from './auth';
import { healthRouter } from './health/router';
import type { JobTypeCatalog } from '../definitions/catalog';
import { jobsRouter } from './jobs/router';
import { problemDetails } from './problem';

export interface AppDeps {
  db: Db;
  temporal: Client;
  namespace: string;
  taskQueue: string;
  jobTypes: JobTypeCatalog;
  log?: (error: unknown) => void;
}

/** Builds the HTTP app; something else (cli/, the tests) makes it listen. */
export function createApp(deps: AppDeps): Koa<AuthState> {
  const app = new Koa<AuthState>();
  app.use(problemDetails(deps.log));
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '256kb', encoding: 'utf-8' }));
  const health = healthRouter(deps);
  app.use(health.routes());

  const v1 = jobsRouter(deps);
  app.use(async (ctx, next) => (ctx.path.startsWith('/v1/') ? requireToken(deps.db)(ctx, next) : next()));
  app.use(v1.routes()).use(v1.allowedMethods());
  return app;
}
