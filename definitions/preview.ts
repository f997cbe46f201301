// What a job type would make of a job with some provider values, before it is published: the
// steps that apply, the fields locked for the installer, the CloudBoxx configuration as far as the
// values go, and what is wrong with the values. Pure (no I/O), so the API and tests call it alike.
import type { CompiledJobType, JsonObject, ValueRule } from './compiled-job-type';
import { lockedFieldKeys, partialCloudBoxxConfiguration, stepApplies } from './rules';
import { validateProviderValues } from './value-validation';

export interface JobTypePreview {
  /** Every step of the type, in order; `applies` says whether a job with these values has it. */
  readonly steps: readonly { readonly id: string; readonly title: string; readonly applies: boolean }[];
  /** Keys of the fields given a value: the installer reads them but cannot change them. */
  readonly lockedFields: readonly string[];
  /** The CloudBoxx configuration with every placeholder the values (or defaults) fill; null when the type configures nothing. */
  readonly configuration: JsonObject | null;
  /** Fields whose placeholders are still `${key}` in `configuration`: an installer's step must fill them first. */
  readonly unresolvedPlaceholders: readonly string[];
  /** Why a job could not be created with these values, e.g. `/values/operation` required. Empty: it could. */
  readonly problems: readonly { readonly pointer: string; readonly message: string; readonly rule: ValueRule }[];
}

export function previewJobType(compiled: CompiledJobType, sampleProviderValues: Record<string, unknown>): JobTypePreview {
  const { configuration, unresolved } = partialCloudBoxxConfiguration(compiled, sampleProviderValues);
  return {
    steps: compiled.steps.map((step) => ({ id: step.id, title: step.title, applies: stepApplies(step, sampleProviderValues) })),
    lockedFields: lockedFieldKeys(compiled, sampleProviderValues),
    configuration,
    unresolvedPlaceholders: [...unresolved],
    problems: validateProviderValues(compiled, sampleProviderValues).map(({ pointer, message, rule }) => ({ pointer, message, rule })),
  };
}
