import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/connection';
import { welcomeMailWorkflowId } from '../common/mail-workflows';
import { welcomeMailWorkflow } from '../workflows';

/** How long Temporal gets to take the start before the request fails (503) instead of hanging. */
const TEMPORAL_CALL_MS = 5_000;

/**
 * Adds a user and starts their welcome e-mail (workflows/welcome-mail.ts): `add` writes the user
 * in a transaction, and the e-mail's workflow is started after it and before the commit. So a
 * committed user always gets the e-mail, and an add that is refused (an address taken) starts
 * none. Only a commit that fails after the start leaves a run without its user; it finds none and
 * ends without sending.
 */
export async function addWithWelcomeMail<T>(
  deps: { db: Db; temporal: Client; taskQueue: string },
  add: (trx: Db, userId: string) => Promise<T>,
): Promise<T> {
  const userId = randomUUID();
  return deps.db.transaction(async (trx) => {
    const added = await add(trx, userId);
    await startWelcomeMail(deps, userId);
    return added;
  });
}

async function startWelcomeMail(deps: { temporal: Client; taskQueue: string }, userId: string): Promise<void> {
  await deps.temporal.withDeadline(Date.now() + TEMPORAL_CALL_MS, () =>
    deps.temporal.workflow.start(welcomeMailWorkflow, {
      workflowId: welcomeMailWorkflowId(userId),
      taskQueue: deps.taskQueue,
      args: [userId],
      staticSummary: `Welcome e-mail to user ${userId}`,
    }),
  );
}
