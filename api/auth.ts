import type { Middleware } from 'koa';
import { AuthenticationError } from '../common/errors';
import type { Db } from '../db/connection';
import { principalForToken, type Principal } from '../db/tenancy';
import type { RetryState } from './retry-state';

export interface AuthState extends RetryState {
  principal: Principal;
}

/** Bearer tokens (stored hashed): each router puts the signed-in guard (api/signed-in.ts) in front of its routes. */
export function requireToken(db: Db): Middleware<AuthState> {
  return async (ctx, next) => {
    const token = bearerToken(ctx);
    if (!token) throw new AuthenticationError('Send an API token as `Authorization: Bearer <token>`.');
    const principal = await principalForToken(db, token);
    if (!principal) throw new AuthenticationError('This API token is unknown or has been revoked.');
    ctx.state.principal = principal;
    await next();
  };
}

/** The token sent as `Authorization: Bearer <token>`, if one is. */
export function bearerToken(ctx: { get(field: string): string }): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'))?.[1];
}
