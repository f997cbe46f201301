// Checks a parsed definition against the grammar's JSON Schema (compiled once) and tells the
// author what is wrong in their words, not ajv's.
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import grammarSchema from '../job-types/schema/job-type.schema.json';
import type { JobTypeDefinition } from './job-type.generated';
import { pointerToPath, type DefinitionIssue, type DefinitionPath } from './errors';
import { closestName, didYouMean } from './suggest';

/** The highest version a job type may have (Postgres keeps versions as integer): the grammar's own bound. */
export const MAX_JOB_TYPE_VERSION: number = grammarSchema.properties.version.maximum;

const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
// Editor hint (VS Code / yaml-language-server); ajv only needs to tolerate it.
ajv.addVocabulary(['patternErrorMessage']);
// Durations are checked, with better messages, by the semantic checks (tinyduration).
ajv.addFormat('duration', true);
// Compiled on first use, not on import: commands that load this module without checking a job
// type (the CLI builds all its commands at start) do not pay for it.
let compiled: ValidateFunction<JobTypeDefinition> | undefined;
const validateGrammar = (data: unknown): data is JobTypeDefinition => (compiled ??= ajv.compile<JobTypeDefinition>(grammarSchema))(data);

export const GRAMMAR_SCHEMA_ID: string = grammarSchema.$id;

export interface GrammarOptions {
  /** The source is published through the API, which numbers `version` itself when it is left out. */
  readonly versionAssigned?: boolean;
  /** Whether the mapping at a path is written inside { … } (from the YAML); unknown: taken as yes. */
  readonly isFlowMapping?: (path: DefinitionPath) => boolean;
}

/** Narrows `data` to a definition when it follows the grammar; otherwise lists every deviation. */
export function checkGrammar(
  data: unknown,
  options: GrammarOptions = {},
): { ok: true; definition: JobTypeDefinition } | { ok: false; issues: DefinitionIssue[] } {
  if (validateGrammar(data)) return { ok: true, definition: data };
  const errors = compiled?.errors ?? [];
  return { ok: false, issues: withoutEchoes(errors.map((error) => translate(error, data, options))) };
}

/** A translated error, with what a misspelt key was probably meant to be, or which key is missing. */
type GrammarIssue = DefinitionIssue & { readonly meantKey?: string; readonly missingKey?: string; readonly wrongType?: boolean };

/** A misspelt key shows up twice, as unknown and as missing; "did you mean" already says both. */
function withoutEchoes(issues: GrammarIssue[]): DefinitionIssue[] {
  const meant = new Set(
    issues.flatMap((issue) => (issue.meantKey === undefined ? [] : [JSON.stringify([...issue.path.slice(0, -1), issue.meantKey])])),
  );
  // A value of the wrong type also fails its enum or pattern; the type is what to fix first.
  const wrongType = new Set(issues.filter((issue) => issue.wrongType === true).map((issue) => JSON.stringify(issue.path)));
  return issues
    .filter((issue) => issue.missingKey === undefined || !meant.has(JSON.stringify([...issue.path, issue.missingKey])))
    .filter((issue) => issue.wrongType === true || !wrongType.has(JSON.stringify(issue.path)))
    .map(({ path, at, message }) => (at === undefined ? { path, message } : { path, at, message }));
}

/** Names of enum types in the admin's words, by schema title. */
const ENUM_NOUNS: Record<string, [singular: string, plural: string]> = {
  FieldType: ['field type', 'field types'],
  Preset: ['preset', 'presets'],
  StepAction: ['action', 'actions'],
  Permission: ['permission', 'permissions'],
  VehicleStateProperty: ['vehicle state property', 'vehicle state properties'],
  ConfigurationMode: ['configuration mode', 'configuration modes'],
  SecuringCommand: ['command', 'commands when access ends'],
};

const TYPE_NOUNS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  null: 'empty',
};

