import type { Knex } from 'knex';

/**
 * The job list cases that 20261123170000_job_search.ts left without an index, each found by
 * EXPLAIN at a million jobs (bench/job-list.ts) reading hundreds of thousands of rows for a page:
 *
 * - `finishedFrom`/`finishedTo`, for a provider and for an installer company: a range on
 *   finished_at, after which the page's sort is made from the range's rows. Only finished jobs are
 *   in these indexes (a range implies `finished_at is not null`), so a job enters them once, when
 *   it ends, and open jobs — the ones updated often — cost them nothing.
 * - An installer company's list sorted by `updatedAt`, the one list order its side had no index
 *   for; like the others it ends in `id`, the keyset tie-breaker, so every page is a range scan.
 *
 * Dispatchers (limited to some customers) and requested-start ranges need no index of their own:
 * db/job-search.ts words them so that the customer and requested-start indexes serve them.
 */
export async function up(knex: Knex): Promise<void> {
  for (const statement of indexes) await knex.raw(statement);
}

const indexes = [
  'create index jobs_list_provider_finished on jobs (provider_id, finished_at) where finished_at is not null',
  'create index jobs_list_company_finished on jobs (installer_company_id, finished_at) where installer_company_id is not null and finished_at is not null',
  'create index jobs_list_company_updated on jobs (installer_company_id, updated_at, id) where installer_company_id is not null',
];

export async function down(knex: Knex): Promise<void> {
  for (const name of ['jobs_list_provider_finished', 'jobs_list_company_finished', 'jobs_list_company_updated']) await knex.raw(`drop index if exists ${name}`);
}
