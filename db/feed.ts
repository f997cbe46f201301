import type { Knex } from 'knex';
import { tidyName } from '../common/customer-names';
import type { Actor } from '../common/job';
import type { Db } from './connection';
import { mayAssign, type Principal } from './tenancy';

/**
 * The event feed: every job event and invitation answer, in an order a reader can follow with a
 * cursor and never miss a row (see the migration event_feed). What webhooks deliver and the live
 * stream sends.
 */
export interface FeedEvent {
  /** The cursor after this event: `<tx>-<id>`, what SSE sends as the event id. */
  cursor: string;
  /** The row's own number: unique across the feed, the webhook-id derives from it. */
  id: string;
  type: string;
  jobId: string | null;
  invitationId: string | null;
  providerId: string | null;
  installerCompanyId: string | null;
  customerName: string | null;
  actor: Actor;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/** Whose events a reader gets: one tenant's as a user of it sees them, or every tenant's (the webhook dispatcher). */
export type FeedAudience = { principal: Principal } | 'all';

/** A cursor: `<tx>-<id>`, both as Postgres gives them (xid8, bigint). */
/**
 * A cursor's form: the digits of a transaction id (xid8) and a row number (bigint), few enough that
 * Postgres holds any such number (19 digits stay below 2^64, 18 below 2^63): every cursor the feed
 * gives out, for an installation's lifetime, and nothing Postgres would refuse to compare. No
 * leading zero, as Postgres never writes one: xid8 reads `0…` in octal, so `0007-1` would be
 * transaction 7 and `0008-1` an error.
 */
export const FEED_CURSOR_PATTERN = /^(0|[1-9]\d{0,18})-(0|[1-9]\d{0,17})$/;

/** Whether a string is a cursor this feed gave out (a Last-Event-ID header may carry anything). */
export function isFeedCursor(value: string): boolean {
  return FEED_CURSOR_PATTERN.test(value);
}

/**
 * The feed's order of two cursors (negative, 0, positive), by (tx, id) as numbers: as strings,
 * `9-5` would sort after `10-1`.
 */
export function compareFeedCursors(a: string, b: string): number {
  const [, aTx, aId] = FEED_CURSOR_PATTERN.exec(a) ?? [];
  const [, bTx, bId] = FEED_CURSOR_PATTERN.exec(b) ?? [];
  if (aTx === undefined || bTx === undefined) throw new Error(`not a feed cursor: ${aTx === undefined ? a : b}`);
  const order = (x: bigint, y: bigint) => (x < y ? -1 : x > y ? 1 : 0);
  return order(BigInt(aTx), BigInt(bTx)) || order(BigInt(aId!), BigInt(bId!));
}

/**
 * Events after the cursor (from the start without one), oldest first, at most `limit`. Only rows
 * of transactions older than every transaction still running are read: one that commits later can
 * then never land behind the cursor. The price is that events wait for the longest transaction
 * running when they are read (milliseconds here: nothing holds one open).
 */
export async function readFeed(
  db: Db,
  options: { audience: FeedAudience; after?: string; types?: readonly string[]; limit: number },
): Promise<FeedEvent[]> {
  const query = db('feed_events')
    .whereRaw('tx < pg_snapshot_xmin(pg_current_snapshot())')
    .orderBy([{ column: 'tx' }, { column: 'id' }])
    .limit(options.limit)
    .select('*', db.raw("tx::text || '-' || id as cursor"));
  if (options.after !== undefined) {
    const [, tx, id] = FEED_CURSOR_PATTERN.exec(options.after) ?? [];
    if (tx === undefined) throw new Error(`not a feed cursor: ${options.after}`);
    query.whereRaw('(tx, id) > (?::xid8, ?::bigint)', [tx, id!]);
  }
  if (options.types) query.whereIn('type', [...options.types]);
  if (options.audience !== 'all') whoMaySee(query, options.audience.principal);
  const rows = await query;
  return rows.map((row) => ({
    cursor: row.cursor,
    id: String(row.id),
    type: row.type,
    jobId: row.job_id,
    invitationId: row.invitation_id,
    providerId: row.provider_id,
    installerCompanyId: row.installer_company_id,
    customerName: row.customer_name,
    actor: row.actor,
    data: row.data,
    occurredAt: row.occurred_at,
  }));
}

/** Whether `cursor` is an event's of the feed (on each table's (tx, id) index). */
export async function feedEventExists(db: Db, cursor: string): Promise<boolean> {
  const [, tx, id] = FEED_CURSOR_PATTERN.exec(cursor) ?? [];
  if (tx === undefined) return false;
  const { rows } = await db.raw<{ rows: Array<{ found: boolean }> }>(
    'select exists (select 1 from job_events where tx = ?::xid8 and id = ?::bigint) or exists (select 1 from invitation_events where tx = ?::xid8 and id = ?::bigint) as found',
    [tx, id!, tx, id!],
  );
  return rows[0]?.found === true;
}

/** The cursor of the feed's newest readable event: where a reader starts that wants only what comes next. */
export async function feedHead(db: Db): Promise<string | undefined> {
  const [row] = await db('feed_events')
    .whereRaw('tx < pg_snapshot_xmin(pg_current_snapshot())')
    .orderBy([
      { column: 'tx', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(1)
    .select(db.raw("tx::text || '-' || id as cursor"));
  return row?.cursor;
}

/**
 * A tenant's events as its users see them in GET /v1/jobs/{id}/events, taken at the time of each
 * event: the provider's users their jobs (customer-limited users only their customers'), the
 * installer company the jobs assigned to it from the assignment on. Invitation answers go to those
 * who deal with invitations: the provider's admins and dispatchers, and the company that answered.
 */
function whoMaySee(query: Knex.QueryBuilder, principal: Principal): void {
  if (principal.organisationKind === 'installer_company') {
    query.where('installer_company_id', principal.organisationId);
    return;
  }
  query.where('provider_id', principal.organisationId);
  // Case aside, as the job list compares them (db/job-search.ts, common/customer-names.ts).
  if (principal.customers)
    query
      .whereNotNull('job_id')
      .whereRaw(`lower(customer_name) in (${principal.customers.map(() => 'lower(?)').join(', ') || 'null'})`, [
        ...principal.customers.map(tidyName),
      ]);
  else if (!mayAssign(principal.role)) query.whereNotNull('job_id');
}

/**
 * whoMaySee for one event already read (the live stream reads every tenant's events once and hands
 * each to the streams that may see it). The two must agree: test/integration/event-feed.test.ts
 * holds them to each other.
 */
export function maySeeFeedEvent(
  principal: Principal,
  event: Pick<FeedEvent, 'jobId' | 'providerId' | 'installerCompanyId' | 'customerName'>,
): boolean {
  if (principal.organisationKind === 'installer_company') return event.installerCompanyId === principal.organisationId;
  if (event.providerId !== principal.organisationId) return false;
  if (principal.customers) {
    const name = event.customerName?.toLowerCase();
    return event.jobId !== null && principal.customers.some((customer) => tidyName(customer).toLowerCase() === name);
  }
  return mayAssign(principal.role) || event.jobId !== null;
}

/** Records an invitation's answer in the feed, inside the transaction that makes the answer. */
export async function recordInvitationEvent(
  db: Db,
  event: {
    invitationId: string;
    providerId: string;
    installerCompanyId?: string;
    type: string;
    actor: Actor;
    data: Record<string, unknown>;
  },
): Promise<void> {
  await db('invitation_events').insert({
    invitation_id: event.invitationId,
    provider_id: event.providerId,
    installer_company_id: event.installerCompanyId ?? null,
    type: event.type,
    actor: JSON.stringify(event.actor),
    data: JSON.stringify(event.data),
  });
}
