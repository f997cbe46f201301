import { isOwnCustomer } from '../../common/customer-names';
import type { JobRow } from '../../db/job-table';
import type { Principal } from '../../db/tenancy';

/**
 * Whose a job is, for one caller: its provider's (a dispatcher or customer-portal user only for
 * their customers' jobs), or the installer company it is assigned to. A caller who is neither may
 * not know the job exists: every route answers 404 for it, as for an id that does not exist.
 * Customers are compared as common/customer-names.ts says (case and blanks aside), as the job list does.
 */
export function jobAccess(job: JobRow | undefined, principal: Principal): { isProvider: boolean; isInstaller: boolean } {
  const isProvider =
    job?.provider_id === principal.organisationId && (!principal.customers || isOwnCustomer(principal.customers, job.customer_name));
  const isInstaller = job !== undefined && job.installer_company_id === principal.organisationId;
  return { isProvider, isInstaller };
}
