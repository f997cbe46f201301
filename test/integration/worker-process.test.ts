import { expect } from 'chai';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import type { Db } from '../../db/connection';
import { loadJobTypeCatalog } from '../../db/job-type-versions';
import { loadConfig } from '../../common/config';
import { demoVehicles } from '../../gateway/simulator/demo-vehicles';
import { startSimulator, type RunningSimulator } from '../../gateway/simulator/server';
import { findFreePort } from '../../runtime/ports';
import { CliProcess } from '../support/cli';
import { freshDatabase, temporalAddress } from '../support/services';
import { callApi } from '../support/stack';

const CLIENT = { id: 'worker-process-test', secret: randomUUID() };
const GOLF = demoVehicles()[0]!;

/** `installer-jobs worker` as a deployment runs it: JSON logs on stdout, its probes and its metrics on ports of their own. */
describe('the worker process', function () {
  this.timeout(120_000);
  let db: Db;
  let databaseUrl: string;
  let demo: DemoTenant;
  let simulator: RunningSimulator;
  let connection: Connection;
  let api: http.Server;
  let baseUrl: string;
  let worker: CliProcess | undefined;
  const taskQueue = `worker-process-${randomUUID()}`;

  before(async () => {
    ({ db, url: databaseUrl } = await freshDatabase('worker process'));
    demo = (await createDemoTenantIfMissing(db))!;
    simulator = await startSimulator({ clients: [CLIENT], vehicles: demoVehicles() });
    connection = await Connection.connect({ address: await temporalAddress() });
    const jobTypes = await loadJobTypeCatalog(loadConfig().jobTypesDir, db);
    const app = createApp({ db, temporal: new Client({ connection }), namespace: 'default', taskQueue, jobTypes });
    api = http.createServer(app.callback());
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  after(async () => {
    await worker?.stop('SIGKILL');
    api?.closeAllConnections();
    api?.close();
    await connection?.close();
    await simulator?.close();
  });

  it('logs JSON lines (the SDK’s too), answers its probes, exports its metrics with the vehicle calls, and drains to exit 0 on SIGTERM', async () => {
    const [healthPort, metricsPort] = [await findFreePort(), await findFreePort()];
    worker = new CliProcess(['worker'], {
      TEMPORAL_ADDRESS: await temporalAddress(),
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: databaseUrl,
      ONEAPI_BASE_URL: simulator.url,
      ONEAPI_CLIENT_ID: CLIENT.id,
      ONEAPI_CLIENT_SECRET: CLIENT.secret,
      LOG_FORMAT: 'json',
      WORKER_HEALTH_PORT: String(healthPort),
      WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}`,
    });
    await worker.waitFor(/"msg":"Worker polling"/, 60_000);

    const health = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    expect(health.status).to.equal(200);
    expect(await health.json()).to.include({ state: 'RUNNING' });
    expect((await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status).to.equal(200);

    // A job whose access ends: the worker secures the car, calling the vehicle side.
    const call = (method: string, path: string, token?: string, body?: unknown) => callApi(baseUrl, method, path, token, body);
    const created = await call('POST', '/v1/jobs', demo.tokens.providerAdmin, {
      jobTypeId: 'cloudboxx-reconfigure',
      fleetId: demo.fleetId,
      installerCompanyId: demo.installerCompanyId,
      values: { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin' }, boxQnr: GOLF.telematicsUnitId, vin: GOLF.vin },
    });
    expect(created.status, created.text).to.equal(201);
    const jobId: string = created.body.id;
    expect((await call('POST', `/v1/jobs/${jobId}/start`, demo.tokens.installerTechnician)).status).to.equal(200);
    expect((await call('POST', `/v1/jobs/${jobId}/fail`, demo.tokens.installerTechnician, { reason: 'Car not there.' })).status).to.equal(
      200,
    );
    let metrics = '';
    const deadline = Date.now() + 30_000;
    while (!/installer_jobs_vehicle_calls\{[^}]*call="sendCommand"[^}]*outcome="succeeded"[^}]*\} [1-9]/.test(metrics)) {
      if (Date.now() > deadline) throw new Error(`no vehicle call in the worker's metrics:\n${metrics}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    }
    expect(metrics, "the SDK's own metrics").to.match(/^temporal_\w+/m);
    expect(metrics).to.match(/installer_jobs_vehicle_call_duration_count\{[^}]*call="sendCommand"/);

    expect(await worker.stop('SIGTERM'), worker.output).to.equal(0);
    const lines = worker.output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.find((line) => line.msg === 'Worker polling')).to.include({ level: 'info', taskQueue });
    expect(
      lines.some((line) => line.taskQueue === taskQueue && line.sdkComponent === 'worker'),
      "the SDK's own lines, with their fields",
    ).to.equal(true);
    expect(
      lines.find((line) => line.sdkComponent === 'workflow' && line.msg === 'Job created'),
      "a workflow's lines carry its ids",
    ).to.include({ workflowId: `installer-job-${jobId}`, workflowType: 'jobWorkflow', taskQueue });
    expect(lines.at(-1)).to.include({ msg: 'worker drained and stopped' });
    worker = undefined;
  });
});
