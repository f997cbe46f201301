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
  return signedInGuards(deps).signedIn;
}

/**
 * Both guards over one rate limit. `signedInStreamedBody` leaves out the idempotency check: a
 * route whose body streams (a photo) cannot be keyed on its body before reading it, so it runs
 * `idempotentPosts` itself once the body has been read (api/photos/router.ts).
 */
export function signedInGuards(deps: { db: Db; rateLimit?: RateLimit }): SignedInDeps & StreamedBodyDeps {
  const token = requireToken(deps.db);
  const fairShare = rateLimitPerToken(deps.rateLimit ?? DEFAULT_RATE_LIMIT);
  return {
    signedIn: compose([token, fairShare, idempotentPosts(deps.db, callerScope)]),
    signedInStreamedBody: compose([token, fairShare]),
  };
}

/** The routers' dependency: the guard createApp built with signedIn. */
export interface SignedInDeps {
  signedIn: Middleware<AuthState>;
}

/** For a router whose POST bodies stream: the guard without the idempotency check. */
export interface StreamedBodyDeps {
  signedInStreamedBody: Middleware<AuthState>;
}
