import { randomUUID } from 'node:crypto';
import Router, { type RouterContext } from '@koa/router';
import type { FromSchema } from 'json-schema-to-ts';
import { DomainError, ForbiddenError, InputError, NotFoundError, RateLimitedError, ServiceUnavailableError } from '../../common/errors';
import type { Db } from '../../db/connection';
import { createFleet, findProviderFleet, providerFleets, type FleetRow } from '../../db/fleets';
import { mayAssign } from '../../db/tenancy';
import {
  acceptInvitation,
  assertAcceptable,
  cancelPendingInvitation,
  countFailedAccept,
  declineInvitation,
  fleetInvitations,
  invitationPreview,
  inviteToFleet,
  type InvitationRow,
} from '../../db/invitations';
import { requireToken, type AuthState } from '../auth';
import { announceWithdrawal, startInvitationMail, tellAnswered, type InvitationMailDeps } from './mail';
import { idempotentPosts, invitationScope } from '../idempotency';
import type { SignedInDeps } from '../signed-in';
import { isUuid, parseBody } from '../validate';
import {
  acceptInvitationBody,
  type answeredInvitation,
  createFleetBody,
  createInvitationBody,
  type companyRegistered,
  type fleetList,
  type fleetResource,
  type invitationAcceptedByExistingCompany,
  type invitationDeclined,
  type invitationList,
  type invitationPreviewResource,
  type invitationResource,
  type newInvitation,
} from './schema';

export interface InvitationsRouterDeps extends InvitationMailDeps {
  db: Db;
}

type Ctx = RouterContext<AuthState>;

/**
 * The provider side: its fleets and, per fleet, the installer companies invited to work for it.
 * A fleet of another provider answers 404 to everyone, whatever their role; on its own fleet a
 * dispatcher may read the invitations but only an admin may send one.
 */
export function fleetInvitationsRouter(deps: InvitationsRouterDeps & SignedInDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/fleets' });
  router.use(deps.signedIn);

  async function ownFleet(ctx: Ctx): Promise<FleetRow> {
    const { principal } = ctx.state;
    const fleetId = ctx.params.fleetId!;
    const fleet =
      principal.organisationKind === 'provider' && isUuid(fleetId)
        ? await findProviderFleet(deps.db, principal.organisationId, fleetId)
        : undefined;
    if (!fleet) throw new NotFoundError(`Fleet ${fleetId} does not exist.`);
    return fleet;
  }

  router.get('/', async (ctx) => {
    const { principal } = ctx.state;
    if (principal.organisationKind !== 'provider') {
      throw new ForbiddenError(
        'Fleets are listed for provider users; an installer company finds the fleets it works for at GET /v1/companies/me.',
        [],
        { type: 'wrong-role' },
      );
    }
    const fleets = await providerFleets(deps.db, principal.organisationId);
    const answer: FromSchema<typeof fleetList> = { fleets: fleets.map(toFleetResource) };
    ctx.body = answer;
  });

  router.post('/', async (ctx) => {
    const { principal } = ctx.state;
    if (principal.role !== 'provider_admin') throw new ForbiddenError('Only a provider admin can add fleets.', [], { type: 'wrong-role' });
    const body = parseBody(createFleetBody, ctx.request.body);
    const fleet = await createFleet(deps.db, principal.organisationId, body.name.trim());
    ctx.status = 201;
    ctx.set('Location', `/v1/fleets/${fleet.id}/invitations`);
    ctx.body = toFleetResource(fleet);
  });

  router.get('/:fleetId/invitations', async (ctx) => {
    const fleet = await ownFleet(ctx);
    // The companies invited, with their contact addresses, are for those who assign jobs to them.
    if (!mayAssign(ctx.state.principal.role))
      throw new ForbiddenError("A customer-portal user does not assign jobs, so the fleet's invitations are not shown to it.", [], {
        type: 'wrong-role',
      });
    const answer: FromSchema<typeof invitationList> = {
      invitations: (await fleetInvitations(deps.db, fleet.id)).map(toInvitationResource),
    };
    ctx.body = answer;
  });

  router.post('/:fleetId/invitations', async (ctx) => {
    const fleet = await ownFleet(ctx);
    const { principal } = ctx.state;
    if (principal.role !== 'provider_admin')
      throw new ForbiddenError('Only a provider admin can invite installer companies.', [], { type: 'wrong-role' });
    const body = parseBody(createInvitationBody, ctx.request.body);
    const invitationId = randomUUID();
    await startInvitationMail(deps, invitationId);
    const { invitation, token } = await inviteToFleet(deps.db, {
      fleet,
      email: body.email,
      invitedBy: principal.userId,
      mail: { invitationId },
    });
    ctx.status = 201;
    // Shown here once, stored only as its hash; the e-mails carry links of their own (activities/mail.ts).
    const answer: FromSchema<typeof newInvitation> = { ...toInvitationResource(invitation), token };
    ctx.body = answer;
  });

  router.delete('/:fleetId/invitations/:invitationId', async (ctx) => {
    const fleet = await ownFleet(ctx);
    if (ctx.state.principal.role !== 'provider_admin')
      throw new ForbiddenError('Only a provider admin can withdraw an invitation.', [], { type: 'wrong-role' });
    const invitationId = ctx.params.invitationId!;
    if (!isUuid(invitationId)) throw new NotFoundError(`Invitation ${invitationId} does not exist.`);
    await announceWithdrawal(deps, invitationId);
    await cancelPendingInvitation(deps.db, fleet.id, invitationId);
    ctx.status = 204;
  });

  return router;
}

