import type { FeedEvent } from '../db/feed';

/** The feed's events a webhook endpoint may subscribe to; the others (edits, values, vehicle commands) stay in the job's events. */
export const WEBHOOK_EVENT_TYPES = [
  'job.created',
  'job.assigned',
  'job.started',
  'step.completed',
  'job.succeeded',
  'job.failed',
  'job.deleted',
  'vehicle.secured',
  'invitation.accepted',
  'invitation.declined',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * The request body of a delivery, in the Standard Webhooks shape (type, timestamp, data). The data
 * holds ids and what the event itself says, picked by hand per type rather than copied from the
 * event: a job's values, its access grant or who did it are for the API to show to whom it may
 * (GET /v1/jobs/{id}), not for every subscriber of the tenant.
 */
export function webhookPayload(event: FeedEvent): string {
  const data: Record<string, unknown> = event.jobId ? { jobId: event.jobId } : { invitationId: event.invitationId };
  const said = event.data;
  switch (event.type) {
    case 'job.created':
      Object.assign(data, pick(said, 'jobType'));
      break;
    case 'job.assigned':
      Object.assign(data, pick(said, 'installerCompanyId'));
      break;
    case 'step.completed':
      Object.assign(data, pick(said, 'stepId'));
      break;
    case 'job.failed':
      Object.assign(data, pick(said, 'reason'));
      break;
    case 'vehicle.secured':
      Object.assign(data, pick(said, 'state'));
      break;
    case 'invitation.accepted':
    case 'invitation.declined':
      Object.assign(data, pick(said, 'fleetId', 'installerCompanyId'));
      break;
  }
  return JSON.stringify({ type: event.type, timestamp: new Date(event.occurredAt).toISOString(), data });
}

function pick(data: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => data[key] !== undefined).map((key) => [key, data[key]]));
}
