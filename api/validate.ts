import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { InputError, jsonPointer } from '../common/errors';

const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: false, useDefaults: true });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Checks a request body against its JSON Schema and returns it typed from that same schema:
 * one source for validation, types and (later) the OpenAPI document.
 */
export function parseBody<const S extends JSONSchema & object>(schema: S, body: unknown, where = ''): FromSchema<S> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(body)) return body as FromSchema<S>;
  throw new InputError('The request body is not valid.', (validate.errors ?? []).map((e) => toProblem(e, where)));
}

function toProblem(error: ErrorObject, where: string) {
  // ajv's instancePath is already a JSON pointer; the property it names in params is a raw name.
  const missing = error.keyword === 'required' ? jsonPointer((error.params as { missingProperty: string }).missingProperty) : '';
  const extra = error.keyword === 'additionalProperties' ? jsonPointer((error.params as { additionalProperty: string }).additionalProperty) : '';
  const pointer = `${where}${error.instancePath}${missing}${extra}` || '/';
  const message =
    error.keyword === 'required' ? 'is required' : error.keyword === 'additionalProperties' ? 'is not a known property' : (error.message ?? 'is not valid');
  return { pointer, message, rule: error.keyword };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a path parameter can be an id at all: anything else is answered 404 without asking Postgres (which would refuse to compare it). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
