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

/** Idempotent: the first revocation's time and reason stay. */
export async function revokeAccessGrant(db: Db, grantId: string, revokedAt: string, reason: string): Promise<void> {
  await db('access_grants').where({ id: grantId }).whereNull('revoked_at').update({ revoked_at: revokedAt, revoke_reason: reason });
}