function translate(error: ErrorObject, data: unknown, options: GrammarOptions): GrammarIssue {
  const path = pointerToPath(error.instancePath, data);
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  const value: unknown = error.data;
  switch (error.keyword) {
    case 'required': {
      const key = String(params.missingProperty);
      return { path, message: `missing "${key}"`, missingKey: key };
    }
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties ?? {}) as object);
      const meant = closestName(key, allowed);
      // `{ …, default: 1,5 }`: inside braces the comma ends the value, and the decimals become a key.
      // Only there: a number key in a block mapping (`1: x` on a line of its own) was told about braces it does not have.
      const decimalComma =
        /^[0-9]+$/.test(key) && (options.isFlowMapping?.(path) ?? true)
          ? `: inside { … } a comma separates entries, so a decimal comma splits a number there (its decimals ${key} become this key); write a decimal point, e.g. 0.${key}`
          : undefined;
      const hint = decimalComma ?? (meant === undefined ? `; allowed here: ${allowed.join(', ')}` : ` (did you mean "${meant}"?)`);
      return { path: [...path, key], at: 'key', message: `unknown key "${key}"${hint}`, ...(meant !== undefined && { meantKey: meant }) };
    }
    case 'type': {
      if (path.length === 0) return { path, message: rootTypeMessage(value, options) };
      const expected = ([] as unknown[]).concat(params.type).map((t) => TYPE_NOUNS[String(t)] ?? String(t));
      return { path, message: `must be ${wordList(expected, 'or')}, but is ${describe(value)}`, wrongType: true };
    }
    case 'enum': {
      const allowed = (error.schema as unknown[]).map(String);
      const [singular, plural] = ENUM_NOUNS[String(parent.title)] ?? ['value', 'values'];
      return {
        path,
        message: `unknown ${singular} ${JSON.stringify(value)}${didYouMean(String(value), allowed)}; known ${plural}: ${allowed.join(', ')}`,
      };
    }
    case 'pattern': {
      const explanation =
        typeof parent.patternErrorMessage === 'string' ? parent.patternErrorMessage : `must match ${String(params.pattern)}`;
      return { path, message: `${JSON.stringify(value)} ${explanation}` };
    }
    case 'minLength':
      return { path, message: params.limit === 1 ? 'must not be empty' : `must be at least ${String(params.limit)} characters long` };
    case 'maxLength':
      return { path, message: `must be at most ${String(params.limit)} characters long (is ${String(value).length})` };
    case 'minimum':
      return { path, message: `must be at least ${String(params.limit)}, but is ${String(value)}` };
    case 'maximum':
      return { path, message: `must be at most ${String(params.limit)}, but is ${String(value)}` };
    case 'minItems':
      return { path, message: params.limit === 1 ? 'must list at least one item' : `must list at least ${String(params.limit)} items` };
    case 'maxItems': {
      // Point at the first item too many: that is where the author stops reading.
      const count = Array.isArray(value) ? value.length : 0;
      return {
        path: [...path, Number(params.limit)],
        message: `one too many: this list may hold at most ${String(params.limit)} items (it holds ${count})`,
      };
    }
    case 'minProperties':
      return { path, message: 'must not be empty' };
    case 'maxProperties': {
      const count = value !== null && typeof value === 'object' ? Object.keys(value).length : 0;
      return { path, message: `may name at most ${String(params.limit)} keys (it names ${count})` };
    }
    case 'uniqueItems': {
      const [earlier, later] = [Number(params.i), Number(params.j)].sort((a, b) => a - b) as [number, number];
      const item = Array.isArray(value) ? value[later] : undefined;
      return { path: [...path, later], message: `${JSON.stringify(item)} is listed twice (first as [${earlier}])` };
    }
    default:
      // Every keyword the grammar uses is translated above; this is a safety net, not a format.
      return { path, message: `is not valid here (${error.keyword})` };
  }
}

function rootTypeMessage(value: unknown, options: GrammarOptions): string {
  if (value === null || value === undefined) {
    // The grammar's own list, so that it never forgets a key the grammar requires.
    const required: readonly string[] = grammarSchema.required;
    if (options.versionAssigned !== true) return `the file is empty; a job type needs ${wordList(required, 'and')}`;
    const needed = required.filter((key) => key !== 'version');
    return `the file is empty; a job type needs ${wordList(needed, 'and')} (and version, which may be left out: the API numbers it)`;
  }
  return `a job type must be a mapping of keys such as id, version and title, but this file holds ${describe(value)}`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'string') return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'a mapping';
}

function wordList(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}
