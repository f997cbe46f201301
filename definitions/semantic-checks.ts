// Checks the grammar cannot express: references between parts of a definition, what can never
// be filled, templates and durations. They run even when the grammar check failed, so an author
// sees everything in one pass; hence every read here is defensive about shapes.
import grammarSchema from '../job-types/schema/job-type.schema.json';
import { IMPORT_META_COLUMN_MEANINGS, IMPORT_META_COLUMNS, type ImportMetaColumn } from '../common/import-columns';
import { textProblem, unstorableStrings } from '../common/storable';
import type { DefinitionIssue, DefinitionPath } from './errors';
import { ACTION_TIMEOUT_BOUNDS, DEFAULT_ACTION_TIMEOUT, READ_VEHICLE_STATE, STEP_ACTIONS } from './actions';
import { parseDurationMs } from './durations';
import { forEachTemplateKey, forEachTemplateString, scanPlaceholders } from './template';
import { quotedList, suggestionBudget } from './suggest';
import { fieldValueProblems, newFieldValueProblems } from './value-validation';
import { SAFE_INTEGER_LIMIT } from './value-schemas';
import { linearTimeProblem } from './linear-regexp';
import { warnOfLikelyMistakes } from './likely-mistakes';
import type { CompiledValidation, FieldType } from './compiled-job-type';

type Rec = Record<string, unknown>;

interface FieldView {
  readonly index: number;
  readonly key: string;
  readonly raw: Rec;
  readonly type: string | undefined;
  readonly required: boolean;
  readonly preset: string;
  readonly hasDefault: boolean;
}

interface StepView {
  readonly index: number;
  readonly id: string | undefined;
  readonly raw: Rec;
  readonly collect: readonly { index: number; key: string }[];
  readonly action: string | undefined;
  /** The step's condition as text ("operation = swap", "operation = swap or replace"), or undefined for every job. */
  readonly condition: string | undefined;
  /** The step's condition as its field and the values it holds for; undefined for every job. */
  readonly when: { readonly field: string; readonly values: readonly unknown[] } | undefined;
}

/** Whether `step` can only run in jobs that also have `other`: same field, and no value of its own that `other` lacks. */
function appliesOnlyWith(step: StepView, other: StepView): boolean {
  if (other.when === undefined) return true;
  if (step.when === undefined || step.when.field !== other.when.field) return false;
  return step.when.values.every((value) => other.when?.values.includes(value));
}

const FIELD_TYPES: ReadonlySet<string> = new Set(grammarSchema.$defs.FieldType.enum);
const RULE_TYPES: Record<string, readonly string[]> = {
  pattern: ['string', 'text'],
  patternMessage: ['string', 'text'],
  minLength: ['string', 'text'],
  maxLength: ['string', 'text'],
  minimum: ['integer', 'number'],
  maximum: ['integer', 'number'],
  options: ['enum'],
  minItems: ['photo'],
  maxItems: ['photo'],
};
/** What a search box finds: values written as text (an enum by its value, an address by its text). */
const SEARCHABLE_TYPES: readonly string[] = ['string', 'text', 'enum', 'integer', 'number', 'date', 'datetime', 'address'];
const APPLY = 'cloudboxx.applyConfiguration';
/** About 0.1 s of comparing names at worst (64 characters each), whatever the source holds. */
const SUGGESTION_COMPARISONS = 40_000;
const VEHICLE_STATE_PROPERTIES: ReadonlySet<string> = new Set(grammarSchema.$defs.VehicleStateProperty.enum);

/** The vehicle block's QNR and VIN fields, each when it names a text field; undefined when the block is missing. */
interface VehicleView {
  readonly qnrField: string | undefined;
  readonly oldQnrField: string | undefined;
  /** The VIN field when it is compared with OneAPI's: a text field, no QNR field, and the vehicle known to OneAPI. */
  readonly vinField: string | undefined;
  /** A QNR field is named but is no text field: the vehicle check says so, the steps stay quiet. */
  readonly broken: boolean;
}

/** Suggestions for one definition at a time (checkSemantics is synchronous): a few hundred typos' worth. */
let suggestions = suggestionBudget(SUGGESTION_COMPARISONS);
const closestName = (word: string, candidates: Iterable<string>): string | undefined => suggestions.closestName(word, candidates);
const didYouMean = (word: string, candidates: Iterable<string>): string => suggestions.didYouMean(word, candidates);

export function checkSemantics(data: unknown): DefinitionIssue[] {
  if (!isRec(data)) return [];
  suggestions = suggestionBudget(SUGGESTION_COMPARISONS);
  const issues: DefinitionIssue[] = [];
  const report = (path: DefinitionPath, message: string, at?: 'key'): void => {
    issues.push(at === undefined ? { path, message } : { path, message, at });
  };

  const sectionIds = uniqueIds(list(data.sections), 'id', 'section id', 'sections', report);
  const fields = readFields(data, report);
  const steps = readSteps(data);
  uniqueIds(list(data.steps), 'id', 'step id', 'steps', report);
  // Where the grammar found a malformed id, key or list, "unknown X" and "nobody collects X" would
  // only echo it: those checks wait until the shapes are right.
  const sectionsReadable = list(data.sections).every((section) => isRec(section) && typeof section.id === 'string');
  const keysReadable = list(data.fields).every((field) => isRec(field) && typeof field.key === 'string');
  // A malformed fills mapping, like a malformed collect list, leaves unknown what a step fills.
  const collectListsReadable = list(data.steps).every(
    (step) =>
      isRec(step) &&
      (step.collect === undefined || (Array.isArray(step.collect) && step.collect.every((key) => typeof key === 'string'))) &&
      (step.fills === undefined || isRec(step.fills)),
  );
  const reportReference: Report = (path, message, at) => {
    if (keysReadable) report(path, message, at);
  };
  const { collectedBy, meantKeys } = checkCollect(steps, fields, reportReference, report);
  const filledBy = checkFills(steps, fields, collectedBy, meantKeys, reportReference, report);
  // Who gives a field its value during the job: the installer in a step, or a step's action.
  const providedBy = new Map<string, Provider>([
    ...[...filledBy].map(([key, step]): [string, Provider] => [key, { step, verb: 'fills' }]),
    ...[...collectedBy].map(([key, step]): [string, Provider] => [key, { step, verb: 'collects' }]),
  ]);
  checkConditionValues(steps, report);
  checkStepConditions(steps, fields, reportReference, report);
  const coverageChecked = (key: string): boolean => collectListsReadable && keysReadable && !meantKeys.has(key);
  const vehicle = checkVehicle(data, fields, collectedBy, coverageChecked, reportReference, report);
  // The vehicle check says why a QNR field can never be known, in the vehicle's words.
  const qnrKeys = new Set([vehicle?.qnrField, vehicle?.oldQnrField]);

  for (const field of fields.values()) {
    const path = ['fields', field.index];
    const section = str(field.raw.section);
    if (section !== undefined && sectionsReadable && sectionIds.size > 0 && !sectionIds.has(section)) {
      report(
        [...path, 'section'],
        `unknown section "${section}"${didYouMean(section, sectionIds) || `; sections: ${[...sectionIds].join(', ')}`}`,
      );
    }
    checkValidationRules(field, report);
    // A typo in a collect list already says what is wrong; "nobody collects it" would repeat it.
    if (coverageChecked(field.key) && !qnrKeys.has(field.key)) checkCoverage(field, providedBy.get(field.key)?.step, report);
  }
  checkActions(data, steps, report);
  checkQnrFields(steps, fields, vehicle, collectedBy, reportReference, report);
  checkVinField(steps, fields, vehicle, providedBy, coverageChecked, report);
  checkConfigurationTemplate(data, fields, steps, providedBy, reportReference, report);
  checkConfigurationValues(data, report);
  const warn = (path: DefinitionPath, message: string): void => void issues.push({ path, message, severity: 'warning' });
  checkDurations(data, steps, report, warn);
  if (steps.length === list(data.steps).length) warnOfJobsWithoutSteps(steps, fields, warn);
  checkPlainTexts(data, report);
  warnOfLikelyMistakes(data, warn);
  checkActionTimeouts(steps, report);
  return issues;
}

