import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import {
  webhookDeliveriesDueSignal,
  webhookDispatcherWorkflowId,
  webhookEndpointWorkflowId,
  webhookTaskQueue,
} from '../common/webhook-workflows';
import { webhookDispatcherWorkflow, webhookEndpointWorkflow } from '../workflows';

/**
 * Starts the webhook dispatcher (workflows/webhook-dispatcher.ts) unless it runs: every worker
 * calls this at start-up, the first one starts it. It runs for good, continuing as new.
 */
export async function ensureWebhookDispatcher(client: Client, jobTaskQueue: string): Promise<void> {
  try {
    await client.workflow.start(webhookDispatcherWorkflow, {
      workflowId: webhookDispatcherWorkflowId(jobTaskQueue),
      taskQueue: webhookTaskQueue(jobTaskQueue),
      workflowIdConflictPolicy: 'USE_EXISTING',
      staticSummary: 'Turns new job and invitation events into webhook deliveries (README, Webhooks).',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Tells an endpoint's delivery workflow to look what is due, starting it if it has ended. */
export async function wakeWebhookEndpoint(client: Client, jobTaskQueue: string, endpointId: string): Promise<void> {
  await client.workflow.signalWithStart(webhookEndpointWorkflow, {
    workflowId: webhookEndpointWorkflowId(endpointId),
    taskQueue: webhookTaskQueue(jobTaskQueue),
    args: [endpointId],
    signal: webhookDeliveriesDueSignal,
    signalArgs: [],
    staticSummary: `Delivers the webhooks of endpoint ${endpointId}.`,
  });
}
