import { Client, Connection } from '@temporalio/client';
import { expect } from 'chai';
import knex from 'knex';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../api/app';
import { OPERATIONS } from '../../api/openapi/document';
import { FleetIdAttribute, JobIdAttribute, JobStatusAttribute, JobTypeAttribute } from '../../common/search-attributes';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { JobTypeCatalog } from '../../definitions/catalog';
import { findFreePort } from '../../runtime/ports';
import { startTestStack, type TestStack } from '../support/stack';

/** The thin slice through every layer: HTTP → Temporal update-with-start → activity → Postgres. */
describe('a job through every layer', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('foundation');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  function post(path: string, body: unknown, token = demo.tokens.providerAdmin) {
    return fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('answers /healthz (alive) and /readyz with 200 when Temporal and Postgres both answer, a worker polls and the job types are loaded', async () => {
    const live = await stack.call('GET', '/healthz');
    expect(live.status).to.equal(200);
    expect(live.body).to.deep.equal({ status: 'ok' });
    const ready = await stack.call('GET', '/readyz');
    expect(ready.status).to.equal(200);
    expect(ready.body).to.deep.equal({
      status: 'ready',
      checks: {
        postgres: { ok: true },
        temporal: { ok: true },
        worker: { ok: true },
        jobTypes: { ok: true, builtIn: stack.jobTypes.list().length },
      },
    });
  });

  it('creates a job: a workflow named after the job, its row written by an activity, search attributes set', async () => {
    const response = await post('/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin' } },
      customerName: 'Stadtwerke Test',
    });
    expect(response.status, await response.clone().text()).to.equal(201);
    const job = (await response.json()) as { id: string; status: string; workflowId: string };
    expect(job.status).to.equal('PENDING');
    expect(job.workflowId).to.equal(`installer-job-${job.id}`);
    expect(response.headers.get('location')).to.equal(`/v1/jobs/${job.id}`);

    const row = await stack.db('jobs').where({ id: job.id }).first();
    expect(row).to.include({
      status: 'PENDING',
      fleet_id: demo.fleetId,
      job_type_id: 'cloudboxx-install',
      customer_name: 'Stadtwerke Test',
    });
    const events = await stack.db('job_events').where({ job_id: job.id }).select('type');
    expect(events.map((e) => e.type)).to.deep.equal(['job.created']);

    const description = await stack.client.workflow.getHandle(job.workflowId).describe();
    expect(description.typedSearchAttributes.get(JobIdAttribute)).to.equal(job.id);
    expect(description.typedSearchAttributes.get(JobStatusAttribute)).to.equal('PENDING');
    expect(description.typedSearchAttributes.get(JobTypeAttribute)).to.equal('cloudboxx-install');
    expect(description.typedSearchAttributes.get(FleetIdAttribute)).to.equal(demo.fleetId);
    expect(await description.staticSummary()).to.match(new RegExp(`job ${job.id}$`));
  });

  it('reads the job back through the API', async () => {
    const created = (await (
      await post('/v1/jobs', {
        jobTypeId: 'cloudboxx-install',
        fleetId: demo.fleetId,
        values: { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin' } },
      })
    ).json()) as { id: string };
    const response = await fetch(`${stack.baseUrl}/v1/jobs/${created.id}`, {
      headers: { authorization: `Bearer ${demo.tokens.providerAdmin}` },
    });
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.include({ id: created.id, status: 'PENDING', fleetId: demo.fleetId });
  });

  it('publishes its OpenAPI document without a token', async () => {
    const response = await fetch(`${stack.baseUrl}/openapi.json`);
    expect(response.status).to.equal(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).to.equal('3.1.0');
    expect(document.paths).to.have.property('/v1/jobs/{id}/steps/{stepId}/complete');
  });

  it('shows the document as a browsable page, assets served locally', async () => {
    const page = await fetch(`${stack.baseUrl}/docs`);
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html).to.include("url: '/openapi.json'");
    const bundle = await fetch(`${stack.baseUrl}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).to.equal(200);
    expect(bundle.headers.get('content-type')).to.match(/javascript/);
    expect((await bundle.arrayBuffer()).byteLength).to.be.greaterThan(100_000);
  });

  it('refuses a request without a token as problem+json 401', async () => {
    const response = await fetch(`${stack.baseUrl}/v1/jobs`, { method: 'POST' });
    expect(response.status).to.equal(401);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(await response.json()).to.deep.include({ type: 'https://installer-jobs.dev/problems/unauthenticated', status: 401 });
  });

  it('refuses every operation but the public ones without a token or with an unknown one; the public ones need none', async () => {
    // The operations come from the OpenAPI table, so a new route whose router forgot its guard fails here.
    const fill = (path: string) => path.replace(/\{\w+\}/g, () => randomUUID());
    const guarded = OPERATIONS.filter((op) => !op.public);
    expect(guarded.length, 'the operations under test').to.be.at.least(30);
    for (const op of guarded) {
      for (const token of [undefined, 'ijt_unknown-or-revoked']) {
        const answer = await stack.call(op.method, fill(op.path), token, op.body ? {} : undefined);
        const what = `${op.method.toUpperCase()} ${op.path} ${token ? 'with an unknown token' : 'without a token'}`;
        expect(answer.status, `${what}: ${answer.text}`).to.equal(401);
        expect(answer.body.type, what).to.equal('https://installer-jobs.dev/problems/unauthenticated');
      }
    }
    for (const op of OPERATIONS.filter((op) => op.public)) {
      const answer = await stack.call(op.method, fill(op.path));
      expect(answer.status, `${op.method.toUpperCase()} ${op.path} without a token: ${answer.text}`).not.to.equal(401);
    }
  });

  it('names each invalid property of a bad body by JSON pointer', async () => {
    const response = await post('/v1/jobs', { fleetId: 'not-a-uuid', colour: 'red' });
    expect(response.status).to.equal(400);
    const problem = (await response.json()) as { errors: Array<{ pointer: string }> };
    expect(problem.errors.map((e) => e.pointer)).to.have.members(['/jobTypeId', '/fleetId', '/colour']);
  });

  describe('when a dependency is down', () => {
    it('answers /readyz 503 naming Postgres, /healthz still 200: the process itself is alive', async () => {
      const deadDb = knex({
        client: 'pg',
        connection: `postgres://x:y@127.0.0.1:${await findFreePort()}/none`,
        pool: { min: 0, max: 1 },
        log: { error: () => {}, warn: () => {} },
      });
      const app = createApp({
        db: deadDb,
        temporal: stack.client,
        namespace: 'default',
        taskQueue: stack.taskQueue,
        jobTypes: new JobTypeCatalog([]),
      });
      const health = await probe(app);
      const live = await probe(app, '/healthz');
      await deadDb.destroy();
      expect(health.status).to.equal(503);
      expect(health.body.status).to.equal('not-ready');
      expect(health.body.checks.postgres!.ok).to.equal(false);
      expect(health.body.checks.temporal!.ok).to.equal(true);
      expect(health.body.checks.jobTypes, 'this app was given no job types').to.deep.equal({
        ok: false,
        builtIn: 0,
        error: 'no job type is loaded',
      });
      expect(live.status).to.equal(200);
    });

    it('answers /readyz 503 naming Temporal', async () => {
      const connection = Connection.lazy({ address: `127.0.0.1:${await findFreePort()}` });
      const deadTemporal = new Client({ connection });
      const app = createApp({
        db: stack.db,
        temporal: deadTemporal,
        namespace: 'default',
        taskQueue: stack.taskQueue,
        jobTypes: new JobTypeCatalog([]),
      });
      const health = await probe(app);
      expect(health.status).to.equal(503);
      expect(health.body.checks.temporal!.ok).to.equal(false);
      expect(health.body.checks.postgres!.ok).to.equal(true);
    });
  });
});

async function probe(app: ReturnType<typeof createApp>, path = '/readyz') {
  const http = await import('node:http');
  const server = http.createServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, { ok: boolean }> } };
  } finally {
    server.close();
  }
}
