import type { Knex } from 'knex';

/**
 * Job-scoped vehicle access. The engine holds the vendor credentials; an installer's vehicle
 * command goes through our API and is allowed only while the job's grant is open: granted,
 * not revoked, not expired.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('access_grants', (t) => {
    t.text('id').primary().comment('derived from the job id by the workflow, so a retried grant is the same grant');
    t.text('job_id').notNullable().references('jobs.id').onDelete('CASCADE');
    t.uuid('installer_company_id').notNullable().references('organisations.id');
    t.specificType('permissions', 'text[]').notNullable().comment("the job type's access.permissions, e.g. {lock,unlock}");
    t.timestamp('granted_at', { useTz: true }).notNullable();
    t.timestamp('expires_at', { useTz: true })
      .notNullable()
      .comment('granted_at + access.maxDuration: the API refuses commands after it even before the revoking timer fires');
    t.timestamp('revoked_at', { useTz: true });
    t.text('revoke_reason').comment('job succeeded, job failed, access window ran out, …');
    t.index(['job_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('access_grants');
}
