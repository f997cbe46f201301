/* eslint-disable */
// GENERATED from job-types/schema/job-type.schema.json by definitions/generate-types.ts.
// Do not edit: change the schema and run `npx tsx definitions/generate-types.ts`.

/**
 * Key of a field: camelCase, so that it can be used as a ${placeholder} and in JSON.
 */
export type FieldKey = string;
/**
 * What kind of value the field holds. string: one line; text: several lines; integer and number; boolean; enum: one of validation.options; date (YYYY-MM-DD); datetime (RFC 3339 with time zone); address: {text, lat?, lng?} (geocoded when picked from suggestions); photo: {photoId} referring to a photo uploaded for the job while it runs (a list of them with multiple: true).
 */
export type FieldType =
  'string' | 'text' | 'integer' | 'number' | 'boolean' | 'enum' | 'date' | 'datetime' | 'address' | 'photo';
/**
 * Whether the provider may set the field when creating the job. allowed (default): may; a value given then is locked for the installer. forbidden: only the installer fills it. required: the provider must set it, the installer only reads it.
 */
export type Preset = 'allowed' | 'forbidden' | 'required';
/**
 * An automated action run when the installer completes the step, on the CloudBoxx named by the step's qnrField (default vehicle.qnrField). cloudboxx.applyConfiguration pushes the rendered cloudboxx.configuration (needs the configure permission); cloudboxx.verifyLockUnlock locks and unlocks the vehicle and checks the reported state (needs lock and unlock); cloudboxx.readVehicleState reads the vehicle's state, e.g. odometer and lock (needs readState), and may fill fields from it (see fills).
 */
export type StepAction =
  'cloudboxx.applyConfiguration' | 'cloudboxx.verifyLockUnlock' | 'cloudboxx.readVehicleState';
/**
 * What the vehicle reports that cloudboxx.readVehicleState may copy into a field. odometerKm (whole kilometres), fuelLevelPercent and batteryLevelPercent (0 to 100) fill an integer or number field; centralLock (locked or unlocked) fills a string field, or an enum field whose options include locked and unlocked; drivingEnabled (false while the immobiliser is engaged) fills a boolean field.
 */
export type VehicleStateProperty =
  'odometerKm' | 'fuelLevelPercent' | 'batteryLevelPercent' | 'centralLock' | 'drivingEnabled';
/**
 * How the rendered configuration is applied. replace (default): it becomes the box's whole configuration, so settings it does not name are removed. merge: only the keys it names change and the rest of the box's configuration stays (JSON Merge Patch, RFC 7396: a key set to null is removed); for a reconfiguration or an accessory that changes a few settings.
 */
export type ConfigurationMode = 'replace' | 'merge';
/**
 * A vehicle command the installer may send through the job while its access is open.
 */
export type Permission = 'lock' | 'unlock' | 'enableDriving' | 'disableDriving' | 'readState' | 'configure';
/**
 * A command the engine sends when the access ends, to leave the vehicle secure: lock (the central lock) or disableDriving (engage the immobiliser).
 */
export type SecuringCommand = 'lock' | 'disableDriving';

/**
 * An installer-jobs job type: the fields a job carries, the steps an installer works through, the CloudBoxx configuration pushed to the vehicle, the temporary vehicle access and the deadlines. One YAML file per job type in job-types/.
 */
