import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { expect } from 'chai';
import { createApp } from '../../api/app';
import { answerCheck } from '../../api/openapi/answer-check';
import { createApiServer } from '../../api/server';
import { jobWorkflowId } from '../../common/job';
import { loadConfig } from '../../common/config';
import { connectDb, type Db } from '../../db/connection';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { addProviderUser, onboardProvider } from '../../db/tenancy';
import { JobTypeCatalog } from '../../definitions/catalog';
import { freshDatabase, temporalAddress } from '../support/services';
import { startTestStack, type TestStack } from '../support/stack';

const PROBLEMS = 'https://installer-jobs.dev/problems/';
const QNR = 'C693EE96ADAEF932';

/** A provider's own type, as an admin writes it: no `version:`, the API assigns one. */
const ACME = `# ACME's quick check of a box already in the car
id: acme-check
title: ACME quick check
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
  - { key: note, label: Note, section: setup, type: text, preset: forbidden }
vehicle: { qnrField: boxQnr }
steps:
  - { id: look, title: Look at the box, collect: [note] }
access: { permissions: [readState], maxDuration: PT2H }
`;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

const asDocumented = answerCheck();

/** One request to an API process: a YAML body when given a string, JSON otherwise; every answer held to the OpenAPI document. */
async function request(
  baseUrl: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  contentType?: string,
): Promise<Answer> {
  const yaml = typeof body === 'string';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': contentType ?? (yaml ? 'application/yaml' : 'application/json') }),
    },
    body: body === undefined ? undefined : yaml ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const answer = { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
  const mismatch = asDocumented({
    method,
    path,
    status: answer.status,
    contentType: response.headers.get('content-type'),
    body: answer.body,
  });
  if (mismatch) throw new Error(`${mismatch}\n${text.slice(0, 1000)}`);
  return answer;
}

/**
 * Provider admins publish their own job types through the API (issue #11): validate, publish,
 * read, retire, and create jobs from them — on another API process at once — while every other
 * tenant sees nothing of them.
 */
