import type { Knex } from 'knex';

/**
 * Tenancy (providers and their fleets, installer companies, users, API tokens, invitations) and
 * the job read model with its audit trail. The job workflow is the authority on a job; the
 * `jobs` row is what its activities last wrote, for listing and search.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('organisations', (t) => {
    t.uuid('id').primary().defaultTo(knex.fn.uuid());
    t.text('kind').notNullable().comment('provider (mobility provider) or installer_company');
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check(`kind in ('provider', 'installer_company')`, [], 'organisations_kind_check');
  });

  await knex.schema.createTable('fleets', (t) => {
    t.uuid('id').primary().defaultTo(knex.fn.uuid());
    t.uuid('provider_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['provider_id', 'name']);
  });

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.fn.uuid());
    t.uuid('organisation_id').notNullable().references('organisations.id').onDelete('CASCADE');
    t.text('email').notNullable().comment('unique case-insensitively, see users_email_unique');
    t.text('name');
    t.text('role').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.check(`role in ('provider_admin', 'provider_dispatcher', 'installer_admin', 'installer_technician')`, [], 'users_role_check');
  });
  await knex.raw('create unique index users_email_unique on users (lower(email))');

  await knex.schema.createTable('api_tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.fn.uuid());
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique().comment('sha256 of the bearer token; the token itself is shown once and never stored');
    t.text('label');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
  });

  await knex.schema.createTable('invitations', (t) => {
    t.uuid('id').primary().defaultTo(knex.fn.uuid());
    t.uuid('fleet_id').notNullable().references('fleets.id').onDelete('CASCADE');
    t.text('email').notNullable().comment('where the invitation was sent; the company registers with it');
    t.uuid('installer_company_id').references('organisations.id').comment('set once the company has registered (ACCEPTED)');
    t.text('status').notNullable().defaultTo('PENDING');
    t.text('token_hash').notNullable().unique().comment('sha256 of the invitation token in the e-mail link');
    t.uuid('invited_by').references('users.id').onDelete('SET NULL');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('responded_at', { useTz: true });
    t.check(`status in ('PENDING', 'ACCEPTED', 'DECLINED')`, [], 'invitations_status_check');
  });
  // One live invitation per fleet and address; a declined one may be sent again.
  await knex.raw(`create unique index invitations_fleet_email_live on invitations (fleet_id, lower(email)) where status <> 'DECLINED'`);
  await knex.raw(
    `create unique index invitations_fleet_company_accepted on invitations (fleet_id, installer_company_id) where status = 'ACCEPTED'`,
  );

  await knex.schema.createTable('jobs', (t) => {
    t.text('id').primary().comment('public job id, e.g. J-7KQ2M9XDA4; the workflow id derives from it');
    t.text('workflow_id').notNullable().unique();
    t.uuid('provider_id').notNullable().references('organisations.id');
    t.uuid('fleet_id').notNullable().references('fleets.id');
    t.text('job_type_id').notNullable();
    t.integer('job_type_version').notNullable().comment('the job keeps the job-type version it was created with for life');
    t.text('status').notNullable();
    t.uuid('installer_company_id').references('organisations.id');
    t.text('customer_name');
    t.timestamp('requested_start_at', { useTz: true });
    t.jsonb('values').notNullable().defaultTo('{}').comment('field key -> value, as the workflow holds them');
    t.specificType('locked_fields', 'text[]')
      .notNullable()
      .defaultTo('{}')
      .comment('fields preset by the provider: read-only for the installer');
    t.jsonb('steps').notNullable().defaultTo('[]').comment('[{ id, title, status, completedAt }] in job-type order');
    t.text('last_completed_step');
    t.text('failure_reason');
    t.jsonb('access_grant').comment('{ id, permissions, grantedAt, expiresAt, revokedAt } while or after the installer works');
    t.uuid('created_by').references('users.id').onDelete('SET NULL');
    t.bigInteger('revision')
      .notNullable()
      .defaultTo(0)
      .comment('workflow-side change counter: a late activity retry never overwrites a newer state');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('assigned_at', { useTz: true });
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
    t.check(`status in ('PENDING', 'ASSIGNED', 'RUNNING', 'SUCCEEDED', 'FAILED')`, [], 'jobs_status_check');
    t.index(['provider_id', 'status', 'created_at']);
    t.index(['fleet_id', 'created_at']);
    t.index(['installer_company_id', 'status']);
  });

  await knex.schema.createTable('job_events', (t) => {
    t.bigIncrements('id').primary();
    t.text('job_id').notNullable().comment('no foreign key: the trail outlives a deleted PENDING job');
    t.text('event_key').notNullable().comment('idempotency key from the workflow: a retried activity writes the event once');
    t.text('type').notNullable();
    t.jsonb('actor').notNullable().comment('{ kind: user|system, userId?, organisationId?, name? }');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.timestamp('occurred_at', { useTz: true }).notNullable();
    t.unique(['job_id', 'event_key']);
    t.index(['job_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['job_events', 'jobs', 'invitations', 'api_tokens', 'users', 'fleets', 'organisations']) {
    await knex.schema.dropTableIfExists(table);
  }
}
