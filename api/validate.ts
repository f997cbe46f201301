import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { DataValidationCxt } from 'ajv/dist/types';
import addFormats from 'ajv-formats';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { Middleware } from 'koa';
import { customerKey, tidyName } from '../common/customer-names';
import { InputError, UnsupportedMediaTypeError, jsonPointer, type FieldProblem } from '../common/errors';
import { dateProblem, dateTimeProblem, unstorableStrings } from '../common/storable';

/**
 * Keywords of our own (`x-` extensions, as OpenAPI allows them), for names people type, such as a
 * customer's: `x-tidyName: true` on a string tidies it once it is valid (common/customer-names.ts)
 * and refuses one of blanks only as empty; `x-distinctNames: true` on a list of names refuses a
 * name given twice in two spellings ("Demo", "demo "). Descriptions say so in words.
 */
const TIDY_NAME = 'x-tidyName';
const DISTINCT_NAMES = 'x-distinctNames';
const ONLY_BLANKS = 'must not be empty: it holds only blanks';
/**
 * What a tidied name's schema says of blanks for other tools (a client generator, a fuzzer): one
 * character that is not one (JavaScript's whitespace, as trim() takes it, spelt out so that every
 * regular-expression engine reads it alike). x-tidyName refuses the same names, in words.
 */
export const NOT_ONLY_BLANKS = '[^\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]';

const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: false, useDefaults: true, verbose: true });
addFormats(ajv);
// Dates as Postgres and Date can take them (years 1900-9999, offsets up to ±14:00), not merely as RFC 3339 spells them.
ajv.addFormat('date', (text: string) => dateProblem(text) === undefined);
ajv.addFormat('date-time', (text: string) => dateTimeProblem(text) === undefined);
function tidiedName(tidy: boolean, data: string, _schema?: unknown, at?: DataValidationCxt): boolean {
  tidiedName.errors = [] as Array<Partial<ErrorObject>>;
  if (!tidy) return true;
  const name = tidyName(data);
  // "" is the schema's own minLength; blanks alone are no more of a name.
  if (name === '' && data !== '') {
    tidiedName.errors = [{ keyword: 'minLength', message: ONLY_BLANKS, params: { limit: 1 } }];
    return false;
  }
  if (at?.parentData !== undefined) (at.parentData as Record<string | number, unknown>)[at.parentDataProperty] = name;
  return true;
}
tidiedName.errors = [] as Array<Partial<ErrorObject>>;
ajv.addKeyword({ keyword: TIDY_NAME, type: 'string', schemaType: 'boolean', modifying: true, errors: true, validate: tidiedName });
// A list of such names holds each once, however it is spelt: "Demo" and " demo" are one customer.
// Names spelt exactly alike are left to uniqueItems.
function distinctNames(distinct: boolean, data: unknown[], _schema?: unknown, at?: DataValidationCxt): boolean {
  const seen = new Map<string, string>();
  const errors: Array<Partial<ErrorObject>> = [];
  data.forEach((item, index) => {
    if (typeof item !== 'string') return;
    const first = seen.get(customerKey(item));
    if (first === undefined) seen.set(customerKey(item), item);
    else if (first !== item)
      errors.push({
        keyword: 'uniqueItems',
        instancePath: `${at?.instancePath ?? ''}/${index}`,
        message: `is "${tidyName(first)}" again: names are compared ignoring case and blanks`,
        params: {},
      });
  });
  distinctNames.errors = errors;
  return !distinct || errors.length === 0;
}
distinctNames.errors = [] as Array<Partial<ErrorObject>>;
ajv.addKeyword({ keyword: DISTINCT_NAMES, type: 'array', schemaType: 'boolean', errors: true, validate: distinctNames });
const compiled = new WeakMap<object, ValidateFunction>();
/** Patterns that say in words what they ask for (describedPattern). */
const patternWords = new Map<string, string>();

/** A schema pattern whose refusal says `words` instead of ajv's `must match pattern "…"`. */
export function describedPattern(pattern: string, words: string): string {
  patternWords.set(pattern, words);
  return pattern;
}

/**
 * Checks a request body against its JSON Schema and returns it typed from that same schema:
 * one source for validation, types and (later) the OpenAPI document. A string anywhere in it
 * that Postgres cannot store (common/storable.ts) is refused too, whatever the schema says.
 */
export function parseBody<const S extends JSONSchema & object>(schema: S, body: unknown, where = ''): FromSchema<S> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  const valid = validate(body);
  const unstorable: FieldProblem[] = unstorableStrings(body, where).map((problem) => ({
    ...problem,
    pointer: problem.pointer || '/',
    rule: 'storable',
  }));
  if (valid && unstorable.length === 0) return body as FromSchema<S>;
  // x-tidyName says the same as NOT_ONLY_BLANKS, in words: once is enough.
  const errors = (valid ? [] : (validate.errors ?? [])).filter((e) => !(e.keyword === 'pattern' && e.schema === NOT_ONLY_BLANKS));
  const problems = errors.map((e) => toProblem(e, where));
  // One problem per place: a string with a NUL is that, whatever pattern it also breaks.
  const places = new Set(unstorable.map((problem) => problem.pointer));
  throw new InputError('The request body is not valid.', [...unstorable, ...problems.filter((problem) => !places.has(problem.pointer))]);
}

