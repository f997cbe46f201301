import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { Change, LifecycleDriver } from '../support/job-lifecycle';
import { BASELINE_CHANGES, baselineChangeUpdate, baselineWorkflow } from './workflows';

let runs = 0;

/**
 * The baseline's lifecycle: the job's changes by kind, each one bare update; the first starts the
 * run (update-with-start, as a job is created).
 */
export function baselineLifecycle(client: Client, taskQueue: string, jobChanges: readonly Change[]): LifecycleDriver {
  if (jobChanges.length !== BASELINE_CHANGES) throw new Error(`The baseline takes ${BASELINE_CHANGES} changes, not ${jobChanges.length}`);
  runs += 1;
  const workflowId = `bench-baseline-${Date.now().toString(36)}-${runs}`;
  const handle = client.workflow.getHandle(workflowId);
  return {
    changes: jobChanges.map(({ kind }) => ({ kind })),
    async send(change) {
      if (change.kind !== 'create') {
        await handle.executeUpdate(baselineChangeUpdate, { args: [change.kind] });
        return false;
      }
      const start = new WithStartWorkflowOperation(baselineWorkflow, { workflowId, taskQueue, args: [], workflowIdConflictPolicy: 'FAIL' });
      await client.workflow.executeUpdateWithStart(baselineChangeUpdate, { args: [change.kind], startWorkflowOperation: start });
      return false;
    },
    workflowId: () => workflowId,
    async closed() {
      const changes = await handle.result();
      if (changes !== BASELINE_CHANGES) throw new Error(`Baseline run ${workflowId} closed after ${changes} changes`);
    },
  };
}
