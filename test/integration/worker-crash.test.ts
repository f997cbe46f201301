import http from 'node:http';
import { INSTALL_STEPS_TRAIL } from '../support/install-job';
import { jobWorkflow } from '../../workflows';
import { assertConsistent } from '../support/consistency';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Client, Connection, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { expect } from 'chai';
import { loadConfig } from '../../common/config';
import { jobWorkflowId, type Actor } from '../../common/job';
import { newJobId } from '../../common/job-id';
import {
  assignJobUpdate,
  completeJobUpdate,
  completeStepUpdate,
  jobCreatedUpdate,
  jobSnapshotQuery,
  startJobUpdate,
} from '../../common/job-messages';
import { JOB_WORKFLOW_GENERATION, type JobWorkflowInput } from '../../common/job-workflow';
import type { Db } from '../../db/connection';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { JobTypeCatalog } from '../../definitions/catalog';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import { createSimulatorApp } from '../../gateway/simulator/app';
import { demoVehicles } from '../../gateway/simulator/demo-vehicles';
import type { SimulatorState } from '../../gateway/simulator/simulator-state';
import { createApp } from '../../api/app';
import { createApiServer } from '../../api/server';
import { loadJobTypeCatalog } from '../../db/job-type-versions';
import { CliProcess } from '../support/cli';
import { callApi } from '../support/stack';
import { freshDatabase, temporalAddress } from '../support/services';

/** The demo Golf 8 (B-IJ 1234) gets the box in this job. */
const GOLF = demoVehicles()[0]!;
const QNR = GOLF.telematicsUnitId;
const CLIENT = { id: 'worker-crash-test', secret: randomUUID() };
/** Holds every OneAPI request this long, so that worker A dies while its configuration request is in flight. */
const LATENCY_MS = 2_000;

const STEP_VALUES: Record<string, Record<string, unknown>> = {
  'check-in': {
    vin: GOLF.vin,
    licensePlate: GOLF.licensePlate,
    brand: 'Volkswagen',
    model: 'Golf',
    fuelType: 'petrol',
    odometerKm: 12345,
    photoOdometer: { photoId: 'ph-odo-1' },
  },
  mount: { boxQnr: QNR, boxSerial: 'CBX12345', photoMountedBox: { photoId: 'ph-box-1' } },
  configure: {},
  verify: {},
  handover: { installerNotes: 'Box behind the glovebox.' },
};

/**
 * The OneAPI simulator (startSimulator's app, demo fleet) behind a listener that notes when a
 * configuration request has fully arrived. The simulator's own request log is written only once a
 * request has been answered, too late to kill the caller while the request is still in flight.
 */
