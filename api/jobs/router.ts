import Router, { type RouterContext } from '@koa/router';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { FromSchema } from 'json-schema-to-ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError, RuleViolationError, type FieldProblem } from '../../common/errors';
import { jobWorkflowId, type Actor } from '../../common/job';
import {
  assignJobUpdate,
  completeJobUpdate,
  completeStepUpdate,
  stepProgressUpdate,
  deleteJobUpdate,
  editJobUpdate,
  failJobUpdate,
  saveValuesUpdate,
  startJobUpdate,
  vehicleCommandUpdate,
} from '../../common/job-messages';
import { ownCustomer, tidyName } from '../../common/customer-names';
import type { Db } from '../../db/connection';
import { providerJobTypeStore } from '../../db/job-types';
import { registeredDefinition } from '../../db/job-type-versions';
import { findJob, findJobs, jobEventExists, listJobEvents, type JobRow } from '../../db/jobs';
import { mayAssign } from '../../db/tenancy';
import type { JobTypeCatalog } from '../../definitions/catalog';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import { findField } from '../../definitions/rules';
import type { AuthState } from '../auth';
import type { SignedInDeps } from '../signed-in';
import { parseBody, parseQuery } from '../validate';
import type { Geocoder } from '../../geocoding/geocoder';
import { geocodeAddresses } from '../../geocoding/geocode-values';
import { assertCompanyInvited, createJobs } from './create-jobs';
import { importJobs } from './import';
import { importCsvBody } from './import-body';
import { jobAccess } from './job-access';
import { photosNotUploaded } from './photo-values';
import { jobListRouter } from './list-router';
import { sendUpdate, sendUpdateAnsweringWithin } from '../temporal-calls';
import { toJobResource } from './job-resource';
import { refusalsAsProblems } from './refusals';
import {
  assignJobBody,
  completeStepBody,
  createJobBody,
  editJobBody,
  failJobBody,
  jobEventsQuery,
  JOB_EVENTS_PAGE,
  saveValuesBody,
  vehicleCommandBody,
  type createdJobs,
  type jobEvents,
  type vehicleCommandAnswer,
} from './schema';

export interface JobsRouterDeps extends SignedInDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  jobTypes: JobTypeCatalog;
  /** Absent: addresses are kept as given, coordinates only if the portal sends them. */
  geocoder?: Geocoder;
}

type Ctx = RouterContext<AuthState>;

/** /v1/jobs, for signed-in users only: the list and search (list-router.ts), and the jobs themselves. */
/** How long the installer's step request waits for the step's vehicle action before it answers 202 (in progress). */
const STEP_ANSWER_WITHIN_MS = 5_000;

export function jobsRouter(deps: JobsRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>();
  router.use(importCsvBody());
  router.use(deps.signedIn);
  router.use(jobListRouter(deps).routes(), jobRoutes(deps).routes());
  return router;
}

/**
 * Jobs for both sides. The provider creates, edits, deletes and assigns (its customer-portal users
 * all but assign: assignerOnly); the assigned installer company starts, completes steps, completes
 * or fails. Each change is an Update of the job's workflow, answered with the job as the read model
 * now shows it.
 */