/**
 * The installer side of an invitation, reached through the e-mail link: the token in the path is
 * the credential, so these routes need no API token (no signedIn guard). A company that already
 * has an account accepts with its admin's API token, keeping one account for all fleets.
 */
export function invitationResponsesRouter(deps: InvitationsRouterDeps): Router<Partial<AuthState>> {
  const router = new Router<Partial<AuthState>>({ prefix: '/v1/invitations' });
  // A retried answer whose first reply was lost gets that reply again (with a new company's token).
  const answerOnce = idempotentPosts(deps.db, invitationScope);

  router.get('/:token', async (ctx) => {
    const preview = await invitationPreview(deps.db, ctx.params.token!);
    if (!preview)
      throw new NotFoundError('This invitation does not exist: check the link you were given, or ask the provider to invite you again.');
    const answer: FromSchema<typeof invitationPreviewResource> = preview;
    ctx.body = answer;
  });

  // Every refused accept counts against the link, which locks after a few: one link cannot be used
  // to try any number of tokens, bodies or companies.
  router.post(
    '/:token/accept',
    answerOnce,
    async (ctx, next) => {
      const token = ctx.params.token!;
      await assertAcceptable(deps.db, token);
      try {
        await next();
      } catch (error) {
        if (isCallersFault(error)) await countFailedAccept(deps.db, token);
        throw error;
      }
    },
    async (ctx) => {
      const principal = await optionalPrincipal(deps.db, ctx);
      const body = ctx.request.body ?? {};
      if (principal) {
        if (principal.role !== 'installer_admin') {
          throw new ForbiddenError(
            'Only an installer company admin can accept an invitation for an existing company; to register a new company, send no API token.',
            [],
            {
              type: 'wrong-role',
            },
          );
        }
        if (typeof body !== 'object' || Object.keys(body).length > 0) {
          throw new InputError('Accepting with your company admin token adds this fleet to your existing company: send no body.', [
            { pointer: '/', message: 'must be empty when accepting for an existing company', rule: 'maxProperties' },
          ]);
        }
        const accepted = await acceptInvitation(deps.db, ctx.params.token!, { existingCompanyId: principal.organisationId });
        await tellAnswered(deps, accepted.invitation.id);
        const answer: FromSchema<typeof invitationAcceptedByExistingCompany> = {
          invitation: toAnswerResource(accepted.invitation),
          installerCompanyId: accepted.installerCompanyId,
        };
        ctx.body = answer;
        return;
      }
      const registration = parseBody(acceptInvitationBody, body);
      const accepted = await acceptInvitation(deps.db, ctx.params.token!, {
        newCompany: { name: registration.companyName.trim(), adminEmail: registration.adminEmail },
      });
      await tellAnswered(deps, accepted.invitation.id);
      ctx.status = 201;
      ctx.set('Location', '/v1/companies/me');
      // The admin token is shown this once: the installer app stores it, we keep only its hash.
      const answer: FromSchema<typeof companyRegistered> = {
        invitation: toAnswerResource(accepted.invitation),
        installerCompanyId: accepted.installerCompanyId,
        adminUserId: accepted.admin!.userId,
        adminEmail: accepted.admin!.email,
        adminToken: accepted.admin!.token,
      };
      ctx.body = answer;
    },
  );

  router.post('/:token/decline', answerOnce, async (ctx) => {
    const declined = await declineInvitation(deps.db, ctx.params.token!);
    await tellAnswered(deps, declined.id);
    const answer: FromSchema<typeof invitationDeclined> = { invitation: toAnswerResource(declined) };
    ctx.body = answer;
  });

  return router;
}

/** A refusal of what the caller sent (not an outage, not the rate limit, not an unknown link). */
function isCallersFault(error: unknown): boolean {
  return (
    error instanceof DomainError &&
    !(error instanceof ServiceUnavailableError || error instanceof RateLimitedError || error instanceof NotFoundError)
  );
}

function toFleetResource(fleet: FleetRow): FromSchema<typeof fleetResource> {
  return { id: fleet.id, name: fleet.name, createdAt: fleet.created_at.toISOString() };
}

/** The caller behind an `Authorization` header if one is sent (and checked as everywhere else), else none. */
async function optionalPrincipal(db: Db, ctx: RouterContext<Partial<AuthState>>) {
  if (!ctx.get('authorization')) return undefined;
  await requireToken(db)(ctx as never, async () => {});
  return ctx.state.principal;
}

export function toInvitationResource(row: InvitationRow): FromSchema<typeof invitationResource> {
  return {
    id: row.id,
    email: row.email,
    status: row.status,
    fleetId: row.fleet_id,
    // The name comes from joining the company the row names, so it is there whenever the id is.
    installerCompany:
      row.installer_company_id && row.installer_company_name !== null
        ? { id: row.installer_company_id, name: row.installer_company_name }
        : null,
    invitedBy: row.invited_by,
    createdAt: row.created_at.toISOString(),
    respondedAt: row.responded_at?.toISOString() ?? null,
    mail: row.mail_status && {
      status: row.mail_status,
      lastAttemptAt: row.mail_last_attempt_at?.toISOString() ?? null,
      lastError: row.mail_last_error,
      sentAt: row.mail_sent_at?.toISOString() ?? null,
      reminderSentAt: row.mail_reminder_sent_at?.toISOString() ?? null,
    },
  };
}

/** What the token holder learns about the invitation they answered: no provider internals. */
function toAnswerResource(row: InvitationRow): FromSchema<typeof answeredInvitation> {
  return { id: row.id, email: row.email, status: row.status, fleetId: row.fleet_id, respondedAt: row.responded_at?.toISOString() ?? null };
}
