import {
  allHandlersFinished,
  ActivityCancellationType,
  ActivityFailure,
  CancellationScope,
  condition,
  isCancellation,
  log,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  sleep,
  TimeoutFailure,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
  type ActivityOptions,
} from '@temporalio/workflow';
import type { ApplicationFailure, UpdateDefinition } from '@temporalio/common';
import type { JobActivities } from '../activities';
import type { JobVin, StepActionResult } from '../activities/vehicle-actions';
import { securingWords, type Actor, type JobEvent, type VehicleSecurity } from '../common/job';
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
  stepProgressUpdate,
  vehicleCommandUpdate,
  type CompleteStepRequest,
  type JobChanged,
  type JobCreated,
  type JobOutcome,
  type PhotoNotUploaded,
  type StepChanged,
  type VehicleCommandRequest,
  type VehicleCommandResult,
} from '../common/job-messages';
import type { FieldProblem } from '../common/errors';
import { findRefusal, refusal } from '../common/job-refusal';
import type { JobWorkflowInput } from '../common/job-workflow';
import {
  InstallerCompanyIdAttribute,
  JobStatusAttribute,
  LastCompletedStepAttribute,
  VehicleSecurityAttribute,
} from '../common/search-attributes';
import type { Deadline } from './job-machine';
import type { CompiledStep, ValueIssue } from '../definitions/compiled-job-type';
import { fieldValue, findField, renderCloudBoxxConfiguration } from '../definitions/rules';
import { fieldValueProblems, givenValueIssues, withNewValueIssues } from '../definitions/value-validation';
import { describeMs, JobMachine } from './job-machine';
import { ReadModelRecorder } from './read-model-recorder';

/**
 * Writes to our own Postgres: keep trying, not hot, until the database is back. Local activities:
 * one marker in the history instead of three events and a workflow task of their own, and the
 * update they serve completes in the same workflow task that accepted it.
 */
const STORE: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['ReadModelRejected'] },
};
const storeLocally = proxyLocalActivities<JobActivities>(STORE);
const store = proxyActivities<JobActivities>(STORE);

/** Checks that answer a caller who is waiting: a refusal is final, an outage should not hang the portal. */
const CHECK: ActivityOptions = {
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['JobRefused.companyNotInvited'] },
};
const checkLocally = proxyLocalActivities<JobActivities>(CHECK);
const check = proxyActivities<JobActivities>(CHECK);

/** A step's action: a few quick retries ride out a dropped mobile connection, within the step's actionTimeout. */
const ACTION: ActivityOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '5 seconds' },
};
/** An installer's command to the vehicle is answered within seconds, landed or not. */
const COMMAND: ActivityOptions = { ...ACTION, startToCloseTimeout: '8 seconds', scheduleToCloseTimeout: '10 seconds' };
const vehicle = proxyActivities<JobActivities>(ACTION);

/** Leaving the vehicle secure: retried until OneAPI answers, however long it is down. */
const SECURE: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '15 seconds' },
};
const secure = proxyActivities<JobActivities>(SECURE);

/**
 * Vehicle calls the job's end must be able to stop (generation 4): the activity heartbeats while it
 * runs and stops before its next call once cancelled, and the workflow waits for that. A worker
 * that died is given up after the heartbeat time-out; a live one keeps beating through a slow call.
 */
const STOPPABLE: ActivityOptions = {
  heartbeatTimeout: '10 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
};

/** How long the installer's step request waits for its action before it answers "in progress" (202). */
const ACTION_ANSWER_WITHIN = '5 seconds';
/** A vehicle not secured by then gets an alert event (and the operator's search attribute says pending). */
const SECURING_ALERT_AFTER = '15 minutes';

/**
 * One installation job, from creation to SUCCEEDED or FAILED (or deletion while PENDING).
 *
 * The workflow is the authority on the job: every change arrives as an Update, is checked by a
 * validator (a refusal writes nothing to history) and applied at once; the read model follows (see
 * ReadModelRecorder). Deadlines and the vehicle-access window are timers here, so they hold
 * whatever crashes in between. However the job ends, access is revoked and the vehicle is left as
 * the job type's access.onEnd says (locked and immobilised by default) before the run closes.
 */
export async function jobWorkflow(input: JobWorkflowInput): Promise<JobOutcome> {
  const job = new JobRun(input);
  job.listen();
  return job.live();
}

