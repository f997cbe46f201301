// JSON Schemas for a job's values, derived from a compiled job type: one for the provider creating
// the job, one per step for the installer. Pure data, so the API can also publish them (e.g. in
// GET /v1/job-types/{id}) for portals to render and pre-check their forms.
import type { CompiledField, CompiledJobType, JsonObject } from './compiled-job-type';

type FieldRules = Pick<CompiledField, 'type' | 'validation'> & Partial<Pick<CompiledField, 'label' | 'description' | 'multiple'>>;

/** How many photos a photo field with multiple: true takes when its maxItems does not say. */
export const DEFAULT_MAX_PHOTOS = 20;

/**
 * The whole numbers a value keeps exactly, ±(2^53 − 1): beyond them a JSON number is rounded to its
 * neighbour (9007199254740993 arrives as …992), so an integer field takes none of them.
 */
export const SAFE_INTEGER_LIMIT = Number.MAX_SAFE_INTEGER;

/** The longest address text a value given now may have: an address with directions, not a document. */
export const MAX_ADDRESS_TEXT_LENGTH = 500;

/**
 * Which rules a schema states. `given`: all, as published for portals and met by every value given
 * now. `kept`: without the rules added after values were first accepted (MAX_ADDRESS_TEXT_LENGTH):
 * what values already held are checked against again, inside a workflow that replays its history
 * too — an update accepted under the older rules must be decided as it was (value-validation.ts,
 * newValueIssues, holds given values to the rest).
 */
export type ValueRuleSet = 'given' | 'kept';

/** Schema of one field's value. A blank is not a value: omit the key instead of sending "" or null. */
export function fieldValueSchema(field: FieldRules, rules: ValueRuleSet = 'given'): JsonObject {
  const validation = field.validation;
  const annotations: JsonObject = {};
  if (field.label !== undefined) annotations.title = field.label;
  if (field.description !== undefined) annotations.description = field.description;
  switch (field.type) {
    case 'string':
    case 'text':
      return {
        ...annotations,
        type: 'string',
        minLength: Math.max(1, validation.minLength ?? 1),
        ...(validation.maxLength !== undefined && { maxLength: validation.maxLength }),
        ...(validation.pattern !== undefined && { pattern: validation.pattern }),
      };
    case 'integer':
      return {
        ...annotations,
        type: 'integer',
        minimum: Math.max(validation.minimum ?? -SAFE_INTEGER_LIMIT, -SAFE_INTEGER_LIMIT),
        maximum: Math.min(validation.maximum ?? SAFE_INTEGER_LIMIT, SAFE_INTEGER_LIMIT),
      };
    case 'number':
      return {
        ...annotations,
        type: field.type,
        ...(validation.minimum !== undefined && { minimum: validation.minimum }),
        ...(validation.maximum !== undefined && { maximum: validation.maximum }),
      };
    case 'boolean':
      return { ...annotations, type: 'boolean' };
    case 'enum':
      return { ...annotations, type: 'string', enum: (validation.options ?? []).map((option) => option.value) };
    case 'date':
      return { ...annotations, type: 'string', format: 'date' };
    case 'datetime':
      return { ...annotations, type: 'string', format: 'date-time' };
    case 'address':
      return {
        ...annotations,
        type: 'object',
        additionalProperties: false,
        required: ['text'],
        properties: {
          text: {
            type: 'string',
            minLength: 1,
            ...(rules === 'given' && { maxLength: MAX_ADDRESS_TEXT_LENGTH }),
            description: 'The address as people read it; not blanks only.',
          },
          lat: { type: 'number', minimum: -90, maximum: 90, description: 'Latitude (WGS 84), when geocoded.' },
          lng: { type: 'number', minimum: -180, maximum: 180, description: 'Longitude (WGS 84), when geocoded.' },
          mapUrl: { type: 'string', maxLength: 2000, description: 'Ignored: the API answers the OpenStreetMap link of the coordinates.' },
        },
        dependentRequired: { lat: ['lng'], lng: ['lat'] },
      };
    case 'photo': {
      const photo: JsonObject = {
        type: 'object',
        additionalProperties: false,
        required: ['photoId'],
        properties: {
          photoId: { type: 'string', minLength: 1, description: 'Id of a photo uploaded for the job (POST /v1/jobs/{id}/photos).' },
        },
      };
      if (field.multiple !== true) return { ...annotations, ...photo };
      return {
        ...annotations,
        type: 'array',
        items: photo,
        minItems: validation.minItems ?? 1,
        maxItems: validation.maxItems ?? DEFAULT_MAX_PHOTOS,
        uniqueItems: true,
      };
    }
  }
}

/**
 * Values the provider may give when creating (or editing) a job: every field optional unless its
 * preset is "required"; fields with preset "forbidden" are `false` (present = refused).
 */
export function providerValuesSchema(compiled: CompiledJobType, rules: ValueRuleSet = 'given'): JsonObject {
  const properties: JsonObject = {};
  // A photo exists only once the installer uploads it for the running job.
  for (const field of compiled.fields)
    properties[field.key] = field.preset === 'forbidden' || field.type === 'photo' ? false : fieldValueSchema(field, rules);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `${compiled.title} (v${compiled.version}): values at creation`,
    type: 'object',
    additionalProperties: false,
    properties,
    required: compiled.fields.filter((field) => field.preset === 'required').map((field) => field.key),
  };
}

/**
 * Values the installer submits when completing a step: the fields that step collects, the
 * required ones required; other fields of the job type are `false` (they belong elsewhere).
 * Validate it against the submitted values merged over the values locked at creation.
 */
export function stepValuesSchema(compiled: CompiledJobType, stepId: string, rules: ValueRuleSet = 'given'): JsonObject | undefined {
  const step = compiled.steps.find((candidate) => candidate.id === stepId);
  if (step === undefined) return undefined;
  const properties: JsonObject = {};
  for (const field of compiled.fields) properties[field.key] = step.collect.includes(field.key) ? fieldValueSchema(field, rules) : false;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `${compiled.title} (v${compiled.version}): step "${step.title}"`,
    type: 'object',
    additionalProperties: false,
    properties,
    required: compiled.fields.filter((field) => field.required && step.collect.includes(field.key)).map((field) => field.key),
  };
}
