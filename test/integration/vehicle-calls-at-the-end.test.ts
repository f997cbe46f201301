// "Access to the vehicle ends automatically upon job completion": an installer's command still on
// its way when the job ends must not land after the securing. Through HTTP, on the Temporal dev
// server (the time-skipping test server does not end an activity cancelled between its retries).
import { MockActivityEnvironment } from '@temporalio/testing';
import { expect } from 'chai';
import { createVehicleActionActivities, type InstallerCommandRequest } from '../../activities/vehicle-actions';
import { revokeAccessGrant } from '../../db/access-grants';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { principalForToken } from '../../db/tenancy';
import { OneApiClient } from '../../gateway/oneapi-client';
import type { SimulatedVehicle } from '../../gateway/simulator/simulated-fleet';
import { seedVehicle, TEST_CLIENT } from '../support/oneapi';
import { startTestStack, type TestStack } from '../support/stack';

/** The provider names the box; the installer only uses the access. */
const PRESET_BOX = `id: acme-preset-box
title: ACME check with a preset box
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
  - { key: remark, label: Remark, section: setup, type: text, preset: forbidden }
vehicle: { qnrField: boxQnr }
steps:
  - { id: inspect, title: Inspect, collect: [remark] }
access: { permissions: [lock, unlock], maxDuration: PT2H }
`;

/** The same, with a step whose action talks to the car: locks and unlocks it. */
const PRESET_BOX_CHECK = `id: acme-preset-box-check
title: ACME lock check with a preset box
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
vehicle: { qnrField: boxQnr }
steps:
  - { id: check, title: Check the locks, action: cloudboxx.verifyLockUnlock }
access: { permissions: [lock, unlock], maxDuration: PT2H }
`;

describe('a vehicle call on its way when the job ends', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('vehicle calls at the end');
    demo = (await createDemoTenantIfMissing(stack.db))!;
    const published = await fetch(`${stack.baseUrl}/v1/job-types/acme-preset-box`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demo.tokens.providerAdmin}`, 'content-type': 'application/yaml' },
      body: PRESET_BOX,
    });
    expect(published.status, await published.text()).to.be.oneOf([200, 201]);
    const withAction = await fetch(`${stack.baseUrl}/v1/job-types/acme-preset-box-check`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demo.tokens.providerAdmin}`, 'content-type': 'application/yaml' },
      body: PRESET_BOX_CHECK,
    });
    expect(withAction.status, await withAction.text()).to.be.oneOf([200, 201]);
  });
  afterEach(() => stack.simulator.state.faults.reset());
  after(async () => stack?.stop());

  const installer = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.installerTechnician, body);
  /** The commands the car received, in order. */
  const commandsOf = (car: SimulatedVehicle) => car.history.filter((entry) => entry.command).map((entry) => entry.command);

  /** A job of the preset-box type for the car's box, assigned and started: its id. */
  async function startedJobFor(car: SimulatedVehicle, jobTypeId = 'acme-preset-box'): Promise<string> {
    const created = await stack.call('POST', '/v1/jobs', demo.tokens.providerAdmin, {
      jobTypeId,
      fleetId: demo.fleetId,
      installerCompanyId: demo.installerCompanyId,
      values: { boxQnr: car.telematicsUnitId },
    });
    expect(created.status, created.text).to.equal(201);
    expect((await installer('POST', `/v1/jobs/${created.body.id}/start`)).status).to.equal(200);
    return created.body.id as string;
  }

  it("an installer's unlock retried after the job failed: refused, and the car ends locked and immobilised", async () => {
    const car = seedVehicle(stack.simulator);
    const job = `/v1/jobs/${await startedJobFor(car)}`;

    // A flaky link: the unlock's first attempt fails after a second, its retry would land after the job's end.
    stack.simulator.state.faults.configure({ routeLatencyMs: { 'vehicle-command': 1_000 } });
    stack.simulator.state.faults.failNext({ count: 1, routes: ['vehicle-command'], status: 503, phase: 'before-handler' });
    const unlocking = installer('POST', `${job}/vehicle/commands`, { command: 'unlock' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const failed = await installer('POST', `${job}/fail`, { reason: 'Wrong address.' });
    expect(failed.body.status, failed.text).to.equal('FAILED');
    const unlock = await unlocking;
    expect(unlock.status, unlock.text).to.equal(403);
    expect(unlock.body.type).to.equal('https://installer-jobs.dev/problems/access-denied');
    expect(unlock.body.title).to.contain('ended while the unlock command was on its way');

    let security: { state: string } | undefined;
    for (let tries = 0; tries < 60 && (security === undefined || security.state === 'pending'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      security = (await installer('GET', job)).body.vehicle.security;
    }
    expect(security).to.include({ state: 'secured' });
    expect(commandsOf(car).slice(-2), 'the securing has the last word').to.deep.equal(['lock-central-lock', 'disable-driving']);
    expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
  });

  it("a step whose action the job's end stopped is refused, not answered 200 as if done", async () => {
    const car = seedVehicle(stack.simulator);
    const job = `/v1/jobs/${await startedJobFor(car, 'acme-preset-box-check')}`;

    // The check's lock takes a second and a half: the job fails while it is on its way.
    stack.simulator.state.faults.configure({ routeLatencyMs: { 'vehicle-command': 1_500 } });
    const checking = installer('POST', `${job}/steps/check/complete`, {});
    await new Promise((resolve) => setTimeout(resolve, 500));
    const failed = await installer('POST', `${job}/fail`, { reason: 'The customer needs the car now.' });
    expect(failed.body.status, failed.text).to.equal('FAILED');
    const check = await checking;
    expect(check.status, check.text).to.equal(409);
    expect(check.body.type).to.equal('https://installer-jobs.dev/problems/wrong-status');
    expect(check.body.detail).to.equal("The job ended while this step's action ran; it may have reached the vehicle.");
    const step = (await installer('GET', job)).body.steps.find((candidate: { id: string }) => candidate.id === 'check');
    expect(step).to.include({ status: 'open' });
  });

  it("a worker cut off from Temporal sends nothing once the job's end is recorded", async () => {
    const car = seedVehicle(stack.simulator);
    const jobId = await startedJobFor(car);

    // That worker's own activities: it still reaches Postgres and OneAPI, but never hears that its activity was cancelled.
    const gateway = new OneApiClient({ baseUrl: stack.simulator.url, clientId: TEST_CLIENT.id, clientSecret: TEST_CLIENT.secret });
    const activities = createVehicleActionActivities(gateway, stack.db);
    const { userId, organisationId, role, email } = (await principalForToken(stack.db, demo.tokens.installerTechnician))!;
    const unlock = () =>
      new MockActivityEnvironment().run(activities.sendVehicleCommand, {
        jobId,
        qnr: car.telematicsUnitId,
        command: 'unlock',
        actor: { kind: 'user', userId, organisationId, role, email },
      } satisfies InstallerCommandRequest);
    expect(await unlock(), 'while access is open, the command goes to the car').to.include({ centralLock: 'unlocked' });
    const before = commandsOf(car).length;

    // The job's end as the workflow records it: the grant revoked with the job's own record.
    await revokeAccessGrant(stack.db, `${jobId}/access`, new Date().toISOString(), 'job failed by the installer');
    const refused = await unlock().then(
      () => undefined,
      (error: Error & { type?: string }) => error,
    );
    expect(refused?.type).to.equal('JobRefused.accessDenied');
    expect(refused?.message).to.contain('job failed by the installer');
    expect(commandsOf(car).length, 'nothing sent to the car').to.equal(before);
  });
});
