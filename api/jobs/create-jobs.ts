import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { jobWorkflow } from '../../workflows';
import { NotFoundError, RuleViolationError } from '../../common/errors';
import { jobWorkflowId, type Actor } from '../../common/job';
import { jobIdFrom, newJobId } from '../../common/job-id';
import { assignJobUpdate, jobCreatedUpdate, type JobCreated } from '../../common/job-messages';
import { JOB_WORKFLOW_GENERATION, JOB_WORKFLOW_TASK_TIMEOUT, type JobWorkflowInput } from '../../common/job-workflow';
import {
  FleetIdAttribute,
  JobIdAttribute,
  JobStatusAttribute,
  JobTypeAttribute,
  ProviderIdAttribute,
} from '../../common/search-attributes';
import type { Db } from '../../db/connection';
import { findProviderFleet } from '../../db/fleets';
import { hasAcceptedInvitation } from '../../db/invitations';
import type { JobTypeOwner } from '../../definitions/catalog';
import type { CompiledJobType, ValueIssue } from '../../definitions/compiled-job-type';
import { newValueIssues, validateProviderValues } from '../../definitions/value-validation';
import type { Geocoder } from '../../geocoding/geocoder';
import { geocodeAddresses } from '../../geocoding/geocode-values';
import { refusalsAsProblems } from './refusals';
import { sendUpdate, sendUpdateWithStart } from '../temporal-calls';

/** What the jobs of one request share: their type, fleet and creator, and the request's key. */
export interface JobOrigin {
  jobType: CompiledJobType;
  /** Whose type it is, for the Temporal UI: a built-in, or the provider's own. */
  jobTypeOwner?: JobTypeOwner;
  fleetId: string;
  actor: Extract<Actor, { kind: 'user' }>;
  actorEmail: string;
  /** Set when the request has an Idempotency-Key: its retries find the jobs it started. */
  requestKey?: string;
}

/** What one new job holds beyond its origin: checked already (values geocoded and valid, the company invited). */
export interface CheckedJob {
  values: Record<string, unknown>;
  customerName?: string;
  requestedStartAt?: string;
  /** "Save & Assign": assign the new job to this company straight away. */
  installerCompanyId?: string;
}

export interface NewJobs extends JobOrigin, Omit<CheckedJob, 'values'> {
  values: Record<string, unknown>;
  /** N identical jobs, as a customer portal orders them. */
  count: number;
}

export interface CreateJobsDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  geocoder?: Geocoder;
}

/**
 * Jobs started at once by one request (count, an import). Measured with bench/bulk-create.ts on the
 * 2-core dev machine, 100 jobs against 100 sequential creates: 6 in flight 0.65×, 12 0.55×, 16
 * 0.52×, 24 0.45×, 32 and 48 no better — by then the Temporal dev server and Postgres are saturated,
 * and more in flight only lengthen each update towards its deadline.
 */
export const CREATE_CONCURRENCY = 24;

/**
 * Creates jobs the one way there is: a job workflow each, started with an update that answers
 * once the job is in the read model. Everything that can be checked up front is, so that a bad
 * request creates nothing.
 */
export async function createJobs(deps: CreateJobsDeps, spec: NewJobs): Promise<string[]> {
  const { jobType, actor } = spec;
  const fleet = await findProviderFleet(deps.db, actor.organisationId, spec.fleetId);
  if (!fleet)
    throw new NotFoundError(`Fleet ${spec.fleetId} does not exist.`, [{ pointer: '/fleetId', message: 'unknown fleet', rule: 'exists' }]);
  // An address of blanks, or a document's worth of text, is refused before the geocoder is asked about it.
  if (newValueIssues(jobType, spec.values).length > 0) throw invalidValues(jobType, spec.values);
  const values = await geocodeAddresses(jobType, spec.values, deps.geocoder);
  if (checkValues(jobType, values).length > 0) throw invalidValues(jobType, values);
  if (spec.installerCompanyId) await assertCompanyInvited(deps.db, spec.fleetId, spec.installerCompanyId);
  const job: CheckedJob = {
    values,
    customerName: spec.customerName,
    requestedStartAt: spec.requestedStartAt,
    installerCompanyId: spec.installerCompanyId,
  };
  return startJobs(
    deps,
    spec,
    Array.from({ length: spec.count }, (_, index) => ({ index, job })),
  );
}

/** Values given for a new job, held to the job type's rules and to those of values given now. */
function checkValues(jobType: CompiledJobType, values: Record<string, unknown>): ValueIssue[] {
  return newValueIssues(jobType, values, validateProviderValues(jobType, values));
}

function invalidValues(jobType: CompiledJobType, values: Record<string, unknown>): RuleViolationError {
  return new RuleViolationError(
    `Some values break the rules of job type ${jobType.id}.`,
    checkValues(jobType, values).map((i) => ({ pointer: i.pointer, message: i.message, rule: i.rule })),
    { type: 'invalid-values' },
  );
}

/**
 * Starts checked jobs, CREATE_CONCURRENCY at a time, answering their ids in the order given. Each
 * job's `index` names it within the request (with a request key, its id derives from it), so a
 * retry maps every job to the same workflow. On the first failure no further job is started; those
 * in flight are waited for, then the failure is thrown — the retry finishes the rest.
 */