class JobRun {
  private readonly job: JobMachine;
  private readonly recorder: ReadModelRecorder;
  /** Step actions running now, by step id: what their outcome will be, and how to stop them. */
  private readonly actions = new Map<string, { outcome: Promise<ApplicationFailure | undefined>; scope: CancellationScope }>();
  /** Grant and revocation records of runs before the lean history, in order, off the path of the change that causes them. */
  private grantLedger: Promise<void> = Promise.resolve();
  /**
   * Started with the lean history: Postgres work in local activities (the access record written
   * with the job's record), search attributes upserted only when they change, a deadline timer
   * that stays while its deadline does, the securing alert as the securing activity's own time-out,
   * and a step action's start written with its outcome. Runs started before replay the old way.
   */
  private readonly lean: boolean;
  /** The search attributes as last set (at start by the API, then by upserts), so that only changes are upserted. */
  private readonly shownAttributes = new Map<string, string | null>();
  /**
   * Generation 3 leaves out three events a job's history had for no change of the job: the timer of
   * the installer's answer window on each step action (the API waits instead, see stepProgressUpdate),
   * the check that the company accepted the fleet's invitation (the API checks; an acceptance is
   * final), and the upsert of the job's end apart from the vehicle's securing moments later.
   */
  private readonly answerWindowTimer: boolean;
  private readonly checksInvitation: boolean;
  private readonly attributesWithSecuring: boolean;
  /**
   * Generation 4 lets no call to the vehicle land after the securing: a step's action and an
   * installer's command still on their way when the job ends are cancelled and awaited (their
   * activities heartbeat, so they hear it between calls, and a worker gone is noticed), and only
   * then is the vehicle secured. Before, a lock-and-unlock check cut short by the job's end could
   * unlock the car after the securing had locked it.
   */
  private readonly stopsVehicleCallsFirst: boolean;
  /** Installers' commands on their way to the vehicle (generation 4): settled once their activity has stopped. */
  private readonly commandsInFlight = new Map<CancellationScope, Promise<unknown>>();
  /** The job has ended and its vehicle is being secured: its search attributes wait for the outcome (or the alert). */
  private attributesHeld = false;

  constructor(private readonly input: JobWorkflowInput) {
    // Runs started before generation 2 have none in their input (undefined >= 2 is false).
    this.lean = input.generation >= 2;
    this.answerWindowTimer = this.checksInvitation = !(input.generation >= 3);
    this.attributesWithSecuring = input.generation >= 3;
    this.stopsVehicleCallsFirst = input.generation >= 4;
    this.job = new JobMachine(input, workflowInfo().workflowId, workflowInfo().runStartTime.getTime());
    this.recorder = new ReadModelRecorder((revision, events) => this.write(revision, events), nowIso);
    for (const key of [JobStatusAttribute, InstallerCompanyIdAttribute, LastCompletedStepAttribute, VehicleSecurityAttribute])
      this.shownAttributes.set(key.name, workflowInfo().typedSearchAttributes.get(key) ?? null);
  }

