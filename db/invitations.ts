import type { Knex } from 'knex';
import { ConflictError, NotFoundError } from '../common/errors';
import { isUniqueViolation, type Db } from './connection';
import { recordInvitationEvent } from './feed';
import type { FleetRow } from './fleets';
import { createInstallerCompany } from './tenancy';
import { hashToken, newToken } from './tokens';

export type InvitationStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED';

/** An invitation as its provider sees it: never with its token, with the company once accepted. */
export interface InvitationRow {
  id: string;
  fleet_id: string;
  email: string;
  status: InvitationStatus;
  installer_company_id: string | null;
  installer_company_name: string | null;
  invited_by: string | null;
  created_at: Date;
  responded_at: Date | null;
  /** The e-mails' delivery (db/invitation-mail.ts); null status for invitations from before e-mail. */
  mail_status: 'sending' | 'sent' | 'failed' | null;
  mail_last_attempt_at: Date | null;
  mail_last_error: string | null;
  mail_sent_at: Date | null;
  mail_reminder_sent_at: Date | null;
}

export interface CompanyWithFleets {
  id: string;
  name: string;
  created_at: Date;
  fleets: Array<{ id: string; name: string; provider: { id: string; name: string }; acceptedAt: Date }>;
}

/**
 * Accepts an invitation's link may fail before it is locked: enough for typing mistakes, too few
 * to use one link for probing. The provider withdraws a locked invitation and sends a new one.
 */
export const MAX_FAILED_ACCEPTS = 5;

/** Who accepts: a company registering through the invitation, or one that already has an account. */
export type Acceptor = { newCompany: { name: string; adminEmail?: string } } | { existingCompanyId: string };

export interface Acceptance {
  invitation: InvitationRow;
  installerCompanyId: string;
  /** Only for a newly registered company: its first admin and that admin's token (shown once). */
  admin?: { userId: string; email: string; token: string };
}

/** Whether the company has accepted an invitation for the fleet: the condition for getting its jobs. */
export async function hasAcceptedInvitation(db: Db, fleetId: string, installerCompanyId: string): Promise<boolean> {
  const row = await db('invitations')
    .where({ fleet_id: fleetId, installer_company_id: installerCompanyId, status: 'ACCEPTED' })
    .first('id');
  return row !== undefined;
}

export async function fleetInvitations(db: Db, fleetId: string): Promise<InvitationRow[]> {
  return invitationsQuery(db)
    .where('i.fleet_id', fleetId)
    .orderBy([{ column: 'i.created_at', order: 'desc' }, { column: 'i.id' }]);
}

/**
 * A new PENDING invitation; the token goes into the e-mail link and is returned this once. One
 * live invitation per fleet and address (a declined one may be sent again), and none to a
 * company that already works for the fleet.
 */
export async function inviteToFleet(
  db: Db,
  input: { fleet: FleetRow; email: string; invitedBy: string; mail?: { invitationId: string } },
): Promise<{ invitation: InvitationRow; token: string }> {
  const { fleet, email } = input;
  const live = await db('invitations')
    .where({ fleet_id: fleet.id })
    .whereRaw('lower(email) = lower(?)', [email])
    .whereNot({ status: 'DECLINED' })
    .first('status', 'created_at');
  if (live) throw alreadyInvited(fleet, email, live.status);
  const working = await db('users as u')
    .join('invitations as i', 'i.installer_company_id', 'u.organisation_id')
    .join('organisations as o', 'o.id', 'u.organisation_id')
    .where({ 'i.fleet_id': fleet.id, 'i.status': 'ACCEPTED' })
    .whereRaw('lower(u.email) = lower(?)', [email])
    .first('o.name');
  if (working) {
    throw new ConflictError(
      `${email} belongs to ${working.name}, which already works for fleet ${fleet.name}.`,
      [{ pointer: '/email', message: 'belongs to a company already working for this fleet', rule: 'unique' }],
      {
        type: 'already-invited',
      },
    );
  }

  const { token, hash } = newToken('inv');
  try {
    const [row] = await db('invitations')
      .insert({
        fleet_id: fleet.id,
        email,
        token_hash: hash,
        invited_by: input.invitedBy,
        // Its mail workflow, started first under this id, sends the e-mail (api/invitations/mail.ts).
        ...(input.mail ? { id: input.mail.invitationId, mail_status: 'sending' } : {}),
      })
      .returning('id');
    return { invitation: (await findInvitation(db, row.id))!, token };
  } catch (error) {
    // Two admins inviting the same address at once: the partial unique index decides.
    if (isUniqueViolation(error, 'invitations_fleet_email_live')) throw alreadyInvited(fleet, email, 'PENDING', error);
    throw error;
  }
}

/**
 * PENDING → ACCEPTED, for a company that registers now or for one that already has an account. A
 * new company's admin is an account of that company, whether the address has accounts elsewhere
 * or not: the answer is the same either way.
 */
