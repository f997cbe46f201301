import { Context } from '@temporalio/activity';
import { ApplicationFailure, ApplicationFailureCategory } from '@temporalio/common';
import { DEFAULT_ACCOUNT_LINK_VALID_HOURS } from '../common/config';
import { welcomeMailWorkflowId } from '../common/mail-workflows';
import { newAccountLink } from '../db/account-links';
import type { Db } from '../db/connection';
import { invitationToMail, newInvitationLink, recordMailAttempt, type InvitationToMail } from '../db/invitation-mail';
import { userToWelcome } from '../db/tenancy';
import { MailDeliveryError, type Mailer, type MailMessage } from '../mail/mailer';
import { invitationMail, invitationWithdrawnMail, welcomeMail, type WelcomeMailInput } from '../mail/messages';

export interface MailDependencies {
  /** Unset when SMTP_URL is: every e-mail then fails at once, visibly, instead of waiting for a server that is not there. */
  mailer?: Mailer;
  /** PUBLIC_URL: the links in the e-mails start with it. */
  publicUrl: string;
  /** ACCOUNT_LINK_VALID_HOURS: how long a welcome e-mail's sign-in link works; default a week. */
  accountLinkValidHours?: number;
}

/** Who a welcome e-mail goes to, as the workflow keeps it. */
export type Welcomed = Omit<WelcomeMailInput, 'docsUrl' | 'link' | 'validHours'>;

/**
 * The e-mails' I/O for the mail workflows: reading who to write to, making links, handing the
 * message to SMTP and recording how that went. A token made here goes into the e-mail and, as its
 * hash, into the database — never into an activity's result, the workflow's history or a log.
 */
export function createMailActivities(db: Db, deps: MailDependencies | undefined) {
  async function send(message: MailMessage): Promise<void> {
    if (!deps?.mailer) throw ApplicationFailure.nonRetryable('SMTP_URL is not set: no e-mail is sent.', 'MailNotConfigured');
    try {
      await deps.mailer.send(message);
    } catch (error) {
      const failure = error instanceof MailDeliveryError ? error : new MailDeliveryError(String(error), false);
      // Only the message goes on: the cause could quote what was sent.
      throw ApplicationFailure.create({ message: failure.message, type: 'MailDeliveryError', nonRetryable: failure.permanent });
    }
  }

  return {
    /**
     * The invitation to mail about, once the API has committed it: the API starts the workflow first
     * (api/invitations/mail.ts), so the row may be a moment behind. Retried while missing.
     */
    async invitationRecorded(invitationId: string): Promise<InvitationToMail> {
      const invitation = await invitationToMail(db, invitationId);
      if (!invitation) throw notRecorded(`Invitation ${invitationId}`);
      return invitation;
    },

    /** The invitation e-mail or its reminder, with a link of its own; nothing if it has been answered or withdrawn meanwhile. */
    async sendInvitationMail(invitationId: string, kind: 'invitation' | 'reminder'): Promise<'sent' | 'answered' | 'withdrawn'> {
      const invitation = await invitationToMail(db, invitationId);
      if (!invitation) return 'withdrawn';
      if (invitation.status !== 'PENDING') return 'answered';
      await recordMailAttempt(db, invitationId, { outcome: 'sending' });
      const link = `${deps?.publicUrl}/v1/invitations/${await newInvitationLink(db, invitationId)}`;
      try {
        await send(invitationMail({ ...invitation, to: invitation.email, link, kind }));
      } catch (error) {
        const failure = error as ApplicationFailure;
        await recordMailAttempt(db, invitationId, { outcome: failure.nonRetryable ? 'failed' : 'retrying', error: failure.message });
        throw error;
      }
      await recordMailAttempt(db, invitationId, { outcome: 'sent', kind });
      return 'sent';
    },

    /** After its retries: the delivery has failed, for the provider to see on the invitation. */
    async markInvitationMailFailed(invitationId: string, error: string): Promise<void> {
      await recordMailAttempt(db, invitationId, { outcome: 'failed', error });
    },

    /** Where the invitation stands now, looked at once (no retry while PENDING). */
    async invitationState(invitationId: string): Promise<'pending' | 'answered' | 'withdrawn'> {
      const invitation = await invitationToMail(db, invitationId);
      if (!invitation) return 'withdrawn';
      return invitation.status === 'PENDING' ? 'pending' : 'answered';
    },

    /** Whether the withdrawal the API announced went through: retried while the invitation is still PENDING. */
    async invitationWithdrawal(invitationId: string): Promise<'withdrawn' | 'answered'> {
      const invitation = await invitationToMail(db, invitationId);
      if (!invitation) return 'withdrawn';
      if (invitation.status !== 'PENDING') return 'answered';
      throw ApplicationFailure.retryable(`Invitation ${invitationId} is still pending.`, 'StillPending');
    },

    async sendInvitationWithdrawnMail(invitation: InvitationToMail): Promise<void> {
      await send(invitationWithdrawnMail({ ...invitation, to: invitation.email }));
    },

    /** The user to welcome, once the API has committed them; retried while missing. */
    async userRecorded(userId: string): Promise<Welcomed> {
      const user = await userToWelcome(db, userId);
      if (!user) throw notRecorded(`User ${userId}`);
      const role = user.role as Welcomed['role'];
      return {
        to: user.email,
        organisationName: user.organisationName,
        role,
        ...(user.customers.length ? { customers: user.customers } : {}),
      };
    },

    /**
     * The welcome e-mail, with a sign-in link of its own: each attempt makes a new one, and earlier
     * ones stay valid until they expire (an attempt that failed leaves a link nobody has). Nothing
     * is sent to a user removed meanwhile.
     */
    async sendWelcomeMail(user: Welcomed, userId?: string): Promise<'sent' | 'removed'> {
      const validHours = deps?.accountLinkValidHours ?? DEFAULT_ACCOUNT_LINK_VALID_HOURS;
      const link = await newAccountLink(db, userId ?? userIdOfWelcomeRun(), validHours);
      if (!link) return 'removed';
      await send(
        welcomeMail({
          ...user,
          link: `${deps?.publicUrl}/v1/account-links/${link.token}`,
          validHours,
          docsUrl: `${deps?.publicUrl}/docs`,
        }),
      );
      return 'sent';
    },
  };
}

/**
 * The row a mail workflow was started for is not committed (yet): the API starts the run just
 * before its commit, so the first attempt may come a moment early, and a commit that failed never
 * comes. Retried, but benign — a debug line per attempt, not a worker warning.
 */
function notRecorded(what: string): ApplicationFailure {
  return ApplicationFailure.create({
    message: `${what} is not recorded (yet).`,
    type: 'NotRecorded',
    category: ApplicationFailureCategory.BENIGN,
  });
}

/** A send scheduled by a worker from before sign-in links passed no user id: its run's id holds it. */
function userIdOfWelcomeRun(): string {
  const workflowId = Context.current().info.workflowExecution?.workflowId ?? '';
  const prefix = welcomeMailWorkflowId('');
  if (!workflowId.startsWith(prefix)) throw ApplicationFailure.nonRetryable(`No user to welcome in run ${workflowId}.`, 'NoUser');
  return workflowId.slice(prefix.length);
}
