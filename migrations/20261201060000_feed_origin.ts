import type { Knex } from 'knex';

/**
 * Which Postgres cluster the event feed was written in (its system identifier), recorded by every
 * migration: a logical restore into another cluster changes it, and the feed's order, which follows
 * transaction ids, must then be repaired (db/feed-restore.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('feed_origin', (t) => {
    t.boolean('id').primary().defaultTo(true);
    t.text('cluster').notNullable().comment('pg_control_system().system_identifier at the last migration');
    t.check('id', [], 'feed_origin_one_row');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('feed_origin');
}
