import type { Knex } from 'knex';

/**
 * Idempotency keys get a scope instead of belonging to a user, so that requests made without an API
 * token (answering an invitation) are safe to retry too; and kept answers are stored sealed, because
 * some hold a token shown only once (a new company's admin, a technician, an invitation link).
 */
export async function up(knex: Knex): Promise<void> {
  // Answers kept before this migration are in plain text and may hold tokens: they go. The cost is
  // that a request sent before the upgrade and retried after it runs again.
  await knex('idempotency_keys').delete();
  // Knex runs column changes before key changes within one alterTable, so the key goes first.
  await knex.schema.alterTable('idempotency_keys', (t) => t.dropPrimary());
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.text('scope').notNullable().comment("whose keys these are: 'user:<id>' or 'invitation:<token hash>'");
    t.uuid('user_id').nullable().alter();
    t.primary(['scope', 'key']);
    t.dropColumn('body');
    t.binary('sealed_body').comment('the kept answer, AES-GCM sealed with a key only the client can derive (api/sealed-answer.ts)');
  });
  await knex.raw("comment on column idempotency_keys.user_id is 'set for user scopes, so a removed user takes its keys along'");
}

export async function down(knex: Knex): Promise<void> {
  await knex('idempotency_keys').delete();
  await knex.schema.alterTable('idempotency_keys', (t) => t.dropPrimary());
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.dropColumn('scope');
    t.dropColumn('sealed_body');
    t.jsonb('body');
    t.uuid('user_id').notNullable().alter();
    t.primary(['user_id', 'key']);
  });
}
