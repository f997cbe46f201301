import type { Knex } from 'knex';

/**
 * Photos installers upload for a job (issue #15). A row is written only once the photo's bytes
 * are durable in the photo store, so every row names an object that exists. Which field of the
 * job a photo fills, and when unused or old photos go, are not here: a photo's use belongs in a
 * table of its own (photo, job, field), and `deleted_at` marks one whose bytes were removed while
 * its record stays for the job's audit trail.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('photos', (t) => {
    t.uuid('id').primary().comment('public photo id; derived from the Idempotency-Key and the bytes when the upload had a key');
    t.text('job_id').notNullable().references('jobs.id').comment('the job it was uploaded for; only that job may use it');
    t.text('content_type').notNullable().comment('as recognised from the bytes: image/jpeg, image/png, image/heic, image/heif, image/webp');
    t.bigInteger('size_bytes').notNullable();
    t.integer('width').notNullable().comment('pixels as shown: EXIF orientation applied');
    t.integer('height').notNullable();
    t.text('sha256').notNullable().comment('hex SHA-256 of the bytes as uploaded; the ETag');
    t.text('storage_key').notNullable().comment('the original in the photo store, as uploaded (EXIF kept)');
    t.text('thumbnail_key').comment('a JPEG of at most 320 px without metadata; null when none could be made (HEIC)');
    t.text('thumbnail_sha256');
    t.uuid('taken_by_user_id').notNullable().comment('who uploaded it (no foreign key: a removed user stays named)');
    t.text('taken_by_email').notNullable();
    t.uuid('taken_by_organisation_id').notNullable();
    t.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true }).comment('set when the bytes were removed (unused, or past retention); the row stays');
    t.index(['job_id', 'uploaded_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('photos');
}
