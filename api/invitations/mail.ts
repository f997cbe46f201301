import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { loadMailSettings } from '../../common/config';
import { invitationAnsweredSignal, invitationMailWorkflowId, invitationWithdrawnSignal } from '../../common/mail-workflows';
import type { Logger } from '../../observability/log';
import { invitationMailWorkflow } from '../../workflows';

export interface InvitationMailDeps {
  temporal: Client;
  taskQueue: string;
  /** INVITATION_REMINDER_HOURS; tests set their own. */
  invitationReminderHours?: number;
  logger?: Logger;
}

/** How long Temporal gets to take a start or a signal before the request fails (503) instead of hanging. */
const TEMPORAL_CALL_MS = 5_000;

/**
 * Starts the invitation's e-mails (workflows/invitation-mail.ts) before the invitation is
 * committed, under an id made for it. That order is what makes the e-mail certain: if Temporal
 * cannot take the start, nothing is committed and the request fails (and may be retried); if the
 * API dies after the start but before the commit, the run finds no invitation and ends without
 * sending. The other order could commit an invitation whose e-mail nobody ever sends.
 */
export async function startInvitationMail(deps: InvitationMailDeps, invitationId: string): Promise<void> {
  const reminderAfterHours = deps.invitationReminderHours ?? loadMailSettings().invitationReminderHours;
  await deps.temporal.withDeadline(Date.now() + TEMPORAL_CALL_MS, () =>
    deps.temporal.workflow.start(invitationMailWorkflow, {
      workflowId: invitationMailWorkflowId(invitationId),
      taskQueue: deps.taskQueue,
      args: [{ invitationId, reminderAfterHours }],
      staticSummary: `E-mails of invitation ${invitationId}`,
    }),
  );
}

/**
 * Announces a withdrawal before the invitation is deleted, so that a failure to tell fails the
 * request with nothing deleted; the workflow checks the database before writing to anyone. An
 * invitation without a running mail workflow (sent before e-mail existed, or whose e-mail failed)
 * has no one to tell.
 */
export async function announceWithdrawal(deps: InvitationMailDeps, invitationId: string): Promise<void> {
  try {
    await deps.temporal.withDeadline(Date.now() + TEMPORAL_CALL_MS, () =>
      deps.temporal.workflow.getHandle(invitationMailWorkflowId(invitationId)).signal(invitationWithdrawnSignal),
    );
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error;
  }
}

/**
 * After an answer is committed: the workflow may end now rather than at its reminder, which finds
 * the invitation answered anyway. So a failure here is only logged; the answer stands.
 */
export async function tellAnswered(deps: InvitationMailDeps, invitationId: string): Promise<void> {
  try {
    await deps.temporal.withDeadline(Date.now() + TEMPORAL_CALL_MS, () =>
      deps.temporal.workflow.getHandle(invitationMailWorkflowId(invitationId)).signal(invitationAnsweredSignal),
    );
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return;
    deps.logger?.warn(
      { invitationId, err: error },
      "the invitation's mail workflow was not told of its answer; its reminder finds it answered",
    );
  }
}
