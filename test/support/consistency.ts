import type { Client } from '@temporalio/client';
import type { JobOutcome } from '../../common/job-messages';
import { jobSnapshotQuery } from '../../common/job-messages';
import type { Db } from '../../db/connection';

/**
 * The read model and Temporal tell the same story: every job workflow has its row (unless the job
 * was deleted), every row its workflow, their statuses agree, and every access window that has
 * elapsed is closed. Checked after the suites that attack the stack (fuzz, races, faults); the read
 * model may lag a change by a moment, so the check is repeated for a few seconds before it fails.
 */
export async function assertConsistent(stack: { db: Db; client: Client; taskQueue: string }, withinMs = 15_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const problems = await inconsistencies(stack);
    if (problems.length === 0) return;
    if (Date.now() > deadline) throw new Error(`The read model and Temporal disagree:\n  ${problems.slice(0, 20).join('\n  ')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function inconsistencies({ db, client, taskQueue }: { db: Db; client: Client; taskQueue: string }): Promise<string[]> {
  const problems: string[] = [];
  const statusOf = new Map<string, string>();
  for await (const run of client.workflow.list({ query: `TaskQueue = "${taskQueue}" AND WorkflowType = "jobWorkflow"` })) {
    const handle = client.workflow.getHandle(run.workflowId, run.runId);
    if (run.status.name === 'RUNNING') statusOf.set(run.workflowId, (await handle.query(jobSnapshotQuery)).status);
    else if (run.status.name === 'COMPLETED') statusOf.set(run.workflowId, ((await handle.result()) as JobOutcome).status);
    // A cancelled run ended its job FAILED before it closed.
    else if (run.status.name === 'CANCELLED') statusOf.set(run.workflowId, 'FAILED');
    else problems.push(`${run.workflowId}: the run is ${run.status.name}`);
  }
  const rows: Array<{ id: string; workflow_id: string; status: string }> = await db('jobs').select('id', 'workflow_id', 'status');
  const rowOf = new Map(rows.map((row) => [row.workflow_id, row]));
  for (const [workflowId, status] of statusOf) {
    const row = rowOf.get(workflowId);
    if (status === 'DELETED') {
      if (row) problems.push(`${workflowId}: deleted, but its row is still there`);
    } else if (!row) problems.push(`${workflowId}: ${status} in Temporal, but no row`);
    else if (row.status !== status) problems.push(`${workflowId}: ${status} in Temporal, ${row.status} in the read model`);
  }
  for (const row of rows) if (!statusOf.has(row.workflow_id)) problems.push(`${row.id}: a row without a job workflow`);
  const open = await db('access_grants')
    .whereNull('revoked_at')
    .where('expires_at', '<', db.raw("now() - interval '5 seconds'"))
    .pluck('job_id');
  for (const jobId of open) problems.push(`${jobId}: its access window has elapsed, but the grant is open`);
  return problems;
}
