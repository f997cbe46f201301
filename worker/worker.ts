import { NativeConnection, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { DEFAULT_WORKER_SETTINGS, type WorkerSettings } from '../common/config';
import { bundleJobWorkflows } from './bundle';
import { createActivities, type ActivityDependencies } from '../activities';
import { measuredGateway } from './vehicle-metrics';
import { activeTracing, type Tracing } from '../observability/tracing';

export interface JobWorkerOptions extends ActivityDependencies {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Tests bundle the workflows once and share the bundle across their workers; `start` loads it while the servers start. */
  workflowBundle?: WorkflowBundle | Promise<WorkflowBundle>;
  /** The configuration's WORKER_* settings; the defaults otherwise (the tests). */
  settings?: WorkerSettings;
  /** The process's tracing (default: activeTracing()): activity spans and the workflow spans' sink; the bundle must carry its workflow interceptors. */
  tracing?: Tracing;
}

export async function createJobWorker(options: JobWorkerOptions): Promise<Worker> {
  const settings = options.settings ?? DEFAULT_WORKER_SETTINGS;
  const tracing = options.tracing ?? activeTracing();
  return Worker.create({
    ...tracing?.workerOptions,
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await (options.workflowBundle ?? bundleJobWorkflows()),
    // The connection has made the Runtime by now: its meter exports on WORKER_METRICS_ADDRESS when set, and counts into nothing otherwise.
    activities: createActivities({
      db: options.db,
      gateway: measuredGateway(options.gateway, Runtime.instance().metricMeter),
      photos: options.photos,
      mail: options.mail,
    }),
    maxCachedWorkflows: settings.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: settings.maxConcurrentWorkflowTasks,
    maxConcurrentActivityTaskExecutions: settings.maxConcurrentActivities,
    maxConcurrentLocalActivityExecutions: settings.maxConcurrentLocalActivities,
    workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: settings.workflowTaskPollers },
    activityTaskPollerBehavior: { type: 'simple-maximum', maximum: settings.activityTaskPollers },
    stickyQueueScheduleToStartTimeout: `${settings.stickyQueueTimeoutSeconds}s`,
  });
}

/** Nothing in flight: no workflow activation, no activity. */
export function isWorkerIdle(worker: Worker): boolean {
  const status = worker.getStatus();
  return status.numInFlightWorkflowActivations === 0 && status.numInFlightActivities === 0;
}