export async function startJobs(
  deps: CreateJobsDeps,
  origin: JobOrigin,
  jobs: ReadonlyArray<{ index: number; job: CheckedJob }>,
): Promise<string[]> {
  return boundedMap(jobs, CREATE_CONCURRENCY, async ({ index, job }) => {
    const jobId = await startJob(deps, origin, job, index);
    if (job.installerCompanyId) {
      const installerCompanyId = job.installerCompanyId;
      // The same update id on a retry: Temporal answers with the first assignment instead of refusing a second.
      const updateId = origin.requestKey && `assign:${origin.requestKey}`;
      await refusalsAsProblems({ id: jobId, status: 'PENDING' }, () =>
        sendUpdate(deps, deps.temporal.workflow.getHandle(jobWorkflowId(jobId)), assignJobUpdate, {
          args: [{ actor: origin.actor, installerCompanyId }],
          updateId,
        }),
      );
    }
    return jobId;
  });
}

/**
 * `work` over `items` with at most `limit` running at once, the results in the items' order. After
 * a failure nothing new starts; the running ones finish (no promise is left behind) and the first
 * failure is thrown.
 */
export async function boundedMap<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const runner = async () => {
    while (failure === undefined && next < items.length) {
      const at = next;
      next += 1;
      try {
        results[at] = await work(items[at]!);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, runner));
  if (failure) throw failure.error;
  return results;
}

/** Ids tried for one job before giving up: a clash is one in a billion, three in a row never happen. */
const ID_ATTEMPTS = 3;

/**
 * Starts the request's `index`-th job, answering its id. Random ids normally; with a request key
 * (an Idempotency-Key) the ids derive from it, and a running job an earlier attempt of this request
 * started under such an id is taken as it is — so a retry after a partial failure starts only the
 * jobs still missing. An id held by anything else moves on to the next candidate.
 */
async function startJob(deps: { temporal: Client; taskQueue: string }, spec: JobOrigin, job: CheckedJob, index: number): Promise<string> {
  const { jobType, actor } = spec;
  for (let attempt = 0; attempt < ID_ATTEMPTS; attempt += 1) {
    const jobId = spec.requestKey ? jobIdFrom(`${spec.requestKey}:${index}:${attempt}`) : newJobId();
    const input: JobWorkflowInput = {
      generation: JOB_WORKFLOW_GENERATION,
      jobId,
      providerId: actor.organisationId,
      fleetId: spec.fleetId,
      jobType,
      values: job.values,
      customerName: job.customerName,
      requestedStartAt: job.requestedStartAt,
      createdBy: actor,
      createdAt: new Date().toISOString(),
    };
    const start = new WithStartWorkflowOperation(jobWorkflow, {
      workflowId: jobWorkflowId(jobId),
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdConflictPolicy: spec.requestKey ? 'USE_EXISTING' : 'FAIL',
      // A closed job keeps its id: it is never started again.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      workflowTaskTimeout: JOB_WORKFLOW_TASK_TIMEOUT,
      typedSearchAttributes: [
        { key: JobIdAttribute, value: jobId },
        { key: JobStatusAttribute, value: 'PENDING' },
        { key: JobTypeAttribute, value: jobType.id },
        { key: ProviderIdAttribute, value: actor.organisationId },
        { key: FleetIdAttribute, value: spec.fleetId },
      ],
      staticSummary: `${jobType.title} — job ${jobId}`,
      staticDetails: `Job type **${jobType.id}** v${jobType.version} (${ownerWords(spec)})${job.customerName ? ` for ${job.customerName}` : ''}, created by ${spec.actorEmail}.`,
      // Whose definition the run carries: 'builtin', or the id of the provider that published it.
      memo: { jobTypeOwner: spec.jobTypeOwner === 'provider' ? actor.organisationId : 'builtin' },
    });
    try {
      // A retry after an unknown outcome sends the same update id, and lands on the first one.
      const started = await sendUpdateWithStart(deps, jobCreatedUpdate, {
        startWorkflowOperation: start,
        updateId: spec.requestKey && `jobCreated:${jobId}`,
      });
      if (startedBy(started, spec)) return jobId;
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }
  throw new Error(`No free job id found in ${ID_ATTEMPTS} attempts; this cannot happen by chance.`);
}

function ownerWords(spec: JobOrigin): string {
  return spec.jobTypeOwner === 'provider' ? `own type of provider ${spec.actor.organisationId}` : 'built-in';
}

/** Whether a job found running under a derived id is one this request (its first attempt) started. */
function startedBy(job: JobCreated, spec: JobOrigin): boolean {
  return (
    job.providerId === spec.actor.organisationId &&
    job.createdBy === spec.actor.userId &&
    job.fleetId === spec.fleetId &&
    job.jobTypeId === spec.jobType.id
  );
}

/**
 * 422 company-not-invited unless the company accepted the fleet's invitation: checked here, before
 * a job is given to it (created assigned, or assigned), and not again in the workflow since an
 * acceptance is never taken back.
 */
export async function assertCompanyInvited(db: Db, fleetId: string, installerCompanyId: string): Promise<void> {
  if (await hasAcceptedInvitation(db, fleetId, installerCompanyId)) return;
  throw new RuleViolationError(
    `Installer company ${installerCompanyId} has no accepted invitation for this fleet; invite it first.`,
    [{ pointer: '/installerCompanyId', message: 'has not accepted an invitation for this fleet', rule: 'invitation' }],
    { type: 'company-not-invited' },
  );
}
