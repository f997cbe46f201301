import { refusal } from '../common/job-refusal';
import type { Db } from '../db/connection';

export function createTenancyActivities(db: Db) {
  return {
    /** An installer company may get a fleet's jobs only once it has accepted that fleet's invitation. */
    async assertCompanyInvited(request: { fleetId: string; installerCompanyId: string }): Promise<void> {
      const invitation = await db('invitations')
        .where({ fleet_id: request.fleetId, installer_company_id: request.installerCompanyId, status: 'ACCEPTED' })
        .first('id');
      if (!invitation) {
        throw refusal('companyNotInvited', `Installer company ${request.installerCompanyId} has no accepted invitation for this job's fleet; invite it first.`, [
          { pointer: '/installerCompanyId', message: 'has not accepted an invitation for this fleet', rule: 'invitation' },
        ]);
      }
    },
  };
}