export interface JobTypeDefinition {
  /**
   * Stable identifier of the job type, kebab-case. Jobs, search and the registry refer to it; never rename a job type that has jobs.
   */
  id: string;
  /**
   * Version of this definition, a positive whole number (at most 2147483647). Bump it whenever you change anything: a running job keeps the version it was created with, and the registry refuses changed content under a version it has already seen.
   */
  version: number;
  /**
   * Name shown to provider admins, customer-portal users and installers. Plain text on one line: no control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
   */
  title: string;
  /**
   * What this job is for, shown when picking a job type. Plain text: lines and tabs, but no other control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
   */
  description?: string;
  /**
   * Groups of fields, in the order forms show them (for example Setup and Master Data). At most 30.
   *
   * @minItems 1
   * @maxItems 30
   */
  sections: [Section, ...Section[]];
  /**
   * The values a job carries. A value given when the job is created locks the field for the installer; a blank field is the installer's to fill. At most 200.
   *
   * @minItems 1
   * @maxItems 200
   */
  fields: [Field, ...Field[]];
  vehicle: Vehicle;
  /**
   * What the installer does, strictly in this order. A step may collect fields, ask to tick a checklist and run one automated action when it is completed, on the job's CloudBoxx (vehicle.qnrField, or the old box of a swap). At most 50.
   *
   * @minItems 1
   * @maxItems 50
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
   * Heading shown above the section's fields. Plain text on one line: no control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
   */
  title: string;
  /**
   * Help text shown under the heading. Plain text: lines and tabs, but no other control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
   */
  description?: string;
}
/**
 * A value a job carries.
 */
export interface Field {
  key: FieldKey;
  /**
   * What people see next to the input. Plain text on one line: no control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
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
   * Photo fields only: the field takes several photos, and its value is a list of {photoId}. validation.minItems and maxItems bound how many (a required field needs at least one; at most 20 unless maxItems says otherwise, never more than 50).
   */
  multiple?: boolean;
  /**
   * The job list's search (GET /v1/jobs?q=) finds jobs by this field's value, as people type it: a VIN, a licence plate, a customer reference. Not for boolean or photo fields.
   */
  searchable?: boolean;
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
   * Help text for the person filling the field. Plain text: lines and tabs, but no other control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
   */
  description?: string;
  validation?: FieldValidation;
}
/**
 * Rules a value must satisfy, on the provider's and on the installer's side alike. pattern, minLength and maxLength apply to string and text fields; minimum and maximum to integer and number fields; options to enum fields (and enum fields must have them); minItems and maxItems to photo fields with multiple: true.
 */
export interface FieldValidation {
  /**
   * Regular expression (ECMAScript, Unicode) the whole value must match; anchor it with ^ and $. Matched in time linear in the value (RE2), so backreferences (\1, \k<name>) and lookaround ((?=, (?!, (?<=, (?<!) are refused; at most 1000 characters.
   */
  pattern?: string;
  /**
   * What to tell someone whose value does not match the pattern; completes the sentence "<label> …". Plain text on one line: no control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
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
   * Fewest photos of a photo field with multiple: true.
   */
  minItems?: number;
  /**
   * Most photos of a photo field with multiple: true (default 20).
   */
  maxItems?: number;
  /**
   * The choices of an enum field, in display order. At most 200.
   *
   * @minItems 1
   * @maxItems 200
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
   * What people see. Plain text on one line: no control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
   */
  label: string;
}
/**
 * The job's vehicle, named once: the fields holding the QNR of its CloudBoxx (and, for a swap, of the box taken out) and its VIN. Vehicle commands sent through the job and every step action talk to this box; a command sent before its QNR is known is refused. Each QNR field must be knowable: preset: required, or collected by a step.
 */
