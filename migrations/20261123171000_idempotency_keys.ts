import type { Knex } from 'knex';

/** Answers to POST requests sent with an Idempotency-Key, so that a retried request is answered, not repeated. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE').comment('keys are scoped to the user whose token sent them');
    t.text('key').notNullable();
    t.text('request_hash').notNullable().comment('sha256 of method, path and body: the same key with another request is refused');
    t.integer('status').comment('null while the first request is still being handled');
    t.jsonb('body');
    t.text('location');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['user_id', 'key']);
    t.index(['created_at'], 'idempotency_keys_created_at', { indexType: 'btree' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('idempotency_keys');
}
