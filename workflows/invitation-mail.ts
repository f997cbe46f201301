import { ActivityFailure, condition, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { JobActivities } from '../activities';
import {
  invitationAnsweredSignal,
  invitationWithdrawnSignal,
  type InvitationMailInput,
  type InvitationMailOutcome,
} from '../common/mail-workflows';

/** Reading the database: quick, and retried only briefly while the API's commit is on its way. */
const { invitationRecorded, invitationWithdrawal, invitationState } = proxyActivities<JobActivities>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '2 minutes',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds' },
});

/**
 * Handing an e-mail to SMTP: retried with backoff for a day (a server down for maintenance, a full
 * queue), then given up and shown as failed. A 5xx answer is not retried (activities/mail.ts).
 */
export const MAIL_RETRY_PERIOD = '24 hours';
const { sendInvitationMail, sendInvitationWithdrawnMail, markInvitationMailFailed } = proxyActivities<JobActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: MAIL_RETRY_PERIOD,
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/**
 * After its reminder the run waits to be told of an answer or a withdrawal; it also looks at the
 * invitation this often, so that a signal lost on the way (the API stopped between its commit and
 * telling) does not keep it open for good.
 */
export const LOOK_AGAIN_EVERY = '7 days';
/** Runs that were waiting after their reminder before LOOK_AGAIN_EVERY existed wait as they did. */
const LOOKS_AGAIN_PATCH = 'invitation-mail-looks-again';

/**
 * The e-mails of one invitation, started by the API before the invitation is committed: the
 * invitation, one reminder after `reminderAfterHours` while it is unanswered, and a withdrawal
 * notice if the provider withdraws it after an e-mail went out. Ends when it is answered.
 * Every decision is taken on what the database shows, so a signal that announces something that
 * then did not happen (the API failed to commit) changes nothing.
 */
export async function invitationMailWorkflow(input: InvitationMailInput): Promise<InvitationMailOutcome> {
  const { invitationId } = input;
  let answered = false;
  let withdrawalAnnounced = false;
  setHandler(invitationAnsweredSignal, () => void (answered = true));
  setHandler(invitationWithdrawnSignal, () => void (withdrawalAnnounced = true));

  let invitation;
  try {
    invitation = await invitationRecorded(invitationId);
  } catch (error) {
    // The API's request failed after starting this run (a second invitation to the address, a crash).
    if (error instanceof ActivityFailure) return 'never-recorded';
    throw error;
  }

  /** An e-mail of the invitation, or its failure recorded on it for the provider to see. */
  async function send(kind: 'invitation' | 'reminder'): Promise<'sent' | 'answered' | 'withdrawn' | 'failed'> {
    try {
      return await sendInvitationMail(invitationId, kind);
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      await markInvitationMailFailed(invitationId, error.cause?.message ?? error.message);
      return 'failed';
    }
  }

  const first = await send('invitation');
  // Answered or withdrawn before the first e-mail went: there is nothing to follow up.
  if (first !== 'sent') return first;

  // Counted from the first e-mail, however often a withdrawal that did not happen woke the run.
  const remindAt = Date.now() + input.reminderAfterHours * 60 * 60 * 1000;
  let reminded = false;
  for (;;) {
    const woken = () => answered || withdrawalAnnounced;
    if (reminded && !patched(LOOKS_AGAIN_PATCH)) await condition(woken);
    else if (reminded) {
      if (!(await condition(woken, LOOK_AGAIN_EVERY))) {
        const state = await invitationState(invitationId).catch((error: unknown) => {
          if (error instanceof ActivityFailure) return 'pending' as const; // the database away for minutes: look next time
          throw error;
        });
        if (state === 'answered') return 'answered';
        if (state === 'pending') continue;
        withdrawalAnnounced = true; // deleted without our being told: the withdrawal is real all the same
      }
    } else if (!(await condition(woken, Math.max(remindAt - Date.now(), 1)))) {
      reminded = true;
      const reminder = await send('reminder');
      if (reminder === 'answered') return 'answered';
      // Deleted without our being told first: the withdrawal is real all the same.
      if (reminder === 'withdrawn') withdrawalAnnounced = true;
      continue;
    }
    if (answered) return 'answered';
    withdrawalAnnounced = false;
    let withdrawal: 'withdrawn' | 'answered' | 'still pending';
    try {
      withdrawal = await invitationWithdrawal(invitationId);
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      withdrawal = 'still pending'; // the API announced a withdrawal it did not commit
    }
    if (withdrawal === 'answered') return 'answered';
    if (withdrawal === 'withdrawn') {
      try {
        await sendInvitationWithdrawnMail(invitation);
      } catch (error) {
        if (error instanceof ActivityFailure) return 'failed';
        throw error;
      }
      return 'withdrawn';
    }
  }
}
