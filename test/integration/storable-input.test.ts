import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { expect } from 'chai';
import fc from 'fast-check';
import { answerCheck } from '../../api/openapi/answer-check';
import { OPERATIONS, type Operation } from '../../api/openapi/document';
import { JOB_FIELDS, JOB_SORTS, jobListQuery } from '../../api/jobs/list-schema';
import { JOB_STATUSES } from '../../common/job';
import type { CompiledField } from '../../definitions/compiled-job-type';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { newToken } from '../../db/tokens';
import { newAccountLink } from '../../db/account-links';
import { assertConsistent } from '../support/consistency';
import { uploadPhoto } from '../support/photos';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * No input Postgres cannot store gets in (common/storable.ts): every operation of /openapi.json
 * is fed generated strings (NUL, lone surrogates, huge, any Unicode) and dates (year 0000 and
 * 10000, offsets like -23:59 and +14:01, real ones) in its body, path and query. Whatever it is
 * sent, it answers within seconds, never 5xx, a refusal as problem+json — and the jobs it touched
 * can still be read afterwards: nothing jammed.
 */
const ANSWER_WITHIN_MS = 5_000;
/** A request still open then is a hang: aborted, and the test fails on it. */
const REQUEST_TIMEOUT_MS = 10_000;
const RUNS_PER_OPERATION = 12;
const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };
const PROBLEM = 'https://installer-jobs.dev/problems/';

// ── Generated strings and dates ─────────────────────────────────────────────────────────────────

const poison = fc.constantFrom('\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D');
const poisoned = fc
  .tuple(fc.string({ maxLength: 12 }), poison, fc.string({ maxLength: 12 }))
  .map(([before, bad, after]) => `${before}${bad}${after}`);
/** What fits in a URL: a path or query of 70 kB is a header problem, not a storage one. */
const shortText = fc.oneof(
  { weight: 4, arbitrary: poisoned },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('📦', 'Müller', '東京', 'a😀b', ' ', 'Kunde Nord') },
);
const text = fc.oneof(
  { weight: 8, arbitrary: shortText },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(70_000), '📦'.repeat(20_000), `${'y'.repeat(50_000)}\u0000`) },
);

const two = (n: number) => String(n).padStart(2, '0');
const offsetText = (minutes: number) =>
  minutes === 0 ? 'Z' : `${minutes < 0 ? '-' : '+'}${two(Math.trunc(Math.abs(minutes) / 60))}:${two(Math.abs(minutes) % 60)}`;
const instant = fc.date({ min: new Date('1900-01-02T00:00:00Z'), max: new Date('9999-12-30T00:00:00Z'), noInvalidDate: true });
const goodDateTime = fc
  .tuple(instant, fc.integer({ min: -840, max: 840 }))
  .map(([at, offset]) => `${new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 19)}${offsetText(offset)}`);
const badOffset = fc.oneof(fc.integer({ min: 841, max: 23 * 60 + 59 }), fc.integer({ min: -(23 * 60 + 59), max: -841 }));
const badYear = fc.oneof(fc.integer({ min: 0, max: 1899 }), fc.integer({ min: 10_000, max: 99_999 }));
const badDateTime = fc.oneof(
  fc.constantFrom(
    '0000-01-01T00:00:00Z',
    '10000-01-01T00:00:00Z',
    '2026-11-23T10:00:00-23:59',
    '2026-11-23T10:00:00+14:01',
    '2026-11-23T10:00:00+01',
    '2026-02-30T10:00:00Z',
    '2026-12-31T23:59:60Z',
    '9999-12-31T23:59:59-14:00',
  ),
  fc.tuple(goodDateTime, badOffset).map(([good, offset]) => `${good.slice(0, 19)}${offsetText(offset)}`),
  fc.tuple(goodDateTime, badYear).map(([good, year]) => `${String(year).padStart(4, '0')}${good.slice(4)}`),
);
const dateTime = fc.oneof(
  { weight: 2, arbitrary: goodDateTime },
  { weight: 3, arbitrary: badDateTime },
  { weight: 1, arbitrary: shortText },
);
const goodDate = goodDateTime.map((value) => value.slice(0, 10));
const badDate = fc.oneof(
  fc.constantFrom('0000-01-01', '10000-01-01', '2026-02-30', '1899-12-31'),
  fc.tuple(goodDate, badYear).map(([good, year]) => `${String(year).padStart(4, '0')}${good.slice(4)}`),
);
const date = fc.oneof(goodDate, badDate, shortText);

