import { defineSignal } from '@temporalio/workflow';

/**
 * What the API and the mail workflows (workflows/invitation-mail.ts, workflows/welcome-mail.ts)
 * share: their ids, inputs and signals. Each id is derived from the row it mails about, so a
 * workflow is started at most once per invitation or user.
 */
export const invitationMailWorkflowId = (invitationId: string) => `invitation-mail-${invitationId}`;
export const welcomeMailWorkflowId = (userId: string) => `welcome-mail-${userId}`;

export interface InvitationMailInput {
  invitationId: string;
  /** INVITATION_REMINDER_HOURS when the invitation was sent: its one reminder goes after this long unanswered. */
  reminderAfterHours: number;
}

/** The company accepted or declined: nothing more to send. Sent after the answer is committed. */
export const invitationAnsweredSignal = defineSignal('invitationAnswered');

/**
 * The provider is withdrawing the invitation. Sent before the row is deleted (so that a failure
 * to tell leaves the invitation as it was): the workflow sends the withdrawal e-mail only once the
 * database shows the invitation gone.
 */
export const invitationWithdrawnSignal = defineSignal('invitationWithdrawn');

/** How a run ended, as the Temporal UI shows it. */
export type InvitationMailOutcome = 'answered' | 'withdrawn' | 'never-recorded' | 'failed';
