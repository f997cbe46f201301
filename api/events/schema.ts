/** GET /v1/events/stream: its parameters and what each message carries; validation, types and API docs come from these. */
import { FEED_CURSOR_PATTERN } from '../../db/feed';
import { actor } from '../jobs/schema';
import { DEFAULT_LIMITS } from './event-stream';
import { STREAM_END_REASONS } from './sse';

const cursor = (description: string) => ({ type: 'string', pattern: FEED_CURSOR_PATTERN.source, maxLength: 40, description }) as const;

/** The Last-Event-ID request header, which an EventSource sends by itself when it reconnects. */
export const lastEventIdHeader = cursor(
  'Resume after this event: the `id` of the last message received (an EventSource sends it by itself when it reconnects). The stream then sends every event after it that you may see, then goes on live. Without it, the stream starts now. Anything but an id the stream gave out answers 400 invalid-request naming /headers/last-event-id: rule pattern for what is no id, rule given-out for an id of no event or beyond the newest (kept from before the database was reset, say): reconnect without it.',
);

export const eventStreamQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    lastEventId: cursor(
      'Resume after this event, for a client that cannot set the Last-Event-ID header on its first connection; the header, when sent, wins (it is what a reconnecting EventSource sends, while the URL keeps the first position). Refused like the header, naming /lastEventId.',
    ),
  },
} as const;

/** The JSON in each event message's `data:` line (the answer's description lists it; OpenAPI 3.1 has no schema for a stream's messages). */
export const streamEvent = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'jobId', 'invitationId', 'actor', 'data', 'occurredAt'],
  description:
    "What one event message of GET /v1/events/stream carries in its `data:` line (its `event:` line is the type, its `id:` line the position to resume after). Events of a job as GET /v1/jobs/{id}/events lists them; an installer company gets a job's events from its assignment on; an invitation's answer goes to the provider's admins and dispatchers and the company that answered.",
  properties: {
    type: {
      type: 'string',
      description:
        'What happened: job.created, job.edited, job.assigned, job.started, step.completed, values.saved, vehicle.command, job.succeeded, job.failed, job.deleted, vehicle.secured, vehicle.not-secured, vehicle.securing.overdue … of a job; invitation.accepted or invitation.declined of an invitation.',
    },
    jobId: { type: ['string', 'null'], description: 'The job it happened to; null for an invitation answer.' },
    invitationId: { type: ['string', 'null'], format: 'uuid', description: 'The invitation answered; null for a job event.' },
    actor,
    data: {
      type: 'object',
      additionalProperties: true,
      description:
        "The particulars, depending on type, as in the job events (job.created's jobType is the job type's id and version, `<id>@<version>`, e.g. cloudboxx-install@3); for an invitation answer its fleet, e-mail and company.",
    },
    occurredAt: { type: 'string', format: 'date-time', description: 'When it happened.' },
  },
} as const;

/** The `data:` of the last message when the server ends a stream (`event: stream.ended`). */
const streamEnded = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', enum: [...STREAM_END_REASONS] } },
} as const;

/**
 * One message of the stream as Server-Sent Events frame it (OpenAPI before 3.2 has a stream's
 * schema describe each message): its `data:` line is JSON, an event or the stream's end.
 */
export const streamMessage = {
  type: 'object',
  required: ['data'],
  properties: {
    id: cursor('The position to resume after (Last-Event-ID).'),
    event: { type: 'string', description: "The event's type, or stream.ended." },
    retry: { type: 'integer', minimum: 0, description: 'Milliseconds to wait before reconnecting.' },
    data: { type: 'string', contentMediaType: 'application/json', contentSchema: { oneOf: [streamEvent, streamEnded] } },
  },
} as const;

/** The answer's description (CommonMark): what a client reads from the stream. */
export const EVENT_STREAM_FORMAT = [
  'Server-Sent Events (text/event-stream), open until the client or the server ends it.',
  '',
  '- First `retry:` (the milliseconds to wait before reconnecting) and `id:` alone: the position the stream starts from, so that it is resumable before its first event.',
  '- Then one message per event you may see, oldest first: `id: <position>`, `event: <type>`, `data: <JSON>`; the JSON holds',
  ...Object.entries(streamEvent.properties).map(
    ([name, property]) => `  - \`${name}\`: ${'description' in property ? property.description : ''}`,
  ),
  `- A comment line \`: keep-alive\` every ${DEFAULT_LIMITS.heartbeatMs / 1000} s.`,
  '- When the server ends a stream, last `event: stream.ended` with `data: {"reason": …}`: shutdown, too-slow (the client did not read fast enough), access-changed (the token was revoked, or its role or customers changed), unavailable (the database could not be read). Reconnect with Last-Event-ID: nothing is missed.',
].join('\n');
