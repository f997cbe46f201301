// The shape a job type has once loaded: plain JSON only (no Maps, classes or functions), because
// it travels as Temporal workflow input and a running job keeps the copy it started with.
import type { EnumOption, FieldType, Permission, Preset, StepAction, StepCondition } from './job-type.generated';

export type { EnumOption, FieldType, Permission, Preset, StepAction, StepCondition };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Value of an address field; lat and lng are present when the address was geocoded. */
export interface AddressValue {
  text: string;
  lat?: number;
  lng?: number;
}

/** Value of a photo field: a reference to an uploaded photo. */
export interface PhotoValue {
  photoId: string;
}

export type FieldValue = string | number | boolean | AddressValue | PhotoValue;

/** A job's values by field key; a key that is absent (or null, or "") is a blank field. */
export type JobValues = Readonly<Record<string, unknown>>;

/** Bumped when the compiled shape changes, so code can tell which shape a running job carries. */
export const COMPILED_FORMAT = 2;

export interface CompiledJobType {
  readonly format: typeof COMPILED_FORMAT;
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly description?: string;
  /** sha256 (hex) of the definition's canonical JSON: same meaning, same hash, whatever the formatting. */
  readonly contentHash: string;
  /** Where the definition came from; not part of the content hash. */
  readonly source: { readonly file: string; readonly versionLine: number; readonly versionColumn: number };
  readonly sections: readonly CompiledSection[];
  readonly fields: readonly CompiledField[];
  readonly steps: readonly CompiledStep[];
  /** The cloudboxx.configuration template, or null when the type configures nothing. */
  readonly configurationTemplate: JsonObject | null;
  /** replace: the rendered configuration is the box's whole configuration; merge: only the keys it names change (JSON Merge Patch). */
  readonly configurationMode: ConfigurationMode;
  /** The job's vehicle: which fields name its CloudBoxx (and VIN), and whether OneAPI knows it. */
  readonly vehicle: CompiledVehicle;
  readonly access: {
    readonly permissions: readonly Permission[];
    readonly maxDurationMs: number;
    /** What the engine does to the vehicle when access ends, however it ends; [] leaves the vehicle as it is. */
    readonly onEnd: readonly SecuringCommand[];
  };
  readonly deadlines: { readonly startWithinMs?: number; readonly completeWithinMs?: number };
}

export type ConfigurationMode = 'replace' | 'merge';

/** The commands that leave a vehicle secure, in the vocabulary of access.permissions. */
export type SecuringCommand = 'lock' | 'disableDriving';

/** What a vehicle reports that an action may copy into a field (see CompiledStep.fills). */
export type VehicleStateProperty = 'odometerKm' | 'fuelLevelPercent' | 'batteryLevelPercent' | 'centralLock' | 'drivingEnabled';

export interface CompiledVehicle {
  /** Key of the string field holding the QNR of the job's CloudBoxx (in a swap: the new box). */
  readonly qnrField: string;
  /** A swap: key of the field holding the QNR of the box taken out; null otherwise. */
  readonly oldQnrField: string | null;
  /** Key of the field holding the vehicle's VIN, compared with OneAPI's record before configuring; null: no VIN. */
  readonly vinField: string | null;
  /** False when the box goes into a vehicle OneAPI does not know yet: nothing to compare it with. */
  readonly knownToOneApi: boolean;
}

export interface CompiledSection {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

export interface CompiledField {
  readonly key: string;
  readonly label: string;
  readonly section: string;
  readonly type: FieldType;
  /** True also when preset is "required". */
  readonly required: boolean;
  readonly preset: Preset;
  /** GET /v1/jobs?q= finds jobs by its value. Absent in job types compiled before it existed. */
  readonly searchable?: boolean;
  /** A photo field taking a list of photos. Absent in job types compiled before it existed. */
  readonly multiple?: boolean;
  readonly default?: FieldValue;
  readonly description?: string;
  readonly validation: CompiledValidation;
  /** id of the step where the installer fills it, or null when only the provider can. A field of a
   *  conditional step is required only for jobs where that step applies. */
  readonly collectedBy: string | null;
}

export interface CompiledValidation {
  readonly pattern?: string;
  readonly patternMessage?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly options?: readonly EnumOption[];
}

export interface CompiledStep {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly collect: readonly string[];
  readonly checklist: readonly string[];
  readonly action: StepAction | null;
  /** Key of the field holding the QNR of the CloudBoxx the action talks to (vehicle.qnrField unless the
   *  step names vehicle.oldQnrField); null when the step has no action. */
  readonly qnrField: string | null;
  /** How long the installer's step may wait for the box before it is refused; null when the step has no action. */
  readonly actionTimeoutMs: number | null;
  /** Fields the action fills from the vehicle's answer: field key → what the vehicle reported. */
  readonly fills: Readonly<Record<string, VehicleStateProperty>>;
  /** Only for jobs whose (preset, locked) field has this value; null: every job. */
  readonly when: StepCondition | null;
}

/** One reason a set of job values is refused, addressed by JSON pointer into the request body. */
export interface ValueIssue {
  /** e.g. `/values/vin`, `/values/address/lat`. */
  readonly pointer: string;
  /** The field concerned, or null when the issue is not about one field. */
  readonly field: string | null;
  readonly rule: ValueRule;
  readonly message: string;
}

export type ValueRule =
  | 'type'
  | 'required'
  | 'pattern'
  | 'minLength'
  | 'maxLength'
  | 'minimum'
  | 'maximum'
  | 'minItems'
  | 'maxItems'
  | 'enum'
  | 'format'
  | 'unknownField'
  | 'presetForbidden'
  | 'notInStep'
  | 'locked'
  | 'photoInUse'
  | 'photoUnknown'
  | 'unknownStep'
  | 'invalid';