type Report = (path: DefinitionPath, message: string, at?: 'key') => void;

/** The step that gives a field its value during a job, and how: the installer collects it, an action fills it. */
interface Provider {
  readonly step: StepView;
  readonly verb: 'collects' | 'fills';
}

/** Ids that must be unique within their list; returns the set of ids. */
function uniqueIds(items: unknown[], idKey: string, noun: string, listName: string, report: Report): Set<string> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const id = isRec(item) ? str(item[idKey]) : undefined;
    if (id === undefined) return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else report([listName, index, idKey], `duplicate ${noun} "${id}" (already used by ${listName}[${first}])`);
  });
  return new Set(firstIndex.keys());
}

function readFields(data: Rec, report: Report): Map<string, FieldView> {
  const fields = new Map<string, FieldView>();
  list(data.fields).forEach((raw, index) => {
    if (!isRec(raw)) return;
    const key = str(raw.key);
    if (key === undefined) return;
    const first = fields.get(key);
    if (first !== undefined) {
      report(['fields', index, 'key'], `duplicate field key "${key}" (already used by fields[${first.index}])`);
      return;
    }
    if ((IMPORT_META_COLUMNS as readonly string[]).includes(key)) {
      const column = key as ImportMetaColumn;
      report(
        ['fields', index, 'key'],
        `field key "${key}" is reserved: the CSV import of jobs (POST /v1/jobs/import) reads the column ${key} as ${IMPORT_META_COLUMN_MEANINGS[column]}, which a field of that key would take instead; name the field otherwise (reserved: ${IMPORT_META_COLUMNS.join(', ')})`,
      );
    }
    fields.set(key, {
      index,
      key,
      raw,
      type: str(raw.type),
      // A malformed `required` is reported by the grammar; assume it was meant, to avoid echoes.
      required: raw.required === true || raw.preset === 'required' || (raw.required !== undefined && typeof raw.required !== 'boolean'),
      preset: str(raw.preset) ?? 'allowed',
      hasDefault: raw.default !== undefined && raw.default !== null,
    });
  });
  return fields;
}

function readSteps(data: Rec): StepView[] {
  return list(data.steps).flatMap((raw, index) => {
    if (!isRec(raw)) return [];
    const collect = list(raw.collect).flatMap((key, keyIndex) => (typeof key === 'string' ? [{ index: keyIndex, key }] : []));
    const when = isRec(raw.when) ? raw.when : undefined;
    const values = when === undefined ? [] : Array.isArray(when.in) ? (when.in as unknown[]) : [when.equals];
    const condition = when === undefined ? undefined : `${String(when.field)} = ${values.map(String).join(' or ')}`;
    const view = when === undefined ? undefined : { field: String(when.field), values };
    return [{ index, id: str(raw.id), raw, collect, action: str(raw.action), condition, when: view }];
  });
}

/**
 * Every collected key names a field, once, in one step. Returns field key → collecting step, and
 * the keys that unknown references probably meant.
 */
function checkCollect(
  steps: StepView[],
  fields: Map<string, FieldView>,
  reportReference: Report,
  report: Report,
): { collectedBy: Map<string, StepView>; meantKeys: Set<string> } {
  const collectedBy = new Map<string, StepView>();
  const meantKeys = new Set<string>();
  for (const step of steps) {
    for (const { index, key } of step.collect) {
      const path = ['steps', step.index, 'collect', index];
      if (!fields.has(key)) {
        const meant = closestName(key, fields.keys());
        if (meant !== undefined) meantKeys.add(meant);
        reportReference(path, `unknown field "${key}"${meant === undefined ? '' : ` (did you mean "${meant}"?)`}`);
        continue;
      }
      const owner = collectedBy.get(key);
      if (owner === undefined) collectedBy.set(key, step);
      else if (owner === step) report(path, `field "${key}" is listed twice in this step`);
      else report(path, `field "${key}" is already collected by step "${owner.id ?? owner.index}"; a field is filled in one step`);
    }
  }
  return { collectedBy, meantKeys };
}

