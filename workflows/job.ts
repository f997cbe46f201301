import {
  allHandlersFinished,
  ActivityFailure,
  CancellationScope,
  condition,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { Mutex } from 'async-mutex';
import type { JobActivities } from '../activities';
import type { Actor, JobEvent } from '../common/job';
import {
  assignJobUpdate,
  completeJobUpdate,
  completeStepUpdate,
  deleteJobUpdate,
  editJobUpdate,
  failJobUpdate,
  jobCreatedUpdate,
  jobSnapshotQuery,
  saveValuesUpdate,
  startJobUpdate,
  vehicleCommandUpdate,
  type InstallerVehicleCommand,
  type JobOutcome,
} from '../common/job-messages';
import { findRefusal, refusal } from '../common/job-refusal';
import type { JobWorkflowInput } from '../common/job-workflow';
import { InstallerCompanyIdAttribute, JobStatusAttribute, LastCompletedStepAttribute } from '../common/search-attributes';
import type { CompiledStep } from '../definitions/compiled-job-type';
import type { VehicleCommand } from '../gateway/vehicle-gateway';
import { renderCloudBoxxConfiguration } from '../definitions/rules';
import { JobMachine } from './job-machine';

/** Writes to our own Postgres: keep trying, but not hot, until the database is back. */
const STORE: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};
const store = proxyActivities<JobActivities>(STORE);

/** Checks that answer a caller who is waiting: a refusal is final, an outage should not hang the portal. */
const CHECK: ActivityOptions = { startToCloseTimeout: '10 seconds', retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['JobRefused.companyNotInvited'] } };
const check = proxyActivities<JobActivities>(CHECK);

/**
 * Calls to the vehicle while the installer waits in the workshop: a few quick retries ride out a
 * dropped mobile connection; after two minutes the step is refused and the installer can retry.
 */
const VEHICLE: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '2 minutes',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds' },
};
const vehicle = proxyActivities<JobActivities>(VEHICLE);

/**
 * One installation job, from creation to SUCCEEDED or FAILED (or deletion while PENDING).
 *
 * The workflow is the authority on the job: every change arrives as an Update, is checked by a
 * validator (a refusal writes nothing to history), applied one at a time under a lock, and
 * written to the read model before the caller gets its answer. Deadlines and the vehicle-access
 * window are timers here, so they hold whatever crashes in between; access is revoked however the
 * job ends.
 */
