import type { Knex } from 'knex';

/**
 * Webhooks (issue #17): the endpoints a tenant registers, one delivery per endpoint and feed event,
 * and how far the dispatcher has read the feed.
 *
 * - The secret is stored as it is, not hashed: every delivery is signed with it.
 * - A delivery's body is fixed when it is made, so that every attempt sends the same bytes under the
 *   same webhook-id; `ordering_key` (the job, or the invitation) is what deliveries wait in line by.
 * - `seq` numbers deliveries in feed order: the dispatcher inserts them as it reads the feed.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_endpoints', (t) => {
    t.uuid('id').primary().defaultTo(knex.fn.uuid());
    t.uuid('organisation_id')
      .notNullable()
      .references('organisations.id')
      .comment('the provider or installer company whose events it gets');
    t.text('url').notNullable();
    t.specificType('event_types', 'text[]').notNullable().comment('the subscribed types (webhooks/event-types.ts)');
    t.text('description');
    t.text('secret').notNullable().comment('whsec_…: signs every delivery; shown to the tenant once');
    t.text('previous_secret').comment(
      'the secret before the latest rotation, still signing beside the new one until previous_secret_until',
    );
    t.timestamp('previous_secret_until', { useTz: true });
    t.timestamp('paused_at', { useTz: true }).comment('set: deliveries are recorded, none is sent until resumed');
    t.uuid('created_by').comment('the admin who registered it (no foreign key: a removed user stays named)');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['organisation_id', 'created_at']);
  });

  await knex.schema.createTable('webhook_deliveries', (t) => {
    t.uuid('id').primary().defaultTo(knex.fn.uuid()).comment('public delivery id; the webhook-id header is msg_ and this');
    t.specificType('seq', 'bigint generated always as identity').notNullable().unique().comment('feed order');
    t.uuid('endpoint_id').notNullable().references('webhook_endpoints.id').onDelete('CASCADE');
    t.bigInteger('event_id').notNullable().comment('the feed event (feed_events.id) it delivers');
    t.text('ordering_key').notNullable().comment('job:<id> or invitation:<id>: one delivery at a time per key and endpoint');
    t.text('type').notNullable();
    t.text('payload').notNullable().comment('the request body, byte for byte the same on every attempt');
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).defaultTo(knex.fn.now()).comment('pending: not before then');
    t.timestamp('first_attempt_at', { useTz: true }).comment('retries end a stated time after this');
    t.timestamp('last_attempt_at', { useTz: true });
    t.integer('last_status_code').comment("the endpoint's answer to the last attempt; null when none came (timeout, refused)");
    t.text('last_error').comment('why the last attempt failed, shortly');
    t.timestamp('delivered_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['endpoint_id', 'event_id']);
    t.check(`status in ('pending', 'delivered', 'failed')`, [], 'webhook_deliveries_status_check');
    t.index(['endpoint_id', 'seq']);
  });
  // What the delivery activity asks again and again: each key's oldest pending delivery.
  await knex.raw(`create index webhook_deliveries_pending on webhook_deliveries (endpoint_id, ordering_key, seq) where status = 'pending'`);

  await knex.schema.createTable('webhook_dispatch_cursor', (t) => {
    t.boolean('id').primary().defaultTo(true);
    t.text('cursor').comment('the feed cursor (db/feed.ts) of the last event fanned out; null: from the beginning');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check('id', [], 'webhook_dispatch_cursor_one_row');
  });
  await knex('webhook_dispatch_cursor').insert({ id: true, cursor: null });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('webhook_dispatch_cursor');
  await knex.schema.dropTable('webhook_deliveries');
  await knex.schema.dropTable('webhook_endpoints');
}