describe('provider job types over HTTP', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let demo: DemoTenant;
  /** A second API process: its own connection pool, catalog and Temporal client, on the same database. */
  let other: { baseUrl: string; stop(): Promise<void> };
  let dispatcherToken: string;

  before(async () => {
    const database = await freshDatabase('provider job types');
    stack = await startTestStack('provider job types', { database });
    demo = (await createDemoTenantIfMissing(stack.db))!;
    dispatcherToken = (
      await addProviderUser(stack.db, demo.providerId, {
        email: 'd@demo-mobility.example',
        role: 'provider_dispatcher',
        customers: ['Kunde'],
      })
    ).token;
    other = await secondApiProcess(database.url, stack.taskQueue);
  });
  after(async () => {
    await other?.stop();
    await stack?.stop();
  });

  const one = (method: string, path: string, token: string, body?: unknown, contentType?: string) =>
    request(stack.baseUrl, method, path, token, body, contentType);
  const admin = (method: string, path: string, body?: unknown) => one(method, path, demo.tokens.providerAdmin, body);

  it('validates a source without saving it: the same checks and words as the CLI, with line and column', async () => {
    const valid = await admin('POST', '/v1/job-types/validate', ACME);
    expect(valid.status, valid.text).to.equal(200);
    expect(valid.body).to.deep.equal({ valid: true, problems: [] });

    const broken = await admin('POST', '/v1/job-types/validate', ACME.replace('collect: [note]', 'collect: [nite]'));
    expect(broken.status).to.equal(200);
    expect(broken.body.valid).to.equal(false);
    expect(broken.body.problems).to.deep.equal([
      { line: 11, column: 51, path: 'steps[0].collect[0]', message: 'unknown field "nite" (did you mean "note"?)', severity: 'error' },
    ]);
    expect(await stack.db('provider_job_type_versions').count({ n: '*' })).to.deep.equal([{ n: '0' }]);
  });

  it('previews a source with sample values: steps, locked fields, configuration and the problems of the values', async () => {
    // The note is the installer's (required, filled in a step): its placeholder stays open at creation.
    const withConfig = ACME.replace('preset: forbidden }', 'preset: forbidden, required: true }')
      .replace('collect: [note] }', 'collect: [note] }\n  - { id: configure, title: Configure, action: cloudboxx.applyConfiguration }')
      .replace(
        'access: { permissions: [readState]',
        'cloudboxx: { configuration: { unit: { qnr: "${boxQnr}" }, remark: "${note}" } }\naccess: { permissions: [readState, configure]',
      );
    const preview = await admin('POST', '/v1/job-types/preview', { source: withConfig, values: { boxQnr: QNR } });
    expect(preview.status, preview.text).to.equal(200);
    expect(preview.body).to.deep.equal({
      valid: true,
      problems: [],
      preview: {
        steps: [
          { id: 'look', title: 'Look at the box', applies: true },
          { id: 'configure', title: 'Configure', applies: true },
        ],
        lockedFields: ['boxQnr'],
        configuration: { unit: { qnr: QNR }, remark: '${note}' },
        unresolvedPlaceholders: ['note'],
        problems: [],
      },
    });
    const missing = await admin('POST', '/v1/job-types/preview', { source: withConfig, values: {} });
    expect(
      missing.body.preview.problems.map((problem: { pointer: string; rule: string }) => `${problem.pointer} ${problem.rule}`),
    ).to.deep.equal(['/values/boxQnr required']);
    const broken = await admin('POST', '/v1/job-types/preview', { source: 'id: [' });
    expect(broken.body).to.include({ valid: false, preview: null });
    expect(broken.body.problems[0]).to.include({ line: 1, severity: 'error' });
  });

  it('refuses a body that is not YAML, and one over 256 KiB', async () => {
    const json = await admin('POST', '/v1/job-types/validate', { source: ACME });
    expect(json.status).to.equal(415);
    expect(json.body.type).to.equal(`${PROBLEMS}unsupported-media-type`);
    const huge = await one(
      'PUT',
      '/v1/job-types/acme-huge',
      demo.tokens.providerAdmin,
      `${ACME}# ${'x'.repeat(300 * 1024)}\n`,
      'text/yaml',
    );
    expect(huge.status).to.equal(413);
    expect(huge.body.type).to.equal(`${PROBLEMS}payload-too-large`);
    // The limit and the rule are named, on both routes that take a source, as the grammar names them.
    const limit = "A job type's source may be at most 256 KiB (262144 bytes) in UTF-8";
    expect(huge.body.title).to.equal(`${limit}; this one is 301 KiB.`);
    expect(huge.body.errors).to.deep.equal([{ pointer: '/', message: 'must be at most 256 KiB (262144 bytes)', rule: 'maxBytes' }]);
    const validated = await admin('POST', '/v1/job-types/validate', `${ACME}# ${'x'.repeat(256 * 1024)}\n`);
    expect(validated.status).to.equal(413);
    expect(validated.body.title.startsWith(limit), validated.body.title).to.equal(true);
    expect(validated.body.errors).to.deep.equal(huge.body.errors);
    // A JSON body over the parser's limit (a preview) names that limit.
    const preview = await admin('POST', '/v1/job-types/preview', { source: `${ACME}# ${'x'.repeat(300 * 1024)}\n` });
    expect(preview.status).to.equal(413);
    expect(preview.body.title).to.equal('The request body is larger than the 256 KiB (262144 bytes) this route takes.');
  });

  it('publishes v1, answers the same content with v1 again, assigns v2 to a change, and keeps who and when', async () => {
    const first = await admin('PUT', '/v1/job-types/acme-check', ACME);
    expect(first.status, first.text).to.equal(201);
    expect(first.body).to.deep.include({
      id: 'acme-check',
      version: 1,
      status: 'published',
      publishedBy: { userId: demo.userIds.providerAdmin, email: 'admin@demo-mobility.example' },
    });
    expect(first.headers.get('location')).to.equal('/v1/job-types/acme-check/versions/1');

    // Comments and formatting are not content.
    const again = await admin('PUT', '/v1/job-types/acme-check', `# reformatted\n${ACME}`);
    expect(again.status, again.text).to.equal(200);
    expect(again.body).to.deep.include({ version: 1, status: 'unchanged', contentHash: first.body.contentHash });

    const changed = await admin(
      'PUT',
      '/v1/job-types/acme-check',
      ACME.replace('title: ACME quick check', 'title: ACME quick check, now with photos'),
    );
    expect(changed.status, changed.text).to.equal(201);
    expect(changed.body).to.deep.include({ version: 2, status: 'published' });

    const stored = await stack
      .db('provider_job_type_versions')
      .where({ provider_id: demo.providerId, id: 'acme-check' })
      .orderBy('version')
      .select('version', 'source', 'definition');
    expect(stored.map((row) => row.version)).to.deep.equal([1, 2]);
    expect(stored[0].source, 'the source as written').to.equal(ACME);
    expect(stored[1].definition.version, 'the compiled definition carries the version assigned').to.equal(2);
  });

  it('keeps versions within what Postgres stores: past 2147483647 is refused, and a type at that version numbers no next one', async () => {
    // A provider of its own: the other tests list the demo provider's types.
    const { adminToken } = await onboardProvider(stack.db, { name: 'Last Version', adminEmail: 'a@last-version.example', fleetName: 'L' });
    const put = (body: string) => one('PUT', '/v1/job-types/acme-last', adminToken, body);
    const over = await put(`${ACME.replaceAll('acme-check', 'acme-last')}version: 2147483648\n`);
    expect(over.status, over.text).to.equal(422);
    expect(JSON.stringify(over.body.problems ?? over.body.errors)).to.include('2147483647');
    const last = await put(`${ACME.replaceAll('acme-check', 'acme-last')}version: 2147483647\n`);
    expect(last.status, last.text).to.equal(201);
    const next = await put(ACME.replaceAll('acme-check', 'acme-last').replace('title: ACME quick check', 'title: Changed'));
    expect(next.status, next.text).to.equal(409);
    expect(next.body.title).to.equal('acme-last is at version 2147483647, the highest a job type may have; publish this under a new id.');
  });

  it('answers 409 for a version published with other content, or behind the latest; 200 when it is the same', async () => {
    const v1 = `${ACME}version: 1\n`;
    const same = await admin('PUT', '/v1/job-types/acme-check', v1);
    expect(same.status, same.text).to.equal(200);
    expect(same.body).to.deep.include({ version: 1, status: 'unchanged' });

    const rewritten = await admin('PUT', '/v1/job-types/acme-check', v1.replace('title: ACME quick check', 'title: Rewritten'));
    expect(rewritten.status, rewritten.text).to.equal(409);
    expect(rewritten.body).to.deep.include({
      type: `${PROBLEMS}version-conflict`,
      title:
        'acme-check version 1 was published with other content; jobs may use it, so publish this as version 3 (or leave version: out).',
    });

    const explicit = await admin(
      'PUT',
      '/v1/job-types/acme-check',
      `${ACME.replace('title: ACME quick check', 'title: Third')}version: 3\n`,
    );
    expect(explicit.status, explicit.text).to.equal(201);
    expect(explicit.body.version).to.equal(3);
  });

  it('answers 422 with every problem for a broken source or an id unlike the path; warnings alone never block', async () => {
    const broken = await admin('PUT', '/v1/job-types/acme-check', ACME.replace('collect: [note]', 'collect: [nite]'));
    expect(broken.status).to.equal(422);
    expect(broken.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(broken.body.type).to.equal(`${PROBLEMS}invalid-job-type`);
    expect(broken.body.problems).to.deep.equal([
      { line: 11, column: 51, path: 'steps[0].collect[0]', message: 'unknown field "nite" (did you mean "note"?)', severity: 'error' },
    ]);

    const otherId = await admin('PUT', '/v1/job-types/acme-other', ACME);
    expect(otherId.status).to.equal(422);
    expect(otherId.body.problems).to.have.length(1);
    expect(otherId.body.problems[0]).to.deep.include({ line: 2, path: 'id', severity: 'error' });
    expect(otherId.body.problems[0].message).to.include('acme-other');
    expect(await stack.db('provider_job_type_versions').where({ id: 'acme-other' }).count({ n: '*' })).to.deep.equal([{ n: '0' }]);
  });

  it('refuses every text Postgres cannot store, wherever a YAML escape puts it: 422 with its path on every route, nothing stored', async () => {
    const source = ACME.replace('id: acme-check', 'id: acme-storable')
      .replace(
        '  - { key: note,',
        '  - { key: kind, label: Kind, section: setup, type: enum, validation: { options: [{ value: a, label: A }, { value: b, label: B }] } }\n  - { key: note,',
      )
      .replace('collect: [note] }', 'collect: [note] }\n  - { id: configure, title: Configure, action: cloudboxx.applyConfiguration }')
      .replace(
        'access: { permissions: [readState]',
        'cloudboxx: { configuration: { vehicle: { note: "ok" } } }\naccess: { permissions: [readState, configure]',
      );
    expect((await admin('POST', '/v1/job-types/validate', source)).body).to.deep.equal({ valid: true, problems: [] });
    const placements: Array<[from: string, to: string, path: string, message: string]> = [
      ['note: "ok"', 'note: "a\\u0000b"', 'cloudboxx.configuration.vehicle.note', 'must not contain the NUL character'],
      ['note: "ok"', '"k\\u0000": 1', 'cloudboxx.configuration.vehicle["k\\u0000"]', 'has a name that must not contain the NUL character'],
      [
        'note: "ok"',
        'note: "a\\uD800b"',
        'cloudboxx.configuration.vehicle.note',
        'must be valid Unicode: it has a lone surrogate (U+D800)',
      ],
      ['"^[0-9A-F]{16}$"', '"^[0-9A-F\\u0000]{16}$"', 'fields[0].validation.pattern', 'must not contain the NUL character'],
      [
        '{ value: b, label: B }',
        '{ value: "b\\u0000", label: B }',
        'fields[1].validation.options[1].value',
        'must not contain the NUL character',
      ],
    ];
    for (const [from, to, path, message] of placements) {
      const broken = source.replace(from, to);
      const line = broken.split('\n').findIndex((text) => text.includes(to)) + 1;
      const expectRefused = (problems: Array<{ line: number; path: string; message: string; severity: string }>, route: string) => {
        expect(problems, `${route}: ${to}`).to.have.length(1);
        expect(problems[0], `${route}: ${to}`).to.deep.include({ line, path, severity: 'error' });
        expect(problems[0]!.message, `${route}: ${to}`).to.include(message);
      };
      const validated = await admin('POST', '/v1/job-types/validate', broken);
      expect(validated.status, validated.text).to.equal(200);
      expect(validated.body.valid).to.equal(false);
      expectRefused(validated.body.problems, 'validate');
      const previewed = await admin('POST', '/v1/job-types/preview', { source: broken, values: { boxQnr: QNR } });
      expect(previewed.status, previewed.text).to.equal(200);
      expect(previewed.body).to.deep.include({ valid: false, preview: null });
      expectRefused(previewed.body.problems, 'preview');
      const published = await admin('PUT', '/v1/job-types/acme-storable', broken);
      expect(published.status, published.text).to.equal(422);
      expect(published.body.type).to.equal(`${PROBLEMS}invalid-job-type`);
      expectRefused(published.body.problems, 'publish');
    }
    expect(await stack.db('provider_job_type_versions').where({ id: 'acme-storable' }).count({ n: '*' })).to.deep.equal([{ n: '0' }]);
    expect(await stack.db('provider_job_type_audit').where({ job_type_id: 'acme-storable' }).count({ n: '*' })).to.deep.equal([{ n: '0' }]);
  });

  it('keeps ids unambiguous: a built-in id cannot be published as a provider type', async () => {
    const shadow = await admin('PUT', '/v1/job-types/cloudboxx-install', ACME.replace('id: acme-check', 'id: cloudboxx-install'));
    expect(shadow.status).to.equal(409);
    expect(shadow.body.type).to.equal(`${PROBLEMS}builtin-job-type`);
  });

  it('lets only provider admins write: dispatchers and installers get 403, and read without sources', async () => {
    for (const token of [dispatcherToken, demo.tokens.installerAdmin, demo.tokens.installerTechnician]) {
      for (const [method, path, body] of [
        ['PUT', '/v1/job-types/acme-check', ACME],
        ['POST', '/v1/job-types/acme-check/archive'],
        ['POST', '/v1/job-types/acme-check/unarchive'],
        ['GET', '/v1/job-types/acme-check/history'],
      ] as const) {
        const refused = await one(method, path, token, body);
        expect(refused.status, `${method} ${path}: ${refused.text}`).to.equal(403);
        expect(refused.body.type).to.equal(`${PROBLEMS}wrong-role`);
      }
    }
    const read = await one('GET', '/v1/job-types/acme-check', dispatcherToken);
    expect(read.status).to.equal(200);
    expect(read.body).to.include({ owner: 'provider', version: 3, source: null });
    expect(read.body.versions.map((v: { publishedBy: unknown }) => v.publishedBy)).to.deep.equal([null, null, null]);
  });

  it('lists built-ins and own types with their owner, filterable; gives versions and sources to the admins', async () => {
    const all = await admin('GET', '/v1/job-types');
    const owners = Object.fromEntries(all.body.items.map((item: { id: string; owner: string }) => [item.id, item.owner]));
    expect(owners).to.include({ 'acme-check': 'provider', 'cloudboxx-install': 'builtin' });
    const own = await admin('GET', '/v1/job-types?owner=provider');
    expect(own.body.items).to.deep.equal([
      { id: 'acme-check', version: 3, title: 'Third', description: null, owner: 'provider', archived: false },
    ]);
    expect((await admin('GET', '/v1/job-types?owner=nobody')).status).to.equal(400);

    const current = await admin('GET', '/v1/job-types/acme-check');
    expect(current.body.versions.map((v: { version: number }) => v.version)).to.deep.equal([1, 2, 3]);
    expect(current.body.versions[0].publishedBy).to.deep.equal({
      userId: demo.userIds.providerAdmin,
      email: 'admin@demo-mobility.example',
    });
    expect(current.body.source).to.include('title: Third');
    const v1 = await admin('GET', '/v1/job-types/acme-check/versions/1');
    expect(v1.body).to.include({ version: 1, title: 'ACME quick check', source: ACME });
    expect((await admin('GET', '/v1/job-types/acme-check/versions/9')).status).to.equal(404);

    // A built-in's source, to copy.
    const builtin = await admin('GET', '/v1/job-types/cloudboxx-install');
    expect(builtin.body.source).to.match(/^# yaml-language-server|id: cloudboxx-install/m);
    expect(builtin.body.versions[0]).to.include({ publishedBy: null });
  });

  it('creates a job from a version published on another API process at once, and names the owner in Temporal', async () => {
    const title = `Published on the other process ${randomUUID().slice(0, 8)}`;
    const published = await request(
      other.baseUrl,
      'PUT',
      '/v1/job-types/acme-check',
      demo.tokens.providerAdmin,
      ACME.replace('title: ACME quick check', `title: ${title}`),
    );
    expect(published.status, published.text).to.equal(201);
    // No restart, no wait: this process reads the new latest version on this very request.
    const created = await admin('POST', '/v1/jobs', { jobTypeId: 'acme-check', fleetId: demo.fleetId, values: { boxQnr: QNR } });
    expect(created.status, created.text).to.equal(201);
    expect(created.body.jobType).to.deep.equal({ id: 'acme-check', version: published.body.version, title });

    const description = await stack.client.workflow.getHandle(jobWorkflowId(created.body.id)).describe();
    expect(description.memo).to.deep.equal({ jobTypeOwner: demo.providerId });
    expect(await description.staticSummary()).to.include(title);
    expect(await description.staticDetails()).to.include(`provider ${demo.providerId}`);

    // The job list's search finds it by its own type's title, as it finds built-in ones.
    const found = await admin('GET', `/v1/jobs?q=${encodeURIComponent(title.split(' ').at(-1)!)}`);
    expect(found.body.items.map((item: { id: string }) => item.id)).to.include(created.body.id);

    // And the other way round: a built-in job started there says so.
    const builtin = await request(other.baseUrl, 'POST', '/v1/jobs', demo.tokens.providerAdmin, {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: { text: 'Alexanderplatz 1' } },
    });
    expect(builtin.status, builtin.text).to.equal(201);
    expect((await stack.client.workflow.getHandle(jobWorkflowId(builtin.body.id)).describe()).memo).to.deep.equal({
      jobTypeOwner: 'builtin',
    });
  });

  it('archives a type: no new job or duplicate from it, running jobs untouched; unarchive brings it back; all on record', async () => {
    const job = (await admin('POST', '/v1/jobs', { jobTypeId: 'acme-check', fleetId: demo.fleetId, values: { boxQnr: QNR } })).body;
    const archived = await admin('POST', '/v1/job-types/acme-check/archive');
    expect(archived.status, archived.text).to.equal(200);
    expect(archived.body.archived).to.equal(true);

    // Seen at once by the other process too.
    const refused = await request(other.baseUrl, 'POST', '/v1/jobs', demo.tokens.providerAdmin, {
      jobTypeId: 'acme-check',
      fleetId: demo.fleetId,
      values: { boxQnr: QNR },
    });
    expect(refused.status).to.equal(422);
    expect(refused.body).to.deep.include({
      type: `${PROBLEMS}job-type-archived`,
      errors: [{ pointer: '/jobTypeId', message: 'is archived', rule: 'archived' }],
    });
    expect(refused.body.title).to.match(/archived.*unarchive/);
    const duplicate = await admin('POST', `/v1/jobs/${job.id}/duplicate`);
    expect(duplicate.status).to.equal(422);
    expect(duplicate.body.type).to.equal(`${PROBLEMS}job-type-archived`);
    expect((await admin('GET', `/v1/jobs/${job.id}`)).body.status, 'the job already created goes on').to.equal('PENDING');
    expect((await admin('GET', '/v1/job-types?owner=provider')).body.items).to.deep.equal([]);
    expect((await admin('GET', '/v1/job-types?archived=true')).body.items.map((item: { id: string }) => item.id)).to.deep.equal([
      'acme-check',
    ]);

    const unarchived = await admin('POST', '/v1/job-types/acme-check/unarchive');
    expect(unarchived.body.archived).to.equal(false);
    expect((await admin('POST', `/v1/jobs/${job.id}/duplicate`)).status).to.equal(201);

    const history = await admin('GET', '/v1/job-types/acme-check/history');
    expect(history.body.items.map((entry: { action: string; version: number }) => `${entry.action} v${entry.version}`)).to.deep.equal([
      'published v1',
      'published v2',
      'published v3',
      'published v4',
      'archived v4',
      'unarchived v4',
    ]);
    expect(history.body.items[4].actor).to.deep.equal({ userId: demo.userIds.providerAdmin, email: 'admin@demo-mobility.example' });
  });

  it("hides a built-in from the provider's people, and from nobody else", async () => {
    const hidden = await admin('POST', '/v1/job-types/cloudboxx-reconfigure/archive');
    expect(hidden.status, hidden.text).to.equal(200);
    expect(hidden.body).to.include({ owner: 'builtin', archived: true });
    const listed = await one('GET', '/v1/job-types', dispatcherToken);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.to.include('cloudboxx-reconfigure');
    const refused = await admin('POST', '/v1/jobs', { jobTypeId: 'cloudboxx-reconfigure', fleetId: demo.fleetId, values: {} });
    expect(refused.body.type).to.equal(`${PROBLEMS}job-type-archived`);

    const stranger = await onboardProvider(stack.db, { name: 'Hidden Nothing', adminEmail: 'a@hidden-nothing.example', fleetName: 'HN' });
    const theirs = await one('GET', '/v1/job-types', stranger.adminToken);
    expect(theirs.body.items.map((item: { id: string }) => item.id)).to.include('cloudboxx-reconfigure');
    expect(
      (await admin('GET', '/v1/job-types/cloudboxx-reconfigure/history')).body.items.map((entry: { action: string }) => entry.action),
    ).to.deep.equal(['archived']);
    await admin('POST', '/v1/job-types/cloudboxx-reconfigure/unarchive');
  });

  it('is invisible to another provider: 404 on every route, and a job with its id answers like a made-up one', async () => {
    const b = await onboardProvider(stack.db, { name: 'B Mobility', adminEmail: 'a@b-mobility.example', fleetName: 'B' });
    for (const [method, path] of [
      ['GET', '/v1/job-types/acme-check'],
      ['GET', '/v1/job-types/acme-check/versions/1'],
      ['GET', '/v1/job-types/acme-check/history'],
      ['POST', '/v1/job-types/acme-check/archive'],
      ['POST', '/v1/job-types/acme-check/unarchive'],
    ] as const) {
      const foreign = await one(method, path, b.adminToken);
      const missing = await one(method, path.replace('acme-check', 'nobody-wrote-this'), b.adminToken);
      expect({ status: foreign.status, type: foreign.body.type }, `${method} ${path}`).to.deep.equal({
        status: 404,
        type: `${PROBLEMS}not-found`,
      });
      expect({ status: missing.status, type: missing.body.type }).to.deep.equal({ status: 404, type: `${PROBLEMS}not-found` });
      expect(foreign.text).not.to.include('ACME');
    }
    expect((await one('GET', '/v1/job-types', b.adminToken)).text).not.to.include('acme-check');
    const foreign = await one('POST', '/v1/jobs', b.adminToken, { jobTypeId: 'acme-check', fleetId: b.fleetId, values: { boxQnr: QNR } });
    const missing = await one('POST', '/v1/jobs', b.adminToken, {
      jobTypeId: 'nobody-wrote-this',
      fleetId: b.fleetId,
      values: { boxQnr: QNR },
    });
    expect(foreign.status).to.equal(422);
    expect({ ...foreign.body, title: undefined, instance: undefined }).to.deep.equal({
      ...missing.body,
      title: undefined,
      instance: undefined,
    });

    // B's acme-check is B's own: publishing it changes nothing of A's.
    const theirs = await one('PUT', '/v1/job-types/acme-check', b.adminToken, ACME.replace('title: ACME quick check', 'title: B check'));
    expect(theirs.status).to.equal(201);
    expect(theirs.body.version).to.equal(1);
    expect((await admin('GET', '/v1/job-types/acme-check')).body.title).not.to.equal('B check');
  });

  it('lets the installer company read the version of a job assigned to it, and no other', async () => {
    const created = await admin('POST', '/v1/jobs', {
      jobTypeId: 'acme-check',
      fleetId: demo.fleetId,
      installerCompanyId: demo.installerCompanyId,
      values: { boxQnr: QNR },
    });
    expect(created.status, created.text).to.equal(201);
    const { version } = created.body.jobType;
    const read = await one('GET', `/v1/job-types/acme-check/versions/${version}`, demo.tokens.installerTechnician);
    expect(read.status, read.text).to.equal(200);
    expect(read.body).to.include({ id: 'acme-check', version, source: null });
    expect(
      (await one('GET', '/v1/job-types/acme-check/versions/1', demo.tokens.installerTechnician)).status,
      'no job of v1 is assigned to it',
    ).to.equal(404);
    expect((await one('GET', '/v1/job-types/acme-check', demo.tokens.installerTechnician)).status).to.equal(404);
  });

  it('runs a job whose field keys are named like members of Object.prototype: created without them, edited, its step completed', async () => {
    const source = `id: acme-prototype
title: ACME keys like Object.prototype's members
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required }
  - { key: constructor, label: Constructor, section: setup, type: string, searchable: true }
  - { key: toString, label: To string, section: setup, type: string, required: true, default: plain }
  - { key: valueOf, label: Value of, section: setup, type: integer, required: true }
  - { key: hasOwnProperty, label: Has own property, section: setup, type: boolean }
vehicle: { qnrField: boxQnr }
steps:
  - { id: look, title: Look at the box, collect: [constructor, toString, valueOf, hasOwnProperty] }
access: { permissions: [readState], maxDuration: PT2H }
`;
    const published = await admin('PUT', '/v1/job-types/acme-prototype', source);
    expect(published.status, published.text).to.equal(201);
    const created = await admin('POST', '/v1/jobs', { jobTypeId: 'acme-prototype', fleetId: demo.fleetId, values: { boxQnr: QNR } });
    expect(created.status, created.text).to.equal(201);
    expect(created.body.lockedFields).to.deep.equal(['boxQnr']);
    const id = created.body.id as string;

    const edited = await admin('PATCH', `/v1/jobs/${id}`, { values: { hasOwnProperty: true } });
    expect(edited.status, edited.text).to.equal(200);
    expect(edited.body.values).to.deep.equal({ boxQnr: QNR, hasOwnProperty: true });
    expect(edited.body.lockedFields).to.deep.equal(['boxQnr', 'hasOwnProperty']);
    const wrong = await admin('PATCH', `/v1/jobs/${id}`, { values: { constructor: 5 } });
    expect(wrong.status, wrong.text).to.equal(422);
    expect(wrong.body.errors).to.deep.equal([{ pointer: '/values/constructor', message: 'Constructor must be text', rule: 'type' }]);

    expect((await admin('POST', `/v1/jobs/${id}/assign`, { installerCompanyId: demo.installerCompanyId })).status).to.equal(200);
    const installer = (method: string, path: string, body?: unknown) => one(method, path, demo.tokens.installerTechnician, body);
    expect((await installer('POST', `/v1/jobs/${id}/start`)).body.status).to.equal('RUNNING');
    const missing = await installer('POST', `/v1/jobs/${id}/steps/look/complete`, { values: {} });
    expect(missing.status, missing.text).to.equal(422);
    expect(missing.body.errors).to.deep.equal([
      { pointer: '/values/valueOf', message: 'Value of is required in this step', rule: 'required' },
    ]);
    const done = await installer('POST', `/v1/jobs/${id}/steps/look/complete`, { values: { constructor: 'Unit 7', valueOf: 3 } });
    expect(done.status, done.text).to.equal(200);
    // toString took its default; the prototype's members were no value of any field.
    expect(done.body.values).to.deep.equal({ boxQnr: QNR, hasOwnProperty: true, constructor: 'Unit 7', toString: 'plain', valueOf: 3 });
    const succeeded = await installer('POST', `/v1/jobs/${id}/complete`);
    expect(succeeded.body.status, succeeded.text).to.equal('SUCCEEDED');
    const found = await admin('GET', '/v1/jobs?q=Unit%207');
    expect(found.body.items.map((item: { id: string }) => item.id)).to.include(id);
  });

  it('publishes despite warnings, and gives admins publishing at once on two processes a version each', async () => {
    const race = ACME.replace('id: acme-check', 'id: acme-race');
    const warned = await admin('PUT', '/v1/job-types/acme-race', `${race}deadlines: { completeWithin: PT1H }\n`);
    expect(warned.status, warned.text).to.equal(201);
    expect(warned.body.warnings.map((warning: { path: string; severity: string }) => `${warning.path} ${warning.severity}`)).to.deep.equal([
      'access.maxDuration warning',
    ]);

    const titles = ['One', 'Two', 'Three', 'Four'];
    const answers = await Promise.all(
      titles.map((title, index) =>
        request(
          index % 2 === 0 ? stack.baseUrl : other.baseUrl,
          'PUT',
          '/v1/job-types/acme-race',
          demo.tokens.providerAdmin,
          race.replace('title: ACME quick check', `title: ${title}`),
        ),
      ),
    );
    expect(answers.map((answer) => answer.status)).to.deep.equal([201, 201, 201, 201]);
    expect(answers.map((answer) => answer.body.version).sort()).to.deep.equal([2, 3, 4, 5]);
  });
});

/** Another API process as a deployment runs it: its own pool, catalog (loaded from the files) and Temporal connection. */
async function secondApiProcess(databaseUrl: string, taskQueue: string) {
  const db: Db = connectDb(databaseUrl);
  const jobTypes = await JobTypeCatalog.load(loadConfig().jobTypesDir);
  const connection = await Connection.connect({ address: await temporalAddress() });
  const app = createApp({
    db,
    temporal: new Client({ connection, namespace: 'default' }),
    namespace: 'default',
    taskQueue,
    jobTypes,
    log: () => {},
  });
  const server = createApiServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await connection.close();
      await db.destroy();
    },
  };
}
