// A job type's YAML as the API receives it: checked by the same code and in the same words as
// `job-types validate`, except that `version:` may be left out (the API assigns the next one).
import type { SourceProblem } from '../../common/errors';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import type { JobTypeProblem } from '../../definitions/errors';
import { checkJobTypeText } from '../../definitions/loader';

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
 * Checks a source for publishing (or validating) under `expectedId`. Without `version:`, the
 * source is checked as if it ended in `version: <assumed>` — a line after the author's, so every
 * problem still points into what they wrote; `compileAs` then compiles it under the version the
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
  if (TOP_LEVEL_VERSION.test(text)) {
    const requestedVersion = asWritten.compiled?.version;
    return {
      ...answer(asWritten),
      ...(requestedVersion !== undefined ? { requestedVersion } : {}),
      compileAs: (version) => (version === requestedVersion ? asWritten.compiled! : unusable()),
    };
  }
  const withVersion = (version: number) => `${text}${text.endsWith('\n') ? '' : '\n'}version: ${version}\n`;
  // The line we add: the last one's, when the text ends in a line break, or the one after.
  const addedLine = text.split('\n').length + (text.endsWith('\n') ? 0 : 1);
  const assumed = check(withVersion(options.assumedVersion ?? 1));
  // A problem on the line we added (e.g. after a flow mapping, or after nothing but comments): the source as written says more.
  if (assumed.problems.some((problem) => problem.line >= addedLine)) return { ...answer(asWritten), compileAs: unusable };
  return {
    ...answer(assumed),
    compileAs: (version) => {
      const compiled = check(withVersion(version)).compiled;
      if (!compiled) throw new Error(`a checked job type failed to compile as version ${version}`);
      return compiled;
    },
  };
}

function answer(checked: { compiled?: CompiledJobType; problems: JobTypeProblem[] }): CheckedApiSource {
  const problems = checked.problems.map(({ line, column, path, message, severity }) => ({ line, column, path, message, severity }));
  return checked.compiled ? { compiled: checked.compiled, problems } : { problems };
}

function unusable(): never {
  throw new Error('a job type with errors was compiled');
}
