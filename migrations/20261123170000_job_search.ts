import type { Knex } from 'knex';

/**
 * Listing and searching jobs at a million rows (GET /v1/jobs, db/job-search.ts).
 *
 * - `search_text`: what the search box `q` looks in — job id, customer name, job type id, step
 *   titles and the text of every address value — lower-cased in one stored column, with a trigram
 *   index so that a substring anywhere in it is found without reading every job.
 * - `status_rank`: the lifecycle order (PENDING first, FAILED last), so that "sort by status"
 *   reads as the job moves rather than alphabetically, from an index.
 * - One b-tree per list order a portal asks for, each led by the tenant column the list is
 *   scoped by (provider, or installer company) and ending in `id`, the keyset tie-breaker, so a
 *   page — the first or the ten-thousandth — is a short index range scan.
 */
export async function up(knex: Knex): Promise<void> {
  // A trusted extension since Postgres 13: the database owner may create it, no superuser needed.
  await knex.raw('create extension if not exists pg_trgm');

  // Declared immutable so a generated column may use it: it reads only its arguments. Any value
  // object with a string `text` is an address ({ text, lat?, lng? }); photos ({ photoId }) are not.
  // Changing this function does not recompute stored rows: a new version needs a migration that
  // does (`update jobs set customer_name = customer_name` after redefining it).
  await knex.raw(`
    create function job_search_text(job_id text, customer_name text, job_type_id text, steps jsonb, field_values jsonb)
    returns text
    language sql immutable parallel safe
    as $$
      select lower(concat_ws(' ', job_id, customer_name, job_type_id,
        (select string_agg(step ->> 'title', ' ')
           from jsonb_array_elements(case when jsonb_typeof(steps) = 'array' then steps else '[]'::jsonb end) as step),
        (select string_agg(field.value ->> 'text', ' ')
           from jsonb_each(case when jsonb_typeof(field_values) = 'object' then field_values else '{}'::jsonb end) as field
          where jsonb_typeof(field.value -> 'text') = 'string')))
    $$`);

  await knex.raw(`
    alter table jobs
      add column search_text text not null
        generated always as (job_search_text(id, customer_name, job_type_id, steps, "values")) stored,
      add column status_rank smallint not null
        generated always as (case status when 'PENDING' then 0 when 'ASSIGNED' then 1 when 'RUNNING' then 2 when 'SUCCEEDED' then 3 when 'FAILED' then 4 end) stored`);
  await knex.raw(
    `comment on column jobs.search_text is 'lower-cased job id, customer, job type id, step titles and address texts: what GET /v1/jobs?q= searches (trigram index)'`,
  );
  await knex.raw(
    `comment on column jobs.status_rank is 'status in lifecycle order (PENDING 0 … FAILED 4): filter and sort by status from one index'`,
  );

  // Superseded by the status-rank indexes below, which also end in the keyset columns.
  await knex.raw('drop index if exists jobs_provider_id_status_created_at_index');
  await knex.raw('drop index if exists jobs_installer_company_id_status_index');

  await knex.raw('create index jobs_search_text_trgm on jobs using gin (search_text gin_trgm_ops)');
  for (const statement of listIndexes) await knex.raw(statement);
}

// Requested start: a job without one sorts as if it were last (infinity), so the key is never null.
const REQUESTED_START_KEY = `coalesce(requested_start_at, 'infinity'::timestamptz)`;

const listIndexes = [
  'create index jobs_list_provider_created on jobs (provider_id, created_at, id)',
  'create index jobs_list_provider_updated on jobs (provider_id, updated_at, id)',
  `create index jobs_list_provider_requested on jobs (provider_id, (${REQUESTED_START_KEY}), id)`,
  'create index jobs_list_provider_status on jobs (provider_id, status_rank, created_at, id)',
  'create index jobs_list_provider_customer on jobs (provider_id, lower(customer_name), created_at, id)',
  'create index jobs_list_company_created on jobs (installer_company_id, created_at, id) where installer_company_id is not null',
  'create index jobs_list_company_status on jobs (installer_company_id, status_rank, created_at, id) where installer_company_id is not null',
  `create index jobs_list_company_requested on jobs (installer_company_id, (${REQUESTED_START_KEY}), id) where installer_company_id is not null`,
];

export async function down(knex: Knex): Promise<void> {
  for (const name of [
    'jobs_search_text_trgm',
    'jobs_list_provider_created',
    'jobs_list_provider_updated',
    'jobs_list_provider_requested',
    'jobs_list_provider_status',
    'jobs_list_provider_customer',
    'jobs_list_company_created',
    'jobs_list_company_status',
    'jobs_list_company_requested',
  ]) {
    await knex.raw(`drop index if exists ${name}`);
  }
  await knex.raw('alter table jobs drop column if exists search_text, drop column if exists status_rank');
  await knex.raw('drop function if exists job_search_text(text, text, text, jsonb, jsonb)');
  await knex.raw('create index if not exists jobs_provider_id_status_created_at_index on jobs (provider_id, status, created_at)');
  await knex.raw('create index if not exists jobs_installer_company_id_status_index on jobs (installer_company_id, status)');
  // pg_trgm stays: it may have been there before, and other schemas may use it.
}
