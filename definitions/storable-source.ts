// A published job type is stored: its source as text, its compiled definition as jsonb. Whatever
// Postgres cannot store (a NUL, a lone surrogate; common/storable.ts) is refused in the source, so
// that validate, preview, the CLI and publish all say so, each at its line and column, instead of
// the database refusing it when the type is published.
import { textProblem, unstorableStrings } from '../common/storable';
import { pointerToPath } from './errors';
import type { DefinitionIssue } from './errors';

const WHY = 'job types are stored in a database that cannot hold it';

/** Why the text of a source cannot be stored, or undefined; `position` is the offset of what is wrong. */
export function unstorableSourceText(text: string): { message: string; position: number } | undefined {
  const problem = textProblem(text);
  if (problem === undefined) return undefined;
  return { message: `the source ${problem}; ${WHY}`, position: Number(/position (\d+)/.exec(problem)?.[1] ?? 0) };
}

/**
 * Every string and every mapping key of a parsed definition that cannot be stored, wherever it is
 * (a configuration value or key, a pattern, an option): what a YAML escape such as "\u0000" put
 * there, which the source's text does not show. A key is pointed at as a key.
 */
export function unstorableTextIssues(data: unknown): DefinitionIssue[] {
  return unstorableStrings(data).map(({ pointer, message }): DefinitionIssue => {
    const path = pointerToPath(pointer, data);
    const last = path.at(-1);
    const isKey = typeof last === 'string' && textProblem(last) !== undefined;
    return isKey ? { path, at: 'key', message: `${message}; ${WHY}` } : { path, message: `${message}; ${WHY}` };
  });
}
