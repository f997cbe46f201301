// `installer-jobs job-types push <files…>` and `job-types pull <id>`: a provider admin's job types,
// published to and read back from a running API. `validate` and `show` stay offline (cli/job-types.ts).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { remoteProcessIo, type RemoteCommandIo } from './io';
import { formatPath, formatProblem } from '../definitions/errors';
import { checkGrammar } from '../definitions/grammar-validation';
import { parseYamlSource } from '../definitions/yaml-source';
import { ApiUnreachableError, DEFAULT_API_URL, JobTypesApi, type PublishOutcome, type SourceProblem } from './job-types-remote';

interface ApiOptions {
  api?: string;
  token?: string;
}

/** Adds `push` and `pull` to the `job-types` command. */
export function addRemoteJobTypeCommands(command: Command, io: Partial<RemoteCommandIo> = {}): Command {
  const all = { ...remoteProcessIo(), ...io };

  command
    .command('push')
    .description("publish job-type files to a running API as the token's provider; exit 1 if any file is refused")
    .argument('<files...>', 'YAML files, each publishing the job type its `id:` names')
    .option('--api <url>', `the API (default: INSTALLER_JOBS_API, else ${DEFAULT_API_URL})`)
    .option('--token <token>', "a provider admin's API token (default: INSTALLER_JOBS_TOKEN)")
    .action(async (files: string[], options: ApiOptions) => push(files, options, all));

  command
    .command('pull')
    .description("write a published job type's YAML source to a file (default: job-types/<id>.yaml)")
    .argument('<id>', 'job type id, e.g. cloudboxx-install')
    .option('--version <n>', 'this version instead of the latest', positiveInteger)
    .option('--out <file>', 'where to write it')
    .option('--force', 'overwrite the file if it exists')
    .option('--api <url>', `the API (default: INSTALLER_JOBS_API, else ${DEFAULT_API_URL})`)
    .option('--token <token>', 'an API token (default: INSTALLER_JOBS_TOKEN)')
    .action(async (id: string, options: ApiOptions & { version?: number; out?: string; force?: boolean }) => pull(id, options, all));

  return command;
}

async function push(files: string[], options: ApiOptions, io: RemoteCommandIo): Promise<void> {
  const api = connect(options, io);
  if (!api) return;
  let failed = false;
  for (const file of files) {
    const local = await readJobTypeId(path.resolve(io.cwd(), file));
    if (!('id' in local)) {
      for (const line of local.problems.map((problem) => formatSourceProblem(file, problem))) io.err(line);
      failed = true;
      continue;
    }
    let outcome: PublishOutcome;
    try {
      outcome = await api.publish(local.id, local.text);
    } catch (error) {
      if (!(error instanceof ApiUnreachableError)) throw error;
      io.err(error.message);
      io.setExitCode(1);
      return;
    }
    const report = describePush(file, outcome);
    for (const line of report.out) io.out(line);
    for (const line of report.err) io.err(line);
    failed ||= report.failed;
  }
  io.setExitCode(failed ? 1 : 0);
}

async function pull(
  id: string,
  options: ApiOptions & { version?: number; out?: string; force?: boolean },
  io: RemoteCommandIo,
): Promise<void> {
  const api = connect(options, io);
  if (!api) return;
  const asked = options.version === undefined ? id : `${id} v${options.version}`;
  try {
    const answer = await api.source(id, options.version);
    if (answer.kind === 'refused') return fail(io, `${asked}: ${answer.title}`);
    if (answer.kind === 'no-source')
      return fail(io, `${asked}: the API shows this job type but not its source; only a provider admin may read it`);
    const out = options.out ?? path.join('job-types', `${id}.yaml`);
    const target = path.resolve(io.cwd(), out);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      const source = answer.version === undefined ? answer.source : withVersionNamed(answer.source, answer.version);
      await writeFile(target, source, { flag: options.force ? 'w' : 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST')
        return fail(io, `${out} exists already; pass --force to overwrite it, or --out <file>`);
      throw error;
    }
    io.out(`${out}: pulled ${answer.id}${answer.version === undefined ? '' : ` v${answer.version}`}`);
  } catch (error) {
    if (error instanceof ApiUnreachableError) return fail(io, error.message);
    // A file system refusal (EACCES, ENOTDIR …) is the author's to fix; anything else is a bug and keeps its stack.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    return fail(io, `${options.out ?? path.join('job-types', `${id}.yaml`)}: cannot write it (${code})`);
  }
}

function connect(options: ApiOptions, io: RemoteCommandIo): JobTypesApi | undefined {
  const token = options.token ?? io.config.token;
  if (!token) {
    fail(io, "no API token: pass --token <token> or set INSTALLER_JOBS_TOKEN to a provider admin's token");
    return undefined;
  }
  try {
    return new JobTypesApi({ baseUrl: options.api ?? io.config.apiUrl ?? DEFAULT_API_URL, token, fetch: io.fetch });
  } catch (error) {
    if (!(error instanceof ApiUnreachableError)) throw error;
    fail(io, error.message);
    return undefined;
  }
}

function fail(io: RemoteCommandIo, line: string): void {
  io.err(line);
  io.setExitCode(1);
}

export type LocalJobType = { id: string; text: string } | { problems: SourceProblem[] };

/**
 * The id a file publishes, from its `id:`. A file that cannot be read, parsed, or names no id is
 * refused here, with the same words `job-types validate` uses, and never sent.
 */
export async function readJobTypeId(file: string): Promise<LocalJobType> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // As validate says it: EISDIR alone does not tell a non-programmer to write folder/*.yaml.
    if (code === 'EISDIR')
      return { problems: [{ message: `cannot read the file: it is a folder; name the files in it, e.g. ${path.join(file, '*.yaml')}` }] };
    return { problems: [{ message: `cannot read the file (${code ?? (error as Error).message})` }] };
  }
  return jobTypeIdOf(text);
}

