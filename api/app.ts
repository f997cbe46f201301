import { bodyParser } from '@koa/bodyparser';
import { refuseUnstorableRequest } from './storable-request';
import type { Client } from '@temporalio/client';
import Koa from 'koa';
import compose from 'koa-compose';
import type { Db } from '../db/connection';
import { requireToken, type AuthState } from './auth';
import { healthRouter } from './health/router';
import { companiesRouter } from './companies/router';
import { fleetInvitationsRouter, invitationResponsesRouter } from './invitations/router';
import type { JobTypeCatalog } from '../definitions/catalog';
import type { Geocoder } from '../geocoding/geocoder';
import { jobsRouter } from './jobs/router';
import { jobListRouter } from './jobs/list-router';
import { jobTypesRouter } from './job-types/router';
import { yamlSourceBodies } from './job-types/yaml-body';
import { callerScope, idempotentPosts } from './idempotency';
import { docsPage } from './openapi/docs-page';
import { openApiDocument } from './openapi/document';
import { outageCheck } from './outages';
import { problemDetails } from './problem';
import type { TemporalDeadlines } from './temporal-calls';
import { usersRouter } from './users/router';
import { rateLimitPerToken } from './rate-limit';

export interface AppDeps {
  db: Db;
  temporal: Client;
  namespace: string;
  taskQueue: string;
  jobTypes: JobTypeCatalog;
  log?: (error: unknown) => void;
  /** Requests per token and window (API_RATE_LIMIT_PER_MINUTE); the default suits a portal, not a bulk import. */
  rateLimit?: { limit: number; windowMs: number };
  /** Geocodes job addresses typed as text; absent, they are kept as given. */
  geocoder?: Geocoder;
  /** How long changes sent to Temporal may take before the answer is 503 (api/temporal-calls.ts); tests shorten them. */
  temporalDeadlines?: Partial<TemporalDeadlines>;
}

const DEFAULT_RATE_LIMIT = { limit: 600, windowMs: 60_000 };

/** Builds the HTTP app; something else (cli/, the tests) makes it listen. */
export function createApp(deps: AppDeps): Koa<AuthState> {
  const app = new Koa<AuthState>();
  // An unreachable Postgres or Temporal answers 503 with Retry-After, never a 500.
  app.use(problemDetails(deps.log, outageCheck(deps.db)));
  // A job type's YAML source, on the two routes that take one; everything else is JSON.
  app.use(yamlSourceBodies());
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '256kb', encoding: 'utf-8' }));
  // Paths and queries Postgres could not store are refused before any route reads them.
  app.use(refuseUnstorableRequest());
  const health = healthRouter(deps);
  app.use(health.routes());
  const document = openApiDocument();
  app.use(async (ctx, next) => (ctx.method === 'GET' && ctx.path === '/openapi.json' ? void (ctx.body = document) : next()));
  app.use(docsPage());

  // An invitation's token is its credential: answering one needs no API token, so it comes first.
  const invitationResponses = invitationResponsesRouter(deps);
  app.use(invitationResponses.routes()).use(invitationResponses.allowedMethods());

  const v1 = jobsRouter(deps);
  // Everything else under /v1: a token, a fair share of requests, and safe retries of POSTs.
  const guard = compose([
    requireToken(deps.db),
    rateLimitPerToken(deps.rateLimit ?? DEFAULT_RATE_LIMIT),
    idempotentPosts(deps.db, callerScope),
  ]);
  app.use(async (ctx, next) => (ctx.path.startsWith('/v1/') ? guard(ctx, next) : next()));
  app.use(v1.routes()).use(v1.allowedMethods());
  const jobList = jobListRouter(deps);
  app.use(jobList.routes()).use(jobList.allowedMethods());
  const jobTypes = jobTypesRouter(deps);
  app.use(jobTypes.routes()).use(jobTypes.allowedMethods());
  for (const router of [fleetInvitationsRouter(deps), companiesRouter(deps), usersRouter(deps)])
    app.use(router.routes()).use(router.allowedMethods());
  return app;
}
