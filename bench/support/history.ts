import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

export interface HistorySize {
  events: number;
  /** The history as Temporal stores and sends it: encoded protobuf. */
  bytes: number;
  /** Events by type, e.g. ActivityTaskScheduled: 12. */
  byType: Record<string, number>;
}

/** What a closed run left in Temporal. */
export async function historySize(client: Client, workflowId: string): Promise<HistorySize> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const byType: Record<string, number> = {};
  for (const event of events) {
    const name = (temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? 'unknown').replace(/^EVENT_TYPE_/, '');
    const type = name.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());
    byType[type] = (byType[type] ?? 0) + 1;
  }
  return { events: events.length, bytes: temporal.api.history.v1.History.encode(history).finish().length, byType };
}