  listen(): void {
    const job = this.job;
    setHandler(jobSnapshotQuery, () => job.snapshot(this.recorder.currentRevision));
    setHandler(jobCreatedUpdate, async (): Promise<JobCreated> => {
      await this.recorder.recorded(1);
      const { providerId, fleetId, jobType, createdBy } = this.input;
      return {
        ...this.changed(),
        providerId,
        fleetId,
        jobTypeId: jobType.id,
        ...(createdBy.kind === 'user' && { createdBy: createdBy.userId }),
      };
    });
    this.onChange(
      editJobUpdate,
      (request) => job.checkEdit(request),
      (request) => {
        job.edit(request);
        return this.record('job.edited', request.actor, {
          values: request.values,
          customerName: request.customerName,
          requestedStartAt: request.requestedStartAt,
        });
      },
    );
    this.onChange(
      assignJobUpdate,
      (request) => job.checkAssign(request),
      async (request) => {
        const invited = { fleetId: this.input.fleetId, installerCompanyId: request.installerCompanyId };
        const summary = 'check the company accepted the fleet invitation';
        if (this.checksInvitation) {
          await refusalsFirst(() =>
            this.lean
              ? checkLocally.assertCompanyInvited.executeWithOptions({ ...CHECK, summary }, [invited])
              : check.assertCompanyInvited.executeWithOptions({ ...CHECK, summary }, [invited]),
          );
        }
        job.checkAssign(request); // again: another change may have come first while we asked
        job.assign(request, nowIso());
        return this.record('job.assigned', request.actor, { installerCompanyId: request.installerCompanyId });
      },
    );
    this.onChange(
      deleteJobUpdate,
      (request) => job.checkDelete(request.actor),
      async (request) => {
        job.delete();
        await this.record('job.deleted', request.actor);
      },
    );
    this.onChange(
      startJobUpdate,
      (request) => job.checkStart(request.actor),
      (request) => this.start(request.actor),
    );
    this.onChange(
      completeStepUpdate,
      // Checklist items the step does not have are refused by the validator alone: the job type is the
      // run's own, so what it found still holds in the handler, and runs that took such items before
      // the rule (before-known-checklist-items/ in the replay tests) replay as they ran.
      // So is a step with an action once the access window is over by the clock (before its timer ends the job).
      (request, inValidator) =>
        job.checkCompleteStep(
          request,
          inValidator ? { unknownChecklistItems: 'refuse', now: Date.now() } : { unknownChecklistItems: 'take' },
        ),
      (request, step) => this.completeStep(request, step),
    );
    this.onChange(
      saveValuesUpdate,
      // A field of a step whose action runs is refused by the validator alone, as above.
      (request, inValidator) => job.checkSaveValues(request, { whileActionRuns: inValidator ? 'refuse' : 'take' }),
      (request) => {
        job.saveValues(request);
        return this.record('values.saved', request.actor, { values: request.values });
      },
    );
    this.onChange(
      completeJobUpdate,
      (request) => job.checkComplete(request.actor),
      (request) => {
        this.end(() => job.complete(nowIso()), 'job succeeded');
        return this.endRecorded('job.succeeded', request.actor);
      },
    );
    this.onChange(
      failJobUpdate,
      (request) => job.checkFail(request.actor, request.reason),
      (request) => {
        this.end(() => job.fail(request.reason, nowIso()), 'job failed');
        return this.endRecorded('job.failed', request.actor, { reason: job.failureReason });
      },
    );
    setHandler(stepProgressUpdate, (request) => this.stepProgress(request), {
      validator: (request) => job.checkStepProgress(request),
    });
    // Vehicle commands change nothing in the job but its trail; the grant is checked when they are sent.
    setHandler(vehicleCommandUpdate, (request) => this.vehicleCommand(request), {
      validator: (request) => void job.checkVehicleCommand(request, Date.now()),
    });
  }

  /** The job's life: created, then asleep until a change or the earliest deadline ends it; then the vehicle is left secure. */
  async live(): Promise<JobOutcome> {
    const job = this.job;
    // Records and access records outlive an operator's cancel: they are how the job ends properly.
    void CancellationScope.nonCancellable(() => this.recorder.run());
    this.recorder.add('job.created', this.input.createdBy, {
      values: this.input.values,
      jobType: `${this.input.jobType.id}@${this.input.jobType.version}`,
    });
    try {
      await this.recorder.recorded(1);
    } catch (error) {
      // The API checks what it sends; a job the read model cannot hold would be invisible, so it ends here.
      log.error('The new job could not be stored; the run ends', { jobId: this.input.jobId, error: String(error) });
      return { jobId: this.input.jobId, status: 'FAILED', failureReason: 'The job could not be stored.' };
    }
    log.info('Job created', { jobId: this.input.jobId, jobType: this.input.jobType.id });
    try {
      await this.untilFinished();
    } catch (error) {
      if (!isCancellation(error)) throw error;
      // An operator cancelled the run in the Temporal UI or CLI: the job still ends properly, car and all.
      await CancellationScope.nonCancellable(async () => {
        if (!job.isFinished) {
          this.end(() => job.fail('Cancelled by an operator.', nowIso()), 'cancelled by an operator');
          this.recorder.add('job.failed', { kind: 'system', reason: 'cancelled' }, { reason: job.failureReason });
        }
        await this.wrapUp();
      });
      throw error;
    }
    await CancellationScope.nonCancellable(() => this.wrapUp());
    return job.deleted
      ? { jobId: this.input.jobId, status: 'DELETED' }
      : { jobId: this.input.jobId, status: job.status as 'SUCCEEDED' | 'FAILED', failureReason: job.failureReason };
  }

  /**
   * Asleep until a change ends the job or the earliest deadline in force does. One timer per
   * deadline, kept while that deadline holds (assigning a job does not move its start deadline).
   * A timer whose deadline no longer applies is left to run out rather than cancelled: most jobs
   * end long before it would fire, and a history event per cancel is what it would cost.
   */
  private async untilFinished(): Promise<void> {
    if (!this.lean) return this.untilFinishedRestartingTimers();
    const job = this.job;
    const earliest = () => deadlineKey(job.pendingDeadlines()[0]);
    const timers = new Set<string>();
    const passed = new Set<string>();
    while (!job.isFinished) {
      const [next] = job.pendingDeadlines();
      const key = deadlineKey(next);
      if (next !== undefined && !timers.has(key)) {
        timers.add(key);
        void sleep(Math.max(next.at - Date.now(), 1), { summary: `${next.name} (${new Date(next.at).toISOString()})` }).then(
          () => passed.add(key),
          () => undefined, // cancelled with the run: live() ends the job
        );
      }
      await condition(() => job.isFinished || passed.has(key) || earliest() !== key);
      if (next !== undefined && !job.isFinished && passed.has(key) && earliest() === key) {
        this.end(() => job.fail(sentence(next.reason), nowIso()), next.reason);
        this.recorder.add('job.failed', { kind: 'system', reason: 'deadline' }, { reason: job.failureReason });
      }
    }
  }

