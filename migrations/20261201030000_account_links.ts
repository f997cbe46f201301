import type { Knex } from 'knex';

/**
 * Sign-in links in the welcome e-mail (issue #17): a person added to an organisation gets their own
 * API token through the link instead of from the admin who added them. Each e-mail gets a token of
 * its own, stored only as its hash; a link works once and for a stated time (ACCOUNT_LINK_VALID_HOURS).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('account_links', (t) => {
    t.text('token_hash').primary().comment("sha256 of the token in one welcome e-mail's link");
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE').index().comment('who claims an API token with it');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable().comment('after this the link answers 404');
    t.timestamp('used_at', { useTz: true }).comment('when a token was claimed with it; a used link answers 404');
  });
  await knex.raw(
    `comment on table account_links is 'the links e-mailed to people added to an organisation: each gets one new API token for its user, once'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('account_links');
}
