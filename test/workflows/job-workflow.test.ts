import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { expect } from 'chai';
import { findRefusal, type RefusalReason } from '../../common/job-refusal';
import {
  assignJobUpdate,
  completeJobUpdate,
  completeStepUpdate,
  deleteJobUpdate,
  editJobUpdate,
  failJobUpdate,
  jobSnapshotQuery,
  startJobUpdate,
  vehicleCommandUpdate,
  type CompleteStepRequest,
} from '../../common/job-messages';
import type { JobSnapshot } from '../../common/job';
import { JobStatusAttribute, LastCompletedStepAttribute } from '../../common/search-attributes';
import { seedVehicle } from '../support/oneapi';
import { INSTALL_PRESETS, INSTALL_QNR, INSTALL_STEP_VALUES, INSTALL_STEPS_TRAIL } from '../support/install-job';
import { JobWorkflowEnv } from '../support/workflow-env';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const QNR = INSTALL_QNR;
const LOCATION = INSTALL_PRESETS;

async function refusalOf(promise: Promise<unknown>): Promise<{ reason: RefusalReason; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(WorkflowUpdateFailedError);
    const refusal = findRefusal(error);
    if (!refusal) throw error;
    return refusal;
  }
  throw new Error('expected the update to be refused');
}

/**
 * Completes a step; one whose action outlives the update's few seconds answers inProgress, and its
 * outcome arrives on the job: wait for it, as an installer app would.
 */
