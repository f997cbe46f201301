import { ConflictError } from '../common/errors';
import { isUniqueViolation, type Db } from './connection';
import { hashToken, newToken } from './tokens';

/** A provider's people: its admins, and the two roles limited to some customers (CUSTOMER_LIMITED_ROLES). */
export const PROVIDER_ROLES = ['provider_admin', 'provider_dispatcher', 'provider_customer'] as const;
export type ProviderRole = (typeof PROVIDER_ROLES)[number];
export type Role = ProviderRole | 'installer_admin' | 'installer_technician';

/**
 * Provider roles that act for given customers only (user_customers): a dispatcher, provider staff
 * who also assigns, and a customer-portal user (`provider_customer`), the customer itself, who
 * creates and follows its jobs but leaves assigning to the provider.
 */
export const CUSTOMER_LIMITED_ROLES = ['provider_dispatcher', 'provider_customer'] as const satisfies readonly ProviderRole[];
export type CustomerLimitedRole = (typeof CUSTOMER_LIMITED_ROLES)[number];

export function isCustomerLimited(role: Role): role is CustomerLimitedRole {
  return (CUSTOMER_LIMITED_ROLES as readonly Role[]).includes(role);
}

/** Who assigns jobs to installer companies: the provider's staff, not its customers' portal users. */
export function mayAssign(role: Role): boolean {
  return role === 'provider_admin' || role === 'provider_dispatcher';
}

export interface Principal {
  userId: string;
  email: string;
  role: Role;
  organisationId: string;
  organisationKind: 'provider' | 'installer_company';
  /** For a dispatcher or customer-portal user: the only customers whose jobs they may see and make. */
  customers?: string[];
}

export interface OnboardedProvider {
  providerId: string;
  fleetId: string;
  adminUserId: string;
  adminToken: string;
}

/**
 * A mobility provider with its first fleet and an admin who can sign in with the returned token.
 * The operator onboarding it (the CLI) sees every tenant anyway, so is told when the admin's
 * address has an account somewhere already — most likely a typing mistake or a second onboarding.
 */
export async function onboardProvider(db: Db, input: { name: string; adminEmail: string; fleetName: string }): Promise<OnboardedProvider> {
  return db.transaction(async (trx) => {
    if (await trx('users').whereRaw('lower(email) = lower(?)', [input.adminEmail]).first('id')) throw emailTaken(input.adminEmail);
    const [provider] = await trx('organisations').insert({ kind: 'provider', name: input.name }).returning('id');
    const [fleet] = await trx('fleets').insert({ provider_id: provider.id, name: input.fleetName }).returning('id');
    const { userId, token } = await addUser(trx, provider.id, input.adminEmail, 'provider_admin');
    return { providerId: provider.id, fleetId: fleet.id, adminUserId: userId, adminToken: token };
  });
}

export async function createInstallerCompany(db: Db, input: { name: string; adminEmail: string }) {
  return db.transaction(async (trx) => {
    const [company] = await trx('organisations').insert({ kind: 'installer_company', name: input.name }).returning('id');
    const { userId, token } = await addUser(trx, company.id, input.adminEmail, 'installer_admin');
    return { companyId: company.id as string, adminUserId: userId, adminToken: token };
  });
}

/** `id`: the one its welcome e-mail's workflow was started with (api/welcome-mail.ts); else the database picks one. */
export async function addUser(
  db: Db,
  organisationId: string,
  email: string,
  role: Role,
  id?: string,
): Promise<{ userId: string; token: string }> {
  let userId: string;
  try {
    const [user] = await db('users')
      .insert({ organisation_id: organisationId, email, role, ...(id ? { id } : {}) })
      .returning('id');
    userId = user.id;
  } catch (error) {
    if (isUniqueViolation(error, 'users_organisation_email_unique')) throw emailTaken(email, error);
    throw error;
  }
  const { token, hash } = newToken('ijt');
  await db('api_tokens').insert({ user_id: userId, token_hash: hash, label: 'initial' });
  return { userId, token };
}

/**
 * Accounts belong to their organisation: an address has at most one account in each, whatever its
 * case, and may have one in several (a token for each). Whether it has one elsewhere is never told.
 */
