import { bodyParser } from '@koa/bodyparser';
import { refuseUnstorableRequest } from './storable-request';
import { JSON_TYPES, jsonBodies } from './validate';
import type { Client } from '@temporalio/client';
import Koa from 'koa';
import type { Db } from '../db/connection';
import type { AuthState } from './auth';
import { healthRouter } from './health/router';
import { companiesRouter } from './companies/router';
import { fleetInvitationsRouter, invitationResponsesRouter } from './invitations/router';
import { accountLinksRouter } from './account-links/router';
import type { JobTypeCatalog } from '../definitions/catalog';
import type { Geocoder } from '../geocoding/geocoder';
import { AddressSuggestions } from '../geocoding/address-suggestions';
import { geocodingRouter } from './geocoding/router';
import { jobsRouter } from './jobs/router';
import { jobTypesRouter } from './job-types/router';
import { yamlSourceBodies } from './job-types/yaml-body';
import { docsPage } from './openapi/docs-page';
import { OPERATIONS, openApiDocument } from './openapi/document';
import { outageCheck } from './outages';
import { problemDetails } from './problem';
import type { TemporalDeadlines } from './temporal-calls';
import { usersRouter } from './users/router';
import { requestLog } from './request-log';
import { traceRoute } from './trace-route';
import { activeTracing } from '../observability/tracing';
import type { ApiMetrics } from './metrics';
import { silentLogger, type Logger } from '../observability/log';
import { signedInGuards, type RateLimit } from './signed-in';
import { photosRouter } from './photos/router';
import { providersRouter } from './providers/router';
import { literalPathMethods } from './literal-paths';
import { loadConfig, type PhotoSettings, type WebhookSettings } from '../common/config';
import { photoStoreFor, type PhotoStore } from '../photos/store';
import { webhooksRouter } from './webhooks/router';
import { eventsRouter } from './events/router';
import { LiveFeed } from './events/live-feed';

export interface AppDeps {
  db: Db;
  temporal: Client;
  namespace: string;
  taskQueue: string;
  jobTypes: JobTypeCatalog;
  /** Every request, once, and the errors no problem type explains (api/request-log.ts); default: nowhere (the tests). */
  logger?: Logger;
  /** Errors no problem type explains; default: the logger's error lines. */
  log?: (error: unknown) => void;
  /** Counts and times the requests for GET /metrics (api/metrics.ts); absent, nothing is counted. */
  metrics?: ApiMetrics;
  /** Requests per token and window (API_RATE_LIMIT_PER_MINUTE); the default suits a portal, not a bulk import. */
  rateLimit?: RateLimit;
  /** Geocodes job addresses typed as text; absent, they are kept as given. */
  geocoder?: Geocoder;
  /** How long changes sent to Temporal may take before the answer is 503 (api/temporal-calls.ts); tests shorten them. */
  temporalDeadlines?: Partial<TemporalDeadlines>;
  /** Where photos are kept and their limits; default: as PHOTO_STORE_URL and PHOTO_MAX_BYTES say (common/config.ts). */
  photoStore?: PhotoStore;
  photos?: Pick<PhotoSettings, 'maxBytes' | 'scratchDir'> & Partial<Pick<PhotoSettings, 'housekeeping'>>;
  /** Whether webhook URLs may point at private addresses; default: as WEBHOOK_ALLOW_PRIVATE_TARGETS says. */
  webhooks?: WebhookSettings;
  /** The open event streams and their shared poller; serveApi passes its own to end them on shutdown. Default: one of this app's. */
  liveFeed?: LiveFeed;
}

/** Builds the HTTP app; something else (cli/, the tests) makes it listen. */
export function createApp(deps: AppDeps): Koa<AuthState> {
  const app = new Koa<AuthState>();
  const logger = deps.logger ?? silentLogger;
  // What goes wrong after an answer has begun (Koa's default prints it to stderr): a client that left
  // in the middle of a photo is no error of ours; anything else goes to the log, with the request id.
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.code === 'ECONNRESET' || error.code === 'EPIPE') return;
    logger.error({ err: error }, 'answering a request failed');
  });
  // First: it sees every answer as sent, problems included, and gives each request its id.
  app.use(requestLog(logger, deps.metrics));
  if (activeTracing()) app.use(traceRoute());
  // An unreachable Postgres or Temporal answers 503 with Retry-After, never a 500.
  app.use(problemDetails(deps.log ?? ((error) => logger.error({ err: error }, 'request failed')), outageCheck(deps.db)));
  // A job type's YAML source, on the two routes that take one; everything else is JSON.
  app.use(yamlSourceBodies());
  // JSON where the operation takes JSON, 415 for a body of another type sent there; a photo upload (the
  // image itself, streamed by its route and judged by its bytes), a CSV import or YAML is left to its route.
  const parseJson = bodyParser({ enableTypes: ['json'], extendTypes: { json: JSON_TYPES }, jsonLimit: '256kb', encoding: 'utf-8' });
  app.use(jsonBodies(OPERATIONS, parseJson));
  // Paths and queries Postgres could not store are refused before any route reads them.
  app.use(refuseUnstorableRequest());
  // Before the routers: a literal path's methods are its own, whatever a parameterised route would match.
  app.use(literalPathMethods(OPERATIONS));
  const health = healthRouter(deps);
  app.use(health.routes());
  const document = openApiDocument();
  app.use(async (ctx, next) => (ctx.method === 'GET' && ctx.path === '/openapi.json' ? void (ctx.body = document) : next()));
  app.use(docsPage());

  // Public: an invitation's token is its credential, so answering one needs no API token.
  const invitationResponses = invitationResponsesRouter(deps);
  app.use(invitationResponses.routes()).use(invitationResponses.allowedMethods());
  // Public too: a welcome e-mail's sign-in link is its own credential.
  const accountLinks = accountLinksRouter(deps);
  app.use(accountLinks.routes()).use(accountLinks.allowedMethods());

  // For signed-in users: each router starts with the signedIn guard (api/signed-in.ts), built
  // once here so that the rate limit counts a user's requests across them all.
  const { signedIn, signedInStreamedBody } = signedInGuards(deps);
  const routerDeps = { ...deps, signedIn };
  const photoSettings = deps.photos && deps.photoStore ? undefined : loadConfig().photos;
  for (const router of [
    jobsRouter(routerDeps),
    photosRouter({
      ...routerDeps,
      signedInStreamedBody,
      photoStore: deps.photoStore ?? photoStoreFor(photoSettings!),
      photos: deps.photos ?? photoSettings!,
    }),
    jobTypesRouter(routerDeps),
    fleetInvitationsRouter(routerDeps),
    companiesRouter(routerDeps),
    providersRouter({
      ...routerDeps,
      defaultPhotoRetentionDays: deps.photos?.housekeeping?.defaultRetentionDays ?? loadConfig().photos.housekeeping.defaultRetentionDays,
    }),
    usersRouter(routerDeps),
    webhooksRouter(routerDeps),
    geocodingRouter({ ...routerDeps, addressSuggestions: deps.geocoder && new AddressSuggestions(deps.geocoder) }),
    eventsRouter({ ...routerDeps, liveFeed: deps.liveFeed ?? new LiveFeed(deps.db, { logger }) }),
  ])
    app.use(router.routes()).use(router.allowedMethods());
  return app;
}
