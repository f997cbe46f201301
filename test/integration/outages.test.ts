import fs from 'node:fs';
import { untilWorkerPolls } from '../../temporal/worker-polls';
import { assertConsistent } from '../support/consistency';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { expect } from 'chai';
import { createApp, type AppDeps } from '../../api/app';
import { callApi, type ApiAnswer } from '../support/stack';
import { createApiServer } from '../../api/server';
import { loadConfig } from '../../common/config';
import { newJobId } from '../../common/job-id';
import { connectDb, migrateLatest, type Db } from '../../db/connection';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { loadJobTypeCatalog } from '../../db/job-type-versions';
import type { JobTypeCatalog } from '../../definitions/catalog';
import { demoVehicles } from '../../gateway/simulator/demo-vehicles';
import { startSimulatedOneApi, type SimulatedOneApi } from '../support/oneapi';
import { startEmbeddedPostgres, type PostgresServer } from '../../runtime/postgres';
import { findFreePort } from '../../runtime/ports';
import { startDevServer, type DevServer } from '../../runtime/temporal-dev-server';
import { locateTool } from '../../runtime/tools';
import { createJobWorker } from '../../worker/worker';
import { CliProcess } from '../support/cli';
import { freshDatabase, temporalAddress, workflowBundle } from '../support/services';

const config = loadConfig();
const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };
const problem = (type: string) => `https://installer-jobs.dev/problems/${type}`;
/** "Within a few seconds": the longest an outage may take to be answered. */
const PROMPTLY_MS = 5_000;

/** An answer checked against the OpenAPI document, with how long it took. */
type Answer = ApiAnswer & { ms: number };

