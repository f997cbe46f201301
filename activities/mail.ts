import { ApplicationFailure } from '@temporalio/common';
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
}

/** Who a welcome e-mail goes to, as the workflow keeps it. */
export type Welcomed = Omit<WelcomeMailInput, 'docsUrl'>;

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
      if (!invitation) throw ApplicationFailure.retryable(`Invitation ${invitationId} is not recorded (yet).`, 'NotRecorded');
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
      if (!user) throw ApplicationFailure.retryable(`User ${userId} is not recorded (yet).`, 'NotRecorded');
      const role = user.role as Welcomed['role'];
      return {
        to: user.email,
        organisationName: user.organisationName,
        role,
        ...(user.customers.length ? { customers: user.customers } : {}),
      };
    },

    async sendWelcomeMail(user: Welcomed): Promise<void> {
      await send(welcomeMail({ ...user, docsUrl: `${deps?.publicUrl}/docs` }));
    },
  };
}
