// Validates a job's values against the schemas derived from its job type (value-schemas.ts),
// compiled once per job type version and side, and explains each refusal per field.
// ajv compiles validators with `new Function`; it touches no Node built-in, but this module is
// kept out of rules.ts so the workflow sandbox only takes it on purpose.
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { dateProblem, dateTimeProblem, unstorableStrings } from '../common/storable';
import type { CompiledField, CompiledJobType, JobValues, ValueIssue, ValueRule } from './compiled-job-type';
import { linearRegExp } from './linear-regexp';
import { fieldValue, findStep, lockedFieldKeys, lockViolations, unlockedValues } from './rules';
import { didYouMean } from './suggest';
import { canonicalJson } from './canonical-json';
import { fieldValueSchema, MAX_ADDRESS_TEXT_LENGTH, providerValuesSchema, SAFE_INTEGER_LIMIT, stepValuesSchema } from './value-schemas';

// Patterns come from tenants' job types: matched by RE2, in time linear in the value (linear-regexp.ts).
// ownProperties: a field key may be named like a member of Object.prototype (constructor,
// toString): a value is one the job has, never one every object inherits.
const ajv = new Ajv2020({ allErrors: true, strict: true, ownProperties: true, code: { regExp: linearRegExp } });
// A value the workflow accepts is written to the read model: dates as Postgres and Date can take them
// (common/storable.ts), the same formats the API checks bodies with.
ajv.addFormat('date', (text: string) => dateProblem(text) === undefined);
ajv.addFormat('date-time', (text: string) => dateTimeProblem(text) === undefined);

const CACHE_LIMIT = 500;
/** Per job type content and side. */
const validators = new Map<string, ValidateFunction>();
/** Per single field's rules (defaults at load, values filled from the vehicle or edited one by one). */
const fieldValidators = new Map<string, ValidateFunction>();

/** Compiles at most once per key; the oldest entries go first when full. */
function cachedValidator(cache: Map<string, ValidateFunction>, cacheKey: string, schema: () => object): ValidateFunction {
  let validate = cache.get(cacheKey);
  if (validate === undefined) {
    validate = ajv.compile(schema());
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(cacheKey, validate);
  }
  return validate;
}

/** How many value validators are compiled and cached (for tests and diagnostics). */
export function cachedValueValidatorCount(): number {
  return validators.size;
}

/** Whose values: the provider's, when it creates the job or edits it (the refusals say which), or a step's. */
type Side = { kind: 'provider'; doing: 'create' | 'edit' } | { kind: 'step'; stepId: string };

/**
 * Values given when creating or editing a job (`doing`, which the refusals' words follow). Empty
 * list: accepted. Checked against the job type's rules as values already held are (`kept`, see
 * value-schemas.ts); values given now are held to newValueIssues too.
 */
export function validateProviderValues(compiled: CompiledJobType, values: unknown, doing: 'create' | 'edit' = 'create'): ValueIssue[] {
  if (!isRecord(values)) return [notAnObject()];
  const validate = cachedValidator(validators, `${compiled.id}@${compiled.version}#${compiled.contentHash}:provider`, () =>
    providerValuesSchema(compiled, 'kept'),
  );
  const schemaIssues = validate(values) ? [] : translateAll(validate.errors, compiled, { kind: 'provider', doing }, values);
  return withUnstorable(compiled, values, schemaIssues);
}

/**
 * Values the installer submits with step `stepId`. `presetValues` are the values given at creation:
 * they count towards the step's required fields and may not be changed.
 */
