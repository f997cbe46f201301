import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { InputError, jsonPointer, type FieldProblem } from '../common/errors';
import { dateProblem, dateTimeProblem, unstorableStrings } from '../common/storable';

const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: false, useDefaults: true, verbose: true });
addFormats(ajv);
// Dates as Postgres and Date can take them (years 1900-9999, offsets up to ±14:00), not merely as RFC 3339 spells them.
ajv.addFormat('date', (text: string) => dateProblem(text) === undefined);
ajv.addFormat('date-time', (text: string) => dateTimeProblem(text) === undefined);
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
  const problems = (valid ? [] : (validate.errors ?? [])).map((e) => toProblem(e, where));
  // One problem per place: a string with a NUL is that, whatever pattern it also breaks.
  const places = new Set(unstorable.map((problem) => problem.pointer));
  throw new InputError('The request body is not valid.', [...unstorable, ...problems.filter((problem) => !places.has(problem.pointer))]);
}

function toProblem(error: ErrorObject, where: string) {
  // ajv's instancePath is already a JSON pointer; the property it names in params is a raw name.
  const missing = error.keyword === 'required' ? jsonPointer((error.params as { missingProperty: string }).missingProperty) : '';
  const extra =
    error.keyword === 'additionalProperties' ? jsonPointer((error.params as { additionalProperty: string }).additionalProperty) : '';
  const pointer = `${where}${error.instancePath}${missing}${extra}` || '/';
  const message =
    error.keyword === 'required'
      ? 'is required'
      : error.keyword === 'additionalProperties'
        ? 'is not a known property'
        : error.keyword === 'format'
          ? formatMessage(error)
          : error.keyword === 'enum'
            ? `must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`
            : error.keyword === 'pattern'
              ? (patternWords.get((error.params as { pattern: string }).pattern) ?? error.message ?? 'is not valid')
              : (error.message ?? 'is not valid');
  return { pointer, message, rule: error.keyword };
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