/** A condition reads a field fixed at creation (enum or boolean, preset: required) and a value it can have. */
function checkStepConditions(steps: StepView[], fields: Map<string, FieldView>, reportReference: Report, report: Report): void {
  for (const step of steps) {
    const when = step.raw.when;
    if (!isRec(when) || typeof when.field !== 'string') continue;
    const path = ['steps', step.index, 'when'];
    const field = fields.get(when.field);
    if (field === undefined) {
      reportReference([...path, 'field'], `unknown field "${when.field}"${didYouMean(when.field, fields.keys())}`);
      continue;
    }
    if (field.type === undefined || !FIELD_TYPES.has(field.type)) continue; // the grammar reports the type
    if (field.type !== 'enum' && field.type !== 'boolean') {
      report(
        [...path, 'field'],
        `a step condition needs an enum or boolean field; "${field.key}" is ${withArticle(String(field.type))} field`,
      );
      continue;
    }
    if (field.preset !== 'required') {
      report(
        [...path, 'field'],
        `field "${field.key}" must have preset: required to decide a step, so that a job's steps are known when it is created`,
      );
    }
    if (field.type === 'boolean' && when.in !== undefined) {
      report([...path, 'in'], `"${field.key}" is a boolean field: use equals: true or equals: false`, 'key');
      continue;
    }
    if (field.type === 'boolean' && when.equals !== undefined && typeof when.equals !== 'boolean') {
      report([...path, 'equals'], `"${field.key}" is a boolean field: equals must be true or false`);
    }
    if (field.type === 'enum' && isRec(field.raw.validation)) {
      const options = optionValues(field);
      const checkOption = (valuePath: DefinitionPath, value: unknown): void => {
        if (options.length === 0 || (typeof value === 'string' && options.includes(value))) return;
        // A list or mapping: the grammar says what equals and in take; "[a] is read as an object" misled.
        if (typeof value === 'object' && value !== null) return;
        // YAML reads 01 and 1.0 unquoted as the number 1: name the option written, not "did you mean".
        const asNumber = typeof value === 'number' ? options.find((option) => option.trim() !== '' && Number(option) === value) : undefined;
        if (asNumber !== undefined) {
          report(
            valuePath,
            `YAML reads "${asNumber}" unquoted as the number ${String(value)}; write "${asNumber}" in quotes to mean the option`,
          );
          return;
        }
        if (typeof value !== 'string' && options.includes(String(value))) {
          // YAML reads true, false, 12 and null unquoted as other things than text.
          report(
            valuePath,
            `${String(value)} is read as ${withArticle(typeof value)}; write "${String(value)}" in quotes to mean the option`,
          );
          return;
        }
        report(
          valuePath,
          `${JSON.stringify(value)} is not an option of "${field.key}"${didYouMean(String(value), options)}; options: ${options.join(', ')}`,
        );
      };
      if (when.equals !== undefined) checkOption([...path, 'equals'], when.equals);
      // A malformed list is reported by the grammar.
      if (Array.isArray(when.in)) when.in.forEach((value, index) => checkOption([...path, 'in', index], value));
    }
  }
}

/** At most this many combinations of the deciding fields' values are looked at (enum options multiply). */
const BRANCH_COMBINATIONS = 1_000;

/**
 * Warns when every step has a condition and some values of the deciding fields leave a job with no
 * step at all: such a job would ask nothing, push nothing, touch no car and succeed when completed.
 * A warning, not a refusal: the author may mean it, but it is more often a forgotten branch.
 */
function warnOfJobsWithoutSteps(
  steps: StepView[],
  fields: Map<string, FieldView>,
  warn: (path: DefinitionPath, message: string) => void,
): void {
  if (steps.length === 0 || steps.some((step) => step.when === undefined)) return;
  const deciding = [...new Set(steps.map((step) => step.when!.field))].map((key) => ({ key, values: decidingValues(fields.get(key)) }));
  if (deciding.some((field) => field.values === undefined)) return; // an unknown or unsuitable field is reported as such
  let combinations: Array<Record<string, unknown>> = [{}];
  for (const { key, values } of deciding) {
    combinations = combinations.flatMap((combination) => values!.map((value) => ({ ...combination, [key]: value })));
    if (combinations.length > BRANCH_COMBINATIONS) return;
  }
  const stepless = combinations.filter((values) => !steps.some((step) => step.when!.values.includes(values[step.when!.field])));
  if (stepless.length === 0) return;
  const shown = stepless.slice(0, 5).map((values) =>
    Object.entries(values)
      .map(([key, value]) => `${key} = ${String(value)}`)
      .join(', '),
  );
  warn(
    ['steps'],
    `every step has a condition, and with ${shown.join('; with ')}${stepless.length > shown.length ? ` (and ${stepless.length - shown.length} more)` : ''} none applies: such a job asks nothing, pushes no configuration, touches no vehicle and succeeds once completed; add a step for that case or one without a condition`,
  );
}

/** The values a step condition's field can hold (an enum's options, true and false), or undefined when it cannot decide one. */
function decidingValues(field: FieldView | undefined): unknown[] | undefined {
  if (field?.type === 'boolean') return [true, false];
  if (field?.type !== 'enum') return undefined;
  const options = optionValues(field);
  return options.length > 0 ? options : undefined;
}

/** The values of an enum field's options, as far as they are well formed (the grammar reports the rest). */
function optionValues(field: FieldView): string[] {
  const rules = isRec(field.raw.validation) ? field.raw.validation : {};
  return list(rules.options).flatMap((option) => (isRec(option) && typeof option.value === 'string' ? [option.value] : []));
}

/** A condition names its value(s) one way: equals one value, or in a list of them. */
function checkConditionValues(steps: StepView[], report: Report): void {
  for (const step of steps) {
    const when = step.raw.when;
    if (!isRec(when)) continue;
    const path = ['steps', step.index, 'when'];
    if (when.equals === undefined && when.in === undefined) {
      report(path, 'says which field, but not for which value: add equals (one value) or in (a list of values)');
    } else if (when.equals !== undefined && when.in !== undefined) {
      report([...path, 'in'], 'a condition has equals or in, not both: keep equals for one value, or in for a list of values', 'key');
    }
  }
}

