import { allHandlersFinished, condition, defineUpdate, proxyLocalActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { BaselineActivities } from './activities';

/**
 * The floor a job's lifecycle is measured against: bare Temporal doing the least a durable job
 * must — each change an update that writes one row to Postgres through one local activity and
 * answers — and nothing else (no validation, no read model, no timers, no search attributes).
 */

/** One change of the lifecycle; `kind` is what it stands for (create, assign, …). Answers the change's number. */
export const baselineChangeUpdate = defineUpdate<number, [string]>('baselineChange');

/** create, assign, start, five steps, complete: as many changes as a cloudboxx-install job has. */
export const BASELINE_CHANGES = 9;

const { recordChange } = proxyLocalActivities<BaselineActivities>({ startToCloseTimeout: '30 seconds' });

export async function baselineWorkflow(): Promise<number> {
  let changes = 0;
  setHandler(baselineChangeUpdate, async (kind) => {
    changes += 1;
    const seq = changes;
    await recordChange({ workflowId: workflowInfo().workflowId, seq, kind });
    return seq;
  });
  // The last change's handler must have answered before the run closes.
  await condition(() => changes >= BASELINE_CHANGES && allHandlersFinished());
  return changes;
}
