import type { JobEvent, JobSnapshot } from '../common/job';
import type { Db } from '../db/connection';
import { saveJobState } from '../db/jobs';

/** Activities that keep the Postgres read model in step with the workflow. */
export function createReadModelActivities(db: Db) {
  return {
    /** Idempotent (see saveJobState): safe under Temporal's at-least-once activity execution. */
    async recordJobState(snapshot: JobSnapshot, event: JobEvent): Promise<void> {
      await saveJobState(db, snapshot, event);
    },
  };
}
