/* eslint-disable */
// GENERATED from job-types/schema/job-type.schema.json by definitions/generate-types.ts.
// Do not edit: change the schema and run `npx tsx definitions/generate-types.ts`.

/**
 * Key of a field: camelCase, so that it can be used as a ${placeholder} and in JSON.
 */
export type FieldKey = string;
/**
 * What kind of value the field holds. string: one line; text: several lines; integer and number; boolean; enum: one of validation.options; date (YYYY-MM-DD); datetime (RFC 3339 with time zone); address: {text, lat?, lng?} (geocoded when picked from suggestions); photo: {photoId} referring to an uploaded photo.
 */
export type FieldType =
  'string' | 'text' | 'integer' | 'number' | 'boolean' | 'enum' | 'date' | 'datetime' | 'address' | 'photo';
/**
 * Whether the provider may set the field when creating the job. allowed (default): may; a value given then is locked for the installer. forbidden: only the installer fills it. required: the provider must set it, the installer only reads it.
 */
export type Preset = 'allowed' | 'forbidden' | 'required';
/**
 * An automated action run when the installer completes the step. cloudboxx.applyConfiguration pushes the rendered cloudboxx.configuration (needs the configure permission); cloudboxx.verifyLockUnlock locks and unlocks the vehicle and checks the reported state (needs lock and unlock); cloudboxx.readVehicleState reads the vehicle's state, e.g. odometer and lock (needs readState). The step's qnrField names the CloudBoxx it runs on.
 */
export type StepAction =
  'cloudboxx.applyConfiguration' | 'cloudboxx.verifyLockUnlock' | 'cloudboxx.readVehicleState';
/**
 * A vehicle command the installer may send through the job while its access is open.
 */
export type Permission = 'lock' | 'unlock' | 'enableDriving' | 'disableDriving' | 'readState' | 'configure';

/**
 * An installer-jobs job type: the fields a job carries, the steps an installer works through, the CloudBoxx configuration pushed to the vehicle, the temporary vehicle access and the deadlines. One YAML file per job type in job-types/.
 */
export interface JobTypeDefinition {
  /**
   * Stable identifier of the job type, kebab-case. Jobs, search and the registry refer to it; never rename a job type that has jobs.
   */
  id: string;
  /**
   * Version of this definition, a positive whole number. Bump it whenever you change anything: a running job keeps the version it was created with, and the registry refuses changed content under a version it has already seen.
   */
  version: number;
  /**
   * Name shown to provider admins, customer-portal users and installers.
   */
  title: string;
  /**
   * What this job is for, shown when picking a job type.
   */
  description?: string;
  /**
   * Groups of fields, in the order forms show them (for example Setup and Master Data).
   *
   * @minItems 1
   */
  sections: [Section, ...Section[]];
  /**
   * The values a job carries. A value given when the job is created locks the field for the installer; a blank field is the installer's to fill.
   *
   * @minItems 1
   */
  fields: [Field, ...Field[]];
  /**
   * What the installer does, strictly in this order. A step may collect fields, ask to tick a checklist and run one automated action when it is completed, on the CloudBoxx named by its qnrField.
   *
   * @minItems 1
   */
  steps: [Step, ...Step[]];
  cloudboxx?: CloudBoxxSettings;
  access: AccessPolicy;
  deadlines?: Deadlines;
}
/**
 * A group of fields shown together in forms.
 */
export interface Section {
  /**
   * Starts with a lowercase letter; letters, digits and single hyphens.
   */
  id: string;
  /**
   * Heading shown above the section's fields.
   */
  title: string;
  /**
   * Help text shown under the heading.
   */
  description?: string;
}
/**
 * A value a job carries.
 */
