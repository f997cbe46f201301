import Router from '@koa/router';
import type { Client } from '@temporalio/client';
import type { FromSchema } from 'json-schema-to-ts';
import { ForbiddenError, NotFoundError } from '../../common/errors';
import type { Db } from '../../db/connection';
import { companyWithFleets } from '../../db/invitations';
import { addTechnician, organisationUsers, removeUser, type Principal } from '../../db/tenancy';
import type { AuthState } from '../auth';
import type { SignedInDeps } from '../signed-in';
import { addWithWelcomeMail } from '../welcome-mail';
import { isUuid, parseBody } from '../validate';
import { addTechnicianBody, type companyResource, type newTechnician, type technicianList } from './schema';

export interface CompaniesRouterDeps extends SignedInDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

/**
 * The caller's own installer company: `me` is the only company anyone can address, so another
 * company is never named in a path and nothing about it can leak.
 */
export function companiesRouter(deps: CompaniesRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/companies/me' });
  router.use(deps.signedIn);

  router.get('/', async (ctx) => {
    const principal = installerUser(ctx.state.principal);
    const company = (await companyWithFleets(deps.db, principal.organisationId))!;
    const answer: FromSchema<typeof companyResource> = {
      id: company.id,
      name: company.name,
      createdAt: company.created_at.toISOString(),
      fleets: company.fleets.map((fleet) => ({ ...fleet, acceptedAt: fleet.acceptedAt.toISOString() })),
    };
    ctx.body = answer;
  });

  router.post('/technicians', async (ctx) => {
    const principal = companyAdmin(ctx.state.principal, 'add technicians');
    const body = parseBody(addTechnicianBody, ctx.request.body);
    const technician = await addWithWelcomeMail(deps, (trx, id) =>
      addTechnician(trx, principal.organisationId, { email: body.email, name: body.name, id }),
    );
    ctx.status = 201;
    // Shown this once, we keep only its hash; the welcome e-mail's link gets them one of their own.
    const answer: FromSchema<typeof newTechnician> = {
      userId: technician.userId,
      email: body.email,
      name: body.name ?? null,
      role: 'installer_technician',
      token: technician.token,
    };
    ctx.body = answer;
  });

  router.get('/technicians', async (ctx) => {
    const principal = companyAdmin(ctx.state.principal, 'see the technicians');
    const technicians = await organisationUsers(deps.db, principal.organisationId, ['installer_technician']);
    const answer: FromSchema<typeof technicianList> = {
      technicians: technicians.map((technician) => ({
        id: technician.id,
        email: technician.email,
        name: technician.name,
        createdAt: technician.created_at.toISOString(),
      })),
    };
    ctx.body = answer;
  });

  // A technician who left the company: their token stops working at once.
  router.delete('/technicians/:userId', async (ctx) => {
    const principal = companyAdmin(ctx.state.principal, 'remove technicians');
    const userId = ctx.params.userId!;
    if (!isUuid(userId) || !(await removeUser(deps.db, principal.organisationId, userId, ['installer_technician']))) {
      throw new NotFoundError(`Technician ${userId} does not exist.`);
    }
    ctx.status = 204;
  });

  return router;
}

function companyAdmin(principal: Principal, what: string): Principal {
  if (installerUser(principal).role !== 'installer_admin')
    throw new ForbiddenError(`Only an installer company admin can ${what}.`, [], { type: 'wrong-role' });
  return principal;
}

function installerUser(principal: Principal): Principal {
  if (principal.organisationKind !== 'installer_company') {
    throw new ForbiddenError('This is for users of an installer company; a provider manages its fleets at /v1/fleets.', [], {
      type: 'wrong-role',
    });
  }
  return principal;
}