export function validateStepValues(compiled: CompiledJobType, stepId: string, values: unknown, presetValues: JobValues = {}): ValueIssue[] {
  const step = findStep(compiled, stepId);
  if (step === undefined) {
    return [
      { pointer: '', field: null, rule: 'unknownStep', message: `job type ${compiled.id}@${compiled.version} has no step "${stepId}"` },
    ];
  }
  if (!isRecord(values)) return [notAnObject()];
  const lockIssues = lockViolations(compiled, presetValues, values);
  // Checked as the job will hold them: the step's locked fields keep their preset values.
  const locked = new Set(lockedFieldKeys(compiled, presetValues));
  const merged: Record<string, unknown> = {};
  for (const key of step.collect) if (locked.has(key)) merged[key] = fieldValue(presetValues, key);
  Object.assign(merged, unlockedValues(compiled, presetValues, values));

  const validate = cachedValidator(validators, `${compiled.id}@${compiled.version}#${compiled.contentHash}:step:${stepId}`, () => {
    const schema = stepValuesSchema(compiled, stepId, 'kept');
    if (schema === undefined) throw new Error(`unreachable: step ${stepId} vanished`);
    return schema;
  });
  const schemaIssues = validate(merged) ? [] : translateAll(validate.errors, compiled, { kind: 'step', stepId }, merged);
  return withUnstorable(compiled, values, [...lockIssues, ...schemaIssues]);
}

/** Why `value` does not fit `field`'s rules (the loader checks defaults with it, a workflow the values a vehicle reports). */
export function fieldValueProblems(
  field: Pick<CompiledField, 'type' | 'validation' | 'multiple'>,
  value: unknown,
  label = 'the default',
): string[] {
  return fieldValueIssues(field, value, label).map((problem) => problem.message);
}

/**
 * fieldValueProblems with the rule each breaks, named as a job's create and step refusals name it
 * (pattern, enum, minimum …; `invalid` for a string that cannot be stored): for a value edited on
 * its own (PATCH /v1/jobs/{id}/values). Checked as values already held are (`kept`).
 */
export function fieldValueIssues(
  field: Pick<CompiledField, 'type' | 'validation' | 'multiple'>,
  value: unknown,
  label = 'the default',
): Array<{ message: string; rule: ValueRule }> {
  const unstorable = unstorableStrings(value).map(({ pointer, message }) => ({
    message: `${label}${pointer === '' ? '' : `: ${pointer.slice(1).split('/').map(unescapePointer).join('.')}`} ${message}`,
    rule: 'invalid' as const,
  }));
  if (unstorable.length > 0) return unstorable;
  const schema = fieldValueSchema(field, 'kept');
  // Compiled once per field's rules, not on every value.
  const validate = cachedValidator(fieldValidators, JSON.stringify(schema), () => schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => ({ message: explain(error, { ...field, label }, '', value), rule: ruleOf(error.keyword) }));
}

/**
 * The rules a value is held to when it is given — a job created, edited or imported, a step
 * completed, values saved — beyond the job type's schema: a text of blanks only is no text
 * (refused as "" is, rule minLength), and an address's text has at most MAX_ADDRESS_TEXT_LENGTH
 * characters (maxLength). Not where values already held are checked again: a workflow's handler
 * re-checks each update as it applies it, also when it replays one accepted before these rules,
 * and must decide as it did then — so a workflow applies them in its update validators only.
 *
 * Answers `issues` (the job type's rules, as validateProviderValues or validateStepValues found
 * them) with these in front; one per place, as blanks are all there is to say of a value of blanks.
 */
export function newValueIssues(compiled: CompiledJobType, given: unknown, issues: readonly ValueIssue[] = []): ValueIssue[] {
  const found: ValueIssue[] = [];
  for (const [key, value] of isRecord(given) ? Object.entries(given) : []) {
    const field = compiled.fields.find((candidate) => candidate.key === key);
    if (field === undefined) continue;
    const pointer = `/values/${escapePointer(key)}`;
    found.push(
      ...newFieldValueProblems(field, value).map((problem) => issue(`${pointer}${problem.at}`, key, problem.rule, problem.message)),
    );
  }
  return withNewValueIssues(found, issues);
}

/**
 * newValueIssues of one field's value, at most one: where in the value (`/text` of an address),
 * which rule, and why. The loader holds a field's default to them too, as it is given to every job.
 */
