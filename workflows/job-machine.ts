import { jsonPointer, type FieldProblem } from '../common/errors';
import {
  securingWords,
  type AccessGrantState,
  type Actor,
  type JobSnapshot,
  type JobStatus,
  type StepProgress,
  type VehicleSecurity,
} from '../common/job';
import type {
  AssignJobRequest,
  CompleteStepRequest,
  EditJobRequest,
  SaveValuesRequest,
  StepRequest,
  VehicleCommandRequest,
} from '../common/job-messages';
import { refusal, type RefusalReason } from '../common/job-refusal';
import type { JobWorkflowInput } from '../common/job-workflow';
import type { CompiledJobType, CompiledStep, ValueIssue } from '../definitions/compiled-job-type';
import {
  applicableSteps,
  checkStepOrder,
  completionBlockers,
  fieldValue,
  findField,
  findStep,
  isBlank,
  isLockedByPreset,
  lockedFieldKeys,
  lockViolation,
  missingChecklistItems,
  unknownChecklistItems,
  unlockedValues,
} from '../definitions/rules';
import { fieldValueIssues, validateProviderValues, validateStepValues } from '../definitions/value-validation';
import { photoReuseProblems } from '../definitions/photo-references';
import { dateTimeProblem, textProblem } from '../common/storable';

/** A time that ends the job when it passes: `name` is what an operator reads on its timer. */
export interface Deadline {
  name: 'start deadline' | 'completion deadline' | 'vehicle access window';
  /** Epoch ms. */
  at: number;
  /** Why the job failed, if this is what ended it. */
  reason: string;
}

/**
 * A job's state and the rules of its lifecycle, with no Temporal in it: the workflow asks
 * `check…` in an update's validator (and again in the handler, since another update may have
 * run in between), then applies the change. Every refusal is a `JobRefused.<reason>` failure.
 * Pure and deterministic, so it runs in the workflow sandbox and in plain unit tests alike.
 */
export class JobMachine {
  readonly jobType: CompiledJobType;
  status: JobStatus = 'PENDING';
  /** What the provider set: locked for the installer. */
  private providerValues: Record<string, unknown>;
  /** What the installer filled in, step by step. */
  private installerValues: Record<string, unknown> = {};
  /** What the vehicle reported through a step's action (the job type's `fills`): locked once there. */
  private filledValues: Record<string, unknown> = {};
  private completedSteps: Array<{ id: string; completedAt: string }> = [];
  /** Steps whose action runs right now, and why a step's last action failed. */
  private readonly runningActions = new Set<string>();
  private readonly actionErrors = new Map<string, string>();
  /** How the vehicle was left when access ended; absent while access has not ended. */
  security?: VehicleSecurity;
  customerName?: string;
  requestedStartAt?: string;
  installerCompanyId?: string;
  failureReason?: string;
  accessGrant?: AccessGrantState;
  assignedAt?: string;
  startedAt?: string;
  finishedAt?: string;
  deleted = false;

  /**
   * @param deadlinesFrom epoch ms the deadlines count from: the workflow's start on the Temporal
   *   server's clock, not the API host's, so a skewed host clock cannot shorten a deadline.
   */
  constructor(
    private readonly input: JobWorkflowInput,
    private readonly workflowId: string,
    private readonly deadlinesFrom: number,
  ) {
    this.jobType = input.jobType;
    this.providerValues = withoutBlanks(input.values);
    this.customerName = input.customerName;
    this.requestedStartAt = input.requestedStartAt;
  }

  get jobId(): string {
    return this.input.jobId;
  }

  /** Provider, vehicle and installer values together: what the job knows. */
  get values(): Record<string, unknown> {
    return { ...this.installerValues, ...this.filledValues, ...this.providerValues };
  }

