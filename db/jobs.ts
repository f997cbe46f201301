import type { Actor, JobEvent, JobSnapshot } from '../common/job';
import { accessGrantUpsert } from './access-grants';
import type { Db } from './connection';
import { jobRowOf, type JobRow } from './job-table';

export type { JobRow } from './job-table';

/**
 * Writes a job's state, the events that led to it and the record of its vehicle access as one
 * statement (each part a data-modifying CTE): all or nothing like a transaction, in one round trip
 * to Postgres instead of four — it is on the path of every change a portal waits for. Idempotent:
 * the row only moves forward in `revision`, an event with a key already stored is not written
 * again, and a revoked grant stays revoked.
 */
export async function saveJobState(db: Db, snapshot: JobSnapshot, events: readonly JobEvent[]): Promise<void> {
  const row = jobRowOf(snapshot, events.at(-1)?.occurredAt ?? new Date().toISOString());
  let statement = db.with('job', db('jobs').insert(row).onConflict('id').merge().where('jobs.revision', '<', snapshot.revision));
  if (events.length > 0) statement = statement.with('events', jobEventsInsert(db, snapshot.jobId, events, snapshot));
  if (snapshot.accessGrant && snapshot.installerCompanyId)
    statement = statement.with('grant', accessGrantUpsert(db, snapshot.jobId, snapshot.installerCompanyId, snapshot.accessGrant));
  await statement.select(db.raw('1'));
}

/**
 * Appends to a job's audit trail; an event whose key is already stored is not written again. The
 * job's row says whom the events concern (the feed's audience).
 */
export async function recordJobEvents(db: Db, jobId: string, events: readonly JobEvent[]): Promise<void> {
  if (events.length > 0) await jobEventsInsert(db, jobId, events);
}

/** Whom a job's events concern when they happen: the tenants the event feed gives them to. */
type EventAudience = Pick<JobSnapshot, 'providerId' | 'installerCompanyId' | 'customerName'>;

function jobEventsInsert(db: Db, jobId: string, events: readonly JobEvent[], audience?: EventAudience) {
  const ofJobRow = (column: string) => db.raw(`(select ${column} from jobs where id = ?)`, [jobId]);
  const audienceColumns = audience
    ? {
        provider_id: audience.providerId,
        installer_company_id: audience.installerCompanyId ?? null,
        customer_name: audience.customerName ?? null,
      }
    : {
        provider_id: ofJobRow('provider_id'),
        installer_company_id: ofJobRow('installer_company_id'),
        customer_name: ofJobRow('customer_name'),
      };
  return db('job_events')
    .insert(
      events.map((event) => ({
        job_id: jobId,
        event_key: event.key,
        type: event.type,
        actor: JSON.stringify(event.actor),
        data: JSON.stringify(event.data),
        occurred_at: event.occurredAt,
        ...audienceColumns,
      })),
    )
    .onConflict(['job_id', 'event_key'])
    .ignore();
}

/** The trail is written before the row goes, so that its events still know whose job it was. */
export async function deleteJob(db: Db, jobId: string, events: readonly JobEvent[]): Promise<void> {
  await db.transaction(async (trx) => {
    await recordJobEvents(trx, jobId, events);
    await trx('jobs').where({ id: jobId }).delete();
  });
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
  /** bigint, as pg gives it: text */
  id: string;
  type: string;
  actor: Actor;
  data: Record<string, unknown>;
  occurred_at: Date;
}

/**
 * A job's trail, oldest first. For an installer company (`installerCompanyId`) only from the job's
 * last assignment to it on, as its event stream and webhooks have it: what the provider did before
 * (drafts, edits, values it removed, who of its staff did it) is the provider's.
 */
export async function listJobEvents(
  db: Db,
  jobId: string,
  options: { installerCompanyId?: string; limit?: number; after?: string } = {},
): Promise<JobEventRow[]> {
  const query = db('job_events').where({ job_id: jobId });
  const companyId = options.installerCompanyId;
  if (companyId !== undefined) {
    const assignment = db('job_events')
      .where({ job_id: jobId, type: 'job.assigned' })
      .whereRaw(`data->>'installerCompanyId' = ?`, [companyId])
      .orderBy([
        { column: 'occurred_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(1)
      .select('occurred_at', 'id');
    // In the order below, from the assignment on. The audience column alone is not enough: events
    // written in one batch with the assignment, and trails from before the column (#17, filled
    // from the job's row), carry the company on events from before it.
    query.where('installer_company_id', companyId).whereRaw('(occurred_at, id) >= all ?', [assignment]);
  }
  // A page goes on after the event the cursor names (one of this job's: else nothing follows it).
  if (options.after !== undefined)
    query.whereRaw('(occurred_at, id) > all ?', [db('job_events').where({ job_id: jobId, id: options.after }).select('occurred_at', 'id')]);
  if (options.limit !== undefined) query.limit(options.limit);
  // By time first: the vehicle activities write their calls themselves, beside the workflow's own records.
  return query
    .orderBy([
      { column: 'occurred_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .select('id', 'type', 'actor', 'data', 'occurred_at');
}

/** Whether the job's trail has the event a cursor names. */
export async function jobEventExists(db: Db, jobId: string, eventId: string): Promise<boolean> {
  return (await db('job_events').where({ job_id: jobId, id: eventId }).first('id')) !== undefined;
}
