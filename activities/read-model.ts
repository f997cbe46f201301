import { ApplicationFailure } from '@temporalio/common';
import type { JobEvent, JobSnapshot } from '../common/job';
import type { Db } from '../db/connection';
import { deleteJob, saveJobState } from '../db/jobs';

/** The failure type of a write Postgres refused for its content: retrying the same write cannot help. */
export const READ_MODEL_REJECTED = 'ReadModelRejected';

/** Activities that keep the Postgres read model in step with the workflow. */
export function createReadModelActivities(db: Db) {
  return {
    /**
     * The job as it now stands, with the events since the last write. Idempotent (see saveJobState):
     * safe under Temporal's at-least-once activity execution. An outage is retried by the workflow;
     * a value Postgres refuses is not.
     */
    async recordJobState(snapshot: JobSnapshot, events: JobEvent[]): Promise<void> {
      await refusingBadData(() => saveJobState(db, snapshot, events));
    },
    /** A PENDING job deleted by the provider leaves the read model; its events stay as the trail. */
    async removeJobRecord(jobId: string, events: JobEvent[]): Promise<void> {
      await refusingBadData(() => deleteJob(db, jobId, events));
    },
  };
}

/**
 * SQLSTATE class 22 (data exception: a NUL byte, a date out of range) and 23 (a constraint) mean the
 * write itself is wrong; everything else (connection lost, server shutting down) may pass later.
 */
async function refusingBadData(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^2[23]/.test(code)) {
      throw ApplicationFailure.create({
        type: READ_MODEL_REJECTED,
        message: `Postgres refused the write: ${postgresWords(error as Error)}`,
        nonRetryable: true,
        cause: error as Error,
      });
    }
    throw error;
  }
}

/**
 * What Postgres said, without the statement knex puts before it on every failed query ("<sql> -
 * <message>"): the words reach the caller as the refusal's reason, and SQL is nothing they can act
 * on (the worker's log has the whole error).
 */
function postgresWords(error: Error): string {
  const after = error.message.lastIndexOf(' - ');
  return after < 0 ? error.message : error.message.slice(after + ' - '.length);
}