export async function acceptInvitation(db: Db, token: string, acceptor: Acceptor): Promise<Acceptance> {
  return db.transaction(async (trx) => {
    const invitation = await pendingInvitationForUpdate(trx, token, { accepting: true });
    let installerCompanyId: string;
    let admin: Acceptance['admin'];
    if ('newCompany' in acceptor) {
      const adminEmail = acceptor.newCompany.adminEmail ?? invitation.email;
      const company = await createInstallerCompany(trx, { name: acceptor.newCompany.name, adminEmail });
      installerCompanyId = company.companyId;
      admin = { userId: company.adminUserId, email: adminEmail, token: company.adminToken };
    } else {
      installerCompanyId = acceptor.existingCompanyId;
      if (await hasAcceptedInvitation(trx, invitation.fleet_id, installerCompanyId)) throw alreadyAccepted();
    }
    try {
      await trx('invitations')
        .where({ id: invitation.id })
        .update({ status: 'ACCEPTED', installer_company_id: installerCompanyId, responded_at: trx.fn.now() });
    } catch (error) {
      // Two invitations for the same fleet accepted by one company at once: the partial unique index decides.
      if (isUniqueViolation(error, 'invitations_fleet_company_accepted')) throw alreadyAccepted(error);
      throw error;
    }
    const accepted = (await findInvitation(trx, invitation.id))!;
    await recordAnswer(trx, accepted);
    return { invitation: accepted, installerCompanyId, admin };
  });
}

/**
 * Counts a refused accept against the invitation behind the link (while it is PENDING); at
 * MAX_FAILED_ACCEPTS it is locked. A separate statement, so that the refused accept's rollback
 * does not take the count along.
 */
export async function countFailedAccept(db: Db, token: string): Promise<void> {
  await byToken(db, db('invitations'), token).where({ status: 'PENDING' }).increment('failed_accepts', 1);
}

/** Refuses an accept through a link that is unknown, answered or locked, before anything else is looked at. */
export async function assertAcceptable(db: Db, token: string): Promise<void> {
  await pendingInvitationForUpdate(db, token, { accepting: true, lock: false });
}

/** PENDING → DECLINED; the provider may then invite the address again. */
export async function declineInvitation(db: Db, token: string): Promise<InvitationRow> {
  return db.transaction(async (trx) => {
    const invitation = await pendingInvitationForUpdate(trx, token);
    await trx('invitations').where({ id: invitation.id }).update({ status: 'DECLINED', responded_at: trx.fn.now() });
    const declined = (await findInvitation(trx, invitation.id))!;
    await recordAnswer(trx, declined);
    return declined;
  });
}

/** An answer goes into the event feed with it (webhooks, the live stream): `invitation.accepted` or `.declined`. */
async function recordAnswer(trx: Db, invitation: InvitationRow): Promise<void> {
  const fleet = await trx('fleets').where({ id: invitation.fleet_id }).first('provider_id');
  await recordInvitationEvent(trx, {
    invitationId: invitation.id,
    providerId: fleet.provider_id,
    installerCompanyId: invitation.installer_company_id ?? undefined,
    type: `invitation.${invitation.status.toLowerCase()}`,
    actor: { kind: 'system', reason: 'answered through the invitation link' },
    data: {
      invitationId: invitation.id,
      fleetId: invitation.fleet_id,
      email: invitation.email,
      ...(invitation.installer_company_id && {
        installerCompanyId: invitation.installer_company_id,
        installerCompanyName: invitation.installer_company_name,
      }),
    },
  });
}

/** An installer company and the fleets it works for (those whose invitation it accepted). */
/** What the registration page shows before the company answers: who invites it, for which fleet. */
export async function invitationPreview(
  db: Db,
  token: string,
): Promise<{ email: string; status: InvitationStatus; locked: boolean; fleetName: string; providerName: string } | undefined> {
  const row = await db('invitations as i')
    .join('fleets as f', 'f.id', 'i.fleet_id')
    .join('organisations as p', 'p.id', 'f.provider_id')
    .modify((q) => byToken(db, q, token, 'i.'))
    .first('i.email', 'i.status', 'i.failed_accepts', 'f.name as fleetName', 'p.name as providerName');
  if (!row) return undefined;
  const { failed_accepts: failedAccepts, ...preview } = row;
  return { ...preview, locked: failedAccepts >= MAX_FAILED_ACCEPTS };
}

/** Withdraws an invitation nobody has answered yet; an answered one stays as the record of it. */
export async function cancelPendingInvitation(db: Db, fleetId: string, invitationId: string): Promise<void> {
  const invitation = await db('invitations').where({ id: invitationId, fleet_id: fleetId }).first('status');
  if (!invitation) throw new NotFoundError(`Invitation ${invitationId} does not exist.`);
  if (invitation.status !== 'PENDING') {
    throw new ConflictError(
      `This invitation has been ${invitation.status.toLowerCase()} and can no longer be withdrawn.`,
      [{ pointer: '/status', message: `is ${invitation.status}`, rule: 'status' }],
      {
        type: 'invitation-answered',
      },
    );
  }
  await db('invitations').where({ id: invitationId, status: 'PENDING' }).delete();
}

