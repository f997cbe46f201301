import type { Middleware } from 'koa';
import { InputError, NotFoundError, jsonPointer, type FieldProblem } from '../common/errors';
import { textProblem } from '../common/storable';

/**
 * The rule of common/storable.ts for what a request carries outside its body: a path segment or
 * a query parameter holding a string that Postgres cannot store is refused before any route
 * reads it. Without this, `GET /v1/jobs/%00` reaches Postgres and fails there (500). Bodies are
 * held to the same rule by parseBody. Headers need nothing: Node's parser refuses a NUL in one
 * (400) and reads their bytes as Latin-1, which has no surrogates.
 *
 * A path with such a segment names nothing (404, as an id that cannot exist does); a query
 * parameter is named in a 400, with the pointers the job list uses (`/q`, `/status/1`).
 */
export function refuseUnstorableRequest(): Middleware {
  return async (ctx, next) => {
    for (const segment of ctx.path.split('/')) {
      const problem = textProblem(decoded(segment));
      if (problem) throw new NotFoundError(`No resource has a path with this segment: it ${problem}.`);
    }
    const problems: FieldProblem[] = [];
    for (const [name, value] of Object.entries(ctx.query)) {
      const nameProblem = textProblem(name);
      if (nameProblem) problems.push({ pointer: jsonPointer(name), message: `has a name that ${nameProblem}`, rule: 'storable' });
      for (const [i, item] of [value ?? []].flat().entries()) {
        const problem = textProblem(item);
        if (problem)
          problems.push({ pointer: Array.isArray(value) ? jsonPointer(name, i) : jsonPointer(name), message: problem, rule: 'storable' });
      }
    }
    if (problems.length > 0) throw new InputError('The query parameters are not valid.', problems);
    await next();
  };
}

/** A path segment as the routers read it: percent-decoded, or as sent when it does not decode (as @koa/router does). */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
