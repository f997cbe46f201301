import { Context } from '@temporalio/activity';
import type { EndpointDeliveryState, WebhookActivities } from '../common/webhook-workflows';
import type { Db } from '../db/connection';
import { dueDeliveries, fanOutFeed, nextDeliveryDue, recordDeliveryAttempt, type WebhookDeliveryRow } from '../db/webhook-deliveries';
import { endpointToDeliver } from '../db/webhook-endpoints';
import { wakeWebhookEndpoint } from '../temporal/webhooks';
import { DEFAULT_RETRY_SCHEDULE, type WebhookRetrySchedule } from '../webhooks/retry-schedule';
import { SecretSealer } from '../webhooks/secret-sealing';
import { sendWebhook } from '../webhooks/send';

/** How deliveries go out; the tests shorten the times. */
export interface WebhookDeliverySettings {
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS: connect to loopback and private addresses too (npm start, tests). */
  allowPrivateTargets: boolean;
  /** WEBHOOK_SECRETS_KEY: opens the sealed signing secrets; unset, only secrets stored unsealed can sign. */
  secretsKey?: Buffer;
  /** WEBHOOK_SECRETS_PREVIOUS_KEYS: keys the current one replaced, still opening what they sealed. */
  previousSecretsKeys?: Buffer[];
  /** One attempt, connecting included: longer counts as failed. */
  timeoutMs: number;
  retry: WebhookRetrySchedule;
  /** Jobs an endpoint is sent to at once; each job's deliveries go one after the other. */
  jobsAtOnce: number;
  /** A round of sending ends after this long, so that the workflow's history shows progress. */
  roundMs: number;
}

export const DEFAULT_DELIVERY_SETTINGS: WebhookDeliverySettings = {
  allowPrivateTargets: false,
  timeoutMs: 10_000,
  retry: DEFAULT_RETRY_SCHEDULE,
  jobsAtOnce: 8,
  roundMs: 60_000,
};

/** Events read per fan-out transaction. */
const FAN_OUT_BATCH = 500;
/** How long a fan-out waits for new events before answering none, and how often it looks meanwhile. */
const LONG_POLL_MS = 30_000;
const POLL_EVERY_MS = 300;
const HEARTBEAT_EVERY_MS = 2_000;

export function createWebhookActivities(deps: { db: Db; jobTaskQueue: string; settings: WebhookDeliverySettings }): WebhookActivities {
  const { db, settings } = deps;
  const sealer = new SecretSealer(settings.secretsKey, settings.previousSecretsKeys);
  return {
    // Polling one indexed query a few times a second is cheap and needs no connection held open;
    // LISTEN/NOTIFY would save the idle queries, but a notified event may still lie above the
    // oldest running transaction (db/feed.ts) and need looking at again anyway.
    async fanOutWebhookEvents(): Promise<string[]> {
      const context = Context.current();
      const until = Date.now() + LONG_POLL_MS;
      for (;;) {
        const { events, endpointIds } = await fanOutFeed(db, FAN_OUT_BATCH);
        if (endpointIds.length > 0) return endpointIds;
        if (events === FAN_OUT_BATCH) continue; // more to read at once
        if (Date.now() >= until) return [];
        context.heartbeat();
        await context.sleep(POLL_EVERY_MS);
      }
    },

    async wakeWebhookEndpoints(endpointIds: string[]): Promise<void> {
      const { client } = Context.current();
      await Promise.all(endpointIds.map((id) => wakeWebhookEndpoint(client, deps.jobTaskQueue, id)));
    },

    async deliverWebhooks(endpointId: string): Promise<EndpointDeliveryState> {
      const context = Context.current();
      const beat = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
      try {
        return await deliverRound(db, sealer, settings, endpointId, context.cancellationSignal);
      } finally {
        clearInterval(beat);
      }
    },
  };
}

/**
 * Sends what is due, up to `jobsAtOnce` jobs at a time and one delivery per job: the next of a job
 * goes only once the one before it was delivered or failed for good (ordering per job). Each
 * outcome is recorded as it comes; a worker killed meanwhile leaves the delivery pending, and the
 * round's retry sends it again under the same webhook-id (at least once).
 */
async function deliverRound(
  db: Db,
  sealer: SecretSealer,
  settings: WebhookDeliverySettings,
  endpointId: string,
  cancelled: AbortSignal,
): Promise<EndpointDeliveryState> {
  const endpoint = await endpointToDeliver(db, sealer, endpointId, new Date());
  if (!endpoint) return { kind: 'gone' };
  if (endpoint.paused) return { kind: 'paused' };
  const started = Date.now();
  const sending = new Map<string, Promise<void>>();
  let failure: unknown;
  const attempt = async (delivery: WebhookDeliveryRow) => {
    const now = new Date();
    const outcome = await sendWebhook(
      { url: endpoint.url, messageId: `msg_${delivery.id}`, payload: delivery.payload, secrets: endpoint.secrets },
      { timeoutMs: settings.timeoutMs, allowPrivate: settings.allowPrivateTargets, signal: cancelled },
    );
    // A round cancelled (the worker shutting down) made no attempt the endpoint should be blamed for.
    if (!cancelled.aborted) await recordDeliveryAttempt(db, delivery, outcome, settings.retry, now);
  };
  for (;;) {
    if (failure === undefined && !cancelled.aborted && Date.now() - started < settings.roundMs && sending.size < settings.jobsAtOnce) {
      const due = await dueDeliveries(db, endpointId, {
        now: new Date(),
        limit: settings.jobsAtOnce - sending.size,
        busyKeys: [...sending.keys()],
      });
      for (const delivery of due) {
        const key = delivery.ordering_key;
        sending.set(
          key,
          attempt(delivery)
            .catch((error: unknown) => void (failure ??= error))
            .finally(() => sending.delete(key)),
        );
      }
    }
    if (sending.size === 0) break;
    await Promise.race(sending.values());
  }
  // Postgres away: the round fails and Temporal retries it; nothing was recorded as an attempt.
  if (failure !== undefined) throw failure;
  const next = await nextDeliveryDue(db, endpointId);
  if (next === undefined) return { kind: 'idle' };
  return next.getTime() <= Date.now() ? { kind: 'busy' } : { kind: 'waiting', nextDueAt: next.getTime() };
}
