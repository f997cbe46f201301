// Turns a definition that passed every check into the CompiledJobType that the API, the worker
// and each job's workflow carry around.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { DEFAULT_ACTION_TIMEOUT } from './actions';
import { parseDurationMs } from './durations';
import { COMPILED_FORMAT } from './compiled-job-type';
import type {
  CompiledField,
  CompiledJobType,
  CompiledStep,
  FieldValue,
  JsonObject,
  SecuringCommand,
  VehicleStateProperty,
} from './compiled-job-type';
import type { JobTypeDefinition } from './job-type.generated';

/** sha256 (hex) of the definition's canonical JSON: formatting and comments do not change it. */
export function contentHash(definition: unknown): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

/** What the engine does when access ends unless the job type says otherwise: leave the vehicle locked and immobilised. */
export const DEFAULT_ON_END: readonly SecuringCommand[] = ['lock', 'disableDriving'];

export function compileJobType(definition: JobTypeDefinition, source: CompiledJobType['source']): CompiledJobType {
  // A filled field belongs to the step whose action fills it, so it is required only where that step applies.
  const collectedBy = new Map<string, string>();
  for (const step of definition.steps) {
    for (const key of step.collect ?? []) collectedBy.set(key, step.id);
    for (const key of Object.keys(step.fills ?? {})) collectedBy.set(key, step.id);
  }
  const vehicle = definition.vehicle;

  const fields = definition.fields.map((field): CompiledField => ({
    key: field.key,
    label: field.label,
    section: field.section,
    type: field.type,
    required: field.required === true || field.preset === 'required',
    preset: field.preset ?? 'allowed',
    searchable: field.searchable === true,
    ...(field.multiple === true && { multiple: true }),
    ...(field.default !== undefined && { default: field.default as FieldValue }),
    ...(field.description !== undefined && { description: field.description }),
    validation: { ...field.validation },
    collectedBy: collectedBy.get(field.key) ?? null,
  }));
  const { startWithin, completeWithin } = definition.deadlines ?? {};
  return {
    format: COMPILED_FORMAT,
    id: definition.id,
    version: definition.version,
    title: definition.title,
    ...(definition.description !== undefined && { description: definition.description }),
    contentHash: contentHash(definition),
    source,
    sections: definition.sections.map((section) => ({ ...section })),
    fields,
    steps: definition.steps.map((step): CompiledStep => ({
      id: step.id,
      title: step.title,
      ...(step.description !== undefined && { description: step.description }),
      collect: [...(step.collect ?? [])],
      checklist: [...(step.checklist ?? [])],
      action: step.action ?? null,
      qnrField: step.action === undefined ? null : (step.qnrField ?? vehicle.qnrField),
      actionTimeoutMs: step.action === undefined ? null : checkedMs(step.actionTimeout ?? DEFAULT_ACTION_TIMEOUT),
      fills: Object.fromEntries(
        Object.entries(step.fills ?? {}).filter((entry): entry is [string, VehicleStateProperty] => entry[1] !== undefined),
      ),
      when: step.when === undefined ? null : { ...step.when, ...(step.when.in !== undefined && { in: [...step.when.in] }) },
    })),
    configurationTemplate: (definition.cloudboxx?.configuration as JsonObject | undefined) ?? null,
    configurationMode: definition.cloudboxx?.mode ?? 'replace',
    vehicle: {
      qnrField: vehicle.qnrField,
      oldQnrField: vehicle.oldQnrField ?? null,
      vinField: vehicle.vinField ?? null,
      knownToOneApi: vehicle.knownToOneApi ?? true,
    },
    access: {
      permissions: [...definition.access.permissions],
      maxDurationMs: checkedMs(definition.access.maxDuration),
      onEnd: [...(definition.access.onEnd ?? DEFAULT_ON_END)],
    },
    deadlines: {
      ...(startWithin !== undefined && { startWithinMs: checkedMs(startWithin) }),
      ...(completeWithin !== undefined && { completeWithinMs: checkedMs(completeWithin) }),
    },
  };
}

/** The semantic checks have already refused durations that do not parse. */
function checkedMs(duration: string): number {
  const result = parseDurationMs(duration);
  if (!result.ok) throw new Error(`unchecked duration reached the compiler: ${result.message}`);
  return result.ms;
}
