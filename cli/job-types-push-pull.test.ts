// `job-types push|pull` without a real API: the pure parts table-driven, and the commands against a
// stub server that answers as the routes are specified (issue #11). The real API: test/integration/job-types-cli.test.ts.
import { expect } from 'chai';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { loadCliConfig } from '../common/config';
import { BASE_YAML } from '../test/support/job-type-texts';
import { addRemoteJobTypeCommands, describePush, formatSourceProblem, jobTypeIdOf } from './job-types-push-pull';
import { ApiUnreachableError, JobTypesApi, normaliseBaseUrl } from './job-types-remote';

describe('job-types push and pull', () => {
  describe('the id a file publishes', () => {
    it('is its `id:`, sent with the text as written', () => {
      expect(jobTypeIdOf(BASE_YAML)).to.deep.equal({ id: 'test-type', text: BASE_YAML });
    });

    const refused: Array<[string, string, string[]]> = [
      [
        'an empty file',
        '',
        [
          '1:1 the file is empty; a job type needs id, title, sections, fields, vehicle, steps and access (and version, which may be left out: the API numbers it)',
        ],
      ],
      ['no id', 'version: 1\ntitle: T\n', ['1:1 missing "id"']],
      ['an id that is not text', 'id: [a, b]\ntitle: T\n', ['1:5 id: must be text, but is a list']],
      [
        'a list instead of a mapping',
        '- id: a\n',
        ['1:1 a job type must be a mapping of keys such as id, version and title, but this file holds a list'],
      ],
      ['broken YAML', 'id: a\ntitle: "unclosed\n', ['3:1 YAML syntax error']],
    ];
    for (const [what, text, expected] of refused) {
      it(`is refused before any request for ${what}, with validate's words and position`, () => {
        const local = jobTypeIdOf(text);
        expect(local).to.not.have.property('id');
        const lines = 'problems' in local ? local.problems.map((problem) => formatSourceProblem('x.yaml', problem)) : [];
        expect(lines).to.have.length(expected.length);
        lines.forEach((line, i) => expect(line).to.match(new RegExp(`^x\\.yaml:${escape(expected[i]!)}`)));
      });
    }
  });

  describe('what push prints', () => {
    const cases: Array<[string, Parameters<typeof describePush>[1], { out: string[]; err: string[]; failed: boolean }]> = [
      ['a new version', { kind: 'published', version: 3, problems: [] }, { out: ['a.yaml: published v3'], err: [], failed: false }],
      ['an identical source', { kind: 'unchanged', version: 2, problems: [] }, { out: ['a.yaml: unchanged v2'], err: [], failed: false }],
      [
        'a publish with a warning, which does not fail',
        {
          kind: 'published',
          version: 1,
          problems: [
            { line: 40, column: 16, path: 'access.maxDuration', message: 'ends the job before its deadline', severity: 'warning' },
          ],
        },
        {
          out: ['a.yaml: published v1'],
          err: ['a.yaml:40:16 access.maxDuration: warning: ends the job before its deadline'],
          failed: false,
        },
      ],
      [
        'an invalid source: every problem, errors and warnings',
        {
          kind: 'invalid',
          title: 'The job type has problems.',
          problems: [
            { line: 1, column: 1, path: '', message: 'missing "title"', severity: 'error' },
            { line: 33, column: 15, path: 'steps[0].collect[0]', message: 'unknown field "boxSerail"', severity: 'error' },
            { line: 44, column: 3, path: 'access', message: 'never ends before completeWithin', severity: 'warning' },
          ],
        },
        {
          out: [],
          err: [
            'a.yaml:1:1 missing "title"',
            'a.yaml:33:15 steps[0].collect[0]: unknown field "boxSerail"',
            'a.yaml:44:3 access: warning: never ends before completeWithin',
          ],
          failed: true,
        },
      ],
      [
        'a 409: the title',
        { kind: 'refused', status: 409, title: 'Version 2 of x was published with other content.' },
        { out: [], err: ['a.yaml: Version 2 of x was published with other content.'], failed: true },
      ],
      [
        'a 422 without problems: the title',
        { kind: 'invalid', title: 'Refused.', problems: [] },
        { out: [], err: ['a.yaml: Refused.'], failed: true },
      ],
    ];
    for (const [what, outcome, expected] of cases) {
      it(`for ${what}`, () => expect(describePush('a.yaml', outcome)).to.deep.equal(expected));
    }
  });

  it('takes --api as typed: without scheme, with a trailing slash; refuses what is not http', () => {
    expect(normaliseBaseUrl('http://127.0.0.1:3000/')).to.equal('http://127.0.0.1:3000');
    expect(normaliseBaseUrl('localhost:3000')).to.equal('http://localhost:3000');
    expect(normaliseBaseUrl('https://jobs.example/api/')).to.equal('https://jobs.example/api');
    expect(() => normaliseBaseUrl('ftp://x')).to.throw(/http:\/\/ or https:\/\//);
  });

  it('gives up on an API that accepts the connection but never answers, saying so', async () => {
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const api = new JobTypesApi({ baseUrl: url, token: 't', timeoutMs: 200 });
      const error = await api.publish('x', 'id: x').then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).to.be.instanceOf(ApiUnreachableError);
      expect((error as Error).message).to.equal(`no answer from the API at ${url} within 200 ms; is it overloaded or stuck?`);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  describe('against an API', () => {
    let stub: StubApi;
    let dir: string;
    before(async () => {
      stub = await startStubApi();
    });
    after(async () => stub.close());
    beforeEach(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'installer-jobs-push-'));
      await mkdir(path.join(dir, 'job-types'));
      stub.requests.length = 0;
    });
    afterEach(async () => rm(dir, { recursive: true, force: true }));

    const run = (...args: string[]) => runCommand(dir, { INSTALLER_JOBS_API: stub.url, INSTALLER_JOBS_TOKEN: 'tok' }, ...args);

    it('publishes each file with its YAML as the body and the bearer token, and reports each', async () => {
      await writeFile(path.join(dir, 'job-types/test-type.yaml'), BASE_YAML);
      await writeFile(path.join(dir, 'job-types/same.yaml'), BASE_YAML.replace('id: test-type', 'id: same'));
      await writeFile(path.join(dir, 'job-types/taken.yaml'), BASE_YAML.replace('id: test-type', 'id: taken'));
      await writeFile(path.join(dir, 'job-types/empty.yaml'), '');
      const result = await run('push', 'job-types/test-type.yaml', 'job-types/same.yaml', 'job-types/taken.yaml', 'job-types/empty.yaml');
      expect(result.out).to.deep.equal(['job-types/test-type.yaml: published v3', 'job-types/same.yaml: unchanged v2']);
      expect(result.err).to.deep.equal([
        'job-types/taken.yaml: Version 1 of job type taken was published with other content; raise version, or leave it out.',
        'job-types/empty.yaml:1:1 the file is empty; a job type needs id, title, sections, fields, vehicle, steps and access (and version, which may be left out: the API numbers it)',
      ]);
      expect(result.exitCode).to.equal(1);
      expect(stub.requests.map((request) => `${request.method} ${request.url}`)).to.deep.equal([
        'PUT /v1/job-types/test-type',
        'PUT /v1/job-types/same',
        'PUT /v1/job-types/taken',
      ]);
      expect(stub.requests[0]).to.deep.include({ authorization: 'Bearer tok', contentType: 'application/yaml', body: BASE_YAML });
    });

    it('exits 0 when every file is published or unchanged', async () => {
      await writeFile(path.join(dir, 'a.yaml'), BASE_YAML);
      const result = await run('push', 'a.yaml', '--token', 'other');
      expect(result).to.deep.include({ out: ['a.yaml: published v3'], exitCode: 0 });
      expect(stub.requests[0]!.authorization).to.equal('Bearer other');
    });

    it('prints the warnings a published version came with, and still exits 0', async () => {
      await writeFile(path.join(dir, 'w.yaml'), BASE_YAML.replace('id: test-type', 'id: warned'));
      const result = await run('push', 'w.yaml');
      expect(result).to.deep.equal({
        out: ['w.yaml: published v1'],
        err: ['w.yaml:57:16 access.maxDuration: warning: can never end the job before completeWithin'],
        exitCode: 0,
      });
    });

    it('prints every problem of an invalid file as file:line:column', async () => {
      await writeFile(path.join(dir, 'bad.yaml'), BASE_YAML.replace('id: test-type', 'id: invalid'));
      const result = await run('push', 'bad.yaml');
      expect(result.err).to.deep.equal([
        'bad.yaml:33:15 steps[0].collect[0]: unknown field "boxSerail"',
        'bad.yaml:57:16 access.maxDuration: warning: can never end the job before completeWithin',
      ]);
      expect(result.exitCode).to.equal(1);
    });

    it('says in one line that the API is not running, and exits 1', async () => {
      await writeFile(path.join(dir, 'a.yaml'), BASE_YAML);
      const result = await runCommand(dir, { INSTALLER_JOBS_TOKEN: 'tok' }, 'push', 'a.yaml', '--api', await closedPortUrl());
      expect(result.out).to.deep.equal([]);
      expect(result.err).to.have.length(1);
      expect(result.err[0]).to.match(/^cannot reach the API at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
      expect(result.exitCode).to.equal(1);
    });

    it('refuses to run without a token', async () => {
      const result = await runCommand(dir, { INSTALLER_JOBS_API: stub.url }, 'push', 'a.yaml');
      expect(result).to.deep.equal({
        out: [],
        err: ["no API token: pass --token <token> or set INSTALLER_JOBS_TOKEN to a provider admin's token"],
        exitCode: 1,
      });
      expect(stub.requests).to.deep.equal([]);
    });

    it('pulls the latest source into job-types/<id>.yaml, and will not overwrite it without --force', async () => {
      const first = await run('pull', 'test-type');
      expect(first).to.deep.equal({ out: ['job-types/test-type.yaml: pulled test-type v3'], err: [], exitCode: 0 });
      expect(await readFile(path.join(dir, 'job-types/test-type.yaml'), 'utf8')).to.equal('# latest\n');

      const again = await run('pull', 'test-type');
      expect(again).to.deep.equal({
        out: [],
        err: ['job-types/test-type.yaml exists already; pass --force to overwrite it, or --out <file>'],
        exitCode: 1,
      });

      const forced = await run('pull', 'test-type', '--version', '2', '--force');
      expect(forced.exitCode).to.equal(0);
      expect(await readFile(path.join(dir, 'job-types/test-type.yaml'), 'utf8')).to.equal('# version 2\n');
      expect(stub.requests.map((request) => request.url)).to.deep.equal([
        '/v1/job-types/test-type',
        '/v1/job-types/test-type',
        '/v1/job-types/test-type/versions/2',
      ]);
    });

    it('writes the version into a source published without one, so that validate and push take it back as it is', async () => {
      expect(await run('pull', 'test-type-unnumbered', '--out', 'job-types/test-type.yaml', '--force')).to.deep.include({ exitCode: 0 });
      const pulled = await readFile(path.join(dir, 'job-types/test-type.yaml'), 'utf8');
      expect(pulled).to.equal(BASE_YAML.replace('version: 1\n', 'version: 4\n'));
    });

    it('pulls to --out, creating its folder; says what the API refused', async () => {
      expect(await run('pull', 'test-type', '--out', 'copies/mine.yaml')).to.deep.include({
        out: ['copies/mine.yaml: pulled test-type v3'],
        exitCode: 0,
      });
      expect(await run('pull', 'nope')).to.deep.equal({ out: [], err: ['nope: Job type nope does not exist.'], exitCode: 1 });
      expect(await run('pull', 'test-type', '--version', '9')).to.deep.include({
        err: ['test-type v9: Job type test-type has no version 9.'],
        exitCode: 1,
      });
    });
  });
});

