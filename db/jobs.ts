import type { Actor, JobEvent, JobSnapshot } from '../common/job';
import type { Db } from './connection';

/**
 * Writes a job's state and the events that led to it in one transaction. Idempotent: the row only
 * moves forward in `revision`, and an event with a key already stored is not written again.
 */
export async function saveJobState(db: Db, snapshot: JobSnapshot, events: readonly JobEvent[]): Promise<void> {
  await db.transaction(async (trx) => {
    const row = toRow(snapshot, events.at(-1)?.occurredAt ?? new Date().toISOString());
    await trx('jobs').insert(row).onConflict('id').merge().where('jobs.revision', '<', snapshot.revision);
    await recordJobEvents(trx, snapshot.jobId, events);
  });
}

/** Appends to a job's audit trail; an event whose key is already stored is not written again. */
export async function recordJobEvents(db: Db, jobId: string, events: readonly JobEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db('job_events')
    .insert(
      events.map((event) => ({
        job_id: jobId,
        event_key: event.key,
        type: event.type,
        actor: JSON.stringify(event.actor),
        data: JSON.stringify(event.data),
        occurred_at: event.occurredAt,
      })),
    )
    .onConflict(['job_id', 'event_key'])
    .ignore();
}

export async function deleteJob(db: Db, jobId: string, events: readonly JobEvent[]): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('jobs').where({ id: jobId }).delete();
    await recordJobEvents(trx, jobId, events);
  });
}

export interface JobRow {
  id: string;
  workflow_id: string;
  provider_id: string;
  fleet_id: string;
  job_type_id: string;
  job_type_version: number;
  status: JobSnapshot['status'];
  installer_company_id: string | null;
  customer_name: string | null;
  requested_start_at: Date | null;
  values: Record<string, unknown>;
  locked_fields: string[];
  steps: JobSnapshot['steps'];
  last_completed_step: string | null;
  failure_reason: string | null;
  access_grant: JobSnapshot['accessGrant'] | null;
  vehicle: JobSnapshot['vehicle'] | null;
  created_by: string | null;
  revision: string;
  created_at: Date;
  updated_at: Date;
  assigned_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
}

export async function findJob(db: Db, jobId: string): Promise<JobRow | undefined> {
  return db<JobRow>('jobs').where({ id: jobId }).first();
}

/** Rows for these ids, in the order given. */
export async function findJobs(db: Db, jobIds: string[]): Promise<JobRow[]> {
  const rows = await db<JobRow>('jobs').whereIn('id', jobIds);
  return jobIds.map((id) => rows.find((row) => row.id === id)).filter((row): row is JobRow => row !== undefined);
}

export interface JobEventRow {
  type: string;
  actor: Actor;
  data: Record<string, unknown>;
  occurred_at: Date;
}

export async function listJobEvents(db: Db, jobId: string): Promise<JobEventRow[]> {
  // By time first: the vehicle activities write their calls themselves, beside the workflow's own records.
  return db('job_events')
    .where({ job_id: jobId })
    .orderBy([
      { column: 'occurred_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .select('type', 'actor', 'data', 'occurred_at');
}

function toRow(s: JobSnapshot, updatedAt: string) {
  return {
    id: s.jobId,
    workflow_id: s.workflowId,
    provider_id: s.providerId,
    fleet_id: s.fleetId,
    job_type_id: s.jobTypeId,
    job_type_version: s.jobTypeVersion,
    status: s.status,
    installer_company_id: s.installerCompanyId ?? null,
    customer_name: s.customerName ?? null,
    requested_start_at: s.requestedStartAt ?? null,
    values: JSON.stringify(s.values),
    locked_fields: s.lockedFields,
    steps: JSON.stringify(s.steps),
    last_completed_step: s.lastCompletedStep ?? null,
    failure_reason: s.failureReason ?? null,
    access_grant: s.accessGrant ? JSON.stringify(s.accessGrant) : null,
    vehicle: JSON.stringify(s.vehicle),
    created_by: s.createdBy ?? null,
    revision: s.revision,
    created_at: s.createdAt,
    updated_at: updatedAt,
    assigned_at: s.assignedAt ?? null,
    started_at: s.startedAt ?? null,
    finished_at: s.finishedAt ?? null,
  };
}
