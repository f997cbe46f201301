import type { Knex } from 'knex';

/**
 * A provider's fleet names are unique whatever their case and surrounding blanks, by the database
 * itself: a check before the insert let ten parallel requests for "Hamburg" and "HAMBURG" create
 * three fleets. The index on the normalised name replaces the unique constraint on the exact name,
 * which it implies. Names that already clash (made by that race) keep their fleet, the later ones
 * with a part of their id appended, so the index can be built.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    update fleets f set name = f.name || ' (' || left(f.id::text, 8) || ')'
    from (select id, row_number() over (partition by provider_id, lower(btrim(name)) order by created_at, id) as n from fleets) ranked
    where ranked.id = f.id and ranked.n > 1`);
  await knex.raw('create unique index fleets_provider_name_unique on fleets (provider_id, lower(btrim(name)))');
  await knex.schema.alterTable('fleets', (t) => t.dropUnique(['provider_id', 'name'], 'fleets_provider_id_name_unique'));
  await knex.raw(
    `comment on column fleets.name is 'unique per provider case-insensitively and without surrounding blanks, see fleets_provider_name_unique'`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('comment on column fleets.name is null');
  await knex.schema.alterTable('fleets', (t) => t.unique(['provider_id', 'name'], { indexName: 'fleets_provider_id_name_unique' }));
  await knex.raw('drop index if exists fleets_provider_name_unique');
}