function jobRoutes(deps: JobsRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/jobs' });
  const handleOf = (jobId: string) => deps.temporal.workflow.getHandle(jobWorkflowId(jobId));

  /**
   * The job, if the caller may see it (its provider, or the installer company it is assigned to)
   * and the route is for the caller's side. A job the caller may not see does not exist for it; one
   * it sees, on a route of the other side, is a 403 that says whose route it is.
   */
  async function visibleJob(ctx: Ctx, side: 'provider' | 'installer' | 'either'): Promise<JobRow> {
    const { principal } = ctx.state;
    const job = await findJob(deps.db, ctx.params.id!);
    // A dispatcher or customer-portal user acts for some customers only: other customers' jobs are none of theirs.
    const { isProvider, isInstaller } = jobAccess(job, principal);
    if (!job || !(isProvider || isInstaller)) throw new NotFoundError(`Job ${ctx.params.id} does not exist.`);
    if (side === 'provider' && !isProvider)
      throw new ForbiddenError(
        `This is for the provider of job ${job.id}; the installer company works on it through start, values, steps, complete and fail.`,
        [],
        { type: 'wrong-role' },
      );
    if (side === 'installer' && !isInstaller) throw await installerRouteRefused(job);
    return job;
  }

  /** 403 to the provider on an installer company's route, saying what the provider can still do in the job's status. */
  async function installerRouteRefused(job: JobRow): Promise<ForbiddenError> {
    const forCompany = `This is for the installer company the job is assigned to`;
    switch (job.status) {
      case 'PENDING':
        return new ForbiddenError(`${forCompany}; the provider changes job ${job.id} through PATCH, DELETE and assign.`, [], {
          type: 'wrong-role',
        });
      case 'ASSIGNED':
        return new ForbiddenError(`${forCompany}; job ${job.id} is assigned, so its provider can no longer change it.`, [], {
          type: 'wrong-role',
          detail: await whileAssigned(job),
        });
      case 'RUNNING':
        return new ForbiddenError(`${forCompany}; the company is working on job ${job.id} and completes or fails it.`, [], {
          type: 'wrong-role',
        });
      default:
        return new ForbiddenError(
          `${forCompany}; job ${job.id} is ${job.status} and nothing changes it any more (POST /v1/jobs/${job.id}/duplicate makes a new job from it).`,
          [],
          { type: 'wrong-role' },
        );
    }
  }

  /**
   * What is left to the provider of an ASSIGNED job, which it can no longer edit, delete or assign
   * (as in INVERS' portal): the company may decline it, or a deadline ends it.
   */
  async function whileAssigned(job: JobRow): Promise<string> {
    const decline =
      `Ask the installer company to decline job ${job.id}: it fails the job with its reason (POST /v1/jobs/${job.id}/fail), ` +
      `after which POST /v1/jobs/${job.id}/duplicate makes a new PENDING job from it.`;
    const deadline = endsBy(job, await definitionOf(job));
    return deadline
      ? `${decline} Unless the company starts it, it fails by itself at ${deadline.at} (the job type's ${deadline.name}).`
      : `${decline} Its job type sets no deadline (deadlines.startWithin, completeWithin), so until then it stays assigned.`;
  }

  /** The job type version a job was created with: the provider's own, else a built-in one. */
  async function definitionOf(job: JobRow): Promise<CompiledJobType | undefined> {
    return (
      (await providerJobTypeStore(deps.db).definition(job.provider_id, job.job_type_id, job.job_type_version)) ??
      (await registeredDefinition(deps.db, job.job_type_id, job.job_type_version))
    );
  }

  /**
   * tell, for the provider's changes (edit, delete, assign): refused because the job is assigned
   * now, the answer's detail says what the provider can still do.
   */
  async function tellAsProvider<Req extends { actor: Actor }, Ret>(
    ctx: Ctx,
    job: JobRow,
    update: UpdateDefinition<Ret, [Req]>,
    request: Omit<Req, 'actor'>,
  ): Promise<Ret> {
    try {
      return await tell(ctx, job, update, request);
    } catch (error) {
      if (!(error instanceof ConflictError) || error.type !== 'wrong-status' || error.detail) throw error;
      // The workflow refused for its status; the row shows it once the assignment has answered.
      const now = await findJob(deps.db, job.id);
      if (now?.status !== 'ASSIGNED') throw error;
      throw new ConflictError(error.message, error.details, { type: error.type, detail: await whileAssigned(now), cause: error });
    }
  }

  /** Sends the caller's change to the job's workflow; a refusal becomes the fitting problem. */
  function tell<Req extends { actor: Actor }, Ret>(
    ctx: Ctx,
    job: JobRow,
    update: UpdateDefinition<Ret, [Req]>,
    request: Omit<Req, 'actor'>,
  ): Promise<Ret>;
  function tell<Req extends { actor: Actor }, Ret>(
    ctx: Ctx,
    job: JobRow,
    update: UpdateDefinition<Ret, [Req]>,
    request: Omit<Req, 'actor'>,
    answerWithinMs: number,
  ): Promise<Ret | undefined>;
  function tell<Req extends { actor: Actor }, Ret>(
    ctx: Ctx,
    job: JobRow,
    update: UpdateDefinition<Ret, [Req]>,
    request: Omit<Req, 'actor'>,
    answerWithinMs?: number,
  ): Promise<Ret | undefined> {
    // A retried request (same Idempotency-Key) sends the same update id: Temporal answers it with the
    // first outcome instead of applying the change twice, even if the first answer never got back.
    const updateId = ctx.state.requestKey && `${update.name}:${ctx.state.requestKey}`;
    const options = { args: [{ ...request, actor: actorOf(ctx) } as Req] as [Req], updateId };
    // With deadlines, after checking that a worker runs jobs: an outage answers 503 within seconds.
    return refusalsAsProblems(job, () =>
      answerWithinMs === undefined
        ? sendUpdate(deps, handleOf(job.id), update, options)
        : sendUpdateAnsweringWithin(deps, handleOf(job.id), update, options, answerWithinMs),
    );
  }

  async function answerWithJob(ctx: Ctx, jobId: string): Promise<void> {
    ctx.body = toJobResource((await findJob(deps.db, jobId))!);
  }

  function requireProvider(ctx: Ctx): void {
    if (ctx.state.principal.organisationKind !== 'provider') {
      throw new ForbiddenError('Jobs are created by the mobility provider; an installer company gets them assigned.', [], {
        type: 'wrong-role',
      });
    }
  }

  /** The job type a provider's user creates jobs from: the provider's own or a built-in, not archived. */
  async function jobTypeFor(ctx: Ctx, jobTypeId: string) {
    requireProvider(ctx);
    // The provider's own types and the built-ins; another provider's type is as unknown as a made-up id.
    const found = await deps.jobTypes.forProvider(providerJobTypeStore(deps.db), ctx.state.principal.organisationId, jobTypeId);
    if (!found)
      throw new RuleViolationError(
        `Job type ${jobTypeId} does not exist.`,
        [{ pointer: '/jobTypeId', message: 'unknown job type', rule: 'exists' }],
        {
          type: 'unknown-job-type',
        },
      );
    if (found.archived) throw jobTypeArchived(jobTypeId, '/jobTypeId');
    return found;
  }

  router.post('/', async (ctx) => {
    requireProvider(ctx);
    const body = parseBody(createJobBody, ctx.request.body);
    if (body.installerCompanyId !== undefined)
      assignerOnly(ctx, [{ pointer: '/installerCompanyId', message: 'only provider staff assign', rule: 'role' }]);
    const found = await jobTypeFor(ctx, body.jobTypeId);
    const jobIds = await createJobs(deps, {
      jobType: found.jobType,
      jobTypeOwner: found.owner,
      fleetId: body.fleetId,
      values: body.values as Record<string, unknown>,
      customerName: customerFor(ctx, body.customerName),
      requestedStartAt: body.requestedStartAt,
      installerCompanyId: body.installerCompanyId,
      count: body.count ?? 1,
      actor: actorOf(ctx),
      actorEmail: ctx.state.principal.email,
      requestKey: ctx.state.requestKey,
    });
    ctx.status = 201;
    if (body.count === undefined) {
      ctx.set('Location', `/v1/jobs/${jobIds[0]}`);
      return answerWithJob(ctx, jobIds[0]!);
    }
    const created: FromSchema<typeof createdJobs> = { items: (await findJobs(deps.db, jobIds)).map(toJobResource) };
    ctx.body = created;
  });

  // The CSV is read before the idempotency check (jobsRouter, importCsvBody).
  router.post('/import', importJobs(deps, { requireProvider, jobTypeFor, customerFor, assignerOnly, actorOf }));

  router.post('/:id/duplicate', async (ctx) => {
    const original = await visibleJob(ctx, 'provider');
    // A duplicate is a new job of the job type as it is now, with what the provider had set.
    const found = await deps.jobTypes.forProvider(providerJobTypeStore(deps.db), original.provider_id, original.job_type_id);
    if (!found) throw new NotFoundError(`Job type ${original.job_type_id} no longer exists, so job ${original.id} cannot be duplicated.`);
    if (found.archived) throw jobTypeArchived(original.job_type_id);
    const { jobType } = found;
    const { values, dropped } = carriedOver(original, await definitionOf(original), jobType);
    const [jobId] = await createJobs(deps, {
      jobType,
      jobTypeOwner: found.owner,
      fleetId: original.fleet_id,
      values,
      customerName: original.customer_name ?? undefined,
      requestedStartAt: original.requested_start_at?.toISOString(),
      count: 1,
      actor: actorOf(ctx),
      actorEmail: ctx.state.principal.email,
      requestKey: ctx.state.requestKey,
    }).catch((error: unknown) => {
      // A duplicate takes no body, so the caller cannot fix a value here: say where it can.
      if (!(error instanceof RuleViolationError) || error.type !== 'invalid-values') throw error;
      throw new RuleViolationError(
        `Job ${original.id}'s values break the rules of job type ${jobType.id} v${jobType.version}, the version a duplicate is made from.`,
        error.details,
        {
          type: error.type,
          detail: `Create the job with POST /v1/jobs and the values corrected.${dropped.length > 0 ? ` Left out already, as v${jobType.version} has no such field for the provider: ${dropped.join(', ')}.` : ''}`,
          cause: error,
        },
      );
    });
    ctx.status = 201;
    ctx.set('Location', `/v1/jobs/${jobId}`);
    if (dropped.length > 0) ctx.set(DROPPED_VALUES_HEADER, dropped.join(', '));
    await answerWithJob(ctx, jobId!);
  });

  router.get('/:id', async (ctx) => {
    ctx.body = toJobResource(await visibleJob(ctx, 'either'));
  });

  router.get('/:id/events', async (ctx) => {
    const job = await visibleJob(ctx, 'either');
    // The installer company's view starts with its assignment, as on its event stream.
    const { isProvider } = jobAccess(job, ctx.state.principal);
    const query = parseQuery(jobEventsQuery, ctx.query);
    const [limit, cursor] = [query.limit ?? JOB_EVENTS_PAGE.default, query.cursor];
    if (cursor !== undefined && !(await jobEventExists(deps.db, job.id, cursor)))
      throw new InputError('The query parameters are not valid.', [
        {
          pointer: '/cursor',
          message: `names no event of job ${job.id}: send the nextCursor of the previous page as it was`,
          rule: 'cursor',
        },
      ]);
    const audience = isProvider ? {} : { installerCompanyId: ctx.state.principal.organisationId };
    const events = await listJobEvents(deps.db, job.id, { ...audience, limit: limit + 1, after: cursor });
    const page = events.slice(0, limit);
    const answer: FromSchema<typeof jobEvents> = {
      nextCursor: events.length > limit ? page.at(-1)!.id : null,
      events: page.map((event) => ({
        type: event.type,
        actor: event.actor,
        data: event.data,
        occurredAt: event.occurred_at.toISOString(),
      })),
    };
    ctx.body = answer;
  });

  // ── Provider side ──────────────────────────────────────────────────────────────────────────

  router.patch('/:id', async (ctx) => {
    const job = await visibleJob(ctx, 'provider');
    const body = parseBody(editJobBody, ctx.request.body);
    // A customer-limited user's job carries their spelling of their customer, as when they create one.
    const customerName =
      body.customerName !== undefined && ctx.state.principal.customers ? customerFor(ctx, body.customerName, 'edit') : body.customerName;
    const jobType = deps.jobTypes.get(job.job_type_id);
    // No geocoding call for an edit the workflow is going to refuse anyway.
    const geocode = body.values && jobType && job.status === 'PENDING';
    const values = geocode
      ? await geocodeAddresses(jobType, body.values as Record<string, unknown>, deps.geocoder)
      : (body.values as Record<string, unknown> | undefined);
    await tellAsProvider(ctx, job, editJobUpdate, { values, customerName, requestedStartAt: body.requestedStartAt });
    await answerWithJob(ctx, job.id);
  });

  router.delete('/:id', async (ctx) => {
    const job = await visibleJob(ctx, 'provider');
    await tellAsProvider(ctx, job, deleteJobUpdate, {});
    ctx.status = 204;
  });

  router.post('/:id/assign', async (ctx) => {
    const job = await visibleJob(ctx, 'provider');
    assignerOnly(ctx);
    const body = parseBody(assignJobBody, ctx.request.body);
    await assertCompanyInvited(deps.db, job.fleet_id, body.installerCompanyId);
    await tellAsProvider(ctx, job, assignJobUpdate, { installerCompanyId: body.installerCompanyId });
    await answerWithJob(ctx, job.id);
  });

  // ── Installer side ─────────────────────────────────────────────────────────────────────────

  router.post('/:id/start', async (ctx) => {
    const job = await visibleJob(ctx, 'installer');
    await tell(ctx, job, startJobUpdate, {});
    await answerWithJob(ctx, job.id);
  });

  router.patch('/:id/values', async (ctx) => {
    const job = await visibleJob(ctx, 'installer');
    const body = parseBody(saveValuesBody, ctx.request.body);
    const values = body.values as Record<string, unknown>;
    const notUploaded = await photosNotUploaded(deps.db, job.id, values);
    await tell(ctx, job, saveValuesUpdate, { values, ...(notUploaded.length > 0 && { photosNotUploaded: notUploaded }) });
    await answerWithJob(ctx, job.id);
  });

  router.post('/:id/steps/:stepId/complete', async (ctx) => {
    const job = await visibleJob(ctx, 'installer');
    const body = parseBody(completeStepBody, ctx.request.body ?? {});
    const stepId = ctx.params.stepId!;
    const notUploaded = await photosNotUploaded(deps.db, job.id, body.values as Record<string, unknown> | undefined);
    const request = {
      stepId,
      values: body.values as Record<string, unknown> | undefined,
      checklist: body.checklist as string[] | undefined,
      ...(notUploaded.length > 0 && { photosNotUploaded: notUploaded }),
    };
    // A step's vehicle action may take a while: after a few seconds the installer hears it still runs.
    const after =
      (await tell(ctx, job, completeStepUpdate, request, STEP_ANSWER_WITHIN_MS)) ?? (await tell(ctx, job, stepProgressUpdate, { stepId }));
    // The job ended while the step's action ran (its end stops the action): the step is open again and
    // the job over. That is a refusal like any change to an ended job, not a 200 that reads as done.
    if (after.step.status === 'open' && after.status !== 'RUNNING') {
      throw new ConflictError(
        `Job ${job.id} ended (${after.status}) while the action of step ${stepId} ran; the step was not completed.`,
        [{ pointer: '/status', message: `is ${after.status}`, rule: 'status' }],
        { type: 'wrong-status', ...(after.step.actionError && { detail: after.step.actionError }) },
      );
    }
    await answerWithJob(ctx, job.id);
    // The step's action still runs against the vehicle: its outcome arrives on the job and in its events.
    if (after.step.status === 'inProgress') {
      ctx.status = 202;
      ctx.set('Location', `/v1/jobs/${job.id}`);
    }
  });

  router.post('/:id/complete', async (ctx) => {
    const job = await visibleJob(ctx, 'installer');
    await tell(ctx, job, completeJobUpdate, {});
    await answerWithJob(ctx, job.id);
  });

  router.post('/:id/fail', async (ctx) => {
    const job = await visibleJob(ctx, 'installer');
    const body = parseBody(failJobBody, ctx.request.body);
    await tell(ctx, job, failJobUpdate, { reason: body.reason });
    await answerWithJob(ctx, job.id);
  });

  router.post('/:id/vehicle/commands', async (ctx) => {
    const job = await visibleJob(ctx, 'installer');
    const body = parseBody(vehicleCommandBody, ctx.request.body);
    const answer: FromSchema<typeof vehicleCommandAnswer> = await tell(ctx, job, vehicleCommandUpdate, {
      command: body.command,
      qnr: body.qnr,
    });
    ctx.body = answer;
  });

  return router;
}

