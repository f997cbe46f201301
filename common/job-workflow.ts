import type { CompiledJobType } from '../definitions/compiled-job-type';
import type { Actor } from './job';

/**
 * Which commands a new run records: 2 is the lean history (Postgres work in local activities and
 * the rest of workflows/job.ts's `lean`); 3 leaves out the step answer window's timer, the
 * invitation check (both the API's now) and the upsert of the end apart from the securing's; 4 stops
 * a step's action or an installer's command still on its way when the job ends, and waits for it,
 * before securing the vehicle (its activities heartbeat and are cancelled with WAIT_CANCELLATION_COMPLETED).
 * Runs started before 2 have no `generation`; every run replays the commands it was recorded with. Said in the input rather than by `patched()`, which costs
 * every job a marker and a search-attribute upsert in its history.
 */
export const JOB_WORKFLOW_GENERATION = 4;

/**
 * How long a worker has for one task of a job's run before Temporal gives it to another: a job's
 * task takes milliseconds (a longer local activity keeps it alive by itself). After a worker's kill -9,
 * Temporal may already have handed the next task to the dead worker's last poll; with the 10 s
 * default the change waited that long and the API answered 503 outcome-unknown (it waits 5 s). With
 * the worker's sticky-queue time-out (WORKER_STICKY_QUEUE_TIMEOUT_SECONDS, 3) for a task not yet
 * handed out, another worker applies it within the API's deadline.
 */
export const JOB_WORKFLOW_TASK_TIMEOUT = '3s';

/** What the API hands a new job workflow. The workflow never reads job types or the database itself. */
export interface JobWorkflowInput {
  /** JOB_WORKFLOW_GENERATION when the run was started; absent in runs started before generation 2. */
  generation: number;
  jobId: string;
  providerId: string;
  fleetId: string;
  /** The compiled definition, version and all: a running job never changes when a YAML file does. */
  jobType: CompiledJobType;
  values: Record<string, unknown>;
  customerName?: string;
  requestedStartAt?: string;
  createdBy: Actor;
  /** The API's clock when the request arrived: the job's creation time in the read model. */
  createdAt: string;
}