export async function jobWorkflow(input: JobWorkflowInput): Promise<JobOutcome> {
  const job = new JobMachine(input, workflowInfo().workflowId, workflowInfo().runStartTime.getTime());
  const lock = new Mutex();
  let revision = 0;
  let created = false;

  async function record(type: string, actor: Actor, data: Record<string, unknown> = {}): Promise<void> {
    revision += 1;
    const event: JobEvent = { key: `${revision}:${type}`, type, actor, data, occurredAt: nowIso() };
    upsertSearchAttributes([
      { key: JobStatusAttribute, value: job.status },
      { key: InstallerCompanyIdAttribute, value: job.installerCompanyId ?? null },
      { key: LastCompletedStepAttribute, value: job.lastCompletedStep ?? null },
    ]);
    setCurrentDetails(describe(job));
    await store.recordJobState.executeWithOptions({ ...STORE, summary: `record ${type} (${job.status})` }, [job.snapshot(revision), event]);
  }

  /**
   * An update that changes the job: `check` refuses it in the validator (nothing reaches history)
   * and again under the lock, because another update may have run since; then `change` applies it.
   * What `check` returns (the step, for a step) is handed to `change`.
   */
  function onChange<Req, Ret, Checked>(update: UpdateDefinition<Ret, [Req]>, check: (request: Req) => Checked, change: (request: Req, checked: Checked) => Promise<Ret>): void {
    setHandler(update, (request) => lock.runExclusive(() => change(request, check(request))), { validator: (request) => void check(request) });
  }

  setHandler(jobSnapshotQuery, () => job.snapshot(revision));
  setHandler(jobCreatedUpdate, async () => {
    await condition(() => created);
    return job.snapshot(revision);
  });

  onChange(editJobUpdate, (request) => job.checkEdit(request), async (request) => {
    job.edit(request);
    await record('job.edited', request.actor, { values: request.values, customerName: request.customerName, requestedStartAt: request.requestedStartAt });
    return job.snapshot(revision);
  });

  onChange(assignJobUpdate, (request) => job.checkAssign(request), async (request) => {
    await refusalsFirst(() => check.assertCompanyInvited.executeWithOptions({ ...CHECK, summary: 'check the company accepted the fleet invitation' }, [{ fleetId: input.fleetId, installerCompanyId: request.installerCompanyId }]));
    job.assign(request, nowIso());
    await record('job.assigned', request.actor, { installerCompanyId: request.installerCompanyId });
    return job.snapshot(revision);
  });

  onChange(deleteJobUpdate, (request) => job.checkDelete(request.actor), async (request) => {
    job.delete();
    revision += 1;
    const event: JobEvent = { key: `${revision}:job.deleted`, type: 'job.deleted', actor: request.actor, data: {}, occurredAt: nowIso() };
    await store.removeJobRecord.executeWithOptions({ ...STORE, summary: 'remove the deleted job from the read model' }, [input.jobId, event]);
  });

  onChange(startJobUpdate, (request) => job.checkStart(request.actor), async (request) => {
    const now = Date.now();
    const grant = {
      grantId: `${input.jobId}/access`,
      permissions: [...input.jobType.access.permissions],
      grantedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + input.jobType.access.maxDurationMs).toISOString(),
    };
    await store.grantVehicleAccess.executeWithOptions({ ...STORE, summary: `grant vehicle access until ${grant.expiresAt}` }, [
      { grantId: grant.grantId, jobId: input.jobId, installerCompanyId: job.installerCompanyId!, permissions: grant.permissions, grantedAt: grant.grantedAt, expiresAt: grant.expiresAt },
    ]);
    job.start(grant.grantedAt, grant);
    await record('job.started', request.actor, { accessGrant: grant });
    return job.snapshot(revision);
  });

  onChange(completeStepUpdate, (request) => job.checkCompleteStep(request), async (request, step) => {
    const actionResult = step.action ? await runStepAction(step, { ...job.values, ...request.values }) : undefined;
    job.completeStep(request, nowIso());
    await record('step.completed', request.actor, {
      stepId: request.stepId,
      values: request.values ?? {},
      checklist: request.checklist ?? [],
      ...(step.action ? { action: step.action, result: actionResult } : {}),
    });
    return job.snapshot(revision);
  });

  onChange(saveValuesUpdate, (request) => job.checkSaveValues(request), async (request) => {
    job.saveValues(request);
    await record('values.saved', request.actor, { values: request.values });
    return job.snapshot(revision);
  });

  onChange(completeJobUpdate, (request) => job.checkComplete(request.actor), async (request) => {
    job.complete(nowIso());
    await endAccess('job succeeded');
    await record('job.succeeded', request.actor);
    return job.snapshot(revision);
  });

  onChange(failJobUpdate, (request) => job.checkFail(request.actor, request.reason), async (request) => {
    job.fail(request.reason, nowIso());
    await endAccess('job failed');
    await record('job.failed', request.actor, { reason: job.failureReason });
    return job.snapshot(revision);
  });

  /** The step's automated action against the box its qnrField names; a failure refuses the step. */
  async function runStepAction(step: CompiledStep, values: Record<string, unknown>): Promise<unknown> {
    const qnr = step.qnrField ? values[step.qnrField] : undefined;
    if (typeof qnr !== 'string' || qnr === '') {
      throw refusal('actionFailed', `Step "${step.title}" talks to the CloudBoxx whose QNR is in ${step.qnrField}, but that field is blank.`);
    }
    const summary = `${step.action} on CloudBoxx ${qnr} (step ${step.id})`;
    switch (step.action) {
      case 'cloudboxx.applyConfiguration': {
        let configuration;
        try {
          configuration = renderCloudBoxxConfiguration(input.jobType, values);
        } catch (error) {
          throw refusal('actionFailed', `The CloudBoxx configuration cannot be rendered yet: ${(error as Error).message}.`);
        }
        return actionRefusals(() => vehicle.applyCloudBoxxConfiguration.executeWithOptions({ ...VEHICLE, summary }, [{ jobId: input.jobId, stepId: step.id, qnr, configuration }]));
      }
      case 'cloudboxx.verifyLockUnlock': {
        const locked = await actionRefusals(() => vehicle.sendVehicleCommand.executeWithOptions({ ...VEHICLE, summary: `lock CloudBoxx ${qnr} (step ${step.id})` }, [{ qnr, command: 'lock-central-lock' }]));
        if (locked.centralLock !== 'locked') throw refusal('actionFailed', `CloudBoxx ${qnr} was told to lock, but reports the central lock ${locked.centralLock ?? 'in no state'}. Check the wiring of the central lock.`);
        const unlocked = await actionRefusals(() => vehicle.sendVehicleCommand.executeWithOptions({ ...VEHICLE, summary: `unlock CloudBoxx ${qnr} (step ${step.id})` }, [{ qnr, command: 'unlock-central-lock' }]));
        if (unlocked.centralLock !== 'unlocked') throw refusal('actionFailed', `CloudBoxx ${qnr} was told to unlock, but reports the central lock ${unlocked.centralLock ?? 'in no state'}. Check the wiring of the central lock.`);
        return { locked, unlocked };
      }
      case 'cloudboxx.readVehicleState':
        return actionRefusals(() => vehicle.sendVehicleCommand.executeWithOptions({ ...VEHICLE, summary }, [{ qnr, command: 'request-vehicle-state' }]));
      default:
        return undefined;
    }
  }

  // Vehicle commands change nothing in the job, so they need not wait for the lock; the grant is
  // checked again right before the command leaves, in case the job ended meanwhile.
  setHandler(
    vehicleCommandUpdate,
    async (request) => {
      const qnr = job.checkVehicleCommand(request, Date.now());
      const state = await actionRefusals(() =>
        vehicle.sendVehicleCommand.executeWithOptions({ ...VEHICLE, summary: `${request.command} CloudBoxx ${qnr} for the installer` }, [{ qnr, command: GATEWAY_COMMANDS[request.command] }]),
      ).catch(async (error: unknown) => {
        // A command that failed may still have reached the car (its answer lost on the way back):
        // the audit trail shows that it was sent.
        if (patched('record-failed-vehicle-commands')) {
          const reason = error instanceof Error ? error.message : String(error);
          await lock.runExclusive(() => record('vehicle.command.failed', request.actor, { command: request.command, qnr, reason }));
        }
        throw error;
      });
      await lock.runExclusive(() => record('vehicle.command', request.actor, { command: request.command, qnr, state }));
      return { qnr, command: request.command, state };
    },
    { validator: (request) => void job.checkVehicleCommand(request, Date.now()) },
  );

  /** Closes the grant, retrying until it lands; safe to call twice. */
  async function endAccess(reason: string): Promise<void> {
    const grant = job.accessGrant;
    if (!grant || grant.revokedAt) return;
    const revokedAt = nowIso();
    await store.revokeVehicleAccess.executeWithOptions({ ...STORE, summary: `revoke vehicle access: ${reason}` }, [{ grantId: grant.grantId, revokedAt, reason }]);
    job.revokeAccess(revokedAt);
  }

  try {
    await record('job.created', input.createdBy, { values: input.values, jobType: `${input.jobType.id}@${input.jobType.version}` });
    created = true;
    log.info('Job created', { jobId: input.jobId, jobType: input.jobType.id });

    // Sleep until something ends the job: an update, or the earliest deadline in force.
    while (!job.isFinished) {
      const [next] = job.pendingDeadlines();
      if (next === undefined) {
        await condition(() => job.isFinished);
        break;
      }
      const statusBefore = job.status;
      const changed = await condition(() => job.isFinished || job.status !== statusBefore, Math.max(next.at - Date.now(), 1));
      if (!changed && !job.isFinished) {
        await lock.runExclusive(async () => {
          if (job.isFinished || Date.now() < next.at) return;
          job.fail(sentence(next.reason), nowIso());
          await endAccess(next.reason);
          await record('job.failed', { kind: 'system', reason: 'deadline' }, { reason: job.failureReason });
        });
      }
    }
  } catch (error) {
    if (!isCancellation(error)) throw error;
    // An operator cancelled the run in the Temporal UI or CLI: still end the job properly.
    await CancellationScope.nonCancellable(async () => {
      await lock.runExclusive(async () => {
        if (job.isFinished) return;
        job.fail('Cancelled by an operator.', nowIso());
        await endAccess('cancelled by an operator');
        await record('job.failed', { kind: 'system', reason: 'cancelled' }, { reason: job.failureReason });
      });
    });
    throw error;
  } finally {
    // Whatever path got us here, no grant stays open. Under the lock: an update that is ending
    // the job right now revokes with its own reason first.
    await CancellationScope.nonCancellable(() => lock.runExclusive(() => endAccess('job ended')));
  }

  await condition(allHandlersFinished);
  return job.deleted
    ? { jobId: input.jobId, status: 'DELETED' }
    : { jobId: input.jobId, status: job.status as 'SUCCEEDED' | 'FAILED', failureReason: job.failureReason };
}