/**
 * Checks a query string against its JSON Schema, as parseBody does a body: a query has only strings,
 * so a property the schema types `integer` is made a number when it reads as one (anything else is
 * left for the schema to refuse); the problems say they are query parameters.
 */
export function parseQuery<const S extends JSONSchema & object>(schema: S, raw: Record<string, unknown>): FromSchema<S> {
  const properties = (schema as { properties?: Record<string, { type?: unknown }> }).properties ?? {};
  const input = Object.fromEntries(
    Object.entries(raw).map(([name, value]) =>
      Object.hasOwn(properties, name) && properties[name]!.type === 'integer' && typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)
        ? [name, Number(value)]
        : [name, value],
    ),
  );
  try {
    // Through an untyped view of parseBody: its FromSchema<S> of a generic S is too deep for TypeScript.
    return (parseBody as (schema: object, body: unknown) => unknown)(schema, input) as FromSchema<S>;
  } catch (error) {
    if (error instanceof InputError) throw new InputError('The query parameters are not valid.', error.details);
    throw error;
  }
}

function toProblem(error: ErrorObject, where: string) {
  // ajv's instancePath is already a JSON pointer; the property it names in params is a raw name.
  const missing = error.keyword === 'required' ? jsonPointer((error.params as { missingProperty: string }).missingProperty) : '';
  const extra =
    error.keyword === 'additionalProperties' ? jsonPointer((error.params as { additionalProperty: string }).additionalProperty) : '';
  const pointer = `${where}${error.instancePath}${missing}${extra}` || '/';
  return { pointer, message: messageOf(error), rule: error.keyword };
}

function messageOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known property';
    case 'format':
      return formatMessage(error);
    case 'enum':
      return `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'minLength':
      // As a value's "" is worded (definitions/value-validation.ts); blanks alone say so (tidiedName).
      return (error.params as { limit?: number }).limit === 1 && error.message !== ONLY_BLANKS
        ? 'must not be empty'
        : (error.message ?? 'is too short');
    case 'pattern':
      return patternWords.get((error.params as { pattern: string }).pattern) ?? error.message ?? 'is not valid';
    default:
      return error.message ?? 'is not valid';
  }
}

/** What is wrong with a date, in words, rather than ajv's `must match format "date-time"`. */
function formatMessage(error: ErrorObject): string {
  const { format } = error.params as { format: string };
  const check = format === 'date' ? dateProblem : format === 'date-time' ? dateTimeProblem : undefined;
  return (check && typeof error.data === 'string' ? check(error.data) : undefined) ?? error.message ?? 'is not valid';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path parameter can be an id at all: anything else is answered 404 without asking Postgres (which would refuse to compare it). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** What a JSON body may be sent as: application/json, or a JSON type of its own (application/merge-patch+json). */
export const JSON_TYPES = ['application/json', '+json'];

/** An operation of the OpenAPI document (api/openapi/document.ts), by what its body is. */
export interface BodyOperation {
  method: string;
  path: string;
  /** A JSON body. */
  body?: object;
  /** A body of another kind, which the route reads itself. */
  yamlBody?: unknown;
  csvBody?: unknown;
  photoBody?: unknown;
}

/**
 * Runs `parseJson` for the operations that take JSON (or none), refusing with 415 a body of another
 * media type sent to one — a form, text/plain, no Content-Type — which the parser would leave
 * unread, so that the body would be answered as if its fields were missing. A body the route reads
 * itself (a CSV import, a photo, a job type's YAML) is left unparsed for it, whatever it is sent
 * as: the route answers another media type in its own words. An unknown path is parsed as before.
 */
export function jsonBodies(operations: readonly BodyOperation[], parseJson: Middleware): Middleware {
  const routes = operations.map((op) => ({
    op,
    method: op.method.toUpperCase(),
    literal: !op.path.includes('{'),
    pattern: new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
  }));
  return (ctx, next) => {
    const matching = routes.filter((route) => route.pattern.test(ctx.path));
    // A literal path is an operation of its own, even where a template matches it (api/literal-paths.ts).
    const literal = matching.filter((route) => route.literal);
    const op = (literal.length > 0 ? literal : matching).find((route) => route.method === ctx.method)?.op;
    if (op && (op.yamlBody !== undefined || op.csvBody !== undefined || op.photoBody !== undefined)) return next();
    if (op?.body && hasBody(ctx.req.headers) && !ctx.is(JSON_TYPES)) {
      const sent = ctx.get('content-type').split(';')[0]!.trim();
      throw new UnsupportedMediaTypeError(
        `Send the body as JSON, with Content-Type: application/json${sent ? ` (it was sent as ${sent})` : ' (it was sent without a Content-Type)'}.`,
        [
          {
            pointer: '/',
            message: sent ? `is ${sent}, not application/json` : 'has no Content-Type; send application/json',
            rule: 'contentType',
          },
        ],
      );
    }
    return parseJson(ctx, next);
  };
}

/** Whether a request carries a body at all: a Content-Length over 0, or a chunked one. */
function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  return headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;
}