/** The answer to a duplicate names the original's values it left out, by field key. */
export const DROPPED_VALUES_HEADER = 'Dropped-Values';

/**
 * What a duplicate takes over: the provider's values of the original (its locked fields, less
 * what the vehicle filled in) that the job type's latest version still lets the provider set.
 * One of a field that version no longer has, or leaves to the installer or the vehicle (preset:
 * forbidden, a photo), would refuse the whole duplicate, which has no body to leave it out: it is
 * dropped, and named. A value that breaks its field's new rules stays, for the refusal to name it.
 */
function carriedOver(
  original: JobRow,
  originalType: CompiledJobType | undefined,
  latest: CompiledJobType,
): { values: Record<string, unknown>; dropped: string[] } {
  // What the original's steps filled from the vehicle is a reading of that job, not the provider's.
  const filled = new Set(originalType?.steps.flatMap((step) => Object.keys(step.fills)) ?? []);
  const values: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const key of original.locked_fields) {
    if (!Object.hasOwn(original.values, key) || filled.has(key)) continue;
    const field = findField(latest, key);
    if (field && field.preset !== 'forbidden' && field.type !== 'photo') values[key] = original.values[key];
    else dropped.push(key);
  }
  return { values, dropped };
}

/**
 * When an unstarted job fails by itself: the earlier of its type's start and completion deadlines,
 * counted from its creation (the workflow counts from its run's start, the same moment within a
 * second), to the minute.
 */
