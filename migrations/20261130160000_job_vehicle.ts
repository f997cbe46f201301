import type { Knex } from 'knex';

/** The job's vehicle on the read model: its CloudBoxx and how it was left when access ended. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('jobs', (t) => {
    t.jsonb('vehicle')
      .notNullable()
      .defaultTo('{}')
      .comment('{qnr, oldQnr, security: {state: pending|secured|notSecured|notRequired, securedAt, detail, commands}}');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('jobs', (t) => {
    t.dropColumn('vehicle');
  });
}
