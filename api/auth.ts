import type { Middleware } from 'koa';
import { AuthenticationError } from '../common/errors';
import type { Db } from '../db/connection';
import { principalForToken, type Principal } from '../db/tenancy';

export interface AuthState {
  principal: Principal;
}

/** Bearer tokens (stored hashed). Everything under /v1 needs one. */
export function requireToken(db: Db): Middleware<AuthState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) throw new AuthenticationError('Send an API token as `Authorization: Bearer <token>`.');
    const principal = await principalForToken(db, match[1]);
    if (!principal) throw new AuthenticationError('This API token is unknown or has been revoked.');
    ctx.state.principal = principal;
    await next();
  };
}
