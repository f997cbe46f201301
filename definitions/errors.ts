// The one error a job-type author ever sees. Kept free of Node imports so that any layer,
// including workflow code, may import and `instanceof`-check it.

/** Where in a definition something sits: object keys and list indexes, outermost first. */
export type DefinitionPath = readonly (string | number)[];

/** One thing wrong with a job-type file, located in its YAML source. */
export interface JobTypeProblem {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Where in the definition, e.g. `steps[1].collect[0]`; empty for the file as a whole. */
  readonly path: string;
  /** What is wrong, in the job-type author's words. */
  readonly message: string;
  /** An error makes the definition unusable; a warning is worth reading but never blocks loading or publishing. */
  readonly severity: ProblemSeverity;
}

export type ProblemSeverity = 'error' | 'warning';

/** The problems that make a definition unusable. */
export function errorsOf(problems: readonly JobTypeProblem[]): JobTypeProblem[] {
  return problems.filter((problem) => problem.severity === 'error');
}

/**
 * A broken job-type definition (or several): every problem found, not just the first. Thrown only
 * when at least one problem is an error; the warnings found alongside are listed too.
 */
export class JobTypeError extends Error {
  override readonly name = 'JobTypeError';
  readonly problems: readonly JobTypeProblem[];

  constructor(problems: readonly JobTypeProblem[], options?: { cause?: unknown }) {
    super(describeProblems(problems), options);
    this.problems = problems;
  }

  /** Exactly one line per problem, `file:line:column path: message`. */
  override toString(): string {
    return this.problems.map(formatProblem).join('\n');
  }
}

/** `file:line:column path: message`, with `warning: ` before the message of a warning. */
export function formatProblem(problem: JobTypeProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const message = problem.severity === 'warning' ? `warning: ${problem.message}` : problem.message;
  return problem.path === '' ? `${where} ${message}` : `${where} ${problem.path}: ${message}`;
}

/** `['steps', 1, 'collect', 0]` → `steps[1].collect[0]`. */
export function formatPath(path: DefinitionPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * A JSON pointer into `data` as a path: `/steps/1/collect/0` → `['steps', 1, 'collect', 0]`, list
 * indexes as numbers (so they print as `[1]`), keys as they are, whatever they look like.
 */
export function pointerToPath(pointer: string, data: unknown): DefinitionPath {
  if (pointer === '') return [];
  const path: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(segment));
      node = node[Number(segment)];
    } else {
      path.push(segment);
      node =
        node !== null && typeof node === 'object' && Object.hasOwn(node, segment) ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

function describeProblems(problems: readonly JobTypeProblem[]): string {
  const files = [...new Set(problems.map((p) => p.file))];
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return `${count} in job type ${files.length === 1 ? 'file' : 'files'} ${files.join(', ')}:\n${problems.map(formatProblem).join('\n')}`;
}

/** A problem found in the parsed definition, before it is located in the YAML source. */
export interface DefinitionIssue {
  readonly path: DefinitionPath;
  /** Point at the key rather than the value, e.g. for a key that does not belong there. */
  readonly at?: 'key' | 'value';
  readonly message: string;
  /** Default: error. */
  readonly severity?: ProblemSeverity;
}
