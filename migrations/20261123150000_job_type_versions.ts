import type { Knex } from 'knex';

/**
 * Every job-type version the system has ever loaded, with its content hash: a job records the
 * id@version it was created with, and a version's content may never change once seen
 * (definitions/registry.ts refuses it and tells the author to bump `version`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_type_versions', (t) => {
    t.comment('Every job-type version ever loaded from job-types/*.yaml; rows are never updated');
    t.text('id').notNullable().comment('job type id from the YAML, e.g. cloudboxx-install');
    t.integer('version').notNullable().checkPositive().comment('the YAML version; content under one version never changes');
    t.string('content_hash', 64)
      .notNullable()
      .comment('sha256 (hex) of the definition in canonical JSON; formatting and comments do not count');
    t.jsonb('definition').notNullable().comment('the compiled definition (CompiledJobType) as first seen');
    t.timestamp('first_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).comment('when this version was first registered');
    t.primary(['id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('job_type_versions');
}
