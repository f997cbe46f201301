import type { Middleware } from 'koa';
import { RateLimitedError } from '../common/errors';
import type { AuthState } from './auth';

/**
 * A fixed window per user (each has one API token), kept in this process: enough to stop a runaway portal script
 * from starving everyone else. Several API instances each count on their own; a shared limit
 * belongs in the load balancer or gateway in front of them.
 */
export function rateLimitPerToken(options: { limit: number; windowMs: number; now?: () => number }): Middleware<AuthState> {
  const now = options.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return async (ctx, next) => {
    const key = ctx.state.principal.userId;
    const time = now();
    let window = windows.get(key);
    if (!window || time - window.start >= options.windowMs) {
      window = { start: time, count: 0 };
      windows.set(key, window);
      if (windows.size > 10_000) pruneExpired(windows, time, options.windowMs);
    }
    window.count += 1;
    const resetSeconds = Math.ceil((window.start + options.windowMs - time) / 1000);
    ctx.set('RateLimit-Limit', String(options.limit));
    ctx.set('RateLimit-Remaining', String(Math.max(0, options.limit - window.count)));
    ctx.set('RateLimit-Reset', String(resetSeconds));
    if (window.count > options.limit) {
      throw new RateLimitedError(
        `Too many requests for this token: ${options.limit} per ${options.windowMs / 1000} s. Try again in ${resetSeconds} s.`,
        resetSeconds,
      );
    }
    await next();
  };
}

function pruneExpired(windows: Map<string, { start: number }>, time: number, windowMs: number): void {
  for (const [key, window] of windows) if (time - window.start >= windowMs) windows.delete(key);
}