// ── Requests from the OpenAPI table ────────────────────────────────────────────────────────────

interface Ids {
  id: string;
  fleetId: string;
  installerCompanyId: string;
  invitationId: string;
  userId: string;
  token: string;
  photoId: string;
  webhookId: string;
  deliveryId: string;
}

/** A string of the document's parameter, a real one more often than not, so the request gets past the lookup to what it carries. */
const real = (value: string) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(value) }, { weight: 1, arbitrary: shortText }, { weight: 1, arbitrary: fc.uuid() });

/** Request bodies from the very schema the route validates with; where it names a known thing, mostly a real one. */
function bodyFor(schema: Record<string, any>, ids: Ids, values: fc.Arbitrary<unknown>, name = ''): fc.Arbitrary<unknown> {
  const known: Record<string, fc.Arbitrary<unknown>> = {
    fleetId: real(ids.fleetId),
    installerCompanyId: real(ids.installerCompanyId),
    jobTypeId: real('cloudboxx-install'),
    values,
    count: fc.integer({ min: 0, max: 3 }),
  };
  if (known[name]) return known[name]!;
  if (schema.enum)
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(schema.enum as unknown[])) }, { weight: 1, arbitrary: shortText });
  const types: string[] = [schema.type ?? 'string'].flat();
  const nullable = types.includes('null') ? [fc.constant(null)] : [];
  if (types.includes('object')) {
    const properties = Object.entries((schema.properties ?? {}) as Record<string, any>);
    const record = fc.record(Object.fromEntries(properties.map(([key, inner]) => [key, bodyFor(inner, ids, values, key)])), {
      requiredKeys: schema.required ?? [],
    });
    // Now and then a property the schema does not know, its name poisoned too.
    return fc
      .tuple(record, fc.option(fc.tuple(shortText, text), { freq: 4 }))
      .map(([body, extra]) => (extra ? { ...body, [extra[0]]: extra[1] } : body));
  }
  if (types.includes('array'))
    return fc.oneof(...nullable, fc.array(bodyFor(schema.items ?? {}, ids, values), { minLength: 1, maxLength: 3 }));
  if (types.includes('integer') || types.includes('number')) return fc.oneof(...nullable, fc.integer({ min: -2, max: 5 }));
  if (types.includes('boolean')) return fc.boolean();
  if (schema.format === 'date-time') return fc.oneof(...nullable, dateTime);
  if (schema.format === 'date') return fc.oneof(...nullable, date);
  if (schema.format === 'uuid') return fc.oneof(...nullable, fc.uuid(), shortText);
  if (schema.format === 'email')
    return fc.oneof(
      ...nullable,
      fc.emailAddress(),
      poisoned.map((local) => `${local}@example.com`),
    );
  return fc.oneof(...nullable, text);
}

