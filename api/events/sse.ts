import type { FeedEvent } from '../../db/feed';

/**
 * The wire format of GET /v1/events/stream (text/event-stream, WHATWG HTML "Server-sent events"):
 * each feed event a message whose id is its cursor, so that a client reconnecting sends it back
 * as Last-Event-ID. JSON.stringify escapes line breaks, so every data field is one line.
 */
export function feedEventMessage(event: FeedEvent): string {
  const data = {
    type: event.type,
    jobId: event.jobId,
    invitationId: event.invitationId,
    actor: event.actor,
    data: event.data,
    occurredAt: event.occurredAt.toISOString(),
  };
  return `id: ${event.cursor}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * What a stream says first: how long a client waits before reconnecting, and the position it
 * starts from. A message with an id and no data sets the client's last event id without
 * dispatching an event (the spec's "dispatch the event" steps), so a stream that has sent nothing
 * else yet is still resumable from the moment it was opened.
 */
export function openingMessage(start: string, retryMs: number): string {
  return `retry: ${retryMs}\nid: ${start}\n\n`;
}

/** Why the server ends a stream; the client reconnects with Last-Event-ID and misses nothing. */
export const STREAM_END_REASONS = ['shutdown', 'too-slow', 'access-changed', 'unavailable'] as const;
export type StreamEndReason = (typeof STREAM_END_REASONS)[number];

/** The last message of a stream the server ends: no id, so the client's last event id stays the last event's. */
export function endMessage(reason: StreamEndReason): string {
  return `event: stream.ended\ndata: ${JSON.stringify({ reason })}\n\n`;
}

/** A comment line: ignored by clients, it keeps proxies from closing a quiet connection. */
export const KEEP_ALIVE = ': keep-alive\n\n';
