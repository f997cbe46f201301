import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import { NotFoundError, RuleViolationError } from '../../common/errors';
import { jobWorkflowId, type Actor } from '../../common/job';
import { newJobId } from '../../common/job-id';
import { assignJobUpdate, jobCreatedUpdate } from '../../common/job-messages';
import type { JobWorkflowInput } from '../../common/job-workflow';
import { FleetIdAttribute, JobIdAttribute, JobStatusAttribute, JobTypeAttribute, ProviderIdAttribute } from '../../common/search-attributes';
import type { Db } from '../../db/connection';
import { hasAcceptedInvitation } from '../../db/invitations';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import { validateProviderValues } from '../../definitions/value-validation';
import type { Geocoder } from '../../geocoding/geocoder';
import { geocodeAddresses } from '../../geocoding/geocode-values';
import { refusalsAsProblems } from './refusals';

export interface NewJobs {
  jobType: CompiledJobType;
  fleetId: string;
  values: Record<string, unknown>;
  customerName?: string;
  requestedStartAt?: string;
  /** "Save & Assign": assign every new job to this company straight away. */
  installerCompanyId?: string;
  /** N identical jobs, as a customer portal orders them. */
  count: number;
  actor: Extract<Actor, { kind: 'user' }>;
  actorEmail: string;
}

/**
 * Creates jobs the one way there is: a job workflow each, started with an update that answers
 * once the job is in the read model. Everything that can be checked up front is, so that a bad
 * request creates nothing.
 */
export async function createJobs(deps: { db: Db; temporal: Client; taskQueue: string; geocoder?: Geocoder }, spec: NewJobs): Promise<string[]> {
  const { jobType, actor } = spec;
  const fleet = await deps.db('fleets').where({ id: spec.fleetId, provider_id: actor.organisationId }).first('id');
  if (!fleet) throw new NotFoundError(`Fleet ${spec.fleetId} does not exist.`, [{ pointer: '/fleetId', message: 'unknown fleet' }]);
  const values = await geocodeAddresses(jobType, spec.values, deps.geocoder);
  const issues = validateProviderValues(jobType, values);
  if (issues.length > 0) {
    throw new RuleViolationError(`Some values break the rules of job type ${jobType.id}.`, issues.map((i) => ({ pointer: i.pointer, message: i.message, rule: i.rule })), { type: 'invalid-values' });
  }
  if (spec.installerCompanyId) {
    if (!(await hasAcceptedInvitation(deps.db, spec.fleetId, spec.installerCompanyId))) {
      throw new RuleViolationError(`Installer company ${spec.installerCompanyId} has no accepted invitation for this fleet; invite it first.`, [{ pointer: '/installerCompanyId', message: 'has not accepted an invitation for this fleet', rule: 'invitation' }], { type: 'company-not-invited' });
    }
  }

  const jobIds: string[] = [];
  for (let i = 0; i < spec.count; i += 1) {
    const jobId = newJobId();
    const input: JobWorkflowInput = {
      jobId,
      providerId: actor.organisationId,
      fleetId: spec.fleetId,
      jobType,
      values,
      customerName: spec.customerName,
      requestedStartAt: spec.requestedStartAt,
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
        { key: ProviderIdAttribute, value: actor.organisationId },
        { key: FleetIdAttribute, value: spec.fleetId },
      ],
      staticSummary: `${jobType.title} — job ${jobId}`,
      staticDetails: `Job type **${jobType.id}** v${jobType.version}${spec.customerName ? ` for ${spec.customerName}` : ''}, created by ${spec.actorEmail}.`,
    });
    await deps.temporal.workflow.executeUpdateWithStart(jobCreatedUpdate, { startWorkflowOperation: start });
    if (spec.installerCompanyId) {
      const installerCompanyId = spec.installerCompanyId;
      await refusalsAsProblems({ id: jobId, status: 'PENDING' }, () =>
        deps.temporal.workflow.getHandle(jobWorkflowId(jobId)).executeUpdate(assignJobUpdate, { args: [{ actor, installerCompanyId }] }),
      );
    }
    jobIds.push(jobId);
  }
  return jobIds;
}