/** Job values: the job type's fields, each with values of its kind (and poisoned ones), plus now and then a field it does not have. */
function valuesFor(fields: readonly CompiledField[]): fc.Arbitrary<unknown> {
  const byType = (field: CompiledField): fc.Arbitrary<unknown> => {
    switch (field.type) {
      case 'address':
        return fc.oneof(fc.record({ text }), fc.constant(LOCATION));
      case 'photo':
        return fc.record({ photoId: text });
      case 'date':
        return date;
      case 'datetime':
        return dateTime;
      case 'integer':
      case 'number':
        return fc.integer({ min: -1, max: 100_000 });
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.oneof(fc.constantFrom(...(field.validation.options ?? [{ value: 'x' }]).map((option) => option.value)), shortText);
      default:
        return text;
    }
  };
  const record = fc.record(Object.fromEntries(fields.map((field) => [field.key, byType(field)])), { requiredKeys: [] });
  return fc
    .tuple(record, fc.option(fc.tuple(shortText, text), { freq: 4 }))
    .map(([values, extra]) => (extra ? { ...values, [extra[0]]: extra[1] } : values));
}

/** The query of GET /v1/jobs, every parameter of its schema as a client could send it. */
function listQuery(ids: Ids): fc.Arbitrary<Array<[string, string]>> {
  const list = (item: fc.Arbitrary<string>) => fc.array(item, { minLength: 1, maxLength: 3 }).map((items) => items.join(','));
  const timestamp = fc.oneof(goodDateTime, badDateTime).map((value) => `${value.slice(0, 19)}.000000Z`);
  const cursorKey = fc.oneof(
    fc.tuple(timestamp, real('J-0000000000')),
    fc.tuple(fc.nat(6), timestamp, real('J-0000000000')),
    fc.array(shortText, { maxLength: 3 }),
  );
  const cursor = fc.oneof(
    fc
      .tuple(fc.constantFrom(...JOB_SORTS), fc.constantFrom('asc', 'desc'), cursorKey)
      .map((parts) => Buffer.from(JSON.stringify(parts)).toString('base64url')),
    shortText,
  );
  const parameters: Record<keyof typeof jobListQuery.properties, fc.Arbitrary<string>> = {
    status: list(fc.oneof(fc.constantFrom(...JOB_STATUSES), shortText)),
    jobTypeId: list(real('cloudboxx-install')),
    fleetId: list(real(ids.fleetId)),
    installerCompanyId: list(real(ids.installerCompanyId)),
    customer: shortText,
    createdFrom: fc.oneof(dateTime, date),
    createdTo: fc.oneof(dateTime, date),
    requestedStartFrom: fc.oneof(dateTime, date),
    requestedStartTo: fc.oneof(dateTime, date),
    finishedFrom: fc.oneof(dateTime, date),
    finishedTo: fc.oneof(dateTime, date),
    q: shortText,
    sort: fc.oneof(fc.constantFrom(...JOB_SORTS), shortText),
    order: fc.oneof(fc.constantFrom('asc', 'desc'), shortText),
    limit: fc.oneof(fc.integer({ min: -1, max: 300 }).map(String), shortText),
    cursor,
    fields: list(fc.oneof(fc.constantFrom(...JOB_FIELDS), shortText)),
  };
  return fc.record(parameters, { requiredKeys: [] }).map((query) => Object.entries(query));
}

/**
 * Percent-encodes as a hostile client may: a lone surrogate as the three bytes it would take in
 * UTF-8 (%ED%A0%80), which encodeURIComponent refuses to produce.
 */
function percentEncode(value: string): string {
  let encoded = '';
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    if (pair) {
      encoded += encodeURIComponent(value.slice(i, i + 2));
      i += 1;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      encoded += `%ED%${(0x80 | ((code >> 6) & 0x3f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`;
    } else {
      encoded += encodeURIComponent(value[i]!);
    }
  }
  // "." and ".." would be resolved away by the URL, not sent.
  return encoded === '.' || encoded === '..' ? `${encoded}x` : encoded;
}

interface Sent {
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  idempotencyKey?: string;
}

// ── The suite ──────────────────────────────────────────────────────────────────────────────────

