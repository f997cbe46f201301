import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { Db } from '../../db/connection';
import { untilWorkerPolls } from '../../temporal/worker-polls';
import { createBaselineActivities, createBaselineTable } from './activities';

export interface BaselineWorker {
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * The baseline's worker, in the bench's process beside the job worker: its own bundle (only
 * bench/baseline/workflows.ts), task queue, Temporal connection and Postgres pool.
 */
export async function startBaselineWorker(options: { temporalAddress: string; db: Db; taskQueue: string }): Promise<BaselineWorker> {
  await createBaselineTable(options.db);
  const connection = await NativeConnection.connect({ address: options.temporalAddress });
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('./workflows'),
    logger: { log: () => {}, trace: () => {}, debug: () => {}, info: () => {}, warn: console.warn, error: console.error },
  });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: options.taskQueue,
    workflowBundle,
    activities: createBaselineActivities(options.db),
  });
  const running = worker.run();
  await untilWorkerPolls(connection, options.taskQueue);
  return {
    taskQueue: options.taskQueue,
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
