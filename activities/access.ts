import type { AccessGrantRecord } from '../db/access-grants';
import { openAccessGrant, revokeAccessGrant } from '../db/access-grants';
import type { Db } from '../db/connection';

/** Job-scoped vehicle access: our record is what the API checks before any vehicle command. */
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