export function newFieldValueProblems(
  field: Pick<CompiledField, 'type' | 'label'> & { validation: Pick<CompiledField['validation'], 'options'> },
  value: unknown,
): Array<{ at: '' | '/text'; rule: 'minLength' | 'maxLength'; message: string }> {
  const textOf = field.type === 'address' && isRecord(value) ? fieldValue(value, 'text') : undefined;
  if ((field.type === 'string' || field.type === 'text') && onlyBlanks(value))
    return [{ at: '', rule: 'minLength', message: `${field.label} ${ONLY_BLANKS}` }];
  if (field.type === 'enum' && onlyBlanks(value) && !(field.validation.options ?? []).some((option) => option.value === value))
    return [{ at: '', rule: 'minLength', message: `${field.label} ${ONLY_BLANKS}` }];
  if (onlyBlanks(textOf)) return [{ at: '/text', rule: 'minLength', message: `${field.label}: text ${ONLY_BLANKS}` }];
  if (typeof textOf === 'string' && characters(textOf) > MAX_ADDRESS_TEXT_LENGTH)
    return [
      {
        at: '/text',
        rule: 'maxLength',
        message: `${field.label}: text must be at most ${MAX_ADDRESS_TEXT_LENGTH} characters long (it has ${characters(textOf)})`,
      },
    ];
  return [];
}

/**
 * newValueIssues of the values an update to a job gives (its `values`), for the workflow's update
 * validators: a value equal to what the job holds is not given now, but sent back as it was (a
 * form sends every field), and was judged when it was.
 */
export function givenValueIssues(compiled: CompiledJobType, held: JobValues, request: unknown): ValueIssue[] {
  const values = isRecord(request) ? request.values : undefined;
  if (!isRecord(values)) return [];
  const given = Object.fromEntries(
    Object.entries(values).filter(([key, value]) => canonicalJson(value) !== canonicalJson(fieldValue(held, key) ?? null)),
  );
  return newValueIssues(compiled, given);
}

/** `found` (newValueIssues) in front of the other problems of a request, which say nothing more at the same places. */
export function withNewValueIssues<P extends { pointer: string }>(
  found: readonly ValueIssue[],
  problems: readonly P[],
): Array<ValueIssue | P> {
  const places = new Set(found.map((problem) => problem.pointer));
  // An address's text of blanks is what is wrong with the address too.
  const fields = new Set(found.map((problem) => problem.pointer.replace(/\/text$/, '')));
  return [...found, ...problems.filter((problem) => !places.has(problem.pointer) && !fields.has(problem.pointer))];
}

const ONLY_BLANKS = 'must not be empty: it holds only blanks';

