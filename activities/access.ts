import type { AccessGrantRecord } from '../db/access-grants';
import { openAccessGrant, revokeAccessGrant } from '../db/access-grants';
import type { Db } from '../db/connection';

/**
 * The record of each job's vehicle access, for the audit trail and for operators. The workflow's
 * own grant decides whether a command may go; this table says when access was open and why it ended.
 */
export function createAccessActivities(db: Db) {
  return {
    async grantVehicleAccess(grant: AccessGrantRecord): Promise<void> {
      await openAccessGrant(db, grant);
    },
    /** Retried by the workflow until it lands: no grant may stay open. */
    async revokeVehicleAccess(request: { grantId: string; revokedAt: string; reason: string }): Promise<void> {
      await revokeAccessGrant(db, request.grantId, request.revokedAt, request.reason);
    },
  };
}
