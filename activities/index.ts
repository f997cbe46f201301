import type { Db } from '../db/connection';
import { createAccessActivities } from './access';
import { createReadModelActivities } from './read-model';
import { createTenancyActivities } from './tenancy';

export interface ActivityDependencies {
  db: Db;
}

/** Every activity the job worker registers; workflows see only this type, never the code. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createReadModelActivities(deps.db),
    ...createAccessActivities(deps.db),
    ...createTenancyActivities(deps.db),
  };
}

export type JobActivities = ReturnType<typeof createActivities>;