interface Run {
  out: string[];
  err: string[];
  exitCode: number;
}

async function runCommand(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  const result: Run = { out: [], err: [], exitCode: 0 };
  const command = addRemoteJobTypeCommands(new Command('job-types').exitOverride(), {
    cwd: () => cwd,
    config: loadCliConfig(env),
    out: (text) => result.out.push(text),
    err: (text) => result.err.push(text),
    setExitCode: (code) => {
      result.exitCode = code;
    },
  });
  await command.parseAsync(args, { from: 'user' });
  return result;
}

interface StubRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

interface StubApi {
  url: string;
  requests: StubRequest[];
  close(): Promise<void>;
}

const MAX_DURATION_WARNING = {
  line: 57,
  column: 16,
  path: 'access.maxDuration',
  message: 'can never end the job before completeWithin',
  severity: 'warning',
};

/** Answers as issue #11 specifies the routes, keyed by job type id. */
async function startStubApi(): Promise<StubApi> {
  const requests: StubRequest[] = [];
  const server: Server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = request.url ?? '';
      requests.push({
        method: request.method ?? '',
        url,
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
      });
      const answer = (status: number, json: unknown, type = 'application/json') => {
        response.writeHead(status, { 'content-type': type });
        response.end(JSON.stringify(json));
      };
      const problem = (status: number, title: string, extra: object = {}) =>
        answer(
          status,
          { type: 'https://installer-jobs.dev/problems/x', title, status, instance: url, ...extra },
          'application/problem+json',
        );
      const id = decodeURIComponent(url.split('/')[3] ?? '');
      if (request.method === 'PUT') {
        if (id === 'same') return answer(200, { id, version: 2, status: 'unchanged', warnings: [] });
        if (id === 'taken')
          return problem(409, `Version 1 of job type ${id} was published with other content; raise version, or leave it out.`);
        if (id === 'invalid') {
          return problem(422, 'The job type has problems.', {
            problems: [
              { line: 33, column: 15, path: 'steps[0].collect[0]', message: 'unknown field "boxSerail"', severity: 'error' },
              MAX_DURATION_WARNING,
            ],
          });
        }
        if (id === 'warned') return answer(201, { id, version: 1, status: 'published', warnings: [MAX_DURATION_WARNING] });
        return answer(201, { id, version: 3, status: 'published', warnings: [] });
      }
      // Published through the API without `version:` (the API numbered it 4).
      if (id === 'test-type-unnumbered' && url.split('/')[5] === undefined)
        return answer(200, { id, version: 4, versions: [{ version: 4 }], source: BASE_YAML.replace('version: 1\n', '') });
      if (id !== 'test-type') return problem(404, `Job type ${id} does not exist.`);
      const version = url.split('/')[5];
      if (version === undefined) return answer(200, { id, version: 3, versions: [{ version: 3 }], source: '# latest\n' });
      if (version === '2') return answer(200, { id, version: 2, source: '# version 2\n' });
      return problem(404, `Job type ${id} has no version ${version}.`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

/** The address of a port nothing listens on: taken, then freed. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
