import type { Knex } from 'knex';

/**
 * A claimed Idempotency-Key names its holder and shows it alive: the API process handling the
 * request refreshes `heartbeat_at` every few seconds, so a retry after a crash takes over as soon
 * as the heartbeat stops, instead of waiting out a fixed time.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.text('holder').comment('the API process and request handling the key while status is null (api/idempotency.ts)');
    t.timestamp('heartbeat_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('refreshed while the holder handles the request; stale means the holder is gone');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.dropColumn('holder');
    t.dropColumn('heartbeat_at');
  });
}
