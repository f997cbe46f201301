// `installer-jobs jobs import <file.csv> --job-type … --fleet …`: a provider's CSV of jobs, checked
// whole by the API (a dry run) and then created in chunks, so that a progress bar can follow and an
// interrupted import can be finished by running the same command with the same --idempotency-key.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError } from 'commander';
import { parse } from 'csv-parse/sync';
import { csvDelimiter, isBlankRecord } from '../api/jobs/import-format';
import { remoteProcessIo, type RemoteCommandIo } from './io';
import { ApiUnreachableError, DEFAULT_API_URL, normaliseBaseUrl, unreachableMessage } from './job-types-remote';

export interface JobsImportIo extends RemoteCommandIo {
  /** A bar on a terminal; undefined where nobody watches (a pipe, a test). */
  progressBar(total: number): { increment(by: number): void; stop(): void } | undefined;
}

const progressBar: JobsImportIo['progressBar'] = (total) => {
  if (!process.stderr.isTTY) return undefined;
  const bar = new SingleBar(
    { stream: process.stderr, format: 'importing [{bar}] {value}/{total} rows | {duration_formatted}', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
};

interface ImportOptions {
  jobType: string;
  fleet: string;
  dryRun?: boolean;
  atomic?: boolean;
  chunkSize: number;
  encoding: string;
  idempotencyKey?: string;
  json?: boolean;
  api?: string;
  token?: string;
}

/** Rows per request: a chunk takes a few seconds, so the bar moves, and few requests count against the rate limit. */
const DEFAULT_CHUNK_SIZE = 100;
/** A chunk of 1 000 rows takes about 25 s on a small machine; far more is a stuck server. */
const REQUEST_TIMEOUT_MS = 120_000;
/** Tries of one chunk while the API is unreachable, busy or (503) cannot reach Temporal. */
const CHUNK_ATTEMPTS = 5;

/** `jobs` and its `import`. */
export function jobsCommand(io: Partial<JobsImportIo> = {}): Command {
  const all = { ...remoteProcessIo(), progressBar, ...io };
  const jobs = new Command('jobs').description('Jobs through a running API.');
  jobs
    .command('import')
    .description(
      'create one job per row of a CSV file (the columns: the job type\'s field keys, customerName, requestedStartAt, installerCompanyId); prints "row,jobId" per job created; exit 1 if any row was not imported',
    )
    .argument('<file>', 'the CSV file; its first row names the columns')
    .requiredOption('--job-type <id>', 'the job type of every row, e.g. cloudboxx-install')
    .requiredOption('--fleet <fleetId>', 'the fleet of every row')
    .option('--dry-run', 'only check the file: print every problem by row and column, create nothing')
    .option('--atomic', 'create every row or none: any problem, and nothing is created')
    .option('--chunk-size <n>', 'rows per request', positiveInteger, DEFAULT_CHUNK_SIZE)
    .option('--encoding <charset>', 'the encoding of the file, e.g. windows-1252 for a spreadsheet\'s "CSV"', 'utf-8')
    .option('--idempotency-key <key>', 'finish an import that was interrupted: the key it printed; no row is created twice')
    .option('--json', 'print the outcome as JSON ({ rows, created, problems }) instead of "row,jobId" lines')
    .option('--api <url>', `the API (default: INSTALLER_JOBS_API, else ${DEFAULT_API_URL})`)
    .option('--token <token>', "a provider admin's or dispatcher's API token (default: INSTALLER_JOBS_TOKEN)")
    .action(async (file: string, options: ImportOptions) => importFile(file, options, all));
  return jobs;
}

interface RowProblem {
  row: number;
  column?: string;
  message: string;
}

async function importFile(file: string, options: ImportOptions, io: JobsImportIo): Promise<void> {
  const fail = (line: string) => {
    io.err(line);
    io.setExitCode(1);
  };
  const token = options.token ?? io.config.token;
  if (!token) return fail("no API token: pass --token <token> or set INSTALLER_JOBS_TOKEN to a provider user's token");
  let api: ImportApi;
  try {
    api = new ImportApi(normaliseBaseUrl(options.api ?? io.config.apiUrl ?? DEFAULT_API_URL), token, io.fetch);
  } catch (error) {
    if (error instanceof ApiUnreachableError) return fail(error.message);
    throw error;
  }
  let text: string;
  try {
    const bytes = await readFile(path.resolve(io.cwd(), file));
    text = new TextDecoder(options.encoding, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') return fail(`${file}: cannot read it (${code})`);
    return fail(`${file}: not ${options.encoding} text; save it as "CSV UTF-8", or name its encoding with --encoding windows-1252`);
  }
  const query = `jobTypeId=${encodeURIComponent(options.jobType)}&fleetId=${encodeURIComponent(options.fleet)}`;
  // Row 0 is no row: a query parameter's problem is the option's that set it, any other the file's.
  const printProblem = ({ row, column, message }: RowProblem) => {
    const option = row === 0 && column ? QUERY_OPTIONS[column] : undefined;
    if (option) return io.err(`${option.flag} ${options[option.option]}: ${message}`);
    io.err(`${file}${row === 0 ? '' : `:${row}`}: ${column ? `${column}: ` : ''}${message}`);
  };

  try {
    // The whole file is checked first, so that every problem is known (and, atomic, nothing created) before the first chunk.
    const checked = await api.send(`${query}&dryRun=true`, text);
    if (checked.status !== 200) {
      for (const problem of problemsOfRefusal(checked.body, (row) => row)) printProblem(problem);
      return fail(`${file}: ${titleOf(checked)}`);
    }
    const check = checked.body as { rows: number; validRows: number; problems: RowProblem[]; problemCount: number };
    for (const problem of check.problems) printProblem(problem);
    if (check.problemCount > check.problems.length) io.err(`${file}: … ${check.problemCount - check.problems.length} problems more`);
    if (options.dryRun) {
      io.err(`${file}: ${check.rows} rows, ${check.validRows} without problems; ${check.problemCount} problems; nothing created (dry run)`);
      return io.setExitCode(check.problemCount > 0 ? 1 : 0);
    }
    if (check.validRows === 0) return fail(`${file}: no row can be imported; nothing created`);
    if (options.atomic && check.problemCount > 0) return fail(`${file}: ${check.problemCount} problems; nothing created (--atomic)`);

    const withProblems = new Set(check.problems.map((problem) => problem.row));
    const split = splitRows(text);
    const rows = split.rows.filter((row) => !withProblems.has(row.row));
    const baseKey = options.idempotencyKey ?? randomUUID();
    const created: Array<{ row: number; jobId: string }> = [];
    const problems: RowProblem[] = [...check.problems];
    const bar = io.progressBar(rows.length);
    try {
      for (let start = 0, chunk = 0; start < rows.length; start += options.chunkSize, chunk += 1) {
        const part = rows.slice(start, start + options.chunkSize);
        // Row n of the chunk (the header is its row 1) is the file's row part[n - 2].
        const fileRow = (row: number) => part[row - 2]?.row ?? row;
        const body = [split.header, ...part.map((row) => row.raw)].join('');
        const answer = await api.sendWithRetries(`${query}${options.atomic ? '&atomic=true' : ''}`, body, `${baseKey}:${chunk}`);
        if (answer.status === 201) {
          const result = answer.body as { created: Array<{ row: number; jobId: string }>; problems: RowProblem[] };
          created.push(...result.created.map(({ row, jobId }) => ({ row: fileRow(row), jobId })));
          // Rows that broke a rule since the check (a company's invitation withdrawn, say).
          const late = result.problems.map((problem) => ({ ...problem, row: fileRow(problem.row) }));
          late.forEach(printProblem);
          problems.push(...late);
        } else if (answer.status === 422 && isRecord(answer.body) && answer.body.type === `${PROBLEM_BASE}invalid-import`) {
          const refused = problemsOfRefusal(answer.body, fileRow);
          refused.forEach(printProblem);
          problems.push(...refused);
          if (options.atomic) throw new Interrupted(titleOf(answer));
        } else {
          throw new Interrupted(titleOf(answer));
        }
        bar?.increment(part.length);
      }
    } catch (error) {
      if (!(error instanceof Interrupted || error instanceof ApiUnreachableError)) throw error;
      bar?.stop();
      printCreated(created, problems, check.rows, options, io);
      return fail(
        `${file}: interrupted after ${created.length} of ${rows.length} jobs (${error.message}); run the same command with --idempotency-key ${baseKey} to finish it, creating none twice`,
      );
    }
    bar?.stop();
    printCreated(created, problems, check.rows, options, io);
    const missing = check.rows - created.length;
    io.err(
      `${file}: created ${created.length} jobs from ${check.rows} rows${missing > 0 ? `; ${missing} ${missing === 1 ? 'row' : 'rows'} not imported (problems above)` : ''}`,
    );
    io.setExitCode(missing > 0 ? 1 : 0);
  } catch (error) {
    if (error instanceof ApiUnreachableError) return fail(error.message);
    throw error;
  }
}

function printCreated(
  created: Array<{ row: number; jobId: string }>,
  problems: RowProblem[],
  rows: number,
  options: ImportOptions,
  io: JobsImportIo,
): void {
  const sorted = [...created].sort((a, b) => a.row - b.row);
  if (options.json) return io.out(JSON.stringify({ rows, created: sorted, problems }, null, 2));
  io.out('row,jobId');
  for (const { row, jobId } of sorted) io.out(`${row},${jobId}`);
}

class Interrupted extends Error {}

/** The query parameters the options set, by name, for a refusal that names one. */
const QUERY_OPTIONS: Record<string, { flag: string; option: 'fleet' | 'jobType' }> = {
  fleetId: { flag: '--fleet', option: 'fleet' },
  jobTypeId: { flag: '--job-type', option: 'jobType' },
};

const PROBLEM_BASE = 'https://installer-jobs.dev/problems/';

/** A refusal's errors as rows: /rows/7/vin is row 7, column vin; a query parameter's (/fleetId) is row 0. */
function problemsOfRefusal(body: unknown, fileRow: (row: number) => number): RowProblem[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter(isRecord).map((error) => {
    const [, where, row, ...column] = String(error.pointer ?? '').split('/');
    const message = String(error.message ?? '');
    if (where !== 'rows' || row === undefined) return { row: 0, column: where, message };
    const name = column.join('/').replace(/~1/g, '/').replace(/~0/g, '~');
    return { row: fileRow(Number(row)), ...(name ? { column: name } : {}), message };
  });
}

/**
 * The file's rows as written (a quoted cell may span lines), each with its row number, blank ones
 * left out: chunks of them are sent under the header and read by the API as the file reads.
 */
function splitRows(text: string): { header: string; rows: Array<{ row: number; raw: string }> } {
  const records = parse(text, {
    delimiter: csvDelimiter(text),
    relax_column_count: true,
    relax_quotes: true,
    raw: true,
    info: true,
  }) as unknown as Array<{ record: string[]; raw: string; info: { records: number } }>;
  const ending = (raw: string) => (raw.endsWith('\n') ? raw : `${raw}\n`);
  const [header, ...rest] = records;
  return {
    header: ending(header?.raw ?? ''),
    rows: rest.filter(({ record }) => !isBlankRecord(record)).map(({ raw, info }) => ({ row: info.records, raw: ending(raw) })),
  };
}

interface Answer {
  status: number;
  statusText: string;
  retryAfterSeconds?: number;
  body: unknown;
}

class ImportApi {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetch: typeof globalThis.fetch,
  ) {}

  async send(query: string, csv: string, idempotencyKey?: string): Promise<Answer> {
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(`${this.baseUrl}/v1/jobs/import?${query}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.token}`,
          'content-type': 'text/csv; charset=utf-8',
          accept: 'application/json, application/problem+json',
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: csv,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      text = await response.text();
    } catch (error) {
      throw new ApiUnreachableError(unreachableMessage(this.baseUrl, error, REQUEST_TIMEOUT_MS), { cause: error });
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    return {
      status: response.status,
      statusText: response.statusText,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
      body: /json/i.test(response.headers.get('content-type') ?? '') && text ? (JSON.parse(text) as unknown) : undefined,
    };
  }

  /**
   * One chunk, tried again (with the same key: its retry finishes what it began) while the API is
   * unreachable, rate-limits, answers 503, or still handles an earlier try of it (409).
   */
  async sendWithRetries(query: string, csv: string, idempotencyKey: string): Promise<Answer> {
    for (let attempt = 1; ; attempt += 1) {
      let answer: Answer | undefined;
      try {
        answer = await this.send(query, csv, idempotencyKey);
      } catch (error) {
        if (!(error instanceof ApiUnreachableError) || attempt === CHUNK_ATTEMPTS) throw error;
      }
      const busy = answer === undefined || answer.status === 429 || answer.status === 503 || isKeyInUse(answer);
      if (!busy || attempt === CHUNK_ATTEMPTS) return answer!;
      await new Promise((resolve) => setTimeout(resolve, (answer?.retryAfterSeconds ?? 2 ** attempt) * 1000));
    }
  }
}

function isKeyInUse(answer: Answer): boolean {
  return answer.status === 409 && isRecord(answer.body) && answer.body.type === `${PROBLEM_BASE}idempotency-key-in-use`;
}

function titleOf(answer: Answer): string {
  if (isRecord(answer.body) && typeof answer.body.title === 'string' && answer.body.title) return answer.body.title;
  return `the API answered HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('a whole number from 1, e.g. --chunk-size 100');
  return Number(value);
}