  /** The job's CloudBoxx (the new one in a swap) and the box taken out, as far as they are known. */
  get boxes(): { qnr?: string; oldQnr?: string } {
    const { qnrField, oldQnrField } = this.jobType.vehicle;
    const values = this.values;
    const text = (key: string | null) => {
      const value = key === null ? undefined : fieldValue(values, key);
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    return { qnr: text(qnrField), oldQnr: text(oldQnrField) };
  }

  get isFinished(): boolean {
    return this.status === 'SUCCEEDED' || this.status === 'FAILED' || this.deleted;
  }

  /** Absolute deadlines in epoch ms that apply in the current status; the earliest ends the job. */
  pendingDeadlines(): Deadline[] {
    const created = this.deadlinesFrom;
    const { startWithinMs, completeWithinMs } = this.jobType.deadlines;
    const deadlines: Deadline[] = [];
    if (this.isFinished) return deadlines;
    if (startWithinMs !== undefined && (this.status === 'PENDING' || this.status === 'ASSIGNED')) {
      deadlines.push({
        name: 'start deadline',
        at: created + startWithinMs,
        reason: `not started within ${describeMs(startWithinMs)} of its creation (the job type's startWithin deadline)`,
      });
    }
    if (completeWithinMs !== undefined) {
      deadlines.push({
        name: 'completion deadline',
        at: created + completeWithinMs,
        reason: `not completed within ${describeMs(completeWithinMs)} of its creation (the job type's completeWithin deadline)`,
      });
    }
    if (this.status === 'RUNNING' && this.accessGrant && !this.accessGrant.revokedAt) {
      deadlines.push({
        name: 'vehicle access window',
        at: Date.parse(this.accessGrant.expiresAt),
        reason: `the vehicle access window of ${describeMs(this.jobType.access.maxDurationMs)} ran out before the job was completed`,
      });
    }
    return deadlines.sort((a, b) => a.at - b.at);
  }

  // ── Provider side ──────────────────────────────────────────────────────────────────────────

  checkEdit(request: EditJobRequest): void {
    this.checkProvider(request.actor);
    this.checkStatus(['PENDING'], 'edited');
    const unstorable = [
      ...(typeof request.customerName === 'string' ? storable('/customerName', 'customerName', textProblem(request.customerName)) : []),
      ...(typeof request.requestedStartAt === 'string'
        ? storable('/requestedStartAt', 'requestedStartAt', dateTimeProblem(request.requestedStartAt))
        : []),
    ];
    if (unstorable.length > 0) throw refuse('invalidValues', 'Some values cannot be stored.', unstorable);
    if (request.values !== undefined) {
      const issues = validateProviderValues(this.jobType, withoutBlanks({ ...this.providerValues, ...request.values }), 'edit');
      if (issues.length > 0) throw refuse('invalidValues', `Some values break the rules of job type ${this.jobType.id}.`, issues);
    }
  }

  edit(request: EditJobRequest): void {
    if (request.values !== undefined) this.providerValues = withoutBlanks({ ...this.providerValues, ...request.values });
    if (request.customerName !== undefined) this.customerName = request.customerName ?? undefined;
    if (request.requestedStartAt !== undefined) this.requestedStartAt = request.requestedStartAt ?? undefined;
  }

  checkAssign(request: AssignJobRequest): void {
    this.checkProvider(request.actor);
    this.checkStatus(['PENDING'], 'assigned');
  }

  assign(request: AssignJobRequest, now: string): void {
    this.status = 'ASSIGNED';
    this.installerCompanyId = request.installerCompanyId;
    this.assignedAt = now;
  }

  checkDelete(actor: Actor): void {
    this.checkProvider(actor);
    this.checkStatus(['PENDING'], 'deleted');
  }

  delete(): void {
    this.deleted = true;
  }

  // ── Installer side ─────────────────────────────────────────────────────────────────────────

  checkStart(actor: Actor): void {
    this.checkInstaller(actor);
    this.checkStatus(['ASSIGNED'], 'started');
  }

  start(now: string, grant: AccessGrantState): void {
    this.status = 'RUNNING';
    this.startedAt = now;
    this.accessGrant = grant;
  }

  /** Who may ask how a step goes: the assigned company, about a step the job has. */
  checkStepProgress(request: StepRequest): void {
    this.checkInstaller(request.actor);
    if (!findStep(this.jobType, request.stepId))
      throw refuse('unknownStep', `Job ${this.jobId} has no step "${request.stepId}".`, [
        { pointer: '/stepId', message: 'is not a step of this job', rule: 'unknownStep' },
      ]);
  }

  /**
   * Everything about completing the step except its automated action, which the workflow runs next.
   * With `unknownChecklistItems: 'take'`, items the step does not have pass, as they did before they
   * were refused: for the workflow's handler, which replays runs that took some (see jobWorkflow).
   */
  checkCompleteStep(
    request: CompleteStepRequest,
    {
      unknownChecklistItems: unknownItems = 'refuse',
      now,
    }: {
      unknownChecklistItems?: 'refuse' | 'take';
      /** Given (the validator's clock): a step with an action is refused once the access window is over by it. */
      now?: number;
    } = {},
  ): CompiledStep {
    this.checkInstaller(request.actor);
    this.checkStatus(['RUNNING'], 'worked on');
    const order = checkStepOrder(this.jobType, this.completedStepIds, request.stepId, this.values);
    if (order?.rule === 'unknownStep') {
      const steps = applicableSteps(this.jobType, this.values).map((step) => step.id);
      throw refuse('unknownStep', `Job ${this.jobId} has no step "${request.stepId}"; its steps are: ${steps.join(', ') || '(none)'}.`, [
        { pointer: '/stepId', message: `must be one of: ${steps.join(', ') || '(none)'}`, rule: order.rule },
      ]);
    }
    if (order)
      throw refuse('stepOutOfOrder', `${capitalise(order.message)}.`, [{ pointer: '/stepId', message: order.message, rule: order.rule }]);
    const step = findStep(this.jobType, request.stepId)!;
    // A repeat while the step's action runs changes nothing: the caller learns the step's progress.
    if (this.runningActions.has(step.id)) return step;
    // The window's timer may not have ended the job yet: an action would start only to be stopped.
    const grant = this.accessGrant;
    if (step.action && now !== undefined && grant && now >= Date.parse(grant.expiresAt))
      throw refuse('accessDenied', `The vehicle access of job ${this.jobId} has ended, so step "${step.title}" cannot run its action.`);
    const issues = [
      ...validateStepValues(this.jobType, step.id, this.stepValues(step, request), this.providerValues),
      ...photoReuseProblems(this.jobType, this.values, this.givenStepValues(step, request)),
    ];
    const ticked = request.checklist ?? [];
    const unknown = unknownItems === 'refuse' ? unknownChecklistItems(step, ticked) : [];
    const unticked = missingChecklistItems(step, ticked);
    const items = step.checklist.length > 0 ? `its items are: ${step.checklist.map(quote).join(', ')}` : 'it has no checklist items';
    const checklist: FieldProblem[] = [
      ...unknown.map(({ index, item }) => ({
        pointer: `/checklist/${index}`,
        message: `${quote(item)} is not an item of this step; ${items}`,
        rule: 'unknownChecklistItem',
      })),
      ...(unticked.length > 0 ? [{ pointer: '/checklist', message: `missing: ${unticked.join(', ')}`, rule: 'checklist' }] : []),
    ];
    // Every problem of the request in one answer; its reason is the first that applies.
    const locked = issues.filter((issue) => issue.rule === 'locked');
    if (locked.length > 0)
      throw refuse('lockedField', locked.map((issue) => capitalise(issue.message)).join('; ') + '.', [...issues, ...checklist]);
    if (issues.length > 0)
      throw refuse('invalidValues', `Some values for step "${step.title}" break the rules of job type ${this.jobType.id}.`, [
        ...issues,
        ...checklist,
      ]);
    if (unknown.length > 0)
      throw refuse(
        'unknownChecklistItem',
        `Step "${step.title}" has no checklist item${unknown.length === 1 ? '' : 's'} ${unknown.map(({ item }) => quote(item)).join(', ')}; ${items}.`,
        checklist,
      );
    if (unticked.length > 0)
      throw refuse(
        'checklistIncomplete',
        `Step "${step.title}" needs every checklist item ticked; missing: ${unticked.join(', ')}.`,
        checklist,
      );
    return step;
  }

  /**
   * What a step completes with: the defaults of its fields, what was saved for it as a draft, and
   * the request's values on top. A default is a value; a saved draft counts.
   */
  stepValues(step: CompiledStep, request: CompleteStepRequest): Record<string, unknown> {
    return { ...this.stepDefaults(step), ...this.givenStepValues(step, request) };
  }

  /** Keys of the step's fields that take their job type's default in this request. */
  defaultedKeys(step: CompiledStep, request: CompleteStepRequest): string[] {
    const given = this.givenStepValues(step, request);
    return Object.keys(this.stepDefaults(step)).filter((key) => !Object.hasOwn(given, key));
  }

  /** The defaults of the step's fields, in the job type's order, except where the provider set the field. */
  private stepDefaults(step: CompiledStep): Record<string, unknown> {
    return Object.fromEntries(
      this.jobType.fields
        .filter(
          (field) => step.collect.includes(field.key) && field.default !== undefined && !Object.hasOwn(this.providerValues, field.key),
        )
        .map((field) => [field.key, field.default]),
    );
  }

  /** What the installer gave for the step: the saved draft, with the request's values on top. */
  private givenStepValues(step: CompiledStep, request: CompleteStepRequest): Record<string, unknown> {
    return { ...pick(this.installerValues, step.collect), ...(request.values ?? {}) };
  }

  isActionRunning(stepId: string): boolean {
    return this.runningActions.has(stepId);
  }

  /** A step without an action is done at once. */
  completeStep(request: CompleteStepRequest, now: string): void {
    this.storeInstallerValues(this.stepValues(findStep(this.jobType, request.stepId)!, request));
    this.completedSteps.push({ id: request.stepId, completedAt: now });
  }

  /** A step with an action: its values are kept, and it is done once the action succeeds. */
  beginStepAction(request: CompleteStepRequest): void {
    this.storeInstallerValues(this.stepValues(findStep(this.jobType, request.stepId)!, request));
    this.runningActions.add(request.stepId);
    this.actionErrors.delete(request.stepId);
  }

  /** The action landed: the step is done, with what the vehicle reported in the fields the step fills. */
  finishStepAction(stepId: string, now: string, filled: Record<string, unknown> = {}): void {
    this.runningActions.delete(stepId);
    Object.assign(this.filledValues, withoutBlanks(filled));
    this.completedSteps.push({ id: stepId, completedAt: now });
  }

  /** The action failed: the step stays open with the reason, and the installer may try again. */
  failStepAction(stepId: string, reason: string): void {
    this.runningActions.delete(stepId);
    this.actionErrors.set(stepId, reason);
  }

  /** A locked field may be re-sent unchanged; only the installer's own fields are stored. */
  private storeInstallerValues(values: Record<string, unknown>): void {
    const locking = { ...this.filledValues, ...this.providerValues };
    for (const [key, value] of Object.entries(unlockedValues(this.jobType, locking, values))) {
      if (isBlank(value)) delete this.installerValues[key];
      else this.installerValues[key] = value;
    }
  }

  /**
   * With `whileActionRuns: 'refuse'` (the validator's), a field of a step whose action runs is refused:
   * the action went out with the values as they were. The handler takes them as it did before the
   * rule, so that runs which saved such a value replay as they ran.
   */
  checkSaveValues(request: SaveValuesRequest, { whileActionRuns = 'take' }: { whileActionRuns?: 'refuse' | 'take' } = {}): void {
    this.checkInstaller(request.actor);
    this.checkStatus(['RUNNING'], 'filled in');
    const locked: FieldProblem[] = [];
    const invalid: FieldProblem[] = [];
    for (const [key, value] of Object.entries(request.values)) {
      const pointer = jsonPointer('values', key);
      const field = findField(this.jobType, key);
      if (!field) invalid.push({ pointer, message: `job type ${this.jobType.id} has no field "${key}"`, rule: 'unknownField' });
      else if (isLockedByPreset(this.providerValues, key)) {
        const violation = lockViolation(this.jobType, this.providerValues, key, value);
        if (violation) locked.push({ pointer, message: violation.message, rule: violation.rule });
      } else if (fillingStep(this.jobType, key)) {
        locked.push({
          pointer,
          message: `${field.label} is filled from the vehicle's answer in step "${fillingStep(this.jobType, key)!.title}"`,
          rule: 'locked',
        });
      } else if (field.collectedBy === null)
        invalid.push({ pointer, message: `${field.label} is set by the provider only`, rule: 'notInStep' });
      else if (this.completedStepIds.includes(field.collectedBy))
        invalid.push({
          pointer,
          message: `${field.label} belongs to step "${field.collectedBy}", which is completed`,
          rule: 'stepCompleted',
        });
      else if (whileActionRuns === 'refuse' && this.runningActions.has(field.collectedBy))
        invalid.push({
          pointer,
          message: `${field.label} belongs to step "${field.collectedBy}", whose action is running with the value it was completed with`,
          rule: 'stepInProgress',
        });
      else if (!isBlank(value))
        for (const { message, rule } of fieldValueIssues(field, value, field.label)) invalid.push({ pointer, message, rule });
    }
    invalid.push(...photoReuseProblems(this.jobType, this.values, request.values));
    if (locked.length > 0) throw refuse('lockedField', locked.map((p) => capitalise(p.message)).join('; ') + '.', locked);
    if (invalid.length > 0) throw refuse('invalidValues', 'Some values cannot be saved.', invalid);
  }

  saveValues(request: SaveValuesRequest): void {
    this.storeInstallerValues(request.values);
  }

  checkComplete(actor: Actor): void {
    this.checkInstaller(actor);
    this.checkStatus(['RUNNING'], 'completed');
    const { pendingSteps, missingFields } = completionBlockers(this.jobType, {
      completedStepIds: this.completedStepIds,
      values: this.values,
    });
    if (pendingSteps.length > 0 || missingFields.length > 0) {
      const problems: FieldProblem[] = [
        ...pendingSteps.map((id) => ({
          pointer: `/steps/${id}`,
          message: `step "${findStep(this.jobType, id)?.title ?? id}" is not completed`,
          rule: 'stepOpen',
        })),
        ...missingFields.map((key) => ({ pointer: `/values/${key}`, message: 'is required before the job can succeed', rule: 'required' })),
      ];
      const parts = [
        pendingSteps.length > 0 ? `open steps: ${pendingSteps.join(', ')}` : '',
        missingFields.length > 0 ? `required fields without a value: ${missingFields.join(', ')}` : '',
      ].filter(Boolean);
      throw refuse('incomplete', `The job cannot succeed yet — ${parts.join('; ')}.`, problems);
    }
  }

  complete(now: string): void {
    this.status = 'SUCCEEDED';
    this.finishedAt = now;
  }

  /**
   * The assigned company gives the job up: a RUNNING one it cannot finish, or an ASSIGNED one it
   * declines — the provider can no longer change an assigned job, so this is its way back. An
   * ASSIGNED job never had vehicle access, so its end has nothing to close or secure.
   */
  checkFail(actor: Actor, reason: string): void {
    this.checkInstaller(actor);
    this.checkStatus(['ASSIGNED', 'RUNNING'], 'failed');
    if (reason.trim().length === 0) {
      throw refuse('reasonRequired', 'Say why the job could not be completed: the provider reads it.', [
        { pointer: '/reason', message: 'must not be blank', rule: 'required' },
      ]);
    }
    const unstorable = storable('/reason', 'The reason', textProblem(reason));
    if (unstorable.length > 0) throw refuse('invalidValues', 'The reason cannot be stored.', unstorable);
  }

  /** Also the engine's way to end a job: a deadline, an elapsed access window, an operator's cancel. */
  fail(reason: string, now: string): void {
    this.status = 'FAILED';
    this.failureReason = reason.trim();
    this.finishedAt = now;
  }

  /** The QNR the command goes to, once the caller, the status and the grant allow it. */
  checkVehicleCommand(request: VehicleCommandRequest, now: number): string {
    this.checkInstaller(request.actor);
    this.checkStatus(['RUNNING'], 'used to command the vehicle');
    const grant = this.accessGrant;
    if (!grant || grant.revokedAt || now >= Date.parse(grant.expiresAt)) {
      throw refuse('accessDenied', `The vehicle access of job ${this.jobId} has ended.`);
    }
    if (!grant.permissions.includes(request.command)) {
      throw refuse(
        'accessDenied',
        `Job type ${this.jobType.id} does not allow "${request.command}"; its access permits ${grant.permissions.join(', ')}.`,
        [{ pointer: '/command', message: `not permitted by the job's access`, rule: 'permission' }],
      );
    }
    const { qnr, oldQnr } = this.boxes;
    const boxes = [qnr, oldQnr].filter((box): box is string => box !== undefined);
    if (boxes.length === 0)
      throw refuse('vehicleUnknown', `Job ${this.jobId} does not know its CloudBoxx yet: ${this.whereTheBoxComesFrom()}.`);
    if (request.qnr === undefined) return boxes[0]!; // the job's box; in a swap before the new box is in, the old one
    if (boxes.includes(request.qnr)) return request.qnr;
    throw refuse('invalidValues', `CloudBoxx ${request.qnr} is not part of job ${this.jobId}.`, [
      { pointer: '/qnr', message: `must be one of: ${boxes.join(', ')}`, rule: 'enum' },
    ]);
  }

  /** "CloudBoxx QNR is filled in step "Mount"": where a job without a known box gets one. */
  private whereTheBoxComesFrom(): string {
    const field = findField(this.jobType, this.jobType.vehicle.qnrField);
    const step = field?.collectedBy ? findStep(this.jobType, field.collectedBy) : undefined;
    return step
      ? `${field!.label} is filled in step "${step.title}"; complete that step first`
      : `${field?.label ?? this.jobType.vehicle.qnrField} is blank`;
  }

  /**
   * What to do to the vehicle now that access has ended: the job type's onEnd commands on the job's
   * box, or why nothing is to be done.
   */
  securingPlan(): { qnr: string; commands: ReadonlyArray<'lock' | 'disableDriving'> } | { nothing: string } {
    if (this.jobType.access.onEnd.length === 0)
      return { nothing: 'The job type leaves the vehicle as it is when access ends (access.onEnd: []).' };
    const { qnr, oldQnr } = this.boxes;
    const box = qnr ?? oldQnr;
    if (box === undefined) return { nothing: 'No CloudBoxx was known for this job, so the vehicle was never reached through it.' };
    return { qnr: box, commands: this.jobType.access.onEnd };
  }

  /** How the vehicle stands from the end of access until the securing's outcome: what onEnd does, in words. */
  securingPending(): VehicleSecurity {
    const commands = this.jobType.access.onEnd;
    const detail =
      commands.length === 0
        ? 'Access has ended; the job type leaves the vehicle as it is (access.onEnd: []).'
        : `Access has ended; the vehicle is being ${securingWords(commands, 'done').join(' and ')}.`;
    return { state: 'pending', detail };
  }

  revokeAccess(now: string, reason: string): void {
    if (this.accessGrant && !this.accessGrant.revokedAt) this.accessGrant = { ...this.accessGrant, revokedAt: now, revokeReason: reason };
  }

  // ── Reading ────────────────────────────────────────────────────────────────────────────────

  get completedStepIds(): string[] {
    return this.completedSteps.map((step) => step.id);
  }

  get lastCompletedStep(): string | undefined {
    return this.completedSteps.at(-1)?.id;
  }

  /** Where one step stands: done, its action running, or open (with why its last action failed). */
  stepProgress(stepId: string): StepProgress {
    const step = findStep(this.jobType, stepId)!;
    const done = this.completedSteps.find((completed) => completed.id === step.id);
    if (done) return { id: step.id, title: step.title, status: 'done', completedAt: done.completedAt };
    if (this.runningActions.has(step.id)) return { id: step.id, title: step.title, status: 'inProgress' };
    const actionError = this.actionErrors.get(step.id);
    return { id: step.id, title: step.title, status: 'open', ...(actionError !== undefined && { actionError }) };
  }

  snapshot(revision: number): JobSnapshot {
    const values = this.values;
    const steps = applicableSteps(this.jobType, values).map((step) => this.stepProgress(step.id));
    return {
      jobId: this.input.jobId,
      workflowId: this.workflowId,
      providerId: this.input.providerId,
      fleetId: this.input.fleetId,
      jobTypeId: this.jobType.id,
      jobTypeVersion: this.jobType.version,
      jobTypeTitle: this.jobType.title,
      status: this.status,
      installerCompanyId: this.installerCompanyId,
      customerName: this.customerName,
      requestedStartAt: this.requestedStartAt,
      values,
      lockedFields: [...lockedFieldKeys(this.jobType, this.providerValues), ...Object.keys(this.filledValues)],
      steps,
      lastCompletedStep: this.lastCompletedStep,
      lastCompletedStepTitle: this.lastCompletedStep && findStep(this.jobType, this.lastCompletedStep)?.title,
      searchableText: searchableText(this.jobType, values),
      failureReason: this.failureReason,
      accessGrant: this.accessGrant,
      vehicle: { ...this.boxes, ...(this.security && { security: this.security }) },
      createdBy: this.input.createdBy.kind === 'user' ? this.input.createdBy.userId : undefined,
      revision,
      createdAt: this.input.createdAt,
      assignedAt: this.assignedAt,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
    };
  }

  // ── Who may do what ────────────────────────────────────────────────────────────────────────

  private checkProvider(actor: Actor): void {
    if (actor.kind === 'user' && actor.organisationId === this.input.providerId) return;
    throw refuse('notYourJob', `Job ${this.jobId} is not one of your jobs.`);
  }

  private checkInstaller(actor: Actor): void {
    if (actor.kind === 'user' && this.installerCompanyId !== undefined && actor.organisationId === this.installerCompanyId) return;
    throw refuse('notYourJob', `Job ${this.jobId} is not assigned to your company.`);
  }

  private checkStatus(allowed: JobStatus[], what: string): void {
    if (this.deleted) throw refuse('wrongStatus', `Job ${this.jobId} has been deleted.`);
    if (allowed.includes(this.status)) return;
    throw refuse('wrongStatus', `Job ${this.jobId} is ${this.status}; it can be ${what} only while ${allowed.join(' or ')}.`, [
      { pointer: '/status', message: `is ${this.status}`, rule: 'status' },
    ]);
  }
}

function refuse(reason: RefusalReason, message: string, problems: Array<FieldProblem | ValueIssue> = []) {
  return refusal(
    reason,
    message,
    problems.map((p) => ({ pointer: p.pointer, message: p.message, ...(p.rule ? { rule: p.rule } : {}) })),
  );
}

/** The workflow's own guard behind the API's: a value Postgres cannot hold never becomes the job's. */
function storable(pointer: string, label: string, problem: string | undefined): FieldProblem[] {
  return problem === undefined ? [] : [{ pointer, message: `${label} ${problem}`, rule: 'storable' }];
}

/** The step whose action fills `key` from the vehicle's answer, if any. */
function fillingStep(jobType: CompiledJobType, key: string): CompiledStep | undefined {
  return jobType.steps.find((step) => Object.hasOwn(step.fills, key));
}

function pick(values: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => Object.hasOwn(values, key)).map((key) => [key, values[key]]));
}

function withoutBlanks(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => !isBlank(value)));
}

/** A checklist item as the refusal names it: in quotes, as items hold commas of their own. */
function quote(item: string): string {
  return JSON.stringify(item);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** 8 hours, 14 days: how a deadline reads in a failure reason. */
export function describeMs(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1_000, 'second'],
  ];
  for (const [size, name] of units) {
    if (ms % size === 0 && ms >= size) return `${ms / size} ${name}${ms / size === 1 ? '' : 's'}`;
  }
  return `${ms} ms`;
}

/** The searchable fields' values as a search box meets them: an address by its text, anything else as written. */
function searchableText(jobType: CompiledJobType, values: Record<string, unknown>): string {
  const texts: string[] = [];
  for (const field of jobType.fields) {
    const value = fieldValue(values, field.key);
    if (!field.searchable || value === undefined || value === null) continue;
    if (typeof value === 'object') {
      const text = (value as { text?: unknown }).text;
      if (typeof text === 'string') texts.push(text);
    } else texts.push(String(value));
  }
  return texts.join(' ');
}