function checkValidationRules(field: FieldView, report: Report): void {
  const path = ['fields', field.index];
  const rules = isRec(field.raw.validation) ? field.raw.validation : {};
  const type = field.type !== undefined && FIELD_TYPES.has(field.type) ? field.type : undefined;
  if (type === undefined) return;

  for (const rule of Object.keys(rules)) {
    const appliesTo = RULE_TYPES[rule];
    if (appliesTo !== undefined && !appliesTo.includes(type)) {
      report(
        [...path, 'validation', rule],
        `${rule} applies only to ${appliesTo.join(' and ')} fields, not to ${withArticle(type)} field`,
        'key',
      );
    }
  }
  if (field.raw.searchable === true && !SEARCHABLE_TYPES.includes(type)) {
    report(
      [...path, 'searchable'],
      `${withArticle(type)} field cannot be searched for by what people type; searchable applies to ${SEARCHABLE_TYPES.join(', ')} fields`,
      'key',
    );
  }
  checkPhotoField(field, type, rules, report);
  if (type === 'enum' && rules.options === undefined) {
    report([...path, 'type'], `an enum field needs validation.options to choose from`);
  }
  if (rules.patternMessage !== undefined && rules.pattern === undefined) {
    report([...path, 'validation', 'patternMessage'], 'explains a pattern, but there is no validation.pattern', 'key');
  }
  let patternOk = true;
  if (typeof rules.pattern === 'string') {
    try {
      // Only the syntax, in ECMAScript's words: compiling takes no time worth guarding against;
      // matching is what backtracks, and values are matched by RE2 (linear-regexp.ts).
      new RegExp(rules.pattern, 'u');
      const problem = linearTimeProblem(rules.pattern);
      if (problem !== undefined) {
        patternOk = false;
        report([...path, 'validation', 'pattern'], problem);
      }
    } catch (error) {
      patternOk = false;
      report([...path, 'validation', 'pattern'], `is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  const impossible = (low: string, high: string): void => {
    const min = rules[low];
    const max = rules[high];
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      report([...path, 'validation'], `${low} (${min}) is greater than ${high} (${max}), so no value could ever be valid`);
    }
  };
  impossible('minLength', 'maxLength');
  impossible('minimum', 'maximum');
  impossible('minItems', 'maxItems');
  const [min, max] = [rules.minimum, rules.maximum];
  if (type === 'integer' && typeof min === 'number' && typeof max === 'number' && min <= max && Math.ceil(min) > Math.floor(max)) {
    report(
      [...path, 'validation'],
      `no whole number lies between minimum (${min}) and maximum (${max}), so no value of this integer field could ever be valid`,
    );
  }
  if (type === 'integer') {
    for (const bound of ['minimum', 'maximum']) {
      const value = rules[bound];
      if (typeof value !== 'number' || Math.abs(value) <= SAFE_INTEGER_LIMIT) continue;
      report(
        [...path, 'validation', bound],
        `must lie within ±${SAFE_INTEGER_LIMIT} (2^53 − 1) on an integer field: a whole number beyond is not kept exactly (9007199254740993 would be rounded to …992), so the field takes none there`,
      );
    }
  }
  const optionValues = new Map<string, number>();
  list(rules.options).forEach((option, index) => {
    const value = isRec(option) ? str(option.value) : undefined;
    if (value === undefined) return;
    const first = optionValues.get(value);
    if (first === undefined) optionValues.set(value, index);
    else report([...path, 'validation', 'options', index, 'value'], `duplicate option "${value}" (already options[${first}])`);
  });

  const validation = patternOk ? usableValidation(type, rules) : undefined;
  // A list is no default of any type; the grammar says so already.
  // A default that cannot be stored is reported as such (storable-source.ts), not twice.
  const storable = unstorableStrings(field.raw.default).length === 0;
  if (!field.hasDefault || Array.isArray(field.raw.default) || type === 'photo' || !storable) return;
  // Held to what a value given for a job is held to: the default is given to every job that leaves the field blank.
  const label = str(field.raw.label) ?? field.key;
  const asGiven = newFieldValueProblems({ type: type as FieldType, label, validation: validation ?? {} }, field.raw.default);
  for (const problem of asGiven) report([...path, 'default', ...(problem.at === '/text' ? ['text'] : [])], problem.message);
  if (asGiven.length > 0 || validation === undefined) return;
  for (const message of fieldValueProblems({ type: type as FieldType, validation }, field.raw.default))
    report([...path, 'default'], message);
}

/**
 * Photos exist only once the installer uploads them for the running job: no provider can give one
 * at creation, and no default can name one. A list of photos is a photo field's option alone.
 */
function checkPhotoField(field: FieldView, type: string, rules: Rec, report: Report): void {
  const path = ['fields', field.index];
  if (field.raw.multiple === true && type !== 'photo') {
    report([...path, 'multiple'], `only a photo field takes several values; ${withArticle(type)} field holds one`, 'key');
  }
  if (type === 'photo' && field.raw.multiple !== true) {
    for (const rule of ['minItems', 'maxItems'].filter((key) => rules[key] !== undefined))
      report(
        [...path, 'validation', rule],
        `${rule} counts the photos of a field with multiple: true; add multiple: true or remove ${rule}`,
        'key',
      );
  }
  if (type !== 'photo') return;
  if (field.preset === 'required') {
    report(
      [...path, 'preset'],
      'a photo is uploaded by the installer while the job runs, so the provider cannot give one at creation: use preset: forbidden (and required: true if the job needs it)',
    );
  }
  if (field.hasDefault) {
    report([...path, 'default'], 'a photo field has no default: its photos are uploaded for each job while it runs', 'key');
  }
}

/** The field's rules when they are well-formed enough to check a default against; else undefined. */
function usableValidation(type: string, rules: Rec): CompiledValidation | undefined {
  const length = (value: unknown): boolean => value === undefined || (Number.isSafeInteger(value) && (value as number) >= 0);
  const bound = (value: unknown): boolean => value === undefined || (typeof value === 'number' && Number.isFinite(value));
  if (!length(rules.minLength) || !length(rules.maxLength) || !bound(rules.minimum) || !bound(rules.maximum)) return undefined;
  if (rules.pattern !== undefined && typeof rules.pattern !== 'string') return undefined;
  const options = list(rules.options);
  if (type === 'enum' && (options.length === 0 || !options.every((option) => isRec(option) && typeof option.value === 'string'))) {
    return undefined;
  }
  return rules as CompiledValidation;
}

/** A field someone must be able to fill. */
function checkCoverage(field: FieldView, collector: StepView | undefined, report: Report): void {
  if (collector !== undefined || field.preset === 'required') return;
  const path = ['fields', field.index];
  if (field.preset === 'forbidden') {
    report(
      path,
      field.required
        ? `field "${field.key}" is required, but no step collects it and preset is forbidden, so nobody can ever fill it`
        : `field "${field.key}" can never be filled: no step collects it and preset is forbidden`,
    );
  } else if (field.required) {
    report(
      path,
      `field "${field.key}" is required, but no step collects it: a job created without it could never succeed (collect it in a step or set preset: required)`,
    );
  }
}

function checkActions(data: Rec, steps: StepView[], report: Report): void {
  const access = isRec(data.access) ? data.access : {};
  const granted = new Set(list(access.permissions).filter((p): p is string => typeof p === 'string'));
  const hasConfiguration = isRec(data.cloudboxx) && data.cloudboxx.configuration !== undefined;
  for (const step of steps) {
    if (step.action === undefined || !(step.action in STEP_ACTIONS)) continue;
    const path = ['steps', step.index, 'action'];
    const needed = STEP_ACTIONS[step.action as keyof typeof STEP_ACTIONS].permissions;
    const missing = needed.filter((permission) => !granted.has(permission));
    if (missing.length > 0) {
      report(
        path,
        `${step.action} needs the ${quotedList(missing)} permission${missing.length > 1 ? 's' : ''}; add ${missing.length > 1 ? 'them' : 'it'} to access.permissions`,
      );
    }
    if (step.action === APPLY && !hasConfiguration) {
      report(path, `there is no cloudboxx.configuration to apply`);
    }
  }
  const actionsKnown = steps.every((step) => step.action === undefined || step.action in STEP_ACTIONS);
  if (hasConfiguration && actionsKnown && !steps.some((step) => step.action === APPLY)) {
    report(['cloudboxx', 'configuration'], `no step applies it; add a step with action: ${APPLY}`, 'key');
  }
}

/**
 * The job's vehicle: each field it names exists and holds text, the QNR fields can be known (a job
 * that can never know its QNR could never reach its vehicle), and no field plays two parts. Returns
 * what steps need to resolve their qnrField, or undefined when the block is missing or malformed.
 */
function checkVehicle(
  data: Rec,
  fields: Map<string, FieldView>,
  collectedBy: Map<string, StepView>,
  coverageChecked: (key: string) => boolean,
  reportReference: Report,
  report: Report,
): VehicleView | undefined {
  if (!isRec(data.vehicle)) return undefined; // the grammar reports it missing or malformed
  const raw = data.vehicle;
  const path = (key: string): DefinitionPath => ['vehicle', key];
  const named = (key: string): FieldView | undefined => {
    const name = raw[key];
    if (typeof name !== 'string') return undefined;
    const field = fields.get(name);
    if (field === undefined) reportReference(path(key), `unknown field "${name}"${didYouMean(name, fields.keys())}`);
    if (field === undefined || field.type === undefined || !FIELD_TYPES.has(field.type)) return undefined;
    if (field.type !== 'string') {
      const what = key === 'vinField' ? 'a VIN is 17 letters and digits' : 'a QNR is 16 hexadecimal characters';
      report(path(key), `${what}, so ${key} needs a string field; "${field.key}" is ${withArticle(field.type)} field`);
      return undefined;
    }
    return field;
  };
  const qnr = named('qnrField');
  const oldQnr = named('oldQnrField');
  const vin = named('vinField');

  for (const [key, field] of [
    ['qnrField', qnr],
    ['oldQnrField', oldQnr],
  ] as const) {
    if (field === undefined || field.preset === 'required' || collectedBy.has(field.key) || !coverageChecked(field.key)) continue;
    const box = key === 'qnrField' ? 'its vehicle' : 'the box it takes out';
    const never =
      field.preset === 'forbidden'
        ? `preset is forbidden, so no job could ever reach ${box}`
        : `the provider need not set it, so a job created without it could never reach ${box}`;
    report(
      path(key),
      `the QNR in "${field.key}" can never be known: no step collects it and ${never} (set preset: required, or collect it in a step)`,
    );
  }
  if (qnr !== undefined && oldQnr !== undefined && qnr === oldQnr) {
    report(path('oldQnrField'), `"${oldQnr.key}" is vehicle.qnrField too: the box taken out and the job's box need a field each`);
  }
  if (vin !== undefined && (vin === qnr || vin === oldQnr)) {
    report(
      path('vinField'),
      `"${vin.key}" holds a QNR (vehicle.${vin === qnr ? 'qnrField' : 'oldQnrField'}); vinField names the field holding the VIN`,
    );
  }
  if (raw.knownToOneApi === false && typeof raw.vinField === 'string') {
    report(
      path('vinField'),
      'is never compared: with knownToOneApi: false, OneAPI has no vehicle whose VIN it could be compared with; remove vinField (the field itself stays) or knownToOneApi: false',
      'key',
    );
  }
  const broken = (raw.qnrField !== undefined && qnr === undefined) || (raw.oldQnrField !== undefined && oldQnr === undefined);
  const compared = vin !== undefined && vin !== qnr && vin !== oldQnr && raw.knownToOneApi !== false;
  return { qnrField: qnr?.key, oldQnrField: oldQnr?.key, vinField: compared ? vin.key : undefined, broken };
}

/**
 * A step with an action talks to the job's CloudBoxx: vehicle.qnrField unless its qnrField names
 * vehicle.oldQnrField, and that field has a value whenever the step runs. A step without an action
 * talks to no box and has no qnrField.
 */
function checkQnrFields(
  steps: StepView[],
  fields: Map<string, FieldView>,
  vehicle: VehicleView | undefined,
  collectedBy: Map<string, StepView>,
  reportReference: Report,
  report: Report,
): void {
  for (const step of steps) {
    const name = `step "${step.id ?? step.index}"`;
    const qnrField = step.raw.qnrField;
    if (step.raw.action === undefined) {
      if (qnrField !== undefined) {
        report(
          ['steps', step.index, 'qnrField'],
          `${name} runs no action, so it talks to no CloudBoxx: remove qnrField (or add an action)`,
          'key',
        );
      }
      continue;
    }
    // An unknown action, a malformed qnrField or vehicle block is reported by the grammar already.
    if (step.action === undefined || !(step.action in STEP_ACTIONS) || vehicle?.qnrField === undefined || vehicle.broken) continue;
    if (qnrField !== undefined && typeof qnrField !== 'string') continue;
    const boxes = [vehicle.qnrField, ...(vehicle.oldQnrField === undefined ? [] : [vehicle.oldQnrField])];
    if (qnrField !== undefined && !boxes.includes(qnrField)) {
      const known =
        vehicle.oldQnrField === undefined
          ? `a step talks to the job's CloudBoxx, vehicle.qnrField "${vehicle.qnrField}" (name a box taken out in vehicle.oldQnrField)`
          : `a step talks to vehicle.qnrField "${vehicle.qnrField}" or vehicle.oldQnrField "${vehicle.oldQnrField}"`;
      reportReference(
        ['steps', step.index, 'qnrField'],
        `"${qnrField}" is not one of the job's CloudBoxx fields${didYouMean(qnrField, boxes)}; ${known}`,
      );
      continue;
    }
    const field = fields.get(qnrField ?? vehicle.qnrField);
    if (field?.type !== 'string') continue; // the vehicle check reports an unknown or non-text field
    const problem = qnrAvailabilityProblem(name, field, collectedBy.get(field.key), step);
    if (problem === undefined) continue;
    if (qnrField !== undefined) report(['steps', step.index, 'qnrField'], problem);
    else report(['steps', step.index, 'action'], problem.replace(`"${field.key}"`, `"${field.key}" (vehicle.qnrField)`));
  }
}

/** Why the QNR field may still be blank when `step` talks to the CloudBoxx. */
function qnrAvailabilityProblem(name: string, field: FieldView, collector: StepView | undefined, step: StepView): string | undefined {
  // A field no step collects is preset (fine) or can never be known, which the vehicle check reports.
  if (collector === undefined) return undefined;
  return blankAtStepProblem(`the QNR in "${field.key}" may still be blank when ${name} talks to the CloudBoxx`, field, collector, step);
}

/**
 * Why `field`, collected by `collector`, may still be blank when `step` runs; `blank` opens the
 * message. A field the provider must set is never blank.
 */
function blankAtStepProblem(blank: string, field: FieldView, collector: StepView, step: StepView): string | undefined {
  if (field.preset === 'required') return undefined;
  if (collector.index > step.index) {
    return `${blank}: step "${collector.id}" collects it only later (collect it in this step or an earlier one)`;
  }
  if (!appliesOnlyWith(step, collector)) {
    const runs = step.condition === undefined ? 'for every job' : `when ${step.condition}`;
    return `${blank}: step "${collector.id}" collects it only when ${collector.condition}, but step "${step.id ?? step.index}" runs ${runs}`;
  }
  if (!field.required) {
    return `${blank}: the field is optional, so the installer may leave it empty (make it required: true)`;
  }
  return undefined;
}

/**
 * The VIN is compared with OneAPI's before a configuration is pushed, so it has a value at every
 * step that applies one: preset by the provider, or required and collected by that step or an
 * earlier one that applies whenever it does. A blank VIN would let the configuration go to the box
 * unchecked, and a wrong VIN entered later would be accepted.
 */
function checkVinField(
  steps: StepView[],
  fields: Map<string, FieldView>,
  vehicle: VehicleView | undefined,
  providedBy: Map<string, Provider>,
  coverageChecked: (key: string) => boolean,
  report: Report,
): void {
  const field = vehicle?.vinField === undefined ? undefined : fields.get(vehicle.vinField);
  if (field === undefined || field.preset === 'required' || !coverageChecked(field.key)) return;
  const provider = providedBy.get(field.key);
  for (const step of steps.filter((candidate) => candidate.action === APPLY)) {
    const blank = `the VIN in "${field.key}" (vehicle.vinField) may still be blank when step "${step.id ?? step.index}" compares it with OneAPI's before pushing the configuration`;
    let problem: string | undefined;
    if (provider?.verb === 'collects') problem = blankAtStepProblem(blank, field, provider.step, step);
    else if (provider !== undefined) {
      problem = `${blank}: step "${provider.step.id ?? provider.step.index}" fills it from what the vehicle reports, which holds no VIN (set preset: required, or make it required: true and collect it in this step or an earlier one)`;
    } else if (field.preset !== 'forbidden' && !field.required) {
      // A required field nobody collects, or one nobody may give, is reported as such (checkCoverage).
      problem = `${blank}: no step collects it and the provider need not set it (set preset: required, or make it required: true and collect it in this step or an earlier one)`;
    }
    if (problem !== undefined) report(['steps', step.index, 'action'], problem);
  }
}

/**
 * What a cloudboxx.readVehicleState step copies from the vehicle's answer into fields: each a field
 * nobody else fills (not the provider, not the installer, not another step) whose type holds what
 * the vehicle reports. Returns field key → filling step.
 */
function checkFills(
  steps: StepView[],
  fields: Map<string, FieldView>,
  collectedBy: Map<string, StepView>,
  meantKeys: Set<string>,
  reportReference: Report,
  report: Report,
): Map<string, StepView> {
  const filledBy = new Map<string, StepView>();
  for (const step of steps) {
    if (!isRec(step.raw.fills)) continue; // absent, or malformed: the grammar reports it
    const name = `step "${step.id ?? step.index}"`;
    if (step.action !== READ_VEHICLE_STATE) {
      // The author means these fields to be filled: "nobody can fill it" would only echo this.
      for (const key of Object.keys(step.raw.fills)) if (fields.has(key) && !filledBy.has(key)) filledBy.set(key, step);
      if (step.raw.action === undefined) {
        report(
          ['steps', step.index, 'fills'],
          `${name} runs no action, so nothing fills these fields: fills needs action: ${READ_VEHICLE_STATE}`,
          'key',
        );
      } else if (step.action !== undefined && step.action in STEP_ACTIONS) {
        report(
          ['steps', step.index, 'fills'],
          `only ${READ_VEHICLE_STATE} reads the vehicle's state; ${name} runs ${step.action}, so nothing fills these fields`,
          'key',
        );
      }
      continue;
    }
    for (const [key, property] of Object.entries(step.raw.fills)) {
      const path = ['steps', step.index, 'fills', key];
      const field = fields.get(key);
      if (field === undefined) {
        const meant = closestName(key, fields.keys());
        if (meant !== undefined) meantKeys.add(meant);
        reportReference(path, `unknown field "${key}"${meant === undefined ? '' : ` (did you mean "${meant}"?)`}`, 'key');
        continue;
      }
      const owner = filledBy.get(key);
      if (owner !== undefined) {
        report(path, `field "${key}" is already filled by step "${owner.id ?? owner.index}"; a field is filled by one step`, 'key');
        continue;
      }
      filledBy.set(key, step);
      const collector = collectedBy.get(key);
      if (collector !== undefined) {
        report(
          path,
          `field "${key}" is collected by step "${collector.id ?? collector.index}": a field is filled either by the installer or from the vehicle, not both`,
          'key',
        );
      } else if (field.preset !== 'forbidden') {
        report(
          path,
          `field "${key}" is filled from the vehicle, so it needs preset: forbidden (a value the provider set would lock it)`,
          'key',
        );
      }
      if (typeof property === 'string' && VEHICLE_STATE_PROPERTIES.has(property)) {
        const problem = fillTypeProblem(field, property);
        if (problem !== undefined) report(path, problem);
      }
    }
  }
  return filledBy;
}

/** Why `field` cannot hold what the vehicle reports as `property`. */
function fillTypeProblem(field: FieldView, property: string): string | undefined {
  const type = field.type;
  if (type === undefined || !FIELD_TYPES.has(type)) return undefined; // the grammar reports the type
  const isA = `"${field.key}" is ${withArticle(type)} field`;
  switch (property) {
    case 'centralLock': {
      const reported = 'the vehicle reports centralLock as "locked" or "unlocked"';
      if (type === 'string') return undefined;
      if (type !== 'enum') return `${reported}, so it needs a string field or an enum field with those options; ${isA}`;
      const options = optionValues(field);
      const missing = ['locked', 'unlocked'].filter((value) => !options.includes(value));
      if (options.length === 0 || missing.length === 0) return undefined; // no options: reported as such
      return `${reported}, but "${field.key}" has no option ${missing.map((value) => `"${value}"`).join(' or ')}`;
    }
    case 'drivingEnabled':
      return type === 'boolean' ? undefined : `the vehicle reports drivingEnabled as true or false, so it needs a boolean field; ${isA}`;
    default:
      return type === 'integer' || type === 'number'
        ? undefined
        : `the vehicle reports ${property} as a number, so it needs an integer or number field; ${isA}`;
  }
}

/** Every placeholder names a field that has a value by the time the configuration is applied. */
function checkConfigurationTemplate(
  data: Rec,
  fields: Map<string, FieldView>,
  steps: StepView[],
  providedBy: Map<string, Provider>,
  reportReference: Report,
  report: Report,
): void {
  if (!isRec(data.cloudboxx) || !isRec(data.cloudboxx.configuration)) return;
  const applySteps = steps.filter((step) => step.action === APPLY);
  // Only values are filled: a key is pushed as written.
  forEachTemplateKey(data.cloudboxx.configuration, (key, inner) => {
    if (!key.includes('${')) return;
    report(
      ['cloudboxx', 'configuration', ...inner],
      `placeholders are filled in values only: this key would reach the CloudBoxx as written, "${key}"; use a fixed key, with the placeholder in its value`,
      'key',
    );
  });
  forEachTemplateString(data.cloudboxx.configuration, (text, inner) => {
    const path = ['cloudboxx', 'configuration', ...inner];
    const { keys, problems } = scanPlaceholders(text);
    for (const problem of problems) report(path, problem);
    for (const key of new Set(keys)) {
      const field = fields.get(key);
      if (field === undefined) {
        reportReference(path, `unknown field "${key}" in placeholder \${${key}}${didYouMean(key, fields.keys())}`);
      } else if (field.type === 'photo') {
        // Text, numbers, booleans, dates and addresses mean something to a box; a photo reference does not.
        report(
          path,
          `placeholder \${${key}} names a photo field: a photo stays with the job on this server, and its reference ({photoId}) means nothing to the CloudBoxx; the configuration takes fields of the other types`,
        );
      } else if (!field.required && !field.hasDefault) {
        report(
          path,
          `placeholder \${${key}} may resolve to nothing: field "${key}" is optional and has no default (make it required or give it a default)`,
        );
      } else if (!field.hasDefault && field.preset !== 'required') {
        const provider = providedBy.get(key);
        for (const applyStep of applySteps) {
          const problem = availabilityProblem(key, provider, applyStep);
          if (problem !== undefined) report(path, problem);
        }
      }
    }
  });
}

/**
 * Every value of the configuration reaches the box as written, through JSON: a number JSON cannot
 * hold (YAML's .inf and .nan, or beyond 1.8e308) would arrive as null — in merge mode removing the
 * setting — and a whole number beyond 2^53 − 1 (an ICCID written without quotes) rounded. A member
 * named __proto__ (or constructor.prototype) is refused as a whole by JSON services guarding against
 * prototype pollution (the OneAPI simulator answers 400), so no job could ever apply it.
 */
function checkConfigurationValues(data: Rec, report: Report): void {
  if (!isRec(data.cloudboxx) || !isRec(data.cloudboxx.configuration)) return;
  const merge = data.cloudboxx.mode === 'merge';
  const visit = (node: unknown, path: DefinitionPath): void => {
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) {
        report(
          path,
          `${String(node)} is not a number JSON can carry: it would reach the CloudBoxx as null${merge ? ', which in merge mode removes the setting' : ''}; write a finite number, or text in quotes`,
        );
      } else if (Number.isInteger(node) && Math.abs(node) > SAFE_INTEGER_LIMIT) {
        report(
          path,
          `a whole number beyond ±${SAFE_INTEGER_LIMIT} (2^53 − 1) is not kept exactly: it would reach the CloudBoxx as ${JSON.stringify(node)}; put it in quotes to send it as text (e.g. an ICCID)`,
        );
      }
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index]));
    } else if (isRec(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === '__proto__' || (key === 'prototype' && path.at(-1) === 'constructor')) {
          report(
            [...path, key],
            `a key named ${path.at(-1) === 'constructor' ? 'constructor.prototype' : '__proto__'} makes JSON services refuse the whole configuration (as an attempt at prototype pollution; the OneAPI simulator answers 400), so no job could apply it; name the setting otherwise`,
            'key',
          );
        }
        visit(value, [...path, key]);
      }
    }
  };
  visit(data.cloudboxx.configuration, ['cloudboxx', 'configuration']);
}