const GATEWAY_COMMANDS: Record<InstallerVehicleCommand, VehicleCommand> = {
  lock: 'lock-central-lock',
  unlock: 'unlock-central-lock',
  enableDriving: 'enable-driving',
  disableDriving: 'disable-driving',
  readState: 'request-vehicle-state',
};

/** A vehicle that stays silent past the retry window refuses the step, in words the installer can act on. */
async function actionRefusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await refusalsFirst(run);
  } catch (error) {
    if (error instanceof ActivityFailure) {
      throw refusal('actionFailed', 'The CloudBoxx did not answer in time. Make sure the vehicle has mobile coverage and the box is powered, then complete the step again.');
    }
    throw error;
  }
}

/** An activity's refusal reaches the update's caller as the refusal itself, not wrapped. */
async function refusalsFirst<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const found = error instanceof ActivityFailure ? findRefusal(error) : undefined;
    if (found) throw refusal(found.reason, found.message, found.problems);
    throw error;
  }
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function nowIso(): string {
  return new Date().toISOString();
}

/** The line an operator reads at the top of the run in the Temporal UI. */
function describe(job: JobMachine): string {
  const step = job.lastCompletedStep ? `, last step: ${job.lastCompletedStep}` : '';
  const reason = job.failureReason ? ` — ${job.failureReason}` : '';
  return `**${job.status}** · ${job.jobType.title} (${job.jobType.id}@${job.jobType.version}) · job ${job.jobId}${step}${reason}`;
}
