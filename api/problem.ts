import type { Middleware } from 'koa';
import {
  AuthenticationError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InputError,
  JobTypeSourceError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  RuleViolationError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
} from '../common/errors';
import { PROBLEM_TYPE_BASE, type Problem } from './problem-schema';

const STATUS_BY_CLASS: Array<[new (...args: never[]) => DomainError, number]> = [
  [InputError, 400],
  [AuthenticationError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [MethodNotAllowedError, 405],
  [ConflictError, 409],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [RuleViolationError, 422],
  [RateLimitedError, 429],
  [ServiceUnavailableError, 503],
];

/** Tells an error that is an outage (a server unreachable) from a fault of ours; see api/outages.ts. */
export type OutageCheck = (error: unknown) => Promise<ServiceUnavailableError | undefined>;

/**
 * The one place where errors become HTTP: RFC 9457 problem details with a stable `type`. `log` gets
 * each error no problem type explains (a 500): the process's logger, which adds the request id (api/app.ts).
 */
export function problemDetails(log: (error: unknown) => void, outageOf: OutageCheck = async () => undefined): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.body === undefined) {
        if (ctx.status === 404) throw new NotFoundError(`No route for ${ctx.method} ${ctx.path}.`);
        // The routers' allowedMethods() answer with a status and an `Allow` header but no body; the header stays.
        // A method no router implements at all (TRACE, PROPFIND …) comes as 501: on a path that exists it is
        // as much a method the path does not take (405, as HTTP clients and API checkers expect); elsewhere, no route.
        const allowed = ctx.response.get('Allow');
        if (ctx.status === 405 || (ctx.status === 501 && allowed))
          throw new MethodNotAllowedError(`${ctx.method} is not allowed on ${ctx.path}; allowed: ${allowed || 'none'}.`);
        if (ctx.status === 501) {
          ctx.remove('Allow');
          throw new NotFoundError(`No route for ${ctx.method} ${ctx.path}.`);
        }
      }
    } catch (error) {
      const domain = error instanceof DomainError ? error : (fromKoa(error) ?? (await outageOf(error)));
      const status = domain ? (STATUS_BY_CLASS.find(([cls]) => domain instanceof cls)?.[1] ?? 500) : 500;
      if (!domain) log(error);
      if (domain?.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(domain.retryAfterSeconds));
      ctx.status = status;
      ctx.type = 'application/problem+json';
      const problem: Problem = {
        type: `${PROBLEM_TYPE_BASE}${domain?.type ?? 'internal'}`,
        title: domain?.message ?? 'Something went wrong on our side; it has been logged.',
        status,
        ...(domain?.detail ? { detail: domain.detail } : {}),
        instance: ctx.path,
        ...(domain && domain.details.length > 0 ? { errors: domain.details } : {}),
        ...(domain instanceof JobTypeSourceError ? { problems: [...domain.problems] } : {}),
      };
      ctx.body = problem;
    }
  };
}

/** Koa's own errors (a body that is not JSON, one too large) carry an HTTP status. */
function fromKoa(error: unknown): DomainError | undefined {
  const status = (error as { status?: number; expose?: boolean }).status;
  if (status === 413) {
    // The body parser's limit, in bytes: a client told only "too large" cannot tell by how much to shrink it.
    const limit = (error as { limit?: unknown }).limit;
    return new PayloadTooLargeError(
      typeof limit === 'number'
        ? `The request body is larger than the ${limit / 1024} KiB (${limit} bytes) this route takes.`
        : 'The request body is too large.',
    );
  }
  // The body parser's JSON.parse: said as what it is, not only in the parser's words ("Unexpected end of JSON input").
  if (status === 400 && error instanceof SyntaxError)
    return new InputError(`The request body is not valid JSON: ${error.message}`, [
      { pointer: '/', message: `is not JSON: ${error.message}`, rule: 'json' },
    ]);
  if (status === 400 || status === 415) return new InputError((error as Error).message);
  return undefined;
}
