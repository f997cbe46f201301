import type { Knex } from 'knex';

/**
 * The event feed (issue #17): what webhooks deliver and the live stream sends, read in one order
 * that never skips a row.
 *
 * - Every job event says whom it concerns as it happened (the provider, the installer company
 *   assigned then, the customer), so that a tenant's feed is one indexed read and survives a
 *   deleted PENDING job's row.
 * - `tx` is the writing transaction's id. Ids are taken before commit, so a reader ordering by id
 *   alone could pass a row whose transaction commits later; ordered by (tx, id) and read only below
 *   the oldest transaction still running (`pg_snapshot_xmin`), nothing can appear behind a cursor.
 * - Invitation answers are events of the provider's (and the company's), not of a job: a table of
 *   their own, numbered from the same sequence, and one view over both.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('job_events', (t) => {
    t.specificType('tx', 'xid8').notNullable().defaultTo(knex.raw('pg_current_xact_id()'));
    t.uuid('provider_id').comment('whose job it was when the event happened; null only for trails of jobs deleted before #17');
    t.uuid('installer_company_id').comment('the company the job was assigned to when the event happened');
    t.text('customer_name');
  });
  await knex.raw(`
    update job_events e set provider_id = j.provider_id, installer_company_id = j.installer_company_id, customer_name = j.customer_name
    from jobs j where j.id = e.job_id`);
  await knex.raw('create index job_events_feed on job_events (tx, id)');

  await knex.schema.createTable('invitation_events', (t) => {
    t.bigInteger('id').primary().defaultTo(knex.raw("nextval('job_events_id_seq')"));
    t.specificType('tx', 'xid8').notNullable().defaultTo(knex.raw('pg_current_xact_id()'));
    t.uuid('invitation_id').notNullable().comment('no foreign key: the record outlives a withdrawn invitation');
    t.uuid('provider_id').notNullable();
    t.uuid('installer_company_id');
    t.text('type').notNullable();
    t.jsonb('actor').notNullable();
    t.jsonb('data').notNullable().defaultTo('{}');
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['tx', 'id'], 'invitation_events_feed');
  });

  await knex.raw(`
    create view feed_events as
      select id, tx, job_id, null::uuid as invitation_id, provider_id, installer_company_id, customer_name, type, actor, data, occurred_at
        from job_events
      union all
      select id, tx, null, invitation_id, provider_id, installer_company_id, null, type, actor, data, occurred_at
        from invitation_events`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop view feed_events');
  await knex.schema.dropTable('invitation_events');
  await knex.raw('drop index job_events_feed');
  await knex.schema.alterTable('job_events', (t) => {
    t.dropColumns('tx', 'provider_id', 'installer_company_id', 'customer_name');
  });
}
