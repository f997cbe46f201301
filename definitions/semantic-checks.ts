// Checks the grammar cannot express: references between parts of a definition, what can never
// be filled, templates and durations. They run even when the grammar check failed, so an author
// sees everything in one pass; hence every read here is defensive about shapes.
import grammarSchema from '../job-types/schema/job-type.schema.json';
import type { DefinitionIssue, DefinitionPath } from './errors';
import { STEP_ACTIONS } from './actions';
import { parseDurationMs } from './durations';
import { forEachTemplateString, scanPlaceholders } from './template';
import { closestName, didYouMean, quotedList } from './suggest';
import { fieldValueProblems } from './value-validation';
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
  /** The step's condition as text ("operation = swap"), or undefined for every job. */
  readonly condition: string | undefined;
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
};
const APPLY = 'cloudboxx.applyConfiguration';
const STEP_KEYS: ReadonlySet<string> = new Set(Object.keys(grammarSchema.$defs.Step.properties));

export function checkSemantics(data: unknown): DefinitionIssue[] {
  if (!isRec(data)) return [];
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
  const collectListsReadable = list(data.steps).every(
    (step) => isRec(step) && (step.collect === undefined || (Array.isArray(step.collect) && step.collect.every((key) => typeof key === 'string'))),
  );
  const reportReference: Report = (path, message, at) => {
    if (keysReadable) report(path, message, at);
  };
  const { collectedBy, meantKeys } = checkCollect(steps, fields, reportReference, report);
  checkStepConditions(steps, fields, reportReference, report);

  for (const field of fields.values()) {
    const path = ['fields', field.index];
    const section = str(field.raw.section);
    if (section !== undefined && sectionsReadable && sectionIds.size > 0 && !sectionIds.has(section)) {
      report([...path, 'section'], `unknown section "${section}"${didYouMean(section, sectionIds) || `; sections: ${[...sectionIds].join(', ')}`}`);
    }
    checkValidationRules(field, report);
    // A typo in a collect list already says what is wrong; "nobody collects it" would repeat it.
    if (collectListsReadable && keysReadable && !meantKeys.has(field.key)) checkCoverage(field, collectedBy.get(field.key), report);
  }
  checkActions(data, steps, report);
  const coverageChecked = (key: string): boolean => collectListsReadable && keysReadable && !meantKeys.has(key);
  checkQnrFields(steps, fields, collectedBy, coverageChecked, reportReference, report);
  checkConfigurationTemplate(data, fields, steps, collectedBy, reportReference, report);
  checkDurations(data, report);
  return issues;
}

