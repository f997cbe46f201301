import type { JobEvent, JobSnapshot } from '../common/job';
import type { Db } from '../db/connection';
import { deleteJob, saveJobState } from '../db/jobs';

/** Activities that keep the Postgres read model in step with the workflow. */
export function createReadModelActivities(db: Db) {
  return {
    /** Idempotent (see saveJobState): safe under Temporal's at-least-once activity execution. */
    async recordJobState(snapshot: JobSnapshot, event: JobEvent): Promise<void> {
      await saveJobState(db, snapshot, event);
    },
    /** A PENDING job deleted by the provider leaves the read model; its events stay as the trail. */
    async removeJobRecord(jobId: string, event: JobEvent): Promise<void> {
      await deleteJob(db, jobId, event);
    },
  };
}