export interface Vehicle {
  /**
   * Key of the string field holding the QNR (the 16 hexadecimal characters on the label) of the job's CloudBoxx; in a swap, the new box. The provider presets it (preset: required) or a step collects it.
   */
  qnrField: string;
  /**
   * Only for a swap: key of the string field holding the QNR of the box taken out. A step that talks to the old box names it as its qnrField, e.g. to read the vehicle's state before the removal.
   */
  oldQnrField?: string;
  /**
   * Key of the string field holding the vehicle's VIN. Before anything is sent to a box (the configuration, a step's action, an installer's command, the securing when access ends) the engine compares it, once it has a value, with the VIN OneAPI has for the box's vehicle: a mismatch refuses the step or command, naming both VINs, and at the end leaves that other car alone (the job's vehicle is then not secured). It must have a value at every configure step.
   */
  vinField?: string;
  /**
   * false when the box is fitted to a vehicle OneAPI does not know yet: there is no VIN to compare with, so vinField must then be left out. Default true.
   */
  knownToOneApi?: boolean;
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
   * Shown to the installer and as the job's last completed step. Plain text on one line: no control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
   */
  title: string;
  /**
   * Instructions for the installer. Plain text: lines and tabs, but no other control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
   */
  description?: string;
  /**
   * Keys of the fields the installer fills in this step. A field is collected by at most one step.
   *
   * @maxItems 200
   */
  collect?: FieldKey[];
  /**
   * Items the installer must tick before completing the step, at most 30. Each plain text on one line: no control characters, and no < followed by a letter, /, ! or ? (an HTML tag).
   *
   * @maxItems 30
   */
  checklist?: string[];
  action?: StepAction;
  /**
   * Which CloudBoxx the step's action talks to: vehicle.qnrField (the default, so usually left out) or, in a swap, vehicle.oldQnrField for the box taken out. Only on steps with an action. The field must have a value when the step runs: preset: required, or required: true and collected by this step or by an earlier step that applies whenever this one does (no when, or the same when).
   */
  qnrField?: string;
  /**
   * How long the step's action may wait for the CloudBoxx to answer; then the step is refused with the reason and the installer may try again. Only on steps with an action; from PT5S to PT1H; default PT2M.
   */
  actionTimeout?: string;
  /**
   * Fields the action fills from what the vehicle reported: field key → vehicle state property (see VehicleStateProperty). Only on a step with action cloudboxx.readVehicleState. Each filled field must have preset: forbidden, be collected by no step and have a type that holds the property; a field is filled by one step. The value is checked like any value of the field and locked once filled; a required filled field is required only of jobs that have the step.
   */
  fills?: {
    [k: string]: VehicleStateProperty | undefined;
  };
  when?: StepCondition;
}
/**
 * Do the step only for jobs whose field has this value (equals), or one of these values (in), e.g. only when operation is swap, or is swap or replace. Exactly one of equals and in. The field must be an enum or boolean field with preset: required, so a job's steps are known when it is created. A required field collected by a conditional step is required only when the step applies.
 */
export interface StepCondition {
  /**
   * Key of a field: camelCase, so that it can be used as a ${placeholder} and in JSON.
   */
  field: string;
  /**
   * An option value of the enum field, or true / false.
   */
  equals?: string | boolean;
  /**
   * Option values of the enum field, any of which makes the step apply.
   *
   * @minItems 1
   * @maxItems 200
   */
  in?: [string, ...string[]];
}
/**
 * What is pushed to the CloudBoxx.
 */
export interface CloudBoxxSettings {
  /**
   * Template of the telematics-unit configuration, applied by the step with action cloudboxx.applyConfiguration. A string that is exactly ${fieldKey} becomes the field's value (number, boolean, object); ${fieldKey} inside a longer string is replaced by its text. Placeholders are filled in values only, never in keys, and name no photo field (a photo reference means nothing to a box).
   */
  configuration: {
    [k: string]: unknown | undefined;
  };
  mode?: ConfigurationMode;
}
/**
 * The temporary vehicle access granted when the installer starts the job. It is revoked when the job ends, and by timer after maxDuration; the engine then leaves the vehicle as onEnd says.
 */
export interface AccessPolicy {
  /**
   * The vehicle commands allowed while the access is open; every step action needs its own (see StepAction).
   *
   * @minItems 1
   */
  permissions: [Permission, ...Permission[]];
  /**
   * How long the access lasts at most, counted from the start of the job; at least PT5M and every action step's actionTimeout, as its end fails the job.
   */
  maxDuration: string;
  /**
   * What the engine does to the vehicle when the access ends, however the job ends (succeeded, failed by the installer, deadline missed, access window expired, cancelled, or deleted after the access was granted): lock locks the central lock, disableDriving engages the immobiliser. These are the engine's own commands and need no permission. They are retried until the box answers, their outcome is recorded on the job, and they never hold up the job's end; a vehicle model without an immobiliser skips disableDriving, and that is recorded. Default [lock, disableDriving]; [] leaves the vehicle as it is, e.g. a car handed over to a driver.
   */
  onEnd?: SecuringCommand[];
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
