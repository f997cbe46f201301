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

export abstract class DomainError extends Error {
  /** Stable, documented problem type: a portal switches on this, not on the text. */
  abstract readonly type: string;
  readonly details: FieldProblem[];
  constructor(message: string, details: FieldProblem[] = [], options?: ErrorOptions) {
    super(message, options);
    this.details = details;
  }
}

/** The request itself is malformed (400). */
export class InputError extends DomainError {
  override name = 'InputError';
  readonly type = 'invalid-request';
}

/** Absent, or not the caller's to see: both answer the same (404), so nothing leaks across tenants. */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  readonly type = 'not-found';
}

/** The thing is in a state that forbids this (409): editing an ASSIGNED job, inviting twice. */
export class ConflictError extends DomainError {
  override name = 'ConflictError';
  readonly type = 'conflict';
}

/** Well-formed, but a rule says no (422): a locked field, a value breaking its validation rule. */
export class RuleViolationError extends DomainError {
  override name = 'RuleViolationError';
  readonly type = 'rule-violation';
}

export class AuthenticationError extends DomainError {
  override name = 'AuthenticationError';
  readonly type = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
  readonly type = 'forbidden';
}