  /** untilFinished of runs started before the lean history: the timer restarted on every change of status. */
  private async untilFinishedRestartingTimers(): Promise<void> {
    const job = this.job;
    while (!job.isFinished) {
      const [next] = job.pendingDeadlines();
      const statusBefore = job.status;
      if (next === undefined) {
        await condition(() => job.isFinished || job.status !== statusBefore);
        continue;
      }
      const changed = await condition(() => job.isFinished || job.status !== statusBefore, Math.max(next.at - Date.now(), 1), {
        summary: `${next.name} (${new Date(next.at).toISOString()})`,
      });
      if (!changed && !job.isFinished && Date.now() >= next.at) {
        this.end(() => job.fail(sentence(next.reason), nowIso()), next.reason);
        this.recorder.add('job.failed', { kind: 'system', reason: 'deadline' }, { reason: job.failureReason });
      }
    }
  }

  // ── Changes ──────────────────────────────────────────────────────────────────────────────────

  /**
   * An update that changes the job: `check` refuses it in the validator (nothing reaches history)
   * and again in the handler, which may run after another change; what it returns (the step, for
   * a step) is handed to `change`. A change is applied before its first await, so no lock is needed.
   * `inValidator` tells the two apart: only the handler runs when a history is replayed. So the
   * validator alone holds the values a request gives to the rules for values given now (no blanks
   * for text, an address's length: givenValueIssues), beside the rest of what it refuses.
   */
  private onChange<Req, Ret, Checked>(
    update: UpdateDefinition<Ret, [Req]>,
    checkRequest: (request: Req, inValidator: boolean) => Checked,
    change: (request: Req, checked: Checked) => Promise<Ret>,
  ): void {
    setHandler(update, (request) => change(request, checkRequest(request, false)), {
      validator: (request) => {
        const given = [...photosNotUploadedOf(request), ...givenValueIssues(this.input.jobType, this.job.values, request)];
        try {
          checkRequest(request, true);
        } catch (error) {
          const refused = findRefusal(error);
          if (given.length === 0 || refused?.reason !== 'invalidValues') throw error;
          throw refusal('invalidValues', refused.message, asProblems(withNewValueIssues(given, refused.problems)));
        }
        if (given.length > 0)
          throw refusal('invalidValues', `Some values break the rules of job type ${this.input.jobType.id}.`, asProblems(given));
      },
    });
  }

