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
  'vehicle.not-secured',
  'vehicle.securing.overdue',
  'invitation.accepted',
  'invitation.declined',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * What a delivery's data holds of each event's own data, besides the jobId (invitationId): picked
 * by hand per type rather than copied from the event — a job's values, its access grant or who did
 * it are for the API to show to whom it may (GET /v1/jobs/{id}), not for every subscriber of the
 * tenant. The keys are as the job workflow (workflows/job.ts) and db/invitations.ts record them.
 */
export const WEBHOOK_DATA: Readonly<Record<WebhookEventType, readonly string[]>> = {
  'job.created': ['jobType'],
  'job.assigned': ['installerCompanyId'],
  'job.started': [],
  'step.completed': ['stepId'],
  'job.succeeded': [],
  'job.failed': ['reason'],
  'job.deleted': [],
  'vehicle.secured': ['state'],
  'vehicle.not-secured': ['state', 'detail'],
  'vehicle.securing.overdue': ['qnr', 'after'],
  'invitation.accepted': ['fleetId', 'installerCompanyId'],
  'invitation.declined': ['fleetId', 'installerCompanyId'],
};

/**
 * The types an installer company's endpoint can never receive, and why. A company gets a job's
 * events from its assignment on and its own invitation answers (db/webhook-deliveries.ts, as
 * db/feed.ts has its users see them); a provider's endpoint can receive every type. Facts of
 * other modules, to change with them: a job is assigned and deleted only while PENDING, and never
 * unassigned (workflows/job-machine.ts); an invitation names its company only once accepted
 * (db/invitations.ts).
 */
export const NOT_FOR_INSTALLER_COMPANIES: Readonly<Partial<Record<WebhookEventType, string>>> = {
  'job.created': 'a job is created before it is assigned to a company',
  'job.deleted': 'only a job not yet assigned (PENDING) can be deleted',
  'invitation.declined': 'a declined invitation names no company',
};

/** Why an organisation of this kind can never receive the event type; undefined when it can. */
export function whyNeverReceived(kind: 'provider' | 'installer_company', type: WebhookEventType): string | undefined {
  return kind === 'installer_company' ? NOT_FOR_INSTALLER_COMPANIES[type] : undefined;
}

/** The request body of a delivery, in the Standard Webhooks shape (type, timestamp, data). */
export function webhookPayload(event: FeedEvent): string {
  const data: Record<string, unknown> = event.jobId ? { jobId: event.jobId } : { invitationId: event.invitationId };
  if (isWebhookEventType(event.type)) Object.assign(data, pick(event.data, WEBHOOK_DATA[event.type]));
  return JSON.stringify({ type: event.type, timestamp: new Date(event.occurredAt).toISOString(), data });
}

function pick(data: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => data[key] !== undefined).map((key) => [key, data[key]]));
}
