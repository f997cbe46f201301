// Loads job-type YAML files: parse (keeping positions), check the grammar, run the semantic
// checks, compile. Whatever is wrong comes back as problems with file:line:column, errors and
// warnings; the load functions throw one JobTypeError when there is an error (nothing else is ever
// thrown for a bad file), and warnings alone never stop a definition from loading.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CompiledJobType } from './compiled-job-type';
import { compileJobType } from './compile';
import { errorsOf, formatPath, JobTypeError } from './errors';
import type { DefinitionIssue, JobTypeProblem } from './errors';
import { checkGrammar, type GrammarOptions } from './grammar-validation';
import { checkSemantics } from './semantic-checks';
import { unstorableTextIssues } from './storable-source';
import { parseYamlSource } from './yaml-source';
import type { ParsedYamlSource } from './yaml-source';

interface CheckedSource {
  readonly file: string;
  /** Present iff no problem is an error. */
  readonly compiled: CompiledJobType | undefined;
  readonly problems: readonly JobTypeProblem[];
  readonly parsed: ParsedYamlSource | undefined;
  readonly cause?: unknown;
}

export interface CheckTextOptions {
  /** The id the definition must have, e.g. the one in the URL it is published under. */
  readonly expectedId?: string;
  /** Published through the API, which numbers `version` itself when it is left out: problems say so. */
  readonly versionAssigned?: boolean;
}

/**
 * Every problem of one definition, errors and warnings, and the compiled job type when there is no
 * error. Never throws for anything wrong with the text; `file` only names it in problems.
 */
export function checkJobTypeText(
  file: string,
  text: string,
  options: CheckTextOptions = {},
): { compiled?: CompiledJobType; problems: JobTypeProblem[] } {
  const { compiled, problems } = checkSource(
    file,
    text,
    options.expectedId === undefined ? undefined : { kind: 'request', id: options.expectedId },
    { versionAssigned: options.versionAssigned === true },
  );
  return compiled === undefined ? { problems: [...problems] } : { compiled, problems: [...problems] };
}

/** Loads one definition from its text; `file` is only used to name it in problems. Throws JobTypeError on an error. */
export function loadJobTypeFromText(file: string, text: string): CompiledJobType {
  return orThrow(checkSource(file, text));
}

/** Options for reading files: relative names are read from `baseDir` (default: the cwd) and reported as given. */
export interface ReadOptions {
  readonly baseDir?: string;
}

export async function loadJobTypeFile(file: string, options: ReadOptions = {}): Promise<CompiledJobType> {
  return orThrow(await checkFile(file, options));
}

/**
 * Loads several definitions; all of them or none. Also refuses two files defining the same id.
 * The JobTypeError lists every problem of every file.
 */
export async function loadJobTypeFiles(files: readonly string[], options: ReadOptions = {}): Promise<CompiledJobType[]> {
  const { compiled, problems, cause } = await checkFiles(files, options);
  if (compiled === undefined) throw new JobTypeError(problems, { cause });
  return compiled;
}

/**
 * Every problem of several files, errors and warnings in file order, and all of them compiled when
 * no problem is an error (e.g. for `job-types validate`, which shows the warnings of valid files).
 */
export async function checkJobTypeFiles(
  files: readonly string[],
  options: ReadOptions = {},
): Promise<{ compiled?: CompiledJobType[]; problems: JobTypeProblem[] }> {
  const { compiled, problems } = await checkFiles(files, options);
  return compiled === undefined ? { problems } : { compiled, problems };
}

async function checkFiles(
  files: readonly string[],
  options: ReadOptions,
): Promise<{ compiled: CompiledJobType[] | undefined; problems: JobTypeProblem[]; cause: unknown }> {
  const checked = await Promise.all(files.map((file) => checkFile(file, options)));
  const problems = checked.flatMap((source) => source.problems);
  const firstFileById = new Map<string, string>();
  for (const source of checked) {
    const { compiled, parsed, file } = source;
    if (compiled === undefined || parsed === undefined) continue;
    const other = firstFileById.get(compiled.id);
    if (other === undefined) firstFileById.set(compiled.id, file);
    else problems.push(problem({ file, parsed }, { path: ['id'], message: `job type "${compiled.id}" is already defined in ${other}` }));
  }
  const cause = checked.find((source) => source.cause)?.cause;
  if (errorsOf(problems).length > 0) return { compiled: undefined, problems, cause };
  return { compiled: checked.map((source) => source.compiled as CompiledJobType), problems, cause };
}

/**
 * The job-type files of a directory (`*.yaml`, `*.yml`), sorted, named relative to `relativeTo`
 * (default: the cwd) when inside it, e.g. `job-types/cloudboxx-install.yaml`.
 */
