import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { PayloadTooLargeError } from '../../common/errors';
import { YAML_LIMITS } from '../../definitions/yaml-source';

/** The media types a job type's YAML source may be sent as. */
export const YAML_TYPES = ['application/yaml', 'text/yaml', 'application/x-yaml'];

/** The largest source accepted, the grammar's own limit; a larger body answers 413 before it is parsed. */
export const MAX_SOURCE_BYTES = YAML_LIMITS.maxBytes;
/**
 * That limit in words, for the API's readers. It counts bytes, as the grammar does (a file's size), so a
 * schema's maxLength — characters, up to 4 bytes each — cannot say it: ASCII fits 262 144 characters, emoji a quarter.
 */
export const SOURCE_LIMIT = `at most ${MAX_SOURCE_BYTES / 1024} KiB (${MAX_SOURCE_BYTES} bytes) in UTF-8, a larger body answers 413 payload-too-large`;

// PUT /v1/job-types/{id} and POST /v1/job-types/validate take YAML; every other route JSON only.
const SOURCE_ROUTES = [
  { method: 'PUT', path: /^\/v1\/job-types\/[^/]+\/?$/ },
  { method: 'POST', path: /^\/v1\/job-types\/validate\/?$/ },
];

/**
 * Reads a YAML body as text on the routes that take a job type's source, before the JSON parser
 * (which would leave it unread) and before the idempotency check (which keys on the body). Other
 * media types pass on: the route tells the caller to send YAML.
 */
export function yamlSourceBodies(): Middleware {
  const readText = bodyParser({ enableTypes: ['text'], extendTypes: { text: YAML_TYPES }, textLimit: MAX_SOURCE_BYTES, encoding: 'utf-8' });
  return async (ctx, next) => {
    const route = SOURCE_ROUTES.some(({ method, path }) => ctx.method === method && path.test(ctx.path));
    if (!route || !ctx.is(YAML_TYPES)) return next();
    let read = false;
    try {
      await readText(ctx, () => {
        read = true;
        return next();
      });
    } catch (error) {
      if (read || (error as { type?: unknown }).type !== 'entity.too.large') throw error;
      throw sourceTooLarge((error as { length?: unknown }).length);
    }
  };
}

/** A source over the limit, as the grammar says it (definitions/yaml-source.ts), with the rule for code. */
function sourceTooLarge(length: unknown): PayloadTooLargeError {
  const limit = `${MAX_SOURCE_BYTES / 1024} KiB (${MAX_SOURCE_BYTES} bytes)`;
  const size = typeof length === 'number' && Number.isFinite(length) ? `; this one is ${Math.ceil(length / 1024)} KiB` : '';
  return new PayloadTooLargeError(`A job type's source may be at most ${limit} in UTF-8${size}.`, [
    { pointer: '/', message: `must be at most ${limit}`, rule: 'maxBytes' },
  ]);
}