/** Why a required field may still be blank when `applyStep` renders the configuration. */
function availabilityProblem(key: string, provider: Provider | undefined, applyStep: StepView): string | undefined {
  if (provider === undefined) return undefined; // the coverage check reports fields nobody collects
  const { step: collector, verb } = provider;
  if (collector.index > applyStep.index) {
    return `placeholder \${${key}} may resolve to nothing: step "${applyStep.id}" applies the configuration before step "${collector.id}" ${verb} "${key}"`;
  }
  if (!appliesOnlyWith(applyStep, collector)) {
    const applies = applyStep.condition === undefined ? 'for every job' : `when ${applyStep.condition}`;
    return `placeholder \${${key}} may resolve to nothing: step "${collector.id}" ${verb} "${key}" only when ${collector.condition}, but step "${applyStep.id}" applies the configuration ${applies}`;
  }
  return undefined;
}

/** An action step may say how long it waits for the box, within bounds; other steps wait for nothing. */
function checkActionTimeouts(steps: StepView[], report: Report): void {
  for (const step of steps) {
    const timeout = step.raw.actionTimeout;
    if (timeout === undefined) continue;
    const path = ['steps', step.index, 'actionTimeout'];
    if (step.raw.action === undefined) {
      report(
        path,
        `step "${step.id ?? step.index}" runs no action, so nothing waits for the CloudBoxx: remove actionTimeout (or add an action)`,
        'key',
      );
      continue;
    }
    if (typeof timeout !== 'string') continue; // the grammar reports the type
    const result = parseDurationMs(timeout);
    const { min, minMs, max, maxMs } = ACTION_TIMEOUT_BOUNDS;
    if (!result.ok) report(path, result.message);
    else if (result.ms < minMs)
      report(path, `"${timeout}" is shorter than ${min}: a CloudBoxx needs a few seconds to answer even when all is well`);
    else if (result.ms > maxMs) report(path, `"${timeout}" is longer than ${max}, the longest a step may wait for the CloudBoxx`);
  }
}