  private async start(actor: Actor): Promise<JobChanged> {
    const now = Date.now();
    const grant = {
      grantId: `${this.input.jobId}/access`,
      permissions: [...this.input.jobType.access.permissions],
      grantedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.input.jobType.access.maxDurationMs).toISOString(),
    };
    this.job.start(grant.grantedAt, grant);
    // The access record goes with the job's own record (one transaction); older runs wrote it apart.
    if (!this.lean) {
      const installerCompanyId = this.job.installerCompanyId!;
      this.ledger(() =>
        store.grantVehicleAccess.executeWithOptions({ ...STORE, summary: `record vehicle access until ${grant.expiresAt}` }, [
          { ...grant, jobId: this.input.jobId, installerCompanyId },
        ]),
      );
      await this.grantLedger;
    }
    return this.record('job.started', actor, { accessGrant: grant });
  }

  /**
   * A step without an action is done at once. A step with one starts it and waits a few seconds:
   * the installer gets the outcome, or the step `inProgress` (the API answers 202) and the outcome
   * follows on the job. A repeat while the action runs starts nothing and waits the same way.
   */
  private async completeStep(request: CompleteStepRequest, step: CompiledStep): Promise<StepChanged> {
    const defaulted = this.job.defaultedKeys(step, request);
    const record = {
      stepId: step.id,
      values: request.values ?? {},
      checklist: request.checklist ?? [],
      ...(defaulted.length > 0 && { defaulted }),
    };
    if (step.action === null) {
      this.job.completeStep(request, nowIso());
      await this.record('step.completed', request.actor, record);
      return { ...this.changed(), step: this.job.stepProgress(step.id) };
    }
    let running = this.actions.get(step.id);
    if (!running) {
      this.job.beginStepAction(request);
      // Written with the action's outcome, or when the installer is answered that the action still runs.
      const started = { ...record, action: step.action };
      if (this.lean) this.recorder.note('step.action.started', request.actor, started);
      else this.recorder.add('step.action.started', request.actor, started);
      running = this.startAction(step, request.actor);
    }
    let failure: ApplicationFailure | undefined;
    let settled = false;
    void running.outcome.then((outcome) => {
      failure = outcome;
      settled = true;
    });
    if (this.answerWindowTimer)
      await condition(() => settled, ACTION_ANSWER_WITHIN, {
        summary: `answer the installer on step ${step.id} (202 if the action still runs)`,
      });
    else await condition(() => settled);
    await this.recorder.recorded(this.recorder.currentRevision);
    if (failure) throw failure;
    return { ...this.changed(), step: this.job.stepProgress(step.id) };
  }

  /** The step as it goes, once the job's record shows it (a running action's start included). */
  private async stepProgress(request: { stepId: string }): Promise<StepChanged> {
    await this.recorder.recorded(this.recorder.currentRevision);
    return { ...this.changed(), step: this.job.stepProgress(request.stepId) };
  }

  private startAction(step: CompiledStep, actor: Actor) {
    const scope = new CancellationScope();
    const outcome = scope
      .run(() => this.runAction(step, actor))
      .then(
        (result) => {
          if (this.job.isFinished) return undefined;
          const filled = this.filledFrom(step, result);
          if ('problem' in filled) return this.actionFailed(step, actor, refusal('actionFailed', filled.problem));
          this.job.finishStepAction(step.id, nowIso(), filled.values);
          this.recorder.add('step.completed', actor, {
            stepId: step.id,
            action: step.action,
            result,
            ...(Object.keys(filled.values).length > 0 && { filled: filled.values }),
          });
          return undefined;
        },
        (error: unknown) => this.actionFailed(step, actor, error),
      );
    const running = { outcome: outcome.finally(() => this.actions.delete(step.id)), scope };
    this.actions.set(step.id, running);
    return running;
  }

  private actionFailed(step: CompiledStep, actor: Actor, error: unknown): ApplicationFailure | undefined {
    if (this.job.isFinished) return undefined; // the job ended meanwhile and stopped the action
    const failure = asRefusal(error, step);
    this.job.failStepAction(step.id, failure.message);
    this.recorder.add('step.action.failed', actor, { stepId: step.id, action: step.action, reason: failure.message });
    return failure;
  }

  /** The step's action against the box its qnrField names, checked by the activity against OneAPI first. */
  private async runAction(step: CompiledStep, actor: Actor): Promise<StepActionResult> {
    const values = this.job.values;
    const qnr = fieldValue(values, step.qnrField!);
    if (typeof qnr !== 'string' || qnr === '')
      throw refusal(
        'vehicleUnknown',
        `Step "${step.title}" talks to the CloudBoxx whose QNR is in ${step.qnrField}, but that field is blank.`,
      );
    let configuration;
    if (step.action === 'cloudboxx.applyConfiguration') {
      try {
        configuration = renderCloudBoxxConfiguration(this.input.jobType, values);
      } catch (error) {
        throw refusal('actionFailed', `The CloudBoxx configuration cannot be rendered yet: ${(error as Error).message}.`);
      }
    }
    const options = {
      ...ACTION,
      ...(this.stopsVehicleCallsFirst && STOPPABLE),
      scheduleToCloseTimeout: step.actionTimeoutMs!,
      summary: `${step.action} on CloudBoxx ${qnr} (step ${step.id})`,
    };
    return vehicle.runStepAction.executeWithOptions(options, [
      {
        jobId: this.input.jobId,
        stepId: step.id,
        action: step.action!,
        qnr,
        actor,
        configuration,
        configurationMode: this.input.jobType.configurationMode,
        vin: this.vin(),
        knownToOneApi: this.input.jobType.vehicle.knownToOneApi,
      },
    ]);
  }

  /**
   * The job's VIN as it stands, which the activities compare with OneAPI's for the box before they
   * send it anything: none while blank, or when the job type names no VIN or the vehicle is not in
   * OneAPI yet (then there is nothing to compare with).
   */
  private vin(): JobVin | undefined {
    const { vinField, knownToOneApi } = this.input.jobType.vehicle;
    if (vinField === null || !knownToOneApi) return undefined;
    const value = fieldValue(this.job.values, vinField);
    return typeof value === 'string' && value !== '' ? { value, field: vinField } : undefined;
  }

  /** The fields the step fills from the vehicle's answer, checked like any value; a required one must come. */
  private filledFrom(step: CompiledStep, result: StepActionResult): { values: Record<string, unknown> } | { problem: string } {
    const values: Record<string, unknown> = {};
    const state: Record<string, unknown> = result.action === 'cloudboxx.readVehicleState' ? { ...result.state } : {};
    for (const [key, property] of Object.entries(step.fills)) {
      const field = findField(this.input.jobType, key)!;
      const value = state[property];
      const problems =
        value === undefined
          ? [`${field.label} was not reported by the vehicle (${property})`]
          : fieldValueProblems(field, value, field.label);
      if (problems.length === 0) values[key] = value;
      // Each problem names the field already ("Battery (%) must be at most 50").
      else if (field.required) return { problem: `${problems.join('; ')}. Check the vehicle, then complete the step again.` };
    }
    return { values };
  }

  private async vehicleCommand(request: VehicleCommandRequest): Promise<VehicleCommandResult> {
    const qnr = this.job.checkVehicleCommand(request, Date.now());
    const send = () =>
      vehicle.sendVehicleCommand.executeWithOptions(
        { ...COMMAND, ...(this.stopsVehicleCallsFirst && STOPPABLE), summary: `${request.command} CloudBoxx ${qnr} for the installer` },
        [{ jobId: this.input.jobId, qnr, command: request.command, actor: request.actor, vin: this.vin() }],
      );
    const state = await actionRefusals(() => (this.stopsVehicleCallsFirst ? this.stoppable(send) : send()), describeMs(10_000)).catch(
      async (error: unknown) => {
        // A command that failed may still have reached the car (its answer lost on the way back).
        await this.record('vehicle.command.failed', request.actor, {
          command: request.command,
          qnr,
          reason: error instanceof Error ? error.message : String(error),
        });
        if (this.job.isFinished)
          throw refusal(
            'accessDenied',
            `The vehicle access of job ${this.input.jobId} ended while the ${request.command} command was on its way; it may have reached the vehicle, which was then left as the job's end says.`,
          );
        throw error;
      },
    );
    await this.record('vehicle.command', request.actor, { command: request.command, qnr, state });
    return { qnr, command: request.command, state };
  }

  /** Runs an installer's command so that the job's end can stop it, and wait for it, before securing. */
  private stoppable<T>(send: () => Promise<T>): Promise<T> {
    const scope = new CancellationScope();
    const sent = scope.run(send);
    this.commandsInFlight.set(
      scope,
      sent.then(
        () => undefined,
        () => undefined,
      ),
    );
    return sent.finally(() => this.commandsInFlight.delete(scope));
  }

  // ── The end ──────────────────────────────────────────────────────────────────────────────────

  /** Ends the job: its status first, then access is closed; running actions stop, the vehicle is secured in wrapUp. */
  private end(finish: () => void, reason: string): void {
    finish();
    for (const [stepId, { scope }] of this.actions) {
      scope.cancel();
      if (this.stopsVehicleCallsFirst)
        this.job.failStepAction(stepId, "The job ended while this step's action ran; it may have reached the vehicle.");
    }
    if (this.stopsVehicleCallsFirst) for (const scope of this.commandsInFlight.keys()) scope.cancel();
    const grant = this.job.accessGrant;
    if (!grant || grant.revokedAt) return;
    const revokedAt = nowIso();
    this.job.revokeAccess(revokedAt, reason);
    this.job.security = this.job.securingPending();
    this.attributesHeld = this.attributesWithSecuring;
    // Recorded with the job's end (the caller queues its event); older runs wrote it apart.
    if (!this.lean)
      this.ledger(() =>
        store.revokeVehicleAccess.executeWithOptions({ ...STORE, summary: `record the end of vehicle access: ${reason}` }, [
          { grantId: grant.grantId, revokedAt, reason },
        ]),
      );
  }

  /** After the job's end: the vehicle is left secure, and every record has landed, before the run closes. */
  private async wrapUp(): Promise<void> {
    if (this.job.accessGrant) {
      // The securing must be the vehicle's last word: what is still on its way stops (or lands) first.
      if (this.stopsVehicleCallsFirst)
        await Promise.all([...[...this.actions.values()].map(({ outcome }) => outcome), ...this.commandsInFlight.values()]);
      await this.secureVehicle();
    }
    await this.grantLedger;
    await this.recorder.drained();
    await condition(allHandlersFinished);
  }

  /** Runs the job type's access.onEnd on the job's box until the vehicle answers; an alert if that takes long. */
  private async secureVehicle(): Promise<void> {
    const plan = this.job.securingPlan();
    if ('nothing' in plan) return this.secured({ state: 'notRequired', detail: plan.nothing });
    let result: Awaited<ReturnType<JobActivities['secureVehicle']>> | undefined;
    const summary = `${plan.commands.join(' and ')} CloudBoxx ${plan.qnr}: access has ended`;
    const securing = (within?: string) =>
      secure.secureVehicle.executeWithOptions(
        {
          ...SECURE,
          // A worker that died while securing is noticed in seconds, not after the minute an attempt may take.
          ...(this.stopsVehicleCallsFirst && { heartbeatTimeout: STOPPABLE.heartbeatTimeout }),
          ...(within && { scheduleToCloseTimeout: within }),
          summary,
        },
        [{ jobId: this.input.jobId, qnr: plan.qnr, commands: plan.commands, vin: this.vin() }],
      );
    if (this.lean) {
      // The alert is the first activity's own time-out; then it goes on without one.
      try {
        result = await securing(SECURING_ALERT_AFTER);
      } catch (error) {
        // Out of time between attempts (the last attempt's failure, retry state TIMEOUT) or during one.
        if (!(error instanceof ActivityFailure && (error.retryState === 'TIMEOUT' || error.cause instanceof TimeoutFailure))) throw error;
        this.securingOverdue(plan);
        result = await securing();
      }
    } else {
      const secured = securing().then((outcome) => void (result = outcome));
      if (
        !(await condition(() => result !== undefined, SECURING_ALERT_AFTER, { summary: 'alert if the vehicle is not secured by then' }))
      ) {
        this.securingOverdue(plan);
        await secured;
      }
    }
    if (!result!.reached) return this.secured({ state: 'notSecured', detail: result!.detail });
    const commands = result!.commands;
    const wrong = commands.filter((outcome) => outcome.outcome === 'mismatch');
    const skipped = commands.filter((outcome) => outcome.outcome === 'skipped').map((outcome) => outcome.command);
    const note = skipped.length > 0 ? ` Skipped, as the vehicle model cannot do it: ${skipped.join(', ')}.` : '';
    if (wrong.length > 0) {
      const reported = wrong
        .map((outcome) => `${outcome.command} was sent, the vehicle reports ${JSON.stringify(outcome.reported ?? {})}`)
        .join('; ');
      return this.secured({ state: 'notSecured', detail: `${reported}. Check the vehicle.${note}`, commands });
    }
    return this.secured({ state: 'secured', securedAt: nowIso(), commands, ...(note && { detail: note.trim() }) });
  }

  private securingOverdue({ qnr, commands }: { qnr: string; commands: ReadonlyArray<'lock' | 'disableDriving'> }): void {
    this.attributesHeld = false; // an operator looks for vehicles not secured: this one is now
    log.error('The vehicle is still not secured after access ended', { jobId: this.input.jobId, qnr, after: SECURING_ALERT_AFTER });
    this.job.security = {
      state: 'pending',
      detail: `OneAPI has not answered for ${SECURING_ALERT_AFTER}; still trying to ${securingWords(commands, 'to').join(' and ')} CloudBoxx ${qnr}.`,
    };
    this.recorder.add('vehicle.securing.overdue', SYSTEM_SECURING, { qnr, after: SECURING_ALERT_AFTER });
    this.describe();
  }

  private secured(security: VehicleSecurity): void {
    this.job.security = security;
    this.attributesHeld = false;
    this.recorder.add(
      security.state === 'secured' || security.state === 'notRequired' ? 'vehicle.secured' : 'vehicle.not-secured',
      SYSTEM_SECURING,
      { ...security },
    );
    this.describe();
  }

  // ── Records ──────────────────────────────────────────────────────────────────────────────────

  /** The job's end, queued at once (before the securing it sets off), answered once access is closed on record too. */
  private async endRecorded(type: string, actor: Actor, data: Record<string, unknown> = {}): Promise<JobChanged> {
    const revision = this.recorder.add(type, actor, data);
    await this.grantLedger;
    await this.recorder.recorded(revision);
    return this.changed();
  }

  /** Queues the change's event and answers once the read model shows it. */
  private async record(type: string, actor: Actor, data: Record<string, unknown> = {}): Promise<JobChanged> {
    const revision = this.recorder.add(type, actor, data);
    this.describe();
    await this.recorder.recorded(revision);
    return this.changed();
  }

  private write(revision: number, events: JobEvent[]): Promise<void> {
    this.describe();
    const summary = `record ${events.map((event) => event.type).join(', ')} (${this.job.deleted ? 'DELETED' : this.job.status})`;
    const postgres = this.lean ? storeLocally : store;
    if (this.job.deleted) return postgres.removeJobRecord.executeWithOptions({ ...STORE, summary }, [this.input.jobId, events]);
    return postgres.recordJobState.executeWithOptions({ ...STORE, summary }, [this.job.snapshot(revision), events]);
  }

  private ledger(write: () => Promise<void>): void {
    this.grantLedger = this.grantLedger.then(() => CancellationScope.nonCancellable(write));
  }

  /** An update's answer: small (it stays in the history); the API reads the job itself from the read model. */
  private changed(): JobChanged {
    return { jobId: this.input.jobId, status: this.job.status, revision: this.recorder.currentRevision };
  }

  /** Search attributes and the line an operator reads at the top of the run in the Temporal UI. */
  private describe(): void {
    const job = this.job;
    // The last step shows live in the run's details; as an attribute it is where a finished job stopped.
    const lastStep =
      !this.lean || job.isFinished ? (job.lastCompletedStep ?? null) : this.shownAttributes.get(LastCompletedStepAttribute.name)!;
    const attributes = [
      { key: JobStatusAttribute, value: job.deleted ? 'DELETED' : job.status },
      { key: InstallerCompanyIdAttribute, value: job.installerCompanyId ?? null },
      { key: LastCompletedStepAttribute, value: lastStep },
      { key: VehicleSecurityAttribute, value: job.security?.state ?? null },
    ];
    // Each upsert is an event in the history: only what changed (runs before the lean history upserted all, every time).
    const changed = this.attributesHeld
      ? []
      : this.lean
        ? attributes.filter(({ key, value }) => this.shownAttributes.get(key.name) !== value)
        : attributes;
    if (changed.length > 0) upsertSearchAttributes(changed);
    for (const { key, value } of changed) this.shownAttributes.set(key.name, value);
    const step = job.lastCompletedStep ? `, last step: ${job.lastCompletedStep}` : '';
    const reason = job.failureReason ? ` — ${job.failureReason}` : '';
    const car = job.security ? ` · vehicle ${job.security.state}${job.security.detail ? `: ${job.security.detail}` : ''}` : '';
    setCurrentDetails(
      `**${job.deleted ? 'DELETED' : job.status}** · ${job.jobType.title} (${job.jobType.id}@${job.jobType.version}) · job ${job.jobId}${step}${reason}${car}`,
    );
  }
}

