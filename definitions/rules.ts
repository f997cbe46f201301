// The rules a running job follows, as pure functions of a compiled job type and the job's state.
// Imports nothing from Node and nothing with I/O: the Temporal workflow (a deterministic sandbox)
// uses these in its update validators, the API may use them too.
import type { CompiledField, CompiledJobType, CompiledStep, JobValues, JsonObject, StepCondition, ValueIssue } from './compiled-job-type';
import { canonicalJson } from './canonical-json';
import { renderTemplate } from './template';

export function findStep(compiled: CompiledJobType, stepId: string): CompiledStep | undefined {
  return compiled.steps.find((step) => step.id === stepId);
}

export function findField(compiled: CompiledJobType, key: string): CompiledField | undefined {
  return compiled.fields.find((field) => field.key === key);
}

/**
 * The value of field `key` in a job's values: an own property only. A field key may be named like a
 * member of Object.prototype (constructor, toString, valueOf …), which `values[key]` and `key in
 * values` would find on every object, value or not.
 */
export function fieldValue(values: JobValues, key: string): unknown {
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/** A field without a value: absent, null or "". */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

// ── steps ────────────────────────────────────────────────────────────────────────────────────────
// A step's condition reads a field with preset "required", so the values given at creation are
// enough to know a job's steps; passing all current values works the same.

/** Whether `step` is part of a job with these values. */
export function stepApplies(step: CompiledStep, values: JobValues): boolean {
  return step.when === null || conditionValues(step.when).includes(fieldValue(values, step.when.field) as string | boolean);
}

/** The values of its field for which a condition holds: `equals`, or the list `in`. */
export function conditionValues(when: StepCondition): readonly (string | boolean)[] {
  return when.in ?? (when.equals === undefined ? [] : [when.equals]);
}

/** A condition in words, e.g. `operation is swap` or `operation is swap or replace`. */
export function describeCondition(when: StepCondition): string {
  const values = conditionValues(when).map(String);
  return `${when.field} is ${values.length <= 1 ? (values[0] ?? 'nothing') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`}`;
}

/** The job's steps, in order: those whose condition its values meet. */
export function applicableSteps(compiled: CompiledJobType, values: JobValues): CompiledStep[] {
  return compiled.steps.filter((step) => stepApplies(step, values));
}

/** The step the installer has to do next, or null when all are done. Steps go strictly in order. */
export function nextStep(compiled: CompiledJobType, completedStepIds: readonly string[], values: JobValues): CompiledStep | null {
  return applicableSteps(compiled, values).find((step) => !completedStepIds.includes(step.id)) ?? null;
}

export interface StepOrderRefusal {
  readonly rule: 'unknownStep' | 'notApplicable' | 'alreadyCompleted' | 'outOfOrder';
  readonly message: string;
}

/** Why `stepId` cannot be completed now, or null when it is the next step. */
export function checkStepOrder(
  compiled: CompiledJobType,
  completedStepIds: readonly string[],
  stepId: string,
  values: JobValues,
): StepOrderRefusal | null {
  const step = findStep(compiled, stepId);
  if (step === undefined) {
    return { rule: 'unknownStep', message: `job type ${compiled.id}@${compiled.version} has no step "${stepId}"` };
  }
  if (step.when !== null && !stepApplies(step, values)) {
    return { rule: 'notApplicable', message: `step "${step.title}" is not part of this job (only when ${describeCondition(step.when)})` };
  }
  if (completedStepIds.includes(stepId)) {
    return { rule: 'alreadyCompleted', message: `step "${step.title}" is already completed` };
  }
  const next = nextStep(compiled, completedStepIds, values);
  if (next !== null && next.id !== stepId) {
    return { rule: 'outOfOrder', message: `step "${step.title}" cannot be completed before step "${next.title}"` };
  }
  return null;
}

/** Checklist items of the step that were not ticked. */
export function missingChecklistItems(step: CompiledStep, ticked: readonly string[]): string[] {
  return step.checklist.filter((item) => !ticked.includes(item));
}

/** Ticked items the step's checklist does not have, with their place in what was ticked. */
export function unknownChecklistItems(step: CompiledStep, ticked: readonly string[]): Array<{ index: number; item: string }> {
  return ticked.flatMap((item, index) => (step.checklist.includes(item) ? [] : [{ index, item }]));
}

// ── values and locks ─────────────────────────────────────────────────────────────────────────────

/** Keys of the fields given a value at creation: the installer may read but never change them. */
export function lockedFieldKeys(compiled: CompiledJobType, presetValues: JobValues): string[] {
  return compiled.fields.filter((field) => isLockedByPreset(presetValues, field.key)).map((field) => field.key);
}

/** Whether the provider's value locks field `key`: it was given a value at creation. */
export function isLockedByPreset(presetValues: JobValues, key: string): boolean {
  return !isBlank(fieldValue(presetValues, key));
}

/**
 * The submitted values a job takes: those of locked fields are left out, since a locked field keeps
 * its value whatever was re-sent (lockViolation says whether the re-sent value was the same).
 */
export function unlockedValues(compiled: CompiledJobType, presetValues: JobValues, submitted: JobValues): JobValues {
  const locked = new Set(lockedFieldKeys(compiled, presetValues));
  return Object.fromEntries(Object.entries(submitted).filter(([key]) => !locked.has(key)));
}

/** Submitted values that would change a locked field. Re-sending the same value is harmless. */
export function lockViolations(compiled: CompiledJobType, presetValues: JobValues, submitted: JobValues): ValueIssue[] {
  return lockedFieldKeys(compiled, presetValues)
    .filter((key) => Object.hasOwn(submitted, key))
    .map((key) => lockViolation(compiled, presetValues, key, submitted[key]))
    .filter((issue): issue is ValueIssue => issue !== null);
}

/**
 * Why `value` may not be submitted for field `key`, or null. A locked field may be re-sent
 * unchanged; "unchanged" is compared as canonical JSON, so an address whose keys come in another
 * order is the same address.
 */
export function lockViolation(compiled: CompiledJobType, presetValues: JobValues, key: string, value: unknown): ValueIssue | null {
  if (!isLockedByPreset(presetValues, key) || canonicalJson(value) === canonicalJson(fieldValue(presetValues, key))) return null;
  const label = findField(compiled, key)?.label ?? key;
  return {
    pointer: `/values/${key}`,
    field: key,
    rule: 'locked',
    message: `${label} was set when the job was created and cannot be changed`,
  };
}

/**
 * Keys of required fields still blank; the job cannot succeed while any is. A field collected by a
 * step that is not part of this job is not required of it.
 */
export function missingRequiredFields(compiled: CompiledJobType, values: JobValues): string[] {
  const skipped = new Set(compiled.steps.filter((step) => !stepApplies(step, values)).map((step) => step.id));
  return compiled.fields
    .filter((field) => field.required && isBlank(fieldValue(values, field.key)))
    .filter((field) => field.preset === 'required' || field.collectedBy === null || !skipped.has(field.collectedBy))
    .map((field) => field.key);
}

export interface CompletionBlockers {
  /** Steps of this job not yet completed, in order. */
  readonly pendingSteps: readonly string[];
  /** Required fields still blank. */
  readonly missingFields: readonly string[];
}

/** What still stands between the job and SUCCEEDED; both lists empty means it may complete. */
export function completionBlockers(
  compiled: CompiledJobType,
  progress: { readonly completedStepIds: readonly string[]; readonly values: JobValues },
): CompletionBlockers {
  return {
    pendingSteps: applicableSteps(compiled, progress.values)
      .filter((step) => !progress.completedStepIds.includes(step.id))
      .map((step) => step.id),
    missingFields: missingRequiredFields(compiled, progress.values),
  };
}

// ── CloudBoxx configuration ──────────────────────────────────────────────────────────────────────

export class ConfigurationRenderError extends Error {
  override readonly name = 'ConfigurationRenderError';
  constructor(readonly missingFields: readonly string[]) {
    super(`the CloudBoxx configuration needs values for ${missingFields.map((key) => `"${key}"`).join(', ')}`);
  }
}

/** Fields the configuration template refers to that have neither a value nor a default. */
export function unresolvedPlaceholders(compiled: CompiledJobType, values: JobValues): string[] {
  if (compiled.configurationTemplate === null) return [];
  return [...renderTemplate(compiled.configurationTemplate, valueOrDefault(compiled, values)).unresolved];
}

/**
 * The configuration to push to the CloudBoxx: the template with every ${field} filled from the
 * job's values (a blank field falls back to its default). Throws ConfigurationRenderError when a
 * placeholder has nothing to fill it; returns {} for a type without configuration.
 */
export function renderCloudBoxxConfiguration(compiled: CompiledJobType, values: JobValues): JsonObject {
  if (compiled.configurationTemplate === null) return {};
  const { rendered, unresolved } = renderTemplate(compiled.configurationTemplate, valueOrDefault(compiled, values));
  if (unresolved.length > 0) throw new ConfigurationRenderError(unresolved);
  return rendered;
}

/**
 * The configuration as far as `values` (and the fields' defaults) allow, for a preview: a
 * placeholder with nothing to fill it stays as written, `${key}`, and is listed in `unresolved`.
 * null for a type without configuration.
 */
export function partialCloudBoxxConfiguration(
  compiled: CompiledJobType,
  values: JobValues,
): { readonly configuration: JsonObject | null; readonly unresolved: readonly string[] } {
  if (compiled.configurationTemplate === null) return { configuration: null, unresolved: [] };
  const { rendered, unresolved } = renderTemplate(compiled.configurationTemplate, valueOrDefault(compiled, values), {
    keepUnresolved: true,
  });
  return { configuration: rendered, unresolved };
}

function valueOrDefault(compiled: CompiledJobType, values: JobValues): (key: string) => unknown {
  return (key) => {
    const value = fieldValue(values, key);
    return isBlank(value) ? findField(compiled, key)?.default : value;
  };
}
