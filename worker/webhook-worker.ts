import { Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import { createWebhookActivities, DEFAULT_DELIVERY_SETTINGS, type WebhookDeliverySettings } from '../activities/webhooks';
import { webhookTaskQueue } from '../common/webhook-workflows';
import type { Db } from '../db/connection';
import { activeTracing } from '../observability/tracing';
import { bundleJobWorkflows } from './bundle';

export interface WebhookWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  /** The job task queue; webhooks run on their own queue beside it (common/webhook-workflows.ts). */
  taskQueue: string;
  db: Db;
  /** The job worker's bundle: it holds the webhook workflows too. */
  workflowBundle?: WorkflowBundle | Promise<WorkflowBundle>;
  settings?: Partial<WebhookDeliverySettings>;
}

/**
 * Each running delivery round holds one slot while it waits on an endpoint: plenty of them, as
 * they cost a socket, not CPU. A separate worker so that slow endpoints never hold the job
 * worker's activity slots, and a full set of them here delays other webhooks, never a job.
 */
const MAX_CONCURRENT_ACTIVITIES = 200;

/** The second worker of a worker process: the webhook dispatcher and each endpoint's deliveries. */
export async function createWebhookWorker(options: WebhookWorkerOptions): Promise<Worker> {
  const tracing = activeTracing();
  return Worker.create({
    ...tracing?.workerOptions,
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: webhookTaskQueue(options.taskQueue),
    workflowBundle: await (options.workflowBundle ?? bundleJobWorkflows()),
    activities: createWebhookActivities({
      db: options.db,
      jobTaskQueue: options.taskQueue,
      settings: { ...DEFAULT_DELIVERY_SETTINGS, ...options.settings },
    }),
    maxConcurrentActivityTaskExecutions: MAX_CONCURRENT_ACTIVITIES,
    // A few long-lived workflows (the dispatcher, the endpoints with deliveries pending): a small cache holds them.
    maxCachedWorkflows: 100,
  });
}
