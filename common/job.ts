/**
 * The job vocabulary shared by API, workflow and activities. Workflow code imports this, so it
 * must stay free of Node built-ins and I/O.
 */
export const JOB_STATUSES = ['PENDING', 'ASSIGNED', 'RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Who did something: a person through the API, or the engine itself (a timer, a deadline). */
export type Actor =
  { kind: 'user'; userId: string; organisationId: string; role: string; email?: string } | { kind: 'system'; reason: string };

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
  /** inProgress: the step's action is running against the vehicle; its outcome follows on the job. */
  status: 'open' | 'inProgress' | 'done';
  completedAt?: string;
  /** Why the step's last action failed; the installer may complete the step again. */
  actionError?: string;
}

/** What the engine did to leave the vehicle secure once access ended (the job type's access.onEnd). */
export interface VehicleSecurity {
  /**
   * pending: access ended, the commands have not landed yet (retried until they do);
   * secured: every command landed and the vehicle reported the commanded state;
   * notSecured: the vehicle reported another state, or cannot be reached at all;
   * notRequired: nothing to do (the job type leaves the vehicle as it is, or no box was ever known).
   */
  state: 'pending' | 'secured' | 'notSecured' | 'notRequired';
  securedAt?: string;
  /** Why not (yet), in words an operator can act on. */
  detail?: string;
  commands?: SecuringCommandOutcome[];
}

export interface SecuringCommandOutcome {
  command: 'lock' | 'disableDriving';
  /** done: commanded and reported; skipped: the vehicle model cannot do it; mismatch: it reported another state. */
  outcome: 'done' | 'skipped' | 'mismatch';
  reported?: { centralLock?: 'locked' | 'unlocked'; drivingEnabled?: boolean };
}

const SECURING_WORDS = {
  lock: { done: 'locked', to: 'lock' },
  disableDriving: { done: 'immobilised', to: 'immobilise' },
} as const;

/**
 * What access.onEnd's commands do to the vehicle, in their order: ['locked', 'immobilised'] (done),
 * ['lock', 'immobilise'] (to). Texts about securing the vehicle are made of these, so that they say
 * what the job type's onEnd does, not what the default does.
 */
export function securingWords(commands: ReadonlyArray<SecuringCommandOutcome['command']>, form: 'done' | 'to'): string[] {
  return commands.map((command) => SECURING_WORDS[command][form]);
}

/** The job's vehicle as far as the job knows it. */
export interface JobVehicle {
  /** QNR of the job's CloudBoxx, once a provider or a step has given it. */
  qnr?: string;
  /** A swap: the QNR of the box taken out. */
  oldQnr?: string;
  security?: VehicleSecurity;
}

export interface AccessGrantState {
  grantId: string;
  permissions: string[];
  grantedAt: string;
  expiresAt: string;
  revokedAt?: string;
  /** Why access ended: the job's end, in words ("job succeeded", the deadline that passed). */
  revokeReason?: string;
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
  /** The job type's title in that version: a list shows it without asking for the job type. */
  jobTypeTitle: string;
  status: JobStatus;
  installerCompanyId?: string;
  customerName?: string;
  requestedStartAt?: string;
  values: Record<string, unknown>;
  lockedFields: string[];
  steps: StepProgress[];
  lastCompletedStep?: string;
  lastCompletedStepTitle?: string;
  /** The values of the job type's searchable fields as text: what the list's search (q) finds the job by. */
  searchableText: string;
  failureReason?: string;
  accessGrant?: AccessGrantState;
  vehicle: JobVehicle;
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
