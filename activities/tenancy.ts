import { refusal } from '../common/job-refusal';
import type { Db } from '../db/connection';
import { hasAcceptedInvitation } from '../db/invitations';

export function createTenancyActivities(db: Db) {
  return {
    /** An installer company may get a fleet's jobs only once it has accepted that fleet's invitation. */
    async assertCompanyInvited(request: { fleetId: string; installerCompanyId: string }): Promise<void> {
      if (!(await hasAcceptedInvitation(db, request.fleetId, request.installerCompanyId))) {
        throw refusal(
          'companyNotInvited',
          `Installer company ${request.installerCompanyId} has no accepted invitation for this job's fleet; invite it first.`,
          [{ pointer: '/installerCompanyId', message: 'has not accepted an invitation for this fleet', rule: 'invitation' }],
        );
      }
    },
  };
}