type Report = (path: DefinitionPath, message: string, at?: 'key') => void;

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
    const condition = when === undefined ? undefined : `${String(when.field)} = ${String(when.equals)}`;
    return [{ index, id: str(raw.id), raw, collect, action: str(raw.action), condition }];
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
      report([...path, 'field'], `a step condition needs an enum or boolean field; "${field.key}" is ${withArticle(String(field.type))} field`);
      continue;
    }
    if (field.preset !== 'required') {
      report(
        [...path, 'field'],
        `field "${field.key}" must have preset: required to decide a step, so that a job's steps are known when it is created`,
      );
    }
    if (when.equals === undefined) continue; // the grammar reports it missing
    if (field.type === 'boolean' && typeof when.equals !== 'boolean') {
      report([...path, 'equals'], `"${field.key}" is a boolean field: equals must be true or false`);
    }
    if (field.type === 'enum' && isRec(field.raw.validation)) {
      const options = list(field.raw.validation.options).flatMap((option) => (isRec(option) && typeof option.value === 'string' ? [option.value] : []));
      if (options.length > 0 && (typeof when.equals !== 'string' || !options.includes(when.equals))) {
        const value = JSON.stringify(when.equals);
        report([...path, 'equals'], `${value} is not an option of "${field.key}"${didYouMean(String(when.equals), options)}; options: ${options.join(', ')}`);
      }
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
      report([...path, 'validation', rule], `${rule} applies only to ${appliesTo.join(' and ')} fields, not to ${withArticle(type)} field`, 'key');
    }
  }
  if (type === 'enum' && rules.options === undefined) {
    report([...path, 'type'], `an enum field needs validation.options to choose from`);
  }
  if (rules.patternMessage !== undefined && rules.pattern === undefined) {
    report([...path, 'validation', 'patternMessage'], 'explains a pattern, but there is no validation.pattern', 'key');
  }
  let patternOk = true;
  if (typeof rules.pattern === 'string') {
    try {
      new RegExp(rules.pattern, 'u');
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
  if (field.hasDefault && !Array.isArray(field.raw.default) && validation !== undefined) {
    for (const message of fieldValueProblems({ type: type as FieldType, validation }, field.raw.default)) {
      report([...path, 'default'], message);
    }
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
      report(path, `${step.action} needs the ${quotedList(missing)} permission${missing.length > 1 ? 's' : ''}; add ${missing.length > 1 ? 'them' : 'it'} to access.permissions`);
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
 * A step with an action names, in qnrField, the string field holding the QNR of the CloudBoxx it
 * talks to, and that field has a value whenever the step runs; a step without an action has none.
 */
function checkQnrFields(
  steps: StepView[],
  fields: Map<string, FieldView>,
  collectedBy: Map<string, StepView>,
  coverageChecked: (key: string) => boolean,
  reportReference: Report,
  report: Report,
): void {
  for (const step of steps) {
    const name = `step "${step.id ?? step.index}"`;
    const qnrField = step.raw.qnrField;
    if (step.raw.action === undefined) {
      if (qnrField !== undefined) {
        report(['steps', step.index, 'qnrField'], `${name} runs no action, so it talks to no CloudBoxx: remove qnrField (or add an action)`, 'key');
      }
      continue;
    }
    if (qnrField === undefined) {
      // An unknown action, or a misspelt qnrField key, is reported by the grammar already.
      const misspelt = Object.keys(step.raw).some((key) => !STEP_KEYS.has(key) && closestName(key, ['qnrField']) !== undefined);
      if (step.action !== undefined && step.action in STEP_ACTIONS && !misspelt) {
        report(['steps', step.index], `${name} runs ${step.action} and needs qnrField: the field holding the QNR of the CloudBoxx it talks to`);
      }
      continue;
    }
    if (typeof qnrField !== 'string') continue; // the grammar reports the type
    const path = ['steps', step.index, 'qnrField'];
    const field = fields.get(qnrField);
    if (field === undefined) {
      reportReference(path, `unknown field "${qnrField}"${didYouMean(qnrField, fields.keys())}`);
      continue;
    }
    if (field.type === undefined || !FIELD_TYPES.has(field.type)) continue; // the grammar reports the type
    if (field.type !== 'string') {
      report(path, `a QNR is 16 hexadecimal characters, so qnrField needs a string field; "${field.key}" is ${withArticle(field.type)} field`);
      continue;
    }
    const problem = qnrAvailabilityProblem(name, field, collectedBy.get(field.key), step, coverageChecked(field.key));
    if (problem !== undefined) report(path, problem);
  }
}

/** Why the QNR field may still be blank when `step` talks to the CloudBoxx. */
function qnrAvailabilityProblem(name: string, field: FieldView, collector: StepView | undefined, step: StepView, coverageChecked: boolean): string | undefined {
  if (field.preset === 'required') return undefined;
  const blank = `the QNR in "${field.key}" may still be blank when ${name} talks to the CloudBoxx`;
  if (collector === undefined) {
    // A field nobody could fill is reported by the coverage check, or by a typo in a collect list.
    if (!coverageChecked || field.required || field.preset === 'forbidden') return undefined;
    return `${blank}: no step collects it and the provider need not fill it (set preset: required, or collect it with required: true in this step or an earlier one)`;
  }
  if (collector.index > step.index) {
    return `${blank}: step "${collector.id}" collects it only later (collect it in this step or an earlier one)`;
  }
  if (collector.condition !== undefined && collector.condition !== step.condition) {
    const runs = step.condition === undefined ? 'for every job' : `when ${step.condition}`;
    return `${blank}: step "${collector.id}" collects it only when ${collector.condition}, but ${name} runs ${runs}`;
  }
  if (!field.required) {
    return `${blank}: the field is optional, so the installer may leave it empty (make it required: true)`;
  }
  return undefined;
}

/** Every placeholder names a field that has a value by the time the configuration is applied. */
function checkConfigurationTemplate(
  data: Rec,
  fields: Map<string, FieldView>,
  steps: StepView[],
  collectedBy: Map<string, StepView>,
  reportReference: Report,
  report: Report,
): void {
  if (!isRec(data.cloudboxx) || !isRec(data.cloudboxx.configuration)) return;
  const applySteps = steps.filter((step) => step.action === APPLY);
  forEachTemplateString(data.cloudboxx.configuration, (text, inner) => {
    const path = ['cloudboxx', 'configuration', ...inner];
    const { keys, problems } = scanPlaceholders(text);
    for (const problem of problems) report(path, problem);
    for (const key of new Set(keys)) {
      const field = fields.get(key);
      if (field === undefined) {
        reportReference(path, `unknown field "${key}" in placeholder \${${key}}${didYouMean(key, fields.keys())}`);
      } else if (!field.required && !field.hasDefault) {
        report(path, `placeholder \${${key}} may resolve to nothing: field "${key}" is optional and has no default (make it required or give it a default)`);
      } else if (!field.hasDefault && field.preset !== 'required') {
        const collector = collectedBy.get(key);
        for (const applyStep of applySteps) {
          const problem = availabilityProblem(key, collector, applyStep);
          if (problem !== undefined) report(path, problem);
        }
      }
    }
  });
}

/** Why a required field may still be blank when `applyStep` renders the configuration. */
function availabilityProblem(key: string, collector: StepView | undefined, applyStep: StepView): string | undefined {
  if (collector === undefined) return undefined; // the coverage check reports fields nobody collects
  if (collector.index > applyStep.index) {
    return `placeholder \${${key}} may resolve to nothing: step "${applyStep.id}" applies the configuration before step "${collector.id}" collects "${key}"`;
  }
  if (collector.condition !== undefined && collector.condition !== applyStep.condition) {
    const applies = applyStep.condition === undefined ? 'for every job' : `when ${applyStep.condition}`;
    return `placeholder \${${key}} may resolve to nothing: step "${collector.id}" collects "${key}" only when ${collector.condition}, but step "${applyStep.id}" applies the configuration ${applies}`;
  }
  return undefined;
}

function checkDurations(data: Rec, report: Report): void {
  const durationAt = (path: DefinitionPath, value: unknown): number | undefined => {
    if (typeof value !== 'string') return undefined;
    const result = parseDurationMs(value);
    if (result.ok) return result.ms;
    report(path, result.message);
    return undefined;
  };
  if (isRec(data.access)) durationAt(['access', 'maxDuration'], data.access.maxDuration);
  if (!isRec(data.deadlines)) return;
  const start = durationAt(['deadlines', 'startWithin'], data.deadlines.startWithin);
  const complete = durationAt(['deadlines', 'completeWithin'], data.deadlines.completeWithin);
  if (start !== undefined && complete !== undefined && complete <= start) {
    report(
      ['deadlines', 'completeWithin'],
      `${String(data.deadlines.completeWithin)} is not longer than startWithin (${String(data.deadlines.startWithin)}): a job could still be started after it must be complete`,
    );
  }
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
