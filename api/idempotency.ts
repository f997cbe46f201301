import { createHash, randomUUID } from 'node:crypto';
import type { RouterContext } from '@koa/router';
import type { Middleware, ParameterizedContext } from 'koa';
import { ConflictError, InputError, RuleViolationError } from '../common/errors';
import type { Db } from '../db/connection';
import {
  claimIdempotencyKey,
  deleteExpiredIdempotencyKeys,
  findIdempotencyKey,
  heartbeatIdempotencyClaim,
  keepIdempotentAnswer,
  releaseIdempotencyClaim,
  releaseStaleIdempotencyKey,
  type IdempotencyClaim,
} from '../db/idempotency-keys';
import { hashToken } from '../db/tokens';
import { bearerToken, type AuthState } from './auth';
import type { RetryState } from './retry-state';
import { sealAnswer, unsealAnswer } from './sealed-answer';

/** Whose keys a request's key is among, and the client's credential that seals the kept answer. */
export interface IdempotencyScope {
  scope: string;
  secret: string;
  /** Set for a user's keys, so that removing the user removes them. */
  userId?: string;
}

/** How often the process handling a claimed key says it still is. */
const HEARTBEAT_MS = 2_000;
const SWEEP_EVERY_MS = 60 * 60_000;
/** This API process, in the claims it holds. */
const PROCESS_ID = randomUUID();

/**
 * `Idempotency-Key` on a POST: the first request with a key runs and its successful answer is
 * kept; a retry with the same key and the same request gets that answer again (with
 * `Idempotent-Replayed: true`) instead of creating a second job. A request that failed keeps no
 * answer and runs again when retried — and finishes what its first attempt began: jobs already
 * started are found under ids derived from the key, and a workflow update already applied is
 * answered by Temporal from its first outcome (the same update id), success or failure.
 */
export function idempotentPosts<State extends RetryState, Context>(
  db: Db,
  scopeOf: (ctx: ParameterizedContext<State, Context>) => IdempotencyScope,
): Middleware<State, Context> {
  // Expired answers of every key go at most once an hour per process, not on every request.
  let lastSweep = 0;
  const sweepNow = async () => {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    await deleteExpiredIdempotencyKeys(db);
  };
  return async (ctx, next) => {
    const key = ctx.get('idempotency-key');
    if (ctx.method !== 'POST' || !key) return next();
    if (key.length > 255)
      throw new InputError('Idempotency-Key must be at most 255 characters.', [
        { pointer: '/headers/idempotency-key', message: 'too long' },
      ]);
    const { scope, secret, userId } = scopeOf(ctx);
    // The credential is part of the request: a retry under another token is another request.
    const requestHash = createHash('sha256')
      .update(`${ctx.method} ${ctx.path}\n${hashToken(secret)}\n${JSON.stringify(ctx.request.body ?? null)}`)
      .digest('hex');

    await sweepNow();
    // This key starts afresh when its answer has expired, or when its claim has no answer and no
    // living holder, so the retry takes over at once (landing on what was done, below).
    await releaseStaleIdempotencyKey(db, scope, key, requestHash);
    const holder = `${PROCESS_ID}:${randomUUID()}`;
    const ours: IdempotencyClaim = { scope, key, holder };
    if (!(await claimIdempotencyKey(db, { ...ours, requestHash, userId }))) {
      const earlier = await findIdempotencyKey(db, scope, key);
      if (!earlier)
        throw new ConflictError('A request with this Idempotency-Key has just ended; retry shortly.', [], {
          type: 'idempotency-key-in-use',
          retryAfterSeconds: 1,
        });
      if (earlier.request_hash !== requestHash) {
        throw new RuleViolationError(
          'This Idempotency-Key was used for a different request; use a new key for a new request.',
          [{ pointer: '/headers/idempotency-key', message: 'reused for another request', rule: 'reused' }],
          { type: 'idempotency-key-reused' },
        );
      }
      if (earlier.status === null)
        throw new ConflictError('A request with this Idempotency-Key is still being handled; retry shortly.', [], {
          type: 'idempotency-key-in-use',
          retryAfterSeconds: 1,
        });
      ctx.status = earlier.status;
      if (earlier.sealed_body) ctx.body = unsealAnswer(earlier.sealed_body, secret, key);
      if (earlier.location) ctx.set('Location', earlier.location);
      for (const [name, value] of Object.entries(earlier.headers ?? {})) ctx.set(name, value);
      ctx.set('Idempotent-Replayed', 'true');
      return;
    }

    // Retries of this request carry the same name: job ids and Temporal update ids derive from it,
    // so a retry after a partial failure (3 of 5 jobs started) finishes the work instead of redoing it.
    ctx.state.requestKey = createHash('sha256').update(`${scope}\0${key}`).digest('base64url');
    // A missed beat (Postgres briefly away) is no harm: the next one, or the answer, follows.
    const heartbeat = setInterval(() => void heartbeatIdempotencyClaim(db, ours).catch(() => {}), HEARTBEAT_MS);
    try {
      await next();
    } catch (error) {
      // Released at once, so that a retry (after a 503, say) runs straight away; if Postgres itself
      // is away, as soon as it is back (or by a retry, once the heartbeat is stale). The request's own error stands.
      const release = () => releaseIdempotencyClaim(db, ours);
      await release().catch(() => releaseWhenBack(release));
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
    await keepIdempotentAnswer(db, ours, {
      status: ctx.status,
      sealedBody: ctx.body === undefined || ctx.body === null ? null : sealAnswer(ctx.body, secret, key),
      location: ctx.response.get('Location') || null,
      headers: replayedHeaders(ctx),
    });
  };
}

/** Headers besides Location that belong to an answer, so that a replay carries them too. */
const REPLAYED_HEADERS = ['Dropped-Values'] as const;

function replayedHeaders(ctx: ParameterizedContext): Record<string, string> | null {
  const set = REPLAYED_HEADERS.flatMap((name) => (ctx.response.get(name) ? [[name, ctx.response.get(name)] as const] : []));
  return set.length === 0 ? null : Object.fromEntries(set);
}

const RELEASE_TRIES = 30;

/** Tries to release a claim once a second for a while: Postgres was away when the request failed. */
function releaseWhenBack(release: () => Promise<void>, tries = RELEASE_TRIES): void {
  if (tries === 0) return;
  setTimeout(() => void release().catch(() => releaseWhenBack(release, tries - 1)), 1_000).unref();
}

/** Keys of the caller behind the API token, sealed with that token. */
export function callerScope(ctx: ParameterizedContext<AuthState>): IdempotencyScope {
  const userId = ctx.state.principal.userId;
  return { scope: `user:${userId}`, secret: bearerToken(ctx)!, userId };
}

/** Keys of whoever holds an invitation link (answering needs no API token), sealed with the link's token. */
export function invitationScope<State>(ctx: RouterContext<State>): IdempotencyScope {
  const token = ctx.params.token!;
  return { scope: `invitation:${hashToken(token)}`, secret: token };
}

/** Keys of whoever holds a welcome e-mail's sign-in link (claiming needs no API token), sealed with the link's token. */
export function accountLinkScope<State>(ctx: RouterContext<State>): IdempotencyScope {
  const token = ctx.params.token!;
  return { scope: `account-link:${hashToken(token)}`, secret: token };
}