async function startObservedSimulator(): Promise<{
  url: string;
  state: SimulatorState;
  configurationArrivals: number[];
  close(): Promise<void>;
}> {
  const { app, state } = createSimulatorApp({ clients: [CLIENT], vehicles: demoVehicles() });
  const handle = app.callback();
  const configurationArrivals: number[] = [];
  const server = http.createServer((req, res) => {
    // 'end' fires once the body parser has read the whole body: from then on the simulator acts
    // on the request (after its latency) whatever becomes of the caller.
    if (req.method === 'PUT' && /\/configuration$/.test(req.url ?? '')) req.once('end', () => configurationArrivals.push(Date.now()));
    void handle(req, res);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    state,
    configurationArrivals,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function isAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a worker killed mid-job and restarted', function () {
  this.timeout(120_000);

  let db: Db;
  let databaseUrl: string;
  let tenant: DemoTenant;
  let jobType: CompiledJobType;
  let simulator: Awaited<ReturnType<typeof startObservedSimulator>>;
  let connection: Connection;
  let client: Client;
  const taskQueue = `worker-crash-${randomUUID()}`;
  const workers: CliProcess[] = [];

  before(async () => {
    ({ db, url: databaseUrl } = await freshDatabase('worker crash'));
    tenant = (await createDemoTenantIfMissing(db))!;
    jobType = (await JobTypeCatalog.load(loadConfig().jobTypesDir)).get('cloudboxx-install')!;
    simulator = await startObservedSimulator();
    connection = await Connection.connect({ address: await temporalAddress() });
    client = new Client({ connection });
  });

  after(async () => {
    // Nothing of ours keeps running, whatever the test got to.
    for (const worker of workers) await worker.stop('SIGKILL');
    await connection?.close();
    await simulator?.close();
  });

  /** `installer-jobs worker` as a process of its own on this suite's task queue, database and simulator. */
  async function startWorker(): Promise<CliProcess> {
    const worker = new CliProcess(['worker'], {
      TEMPORAL_ADDRESS: await temporalAddress(),
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: databaseUrl,
      ONEAPI_BASE_URL: simulator.url,
      ONEAPI_CLIENT_ID: CLIENT.id,
      ONEAPI_CLIENT_SECRET: CLIENT.secret,
    });
    workers.push(worker);
    await worker.waitFor(/Worker polling/, 60_000);
    return worker;
  }

  const providerAdmin = (): Actor => ({
    kind: 'user',
    userId: tenant.userIds.providerAdmin,
    organisationId: tenant.providerId,
    role: 'provider_admin',
  });
  const technician = (): Actor => ({
    kind: 'user',
    userId: tenant.userIds.installerTechnician,
    organisationId: tenant.installerCompanyId,
    role: 'installer_technician',
  });

  function completeStep(handle: WorkflowHandle, stepId: string) {
    const step = jobType.steps.find((candidate) => candidate.id === stepId)!;
    return handle.executeUpdate(completeStepUpdate, {
      args: [{ actor: technician(), stepId, values: STEP_VALUES[stepId], checklist: [...step.checklist] }],
    });
  }

  it('finishes the job on the new worker, applies the configuration once and leaves no grant open', async () => {
    const workerA = await startWorker();

    // A job the way the API creates it: update-with-start, answered once the row is written.
    const jobId = newJobId();
    const input: JobWorkflowInput = {
      generation: JOB_WORKFLOW_GENERATION,
      jobId,
      providerId: tenant.providerId,
      fleetId: tenant.fleetId,
      jobType,
      values: { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 }, keyHolderType: 'rfid' },
      createdBy: providerAdmin(),
      createdAt: new Date().toISOString(),
    };
    const startOperation = new WithStartWorkflowOperation(jobWorkflow, {
      workflowId: jobWorkflowId(jobId),
      taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
    });
    const created = await client.workflow.executeUpdateWithStart(jobCreatedUpdate, { startWorkflowOperation: startOperation });
    expect(created.status).to.equal('PENDING');
    const handle = client.workflow.getHandle(jobWorkflowId(jobId));

    await handle.executeUpdate(assignJobUpdate, { args: [{ actor: providerAdmin(), installerCompanyId: tenant.installerCompanyId }] });
    expect((await handle.executeUpdate(startJobUpdate, { args: [{ actor: technician() }] })).status).to.equal('RUNNING');
    const openGrant = await db('access_grants').where({ job_id: jobId }).first();
    expect(openGrant.revoked_at).to.equal(null);
    await completeStep(handle, 'check-in');
    await completeStep(handle, 'mount');
    expect(simulator.state.requests, 'no OneAPI call before the configure step').to.deep.equal([]);

    // The configure step, sent and not awaited: the installer's app keeps waiting for the answer.
    simulator.state.faults.configure({ latencyMs: LATENCY_MS });
    const configured = completeStep(handle, 'configure');
    configured.catch(() => {}); // awaited below; no unhandled rejection meanwhile

    // Worker A has sent the configuration and waits for the answer: kill it, the whole process.
    await until('the configuration request to reach the simulator', () => simulator.configurationArrivals.length > 0, 20_000);
    const killedAt = Date.now();
    await workerA.stop('SIGKILL');
    expect(workerA.child.signalCode).to.equal('SIGKILL');
    expect(isAlive(workerA.child.pid)).to.equal(false);

    // The simulator still acts on the request after its latency, with no caller to hear the answer.
    const first = await until(
      'the simulator to apply the configuration',
      () => simulator.state.requests.find((r) => r.route === 'apply-configuration'),
      10_000,
    );
    expect(first.status).to.equal(200);
    const golf = simulator.state.fleet.findByTelematicsUnit(QNR)!;
    expect(golf.configuration?.version).to.equal(1);
    const firstAppliedAt = golf.configuration!.appliedAt;
    simulator.state.faults.reset();

    // Worker B on the same task queue. The activity attempt A held times out (startToClose 30 s)
    // and is retried on B with the same idempotency key; the pending update then completes.
    const workerB = await startWorker();
    // The installer's request answered "in progress" after a few seconds; the outcome arrives on the job.
    const answered = await configured;
    expect(answered.step.status).to.be.oneOf(['inProgress', 'done']);
    await until(
      'the configure step to be done',
      async () => (await handle.query(jobSnapshotQuery)).steps.find((step) => step.id === 'configure')?.status === 'done',
      45_000,
      250,
    );
    const recoveredInMs = Date.now() - killedAt;
    expect(recoveredInMs, 'recovered within the activity timeout plus retry').to.be.below(45_000);

    await completeStep(handle, 'verify');
    await completeStep(handle, 'handover');
    expect((await handle.executeUpdate(completeJobUpdate, { args: [{ actor: technician() }] })).status).to.equal('SUCCEEDED');
    expect(await handle.result()).to.deep.equal({ jobId, status: 'SUCCEEDED' });

    // The read model: SUCCEEDED, each event once, the grant closed.
    expect((await db('jobs').where({ id: jobId }).first()).status).to.equal('SUCCEEDED');
    const events = (await db('job_events').where({ job_id: jobId }).orderBy('id').select('type', 'data')).filter(
      (event) => event.type !== 'vehicle.call',
    );
    expect(events.map((event) => event.type)).to.deep.equal([
      'job.created',
      'job.assigned',
      'job.started',
      ...INSTALL_STEPS_TRAIL,
      'job.succeeded',
      'vehicle.secured',
    ]);
    const grant = await db('access_grants').where({ job_id: jobId }).first();
    expect(grant.revoked_at).to.be.instanceOf(Date);
    expect(grant.revoke_reason).to.equal('job succeeded');

    // Applied exactly once: B's retry was answered with A's outcome (same idempotency key).
    const configurationRequests = simulator.state.requests.filter((r) => r.route === 'apply-configuration');
    expect(
      configurationRequests.map((r) => r.status),
      "A's request, then B's replay",
    ).to.deep.equal([200, 200]);
    expect(golf.configuration).to.deep.include({ version: 1, appliedAt: firstAppliedAt });
    expect(golf.configuration?.value).to.deep.include({ telematicsUnit: { qnr: QNR, serialNumber: 'CBX12345' } });
    const configureEvent = events.find((event) => event.type === 'step.completed' && event.data.stepId === 'configure')!;
    expect(configureEvent.data.result).to.deep.include({ version: 1, appliedAt: firstAppliedAt });

    // B shuts down cleanly and no worker process of this test is left.
    expect(await workerB.stop('SIGTERM'), workerB.output).to.equal(0);
    for (const worker of workers) expect(isAlive(worker.child.pid), `worker ${worker.child.pid} still running`).to.equal(false);
  });

  it("applies a change sent just after the worker's kill -9 once another worker runs, answering it within the API's deadlines", async () => {
    const workerA = await startWorker();
    const api = createApiServer(
      createApp({
        log: () => {},
        db,
        temporal: client,
        namespace: 'default',
        taskQueue,
        jobTypes: await loadJobTypeCatalog(loadConfig().jobTypesDir, db),
      }).callback(),
    );
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
      const call = (method: string, path: string, token: string, body?: unknown) => callApi(base, method, path, token, body);
      const created = await call('POST', '/v1/jobs', tenant.tokens.providerAdmin, {
        jobTypeId: 'cloudboxx-install',
        fleetId: tenant.fleetId,
        installerCompanyId: tenant.installerCompanyId,
        values: { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 } },
      });
      expect(created.status, created.text).to.equal(201);
      const job = `/v1/jobs/${created.body.id}`;
      expect((await call('POST', `${job}/start`, tenant.tokens.installerTechnician)).status).to.equal(200);
      // Worker A has the run in its cache, and Temporal sends its next task to A's own (sticky) queue.
      expect((await call('PATCH', `${job}/values`, tenant.tokens.installerTechnician, { values: { odometerKm: 1 } })).status).to.equal(200);

      await workerA.stop('SIGKILL');
      const workerB = startWorker();
      const sent = Date.now();
      const saved = await call('PATCH', `${job}/values`, tenant.tokens.installerTechnician, { values: { odometerKm: 2 } });
      expect(saved.status, `${Date.now() - sent} ms: ${saved.text}`).to.equal(200);
      expect(saved.body.values.odometerKm).to.equal(2);
      // The job ends on B, its car secured, so that no run of this suite is left open.
      expect((await call('POST', `${job}/fail`, tenant.tokens.installerTechnician, { reason: 'Test over.' })).status).to.equal(200);
      await client.workflow.getHandle(jobWorkflowId(created.body.id)).result();
      await (await workerB).stop('SIGTERM');
    } finally {
      await new Promise<void>((resolve) => {
        api.close(() => resolve());
        api.closeAllConnections();
      });
    }
  });

  it('leaves Temporal and the read model in agreement after the crash', async () => {
    await assertConsistent({ db, client, taskQueue });
  });
});
