import type { Db } from '../../db/connection';
import { createInstallerCompany, onboardProvider } from '../../db/tenancy';
import { newToken } from '../../db/tokens';

/**
 * A provider with a fleet, and an installer company whose invitation for that fleet is ACCEPTED:
 * the two sides of a job, named after `name` and unique per call.
 */
export async function providerWithInvitedCompany(db: Db, name: string) {
  const stamp = `${name}-${Date.now().toString(36)}`;
  const provider = await onboardProvider(db, { name: `P ${stamp}`, adminEmail: `admin@${stamp}.example`, fleetName: `F ${stamp}` });
  const company = await createInstallerCompany(db, { name: `C ${stamp}`, adminEmail: `office@${stamp}-works.example` });
  await db('invitations').insert({
    fleet_id: provider.fleetId,
    email: `office@${stamp}-works.example`,
    installer_company_id: company.companyId,
    status: 'ACCEPTED',
    token_hash: newToken('inv').hash,
  });
  return { provider, company };
}
