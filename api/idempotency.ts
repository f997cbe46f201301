import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { ConflictError, InputError, RuleViolationError } from '../common/errors';
import type { Db } from '../db/connection';
import type { AuthState } from './auth';

/**
 * `Idempotency-Key` on any POST: the first request with a key runs and its successful answer is
 * kept; a retry with the same key and the same request gets that answer again (with
 * `Idempotent-Replayed: true`) instead of creating a second job. A request that failed keeps no
 * answer, so it may simply be sent again.
 */
export function idempotentPosts(db: Db): Middleware<AuthState> {
  return async (ctx, next) => {
    const key = ctx.get('idempotency-key');
    if (ctx.method !== 'POST' || !key) return next();
    if (key.length > 255) throw new InputError('Idempotency-Key must be at most 255 characters.', [{ pointer: '/headers/idempotency-key', message: 'too long' }]);
    const userId = ctx.state.principal.userId;
    const requestHash = createHash('sha256').update(`${ctx.method} ${ctx.path}\n${JSON.stringify(ctx.request.body ?? null)}`).digest('hex');

    const claimed = await db('idempotency_keys').insert({ user_id: userId, key, request_hash: requestHash }).onConflict(['user_id', 'key']).ignore().returning('key');
    if (claimed.length === 0) {
      const earlier = await db('idempotency_keys').where({ user_id: userId, key }).first();
      if (earlier.request_hash !== requestHash) {
        throw new RuleViolationError('This Idempotency-Key was used for a different request; use a new key for a new request.', [{ pointer: '/headers/idempotency-key', message: 'reused for another request' }], { type: 'idempotency-key-reused' });
      }
      if (earlier.status === null) throw new ConflictError('A request with this Idempotency-Key is still being handled; retry shortly.', [], { type: 'idempotency-key-in-use' });
      ctx.status = earlier.status;
      ctx.body = earlier.body;
      if (earlier.location) ctx.set('Location', earlier.location);
      ctx.set('Idempotent-Replayed', 'true');
      return;
    }

    try {
      await next();
    } catch (error) {
      await db('idempotency_keys').where({ user_id: userId, key }).delete();
      throw error;
    }
    await db('idempotency_keys')
      .where({ user_id: userId, key })
      .update({ status: ctx.status, body: ctx.body === undefined ? null : JSON.stringify(ctx.body), location: ctx.response.get('Location') || null });
  };
}
