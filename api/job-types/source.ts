// A job type's YAML as the API receives it: checked by the same code and in the same words as
// `job-types validate`, except that `version:` may be left out (the API assigns the next one).
import { isMap, parseDocument } from 'yaml';
import type { SourceProblem } from '../../common/errors';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import type { JobTypeProblem } from '../../definitions/errors';
import { checkJobTypeText } from '../../definitions/loader';
import { parseYamlSource } from '../../definitions/yaml-source';

export interface CheckedApiSource {
  compiled?: CompiledJobType;
  problems: SourceProblem[];
  /** The version the source names; undefined when it leaves `version:` out. */
  requestedVersion?: number;
}

/** The name problems give the source; the API answer leaves it out. */
const FILE = 'request';

// A top-level `version:` key, as a block mapping writes it (quoted or not).
const TOP_LEVEL_VERSION = /^(?:version|"version"|'version')[ \t]*:/m;

/**
 * Whether the source names its version: a JSON document (`{"id": …, "version": 2, …}`, YAML too)
 * has it on no line of its own, and was taken for one without, then compiled under a version it
 * did not name (a 500).
 */
function namesVersion(text: string): boolean {
  if (TOP_LEVEL_VERSION.test(text)) return true;
  const { data } = parseYamlSource(text);
  return typeof data === 'object' && data !== null && !Array.isArray(data) && Object.hasOwn(data, 'version');
}

/**
 * The source with `version: <n>` added where it cannot change anything else the author wrote: a
 * line after theirs, or in a source that is one { … } mapping (JSON), before its closing brace.
 * Also where the addition starts, so that a problem found there or after it can be told apart.
 */
function withVersionAdded(text: string, version: number): { source: string; addedAt: number } {
  // Parsed only once parseYamlSource found it readable: it guards the parser against hostile nesting.
  const contents = parseYamlSource(text).data === undefined ? undefined : parseDocument(text).contents;
  if (isMap(contents) && contents.flow === true && contents.range !== undefined) {
    const closing = text.lastIndexOf('}', contents.range[1] - 1);
    const before = text.slice(0, closing).trimEnd();
    const separator = before.endsWith('{') || before.endsWith(',') ? ' ' : ', ';
    return { source: `${text.slice(0, closing)}${separator}version: ${version} ${text.slice(closing)}`, addedAt: closing };
  }
  return { source: `${text}${text.endsWith('\n') ? '' : '\n'}version: ${version}\n`, addedAt: text.length };
}

/**
 * Checks a source for publishing (or validating) under `expectedId`. Without `version:`, the
 * source is checked as if it held `version: <assumed>` (see withVersionAdded), so every problem
 * still points into what they wrote; `compileAs` then compiles it under the version the
 * API assigns.
 */
export function checkApiSource(
  text: string,
  options: { expectedId?: string; assumedVersion?: number } = {},
): CheckedApiSource & { compileAs(version: number): CompiledJobType } {
  const check = (source: string) =>
    checkJobTypeText(FILE, source, {
      versionAssigned: true,
      ...(options.expectedId === undefined ? {} : { expectedId: options.expectedId }),
    });
  const asWritten = check(text);
  if (namesVersion(text)) {
    const requestedVersion = asWritten.compiled?.version;
    return {
      ...answer(asWritten),
      ...(requestedVersion !== undefined ? { requestedVersion } : {}),
      compileAs: (version) => (version === requestedVersion ? asWritten.compiled! : unusable()),
    };
  }
  const withVersion = (version: number) => withVersionAdded(text, version).source;
  const added = withVersionAdded(text, options.assumedVersion ?? 1);
  const assumed = check(added.source);
  // A problem where we added the version (e.g. after nothing but comments): the source as written says more.
  if (assumed.problems.some((problem) => offsetOf(added.source, problem) >= added.addedAt))
    return { ...answer(asWritten), compileAs: unusable };
  return {
    ...answer(assumed),
    compileAs: (version) => {
      const compiled = check(withVersion(version)).compiled;
      if (!compiled) throw new Error(`a checked job type failed to compile as version ${version}`);
      return compiled;
    },
  };
}

/** The offset in `text` of a 1-based line and column. */
function offsetOf(text: string, { line, column }: { line: number; column: number }): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return offset + column - 1;
}

function answer(checked: { compiled?: CompiledJobType; problems: JobTypeProblem[] }): CheckedApiSource {
  const problems = checked.problems.map(({ line, column, path, message, severity }) => ({ line, column, path, message, severity }));
  return checked.compiled ? { compiled: checked.compiled, problems } : { problems };
}

function unusable(): never {
  throw new Error('a job type with errors was compiled');
}
