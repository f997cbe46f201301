import Router from '@koa/router';
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { NotFoundError, RuleViolationError } from '../../common/errors';
import { jobWorkflowId, type Actor } from '../../common/job';
import { newJobId } from '../../common/job-id';
import { jobCreatedUpdate } from '../../common/job-messages';
import type { JobWorkflowInput } from '../../common/job-workflow';
import { FleetIdAttribute, JobIdAttribute, JobStatusAttribute, JobTypeAttribute, ProviderIdAttribute } from '../../common/search-attributes';
import type { Db } from '../../db/connection';
import type { JobTypeCatalog } from '../../definitions/catalog';
import { validateProviderValues } from '../../definitions/value-validation';
import { findJob, type JobRow } from '../../db/jobs';
import type { AuthState } from '../auth';
import { parseBody } from '../validate';
import { createJobBody } from './schema';

export interface JobsRouterDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  jobTypes: JobTypeCatalog;
}

export function jobsRouter(deps: JobsRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/jobs' });

  router.post('/', async (ctx) => {
    const body = parseBody(createJobBody, ctx.request.body);
    const { principal } = ctx.state;
    const fleet = await deps.db('fleets').where({ id: body.fleetId, provider_id: principal.organisationId }).first('id');
    if (!fleet) throw new NotFoundError(`Fleet ${body.fleetId} does not exist.`, [{ pointer: '/fleetId', message: 'unknown fleet' }]);
    const jobType = deps.jobTypes.get(body.jobTypeId);
    if (!jobType) throw new NotFoundError(`Job type ${body.jobTypeId} does not exist.`, [{ pointer: '/jobTypeId', message: 'unknown job type' }]);

    const issues = validateProviderValues(jobType, body.values as Record<string, unknown>);
    if (issues.length > 0) {
      throw new RuleViolationError(`Some values break the rules of job type ${jobType.id}.`, issues.map((i) => ({ pointer: i.pointer, message: i.message, rule: i.rule })));
    }

    const jobId = newJobId();
    const actor: Actor = { kind: 'user', userId: principal.userId, organisationId: principal.organisationId, role: principal.role, email: principal.email };
    const input: JobWorkflowInput = {
      jobId,
      providerId: principal.organisationId,
      fleetId: body.fleetId,
      jobType,
      values: body.values as Record<string, unknown>,
      customerName: body.customerName,
      requestedStartAt: body.requestedStartAt,
      createdBy: actor,
      createdAt: new Date().toISOString(),
    };
    const start = new WithStartWorkflowOperation('jobWorkflow', {
      workflowId: jobWorkflowId(jobId),
      taskQueue: deps.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: JobIdAttribute, value: jobId },
        { key: JobStatusAttribute, value: 'PENDING' },
        { key: JobTypeAttribute, value: jobType.id },
        { key: ProviderIdAttribute, value: principal.organisationId },
        { key: FleetIdAttribute, value: body.fleetId },
      ],
      staticSummary: `${jobType.title} — job ${jobId}`,
      staticDetails: `Job type **${jobType.id}** v${jobType.version}${body.customerName ? ` for ${body.customerName}` : ''}, created by ${principal.email}.`,
    });
    await deps.temporal.workflow.executeUpdateWithStart(jobCreatedUpdate, { startWorkflowOperation: start });
    ctx.status = 201;
    ctx.set('Location', `/v1/jobs/${jobId}`);
    ctx.body = toJobResource((await findJob(deps.db, jobId))!);
  });

  router.get('/:id', async (ctx) => {
    const job = await findJob(deps.db, ctx.params.id!);
    if (!job || job.provider_id !== ctx.state.principal.organisationId) throw new NotFoundError(`Job ${ctx.params.id} does not exist.`);
    ctx.body = toJobResource(job);
  });

  return router;
}

export function toJobResource(row: JobRow) {
  return {
    id: row.id,
    status: row.status,
    jobType: { id: row.job_type_id, version: row.job_type_version },
    fleetId: row.fleet_id,
    installerCompanyId: row.installer_company_id,
    customerName: row.customer_name,
    requestedStartAt: row.requested_start_at,
    values: row.values,
    lockedFields: row.locked_fields,
    steps: row.steps,
    lastCompletedStep: row.last_completed_step,
    failureReason: row.failure_reason,
    workflowId: row.workflow_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
