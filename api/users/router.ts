import Router from '@koa/router';
import type { Client } from '@temporalio/client';
import type { FromSchema } from 'json-schema-to-ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError, type FieldProblem } from '../../common/errors';
import type { Db } from '../../db/connection';
import { PROVIDER_ROLES, addProviderUser, organisationUsers, removeUser, type Principal, type ProviderRole } from '../../db/tenancy';
import type { AuthState } from '../auth';
import type { SignedInDeps } from '../signed-in';
import { addWithWelcomeMail } from '../welcome-mail';
import { isUuid, parseBody } from '../validate';
import { createProviderUserBody, type newProviderUser, type providerUserList } from './schema';

/**
 * A provider admin manages the people of the provider: admins, and the dispatchers and
 * customer-portal users limited to customers.
 */
export function usersRouter(deps: { db: Db; temporal: Client; taskQueue: string } & SignedInDeps): Router<AuthState> {
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
    const body = parseUserBody(ctx.request.body);
    const input = providerUserInput(body);
    const user = await addWithWelcomeMail(deps, (trx, id) => addProviderUser(trx, principal.organisationId, { ...input, id }));
    ctx.status = 201;
    // Shown this once, we keep only its hash; the welcome e-mail's link gets them one of their own.
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

/**
 * The body, checked against its schema — whose if/then says who takes customers — with that rule's
 * problem in words a person understands instead of the schema's (`must match "then" schema`), and
 * every other problem of the request beside it.
 */
function parseUserBody(raw: unknown) {
  try {
    return parseBody(createProviderUserBody, raw);
  } catch (error) {
    const { role, customers } = (raw ?? {}) as { role?: unknown; customers?: unknown };
    if (!(error instanceof InputError)) throw error;
    // The if/then's own problem (`must match "else" schema`, at /) says nothing a person can act on.
    const others = error.details.filter((problem) => problem.rule !== 'if');
    // Without a role of the provider's, whether customers are needed is not known yet: the role's own
    // problem says what to fix, not a branch taken for a role that is missing or wrong.
    if (!isProviderRole(role))
      throw new InputError(
        error.message,
        others.filter((problem) => problem.pointer !== '/customers'),
      );
    const ruleBroken = (role === 'provider_admin') === (customers !== undefined);
    if (!ruleBroken) throw new InputError(error.message, others);
    const { title, problem } = customersProblem(role);
    const rest = others.filter((other) => other.pointer !== '/customers');
    throw new InputError(rest.length === 0 ? title : error.message, [problem, ...rest]);
  }
}

function isProviderRole(role: unknown): role is ProviderRole {
  return (PROVIDER_ROLES as readonly unknown[]).includes(role);
}

/** Customers limit a dispatcher and a customer-portal user, and no one else: an admin acts for all of them. */
function customersProblem(role: ProviderRole): { title: string; problem: FieldProblem } {
  // Customers for an admin would be stored nowhere, yet echoed back as if they limited the admin: refused rather than misleading.
  if (role === 'provider_admin')
    return {
      title: 'A provider admin acts for all customers: leave out customers, or add a provider_dispatcher or provider_customer.',
      problem: {
        pointer: '/customers',
        message: 'only a provider_dispatcher or provider_customer acts for given customers',
        rule: 'forbidden',
      },
    };
  const who = role === 'provider_dispatcher' ? 'dispatcher' : 'customer-portal user';
  return {
    title: `A ${who} acts for some customers: name them.`,
    problem: { pointer: '/customers', message: `is required for a ${who}`, rule: 'required' },
  };
}

/** What is stored: the customers of those limited to them (the schema made sure they are given, and only to them). */
function providerUserInput({ email, role, customers }: ReturnType<typeof parseUserBody>) {
  if (role === 'provider_admin') return { email, role };
  if (!customers) throw new Error(`the schema let a ${role} through without customers`);
  return { email, role, customers: [...customers] };
}