/**
 * The shortest access a job type may give. The access starts with the job and its end fails the job:
 * `maxDuration: PT1S` (or PT8S for PT8H) was published and failed every job a second after its start.
 */
const MIN_ACCESS = { text: 'PT5M', ms: 300_000 } as const;

/** The access must outlast the minimum and every step's wait for the box, or it ends jobs on its own. */
function checkAccessLongEnough(maxDuration: number, written: string, steps: StepView[], report: Report): void {
  const path = ['access', 'maxDuration'];
  if (maxDuration < MIN_ACCESS.ms) {
    report(
      path,
      `"${written}" is shorter than ${MIN_ACCESS.text}: the access starts with the job and its end fails the job, so every job would fail before the installer could do its steps`,
    );
    return;
  }
  for (const step of steps) {
    if (step.raw.action === undefined) continue;
    const timeout = typeof step.raw.actionTimeout === 'string' ? step.raw.actionTimeout : DEFAULT_ACTION_TIMEOUT;
    const wait = parseDurationMs(timeout);
    if (wait.ok && wait.ms > maxDuration) {
      report(
        path,
        `"${written}" is shorter than step "${step.id ?? step.index}" may wait for the CloudBoxx (actionTimeout ${timeout}): the access would end, failing the job, while the step still waits; make maxDuration longer or the actionTimeout shorter`,
      );
      return;
    }
  }
}

