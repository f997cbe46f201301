import type { Knex } from 'knex';

const BEFORE = `role in ('provider_admin', 'provider_dispatcher', 'installer_admin', 'installer_technician')`;
const AFTER = `role in ('provider_admin', 'provider_dispatcher', 'provider_customer', 'installer_admin', 'installer_technician')`;

/**
 * A third provider role, `provider_customer`: a customer-portal user, limited to its customers
 * through user_customers like a dispatcher, who creates and follows jobs but does not assign them.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw(`alter table users add constraint users_role_check check (${AFTER})`);
  await knex.raw(
    "comment on column users.role is 'provider_admin, provider_dispatcher or provider_customer (customer portal; both limited by user_customers), installer_admin or installer_technician'",
  );
}

export async function down(knex: Knex): Promise<void> {
  // Customer-portal users have no role before this: they go, with their tokens and customers (cascade), as
  // if a provider admin had removed them; their jobs stay. Making them dispatchers would let them assign.
  await knex('users').where({ role: 'provider_customer' }).delete();
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw(`alter table users add constraint users_role_check check (${BEFORE})`);
  await knex.raw('comment on column users.role is null');
}
