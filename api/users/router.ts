import Router from '@koa/router';
import { ConflictError, ForbiddenError, InputError } from '../../common/errors';
import type { Db } from '../../db/connection';
import { addProviderUser } from '../../db/tenancy';
import type { AuthState } from '../auth';
import { parseBody } from '../validate';
import { createProviderUserBody } from './schema';

/** A provider admin adds the people of the provider: admins, and dispatchers limited to customers. */
export function usersRouter(deps: { db: Db }): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/users' });

  router.post('/', async (ctx) => {
    const { principal } = ctx.state;
    if (principal.role !== 'provider_admin') throw new ForbiddenError('Only a provider admin can add users.', [], { type: 'wrong-role' });
    const body = parseBody(createProviderUserBody, ctx.request.body);
    if (body.role === 'provider_dispatcher' && !body.customers) {
      throw new InputError('A dispatcher acts for some customers: name them.', [{ pointer: '/customers', message: 'is required for a dispatcher', rule: 'required' }]);
    }
    try {
      const user = await addProviderUser(deps.db, principal.organisationId, { email: body.email, role: body.role, customers: [...(body.customers ?? [])] });
      ctx.status = 201;
      // The token is shown this once; we keep only its hash.
      ctx.body = { userId: user.userId, email: body.email, role: body.role, customers: body.customers ?? null, token: user.token };
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'users_email_unique') {
        throw new ConflictError(`${body.email} already has an account.`, [{ pointer: '/email', message: 'already in use', rule: 'unique' }], { type: 'email-taken', cause: error });
      }
      throw error;
    }
  });

  return router;
}