async function completeStep(handle: WorkflowHandle, request: CompleteStepRequest): Promise<JobSnapshot> {
  let { step } = await handle.executeUpdate(completeStepUpdate, { args: [request] });
  for (;;) {
    if (step.status === 'done') return handle.query(jobSnapshotQuery);
    if (step.status === 'open') throw new Error(`step ${step.id} failed: ${step.actionError}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    step = (await handle.query(jobSnapshotQuery)).steps.find((candidate) => candidate.id === request.stepId)!;
  }
}

describe('the job workflow', function () {
  this.timeout(120_000);
  let t: JobWorkflowEnv;

  before(async () => {
    t = await JobWorkflowEnv.create('job workflow');
    // The box the installer mounts in these jobs, known to the simulated OneAPI.
    seedVehicle(t.oneApi.simulator, { telematicsUnitId: QNR });
  });
  // A test's unfinished jobs would hold the shared server's clock: their timers need a worker.
  afterEach(async () => t.terminateUnfinishedJobs());
  after(async () => t?.teardown());

  async function runSteps(handle: WorkflowHandle, until?: string) {
    const jobType = t.jobType('cloudboxx-install');
    for (const step of jobType.steps) {
      if (step.id === until) return;
      await completeStep(handle, {
        actor: t.technician,
        stepId: step.id,
        values: INSTALL_STEP_VALUES[step.id],
        checklist: [...step.checklist],
      });
    }
  }

  it('runs the whole happy path: PENDING → ASSIGNED → RUNNING → steps → SUCCEEDED, access granted then revoked', async () => {
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, created } = await t.createJob(taskQueue, 'cloudboxx-install', { ...LOCATION, keyHolderType: 'rfid' });
      expect(created.status).to.equal('PENDING');
      expect(created.lockedFields).to.have.members(['vehicleLocation', 'keyHolderType']);
      expect((await t.row(created.jobId)).status).to.equal('PENDING');

      const assigned = await handle.executeUpdate(assignJobUpdate, {
        args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }],
      });
      expect(assigned.status).to.equal('ASSIGNED');
      expect((await t.row(created.jobId)).installer_company_id).to.equal(t.tenant.installerCompanyId);

      const started = await handle.executeUpdate(startJobUpdate, { args: [{ actor: t.technician }] });
      expect(started.status).to.equal('RUNNING');
      const grant = await t.grant(created.jobId);
      expect(grant.permissions).to.have.members(['lock', 'unlock', 'readState', 'configure']);
      expect(grant.revoked_at).to.equal(null);
      expect(grant.expires_at.getTime() - grant.granted_at.getTime()).to.equal(8 * 3600_000);

      // The technician re-sends the preset key-holder type unchanged: harmless.
      await runSteps(handle);
      const snapshot = await handle.query(jobSnapshotQuery);
      expect(snapshot.steps.map((s) => s.status)).to.deep.equal(['done', 'done', 'done', 'done', 'done']);
      expect(snapshot.lastCompletedStep).to.equal('handover');
      expect(snapshot.values.keyHolderType).to.equal('rfid');

      // The configure step pushed the template filled from the job's values to that box.
      const box = t.oneApi.simulator.state.fleet.findByTelematicsUnit(QNR)!;
      expect(box.configuration?.value).to.deep.include({
        telematicsUnit: { qnr: QNR, serialNumber: 'CBX12345' },
        keyHolder: { type: 'rfid' },
      });
      expect(box.centralLock, 'verify leaves the vehicle unlocked').to.equal('unlocked');
      expect(box.drivingEnabled).to.equal(false);
      await handle.executeUpdate(vehicleCommandUpdate, { args: [{ actor: t.technician, command: 'unlock' }] });

      const done = await handle.executeUpdate(completeJobUpdate, { args: [{ actor: t.technician }] });
      expect(done.status).to.equal('SUCCEEDED');
      expect(await handle.result()).to.deep.equal({ jobId: created.jobId, status: 'SUCCEEDED' });

      const row = await t.row(created.jobId);
      expect(row).to.include({ status: 'SUCCEEDED', last_completed_step: 'handover' });
      expect(row.values.vin).to.equal('WVWZZZ1JZXW000001');
      expect((await t.grant(created.jobId)).revoke_reason).to.equal('job succeeded');
      expect((await t.eventTypes(created.jobId)).filter((type) => type !== 'vehicle.call')).to.deep.equal([
        'job.created',
        'job.assigned',
        'job.started',
        ...INSTALL_STEPS_TRAIL,
        'vehicle.command',
        'job.succeeded',
        'vehicle.secured',
      ]);
      // Access ended with the job: the car is locked and immobilised again, and the job says so.
      expect(box.centralLock).to.equal('locked');
      expect(box.drivingEnabled).to.equal(false);
      expect((await t.row(created.jobId)).vehicle).to.deep.include({
        qnr: QNR,
        security: {
          state: 'secured',
          securedAt: (await t.row(created.jobId)).vehicle.security.securedAt,
          commands: [
            { command: 'lock', outcome: 'done', reported: { centralLock: 'locked', drivingEnabled: false } },
            { command: 'disableDriving', outcome: 'done', reported: { centralLock: 'locked', drivingEnabled: false } },
          ],
        },
      });
      const configured = await t
        .db('job_events')
        .where({ job_id: created.jobId, type: 'step.completed' })
        .whereRaw("data->>'stepId' = 'configure'")
        .first();
      expect(configured.data.result.pushed).to.deep.equal(box.configuration!.value);
      expect(configured.data.result.pushedSha256).to.match(/^[0-9a-f]{64}$/);
      const description = await handle.describe();
      expect(description.typedSearchAttributes.get(JobStatusAttribute)).to.equal('SUCCEEDED');
      expect(description.typedSearchAttributes.get(LastCompletedStepAttribute)).to.equal('handover');
    });
  });

  it('refuses every change its status, the caller or the rules do not allow — and changes nothing', async () => {
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, created } = await t.createJob(taskQueue, 'cloudboxx-install', { ...LOCATION, vin: 'WVWZZZ1JZXW000009' });

      expect(
        (await refusalOf(handle.executeUpdate(editJobUpdate, { args: [{ actor: t.providerAdmin, values: { vin: 'too short' } }] }))).reason,
      ).to.equal('invalidValues');
      expect(
        (await refusalOf(handle.executeUpdate(editJobUpdate, { args: [{ actor: t.technician, values: { licensePlate: 'B-X 1' } }] })))
          .reason,
      ).to.equal('notYourJob');
      expect((await refusalOf(handle.executeUpdate(startJobUpdate, { args: [{ actor: t.technician }] }))).reason).to.equal('notYourJob');
      // A company that has not accepted the fleet's invitation is refused by the API before it asks
      // the workflow (test/integration: jobs-api, invitations, cross-tenant); an acceptance is final.
      const uninvited = await t.otherCompany();
      expect(
        (await refusalOf(handle.executeUpdate(completeStepUpdate, { args: [{ actor: uninvited, stepId: 'check-in' }] }))).reason,
      ).to.equal('notYourJob');
      expect((await t.row(created.jobId)).status).to.equal('PENDING');

      await handle.executeUpdate(assignJobUpdate, { args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }] });
      const frozen = await refusalOf(
        handle.executeUpdate(editJobUpdate, { args: [{ actor: t.providerAdmin, values: { licensePlate: 'B-X 1' } }] }),
      );
      expect(frozen).to.deep.include({
        reason: 'wrongStatus',
        message: `Job ${created.jobId} is ASSIGNED; it can be edited only while PENDING.`,
      });
      expect((await refusalOf(handle.executeUpdate(deleteJobUpdate, { args: [{ actor: t.providerAdmin }] }))).reason).to.equal(
        'wrongStatus',
      );
      expect((await refusalOf(handle.executeUpdate(startJobUpdate, { args: [{ actor: uninvited }] }))).reason).to.equal('notYourJob');

      await handle.executeUpdate(startJobUpdate, { args: [{ actor: t.technician }] });
      const outOfOrder = await refusalOf(
        handle.executeUpdate(completeStepUpdate, { args: [{ actor: t.technician, stepId: 'mount', values: INSTALL_STEP_VALUES.mount }] }),
      );
      expect(outOfOrder).to.deep.include({
        reason: 'stepOutOfOrder',
        message: 'Step "Mount the CloudBoxx" cannot be completed before step "Vehicle check-in".',
      });
      const locked = await refusalOf(
        handle.executeUpdate(completeStepUpdate, {
          args: [
            {
              actor: t.technician,
              stepId: 'check-in',
              values: { ...INSTALL_STEP_VALUES['check-in'], vin: 'WVWZZZ1JZXW000002' },
              checklist: [...t.jobType('cloudboxx-install').steps[0]!.checklist],
            },
          ],
        }),
      );
      expect(locked.reason).to.equal('lockedField');
      expect(locked.message).to.match(/^VIN was set when the job was created and cannot be changed/);
      const unticked = await refusalOf(
        handle.executeUpdate(completeStepUpdate, {
          args: [{ actor: t.technician, stepId: 'check-in', values: { ...INSTALL_STEP_VALUES['check-in'], vin: 'WVWZZZ1JZXW000009' } }],
        }),
      );
      expect(unticked.reason).to.equal('checklistIncomplete');
      const early = await refusalOf(handle.executeUpdate(completeJobUpdate, { args: [{ actor: t.technician }] }));
      expect(early.reason).to.equal('incomplete');
      expect(early.message).to.match(/open steps: check-in, mount, configure, verify, handover; required fields without a value: .*boxQnr/);
      expect((await refusalOf(handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: '   ' }] }))).reason).to.equal(
        'reasonRequired',
      );

      const snapshot = await handle.query(jobSnapshotQuery);
      expect(snapshot.status).to.equal('RUNNING');
      expect(snapshot.steps.every((s) => s.status === 'open')).to.equal(true);
      expect(await t.eventTypes(created.jobId)).to.deep.equal(['job.created', 'job.assigned', 'job.started']);
    });
  });

  it("ends FAILED with the installer's explanation, and revokes access", async () => {
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, created } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
      await handle.executeUpdate(assignJobUpdate, { args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }] });
      await handle.executeUpdate(startJobUpdate, { args: [{ actor: t.technician }] });
      const failed = await handle.executeUpdate(failJobUpdate, {
        args: [{ actor: t.technician, reason: 'CAN bus connector missing on this model year.' }],
      });
      expect(failed.status).to.equal('FAILED');
      expect(await handle.query(jobSnapshotQuery)).to.deep.include({ failureReason: 'CAN bus connector missing on this model year.' });
      expect(await handle.result()).to.deep.include({ status: 'FAILED' });
      expect(await t.grant(created.jobId)).to.include({ revoke_reason: 'job failed' });
      expect((await t.row(created.jobId)).failure_reason).to.equal('CAN bus connector missing on this model year.');
    });
  });

  it('deletes a PENDING job: the row goes, the trail stays, the workflow ends', async () => {
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, created } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
      await handle.executeUpdate(deleteJobUpdate, { args: [{ actor: t.providerAdmin }] });
      expect(await handle.result()).to.deep.equal({ jobId: created.jobId, status: 'DELETED' });
      expect(await t.row(created.jobId)).to.equal(undefined);
      expect(await t.eventTypes(created.jobId)).to.deep.equal(['job.created', 'job.deleted']);
    });
  });

  it('lets exactly one of two concurrent assignments win', async () => {
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
      const attempts = await Promise.allSettled(
        [0, 1].map(() =>
          handle.executeUpdate(assignJobUpdate, { args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }] }),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).to.have.length(1);
      const [rejected] = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(findRefusal(rejected!.reason)?.reason).to.equal('wrongStatus');
    });
  });

  describe('step actions against the vehicle', () => {
    async function runningJobAtConfigure(boxQnr: string) {
      const { handle, created } = await t.createJob(t.currentTaskQueue!, 'cloudboxx-install', LOCATION);
      await handle.executeUpdate(assignJobUpdate, { args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }] });
      await handle.executeUpdate(startJobUpdate, { args: [{ actor: t.technician }] });
      const jobType = t.jobType('cloudboxx-install');
      for (const step of jobType.steps.slice(0, 2)) {
        const values = step.id === 'mount' ? { ...INSTALL_STEP_VALUES.mount, boxQnr } : INSTALL_STEP_VALUES[step.id];
        await handle.executeUpdate(completeStepUpdate, {
          args: [{ actor: t.technician, stepId: step.id, values, checklist: [...step.checklist] }],
        });
      }
      return { handle, created };
    }

    it('refuses the configure step for a box no vehicle carries, and lets the installer try again', async () => {
      const { worker, taskQueue } = await t.worker();
      t.currentTaskQueue = taskQueue;
      await worker.runUntil(async () => {
        const { handle } = await runningJobAtConfigure('FEDCBA9876543210');
        const refused = await refusalOf(handle.executeUpdate(completeStepUpdate, { args: [{ actor: t.technician, stepId: 'configure' }] }));
        expect(refused.reason).to.equal('actionFailed');
        expect(refused.message).to.match(/CloudBoxx FEDCBA9876543210/);
        const snapshot = await handle.query(jobSnapshotQuery);
        expect(snapshot.lastCompletedStep).to.equal('mount');
        expect(snapshot.status).to.equal('RUNNING');
      });
    });

    it('records a vehicle command that failed in the audit trail: it may still have reached the car', async () => {
      const { worker, taskQueue } = await t.worker();
      t.currentTaskQueue = taskQueue;
      await worker.runUntil(async () => {
        const { handle, created } = await runningJobAtConfigure(QNR);
        // Permission revoked at the vendor: the answer is lost after the car may have acted.
        t.oneApi.simulator.state.faults.failNext({ count: 1, routes: ['vehicle-command'], status: 403, phase: 'after-handler' });
        try {
          const refused = await refusalOf(
            handle.executeUpdate(vehicleCommandUpdate, { args: [{ actor: t.technician, command: 'unlock' }] }),
          );
          expect(refused.reason).to.equal('actionFailed');
        } finally {
          t.oneApi.simulator.state.faults.reset();
        }
        const unlocked = await handle.executeUpdate(vehicleCommandUpdate, { args: [{ actor: t.technician, command: 'unlock' }] });
        expect(unlocked).to.deep.include({ qnr: QNR, command: 'unlock' });
        expect((await t.eventTypes(created.jobId)).filter((type) => type !== 'vehicle.call').slice(-2)).to.deep.equal([
          'vehicle.command.failed',
          'vehicle.command',
        ]);
        const calls = await t
          .db('job_events')
          .where({ job_id: created.jobId, type: 'vehicle.call' })
          .whereRaw("data->>'call' = 'unlock-central-lock'")
          .orderBy('id');
        expect(
          calls.map((call) => call.data.outcome),
          'every attempt is on record',
        ).to.deep.equal(['failed', 'succeeded']);
        const failed = await t.db('job_events').where({ job_id: created.jobId, type: 'vehicle.command.failed' }).first();
        expect(failed.data).to.deep.include({ command: 'unlock', qnr: QNR });
        expect(failed.data.reason).to.be.a('string').and.not.equal('');
      });
    });

    it('lands every vehicle call through a gateway that fails half of them, and applies the configuration once', async () => {
      const { worker, taskQueue } = await t.worker();
      t.currentTaskQueue = taskQueue;
      await worker.runUntil(async () => {
        const { handle, created } = await runningJobAtConfigure(QNR);
        const before = t.oneApi.simulator.state.fleet.findByTelematicsUnit(QNR)!.configuration?.version ?? 0;
        t.oneApi.simulator.state.faults.configure({ failureRate: 0.5, seed: 42 });
        try {
          for (const step of t.jobType('cloudboxx-install').steps.slice(2)) {
            await completeStep(handle, {
              actor: t.technician,
              stepId: step.id,
              values: INSTALL_STEP_VALUES[step.id],
              checklist: [...step.checklist],
            });
          }
          await handle.executeUpdate(completeJobUpdate, { args: [{ actor: t.technician }] });
        } finally {
          t.oneApi.simulator.state.faults.reset();
        }
        const injected = t.oneApi.simulator.state.requests.filter((r) => r.injected).length;
        expect(injected, 'the simulator did fail calls').to.be.greaterThan(0);
        expect(t.oneApi.simulator.state.fleet.findByTelematicsUnit(QNR)!.configuration!.version).to.equal(before + 1);
        expect(await t.grant(created.jobId)).to.include({ revoke_reason: 'job succeeded' });
        expect(await handle.result()).to.deep.include({ status: 'SUCCEEDED' });
      });
    });
  });

  describe('timers (on the time-skipping server)', () => {
    it('fails a running job when its access window runs out, and revokes the access', async () => {
      const { worker, taskQueue } = await t.worker();
      await worker.runUntil(async () => {
        const { handle, created } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
        await handle.executeUpdate(assignJobUpdate, {
          args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }],
        });
        await handle.executeUpdate(startJobUpdate, { args: [{ actor: t.technician }] });
        await runSteps(handle, 'configure');
        await t.env.sleep(8 * HOUR + MINUTE);
        const outcome = await handle.result();
        expect(outcome).to.deep.equal({
          jobId: created.jobId,
          status: 'FAILED',
          failureReason: 'The vehicle access window of 8 hours ran out before the job was completed.',
        });
        const grant = await t.grant(created.jobId);
        expect(grant.revoke_reason).to.equal('the vehicle access window of 8 hours ran out before the job was completed');
        expect(grant.revoked_at.getTime()).to.be.at.least(grant.expires_at.getTime());
        expect(await t.row(created.jobId)).to.include({ status: 'FAILED', last_completed_step: 'mount' });
        // An operator reads in the Temporal UI what each timer is for.
        const summaries = (await handle.fetchHistory())
          .events!.filter((event) => event.timerStartedEventAttributes)
          .map((event) => defaultPayloadConverter.fromPayload<string>(event.userMetadata!.summary!));
        expect(summaries.some((summary) => summary.startsWith('vehicle access window'))).to.equal(true);
        expect(summaries.some((summary) => summary.startsWith('start deadline'))).to.equal(true);
      });
    });

    it('fails a job nobody started within the startWithin deadline', async () => {
      const { worker, taskQueue } = await t.worker();
      await worker.runUntil(async () => {
        const { handle } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
        await handle.executeUpdate(assignJobUpdate, {
          args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }],
        });
        await t.env.sleep(14 * 24 * HOUR + MINUTE);
        expect(await handle.result()).to.deep.include({
          status: 'FAILED',
          failureReason: "Not started within 14 days of its creation (the job type's startWithin deadline).",
        });
      });
    });

    it('still ends the job and revokes access when an operator cancels the run', async () => {
      const { worker, taskQueue } = await t.worker();
      await worker.runUntil(async () => {
        const { handle, created } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
        await handle.executeUpdate(assignJobUpdate, {
          args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }],
        });
        await handle.executeUpdate(startJobUpdate, { args: [{ actor: t.technician }] });
        await handle.cancel();
        await handle.result().then(
          () => expect.fail('a cancelled run does not complete'),
          () => {},
        );
        expect(await t.grant(created.jobId)).to.include({ revoke_reason: 'cancelled by an operator' });
        expect(await t.row(created.jobId)).to.include({ status: 'FAILED', failure_reason: 'Cancelled by an operator.' });
      });
    });
  });
});
