import type { AccessGrantState } from '../common/job';
import type { Db } from './connection';

export interface AccessGrantRecord {
  grantId: string;
  jobId: string;
  installerCompanyId: string;
  permissions: string[];
  grantedAt: string;
  expiresAt: string;
}

/** Idempotent: granting the same grant id again changes nothing. */
export async function openAccessGrant(db: Db, grant: AccessGrantRecord): Promise<void> {
  await db('access_grants')
    .insert({
      id: grant.grantId,
      job_id: grant.jobId,
      installer_company_id: grant.installerCompanyId,
      permissions: grant.permissions,
      granted_at: grant.grantedAt,
      expires_at: grant.expiresAt,
    })
    .onConflict('id')
    .ignore();
}

/**
 * The job's grant as the workflow holds it, opened or closed in one statement: written with the
 * job's own record (see saveJobState), so the access record never lags behind the job. Idempotent;
 * a revocation once stored keeps its time and reason.
 */
export function accessGrantUpsert(db: Db, jobId: string, installerCompanyId: string, grant: AccessGrantState) {
  return db('access_grants')
    .insert({
      id: grant.grantId,
      job_id: jobId,
      installer_company_id: installerCompanyId,
      permissions: grant.permissions,
      granted_at: grant.grantedAt,
      expires_at: grant.expiresAt,
      revoked_at: grant.revokedAt ?? null,
      revoke_reason: grant.revokeReason ?? null,
    })
    .onConflict('id')
    .merge({
      revoked_at: db.raw('coalesce(access_grants.revoked_at, excluded.revoked_at)'),
      revoke_reason: db.raw('coalesce(access_grants.revoke_reason, excluded.revoke_reason)'),
    });
}

/** Idempotent: the first revocation's time and reason stay. */
export async function revokeAccessGrant(db: Db, grantId: string, revokedAt: string, reason: string): Promise<void> {
  await db('access_grants').where({ id: grantId }).whereNull('revoked_at').update({ revoked_at: revokedAt, revoke_reason: reason });
}

/**
 * Why the job's vehicle access has ended, as Postgres knows it — its end recorded with the job's, or
 * its window over by the database's clock — or undefined while it is open (or no grant was recorded).
 */
export async function vehicleAccessEnded(db: Db, jobId: string): Promise<string | undefined> {
  const grant = (await db('access_grants')
    .where({ job_id: jobId })
    .orderBy('granted_at', 'desc')
    .first('revoke_reason', db.raw('revoked_at is not null as revoked'), db.raw('expires_at <= now() as expired'))) as
    { revoke_reason: string | null; revoked: boolean; expired: boolean } | undefined;
  if (grant?.revoked) return grant.revoke_reason ?? 'the job ended';
  if (grant?.expired) return 'the access window is over';
  return undefined;
}
