import type { Knex } from 'knex';

/**
 * Headers of a kept answer that a replay must carry besides Location (api/idempotency.ts
 * REPLAYED_HEADERS), e.g. a duplicate's Dropped-Values: a retry gets the whole answer, not its body alone.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.jsonb('headers').comment('replayed headers of the kept answer, by name; null when it had none');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('idempotency_keys', (t) => {
    t.dropColumn('headers');
  });
}
