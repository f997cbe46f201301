import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { jobWorkflowId, type Actor, type JobSnapshot } from '../../common/job';
import { newJobId } from '../../common/job-id';
import {
  assignJobUpdate,
  completeJobUpdate,
  completeStepUpdate,
  jobCreatedUpdate,
  jobSnapshotQuery,
  startJobUpdate,
  type JobOutcome,
} from '../../common/job-messages';
import { JOB_WORKFLOW_GENERATION, JOB_WORKFLOW_TASK_TIMEOUT, type JobWorkflowInput } from '../../common/job-workflow';
import {
  FleetIdAttribute,
  JobIdAttribute,
  JobStatusAttribute,
  JobTypeAttribute,
  ProviderIdAttribute,
} from '../../common/search-attributes';
import { principalForToken } from '../../db/tenancy';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import { jobWorkflow } from '../../workflows';
import { INSTALL_PRESETS, INSTALL_STEP_VALUES } from '../../test/support/install-job';
import { jpegWithExif, uploadPhoto, withUploadedPhotos } from '../../test/support/photos';
import { seedVehicle } from '../../test/support/oneapi';
import type { JobStack } from './stack';

/**
 * One job's lifecycle, the same nine changes whichever way they are sent: create, assign, start,
 * each step of the job type, complete. A driver sends them one by one — through the API, straight
 * to the job workflow, or to the baseline — and runLifecycle times each until it is answered.
 */

/** What a change is, for the per-call figures; a step whose action talks to the vehicle is its own kind. */
export type ChangeKind = 'create' | 'assign' | 'start' | 'step' | 'action step' | 'complete';

export interface Change {
  kind: ChangeKind;
  stepId?: string;
  values?: Record<string, unknown>;
  checklist?: readonly string[];
}

export interface LifecycleDriver {
  readonly changes: readonly Change[];
  /**
   * Sends the change; true when the answer said a step's action still ran (the API's 202), and the
   * driver then watched the job, as a portal would, until the step was done.
   */
  send(change: Change): Promise<boolean>;
  /** The run the changes went to; known once `create` has answered. */
  workflowId(): string;
  /** Resolves when the run has closed, having done what it should (a job: SUCCEEDED). */
  closed(): Promise<void>;
  /** Time spent so far on what is not a change to the job (uploading its photos), left out of the timings. */
  untimedMs?(): number;
}

export interface LifecycleTimes {
  workflowId: string;
  /** `followed`: answered "in progress", and timed until the step was done. */
  calls: Array<{ kind: ChangeKind; ms: number; followed: boolean }>;
  /** From sending create until complete has answered. */
  totalMs: number;
}