describe('only what can be stored gets in, on every operation', function () {
  this.timeout(180_000);
  let stack: TestStack;
  let demo: DemoTenant;
  const asDocumented = answerCheck();
  /** Each job the fuzz created, with the request that did. */
  const createdJobs = new Map<string, string>();

  before(async () => {
    // Several hundred requests a minute by one token: the rate limit is not under test here.
    stack = await startTestStack('storable input', { rateLimit: { limit: 100_000, windowMs: 60_000 } });
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  /** One request as a client sends it, held to the rules of this suite and to the OpenAPI document. */
  async function send({ method, path, token, body, idempotencyKey }: Sent) {
    const what = `${method.toUpperCase()} ${path} ${body === undefined ? '' : JSON.stringify(body).slice(0, 300)}`;
    const started = Date.now();
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: method.toUpperCase(),
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    }).catch((error: unknown) => expect.fail(`${what}: no answer within ${REQUEST_TIMEOUT_MS} ms (${String(error)})`));
    // An event stream stays open: its status and headers are the answer (event-stream.test.ts reads its messages).
    const stream = response.status < 300 && /^text\/event-stream/.test(response.headers.get('content-type') ?? '');
    if (stream) await response.body?.cancel();
    const binary = !stream && response.status < 300 && !/json/.test(response.headers.get('content-type') ?? '');
    const textBody = binary || stream ? '' : await response.text();
    if (binary) await response.arrayBuffer(); // a photo: its bytes, checked by the photo tests
    const elapsed = Date.now() - started;
    const answer = {
      status: response.status,
      type: response.headers.get('content-type'),
      text: textBody,
      body: textBody ? JSON.parse(textBody) : undefined,
    };
    expect(answer.status, `${what}\n→ ${answer.text.slice(0, 500)}`).to.be.below(500);
    expect(elapsed, `${what}: answered after ${elapsed} ms`).to.be.below(ANSWER_WITHIN_MS);
    if (answer.status >= 400) expect(answer.type, `${what}: a refusal is problem+json`).to.match(/^application\/problem\+json/);
    const mismatch = asDocumented({ method, path, status: answer.status, contentType: answer.type, body: answer.body });
    expect(mismatch, what).to.equal(undefined);
    if (method === 'post' && path === '/v1/jobs' && answer.status === 201) {
      for (const job of answer.body.items ?? [answer.body]) createdJobs.set(job.id, what);
    }
    return answer;
  }

  const provider = (method: string, path: string, body?: unknown) => send({ method, path, token: demo.tokens.providerAdmin, body });
  const installer = (method: string, path: string, body?: unknown) => send({ method, path, token: demo.tokens.installerTechnician, body });

  async function pendingJob(): Promise<string> {
    const created = await provider('post', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      customerName: 'Kunde Nord',
      values: { vehicleLocation: LOCATION },
    });
    expect(created.status, created.text).to.equal(201);
    return created.body.id as string;
  }
  async function assignedJob(): Promise<string> {
    const id = await pendingJob();
    expect((await provider('post', `/v1/jobs/${id}/assign`, { installerCompanyId: demo.installerCompanyId })).status).to.equal(200);
    return id;
  }
  async function runningJob(): Promise<string> {
    const id = await assignedJob();
    const started = await installer('post', `/v1/jobs/${id}/start`);
    expect(started.body.status, started.text).to.equal('RUNNING');
    return id;
  }
  async function pendingInvitation(): Promise<{ id: string; token: string }> {
    const token = newToken('inv');
    const [row] = await stack
      .db('invitations')
      .insert({ fleet_id: demo.fleetId, email: `${token.hash.slice(0, 12)}@invited.example`, status: 'PENDING', token_hash: token.hash })
      .returning('id');
    return { id: row.id as string, token: token.token };
  }

  /** The objects the operation's path names, fresh for it: a job it fails or deletes is not the next operation's. */
  async function idsFor(op: Operation): Promise<Ids> {
    const side = op.tag === 'installer' ? (op.path.endsWith('/start') ? assignedJob : runningJob) : pendingJob;
    const invitation = await pendingInvitation();
    const userId = op.path.startsWith('/v1/companies')
      ? (
          await send({
            method: 'post',
            path: '/v1/companies/me/technicians',
            token: demo.tokens.installerAdmin,
            body: { email: `t-${invitation.token.slice(-10)}@tech.example` },
          })
        ).body.userId
      : (
          await provider('post', '/v1/users', {
            email: `d-${invitation.token.slice(-10)}@staff.example`,
            role: 'provider_dispatcher',
            customers: ['Kunde Süd'],
          })
        ).body.userId;
    const id = op.path.startsWith('/v1/jobs/') ? await side() : 'J-0000000000';
    const webhook = op.path.startsWith('/v1/webhooks/')
      ? await webhookWithDelivery()
      : { webhookId: randomUUID(), deliveryId: randomUUID() };
    return {
      ...webhook,
      id,
      photoId: op.path.startsWith('/v1/photos/')
        ? await uploadPhoto(stack.baseUrl, await runningJob(), demo.tokens.installerTechnician)
        : randomUUID(),
      fleetId: demo.fleetId,
      installerCompanyId: demo.installerCompanyId,
      invitationId: invitation.id,
      userId,
      // {token} is an invitation's, or under /v1/account-links a sign-in link's (of the user just added).
      token: op.path.startsWith('/v1/account-links/') ? (await newAccountLink(stack.db, userId, 1))!.token : invitation.token,
    };
  }

  /** A provider endpoint (nobody listens on its port) with a delivery of its own, once the dispatcher has made one. */
  async function webhookWithDelivery(): Promise<{ webhookId: string; deliveryId: string }> {
    const endpoint = await provider('post', '/v1/webhooks', { url: 'http://127.0.0.1:9/hooks', eventTypes: ['job.created'] });
    expect(endpoint.status, endpoint.text).to.equal(201);
    await provider('post', '/v1/jobs', { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation: LOCATION } });
    for (let tries = 0; tries < 50; tries++) {
      const delivery = await stack.db('webhook_deliveries').where({ endpoint_id: endpoint.body.id }).first('id');
      if (delivery) return { webhookId: endpoint.body.id, deliveryId: delivery.id };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { webhookId: endpoint.body.id, deliveryId: randomUUID() };
  }

  function tokenFor(op: Operation): string | undefined {
    if (op.public) return undefined;
    if (op.tag === 'installer') return demo.tokens.installerTechnician;
    if (op.path.startsWith('/v1/companies')) return demo.tokens.installerAdmin;
    return demo.tokens.providerAdmin;
  }

  it('answers every operation fed generated strings and dates within seconds, never 5xx, refusals as problem+json', async () => {
    const jobType = stack.jobTypes.get('cloudboxx-install')!;
    const values = valuesFor(jobType.fields);
    const operations = OPERATIONS.filter((op) => op.path !== '/healthz');
    expect(operations.length, 'the operations under test').to.be.at.least(30);
    const touched: Array<{ id: string; op: Operation }> = [];

    for (const op of operations) {
      const ids = await idsFor(op);
      if (op.path.startsWith('/v1/jobs/')) touched.push({ id: ids.id, op });
      const params = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name!);
      const pathParts = fc.record(
        Object.fromEntries(
          params.map((name) => [
            name,
            name === 'stepId'
              ? real(jobType.steps[0]!.id)
              : name === 'version'
                ? real(String(jobType.version))
                : name === 'id' && op.path.startsWith('/v1/job-types')
                  ? real('cloudboxx-install')
                  : real(ids[name as keyof Ids]),
          ]),
        ),
      );
      const strayParameter = fc.tuple(fc.constantFrom('x', 'q', 'limit'), shortText).map((pair): Array<[string, string]> => [pair]);
      const query = op.query ? listQuery(ids) : fc.oneof(fc.constant<Array<[string, string]>>([]), strayParameter);
      const body = op.body
        ? op.bodyOptional
          ? fc.option(bodyFor(op.body, ids, values), { nil: undefined })
          : bodyFor(op.body, ids, values)
        : fc.constant(undefined);
      const idempotencyKey =
        op.method === 'post' ? fc.option(fc.stringMatching(/^[!-~]{1,300}$/), { nil: undefined }) : fc.constant(undefined);

      await fc.assert(
        fc.asyncProperty(pathParts, query, body, idempotencyKey, async (parts, queryPairs, requestBody, key) => {
          const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => percentEncode((parts as Record<string, string>)[name]!));
          const search = queryPairs.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
          await send({
            method: op.method,
            path: search ? `${path}?${search}` : path,
            token: tokenFor(op),
            body: requestBody,
            idempotencyKey: key,
          });
        }),
        { numRuns: RUNS_PER_OPERATION, endOnFailure: true },
      );
    }

    // Nothing jammed: every job made or worked on is still there to read.
    const touchedIds = new Set(touched.map(({ id }) => id));
    for (const [id, request] of [...createdJobs].filter(([id]) => !touchedIds.has(id)))
      expect((await provider('get', `/v1/jobs/${id}`)).status, `job ${id}, created by ${request}`).to.equal(200);
    for (const { id, op } of touched) {
      const read = await provider('get', `/v1/jobs/${id}`);
      expect(read.status, `job ${id}, after ${op.method.toUpperCase()} ${op.path}: ${read.text}`).to.be.oneOf(
        op.method === 'delete' ? [200, 404] : [200],
      );
    }
  });

  describe('the values that jammed jobs (issue #10)', () => {
    const refusal = (answer: { status: number; body: any }, pointers: string[]) => {
      expect(answer.status, JSON.stringify(answer.body)).to.equal(400);
      expect(answer.body.type).to.equal(`${PROBLEM}invalid-request`);
      expect(answer.body.errors.map((error: { pointer: string }) => error.pointer)).to.deep.equal(pointers);
    };

    it('refuses a job with a NUL, a year 0000 or an offset of -23:59 at once, also when retried with its key', async () => {
      const base = { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation: LOCATION } };
      for (let attempt = 0; attempt < 2; attempt += 1) {
        refusal(
          await send({
            method: 'post',
            path: '/v1/jobs',
            token: demo.tokens.providerAdmin,
            body: { ...base, customerName: 'Po\u0000ison' },
            idempotencyKey: 'poison-1',
          }),
          ['/customerName'],
        );
      }
      refusal(await provider('post', '/v1/jobs', { ...base, requestedStartAt: '0000-01-01T00:00:00Z' }), ['/requestedStartAt']);
      refusal(await provider('post', '/v1/jobs', { ...base, requestedStartAt: '2026-12-01T10:00:00-23:59' }), ['/requestedStartAt']);
      refusal(await provider('post', '/v1/jobs', { ...base, values: { vehicleLocation: { text: 'Haupt\u0000straße' } } }), [
        '/values/vehicleLocation/text',
      ]);
      // A date among the values is the job type's to judge (422), by the same rule.
      const offset = await provider('post', '/v1/jobs', {
        ...base,
        values: { vehicleLocation: LOCATION, requestedStart: '2026-12-01T10:00:00+14:01' },
      });
      expect(offset.status, offset.text).to.equal(422);
      expect(offset.body.errors).to.deep.equal([
        {
          pointer: '/values/requestedStart',
          message: `${stack.jobTypes.get('cloudboxx-install')!.fields.find((field) => field.key === 'requestedStart')!.label} must have a time zone offset between -14:00 and +14:00, not +14:01`,
          rule: 'format',
        },
      ]);
    });

    it('refuses the same in every change to a job, which then still fails at once', async () => {
      const pending = await pendingJob();
      refusal(await provider('patch', `/v1/jobs/${pending}`, { customerName: 'x\uD800' }), ['/customerName']);
      refusal(await provider('patch', `/v1/jobs/${pending}`, { requestedStartAt: '10000-01-01T00:00:00Z' }), ['/requestedStartAt']);

      const running = await runningJob();
      refusal(await installer('patch', `/v1/jobs/${running}/values`, { values: { licensePlate: 'B-\u0000' } }), ['/values/licensePlate']);
      refusal(await installer('post', `/v1/jobs/${running}/steps/check-in/complete`, { values: { brand: '\uDC00VW' }, checklist: [] }), [
        '/values/brand',
      ]);
      refusal(await installer('post', `/v1/jobs/${running}/fail`, { reason: 'broken\u0000' }), ['/reason']);
      const failed = await installer('post', `/v1/jobs/${running}/fail`, { reason: 'Customer cancelled on site.' });
      expect(failed.body).to.include({ status: 'FAILED', failureReason: 'Customer cancelled on site.' });
      expect((await provider('get', `/v1/jobs/${running}`)).body.accessGrant).to.have.property('revokedAt');
    });

    it('answers a path id, a filter or a cursor Postgres cannot read as 404 or 400, naming the parameter', async () => {
      for (const path of ['/v1/jobs/%00', '/v1/jobs/J-%00/events', '/v1/jobs/%00/start', '/v1/jobs/x/steps/%00/complete']) {
        const answer = await send({
          method: path.endsWith('events') || path === '/v1/jobs/%00' ? 'get' : 'post',
          path,
          token: demo.tokens.installerTechnician,
        });
        expect(answer.status, path).to.be.oneOf([400, 404]);
      }
      refusal(await provider('get', '/v1/jobs?q=a%00b'), ['/q']);
      refusal(await provider('get', '/v1/jobs?customer=%00'), ['/customer']);
      // Named by the parameter as sent, or by the item of the list it makes.
      const item = await provider('get', '/v1/jobs?jobTypeId=cloudboxx-install,x%00');
      expect(item.status).to.equal(400);
      expect(item.body.errors.map((error: { pointer: string }) => error.pointer).join(' ')).to.be.oneOf(['/jobTypeId', '/jobTypeId/1']);
      refusal(await provider('get', '/v1/jobs?createdFrom=0000-01-01'), ['/createdFrom']);
      refusal(await provider('get', `/v1/jobs?requestedStartTo=${encodeURIComponent('2026-01-01T00:00:00-23:59')}`), ['/requestedStartTo']);
      for (const key of [
        ['0000-01-01T00:00:00.000000Z', 'J-0000000000'],
        ['2026-01-01T00:00:00.000000Z', 'J-\u0000'],
      ]) {
        const cursor = Buffer.from(JSON.stringify(['createdAt', 'desc', key])).toString('base64url');
        refusal(await provider('get', `/v1/jobs?cursor=${cursor}`), ['/cursor']);
      }
    });

    it('refuses a fleet or a registering company named with a NUL', async () => {
      refusal(await provider('post', '/v1/fleets', { name: 'Ham\u0000burg' }), ['/name']);
      const invitation = await pendingInvitation();
      refusal(await send({ method: 'post', path: `/v1/invitations/${invitation.token}/accept`, body: { companyName: 'Works\u0000' } }), [
        '/companyName',
      ]);
    });

    it('never reaches Postgres with a NUL in the Idempotency-Key: Node refuses the header', async () => {
      const statusLine = await new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(new URL(stack.baseUrl).port), '127.0.0.1', () => {
          socket.write(
            `POST /v1/fleets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${demo.tokens.providerAdmin}\r\nIdempotency-Key: a\u0000b\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
          );
        });
        socket.once('data', (data) => resolve(data.toString('latin1').split('\r\n')[0]!));
        socket.once('error', reject);
      });
      expect(statusLine).to.match(/^HTTP\/1\.1 4\d\d /);
    });
  });

  it('leaves Temporal and the read model in agreement: every job its row, statuses equal, elapsed access closed', async () => {
    await assertConsistent(stack);
  });
});
