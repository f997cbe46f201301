import type { Knex } from 'knex';

/**
 * How long a provider keeps the photos of its finished jobs (issue #15): its own number of days,
 * or null for the installation's default (PHOTO_RETENTION_DAYS). Photos housekeeping removes them
 * after that, with a record in the job's events.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('organisations', (t) => {
    t.integer('photo_retention_days').comment("providers: days a finished job's photos are kept; null: the default setting");
    t.check('photo_retention_days is null or photo_retention_days between 1 and 36500', [], 'organisations_photo_retention_days_check');
  });
  // Housekeeping looks for photos of jobs finished long enough ago.
  await knex.raw('create index photos_kept on photos (job_id) where deleted_at is null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index photos_kept');
  await knex.schema.alterTable('organisations', (t) => {
    t.dropChecks(['organisations_photo_retention_days_check']);
    t.dropColumn('photo_retention_days');
  });
}
