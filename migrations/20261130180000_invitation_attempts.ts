import type { Knex } from 'knex';

/** Failed attempts to accept an invitation: after a few, its link is locked, so one link cannot probe without end. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invitations', (t) => {
    t.integer('failed_accepts')
      .notNullable()
      .defaultTo(0)
      .comment('accepts refused so far; at db/invitations.ts MAX_FAILED_ACCEPTS the link is locked');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('invitations', (t) => t.dropColumn('failed_accepts'));
}