function checkDurations(data: Rec, steps: StepView[], report: Report, warn: (path: DefinitionPath, message: string) => void): void {
  const durationAt = (path: DefinitionPath, value: unknown): number | undefined => {
    if (typeof value !== 'string') return undefined;
    const result = parseDurationMs(value);
    if (result.ok) return result.ms;
    report(path, result.message);
    return undefined;
  };
  const maxDuration = isRec(data.access) ? durationAt(['access', 'maxDuration'], data.access.maxDuration) : undefined;
  if (maxDuration !== undefined && isRec(data.access)) checkAccessLongEnough(maxDuration, String(data.access.maxDuration), steps, report);
  if (!isRec(data.deadlines)) return;
  const start = durationAt(['deadlines', 'startWithin'], data.deadlines.startWithin);
  const complete = durationAt(['deadlines', 'completeWithin'], data.deadlines.completeWithin);
  if (start !== undefined && complete !== undefined && complete <= start) {
    report(
      ['deadlines', 'completeWithin'],
      `${String(data.deadlines.completeWithin)} is not longer than startWithin (${String(data.deadlines.startWithin)}): a job could still be started after it must be complete`,
    );
  }
  // The access counts from the job's start, the deadline from its creation, which is never later:
  // an access at least as long as the deadline always outlives the job.
  if (maxDuration !== undefined && complete !== undefined && maxDuration >= complete && isRec(data.access)) {
    const [max, deadline] = [String(data.access.maxDuration), String(data.deadlines.completeWithin)];
    warn(
      ['access', 'maxDuration'],
      `${max} can never end a job: the access counts from the job's start and deadlines.completeWithin (${deadline}) from its creation, so the deadline always ends the job first; to limit how long an installer holds the vehicle, make maxDuration shorter than ${deadline}`,
    );
  }
}

