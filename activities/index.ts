import type { Db } from '../db/connection';
import { createReadModelActivities } from './read-model';

export interface ActivityDependencies {
  db: Db;
}

/** Every activity the job worker registers; workflows see only this type, never the code. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createReadModelActivities(deps.db),
  };
}

export type JobActivities = ReturnType<typeof createActivities>;
