import { defineSignal } from '@temporalio/workflow';

/**
 * What the API, the worker and the webhook workflows (workflows/webhook-dispatcher.ts,
 * workflows/webhook-endpoint.ts) share: the task queue, the workflow ids and the wake-up signal.
 *
 * Webhooks run on a task queue of their own, served by a second worker in the worker process: an
 * endpoint that answers slowly holds webhook activity slots, never the ones jobs run their
 * activities in.
 */
export const webhookTaskQueue = (jobTaskQueue: string) => `${jobTaskQueue}-webhooks`;

/** One dispatcher per deployment (named by the job task queue, as deployments sharing a namespace are told apart). */
export const webhookDispatcherWorkflowId = (jobTaskQueue: string) => `webhook-dispatcher-${jobTaskQueue}`;

/** One delivery workflow per endpoint, alive while the endpoint has deliveries pending. */
export const webhookEndpointWorkflowId = (endpointId: string) => `webhook-endpoint-${endpointId}`;

/** New deliveries, a redelivery or a resumed endpoint: look again what is due. */
export const webhookDeliveriesDueSignal = defineSignal('webhookDeliveriesDue');

/** Where an endpoint's deliveries stand after a round of sending. */
export type EndpointDeliveryState =
  | { kind: 'gone' } // the endpoint was deleted
  | { kind: 'paused' }
  | { kind: 'idle' } // nothing pending
  | { kind: 'busy' } // more is due now: the round ended to let the workflow record its progress
  | { kind: 'waiting'; nextDueAt: number }; // epoch ms of the next retry

/** The webhook worker's activities (activities/webhooks.ts), as the workflows call them. */
export interface WebhookActivities {
  /** Long-polls the feed and fans new events out into deliveries; answers the endpoints to wake. */
  fanOutWebhookEvents(): Promise<string[]>;
  /** Signals each endpoint's delivery workflow, starting it if it is not running. */
  wakeWebhookEndpoints(endpointIds: string[]): Promise<void>;
  /** Sends what is due to one endpoint, several jobs at once and each job's deliveries in order. */
  deliverWebhooks(endpointId: string): Promise<EndpointDeliveryState>;
}
