import type { Db } from './connection';
import type { InvitationStatus } from './invitations';
import { newToken } from './tokens';

/** Who an invitation's e-mails go to and what they say; undefined once it is withdrawn (deleted) or if it was never recorded. */
export interface InvitationToMail {
  status: InvitationStatus;
  email: string;
  fleetName: string;
  providerName: string;
}

export async function invitationToMail(db: Db, invitationId: string): Promise<InvitationToMail | undefined> {
  return db('invitations as i')
    .join('fleets as f', 'f.id', 'i.fleet_id')
    .join('organisations as p', 'p.id', 'f.provider_id')
    .where('i.id', invitationId)
    .first('i.status', 'i.email', 'f.name as fleetName', 'p.name as providerName');
}

/**
 * A new link for an e-mail about to be sent: its token, which only that e-mail will carry, is
 * returned and its hash kept. The API's own token is not kept, so each e-mail needs one of its own;
 * an attempt that fails leaves a link nobody has.
 */
export async function newInvitationLink(db: Db, invitationId: string): Promise<string> {
  const { token, hash } = newToken('inv');
  await db('invitation_links').insert({ invitation_id: invitationId, token_hash: hash });
  return token;
}

/** One attempt to hand an e-mail to the SMTP server, as the provider sees it on the invitation. */
export type MailAttempt =
  | { outcome: 'sending' }
  | { outcome: 'sent'; kind: 'invitation' | 'reminder' }
  | { outcome: 'retrying'; error: string }
  | { outcome: 'failed'; error: string };

export async function recordMailAttempt(db: Db, invitationId: string, attempt: MailAttempt): Promise<void> {
  const now = db.fn.now();
  const change =
    attempt.outcome === 'sending'
      ? { mail_status: 'sending', mail_last_attempt_at: now }
      : attempt.outcome === 'sent'
        ? {
            mail_status: 'sent',
            mail_last_error: null,
            [attempt.kind === 'invitation' ? 'mail_sent_at' : 'mail_reminder_sent_at']: now,
          }
        : { mail_status: attempt.outcome === 'failed' ? 'failed' : 'sending', mail_last_error: attempt.error };
  await db('invitations').where({ id: invitationId }).update(change);
}
