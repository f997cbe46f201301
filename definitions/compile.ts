// Turns a definition that passed every check into the CompiledJobType that the API, the worker
// and each job's workflow carry around.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { parseDurationMs } from './durations';
import { COMPILED_FORMAT } from './compiled-job-type';
import type { CompiledField, CompiledJobType, FieldValue, JsonObject } from './compiled-job-type';
import type { JobTypeDefinition } from './job-type.generated';

/** sha256 (hex) of the definition's canonical JSON: formatting and comments do not change it. */
export function contentHash(definition: unknown): string {
  return createHash('sha256').update(canonicalJson(definition)).digest('hex');
}

export function compileJobType(definition: JobTypeDefinition, source: CompiledJobType['source']): CompiledJobType {
  const collectedBy = new Map<string, string>();
  for (const step of definition.steps) for (const key of step.collect ?? []) collectedBy.set(key, step.id);

  const fields = definition.fields.map(
    (field): CompiledField => ({
      key: field.key,
      label: field.label,
      section: field.section,
      type: field.type,
      required: field.required === true || field.preset === 'required',
      preset: field.preset ?? 'allowed',
      ...(field.default !== undefined && { default: field.default as FieldValue }),
      ...(field.description !== undefined && { description: field.description }),
      validation: { ...field.validation },
      collectedBy: collectedBy.get(field.key) ?? null,
    }),
  );
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
    steps: definition.steps.map((step) => ({
      id: step.id,
      title: step.title,
      ...(step.description !== undefined && { description: step.description }),
      collect: [...(step.collect ?? [])],
      checklist: [...(step.checklist ?? [])],
      action: step.action ?? null,
      qnrField: step.qnrField ?? null,
      when: step.when === undefined ? null : { ...step.when },
    })),
    configurationTemplate: (definition.cloudboxx?.configuration as JsonObject | undefined) ?? null,
    access: { permissions: [...definition.access.permissions], maxDurationMs: checkedMs(definition.access.maxDuration) },
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