/** A change that failed, and in a few words how (for counting alike failures). */
export class ChangeFailed extends Error {
  override name = 'ChangeFailed';
  constructor(
    readonly kind: ChangeKind,
    readonly summary: string,
    cause: unknown,
  ) {
    super(`${kind} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export async function runLifecycle(driver: LifecycleDriver): Promise<LifecycleTimes> {
  const calls: LifecycleTimes['calls'] = [];
  const begun = performance.now();
  for (const change of driver.changes) {
    const sent = performance.now();
    const untimedBefore = driver.untimedMs?.() ?? 0;
    let followed: boolean;
    try {
      followed = await driver.send(change);
    } catch (error) {
      const summary = error instanceof ApiAnswerError ? error.summary : error instanceof Error ? error.name : String(error);
      throw new ChangeFailed(change.kind, `${change.kind}: ${summary}`, error);
    }
    calls.push({ kind: change.kind, ms: performance.now() - sent - ((driver.untimedMs?.() ?? 0) - untimedBefore), followed });
  }
  return { workflowId: driver.workflowId(), calls, totalMs: performance.now() - begun - (driver.untimedMs?.() ?? 0) };
}

/** The changes of a cloudboxx-install job, its values filled in as the installer would for the box in `vehicle`. */
export function installChanges(jobType: CompiledJobType, vehicle: { qnr: string; vin: string }): Change[] {
  const filled: Record<string, Record<string, unknown>> = {
    ...INSTALL_STEP_VALUES,
    'check-in': { ...INSTALL_STEP_VALUES['check-in'], vin: vehicle.vin },
    mount: { ...INSTALL_STEP_VALUES.mount, boxQnr: vehicle.qnr },
  };
  return [
    { kind: 'create' },
    { kind: 'assign' },
    { kind: 'start' },
    ...jobType.steps.map((step): Change => ({
      kind: step.action ? 'action step' : 'step',
      stepId: step.id,
      values: filled[step.id] ?? {},
      checklist: step.checklist,
    })),
    { kind: 'complete' },
  ];
}

let vehicles = 0;

/** A vehicle of its own in the simulator for each job, so that no two jobs lock and unlock the same car. */
function newVehicle(stack: JobStack): { qnr: string; vin: string } {
  vehicles += 1;
  const vin = `WVWZZZ1JZ${String(vehicles).padStart(8, '0')}`;
  return { qnr: seedVehicle(stack.simulator, { vin }).telematicsUnitId, vin };
}

export const INSTALL_TYPE = 'cloudboxx-install';

let benchJpeg: Promise<Buffer> | undefined;

/** Through the API, as the portals send them: the provider admin creates and assigns, the technician does the rest. */
export function apiLifecycle(stack: JobStack): LifecycleDriver {
  const jobType = stack.jobTypes.get(INSTALL_TYPE)!;
  const { tokens, fleetId, installerCompanyId } = stack.tenant;
  let jobId: string | undefined;
  // The photos an installer takes are uploads, not changes to the job: done after start, and not
  // what this bench compares (bench:photos measures them).
  const photos: Record<string, Record<string, unknown>> = {};
  let untimed = 0;
  const call = async (method: string, path: string, token: string, expected: readonly number[], body?: unknown) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!expected.includes(response.status)) throw new ApiAnswerError(method, path, response.status, text);
    return { status: response.status, job: JSON.parse(text) as { id: string; steps: JobSnapshot['steps'] } };
  };
  const post = async (path: string, token: string, expected: number, body?: unknown) =>
    (await call('POST', path, token, [expected], body)).job;
  const changes = installChanges(jobType, newVehicle(stack));
  return {
    changes,
    async send(change) {
      const job = `/v1/jobs/${jobId}`;
      switch (change.kind) {
        case 'create':
          jobId = (await post('/v1/jobs', tokens.providerAdmin, 201, { jobTypeId: INSTALL_TYPE, fleetId, values: INSTALL_PRESETS })).id;
          return false;
        case 'assign':
          await post(`${job}/assign`, tokens.providerAdmin, 200, { installerCompanyId });
          return false;
        case 'start': {
          await post(`${job}/start`, tokens.installerTechnician, 200);
          const uploading = performance.now();
          // One JPEG for the whole bench: making each with sharp would be the load generator's CPU, not the API's.
          const jpeg = await (benchJpeg ??= jpegWithExif(64, 48));
          const upload = () => uploadPhoto(stack.baseUrl, jobId!, tokens.installerTechnician, jpeg);
          for (const step of changes) if (step.stepId) photos[step.stepId] = await withUploadedPhotos(step.values ?? {}, upload);
          untimed += performance.now() - uploading;
          return false;
        }
        case 'step':
        case 'action step': {
          const body = { values: photos[change.stepId!] ?? change.values, checklist: change.checklist };
          const stepId = change.stepId!;
          const answer = await call('POST', `${job}/steps/${stepId}/complete`, tokens.installerTechnician, [200, 202], body);
          if (answer.status === 200) return false;
          // 202: the step's vehicle action still runs; the installer app follows the job until it is done.
          await untilStepDone(stepId, async () => (await call('GET', job, tokens.installerTechnician, [200])).job);
          return true;
        }
        case 'complete':
          await post(`${job}/complete`, tokens.installerTechnician, 200);
          return false;
      }
    },
    workflowId: () => jobWorkflowId(jobId!),
    closed: () => untilSucceeded(stack.client, jobWorkflowId(jobId!)),
    untimedMs: () => untimed,
  };
}

/** An answer the lifecycle cannot go on with, such as 503 outcome-unknown. */
class ApiAnswerError extends Error {
  override name = 'ApiAnswerError';
  /** e.g. "503 outcome-unknown" */
  readonly summary: string;
  constructor(method: string, path: string, status: number, body: string) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 1000)}`);
    const type = /"type":"[^"]*\/([^"/]+)"/.exec(body)?.[1];
    this.summary = `${status}${type ? ` ${type}` : ''}`;
  }
}

/** The actors the API makes of the demo tenant's provider admin and technician (api/jobs/router.ts actorOf). */
export interface DirectActors {
  provider: Extract<Actor, { kind: 'user' }>;
  installer: Extract<Actor, { kind: 'user' }>;
}

export async function directActors(stack: JobStack): Promise<DirectActors> {
  const actor = async (token: string): Promise<Extract<Actor, { kind: 'user' }>> => {
    const { userId, organisationId, role, email } = (await principalForToken(stack.db, token))!;
    return { kind: 'user', userId, organisationId, role, email };
  };
  return { provider: await actor(stack.tenant.tokens.providerAdmin), installer: await actor(stack.tenant.tokens.installerTechnician) };
}

/**
 * The same updates straight to the job workflow with the Temporal client: what the API does for
 * each call, without HTTP, authentication, its database reads and its check that a worker polls.
 * The workflow is started with the API's own start options (api/jobs/create-jobs.ts), so that the
 * runs are alike.
 */
export function directLifecycle(stack: JobStack, actors: DirectActors): LifecycleDriver {
  const jobType = stack.jobTypes.get(INSTALL_TYPE)!;
  const { providerId, fleetId, installerCompanyId } = stack.tenant;
  const jobId = newJobId();
  const workflowId = jobWorkflowId(jobId);
  const handle = stack.client.workflow.getHandle(workflowId);
  const { provider, installer } = actors;
  return {
    changes: installChanges(jobType, newVehicle(stack)),
    async send(change) {
      switch (change.kind) {
        case 'create': {
          const input: JobWorkflowInput = {
            generation: JOB_WORKFLOW_GENERATION,
            jobId,
            providerId,
            fleetId,
            jobType,
            values: INSTALL_PRESETS,
            createdBy: provider,
            createdAt: new Date().toISOString(),
          };
          const start = new WithStartWorkflowOperation(jobWorkflow, {
            workflowId,
            taskQueue: stack.taskQueue,
            args: [input],
            workflowIdConflictPolicy: 'FAIL',
            workflowIdReusePolicy: 'REJECT_DUPLICATE',
            workflowTaskTimeout: JOB_WORKFLOW_TASK_TIMEOUT,
            typedSearchAttributes: [
              { key: JobIdAttribute, value: jobId },
              { key: JobStatusAttribute, value: 'PENDING' },
              { key: JobTypeAttribute, value: jobType.id },
              { key: ProviderIdAttribute, value: providerId },
              { key: FleetIdAttribute, value: fleetId },
            ],
            staticSummary: `${jobType.title} — job ${jobId}`,
            staticDetails: `Job type **${jobType.id}** v${jobType.version} (built-in), created by ${provider.email}.`,
            memo: { jobTypeOwner: 'builtin' },
          });
          await stack.client.workflow.executeUpdateWithStart(jobCreatedUpdate, { startWorkflowOperation: start });
          return false;
        }
        case 'assign':
          await handle.executeUpdate(assignJobUpdate, { args: [{ actor: provider, installerCompanyId }] });
          return false;
        case 'start':
          await handle.executeUpdate(startJobUpdate, { args: [{ actor: installer }] });
          return false;
        case 'step':
        case 'action step': {
          const stepId = change.stepId!;
          const request = { actor: installer, stepId, values: change.values, checklist: change.checklist && [...change.checklist] };
          const { step } = await handle.executeUpdate(completeStepUpdate, { args: [request] });
          if (stepStatus({ steps: [step] }, stepId) === 'done') return false;
          await untilStepDone(stepId, () => handle.query(jobSnapshotQuery));
          return true;
        }
        case 'complete':
          await handle.executeUpdate(completeJobUpdate, { args: [{ actor: installer }] });
          return false;
      }
    },
    workflowId: () => workflowId,
    closed: () => untilSucceeded(stack.client, workflowId),
  };
}

function stepStatus(
  job: { steps: ReadonlyArray<Pick<JobSnapshot['steps'][number], 'id' | 'status' | 'actionError'>> },
  stepId: string,
): string | undefined {
  const step = job.steps.find((candidate) => candidate.id === stepId);
  if (step?.actionError) throw new Error(`The action of step ${stepId} failed: ${step.actionError}`);
  return step?.status;
}

/** How often a follower looks at a job whose step action runs: about as often as an app would refresh. */
const FOLLOW_EVERY_MS = 100;

async function untilStepDone(stepId: string, read: () => Promise<Pick<JobSnapshot, 'steps'>>): Promise<void> {
  while (stepStatus(await read(), stepId) !== 'done') await new Promise((resolve) => setTimeout(resolve, FOLLOW_EVERY_MS));
}

async function untilSucceeded(client: Client, workflowId: string): Promise<void> {
  const outcome: JobOutcome = await client.workflow.getHandle(workflowId).result();
  if (outcome.status !== 'SUCCEEDED') throw new Error(`Job ${outcome.jobId} ended ${outcome.status}: ${outcome.failureReason}`);
}
