import { allHandlersFinished, condition, log, proxyActivities, setCurrentDetails, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { JobActivities } from '../activities';
import type { JobEvent, JobSnapshot } from '../common/job';
import { jobCreatedUpdate, jobSnapshotQuery } from '../common/job-messages';
import type { JobWorkflowInput } from '../common/job-workflow';
import { JobStatusAttribute } from '../common/search-attributes';

const { recordJobState } = proxyActivities<JobActivities>({
  startToCloseTimeout: '30 seconds',
  // The read model must catch up whatever happens to Postgres; keep trying, but not hot.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/**
 * One job, from creation to its end. The workflow is the authority on the job's state; every
 * change is written to the read model before the caller hears about it.
 */
export async function jobWorkflow(input: JobWorkflowInput): Promise<void> {
  let revision = 0;
  const snapshot: JobSnapshot = {
    jobId: input.jobId,
    workflowId: workflowInfo().workflowId,
    providerId: input.providerId,
    fleetId: input.fleetId,
    jobTypeId: input.jobType.id,
    jobTypeVersion: input.jobType.version,
    status: 'PENDING',
    customerName: input.customerName,
    requestedStartAt: input.requestedStartAt,
    values: input.values,
    lockedFields: Object.keys(input.values),
    steps: [],
    createdBy: input.createdBy.kind === 'user' ? input.createdBy.userId : undefined,
    revision,
    createdAt: input.createdAt,
  };

  async function record(type: string, data: Record<string, unknown>, actor = input.createdBy): Promise<void> {
    revision += 1;
    snapshot.revision = revision;
    const event: JobEvent = { key: `${revision}:${type}`, type, actor, data, occurredAt: new Date().toISOString() };
    upsertSearchAttributes([{ key: JobStatusAttribute, value: snapshot.status }]);
    setCurrentDetails(`**${snapshot.status}** — ${input.jobType.title} (job ${input.jobId}, job type ${input.jobType.id}@${input.jobType.version})`);
    await recordJobState({ ...snapshot }, event);
  }

  let created = false;
  setHandler(jobSnapshotQuery, () => snapshot);
  setHandler(jobCreatedUpdate, async () => {
    await condition(() => created);
    return snapshot;
  });

  await record('job.created', { values: input.values });
  created = true;
  log.info('Job created', { jobId: input.jobId, jobType: input.jobType.id });
  // The lifecycle (assign, start, steps, end) arrives with the job-workflow issue.
  await condition(() => false);
  await condition(allHandlersFinished);
}