export interface Field {
  key: FieldKey;
  /**
   * What people see next to the input.
   */
  label: string;
  /**
   * id of the section the field belongs to.
   */
  section: string;
  type: FieldType;
  /**
   * The job cannot succeed until the field has a value, from the provider or the installer.
   */
  required?: boolean;
  preset?: Preset;
  /**
   * Suggested value: pre-filled in forms, and used in the CloudBoxx configuration when the field stays blank. Must satisfy the field's own rules.
   */
  default?:
    | string
    | number
    | boolean
    | {
        [k: string]: unknown | undefined;
      };
  /**
   * Help text for the person filling the field.
   */
  description?: string;
  validation?: FieldValidation;
}
/**
 * Rules a value must satisfy, on the provider's and on the installer's side alike. pattern, minLength and maxLength apply to string and text fields; minimum and maximum to integer and number fields; options to enum fields (and enum fields must have them).
 */
export interface FieldValidation {
  /**
   * Regular expression (ECMAScript, Unicode) the whole value must match; anchor it with ^ and $.
   */
  pattern?: string;
  /**
   * What to tell someone whose value does not match the pattern; completes the sentence "<label> …".
   */
  patternMessage?: string;
  /**
   * Fewest characters.
   */
  minLength?: number;
  /**
   * Most characters.
   */
  maxLength?: number;
  /**
   * Smallest allowed number.
   */
  minimum?: number;
  /**
   * Largest allowed number.
   */
  maximum?: number;
  /**
   * The choices of an enum field, in display order.
   *
   * @minItems 1
   */
  options?: [EnumOption, ...EnumOption[]];
}
/**
 * One choice of an enum field.
 */
export interface EnumOption {
  /**
   * Stored value, also what ${placeholders} render.
   */
  value: string;
  /**
   * What people see.
   */
  label: string;
}
/**
 * One step of the installation, done in order.
 */
export interface Step {
  /**
   * Starts with a lowercase letter; letters, digits and single hyphens.
   */
  id: string;
  /**
   * Shown to the installer and as the job's last completed step.
   */
  title: string;
  /**
   * Instructions for the installer.
   */
  description?: string;
  /**
   * Keys of the fields the installer fills in this step. A field is collected by at most one step.
   */
  collect?: FieldKey[];
  /**
   * Items the installer must tick before completing the step.
   */
  checklist?: string[];
  action?: StepAction;
  /**
   * Which CloudBoxx the step's action talks to: the key of the string field holding that box's QNR (the 16 hexadecimal characters on its label). Required on every step with an action and not allowed on other steps. The field must have a value when the step runs: preset: required, or required: true and collected by this step or by an earlier step that applies whenever this one does (no when, or the same when). A swap, say, reads the old box with qnrField: oldBoxQnr and configures the new one with qnrField: newBoxQnr.
   */
  qnrField?: string;
  when?: StepCondition;
}
/**
 * Do the step only for jobs whose field has this value, e.g. only when operation is swap. The field must be an enum or boolean field with preset: required, so a job's steps are known when it is created. A required field collected by a conditional step is required only when the step applies.
 */
export interface StepCondition {
  /**
   * Key of a field: camelCase, so that it can be used as a ${placeholder} and in JSON.
   */
  field: string;
  /**
   * An option value of the enum field, or true / false.
   */
  equals: string | boolean;
}
/**
 * What is pushed to the CloudBoxx.
 */
export interface CloudBoxxSettings {
  /**
   * Template of the telematics-unit configuration, applied by the step with action cloudboxx.applyConfiguration. A string that is exactly ${fieldKey} becomes the field's value (number, boolean, object); ${fieldKey} inside a longer string is replaced by its text.
   */
  configuration: {
    [k: string]: unknown | undefined;
  };
}
/**
 * The temporary vehicle access granted when the installer starts the job. It is revoked when the job ends, and by timer after maxDuration.
 */
export interface AccessPolicy {
  /**
   * The vehicle commands allowed while the access is open; every step action needs its own (see StepAction).
   *
   * @minItems 1
   */
  permissions: [Permission, ...Permission[]];
  /**
   * How long the access lasts at most, counted from the start of the job.
   */
  maxDuration: string;
}
/**
 * Time limits counted from the job's creation; a job that misses one ends as FAILED with a reason that says so.
 */
export interface Deadlines {
  /**
   * The installer must start the job within this time of its creation.
   */
  startWithin?: string;
  /**
   * The job must be completed within this time of its creation; longer than startWithin.
   */
  completeWithin?: string;
}