export async function companyWithFleets(db: Db, companyId: string): Promise<CompanyWithFleets | undefined> {
  const company = await db('organisations').where({ id: companyId, kind: 'installer_company' }).first('id', 'name', 'created_at');
  if (!company) return undefined;
  const fleets = await db('invitations as i')
    .join('fleets as f', 'f.id', 'i.fleet_id')
    .join('organisations as p', 'p.id', 'f.provider_id')
    .where({ 'i.installer_company_id': companyId, 'i.status': 'ACCEPTED' })
    .orderBy(['p.name', 'f.name'])
    .select('f.id', 'f.name', 'p.id as providerId', 'p.name as providerName', 'i.responded_at as acceptedAt');
  return {
    ...company,
    fleets: fleets.map((f) => ({ id: f.id, name: f.name, provider: { id: f.providerId, name: f.providerName }, acceptedAt: f.acceptedAt })),
  };
}

function invitationsQuery(db: Db) {
  return db('invitations as i')
    .leftJoin('organisations as c', 'c.id', 'i.installer_company_id')
    .select(
      'i.id',
      'i.fleet_id',
      'i.email',
      'i.status',
      'i.installer_company_id',
      'c.name as installer_company_name',
      'i.invited_by',
      'i.created_at',
      'i.responded_at',
      'i.mail_status',
      'i.mail_last_attempt_at',
      'i.mail_last_error',
      'i.mail_sent_at',
      'i.mail_reminder_sent_at',
    );
}

/**
 * The invitation a link's token names: the token POST …/invitations answered, or the one in an
 * e-mail's link (db/invitation-mail.ts). Every one of them answers for the invitation alike.
 */
function byToken<Q extends Knex.QueryBuilder>(db: Db, query: Q, token: string, alias = ''): Q {
  const hash = hashToken(token);
  return query.where((q) =>
    q.where(`${alias}token_hash`, hash).orWhereIn(`${alias}id`, db('invitation_links').where({ token_hash: hash }).select('invitation_id')),
  ) as Q;
}

async function findInvitation(db: Db, id: string): Promise<InvitationRow | undefined> {
  return invitationsQuery(db).where('i.id', id).first();
}

/**
 * The invitation behind an e-mail link, row-locked (unless `lock` is false) so that two answers to
 * it cannot race. An accept is refused once too many accepts through the link have failed.
 */
async function pendingInvitationForUpdate(
  trx: Db,
  token: string,
  options: { accepting?: boolean; lock?: boolean } = {},
): Promise<{ id: string; fleet_id: string; email: string }> {
  const query = byToken(trx, trx('invitations'), token);
  const invitation = await (options.lock === false ? query : query.forUpdate()).first(
    'id',
    'fleet_id',
    'email',
    'status',
    'failed_accepts',
  );
  if (!invitation) throw new NotFoundError('This invitation does not exist: check the link in the e-mail.');
  if (invitation.status !== 'PENDING') {
    throw new ConflictError(
      `This invitation has already been ${invitation.status.toLowerCase()}.`,
      [{ pointer: '/status', message: `is ${invitation.status}`, rule: 'status' }],
      {
        type: 'invitation-answered',
      },
    );
  }
  if (options.accepting && invitation.failed_accepts >= MAX_FAILED_ACCEPTS) {
    throw new ConflictError(
      `This invitation is locked: ${MAX_FAILED_ACCEPTS} attempts to accept it have failed. Ask the provider to withdraw it and invite you again.`,
      [{ pointer: '/status', message: `locked after ${MAX_FAILED_ACCEPTS} failed accepts`, rule: 'attempts' }],
      { type: 'invitation-locked' },
    );
  }
  return { id: invitation.id, fleet_id: invitation.fleet_id, email: invitation.email };
}

function alreadyInvited(fleet: FleetRow, email: string, status: InvitationStatus, cause?: unknown): ConflictError {
  const message =
    status === 'ACCEPTED'
      ? `${email} has already accepted an invitation for fleet ${fleet.name}.`
      : `${email} already has a pending invitation for fleet ${fleet.name}; it can be sent again once declined.`;
  return new ConflictError(message, [{ pointer: '/email', message: `has a ${status} invitation for this fleet`, rule: 'unique' }], {
    type: 'already-invited',
    cause,
  });
}

function alreadyAccepted(cause?: unknown): ConflictError {
  return new ConflictError('Your company already works for this fleet: it accepted an earlier invitation.', [], {
    type: 'already-accepted',
    cause,
  });
}
