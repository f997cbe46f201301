import type { Middleware } from 'koa';
import { MethodNotAllowedError } from '../common/errors';

/**
 * A path with no parameter in it (`/v1/jobs/import`, `/v1/job-types/validate`) is an operation of
 * its own, even where a route with a parameter would match it too (`/v1/jobs/{id}`): a method it
 * does not take answers 405 with its own `Allow`, and OPTIONS lists only its own methods — not the
 * parameterised route's, which would answer for a job "import" or a job type "validate" that is not
 * there. Derived from the OpenAPI document's operations, so that a new one is covered as it is added.
 */
export function literalPathMethods(operations: ReadonlyArray<{ method: string; path: string }>): Middleware {
  const methods = new Map<string, Set<string>>();
  for (const { method, path } of operations) {
    if (path.includes('{')) continue;
    const allowed = methods.get(path) ?? new Set<string>();
    allowed.add(method.toUpperCase());
    if (method.toLowerCase() === 'get') allowed.add('HEAD');
    methods.set(path, allowed);
  }
  return async (ctx, next) => {
    const allowed = methods.get(ctx.path);
    if (allowed === undefined || allowed.has(ctx.method)) return next();
    const allow = [...allowed].join(', ');
    ctx.set('Allow', allow);
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      return;
    }
    throw new MethodNotAllowedError(`${ctx.method} is not allowed on ${ctx.path}; allowed: ${allow}.`);
  };
}