export async function findJobTypeFiles(dir: string, relativeTo: string = process.cwd()): Promise<string[]> {
  const names = await readdir(path.resolve(relativeTo, dir));
  return names
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => displayPath(path.resolve(relativeTo, dir, name), relativeTo));
}

/** Every job type in `dir`, e.g. at API and worker start: a broken one stops the start and is named. */
export async function loadJobTypesDirectory(dir: string): Promise<CompiledJobType[]> {
  return loadJobTypeFiles(await findJobTypeFiles(dir));
}

async function checkFile(file: string, options: ReadOptions): Promise<CheckedSource> {
  let text: string;
  try {
    text = await readFile(path.resolve(options.baseDir ?? process.cwd(), file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? `it is a folder; name the files in it, e.g. ${path.join(file, '*.yaml')}`
          : (error as Error).message;
    const problems: JobTypeProblem[] = [
      { file, line: 1, column: 1, path: '', message: `cannot read the file: ${reason}`, severity: 'error' },
    ];
    return { file, compiled: undefined, parsed: undefined, cause: error, problems };
  }
  // A file is named after the id it holds, so that the id can be found from the file and back.
  return checkSource(file, text, { kind: 'file', id: path.basename(file).replace(/\.ya?ml$/, '') });
}

/** Where the id a definition must have comes from: its file's name, or the request publishing it. */
type ExpectedId = { readonly kind: 'file' | 'request'; readonly id: string };

function checkSource(file: string, text: string, expectedId?: ExpectedId, grammarOptions: GrammarOptions = {}): CheckedSource {
  try {
    const parsed = parseYamlSource(text);
    const yamlProblems = parsed.problems.map((message): JobTypeProblem => ({
      file,
      line: message.line,
      column: message.column,
      path: formatPath(message.path ?? []),
      message: message.message,
      severity: 'error',
    }));
    if (parsed.data === undefined) return { file, parsed, compiled: undefined, problems: yamlProblems };

    const grammar = checkGrammar(parsed.data, {
      ...grammarOptions,
      ...(parsed.isFlowMapping === undefined ? {} : { isFlowMapping: parsed.isFlowMapping }),
    });
    const issues = [
      ...(grammar.ok ? [] : grammar.issues),
      ...checkSemantics(parsed.data),
      ...unstorableTextIssues(parsed.data),
      ...idIssues(parsed.data, expectedId),
    ];
    const source = { file, parsed };
    const problems = sortProblems([...yamlProblems, ...issues.map((issue) => problem(source, issue))]);
    if (errorsOf(problems).length > 0 || !grammar.ok) return { file, parsed, compiled: undefined, problems };

    const version = parsed.locate(['version']);
    const compiled = compileJobType(grammar.definition, { file, versionLine: version.line, versionColumn: version.column });
    return { file, parsed, compiled, problems };
  } catch (error) {
    // A bug of ours, not the author's: still a JobTypeError naming the file, with the cause kept.
    const message = `internal error while checking this file (please report it): ${error instanceof Error ? error.message : String(error)}`;
    return {
      file,
      parsed: undefined,
      compiled: undefined,
      cause: error,
      problems: [{ file, line: 1, column: 1, path: '', message, severity: 'error' }],
    };
  }
}

function idIssues(data: unknown, expected: ExpectedId | undefined): DefinitionIssue[] {
  const id = data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).id : undefined;
  if (expected === undefined || typeof id !== 'string' || id === expected.id) return [];
  const message =
    expected.kind === 'file'
      ? `the file is named ${expected.id}, so its id must be "${expected.id}": a job type's file is named after its id (rename the file to ${id}.yaml, or change the id)`
      : `"${id}" is not the job type being published ("${expected.id}", from the URL): the id in the source and in the URL must be the same`;
  return [{ path: ['id'], message }];
}

function problem(source: { file: string; parsed: ParsedYamlSource }, issue: DefinitionIssue): JobTypeProblem {
  const { line, column } = source.parsed.locate(issue.path, issue.at);
  return { file: source.file, line, column, path: formatPath(issue.path), message: issue.message, severity: issue.severity ?? 'error' };
}

function sortProblems(problems: JobTypeProblem[]): JobTypeProblem[] {
  const seen = new Set<string>();
  return problems
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .filter((p) => {
      const key = `${p.line}:${p.column}:${p.path}:${p.message}`;
      return !seen.has(key) && (seen.add(key), true);
    });
}

function orThrow(source: CheckedSource): CompiledJobType {
  if (source.compiled === undefined) throw new JobTypeError(source.problems, { cause: source.cause });
  return source.compiled;
}

function displayPath(absolute: string, relativeTo: string): string {
  const relative = path.relative(relativeTo, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
}