function endsBy(job: JobRow, jobType: CompiledJobType | undefined): { at: string; name: string } | undefined {
  const { startWithinMs, completeWithinMs } = jobType?.deadlines ?? {};
  const deadlines = [
    ...(startWithinMs === undefined ? [] : [{ ms: startWithinMs, name: 'startWithin deadline' }]),
    ...(completeWithinMs === undefined ? [] : [{ ms: completeWithinMs, name: 'completeWithin deadline' }]),
  ].sort((a, b) => a.ms - b.ms);
  const first = deadlines[0];
  if (!first) return undefined;
  const at = new Date(job.created_at.getTime() + first.ms).toISOString();
  return { at: `${at.slice(0, 16)}Z`, name: first.name };
}

/** 422 job-type-archived: the provider retired the type, so no new job may use it (running ones go on). */
function jobTypeArchived(id: string, pointer?: string): RuleViolationError {
  return new RuleViolationError(
    `Job type ${id} is archived: no new job can be created from it. A provider admin can unarchive it (POST /v1/job-types/${id}/unarchive).`,
    pointer ? [{ pointer, message: 'is archived', rule: 'archived' }] : [],
    { type: 'job-type-archived' },
  );
}

/**
 * The customer a job is for: any for an admin; for a customer-limited user (dispatcher, customer
 * portal) one of theirs — matched case-insensitively, answered as their list spells it — or theirs
 * if they have one; null (an edit clearing it) is none of theirs. `doing` names what the caller
 * does, so the refusal says it in their words.
 */
