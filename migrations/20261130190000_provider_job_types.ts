import type { Knex } from 'knex';

/**
 * Job types a provider publishes through the API (issue #11). Built-in types stay in
 * job_type_versions, registered from the files at start; a provider's own live here, with their
 * source, who published them and when, because they have an author and a tenant, the built-ins
 * neither. A version's content never changes once published: running jobs carry it.
 *
 * A provider retires a type of its own (archive) or a built-in (hide) the same way: a row in
 * provider_job_type_archives, which stops new jobs from it and keeps it out of the list. Every
 * publish, archive and unarchive is a row of provider_job_type_audit, which the provider's admins read.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('provider_job_type_versions', (t) => {
    t.comment('Every version of the job types a provider publishes through PUT /v1/job-types/{id}; rows are never updated');
    t.uuid('provider_id')
      .notNullable()
      .references('id')
      .inTable('organisations')
      .onDelete('CASCADE')
      .comment('the provider that owns the type: nobody else sees it');
    t.text('id').notNullable().comment('job type id, unique within the provider and never the id of a built-in type');
    t.integer('version').notNullable().checkPositive().comment('the version number; content under one version never changes');
    t.string('content_hash', 64)
      .notNullable()
      .comment('sha256 (hex) of the definition in canonical JSON; formatting and comments do not count');
    t.text('source').notNullable().comment('the YAML as the author sent it (without version: when they left it out)');
    t.jsonb('definition').notNullable().comment('the compiled definition (CompiledJobType) with the version assigned');
    t.uuid('published_by_user_id').notNullable().comment('the provider admin who published it; by value, so it outlives the account');
    t.text('published_by_email').notNullable().comment('the address of that admin at the time');
    t.timestamp('published_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('when this version was published');
    // Also the index of "the latest version of (provider, id)", read on every job creation.
    t.primary(['provider_id', 'id', 'version']);
  });

  await knex.schema.createTable('provider_job_type_archives', (t) => {
    t.comment('Job types a provider stopped using for new jobs: its own (archived) or built-in ones (hidden from its people)');
    t.uuid('provider_id')
      .notNullable()
      .references('id')
      .inTable('organisations')
      .onDelete('CASCADE')
      .comment('the provider that retired the type');
    t.text('job_type_id').notNullable().comment("the provider's own type, or a built-in type's id");
    t.uuid('archived_by_user_id').notNullable().comment('who retired it, by value');
    t.text('archived_by_email').notNullable().comment('their address at the time');
    t.timestamp('archived_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('since when no new job may use it');
    t.primary(['provider_id', 'job_type_id']);
  });

  await knex.schema.createTable('provider_job_type_audit', (t) => {
    t.comment('What the admins of a provider did to job types, oldest first: GET /v1/job-types/{id}/history');
    t.bigIncrements('seq').comment('order of the entries');
    t.uuid('provider_id')
      .notNullable()
      .references('id')
      .inTable('organisations')
      .onDelete('CASCADE')
      .comment('the provider whose log this is');
    t.text('job_type_id').notNullable().comment('the type concerned');
    t.text('owner').notNullable().checkIn(['builtin', 'provider']).comment('builtin: a shipped type; provider: one of its own');
    t.text('action').notNullable().checkIn(['published', 'archived', 'unarchived']).comment('what happened; archiving a built-in hides it');
    t.integer('version').nullable().comment('the version published, or the latest one when archived or unarchived');
    t.uuid('actor_user_id').notNullable().comment('who did it, by value');
    t.text('actor_email').notNullable().comment('their address at the time');
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('when');
    t.index(['provider_id', 'job_type_id', 'seq']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('provider_job_type_audit');
  await knex.schema.dropTable('provider_job_type_archives');
  await knex.schema.dropTable('provider_job_type_versions');
}
