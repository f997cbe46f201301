// The HTTP side of `installer-jobs job-types push|pull`: publish a job type's YAML to a running
// API and read a published version's source back. Every answer the API can give becomes one of a
// few outcomes the command prints; only an unreachable API is thrown.

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

/** How long one request may take before the API counts as unreachable: a stalled server must not hang the shell. */
const REQUEST_TIMEOUT_MS = 30_000;

/** One thing wrong with a job type's source, as the API's validate and publish answers list it. */
export interface SourceProblem {
  line?: number;
  column?: number;
  /** Where in the definition, e.g. `steps[1].collect[0]`; empty for the file as a whole. */
  path?: string;
  message: string;
  severity?: 'error' | 'warning';
}

export type PublishOutcome =
  /** 201: the content was new; `problems` holds warnings only. */
  | { kind: 'published'; version: number; problems: SourceProblem[] }
  /** 200: this exact content is published already, as `version`. */
  | { kind: 'unchanged'; version: number; problems: SourceProblem[] }
  /** 422 with `problems`: the source is invalid; nothing was published. */
  | { kind: 'invalid'; title: string; problems: SourceProblem[] }
  /** Any other refusal (409 version taken, 401, 403, 404 …): the problem's title, or the HTTP status line. */
  | { kind: 'refused'; status: number; title: string };

export type SourceOutcome =
  | { kind: 'source'; id: string; version: number | undefined; source: string }
  /** The type exists but the answer carries no source: the caller may not read it. */
  | { kind: 'no-source'; id: string; version: number | undefined }
  | { kind: 'refused'; status: number; title: string };

/** The API could not be asked at all: not running, wrong address, no answer in time. */
export class ApiUnreachableError extends Error {
  override readonly name = 'ApiUnreachableError';
}

export interface JobTypesApiOptions {
  /** Base URL, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** A provider admin's API token. */
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The job-type routes a provider admin publishes and reads through. */
export class JobTypesApi {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: JobTypesApiOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** `PUT /v1/job-types/{id}` with the YAML as written. */
  async publish(id: string, source: string): Promise<PublishOutcome> {
    const answer = await this.request('PUT', `/v1/job-types/${encodeURIComponent(id)}`, { body: source, contentType: 'application/yaml' });
    const body = answer.body;
    if ((answer.status === 200 || answer.status === 201) && isRecord(body) && typeof body.version === 'number') {
      // 201 is a new version, 200 the identical one published before; the body's `status` says the same in words.
      const kind =
        body.status === 'published' || body.status === 'unchanged' ? body.status : answer.status === 201 ? 'published' : 'unchanged';
      return { kind, version: body.version, problems: problemsOf(body.warnings ?? body.problems) };
    }
    if (answer.status === 422 && isRecord(body) && Array.isArray(body.problems)) {
      return { kind: 'invalid', title: titleOf(answer), problems: problemsOf(body.problems) };
    }
    return { kind: 'refused', status: answer.status, title: titleOf(answer) };
  }

  /** `GET /v1/job-types/{id}` (the latest version) or `…/versions/{version}`. */
  async source(id: string, version?: number): Promise<SourceOutcome> {
    const where = `/v1/job-types/${encodeURIComponent(id)}${version === undefined ? '' : `/versions/${version}`}`;
    const answer = await this.request('GET', where);
    const body = answer.body;
    if (answer.status !== 200 || !isRecord(body)) return { kind: 'refused', status: answer.status, title: titleOf(answer) };
    const answered = { id: typeof body.id === 'string' ? body.id : id, version: typeof body.version === 'number' ? body.version : version };
    return typeof body.source === 'string' ? { kind: 'source', ...answered, source: body.source } : { kind: 'no-source', ...answered };
  }

  private async request(method: string, path: string, send?: { body: string; contentType: string }): Promise<Answer> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json, application/problem+json',
    };
    if (send) headers['content-type'] = send.contentType;
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: send?.body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ApiUnreachableError(unreachableMessage(this.baseUrl, error, this.options.timeoutMs ?? REQUEST_TIMEOUT_MS), {
        cause: error,
      });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new ApiUnreachableError(unreachableMessage(this.baseUrl, error, this.options.timeoutMs ?? REQUEST_TIMEOUT_MS), {
        cause: error,
      });
    }
    return { status: response.status, statusText: response.statusText, body: parseJson(text, response.headers.get('content-type')) };
  }
}

interface Answer {
  status: number;
  statusText: string;
  body: unknown;
}

/** `--api` as typed: a trailing slash or a missing scheme must not break every path. */
export function normaliseBaseUrl(raw: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch (error) {
    throw new ApiUnreachableError(`--api ${raw} is not a URL; write it like ${DEFAULT_API_URL}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ApiUnreachableError(`--api ${raw} must be an http:// or https:// URL`);
  return url.href.replace(/\/+$/, '');
}

/** The reason fetch gives is buried in `cause` (ECONNREFUSED, ENOTFOUND …); say it and what to do. */
export function unreachableMessage(baseUrl: string, error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `no answer from the API at ${baseUrl} within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}; is it overloaded or stuck?`;
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `cannot reach the API at ${baseUrl} (${reason}); start it with \`npx installer-jobs start\`, or point --api or INSTALLER_JOBS_API at it`;
}

function parseJson(text: string, contentType: string | null): unknown {
  if (!text || !/json/i.test(contentType ?? '')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function titleOf(answer: Answer): string {
  if (isRecord(answer.body) && typeof answer.body.title === 'string' && answer.body.title) return answer.body.title;
  return `the API answered HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
}

function problemsOf(list: unknown): SourceProblem[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((problem) => ({
    ...(typeof problem.line === 'number' && { line: problem.line }),
    ...(typeof problem.column === 'number' && { column: problem.column }),
    ...(typeof problem.path === 'string' && { path: problem.path }),
    message: typeof problem.message === 'string' ? problem.message : JSON.stringify(problem),
    severity: problem.severity === 'warning' ? 'warning' : 'error',
  }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
