import type { Knex } from 'knex';

/**
 * The customers a dispatcher or customer-portal user acts for. A user with rows here sees, creates
 * and changes only jobs of these customers; a user without any (a provider admin) is not limited.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('user_customers', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('customer_name').notNullable().comment('matches jobs.customer_name exactly');
    t.primary(['user_id', 'customer_name']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('user_customers');
}