export function jobTypeIdOf(text: string): LocalJobType {
  const parsed = parseYamlSource(text);
  if (parsed.data === undefined) return { problems: parsed.problems.map(({ line, column, message }) => ({ line, column, message })) };
  const id = (parsed.data as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id.trim() !== '') return { id, text };
  const isMapping = typeof parsed.data === 'object' && parsed.data !== null && !Array.isArray(parsed.data);
  if (isMapping && id === undefined) return { problems: [{ line: 1, column: 1, path: '', message: 'missing "id"' }] };
  // No usable id: the grammar says why in validate's words — about the id, or about a file that is no mapping at all.
  // Pushed through the API, which numbers a version left out.
  const grammar = checkGrammar(parsed.data, { versionAssigned: true });
  const issues = grammar.ok ? [] : grammar.issues.filter((issue) => (isMapping ? issue.path[0] === 'id' : issue.path.length === 0));
  if (issues.length === 0)
    return { problems: [{ ...parsed.locate(['id']), path: 'id', message: 'must name the job type, e.g. id: my-job-type' }] };
  return {
    problems: issues.map((issue) => ({ ...parsed.locate(issue.path, issue.at), path: formatPath(issue.path), message: issue.message })),
  };
}

/** What push prints for one file: result lines on stdout, problems on stderr. */
export function describePush(file: string, outcome: PublishOutcome): { out: string[]; err: string[]; failed: boolean } {
  switch (outcome.kind) {
    case 'published':
    case 'unchanged':
      return {
        out: [`${file}: ${outcome.kind} v${outcome.version}`],
        err: outcome.problems.map((problem) => formatSourceProblem(file, problem)),
        failed: false,
      };
    case 'invalid': {
      const lines = outcome.problems.map((problem) => formatSourceProblem(file, problem));
      return { out: [], err: lines.length > 0 ? lines : [`${file}: ${outcome.title}`], failed: true };
    }
    case 'refused':
      return { out: [], err: [`${file}: ${outcome.title}`], failed: true };
  }
}

/** `file:line:column path: message`, `warning: ` before a warning's message: word for word as `job-types validate` prints it. */
export function formatSourceProblem(file: string, { line, column, path = '', message, severity = 'error' }: SourceProblem): string {
  if (line === undefined) return `${file}: ${path ? `${path}: ` : ''}${message}`;
  return formatProblem({ file, line, column: column ?? 1, path, message, severity });
}

function positiveInteger(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('a version is a whole number from 1, e.g. --version 2');
  return Number(value);
}

/**
 * A source published without `version:` (the API numbered it) with `version: <n>` after its `id:`
 * line: as stored, `job-types validate` refused the pulled file ("missing version") although push
 * takes it, and an edit pushed back would be numbered without the author seeing which version
 * they started from. Left as it is when it names a version, or the line cannot be placed for sure.
 */
export function withVersionNamed(source: string, version: number): string {
  const { data } = parseYamlSource(source);
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.hasOwn(data, 'version')) return source;
  const idLine = /^id[ \t]*:[^\n]*\n/m.exec(source);
  if (idLine === null) return source;
  const at = idLine.index + idLine[0].length;
  const named = `${source.slice(0, at)}version: ${version}\n${source.slice(at)}`;
  // Only if it reads as the same mapping with the version added (not inside a block scalar, say).
  const reread = parseYamlSource(named).data as Record<string, unknown> | undefined;
  const same =
    reread?.version === version && JSON.stringify({ ...reread, version: undefined }) === JSON.stringify({ ...data, version: undefined });
  return same ? named : source;
}