/** Characters as JSON Schema's maxLength counts them: code points, an emoji one. */
function characters(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Text that is there but holds nothing: blanks, tabs, line breaks. "" is blank too, but the schema's minLength says so. */
function onlyBlanks(value: unknown): boolean {
  return typeof value === 'string' && value !== '' && value.trim() === '';
}

/**
 * The submitted values' strings that Postgres cannot store (a NUL, a lone surrogate), in front of
 * the other issues: whatever else a value breaks, that is what to fix. Property names count too.
 */
function withUnstorable(compiled: CompiledJobType, values: Record<string, unknown>, issues: ValueIssue[]): ValueIssue[] {
  const unstorable = unstorableStrings(values, '/values').map(({ pointer, message }): ValueIssue => {
    const [key = '', ...inner] = pointer.split('/').slice(2).map(unescapePointer);
    const field = compiled.fields.find((candidate) => candidate.key === key);
    const subject = inner.length === 0 ? (field?.label ?? 'A field') : `${field?.label ?? key}: ${inner.join('.')}`;
    return issue(pointer, field ? key : null, 'invalid', `${subject} ${message}`);
  });
  if (unstorable.length === 0) return issues;
  const places = new Set(unstorable.map((found) => found.pointer));
  return [...unstorable, ...issues.filter((other) => !places.has(other.pointer))];
}

function translateAll(
  errors: ErrorObject[] | null | undefined,
  compiled: CompiledJobType,
  side: Side,
  values: Record<string, unknown>,
): ValueIssue[] {
  const issues: ValueIssue[] = [];
  for (const error of errors ?? []) {
    const issue = translate(error, compiled, side, values);
    // ajv may report one field twice (e.g. a missing required field merged from presets); keep one.
    if (!issues.some((seen) => seen.pointer === issue.pointer && seen.rule === issue.rule)) issues.push(issue);
  }
  // "" breaks the pattern too, but "must not be empty" is all there is to say.
  const empty = new Set(
    issues.filter((issue) => issue.rule === 'minLength' && fieldValue(values, issue.field ?? '') === '').map((issue) => issue.pointer),
  );
  return issues.filter((issue) => !empty.has(issue.pointer) || issue.rule === 'minLength');
}

function translate(error: ErrorObject, compiled: CompiledJobType, side: Side, values: Record<string, unknown>): ValueIssue {
  const params = error.params as Record<string, unknown>;
  const [first, ...rest] = error.instancePath.split('/').slice(1).map(unescapePointer);
  const fieldKey = first ?? (error.keyword === 'required' ? String(params.missingProperty) : String(params.additionalProperty));
  const field = compiled.fields.find((candidate) => candidate.key === fieldKey);
  // A missing part of a value (an address without text) is addressed where it should be.
  const missingPart = error.keyword === 'required' && first !== undefined ? [String(params.missingProperty)] : [];
  const pointer = `/values/${[fieldKey, ...rest, ...missingPart].map(escapePointer).join('/')}`;
  const label = field?.label ?? fieldKey;

  if (first === undefined && error.keyword === 'additionalProperties') {
    const known = compiled.fields.map((candidate) => candidate.key);
    return issue(pointer, null, 'unknownField', `unknown field "${fieldKey}"${didYouMean(fieldKey, known)}`);
  }
  if (first === undefined && error.keyword === 'required') {
    const when =
      side.kind === 'step'
        ? 'is required in this step'
        : side.doing === 'create'
          ? 'must be given when the job is created'
          : 'must be given by the provider and cannot be cleared';
    return issue(pointer, fieldKey, 'required', `${label} ${when}`);
  }
  if (error.keyword === 'false schema' && rest.length === 0) {
    // A field a step's action fills comes from the vehicle, neither from the provider nor typed in.
    const filler = compiled.steps.find((step) => Object.hasOwn(step.fills, fieldKey));
    // What the provider cannot set, in the words of what it does: creating the job, or editing it.
    const notByProvider =
      side.kind === 'provider' && side.doing === 'edit' ? 'cannot be set by the provider' : 'cannot be set when the job is created';
    if (filler !== undefined) {
      const fromVehicle = `${label} is filled from what the vehicle reports when step "${filler.id}" runs its action`;
      return side.kind === 'provider'
        ? issue(pointer, fieldKey, 'presetForbidden', `${fromVehicle}, and ${notByProvider}`)
        : issue(pointer, fieldKey, 'notInStep', `${fromVehicle}; nobody types it in`);
    }
    if (side.kind === 'provider') {
      const filledBy = field?.type === 'photo' ? 'a photo the installer uploads while the job runs' : 'filled in by the installer';
      return issue(pointer, fieldKey, 'presetForbidden', `${label} is ${filledBy} and ${notByProvider}`);
    }
    const elsewhere = field?.collectedBy ? `; it belongs to step "${field.collectedBy}"` : '; only the provider sets it';
    return issue(pointer, fieldKey, 'notInStep', `${label} is not collected in step "${side.stepId}"${elsewhere}`);
  }
  if (field === undefined) return issue(pointer, fieldKey, 'invalid', `${label} is not valid`);
  const value = [fieldKey, ...rest].reduce<unknown>((node, key) => (isRecord(node) ? fieldValue(node, key) : undefined), values);
  return issue(pointer, fieldKey, ruleOf(error.keyword), explain(error, field, rest.join('.'), value));
}

/** The sentence for one ajv error on a field's value, starting with the field's label. */
function explain(
  error: ErrorObject,
  field: Pick<CompiledField, 'type' | 'validation' | 'label' | 'multiple'>,
  inner: string,
  value: unknown,
): string {
  const params = error.params as Record<string, unknown>;
  const subject = inner === '' ? field.label : `${field.label}: ${inner}`;
  switch (error.keyword) {
    case 'type':
      return inner === '' ? `${subject} must be ${valueNoun(field)}` : `${subject} must be ${String(params.type)}`;
    case 'required':
      return `${subject} needs "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `${subject} has an unknown key "${String(params.additionalProperty)}"; ${VALUE_NOUNS[field.type]} has no such part`;
    case 'dependentRequired':
      return `${subject} needs both lat and lng, or neither`;
    case 'pattern':
      return `${subject} ${field.validation.patternMessage ?? `must match the pattern ${String(params.pattern)}`}`;
    case 'minLength':
      return params.limit === 1 ? `${subject} must not be empty` : `${subject} must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `${subject} must be at most ${String(params.limit)} characters long`;
    case 'minimum':
      return `${subject} must be at least ${String(params.limit)}${unsafeBeyond(field, params.limit, 'smaller')}`;
    case 'maximum':
      return `${subject} must be at most ${String(params.limit)}${unsafeBeyond(field, params.limit, 'larger')}`;
    case 'minItems':
      return `${subject} needs at least ${photos(Number(params.limit))}`;
    case 'maxItems':
      return `${subject} takes at most ${photos(Number(params.limit))}`;
    case 'uniqueItems':
      return `${subject} lists the same photo twice`;
    case 'enum': {
      const values = (field.validation.options ?? []).map((option) => option.value);
      const quoted = values.map((option) => `"${option}"`);
      const choices = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : (quoted[0] ?? 'nothing');
      // Only a text is like an option; anything else (an object whose toString is not a function, too) suggests nothing.
      return `${subject} must be one of ${choices}${typeof value === 'string' ? didYouMean(value, values) : ''}`;
    }
    case 'format': {
      const problem = typeof value === 'string' ? (params.format === 'date' ? dateProblem(value) : dateTimeProblem(value)) : undefined;
      return `${subject} ${problem ?? `must be ${params.format === 'date' ? 'a date like 2026-11-23' : 'a date and time with time zone, like 2026-11-23T14:30:00Z'}`}`;
    }
    default:
      return `${subject} is not valid (${error.keyword})`;
  }
}

/** Why an integer field's bound is ±(2^53 − 1) when its own rules set none so far. */
function unsafeBeyond(field: Pick<CompiledField, 'type'>, limit: unknown, beyond: 'smaller' | 'larger'): string {
  if (field.type !== 'integer' || Math.abs(Number(limit)) !== SAFE_INTEGER_LIMIT) return '';
  return `: a ${beyond} whole number is not kept exactly (it would be rounded)`;
}

const VALUE_NOUNS: Record<CompiledField['type'], string> = {
  string: 'text',
  text: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  enum: 'one of the listed options',
  date: 'a date like 2026-11-23',
  datetime: 'a date and time with time zone, like 2026-11-23T14:30:00Z',
  address: 'an address {text, lat?, lng?}',
  photo: 'a photo reference {photoId}',
};

/** What a field's value must be, in words: a photo field with multiple: true takes a list. */
function valueNoun(field: Pick<CompiledField, 'type' | 'multiple'>): string {
  return field.type === 'photo' && field.multiple === true ? 'a list of photo references [{photoId}, …]' : VALUE_NOUNS[field.type];
}

function photos(count: number): string {
  return count === 1 ? '1 photo' : `${count} photos`;
}

const RULES: Record<string, ValueRule> = {
  type: 'type',
  required: 'required',
  pattern: 'pattern',
  minLength: 'minLength',
  maxLength: 'maxLength',
  minimum: 'minimum',
  maximum: 'maximum',
  minItems: 'minItems',
  maxItems: 'maxItems',
  uniqueItems: 'photoInUse',
  enum: 'enum',
  format: 'format',
};

function ruleOf(keyword: string): ValueRule {
  return RULES[keyword] ?? 'invalid';
}

function issue(pointer: string, field: string | null, rule: ValueRule, message: string): ValueIssue {
  return { pointer, field, rule, message };
}

function notAnObject(): ValueIssue {
  return { pointer: '/values', field: null, rule: 'type', message: 'values must be a mapping from field key to value' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
