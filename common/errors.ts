/**
 * Domain errors. Business code throws these; exactly one place (api/problem.ts) maps them to
 * HTTP, by class, never by message.
 */
export interface FieldProblem {
  /** JSON pointer into the request, e.g. `/values/vin`. */
  pointer: string;
  message: string;
  rule?: string;
}

/**
 * A JSON pointer (RFC 6901) from its unescaped segments: `jsonPointer('values', 'a/b')` is
 * `/values/a~1b`. Property names come from the caller's request, so `~` and `/` in them must not
 * turn one name into two segments.
 */
export function jsonPointer(...segments: ReadonlyArray<string | number>): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export interface DomainErrorOptions extends ErrorOptions {
  /** A more specific stable type than the class's, e.g. `locked-field` for a rule violation. */
  type?: string;
  /** More about this occurrence than the message says: what the caller should do next. */
  detail?: string;
  /** When to try again, in seconds: becomes the Retry-After header. */
  retryAfterSeconds?: number;
}

export abstract class DomainError extends Error {
  /** The class's problem type, used unless the thrower names a more specific one. */
  protected abstract readonly defaultType: string;
  readonly details: FieldProblem[];
  readonly detail?: string;
  readonly retryAfterSeconds?: number;
  private readonly specificType?: string;
  constructor(message: string, details: FieldProblem[] = [], options?: DomainErrorOptions) {
    super(message, options);
    this.details = details;
    this.detail = options?.detail;
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.specificType = options?.type;
  }

  /** Stable, documented problem type: a portal switches on this, not on the text. */
  get type(): string {
    return this.specificType ?? this.defaultType;
  }
}

/** The request itself is malformed (400). */
export class InputError extends DomainError {
  override name = 'InputError';
  protected readonly defaultType = 'invalid-request';
}

/** Absent, or not the caller's to see: both answer the same (404), so nothing leaks across tenants. */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  protected readonly defaultType = 'not-found';
}

/** The thing is in a state that forbids this (409): editing an ASSIGNED job, inviting twice. */
export class ConflictError extends DomainError {
  override name = 'ConflictError';
  protected readonly defaultType = 'conflict';
}

/** Well-formed, but a rule says no (422): a locked field, a value breaking its validation rule. */
export class RuleViolationError extends DomainError {
  override name = 'RuleViolationError';
  protected readonly defaultType = 'rule-violation';
}

export class AuthenticationError extends DomainError {
  override name = 'AuthenticationError';
  protected readonly defaultType = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
  protected readonly defaultType = 'forbidden';
}

/** Too many requests for this token (429); `retryAfterSeconds` becomes the Retry-After header. */
export class RateLimitedError extends DomainError {
  override name = 'RateLimitedError';
  protected readonly defaultType = 'rate-limited';
  constructor(message: string, retryAfterSeconds: number) {
    super(message, [], { retryAfterSeconds });
  }
}

/** The request body is larger than the API accepts (413). */
export class PayloadTooLargeError extends DomainError {
  override name = 'PayloadTooLargeError';
  protected readonly defaultType = 'payload-too-large';
}

/** The request body is of a kind the route does not take (415), judged by its bytes where the route reads them. */
export class UnsupportedMediaTypeError extends DomainError {
  override name = 'UnsupportedMediaTypeError';
  protected readonly defaultType = 'unsupported-media-type';
}

/** The path exists, but not with this HTTP method (405); the router sets the `Allow` header. */
export class MethodNotAllowedError extends DomainError {
  override name = 'MethodNotAllowedError';
  protected readonly defaultType = 'method-not-allowed';
}

/** Which server the API could not reach, for operators reading logs and /healthz. */
export type Dependency = 'postgres' | 'temporal' | 'worker';

/**
 * A server the API needs is unreachable (503 `service-unavailable`), or a change was sent and its
 * outcome could not be learnt (503 `outcome-unknown`); `retryAfterSeconds` becomes Retry-After.
 */
export class ServiceUnavailableError extends DomainError {
  override name = 'ServiceUnavailableError';
  protected readonly defaultType = 'service-unavailable';
  constructor(
    message: string,
    readonly dependency: Dependency,
    retryAfterSeconds: number,
    options?: DomainErrorOptions,
  ) {
    super(message, [], { ...options, retryAfterSeconds });
  }
}

/** Where and what in a job type's YAML source, and whether it blocks publishing. */
export interface SourceProblem {
  line: number;
  column: number;
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** A job type's YAML that cannot be published (422 invalid-job-type): its problems, errors and warnings, by line and column. */
export class JobTypeSourceError extends RuleViolationError {
  override name = 'JobTypeSourceError';
  constructor(
    message: string,
    readonly problems: readonly SourceProblem[],
  ) {
    super(message, [], { type: 'invalid-job-type' });
  }
}