const SYSTEM_SECURING: Actor = { kind: 'system', reason: 'access ended' };

/** A step's failure in words the installer can act on: the refusal itself, or a box that did not answer in time. */
function asRefusal(error: unknown, step: CompiledStep): ApplicationFailure {
  const found = findRefusal(error);
  if (found) return refusal(found.reason, found.message, found.problems);
  if (error instanceof ActivityFailure) return noAnswer(describeMs(step.actionTimeoutMs!));
  return refusal('actionFailed', `Step "${step.title}" failed: ${error instanceof Error ? error.message : String(error)}`);
}

function noAnswer(within: string): ApplicationFailure {
  return refusal(
    'actionFailed',
    `The CloudBoxx did not answer within ${within}; what was sent may still have reached it (an answer can be lost on the way back). Make sure the vehicle has mobile coverage and the box is powered, then check the vehicle's state before trying again.`,
  );
}

/** A vehicle that stays silent past the retry window is refused in words the installer can act on. */
async function actionRefusals<T>(run: () => Promise<T>, within: string): Promise<T> {
  try {
    return await refusalsFirst(run);
  } catch (error) {
    if (error instanceof ActivityFailure) throw noAnswer(within);
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

function deadlineKey(deadline: Deadline | undefined): string {
  return deadline === undefined ? 'none' : `${deadline.name}@${deadline.at}`;
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** The photo references the API found naming no photo of the job (PhotoNotUploaded): refused with the rest. */
function photosNotUploadedOf(request: unknown): ValueIssue[] {
  const found = (request as { photosNotUploaded?: unknown } | undefined)?.photosNotUploaded;
  return Array.isArray(found) ? found.map((photo: PhotoNotUploaded) => ({ ...photo, rule: 'photoUnknown' })) : [];
}

/** Problems as a refusal carries them: where, what and which rule. */
function asProblems(issues: ReadonlyArray<{ pointer: string; message: string; rule?: string }>): FieldProblem[] {
  return issues.map(({ pointer, message, rule }) => ({ pointer, message, ...(rule ? { rule } : {}) }));
}

function nowIso(): string {
  return new Date().toISOString();
}
