import type { Db } from './connection';
import { addProviderUser, addUser, createInstallerCompany, onboardProvider } from './tenancy';
import { newToken } from './tokens';

export interface DemoTenant {
  providerId: string;
  fleetId: string;
  installerCompanyId: string;
  userIds: { providerAdmin: string; customerPortal: string; installerAdmin: string; installerTechnician: string };
  /** customerPortal: a customer-portal user (provider_customer) of DEMO_CUSTOMER_NAME, who creates and follows but does not assign. */
  tokens: { providerAdmin: string; customerPortal: string; installerAdmin: string; installerTechnician: string };
}

export const DEMO_PROVIDER_NAME = 'Demo Mobility GmbH';
/** The demo provider's customer, whose portal user creates jobs for it. */
export const DEMO_CUSTOMER_NAME = 'Demo Stadtwerke';

/**
 * On a fresh database: a provider with a fleet and a customer-portal user for one of its customers,
 * and an installer company whose invitation for that fleet is ACCEPTED, so a newcomer can create,
 * assign and run a job straight away.
 * Returns undefined when the demo provider exists already (its tokens were shown the first time).
 */
export async function createDemoTenantIfMissing(db: Db): Promise<DemoTenant | undefined> {
  const existing = await db('organisations').where({ kind: 'provider', name: DEMO_PROVIDER_NAME }).first('id');
  if (existing) return undefined;
  const provider = await onboardProvider(db, { name: DEMO_PROVIDER_NAME, adminEmail: 'admin@demo-mobility.example', fleetName: 'Berlin' });
  const portal = await addProviderUser(db, provider.providerId, {
    email: 'portal@demo-stadtwerke.example',
    role: 'provider_customer',
    customers: [DEMO_CUSTOMER_NAME],
  });
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
    userIds: {
      providerAdmin: provider.adminUserId,
      customerPortal: portal.userId,
      installerAdmin: company.adminUserId,
      installerTechnician: technician.userId,
    },
    tokens: {
      providerAdmin: provider.adminToken,
      customerPortal: portal.token,
      installerAdmin: company.adminToken,
      installerTechnician: technician.token,
    },
  };
}
