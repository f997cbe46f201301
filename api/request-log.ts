import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { inRequest, type Logger } from '../observability/log';
import type { AuthState } from './auth';
import type { ApiMetrics } from './metrics';

/** A caller's X-Request-Id is kept only when it is a plain token: it goes into every log line of the request. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Every request, logged once when it is answered: its id (the caller's `X-Request-Id` if it is a
 * sane token, else a new one; returned in the answer's `X-Request-Id`), method, route, status,
 * duration, and who asked (tenant and user ids). Never a header, a body or the raw path: the
 * route is the router's pattern (`/v1/invitations/:token/accept`), so an invitation token or an
 * API token cannot reach the log. Lines written by other code while the request runs carry its id.
 */
export function requestLog(logger: Logger, metrics?: Pick<ApiMetrics, 'observeRequest'>): Middleware<AuthState> {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    const offered = ctx.get('x-request-id');
    const reqId = SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
    ctx.set('X-Request-Id', reqId);
    let failed = false;
    try {
      await inRequest(reqId, next);
    } catch (error) {
      // problemDetails answers every error; one that escapes it is answered 500 by Koa.
      failed = true;
      throw error;
    } finally {
      const logRequest = () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const status = failed ? 500 : ctx.status;
        const route = routeOf(ctx, status);
        const principal = ctx.state.principal as AuthState['principal'] | undefined;
        logger.info(
          {
            reqId,
            method: ctx.method,
            route,
            status,
            durationMs: Math.round(seconds * 1e4) / 10,
            ...(principal ? { tenantId: principal.organisationId, userId: principal.userId } : {}),
          },
          'request',
        );
        metrics?.observeRequest({ method: ctx.method, route: route ?? 'unmatched', status, seconds });
      };
      // An event stream is answered for as long as it is open: its line comes when it ends, with that duration.
      if (!failed && ctx.response.type === 'text/event-stream' && ctx.method === 'GET' && !ctx.res.writableFinished)
        ctx.res.once('close', logRequest);
      else logRequest();
    }
  };
}

/**
 * The router's pattern for the request: the first route whose path and method match (the one that
 * answers), else one whose path matches (a method it does not take). Read from the layers the
 * routers matched rather than `_matchedRoute`, which a guard that refuses the request (router.use)
 * leaves pointing at itself. A path no router matched is named only when something served it (the
 * OpenAPI document, the docs page's files): a fixed resource. Any other path — a 404, which might
 * hold a mistyped token — is left out.
 */
export function routeOf(
  ctx: { matched?: Array<{ path: string | RegExp; methods: string[] }>; method: string; path: string },
  status: number,
): string | undefined {
  const routes = (ctx.matched ?? []).filter((layer) => layer.methods.length > 0 && typeof layer.path === 'string');
  const route = routes.find((layer) => layer.methods.includes(ctx.method)) ?? routes[0];
  if (route) return route.path as string;
  return status < 400 ? ctx.path : undefined;
}