export function isEmailTaken(error: unknown): boolean {
  return error instanceof ConflictError && error.type === 'email-taken';
}

export function emailTaken(email: string, cause?: unknown): ConflictError {
  return new ConflictError(
    `${email} already has an account in your organisation.`,
    [{ pointer: '/email', message: 'already has an account', rule: 'unique' }],
    {
      type: 'email-taken',
      cause,
    },
  );
}

/** The user behind a bearer token, or undefined for an unknown or revoked one. */
export async function principalForToken(db: Db, token: string): Promise<Principal | undefined> {
  const row = await db('api_tokens as t')
    .join('users as u', 'u.id', 't.user_id')
    .join('organisations as o', 'o.id', 'u.organisation_id')
    .where('t.token_hash', hashToken(token))
    .whereNull('t.revoked_at')
    .first('u.id as userId', 'u.email', 'u.role', 'o.id as organisationId', 'o.kind as organisationKind');
  if (!row || !isCustomerLimited(row.role)) return row;
  const customers = await db('user_customers').where({ user_id: row.userId }).orderBy('customer_name').pluck('customer_name');
  return { ...row, customers };
}

/** A technician of an installer company, signing in with their own token (returned once). */
export async function addTechnician(
  db: Db,
  companyId: string,
  input: { email: string; name?: string; id?: string },
): Promise<{ userId: string; token: string }> {
  return db.transaction(async (trx) => {
    const technician = await addUser(trx, companyId, input.email, 'installer_technician', input.id);
    if (input.name) await trx('users').where({ id: technician.userId }).update({ name: input.name });
    return technician;
  });
}

/** A provider user: an admin acts for all customers, a customer-limited one only for `customers` (at least one). */
export async function addProviderUser(
  db: Db,
  providerId: string,
  input: ({ email: string; role: 'provider_admin' } | { email: string; role: CustomerLimitedRole; customers: string[] }) & { id?: string },
) {
  return db.transaction(async (trx) => {
    const { userId, token } = await addUser(trx, providerId, input.email, input.role, input.id);
    if (input.role !== 'provider_admin') {
      await trx('user_customers').insert(input.customers.map((customer_name) => ({ user_id: userId, customer_name })));
    }
    return { userId, token };
  });
}

/** Who a welcome e-mail goes to: undefined if the user was never recorded or is removed already. */
export async function userToWelcome(
  db: Db,
  userId: string,
): Promise<{ email: string; role: Role; organisationName: string; customers: string[] } | undefined> {
  const user = await db('users as u')
    .join('organisations as o', 'o.id', 'u.organisation_id')
    .where('u.id', userId)
    .first('u.email', 'u.role', 'o.name as organisationName');
  if (!user) return undefined;
  const customers = await db('user_customers').where({ user_id: userId }).orderBy('customer_name').pluck('customer_name');
  return { ...user, customers };
}

/** The people of an organisation, with the customers a customer-limited user acts for (null for anyone else); oldest first. */
export async function organisationUsers(db: Db, organisationId: string, roles: readonly Role[]) {
  const users: Array<{ id: string; email: string; name: string | null; role: Role; created_at: Date }> = await db('users')
    .where({ organisation_id: organisationId })
    .whereIn('role', [...roles])
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select('id', 'email', 'name', 'role', 'created_at');
  const customerRows: Array<{ user_id: string; customer_name: string }> = await db('user_customers')
    .whereIn(
      'user_id',
      users.map((user) => user.id),
    )
    .orderBy('customer_name')
    .select('user_id', 'customer_name');
  return users.map((user) => ({
    ...user,
    customers: isCustomerLimited(user.role) ? customerRows.filter((row) => row.user_id === user.id).map((row) => row.customer_name) : null,
  }));
}

/**
 * Removes a user of the organisation with one of `roles`, and with them their API tokens: their next
 * request is refused. What they did stays in the job events (the actor is recorded there by value).
 * False when there is no such user.
 */
export async function removeUser(db: Db, organisationId: string, userId: string, roles: readonly Role[]): Promise<boolean> {
  const removed = await db('users')
    .where({ id: userId, organisation_id: organisationId })
    .whereIn('role', [...roles])
    .delete();
  return removed > 0;
}
