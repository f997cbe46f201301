import type { NativeConnection } from '@temporalio/worker';

/**
 * Resolves once Temporal lists a poller on the task queue. The API refuses changes while no worker
 * polls (503), so whatever starts a worker and then says "ready" (npm start, a test's stack) waits
 * for this first, or its first change races the worker's first poll.
 */
export async function untilWorkerPolls(
  connection: NativeConnection,
  taskQueue: string,
  namespace = 'default',
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { pollers } = await connection.workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: taskQueue },
      taskQueueType: 1, // workflow tasks
    });
    if ((pollers ?? []).length > 0) return;
    if (Date.now() > deadline) throw new Error(`no worker polled task queue ${taskQueue} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
