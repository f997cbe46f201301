import type { Middleware } from 'koa';
import compose from 'koa-compose';
import type { Db } from '../db/connection';
import { requireToken, type AuthState } from './auth';
import { callerScope, idempotentPosts } from './idempotency';
import { rateLimitPerToken } from './rate-limit';

/** Requests per token and window (API_RATE_LIMIT_PER_MINUTE); the default suits a portal, not a bulk import. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

const DEFAULT_RATE_LIMIT: RateLimit = { limit: 600, windowMs: 60_000 };

/**
 * What a route for signed-in users runs first: an API token, a fair share of requests, and safe
 * retries of POSTs. Each router puts it at its top (`router.use(deps.signedIn)`); createApp builds
 * it once, so a user's requests count against one rate limit whichever router answers them.
 */
export function signedIn(deps: { db: Db; rateLimit?: RateLimit }): Middleware<AuthState> {
  return compose([requireToken(deps.db), rateLimitPerToken(deps.rateLimit ?? DEFAULT_RATE_LIMIT), idempotentPosts(deps.db, callerScope)]);
}

/** The routers' dependency: the guard createApp built with signedIn. */
export interface SignedInDeps {
  signedIn: Middleware<AuthState>;
}
