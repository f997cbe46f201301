import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { welcomeMailWorkflowId } from '../common/mail-workflows';
import { welcomeMailWorkflow } from '../workflows';

/** How long Temporal gets to take the start before the request fails (503) instead of hanging. */
const TEMPORAL_CALL_MS = 5_000;

/**
 * The id of a user about to be added, with the welcome e-mail's workflow (workflows/welcome-mail.ts)
 * already started for it: started before the user is committed, so that a committed user always
 * gets the e-mail; if adding them fails, the run finds no user and ends without sending.
 */
export async function startWelcomeMail(deps: { temporal: Client; taskQueue: string }): Promise<string> {
  const userId = randomUUID();
  await deps.temporal.withDeadline(Date.now() + TEMPORAL_CALL_MS, () =>
    deps.temporal.workflow.start(welcomeMailWorkflow, {
      workflowId: welcomeMailWorkflowId(userId),
      taskQueue: deps.taskQueue,
      args: [userId],
      staticSummary: `Welcome e-mail to user ${userId}`,
    }),
  );
  return userId;
}
