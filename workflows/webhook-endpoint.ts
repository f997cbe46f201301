import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import { webhookDeliveriesDueSignal, type EndpointDeliveryState, type WebhookActivities } from '../common/webhook-workflows';

const { deliverWebhooks } = proxyActivities<WebhookActivities>({
  // A round sends for a minute at most; heartbeats every few seconds show it alive, so a killed
  // worker's round is tried again within seconds (the same deliveries, under the same webhook-ids).
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const ROUNDS_PER_RUN = 100;

/**
 * One endpoint's deliveries (webhook-endpoint-<id>): rounds of sending, and between them a durable
 * timer until the next retry is due — so retries outlive worker and API restarts — or a signal
 * that new deliveries are there. It ends when nothing is pending (or the endpoint is paused or
 * gone), and is started again by the next signal (signal-with-start): idle endpoints cost nothing.
 */
export async function webhookEndpointWorkflow(endpointId: string): Promise<EndpointDeliveryState['kind']> {
  let signalled = false;
  setHandler(webhookDeliveriesDueSignal, () => void (signalled = true));
  for (let round = 0; round < ROUNDS_PER_RUN; round++) {
    signalled = false; // a signal during the round means: look again
    const state = await deliverWebhooks(endpointId);
    if (state.kind === 'waiting') {
      const waitMs = state.nextDueAt - Date.now();
      if (waitMs > 0) await condition(() => signalled, waitMs);
    } else if (state.kind !== 'busy' && !signalled) {
      return state.kind;
    }
  }
  return continueAsNew<typeof webhookEndpointWorkflow>(endpointId);
}
