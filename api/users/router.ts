import Router from '@koa/router';
import type { FromSchema } from 'json-schema-to-ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../common/errors';
import type { Db } from '../../db/connection';
import { PROVIDER_ROLES, addProviderUser, organisationUsers, removeUser, type Principal, type ProviderRole } from '../../db/tenancy';
import type { AuthState } from '../auth';
import type { SignedInDeps } from '../signed-in';
import { isUuid, parseBody } from '../validate';
import { createProviderUserBody, type newProviderUser, type providerUserList } from './schema';

/**
 * A provider admin manages the people of the provider: admins, and the dispatchers and
 * customer-portal users limited to customers.
 */
export function usersRouter(deps: { db: Db } & SignedInDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/users' });
  router.use(deps.signedIn);

  router.get('/', async (ctx) => {
    const principal = providerAdmin(ctx.state.principal, 'see the users');
    const users = await organisationUsers(deps.db, principal.organisationId, PROVIDER_ROLES);
    const answer: FromSchema<typeof providerUserList> = {
      users: users.map((user) => ({
        id: user.id,
        email: user.email,
        role: user.role as ProviderRole,
        customers: user.customers,
        createdAt: user.created_at.toISOString(),
      })),
    };
    ctx.body = answer;
  });

  // Someone who left: their tokens go with them, what they did stays in the job events.
  router.delete('/:userId', async (ctx) => {
    const principal = providerAdmin(ctx.state.principal, 'remove users');
    const userId = ctx.params.userId!;
    if (userId === principal.userId) {
      throw new ConflictError('You cannot remove yourself: another provider admin can.', [], { type: 'cannot-remove-yourself' });
    }
    if (!isUuid(userId) || !(await removeUser(deps.db, principal.organisationId, userId, PROVIDER_ROLES)))
      throw new NotFoundError(`User ${userId} does not exist.`);
    ctx.status = 204;
  });

  router.post('/', async (ctx) => {
    const principal = providerAdmin(ctx.state.principal, 'add users');
    const body = parseBody(createProviderUserBody, ctx.request.body);
    const input = providerUserInput(body);
    const user = await addProviderUser(deps.db, principal.organisationId, input);
    ctx.status = 201;
    // The token is shown this once; we keep only its hash.
    const answer: FromSchema<typeof newProviderUser> = {
      userId: user.userId,
      email: body.email,
      role: body.role,
      customers: body.customers ?? null,
      token: user.token,
    };
    ctx.body = answer;
  });

  return router;
}

function providerAdmin(principal: Principal, what: string): Principal {
  if (principal.role !== 'provider_admin') throw new ForbiddenError(`Only a provider admin can ${what}.`, [], { type: 'wrong-role' });
  return principal;
}

/** Customers limit a dispatcher and a customer-portal user, and no one else: an admin acts for all of them. */
function providerUserInput({ email, role, customers }: FromSchema<typeof createProviderUserBody>) {
  if (role === 'provider_admin') {
    // Stored nowhere, yet echoed back as if they limited the admin: refuse rather than mislead.
    if (customers) {
      throw new InputError(
        'A provider admin acts for all customers: leave out customers, or add a provider_dispatcher or provider_customer.',
        [{ pointer: '/customers', message: 'only a provider_dispatcher or provider_customer acts for given customers', rule: 'forbidden' }],
      );
    }
    return { email, role };
  }
  const who = role === 'provider_dispatcher' ? 'dispatcher' : 'customer-portal user';
  if (!customers)
    throw new InputError(`A ${who} acts for some customers: name them.`, [
      { pointer: '/customers', message: `is required for a ${who}`, rule: 'required' },
    ]);
  return { email, role, customers: [...customers] };
}
