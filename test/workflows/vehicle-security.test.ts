import { WorkflowUpdateFailedError, WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import { expect } from 'chai';
import { findRefusal } from '../../common/job-refusal';
import {
  assignJobUpdate,
  completeJobUpdate,
  completeStepUpdate,
  failJobUpdate,
  jobSnapshotQuery,
  saveValuesUpdate,
  startJobUpdate,
  stepProgressUpdate,
  vehicleCommandUpdate,
  type CompleteStepRequest,
} from '../../common/job-messages';
import { VehicleSecurityAttribute } from '../../common/search-attributes';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import { loadJobTypeFromText } from '../../definitions/loader';
import { seedVehicle, vehicleModel } from '../support/oneapi';
import type { SimulatedVehicle } from '../../gateway/simulator/simulated-fleet';
import { INSTALL_PRESETS, INSTALL_STEP_VALUES } from '../support/install-job';
import { JobWorkflowEnv } from '../support/workflow-env';

const HOUR = 3_600_000;

/** A reconfiguration whose box the provider names: no step collects it, and no step runs an action. */
const PRESET_BOX_TYPE = `id: preset-box-check
version: 1
title: Check a vehicle whose box the provider names
sections: [{ id: setup, title: Setup }]
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
  - { key: remarks, label: Remarks, section: setup, type: text, preset: forbidden }
vehicle:
  qnrField: boxQnr
steps:
  - { id: inspect, title: Inspect, collect: [remarks] }
access:
  permissions: [lock, unlock, enableDriving, readState]
  maxDuration: PT2H
`;

/** The provider names the box and the vehicle's VIN; the one step reads the vehicle. */
const VIN_CHECKED_TYPE = `id: vin-checked
version: 1
title: Read a vehicle whose box and VIN the provider names
sections: [{ id: setup, title: Setup }]
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
  - { key: vin, label: VIN, section: setup, type: string, preset: required }
vehicle:
  qnrField: boxQnr
  vinField: vin
steps:
  - { id: read, title: Read the vehicle, action: cloudboxx.readVehicleState }
access:
  permissions: [lock, unlock, readState]
  maxDuration: PT2H
`;

/** The same, but the car is handed to a driver afterwards: it must stay drivable. */
const HANDED_OVER_TYPE = PRESET_BOX_TYPE.replace('id: preset-box-check', 'id: handed-over').replace(
  'maxDuration: PT2H',
  'maxDuration: PT2H\n  onEnd: []',
);

/** The same, but access's end only locks the car (onEnd: [lock]): it stays drivable. */
const lockOnly = () =>
  loadJobTypeFromText(
    'job-types/lock-only.yaml',
    PRESET_BOX_TYPE.replace('id: preset-box-check', 'id: lock-only').replace('maxDuration: PT2H', 'maxDuration: PT2H\n  onEnd: [lock]'),
  );

/**
 * "Access to the vehicle ends automatically upon job completion. No additional security steps
 * required." Every way a job can end leaves the simulated car locked and immobilised (or as its
 * job type says), also when OneAPI is down for the whole ending.
 */
describe('the vehicle when access ends', function () {
  this.timeout(120_000);
  let t: JobWorkflowEnv;
  let presetBox: CompiledJobType;

  before(async () => {
    t = await JobWorkflowEnv.create('vehicle security');
    presetBox = loadJobTypeFromText('job-types/preset-box-check.yaml', PRESET_BOX_TYPE);
  });
  afterEach(async () => {
    t.oneApi.simulator.state.faults.reset();
    await t.terminateUnfinishedJobs();
  });
  after(async () => t?.teardown());

  /** A car left open and drivable, as an installer at work leaves it. */
  function openCar(options: { immobiliser?: boolean; vin?: string } = {}): SimulatedVehicle {
    const car = seedVehicle(t.oneApi.simulator, {
      vehicleModelId: vehicleModel(options.immobiliser ?? true).id,
      ...(options.vin && { vin: options.vin }),
    });
    car.centralLock = 'unlocked';
    if (options.immobiliser ?? true) car.drivingEnabled = true;
    return car;
  }

  async function runningJob(
    taskQueue: string,
    jobType: CompiledJobType | string,
    values: Record<string, unknown>,
  ): Promise<{ handle: WorkflowHandle; jobId: string }> {
    const { handle, created } = await t.createJob(taskQueue, jobType, values);
    await handle.executeUpdate(assignJobUpdate, { args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }] });
    await handle.executeUpdate(startJobUpdate, { args: [{ actor: t.technician }] });
    return { handle, jobId: created.jobId };
  }

  async function securityOf(jobId: string) {
    return (await t.row(jobId)).vehicle.security;
  }

  it('a preset box without action steps: the installer uses the access, and success locks and immobilises the car', async () => {
    const car = openCar();
    car.centralLock = 'locked';
    car.drivingEnabled = false;
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, presetBox, { boxQnr: car.telematicsUnitId });
      const unlocked = await handle.executeUpdate(vehicleCommandUpdate, { args: [{ actor: t.technician, command: 'unlock' }] });
      expect(unlocked).to.deep.include({
        qnr: car.telematicsUnitId,
        command: 'unlock',
        state: { ...unlocked.state, centralLock: 'unlocked' },
      });
      await handle.executeUpdate(vehicleCommandUpdate, { args: [{ actor: t.technician, command: 'enableDriving' }] });
      expect(car).to.include({ centralLock: 'unlocked', drivingEnabled: true });

      await handle.executeUpdate(completeStepUpdate, { args: [{ actor: t.technician, stepId: 'inspect', values: { remarks: 'fine' } }] });
      const done = await handle.executeUpdate(completeJobUpdate, { args: [{ actor: t.technician }] });
      expect(done.status, 'the job ends at once; securing follows').to.equal('SUCCEEDED');
      await handle.result();
      expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
      expect(await securityOf(jobId)).to.include({ state: 'secured' });
      expect((await handle.describe()).typedSearchAttributes.get(VehicleSecurityAttribute)).to.equal('secured');
    });
  });

  it('the installer gives up: FAILED, and the car is locked and immobilised', async () => {
    const car = openCar();
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, presetBox, { boxQnr: car.telematicsUnitId });
      await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'Vehicle not at the address.' }] });
      await handle.result();
      expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
      expect(await securityOf(jobId)).to.include({ state: 'secured' });
    });
  });

  it('the access window runs out: FAILED, access closed, car locked and immobilised', async () => {
    const car = openCar();
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, presetBox, { boxQnr: car.telematicsUnitId });
      await t.env.sleep(2 * HOUR + 60_000);
      expect(await handle.result()).to.deep.include({ status: 'FAILED' });
      expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
      expect((await t.grant(jobId)).revoked_at).to.not.equal(null);
      expect(await t.eventTypes(jobId)).to.include.members(['job.failed', 'vehicle.secured']);
    });
  });

  it('an operator cancels the run: FAILED, and the car is locked and immobilised', async () => {
    const car = openCar();
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, presetBox, { boxQnr: car.telematicsUnitId });
      await handle.cancel();
      await handle.result().then(
        () => expect.fail('a cancelled run does not complete'),
        () => {},
      );
      expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
      expect(await t.row(jobId)).to.deep.include({ status: 'FAILED', failure_reason: 'Cancelled by an operator.' });
      expect(await securityOf(jobId)).to.include({ state: 'secured' });
    });
  });

  it('OneAPI down for the whole ending: the job ends FAILED at once, the car is secured once OneAPI is back', async () => {
    const car = openCar();
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, presetBox, { boxQnr: car.telematicsUnitId });
      t.oneApi.simulator.state.faults.configure({ outage: 'unavailable' });
      const failed = await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'Battery flat.' }] });
      expect(failed.status).to.equal('FAILED');
      expect((await handle.query(jobSnapshotQuery)).vehicle.security).to.include({ state: 'pending' });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(car, 'nothing reached the car yet').to.include({ centralLock: 'unlocked', drivingEnabled: true });
      expect((await handle.query(jobSnapshotQuery)).vehicle.security).to.include({ state: 'pending' });

      t.oneApi.simulator.state.faults.configure({ outage: null });
      await handle.result();
      expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
      expect(await securityOf(jobId)).to.include({ state: 'secured' });
      const attempts = await t
        .db('job_events')
        .where({ job_id: jobId, type: 'vehicle.call' })
        .whereRaw("data->>'purpose' = 'securing'")
        .orderBy('id');
      expect(
        attempts.some((event) => event.data.outcome === 'failed'),
        'the failed attempts are on record',
      ).to.equal(true);
      expect(attempts.at(-1).data.outcome).to.equal('succeeded');
    });
  });

  it('OneAPI down for longer than the alert time: an overdue alert on the job, then secured once OneAPI is back', async () => {
    const car = openCar();
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, presetBox, { boxQnr: car.telematicsUnitId });
      t.oneApi.simulator.state.faults.configure({ outage: 'unavailable' });
      await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'Battery flat.' }] });
      await t.env.sleep(16 * 60_000);
      let events: string[] = [];
      for (let tries = 0; !events.includes('vehicle.securing.overdue') && tries < 40; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        events = await t.eventTypes(jobId);
      }
      expect(events).to.include('vehicle.securing.overdue');
      expect((await handle.query(jobSnapshotQuery)).vehicle.security?.detail).to.match(/has not answered for 15 minutes/);

      t.oneApi.simulator.state.faults.configure({ outage: null });
      await handle.result();
      expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
      expect(await securityOf(jobId)).to.include({ state: 'secured' });
    });
  });

  it('a type that only locks (onEnd: [lock]) says so while OneAPI is down and when overdue, and leaves the car drivable', async () => {
    const car = openCar();
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, lockOnly(), { boxQnr: car.telematicsUnitId });
      t.oneApi.simulator.state.faults.configure({ outage: 'unavailable' });
      await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'Battery flat.' }] });
      expect((await handle.query(jobSnapshotQuery)).vehicle.security).to.deep.equal({
        state: 'pending',
        detail: 'Access has ended; the vehicle is being locked.',
      });
      expect(await securityOf(jobId), 'on the job as the API shows it').to.include({
        detail: 'Access has ended; the vehicle is being locked.',
      });
      await t.env.sleep(16 * 60_000);
      let events: string[] = [];
      for (let tries = 0; !events.includes('vehicle.securing.overdue') && tries < 40; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        events = await t.eventTypes(jobId);
      }
      expect((await handle.query(jobSnapshotQuery)).vehicle.security?.detail).to.equal(
        `OneAPI has not answered for 15 minutes; still trying to lock CloudBoxx ${car.telematicsUnitId}.`,
      );

      t.oneApi.simulator.state.faults.configure({ outage: null });
      await handle.result();
      expect(car).to.include({ centralLock: 'locked', drivingEnabled: true });
      expect(await securityOf(jobId)).to.include({ state: 'secured' });
    });
  });

  it('a type that only locks, with a box no vehicle carries: not secured, as it could not be locked', async () => {
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, lockOnly(), { boxQnr: 'FEEDFACE00000000' });
      await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'No box in the car.' }] });
      await handle.result();
      expect(await securityOf(jobId)).to.deep.include({
        state: 'notSecured',
        detail: 'No vehicle in OneAPI carries CloudBoxx FEEDFACE00000000, so it could not be locked.',
      });
    });
  });

  it('a model without an immobiliser: locked, and the skipped command is recorded', async () => {
    const car = openCar({ immobiliser: false });
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, presetBox, { boxQnr: car.telematicsUnitId });
      await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'Wrong vehicle.' }] });
      await handle.result();
      expect(car.centralLock).to.equal('locked');
      const security = await securityOf(jobId);
      expect(security.state).to.equal('secured');
      expect(security.commands.map((command: { command: string; outcome: string }) => [command.command, command.outcome])).to.deep.equal([
        ['lock', 'done'],
        ['disableDriving', 'skipped'],
      ]);
    });
  });

  it('a car that reports another state than commanded is recorded as not secured, for someone to check', async () => {
    const car = openCar();
    car.stuck = ['centralLock'];
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, presetBox, { boxQnr: car.telematicsUnitId });
      await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'Lock faulty.' }] });
      await handle.result();
      const security = await securityOf(jobId);
      expect(security.state).to.equal('notSecured');
      expect(security.detail).to.contain('lock was sent, the vehicle reports');
      expect(await t.eventTypes(jobId)).to.include('vehicle.not-secured');
      expect((await handle.describe()).typedSearchAttributes.get(VehicleSecurityAttribute)).to.equal('notSecured');
    });
  });

  it('a type that hands the car to a driver (onEnd: []) leaves it as it is, and says so', async () => {
    const car = openCar();
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, jobId } = await runningJob(taskQueue, loadJobTypeFromText('job-types/handed-over.yaml', HANDED_OVER_TYPE), {
        boxQnr: car.telematicsUnitId,
      });
      await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'Customer took the car.' }] });
      await handle.result();
      expect(car).to.include({ centralLock: 'unlocked', drivingEnabled: true });
      expect(await securityOf(jobId)).to.include({ state: 'notRequired' });
    });
  });

  it('refuses commands while the job does not know its box, saying where it comes from', async () => {
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle } = await runningJob(taskQueue, 'cloudboxx-install', INSTALL_PRESETS);
      const refused = await handle.executeUpdate(vehicleCommandUpdate, { args: [{ actor: t.technician, command: 'lock' }] }).then(
        () => expect.fail('a command without a box must be refused'),
        (error: unknown) => findRefusal(error),
      );
      expect(refused).to.deep.include({
        reason: 'vehicleUnknown',
        message: `Job ${(await handle.query(jobSnapshotQuery)).jobId} does not know its CloudBoxx yet: CloudBoxx QNR is filled in step "Mount the CloudBoxx"; complete that step first.`,
      });
    });
  });

  describe('calls still on their way when the job ends', () => {
    /** The commands the car received, in order. */
    const commandsOf = (car: SimulatedVehicle) => car.history.filter((entry) => entry.command).map((entry) => entry.command);

    it("a step's lock-and-unlock check: it stops (or lands) before the securing, which has the last word", async () => {
      const car = openCar();
      const { worker, taskQueue } = await t.worker();
      await worker.runUntil(async () => {
        const { handle, jobId } = await runningJob(taskQueue, 'cloudboxx-install', INSTALL_PRESETS);
        const steps = t.jobType('cloudboxx-install').steps;
        for (const step of steps.slice(
          0,
          steps.findIndex((candidate) => candidate.id === 'verify'),
        )) {
          const values =
            step.id === 'mount' ? { ...INSTALL_STEP_VALUES.mount, boxQnr: car.telematicsUnitId } : INSTALL_STEP_VALUES[step.id];
          await handle.executeUpdate(completeStepUpdate, {
            args: [{ actor: t.technician, stepId: step.id, values, checklist: [...step.checklist] }],
          });
        }
        t.oneApi.simulator.state.faults.configure({ routeLatencyMs: { 'vehicle-command': 1_500 } });
        const verify = steps.find((step) => step.id === 'verify')!;
        const checking = handle.executeUpdate(completeStepUpdate, {
          args: [{ actor: t.technician, stepId: verify.id, values: INSTALL_STEP_VALUES[verify.id], checklist: [...verify.checklist] }],
        });
        await new Promise((resolve) => setTimeout(resolve, 500)); // the check's lock is on its way
        await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'The customer needs the car now.' }] });
        await checking.catch(() => undefined);
        await handle.result();

        const commands = commandsOf(car);
        expect(commands.slice(-2), 'the securing last').to.deep.equal(['lock-central-lock', 'disable-driving']);
        expect(commands.lastIndexOf('unlock-central-lock'), 'no unlock after the securing began').to.be.lessThan(commands.length - 2);
        expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
        expect(await securityOf(jobId)).to.include({ state: 'secured' });
        const step = (await handle.query(jobSnapshotQuery)).steps.find((candidate) => candidate.id === 'verify')!;
        expect(step).to.deep.equal({
          id: 'verify',
          title: verify.title,
          status: 'open',
          actionError: "The job ended while this step's action ran; it may have reached the vehicle.",
        });
      });
    });
  });

  describe('a box that sits in another vehicle (a QNR mistyped or preset wrong)', () => {
    it('is neither commanded, read nor secured: the other car stays as it was, and the job says its own is not secured', async () => {
      // Out on a rental: unlocked and drivable, and it must stay so.
      const otherCar = openCar({ vin: 'WVWZZZCDZMW072341' });
      const jobVin = 'WF0XXXGCDX1234567';
      const vinChecked = loadJobTypeFromText('job-types/vin-checked.yaml', VIN_CHECKED_TYPE);
      const { worker, taskQueue } = await t.worker();
      await worker.runUntil(async () => {
        const { handle, jobId } = await runningJob(taskQueue, vinChecked, { boxQnr: otherCar.telematicsUnitId, vin: jobVin });
        const refusedOf = (update: Promise<unknown>) =>
          update.then(
            () => expect.fail('a call to a box in another vehicle must be refused'),
            (failure: unknown) => findRefusal(failure)!,
          );

        const command = await refusedOf(handle.executeUpdate(vehicleCommandUpdate, { args: [{ actor: t.technician, command: 'lock' }] }));
        expect(command.reason).to.equal('vehicleMismatch');
        expect(command.message).to.equal(
          `CloudBoxx ${otherCar.telematicsUnitId} is in the vehicle with VIN WVWZZZCDZMW072341 in OneAPI, but this job is for VIN ${jobVin}. Nothing was sent to it. Check the QNR on the box label and the VIN.`,
        );
        const read = await refusedOf(handle.executeUpdate(completeStepUpdate, { args: [{ actor: t.technician, stepId: 'read' }] }));
        expect(read).to.include({ reason: 'vehicleMismatch' });
        expect(read.problems).to.deep.include({
          pointer: '/values/vin',
          message: `OneAPI has VIN WVWZZZCDZMW072341 for CloudBoxx ${otherCar.telematicsUnitId}`,
          rule: 'vehicleMismatch',
        });

        await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'Wrong box.' }] });
        await handle.result();
        expect(otherCar, 'the other car untouched').to.include({ centralLock: 'unlocked', drivingEnabled: true });
        const security = await securityOf(jobId);
        expect(security.state).to.equal('notSecured');
        expect(security.detail).to.equal(
          `CloudBoxx ${otherCar.telematicsUnitId} is in the vehicle with VIN WVWZZZCDZMW072341 in OneAPI, not in this job's vehicle (VIN ${jobVin}), so nothing was sent to it: this job's vehicle was not locked or immobilised. Check the QNR and the vehicle.`,
        );
        expect((await handle.describe()).typedSearchAttributes.get(VehicleSecurityAttribute)).to.equal('notSecured');
      });
    });

    it("the box of the job's own vehicle (its VIN in any case) is read, commanded and secured", async () => {
      const car = openCar({ vin: 'WF0XXXGCDX7654321' });
      const vinChecked = loadJobTypeFromText('job-types/vin-checked.yaml', VIN_CHECKED_TYPE);
      const { worker, taskQueue } = await t.worker();
      await worker.runUntil(async () => {
        const { handle, jobId } = await runningJob(taskQueue, vinChecked, { boxQnr: car.telematicsUnitId, vin: 'wf0xxxgcdx7654321' });
        await handle.executeUpdate(vehicleCommandUpdate, { args: [{ actor: t.technician, command: 'lock' }] });
        await handle.executeUpdate(completeStepUpdate, { args: [{ actor: t.technician, stepId: 'read' }] });
        await handle.executeUpdate(completeJobUpdate, { args: [{ actor: t.technician }] });
        await handle.result();
        expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
        expect(await securityOf(jobId)).to.include({ state: 'secured' });
      });
    });
  });

  describe('before the box is touched', () => {
    async function atConfigure(taskQueue: string, boxQnr: string): Promise<WorkflowHandle> {
      const { handle } = await runningJob(taskQueue, 'cloudboxx-install', INSTALL_PRESETS);
      const steps = t.jobType('cloudboxx-install').steps;
      for (const step of steps.slice(0, 2)) {
        const values = step.id === 'mount' ? { ...INSTALL_STEP_VALUES.mount, boxQnr } : INSTALL_STEP_VALUES[step.id];
        await handle.executeUpdate(completeStepUpdate, {
          args: [{ actor: t.technician, stepId: step.id, values, checklist: [...step.checklist] }],
        });
      }
      return handle;
    }

    it('refuses to configure a box whose vehicle in OneAPI has another VIN, naming both', async () => {
      const car = openCar({ vin: 'WVWZZZCDZMW072341' });
      const { worker, taskQueue } = await t.worker();
      await worker.runUntil(async () => {
        const handle = await atConfigure(taskQueue, car.telematicsUnitId);
        const error = await handle.executeUpdate(completeStepUpdate, { args: [{ actor: t.technician, stepId: 'configure' }] }).then(
          () => expect.fail('a configuration for another vehicle must be refused'),
          (failure: unknown) => failure,
        );
        expect(error).to.be.instanceOf(WorkflowUpdateFailedError);
        const refusal = findRefusal(error)!;
        expect(refusal.reason).to.equal('vehicleMismatch');
        expect(refusal.message)
          .to.contain('WVWZZZCDZMW072341')
          .and.contain(INSTALL_STEP_VALUES['check-in']!.vin as string);
        expect(refusal.problems).to.deep.include({
          pointer: '/values/vin',
          message: `OneAPI has VIN WVWZZZCDZMW072341 for CloudBoxx ${car.telematicsUnitId}`,
          rule: 'vehicleMismatch',
        });
        expect(car.configuration, 'nothing was pushed').to.equal(null);
        const step = (await handle.query(jobSnapshotQuery)).steps.find((candidate) => candidate.id === 'configure')!;
        expect(step).to.include({ status: 'open' });
        expect(step.actionError).to.contain('WVWZZZCDZMW072341');
      });
    });

    it('a slow box: the step shows in progress on record while its action runs, and completes with it', async () => {
      const car = openCar();
      const { worker, taskQueue } = await t.worker();
      await worker.runUntil(async () => {
        const handle = await atConfigure(taskQueue, car.telematicsUnitId);
        t.oneApi.simulator.state.faults.configure({ routeLatencyMs: { 'apply-configuration': 6_000 } });
        const request: CompleteStepRequest = { actor: t.technician, stepId: 'configure' };
        // What the API does when the action outlives its few seconds of waiting: it asks how the step goes.
        const completing = await handle.startUpdate(completeStepUpdate, { args: [request], waitForStage: WorkflowUpdateStage.ACCEPTED });
        const progress = await handle.executeUpdate(stepProgressUpdate, { args: [{ actor: t.technician, stepId: 'configure' }] });
        expect(progress.step.status).to.equal('inProgress');
        const running = await t.row(progress.jobId);
        expect(running.steps.find((step: { id: string }) => step.id === 'configure').status, 'on record').to.equal('inProgress');
        const repeat = await handle.startUpdate(completeStepUpdate, { args: [request], waitForStage: WorkflowUpdateStage.ACCEPTED });
        const asked = await handle.executeUpdate(stepProgressUpdate, { args: [{ actor: t.providerAdmin, stepId: 'configure' }] }).then(
          () => expect.fail("the provider reads the job's record, not the installer's step"),
          (failure: unknown) => findRefusal(failure),
        );
        expect(asked).to.include({ reason: 'notYourJob' });

        expect((await completing.result()).step.status).to.equal('done');
        expect((await repeat.result()).step.status, 'a repeat waits for the same action').to.equal('done');
        expect(car.configuration?.version, 'applied once: the repeat started nothing new').to.equal(1);
        const row = await t.row(progress.jobId);
        expect(row.steps.find((step: { id: string }) => step.id === 'configure').status).to.equal('done');
      });
    });
  });

  it('a reconfiguration reads the odometer from the vehicle, locks it, and merges only its keys into the configuration', async () => {
    const vin = 'WVWZZZCDZMW072341';
    const car = seedVehicle(t.oneApi.simulator, { vin, odometerKm: 54_321 });
    car.configuration = {
      version: 1,
      value: { telematicsUnit: { qnr: car.telematicsUnitId, serialNumber: 'CBX12345' }, centralLock: { lockOnRentalEnd: true } },
      appliedAt: new Date().toISOString(),
    };
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle } = await runningJob(taskQueue, 'cloudboxx-reconfigure', { ...INSTALL_PRESETS, boxQnr: car.telematicsUnitId, vin });
      const checklist = [...t.jobType('cloudboxx-reconfigure').steps[0]!.checklist];
      await handle.executeUpdate(completeStepUpdate, {
        args: [{ actor: t.technician, stepId: 'check', values: { keyHolderType: 'ble', fuelType: 'petrol' }, checklist }],
      });
      const checked = await handle.query(jobSnapshotQuery);
      expect(checked.values.odometerKm).to.equal(54_321);
      expect(checked.lockedFields).to.include('odometerKm');
      const typed = await handle.executeUpdate(saveValuesUpdate, { args: [{ actor: t.technician, values: { odometerKm: 1 } }] }).then(
        () => expect.fail('a value the vehicle reported cannot be typed over'),
        (error: unknown) => findRefusal(error),
      );
      expect(typed?.reason).to.equal('lockedField');

      await handle.executeUpdate(completeStepUpdate, { args: [{ actor: t.technician, stepId: 'configure' }] });
      expect(car.configuration!.value).to.deep.equal({
        telematicsUnit: { qnr: car.telematicsUnitId, serialNumber: 'CBX12345' },
        centralLock: { lockOnRentalEnd: true },
        vehicle: { vin, fuelType: 'petrol', odometerKm: 54_321 },
        keyHolder: { type: 'ble' },
        immobiliser: { disableDrivingOnLock: true },
      });
    });
  });

  it('refuses a read whose required filled value breaks its rules, naming the field once', async () => {
    const readType = loadJobTypeFromText(
      'job-types/battery-read.yaml',
      PRESET_BOX_TYPE.replace('id: preset-box-check', 'id: battery-read')
        .replace(
          '  - { key: remarks,',
          '  - { key: battery, label: Battery (%), section: setup, type: integer, required: true, preset: forbidden, validation: { maximum: 50 } }\n  - { key: remarks,',
        )
        .replace(
          '  - { id: inspect, title: Inspect, collect: [remarks] }',
          '  - { id: read, title: Read, action: cloudboxx.readVehicleState, fills: { battery: batteryLevelPercent } }\n  - { id: inspect, title: Inspect, collect: [remarks] }',
        ),
    );
    const car = seedVehicle(t.oneApi.simulator, { vehicleModelId: '01GRZV8171CTR2J2NDSA310FVP', batteryLevelPercent: 80 }); // a VW ID.3
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle } = await runningJob(taskQueue, readType, { boxQnr: car.telematicsUnitId });
      const refused = await handle.executeUpdate(completeStepUpdate, { args: [{ actor: t.technician, stepId: 'read' }] }).then(
        () => expect.fail("a reading out of the field's rules is refused"),
        (error: unknown) => findRefusal(error),
      );
      expect(refused).to.deep.include({
        reason: 'actionFailed',
        message: 'Battery (%) must be at most 50. Check the vehicle, then complete the step again.',
      });
    });
  });

  describe('a read-model write Postgres refuses', () => {
    before(async () => {
      // A constraint that refuses one particular value: the write of the change that carries it can never pass.
      await t.db.raw(`ALTER TABLE job_events ADD CONSTRAINT refuses_jam CHECK (data::text NOT LIKE '%JAM-ME%')`);
    });
    after(async () => t.db.raw('ALTER TABLE job_events DROP CONSTRAINT refuses_jam'));

    it('answers within seconds, holds nothing: the job still fails, and its access window still ends on time', async () => {
      const car = openCar();
      const { worker, taskQueue } = await t.worker();
      await worker.runUntil(async () => {
        const { handle, jobId } = await runningJob(taskQueue, presetBox, { boxQnr: car.telematicsUnitId });
        const asked = Date.now();
        const refused = await handle
          .executeUpdate(saveValuesUpdate, { args: [{ actor: t.technician, values: { remarks: 'JAM-ME' } }] })
          .then(
            () => expect.fail('a change the read model cannot store is reported'),
            (error: unknown) => findRefusal(error),
          );
        expect(Date.now() - asked).to.be.below(10_000);
        expect(refused?.reason).to.equal('notStored');
        expect(refused?.message, 'what Postgres said, not the statement').to.match(/violates check constraint "refuses_jam"$/);
        expect(refused?.message).not.to.match(/insert into/i);

        // Later changes are recorded again, and the window still ends the job on time.
        await handle.executeUpdate(saveValuesUpdate, { args: [{ actor: t.technician, values: { remarks: 'fine' } }] });
        await t.env.sleep(2 * HOUR + 60_000);
        expect(await handle.result()).to.deep.include({ status: 'FAILED' });
        const grant = await t.grant(jobId);
        expect(grant.revoked_at.getTime() - grant.expires_at.getTime()).to.be.within(0, 60_000);
        expect(await t.row(jobId)).to.include({ status: 'FAILED' });
        expect(car).to.include({ centralLock: 'locked', drivingEnabled: false });
      });
    });
  });
});
