import type { Knex } from 'knex';

/**
 * Invitation e-mails (issue #17): how the latest one fared, shown on the invitation, and the links
 * the e-mails carry. Each e-mail gets a token of its own, stored only as its hash, because the
 * token answered by POST …/invitations is not kept anywhere and a reminder days later needs a link.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invitations', (t) => {
    t.text('mail_status').comment("the latest e-mail's delivery: sending, sent or failed; null for invitations from before e-mail");
    t.timestamp('mail_last_attempt_at', { useTz: true }).comment('when the SMTP server was last tried');
    t.text('mail_last_error').comment("the last attempt's failure as the SMTP server gave it; null once one got through");
    t.timestamp('mail_sent_at', { useTz: true }).comment('when the invitation e-mail was accepted by the SMTP server');
    t.timestamp('mail_reminder_sent_at', { useTz: true }).comment('when the reminder was accepted by the SMTP server');
    t.check(`mail_status in ('sending', 'sent', 'failed')`, [], 'invitations_mail_status_check');
  });
  await knex.schema.createTable('invitation_links', (t) => {
    t.text('token_hash').primary().comment("sha256 of the token in one e-mail's link");
    t.uuid('invitation_id').notNullable().references('invitations.id').onDelete('CASCADE').index();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    `comment on table invitation_links is 'the links e-mailed for an invitation: each answers for it like the token POST …/invitations answered'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('invitation_links');
  await knex.schema.alterTable('invitations', (t) => {
    t.dropChecks(['invitations_mail_status_check']);
    t.dropColumns('mail_status', 'mail_last_attempt_at', 'mail_last_error', 'mail_sent_at', 'mail_reminder_sent_at');
  });
}
