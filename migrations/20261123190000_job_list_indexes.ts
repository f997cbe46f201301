import type { Knex } from 'knex';

/**
 * The job list cases that 20261123170000_job_search.ts left without an index, each found by
 * EXPLAIN at a million jobs (bench/job-list.ts) reading hundreds of thousands of rows for a page:
 *
 * - Finished jobs: the `finishedAt` order and the `finishedFrom`/`finishedTo` range, for a provider
 *   and for an installer company. On the sort key's expression (an open job at -infinity), so a
 *   finished range read in finish order is one range scan, a year back as fast as yesterday. (A
 *   range a year back read newest-created first has to sort the range's rows: the API makes the
 *   range's own date the default order.)
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
  `create index jobs_list_provider_finished on jobs (provider_id, (coalesce(finished_at, '-infinity'::timestamptz)), id)`,
  `create index jobs_list_company_finished on jobs (installer_company_id, (coalesce(finished_at, '-infinity'::timestamptz)), id) where installer_company_id is not null`,
  'create index jobs_list_company_updated on jobs (installer_company_id, updated_at, id) where installer_company_id is not null',
];

export async function down(knex: Knex): Promise<void> {
  for (const name of ['jobs_list_provider_finished', 'jobs_list_company_finished', 'jobs_list_company_updated'])
    await knex.raw(`drop index if exists ${name}`);
}
