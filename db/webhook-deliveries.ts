import type { Db } from './connection';
import { compareFeedCursors, readFeed, type FeedEvent } from './feed';
import { WEBHOOK_EVENT_TYPES, webhookPayload } from '../webhooks/event-types';
import { nextAttemptAt, type WebhookRetrySchedule } from '../webhooks/retry-schedule';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryRow {
  id: string;
  seq: string;
  endpoint_id: string;
  event_id: string;
  ordering_key: string;
  type: string;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date | null;
  first_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

/**
 * Reads the feed on from the dispatcher's cursor and makes a delivery for each subscribed event and
 * endpoint of the event's tenant, moving the cursor in the same transaction: an event is fanned out
 * once, whatever crashes when. Answers the endpoints not paused that got deliveries, to be woken.
 * A paused endpoint's deliveries are made too and wait for it to be resumed.
 */
export async function fanOutFeed(db: Db, limit: number): Promise<{ events: number; endpointIds: string[] }> {
  return db.transaction(async (trx) => {
    const { cursor } = await trx('webhook_dispatch_cursor').forUpdate().first('cursor');
    const events = await readFeed(trx, { audience: 'all', after: cursor ?? undefined, types: WEBHOOK_EVENT_TYPES, limit });
    if (events.length === 0) return { events: 0, endpointIds: [] };
    const tenants = new Set(events.flatMap((event) => [event.providerId, event.installerCompanyId]).filter((id) => id !== null));
    const endpoints: Subscriber[] = await trx('webhook_endpoints as w')
      .join('organisations as o', 'o.id', 'w.organisation_id')
      .whereIn('w.organisation_id', [...tenants])
      .select('w.id', 'w.organisation_id', 'o.kind', 'w.event_types', 'w.paused_at', 'w.starts_after');
    const rows = events.flatMap((event) =>
      endpoints
        .filter((endpoint) => receives(endpoint, event))
        .map((endpoint) => ({
          endpoint_id: endpoint.id,
          event_id: event.id,
          ordering_key: event.jobId ? `job:${event.jobId}` : `invitation:${event.invitationId}`,
          type: event.type,
          payload: webhookPayload(event),
        })),
    );
    const made: Array<{ endpoint_id: string }> =
      rows.length === 0
        ? []
        : await trx('webhook_deliveries').insert(rows).onConflict(['endpoint_id', 'event_id']).ignore().returning('endpoint_id');
    await trx('webhook_dispatch_cursor').update({ cursor: events.at(-1)!.cursor, updated_at: trx.fn.now() });
    const paused = new Set(endpoints.filter((endpoint) => endpoint.paused_at !== null).map((endpoint) => endpoint.id));
    return { events: events.length, endpointIds: [...new Set(made.map((row) => row.endpoint_id))].filter((id) => !paused.has(id)) };
  });
}

interface Subscriber {
  id: string;
  organisation_id: string;
  kind: 'provider' | 'installer_company';
  event_types: string[];
  paused_at: Date | null;
  /** The feed's position when it was registered: it gets the events after it. */
  starts_after: string | null;
}

/**
 * Who gets an event, as db/feed.ts's whoMaySee has the tenant's users see it: a provider's endpoint
 * like the provider's admin (all its jobs and invitation answers), a company's endpoint the jobs
 * assigned to the company (from the assignment on) and its own invitation answers — each only
 * what happened after the endpoint was registered.
 */
function receives(endpoint: Subscriber, event: FeedEvent): boolean {
  if (!endpoint.event_types.includes(event.type)) return false;
  if (endpoint.starts_after !== null && compareFeedCursors(event.cursor, endpoint.starts_after) <= 0) return false;
  return endpoint.kind === 'provider'
    ? event.providerId === endpoint.organisation_id
    : event.installerCompanyId === endpoint.organisation_id;
}

/** Pending deliveries that are first in line for their job (or invitation): the only ones that may go. */
function headsOfLine(db: Db, endpointId: string) {
  return db('webhook_deliveries as d')
    .where({ 'd.endpoint_id': endpointId, 'd.status': 'pending' })
    .whereNotExists(
      db('webhook_deliveries as e')
        .whereRaw('e.endpoint_id = d.endpoint_id and e.ordering_key = d.ordering_key')
        .where('e.status', 'pending')
        .whereRaw('e.seq < d.seq'),
    );
}

/** The deliveries to send now: first in line and due, oldest first, leaving out the jobs already being sent to. */
export async function dueDeliveries(
  db: Db,
  endpointId: string,
  options: { now: Date; limit: number; busyKeys: readonly string[] },
): Promise<WebhookDeliveryRow[]> {
  return headsOfLine(db, endpointId)
    .where('d.next_attempt_at', '<=', options.now)
    .whereNotIn('d.ordering_key', [...options.busyKeys])
    .orderBy('d.seq')
    .limit(options.limit)
    .select('d.*');
}

/** When the endpoint's next delivery falls due; undefined when none is pending. */
export async function nextDeliveryDue(db: Db, endpointId: string): Promise<Date | undefined> {
  const row = await headsOfLine(db, endpointId).min({ due: 'd.next_attempt_at' }).first();
  return row?.due ?? undefined;
}

/**
 * Records an attempt begun at `now`: delivered, or pending until the next attempt the schedule
 * allows, or failed when none is left. Only a pending delivery is changed (one redelivered by hand
 * meanwhile stays as that made it).
 */
export async function recordDeliveryAttempt(
  db: Db,
  delivery: Pick<WebhookDeliveryRow, 'id' | 'attempts' | 'first_attempt_at'>,
  outcome: { ok: boolean; statusCode?: number; error?: string },
  schedule: WebhookRetrySchedule,
  now: Date,
): Promise<DeliveryStatus> {
  const attempts = delivery.attempts + 1;
  const firstAttemptAt = delivery.first_attempt_at ?? now;
  const next = outcome.ok ? undefined : nextAttemptAt(schedule, attempts, firstAttemptAt, now);
  const status: DeliveryStatus = outcome.ok ? 'delivered' : next ? 'pending' : 'failed';
  await db('webhook_deliveries')
    .where({ id: delivery.id, status: 'pending' })
    .update({
      status,
      attempts,
      first_attempt_at: firstAttemptAt,
      last_attempt_at: now,
      last_status_code: outcome.statusCode ?? null,
      last_error: outcome.ok ? null : (outcome.error ?? null),
      next_attempt_at: next ?? null,
      delivered_at: outcome.ok ? db.fn.now() : null,
    });
  return status;
}

/** An endpoint's deliveries, newest first; `before` is the `seq` the previous page ended with. */
export async function endpointDeliveries(
  db: Db,
  endpointId: string,
  options: { limit: number; before?: string; status?: DeliveryStatus },
): Promise<WebhookDeliveryRow[]> {
  const query = db('webhook_deliveries').where({ endpoint_id: endpointId }).orderBy('seq', 'desc').limit(options.limit).select('*');
  if (options.before !== undefined) query.where('seq', '<', options.before);
  if (options.status !== undefined) query.where({ status: options.status });
  return query;
}

/**
 * Sends a delivery again, by hand: pending at once, with a new series of attempts and the same
 * webhook-id and body. It then waits in line behind its job's older pending deliveries, if any.
 */
export async function redeliver(db: Db, endpointId: string, deliveryId: string): Promise<WebhookDeliveryRow | undefined> {
  const [row] = await db('webhook_deliveries')
    .where({ id: deliveryId, endpoint_id: endpointId })
    .update({ status: 'pending', attempts: 0, first_attempt_at: null, next_attempt_at: db.fn.now(), delivered_at: null })
    .returning('*');
  return row;
}
