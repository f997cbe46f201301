import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistorySize {
  events: number;
  /** The history as Temporal stores and sends it: encoded protobuf. */
  bytes: number;
  /** Events and their encoded bytes by type, e.g. ActivityTaskScheduled: { events: 3, bytes: 2400 }. */
  byType: Record<string, { events: number; bytes: number }>;
}

/** What a closed run left in Temporal. */
export async function historySize(client: Client, workflowId: string): Promise<HistorySize> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const byType: HistorySize['byType'] = {};
  for (const event of events) {
    const name = (temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'unknown').replace(/^EVENT_TYPE_/, '');
    const type = name.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
    const sum = (byType[type] ??= { events: 0, bytes: 0 });
    sum.events += 1;
    sum.bytes += temporal.api.history.v1.HistoryEvent.encode(event).finish().length;
  }
  return { events: events.length, bytes: temporal.api.history.v1.History.encode(history).finish().length, byType };
}