/**
 * Texts people read (titles, labels, descriptions, checklist items) are plain text: portals and
 * the installer app show them as written, never as markup. One-line texts hold no control
 * character; descriptions may hold line breaks and tabs. A < followed by a letter, /, ! or ? would
 * open an HTML tag, comment or declaration; any other < ("< 5 km", "a <= b") is fine.
 */
function checkPlainTexts(data: Rec, report: Report): void {
  const check = (path: DefinitionPath, value: unknown, multiline: boolean): void => {
    // What cannot be stored at all is reported as such (storable-source.ts), not twice.
    if (typeof value !== 'string' || textProblem(value) !== undefined) return;
    const problem = plainTextProblem(value, multiline);
    if (problem !== undefined) report(path, problem);
  };
  check(['title'], data.title, false);
  check(['description'], data.description, true);
  list(data.sections).forEach((section, index) => {
    if (!isRec(section)) return;
    check(['sections', index, 'title'], section.title, false);
    check(['sections', index, 'description'], section.description, true);
  });
  list(data.fields).forEach((field, index) => {
    if (!isRec(field)) return;
    check(['fields', index, 'label'], field.label, false);
    check(['fields', index, 'description'], field.description, true);
    if (!isRec(field.validation)) return;
    check(['fields', index, 'validation', 'patternMessage'], field.validation.patternMessage, false);
    list(field.validation.options).forEach((option, optionIndex) => {
      if (isRec(option)) check(['fields', index, 'validation', 'options', optionIndex, 'label'], option.label, false);
    });
  });
  list(data.steps).forEach((step, index) => {
    if (!isRec(step)) return;
    check(['steps', index, 'title'], step.title, false);
    check(['steps', index, 'description'], step.description, true);
    list(step.checklist).forEach((item, itemIndex) => check(['steps', index, 'checklist', itemIndex], item, false));
  });
}

/** Why `text` is not plain text, or undefined when it is. */
export function plainTextProblem(text: string, multiline: boolean): string | undefined {
  const tag = /<[A-Za-z/!?][^\s<>]{0,20}>?/.exec(text);
  if (tag !== null) {
    return `must be plain text, but ${JSON.stringify(tag[0])} would start an HTML tag; texts are shown as written (a < may be followed by a space, a digit or a sign, e.g. "< 5 km")`;
  }
  // Control characters: C0, DEL and C1; descriptions keep their line breaks and tabs.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const control = (multiline ? /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/ : /[\u0000-\u001F\u007F-\u009F]/).exec(text);
  if (control === null) return undefined;
  const char = control[0];
  if (char === '\n') return 'must be one line: only descriptions may have several lines';
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return `must be plain text, but holds the control character ${code}${char === '\t' ? ' (a tab)' : ''}; only descriptions may hold line breaks and tabs`;
}

function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

function isRec(value: unknown): value is Rec {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