/** An API of its own for one outage: the app on a free port, with the dependencies the test stops. */
async function listen(deps: AppDeps): Promise<{
  call: (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;
  close(): Promise<void>;
}> {
  const server: http.Server = createApiServer(createApp({ log: () => {}, ...deps }).callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async call(method, route, token, body, headers) {
      const startedAt = Date.now();
      const answer = await callApi(base, method, route, token, body, headers);
      return { ...answer, ms: Date.now() - startedAt };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function expectUnavailable(answer: Answer, type = 'service-unavailable'): void {
  expect(answer.status, JSON.stringify(answer.body)).to.equal(503);
  expect(answer.body.type).to.equal(problem(type));
  expect(Number(answer.headers.get('retry-after'))).to.be.greaterThan(0);
  expect(answer.ms, 'answered within seconds').to.be.below(PROMPTLY_MS);
}

async function startWorker(
  connection: NativeConnection,
  taskQueue: string,
  db: Db,
  oneApi: SimulatedOneApi,
): Promise<{ worker: Worker; stop(): Promise<void> }> {
  const worker = await createJobWorker({
    connection,
    namespace: 'default',
    taskQueue,
    db,
    gateway: oneApi.client,
    workflowBundle: await workflowBundle(),
  });
  const running = worker.run();
  await untilWorkerPolls(connection, taskQueue);
  return {
    worker,
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

describe('outages answer honestly', function () {
  this.timeout(120_000);

  describe('with Postgres unreachable', () => {
    const dataDir = path.join(config.projectDir, '.test-data', `outages-${process.pid}-${randomUUID().slice(0, 8)}`);
    let postgres: PostgresServer;
    let port: number;
    let db: Db;
    let demo: DemoTenant;
    let connection: Connection;
    let api: Awaited<ReturnType<typeof listen>>;
    /** The same database, with a Temporal that never answers: its requests wait out the look for a worker. */
    let stuck: Awaited<ReturnType<typeof listen>>;

    before(async () => {
      // A cluster of its own: stopping the shared one would break every other suite of the run.
      port = await findFreePort();
      postgres = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port,
        database: 'outages',
        logFile: path.join(dataDir, 'postgres.log'),
      });
      db = connectDb(postgres.url);
      await migrateLatest(db);
      demo = (await createDemoTenantIfMissing(db))!;
      const jobTypes = await loadJobTypeCatalog(config.jobTypesDir, db);
      connection = await Connection.connect({ address: await temporalAddress() });
      api = await listen({
        db,
        temporal: new Client({ connection }),
        namespace: 'default',
        taskQueue: `outages-pg-${randomUUID()}`,
        jobTypes,
      });
      const nowhere = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await findFreePort()}` }) });
      stuck = await listen({
        db,
        temporal: nowhere,
        namespace: 'default',
        taskQueue: 'outages-pg-stuck',
        jobTypes,
        temporalDeadlines: { checkMs: 2_500 },
      });
    });

    after(async () => {
      await api?.close();
      await stuck?.close();
      await db?.destroy();
      await connection?.close();
      await postgres?.stop().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('answers 503 with Retry-After on every kind of route within seconds, and serves again once it is back', async () => {
      expect((await api.call('GET', '/v1/fleets', demo.tokens.providerAdmin)).status).to.equal(200);
      // A request that has claimed its Idempotency-Key when Postgres goes away.
      const claimed = stuck.call(
        'POST',
        '/v1/jobs',
        demo.tokens.providerAdmin,
        { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation: LOCATION } },
        { 'idempotency-key': 'claimed-when-pg-died' },
      );
      await until(
        'the key to be claimed',
        async () => (await db('idempotency_keys').where({ key: 'claimed-when-pg-died' }).first()) !== undefined,
      );
      await postgres.stop();
      expectUnavailable(await claimed);

      const answers = [
        await api.call('GET', '/v1/jobs', demo.tokens.providerAdmin),
        await api.call('GET', `/v1/jobs/${newJobId()}`, demo.tokens.providerAdmin),
        await api.call(
          'POST',
          '/v1/jobs',
          demo.tokens.providerAdmin,
          { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation: LOCATION } },
          { 'idempotency-key': 'pg-down' },
        ),
        await api.call('GET', '/v1/fleets', demo.tokens.providerAdmin),
        await api.call('POST', '/v1/users', demo.tokens.providerAdmin, { email: 'new@demo.example', role: 'provider_admin' }),
        await api.call('GET', '/v1/companies/me', demo.tokens.installerAdmin),
        await api.call('GET', '/v1/job-types', demo.tokens.providerAdmin),
        await api.call('GET', '/v1/invitations/inv_some-link'),
        await api.call('POST', '/v1/invitations/inv_some-link/accept', undefined, { companyName: 'Nobody GmbH' }),
      ];
      for (const answer of answers) expectUnavailable(answer);
      expect(answers[0]!.body.title).to.match(/database/);

      const health = await api.call('GET', '/readyz');
      expect(health.status).to.equal(503);
      expect(health.body.status).to.equal('not-ready');
      expect(health.body.checks.postgres.ok).to.equal(false);
      expect(health.body.checks.temporal).to.deep.equal({ ok: true });

      // Back: the same pool serves again, no restart of the API; the claim of the request that failed
      // is released as soon as Postgres is back, so that its retry runs at once.
      postgres = await startEmbeddedPostgres({
        dataDir: path.join(dataDir, 'postgres'),
        port,
        database: 'outages',
        logFile: path.join(dataDir, 'postgres.log'),
      });
      expect((await api.call('GET', '/v1/fleets', demo.tokens.providerAdmin)).status).to.equal(200);
      await until(
        'the failed request to release its claim',
        async () => (await db('idempotency_keys').where({ key: 'claimed-when-pg-died' }).first()) === undefined,
        3_000,
      );
    });
  });

  describe('with Temporal unreachable', () => {
    let devServer: DevServer;
    let db: Db;
    let demo: DemoTenant;
    let connection: Connection;
    let oneApi: SimulatedOneApi;
    let api: Awaited<ReturnType<typeof listen>>;
    const logDir = path.join(config.projectDir, '.test-data', `outages-temporal-${process.pid}-${randomUUID().slice(0, 8)}`);

    before(async () => {
      // A Temporal of its own, to stop; the run's shared server serves every other suite.
      devServer = await startDevServer({
        executable: locateTool('temporalCli', { toolsDir: config.toolsDir, explicitPaths: config.tools }),
        ip: '127.0.0.1',
        port: await findFreePort(),
        namespace: 'default',
        logFile: path.join(logDir, 'temporal.log'),
      });
      ({ db } = await freshDatabase('outages temporal'));
      demo = (await createDemoTenantIfMissing(db))!;
      const jobTypes: JobTypeCatalog = await loadJobTypeCatalog(config.jobTypesDir, db);
      connection = await Connection.connect({ address: devServer.address });
      oneApi = await startSimulatedOneApi({ vehicles: demoVehicles() });
      // A shorter look for a worker than the API's 3 s, to keep the test short.
      api = await listen({
        db,
        temporal: new Client({ connection }),
        namespace: 'default',
        taskQueue: 'outages-temporal',
        jobTypes,
        temporalDeadlines: { checkMs: 1_500 },
      });
    });

    after(async () => {
      await api?.close();
      // The connection stays open until the run ends: the SDK's retries of the calls that met the
      // outage wait on timers, and one firing on a closed connection throws where nothing catches it.
      await oneApi?.simulator.close();
      await devServer?.stop().catch(() => {});
      fs.rmSync(logDir, { recursive: true, force: true });
    });

    it('answers changes 503 within seconds, sends nothing, and /readyz names Temporal', async () => {
      const workerConnection = await NativeConnection.connect({ address: devServer.address });
      const worker = await startWorker(workerConnection, 'outages-temporal', db, oneApi);
      const created = await api.call('POST', '/v1/jobs', demo.tokens.providerAdmin, {
        jobTypeId: 'cloudboxx-install',
        fleetId: demo.fleetId,
        values: { vehicleLocation: LOCATION },
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      await worker.stop();
      await workerConnection.close();
      await devServer.stop();
      await sleep(2_100); // past the moment a worker was last seen polling, which is believed for 2 s

      const assign = await api.call(
        'POST',
        `/v1/jobs/${created.body.id}/assign`,
        demo.tokens.providerAdmin,
        { installerCompanyId: demo.installerCompanyId },
        { 'idempotency-key': 'temporal-down' },
      );
      expectUnavailable(assign);
      expect(assign.body.title).to.match(/Temporal/);
      expect(assign.body.detail).to.match(/Nothing of this change was sent/);
      expect(await db('idempotency_keys').where({ key: 'temporal-down' }).first(), 'the claim is released for the retry').to.equal(
        undefined,
      );
      expectUnavailable(
        await api.call('POST', '/v1/jobs', demo.tokens.providerAdmin, {
          jobTypeId: 'cloudboxx-install',
          fleetId: demo.fleetId,
          values: { vehicleLocation: LOCATION },
        }),
      );
      expect((await api.call('GET', `/v1/jobs/${created.body.id}`, demo.tokens.providerAdmin)).status, 'reads need only Postgres').to.equal(
        200,
      );

      const health = await api.call('GET', '/readyz');
      expect(health.status).to.equal(503);
      expect(health.body.checks.postgres).to.deep.equal({ ok: true });
      expect(health.body.checks.temporal.ok).to.equal(false);
      expect(health.ms).to.be.below(PROMPTLY_MS);
    });
  });

  describe('with no worker polling', () => {
    let db: Db;
    let demo: DemoTenant;
    let connection: Connection;
    let workerConnection: NativeConnection;
    let oneApi: SimulatedOneApi;
    let api: Awaited<ReturnType<typeof listen>>;
    let idle: Awaited<ReturnType<typeof listen>>;
    let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
    const taskQueue = `outages-worker-${randomUUID()}`;

    before(async () => {
      ({ db } = await freshDatabase('outages worker'));
      demo = (await createDemoTenantIfMissing(db))!;
      const jobTypes = await loadJobTypeCatalog(config.jobTypesDir, db);
      const address = await temporalAddress();
      connection = await Connection.connect({ address });
      workerConnection = await NativeConnection.connect({ address });
      oneApi = await startSimulatedOneApi({ vehicles: demoVehicles() });
      const temporal = new Client({ connection });
      // A worker accepts an update within milliseconds; 2 s without one is no worker.
      api = await listen({ db, temporal, namespace: 'default', taskQueue, jobTypes, temporalDeadlines: { acceptMs: 2_000 } });
      idle = await listen({ db, temporal, namespace: 'default', taskQueue: `nobody-polls-${randomUUID()}`, jobTypes });
      worker = await startWorker(workerConnection, taskQueue, db, oneApi);
    });

    after(async () => {
      await api?.close();
      await idle?.close();
      await worker?.stop();
      await workerConnection?.close();
      await connection?.close();
      await oneApi?.simulator.close();
    });

    it('says not ready on /readyz, naming the worker, and refuses changes at once where no worker polls, starting nothing', async () => {
      const jobsBefore = await db('jobs').count({ n: '*' });
      const create = await idle.call(
        'POST',
        '/v1/jobs',
        demo.tokens.providerAdmin,
        { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation: LOCATION } },
        { 'idempotency-key': 'nobody' },
      );
      expectUnavailable(create);
      expect(create.body.title).to.match(/No worker/);
      expect(await db('jobs').count({ n: '*' })).to.deep.equal(jobsBefore);

      const health = await idle.call('GET', '/readyz');
      expect(health.status).to.equal(503);
      expect(health.body.status).to.equal('not-ready');
      expect(health.body.checks).to.deep.include({ postgres: { ok: true }, temporal: { ok: true } });
      expect(health.body.checks.worker.ok).to.equal(false);
      expect(health.body.checks.worker.error).to.match(/no worker polls task queue/);
      expect((await idle.call('GET', '/v1/fleets', demo.tokens.providerAdmin)).status, 'reads still work').to.equal(200);
      const ready = await api.call('GET', '/readyz');
      expect(ready.status).to.equal(200);
      expect(ready.body.status).to.equal('ready');
      expect(ready.body.checks.worker).to.deep.equal({ ok: true });
    });

    it('answers a change sent while the worker is down 503 outcome-unknown within seconds, and its retry succeeds as soon as a worker is back', async () => {
      const created = await api.call('POST', '/v1/jobs', demo.tokens.providerAdmin, {
        jobTypeId: 'cloudboxx-install',
        fleetId: demo.fleetId,
        values: { vehicleLocation: LOCATION },
        installerCompanyId: demo.installerCompanyId,
      });
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      await worker!.stop();
      worker = undefined;

      const start = () =>
        api.call('POST', `/v1/jobs/${created.body.id}/start`, demo.tokens.installerTechnician, undefined, {
          'idempotency-key': 'start-while-down',
        });
      const first = await start();
      expectUnavailable(first, 'outcome-unknown');
      expect(first.body.detail).to.match(/Retry with the same Idempotency-Key/);
      expect(await db('idempotency_keys').where({ key: 'start-while-down' }).first(), 'the claim is released for the retry').to.equal(
        undefined,
      );

      worker = await startWorker(workerConnection, taskQueue, db, oneApi);
      const retry = await start();
      expect(retry.status, JSON.stringify(retry.body)).to.equal(200);
      expect(retry.body.status).to.equal('RUNNING');
      expect(
        await db('job_events').where({ job_id: created.body.id, type: 'job.started' }).count({ n: '*' }),
        'started once',
      ).to.deep.equal([{ n: '1' }]);
    });

    it('lets a retry take over at once a claim whose API process stopped heartbeating', async () => {
      const body = { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation: LOCATION } };
      const first = await api.call('POST', '/v1/jobs', demo.tokens.providerAdmin, body, { 'idempotency-key': 'crashed-holder' });
      expect(first.status).to.equal(201);
      // The API process died mid-request seconds ago: no answer kept, no heartbeat since.
      await db('idempotency_keys')
        .where({ key: 'crashed-holder' })
        .update({ status: null, sealed_body: null, heartbeat_at: db.raw("now() - interval '10 seconds'") });
      const retry = await api.call('POST', '/v1/jobs', demo.tokens.providerAdmin, body, { 'idempotency-key': 'crashed-holder' });
      expect(retry.status, JSON.stringify(retry.body)).to.equal(201);
      expect(retry.headers.get('idempotent-replayed'), 'run again, not replayed').to.equal(null);
      expect(retry.body.id, 'lands on the job the first attempt started').to.equal(first.body.id);
    });

    it('answers headers over the limit with a problem, not a bare 431 or a reset', async () => {
      const answer = await api.call('GET', '/v1/jobs', `ijt_${'x'.repeat(70_000)}`);
      expect(answer.status).to.equal(431);
      expect(answer.headers.get('content-type')).to.equal('application/problem+json');
      expect(answer.body).to.deep.include({ type: problem('headers-too-large'), status: 431, instance: '/v1/jobs' });
      const posted = await api.call('POST', '/v1/jobs', `ijt_${'x'.repeat(70_000)}`, { padding: 'y'.repeat(200_000) });
      expect(posted.status, 'also while the body is still being uploaded').to.equal(431);
    });

    it('leaves Temporal and the read model in agreement after the worker came and went', async () => {
      await assertConsistent({ db, client: new Client({ connection }), taskQueue });
    });
  });

  describe('with the API process killed mid-request', () => {
    let db: Db;
    let url: string;
    let demo: DemoTenant;
    let workerConnection: NativeConnection;
    let oneApi: SimulatedOneApi;
    let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
    const apis: CliProcess[] = [];
    const taskQueue = `outages-crash-${randomUUID()}`;

    before(async () => {
      ({ db, url } = await freshDatabase('outages crash'));
      demo = (await createDemoTenantIfMissing(db))!;
      workerConnection = await NativeConnection.connect({ address: await temporalAddress() });
      oneApi = await startSimulatedOneApi({ vehicles: demoVehicles() });
      worker = await startWorker(workerConnection, taskQueue, db, oneApi);
    });

    after(async () => {
      for (const api of apis) await api.stop('SIGKILL');
      await worker?.stop();
      await workerConnection?.close();
      await oneApi?.simulator.close();
    });

    /** `installer-jobs api` as a process of its own, on this suite's database and task queue. */
    async function startApi(): Promise<{ base: string; process: CliProcess }> {
      const port = await findFreePort();
      const api = new CliProcess(['api'], {
        TEMPORAL_ADDRESS: await temporalAddress(),
        TEMPORAL_TASK_QUEUE: taskQueue,
        DATABASE_URL: url,
        PORT: String(port),
      });
      apis.push(api);
      await api.waitFor(/API listening/, 60_000);
      return { base: `http://127.0.0.1:${port}`, process: api };
    }

    it('lets a retry on another API process finish the work within seconds of the crash', async () => {
      const first = await startApi();
      const post = (base: string, route: string, token: string, body?: unknown, headers: Record<string, string> = {}) =>
        fetch(`${base}${route}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body ?? {}),
        });
      const created = await post(first.base, '/v1/jobs', demo.tokens.providerAdmin, {
        jobTypeId: 'cloudboxx-install',
        fleetId: demo.fleetId,
        values: { vehicleLocation: LOCATION },
        installerCompanyId: demo.installerCompanyId,
      });
      expect(created.status).to.equal(201);
      const jobId = ((await created.json()) as { id: string }).id;

      // No worker: the start waits for one to accept it, and the API process dies meanwhile.
      await worker!.stop();
      worker = undefined;
      const start = (base: string) =>
        post(base, `/v1/jobs/${jobId}/start`, demo.tokens.installerTechnician, undefined, { 'idempotency-key': 'start-then-crash' });
      const lost = start(first.base).catch(() => undefined);
      await until(
        'the key to be claimed',
        async () => (await db('idempotency_keys').where({ key: 'start-then-crash' }).first()) !== undefined,
      );
      await first.process.stop('SIGKILL');
      const crashedAt = Date.now();
      expect(await lost, 'the answer is lost with the process').to.equal(undefined);

      // Everything back: a worker, and another API process. The retry is answered as soon as the
      // dead process's heartbeat is stale, not after a fixed five minutes.
      worker = await startWorker(workerConnection, taskQueue, db, oneApi);
      const second = await startApi();
      const backAt = Date.now();
      let retry = await start(second.base);
      while (retry.status === 409 && Date.now() - crashedAt < 20_000) {
        await sleep(500);
        retry = await start(second.base);
      }
      const body = (await retry.json()) as { status: string };
      expect(retry.status, JSON.stringify(body)).to.equal(200);
      expect(body.status).to.equal('RUNNING');
      // At most the heartbeat's staleness (8 s) after the crash, however long the new process took to start.
      expect(Date.now() - backAt, 'answered within seconds of the servers being back').to.be.below(10_000);
      expect(Date.now() - crashedAt, 'not after a fixed five minutes').to.be.below(60_000);
      expect(await db('job_events').where({ job_id: jobId, type: 'job.started' }).count({ n: '*' }), 'started once').to.deep.equal([
        { n: '1' },
      ]);
    });
  });
});
