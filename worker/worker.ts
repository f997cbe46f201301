import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import { bundleJobWorkflows } from './bundle';
import { createActivities, type ActivityDependencies } from '../activities';

export interface JobWorkerOptions extends ActivityDependencies {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** Tests bundle the workflows once and share the bundle across their workers. */
  workflowBundle?: WorkflowBundle;
}

export async function createJobWorker(options: JobWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle ?? (await bundleJobWorkflows()),
    activities: createActivities({ db: options.db, gateway: options.gateway }),
  });
}
