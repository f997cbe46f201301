import type { Knex } from 'knex';

/**
 * Where in the event feed a webhook endpoint begins (issue #17): the feed's position when it was
 * registered. The dispatcher may read events from before that moment later (it was behind, or no
 * worker ran); an endpoint gets only what happened after it was registered.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('webhook_endpoints', (t) => {
    t.text('starts_after').comment('feed cursor at registration: only later events are delivered; null for endpoints from before');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('webhook_endpoints', (t) => {
    t.dropColumn('starts_after');
  });
}
