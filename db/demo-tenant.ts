import type { Db } from './connection';
import { addUser, createInstallerCompany, onboardProvider } from './tenancy';
import { newToken } from './tokens';

export interface DemoTenant {
  providerId: string;
  fleetId: string;
  installerCompanyId: string;
  userIds: { providerAdmin: string; installerAdmin: string; installerTechnician: string };
  tokens: { providerAdmin: string; installerAdmin: string; installerTechnician: string };
}

export const DEMO_PROVIDER_NAME = 'Demo Mobility GmbH';

/**
 * On a fresh database: a provider with a fleet, and an installer company whose invitation for
 * that fleet is ACCEPTED, so a newcomer can create, assign and run a job straight away.
 * Returns undefined when the demo provider exists already (its tokens were shown the first time).
 */
export async function createDemoTenantIfMissing(db: Db): Promise<DemoTenant | undefined> {
  const existing = await db('organisations').where({ kind: 'provider', name: DEMO_PROVIDER_NAME }).first('id');
  if (existing) return undefined;
  const provider = await onboardProvider(db, { name: DEMO_PROVIDER_NAME, adminEmail: 'admin@demo-mobility.example', fleetName: 'Berlin' });
  const company = await createInstallerCompany(db, { name: 'Demo Installations GmbH', adminEmail: 'admin@demo-installations.example' });
  const technician = await addUser(db, company.companyId, 'technician@demo-installations.example', 'installer_technician');
  await db('invitations').insert({
    fleet_id: provider.fleetId,
    email: 'admin@demo-installations.example',
    installer_company_id: company.companyId,
    status: 'ACCEPTED',
    token_hash: newToken('inv').hash,
    invited_by: provider.adminUserId,
    responded_at: db.fn.now(),
  });
  return {
    providerId: provider.providerId,
    fleetId: provider.fleetId,
    installerCompanyId: company.companyId,
    userIds: { providerAdmin: provider.adminUserId, installerAdmin: company.adminUserId, installerTechnician: technician.userId },
    tokens: { providerAdmin: provider.adminToken, installerAdmin: company.adminToken, installerTechnician: technician.token },
  };
}
