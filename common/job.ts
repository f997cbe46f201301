/**
 * The job vocabulary shared by API, workflow and activities. Workflow code imports this, so it
 * must stay free of Node built-ins and I/O.
 */
export const JOB_STATUSES = ['PENDING', 'ASSIGNED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Who did something: a person through the API, or the engine itself (a timer, a deadline). */
export type Actor =
  | { kind: 'user'; userId: string; organisationId: string; role: string; email?: string }
  | { kind: 'system'; reason: string };

/** Temporal workflow id of a job: one workflow per job, so the job id is the natural key. */
export function jobWorkflowId(jobId: string): string {
  return `installer-job-${jobId}`;
}

export const JOB_ID_PATTERN = /^J-[0-9A-HJKMNP-TV-Z]{10}$/;

export function isJobId(value: string): boolean {
  return JOB_ID_PATTERN.test(value);
}

export interface StepProgress {
  id: string;
  title: string;
  status: 'open' | 'done';
  completedAt?: string;
}

export interface AccessGrantState {
  grantId: string;
  permissions: string[];
  grantedAt: string;
  expiresAt: string;
  revokedAt?: string;
}

/**
 * A job as the workflow holds it; activities write it to the read model. `revision` grows with
 * every change so that a late retry of an older write can never overwrite a newer state.
 */
export interface JobSnapshot {
  jobId: string;
  workflowId: string;
  providerId: string;
  fleetId: string;
  jobTypeId: string;
  jobTypeVersion: number;
  status: JobStatus;
  installerCompanyId?: string;
  customerName?: string;
  requestedStartAt?: string;
  values: Record<string, unknown>;
  lockedFields: string[];
  steps: StepProgress[];
  lastCompletedStep?: string;
  failureReason?: string;
  accessGrant?: AccessGrantState;
  createdBy?: string;
  revision: number;
  createdAt: string;
  assignedAt?: string;
  startedAt?: string;
  finishedAt?: string;
}

/** One line of the audit trail. `key` makes the write idempotent: a retried activity adds it once. */
export interface JobEvent {
  key: string;
  type: string;
  actor: Actor;
  data: Record<string, unknown>;
  occurredAt: string;
}
