import type { Knex } from 'knex';

/**
 * Search finds what people type (issue #14): the values of the fields a job type marks
 * `searchable` (a VIN, a licence plate, a customer reference) join what `q` searches, and a list
 * row carries the job type's and the last step's titles, so a portal needs no second request per row.
 *
 * - `searchable_text`: those values as text, written by the workflow with every change.
 * - `job_type_title`, `last_completed_step_title`: as the job's version of its type names them;
 *   null in rows not written since (the last step's title is filled here from the row's steps).
 * - `search_text` is regenerated with the searchable values (a rewrite of the table) and keeps its
 *   trigram index, so a search stays one index scan.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table jobs
      add column job_type_title text,
      add column last_completed_step_title text,
      add column searchable_text text not null default ''`);
  await knex.raw(`
    update jobs set last_completed_step_title = (
      select step ->> 'title' from jsonb_array_elements(steps) as step where step ->> 'id' = jobs.last_completed_step limit 1)
    where last_completed_step is not null and jsonb_typeof(steps) = 'array'`);
  await redefineSearchText(knex, true);
}

export async function down(knex: Knex): Promise<void> {
  await redefineSearchText(knex, false);
  await knex.raw('alter table jobs drop column job_type_title, drop column last_completed_step_title, drop column searchable_text');
}

/** The generated column (and its index) over job_search_text, with or without the searchable values. */
async function redefineSearchText(knex: Knex, withSearchable: boolean): Promise<void> {
  await knex.raw('drop index if exists jobs_search_text_trgm');
  await knex.raw('alter table jobs drop column search_text');
  await knex.raw('drop function if exists job_search_text(text, text, text, jsonb, jsonb)');
  await knex.raw('drop function if exists job_search_text(text, text, text, jsonb, jsonb, text)');
  // Immutable so a generated column may use it: it reads only its arguments (see 20261123170000_job_search.ts).
  await knex.raw(`
    create function job_search_text(job_id text, customer_name text, job_type_id text, steps jsonb, field_values jsonb${withSearchable ? ', searchable text' : ''})
    returns text
    language sql immutable parallel safe
    as $$
      select lower(concat_ws(' ', job_id, customer_name, job_type_id,
        (select string_agg(step ->> 'title', ' ')
           from jsonb_array_elements(case when jsonb_typeof(steps) = 'array' then steps else '[]'::jsonb end) as step),
        (select string_agg(field.value ->> 'text', ' ')
           from jsonb_each(case when jsonb_typeof(field_values) = 'object' then field_values else '{}'::jsonb end) as field
          where jsonb_typeof(field.value -> 'text') = 'string')${withSearchable ? ',\n        searchable' : ''}))
    $$`);
  await knex.raw(`
    alter table jobs add column search_text text not null
      generated always as (job_search_text(id, customer_name, job_type_id, steps, "values"${withSearchable ? ', searchable_text' : ''})) stored`);
  // Knex reads ? as a placeholder, and a comment is no place for one: \\? is a plain question mark.
  const searched = `lower-cased job id, customer, job type id, step titles, address texts${withSearchable ? ' and searchable field values' : ''}`;
  await knex.raw(`comment on column jobs.search_text is '${searched}: what GET /v1/jobs\\?q= searches (trigram index)'`);
  await knex.raw('create index jobs_search_text_trgm on jobs using gin (search_text gin_trgm_ops)');
}
