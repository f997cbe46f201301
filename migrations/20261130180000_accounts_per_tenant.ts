import type { Knex } from 'knex';

/**
 * Accounts belong to their organisation: the same address may be a user of two organisations, with
 * a token for each. Adding a person, or registering a company, then answers the same whether the
 * address has an account elsewhere or not, so nothing tells one tenant about another's people.
 * Within an organisation an address is still unique, whatever its case.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('drop index users_email_unique');
  await knex.raw('create unique index users_organisation_email_unique on users (organisation_id, lower(email))');
  await knex.raw(
    "comment on column users.email is 'unique case-insensitively within the organisation, see users_organisation_email_unique'",
  );
}

export async function down(knex: Knex): Promise<void> {
  // One account per address again: fails, naming the address, if some address now has two.
  await knex.raw('drop index users_organisation_email_unique');
  await knex.raw('create unique index users_email_unique on users (lower(email))');
  await knex.raw("comment on column users.email is 'unique case-insensitively, see users_email_unique'");
}
