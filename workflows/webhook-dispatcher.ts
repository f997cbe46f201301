import { continueAsNew, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from '../common/webhook-workflows';

const { fanOutWebhookEvents } = proxyActivities<WebhookActivities>({
  // A long poll: it answers as soon as there are deliveries, else after half a minute; a dead
  // worker's poll is taken over once its heartbeats stop.
  startToCloseTimeout: '2 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});
const { wakeWebhookEndpoints } = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** Rounds per run: continue-as-new keeps the history short. */
const ROUNDS_PER_RUN = 200;

/**
 * The one reader of the event feed for webhooks (temporal/webhooks.ts starts it): each round turns
 * new events into deliveries and wakes the endpoints that got some. The endpoints to wake are in
 * this history once the fan-out has answered, so a crash between the two wakes them still.
 */
export async function webhookDispatcherWorkflow(): Promise<void> {
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    const endpointIds = await fanOutWebhookEvents();
    if (endpointIds.length > 0) await wakeWebhookEndpoints(endpointIds);
  }
  await continueAsNew<typeof webhookDispatcherWorkflow>();
}