function customerFor(ctx: Ctx, requested: string | null | undefined, doing: 'create' | 'edit' = 'create'): string | undefined {
  const { customers } = ctx.state.principal;
  if (!customers) return requested ?? undefined;
  if (requested === undefined && customers.length === 1) return tidyName(customers[0]!);
  const own = typeof requested === 'string' ? ownCustomer(customers, requested) : undefined;
  if (own !== undefined) return own;
  const choices = `must be one of: ${customers.join(', ')}`;
  if (typeof requested === 'string')
    throw new RuleViolationError(
      `You cannot ${doing} jobs for customer "${requested}".`,
      [{ pointer: '/customerName', message: choices, rule: 'enum' }],
      { type: 'customer-not-allowed' },
    );
  throw new RuleViolationError(
    requested === null
      ? 'A job of yours keeps one of your customers: its customer cannot be cleared.'
      : 'Say which customer the job is for.',
    [{ pointer: '/customerName', message: requested === null ? `cannot be cleared; ${choices}` : choices, rule: 'required' }],
    { type: 'customer-required' },
  );
}

/**
 * 403 wrong-role unless the caller may assign jobs to an installer company: a provider admin or
 * dispatcher may, a customer-portal user creates and follows its customers' jobs only. `errors`
 * point at what in the request asked to assign.
 */
function assignerOnly(ctx: Ctx, errors: FieldProblem[] = []): void {
  if (mayAssign(ctx.state.principal.role)) return;
  throw new ForbiddenError(
    'A customer-portal user does not assign jobs to installer companies: a dispatcher or admin of the provider assigns.',
    errors,
    { type: 'wrong-role' },
  );
}

function actorOf(ctx: Ctx): Extract<Actor, { kind: 'user' }> {
  const { principal } = ctx.state;
  return { kind: 'user', userId: principal.userId, organisationId: principal.organisationId, role: principal.role, email: principal.email };
}
