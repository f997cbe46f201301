import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, JobSnapshot, JobStatus, StepProgress } from './job';

/**
 * What a change answers: small, as Temporal keeps every answer in the run's history. The API shows
 * the job as the read model holds it, which has this revision by the time the answer arrives.
 */
export interface JobChanged {
  jobId: string;
  status: JobStatus;
  revision: number;
}

/** The job as created, and by whom: a retried create recognises the job its first attempt started. */
export interface JobCreated extends JobChanged {
  providerId: string;
  fleetId: string;
  jobTypeId: string;
  createdBy?: string;
}

/** A step's change also says how the step stands: inProgress while its action runs (the API answers 202). */
export interface StepChanged extends JobChanged {
  step: Pick<StepProgress, 'id' | 'status' | 'actionError'>;
}

/**
 * The job workflow's message contract, shared by the workflow and its callers.
 * Every change is an Update with a validator: the caller learns synchronously whether it was
 * accepted (a refusal is a `JobRefused.<reason>` failure, see job-refusal.ts), and the read
 * model already shows an accepted change when the answer arrives.
 */

/** Sent with the workflow start (update-with-start): answers once the new job is in the read model. */
export const jobCreatedUpdate = defineUpdate<JobCreated>('jobCreated');

export interface EditJobRequest {
  actor: Actor;
  /** Merged into the provider's values; a key set to null clears that field (and unlocks it). */
  values?: Record<string, unknown>;
  customerName?: string | null;
  requestedStartAt?: string | null;
}
/** PENDING only. */
export const editJobUpdate = defineUpdate<JobChanged, [EditJobRequest]>('editJob');

export interface AssignJobRequest {
  actor: Actor;
  installerCompanyId: string;
}
/** PENDING → ASSIGNED, for a company whose invitation for the job's fleet is ACCEPTED. */
export const assignJobUpdate = defineUpdate<JobChanged, [AssignJobRequest]>('assignJob');

export interface ActorRequest {
  actor: Actor;
}
/** PENDING only: the job is removed from the read model and its workflow ends. */
export const deleteJobUpdate = defineUpdate<void, [ActorRequest]>('deleteJob');

/** ASSIGNED → RUNNING, by the assigned company: opens the job-scoped vehicle access. */
export const startJobUpdate = defineUpdate<JobChanged, [ActorRequest]>('startJob');

export interface CompleteStepRequest {
  actor: Actor;
  stepId: string;
  /** Values of the fields this step collects. */
  values?: Record<string, unknown>;
  /** The checklist items the installer ticked; all of the step's items are needed. */
  checklist?: string[];
  /** See PhotosNotUploaded. */
  photosNotUploaded?: PhotoNotUploaded[];
}
/** RUNNING only, steps strictly in order; runs the step's automated action first, if it has one. */
export const completeStepUpdate = defineUpdate<StepChanged, [CompleteStepRequest]>('completeStep');

export interface StepRequest {
  actor: Actor;
  stepId: string;
}
/**
 * What the installer is answered when a step's action outlives the API's wait for completeStep:
 * the step's progress, with the job on record as it stands (the step `inProgress`). Changes nothing.
 */
export const stepProgressUpdate = defineUpdate<StepChanged, [StepRequest]>('stepProgress');

export interface SaveValuesRequest {
  actor: Actor;
  /** Fields the installer fills (those a step collects), before completing their step; null clears one. */
  values: Record<string, unknown>;
  /** See PhotosNotUploaded. */
  photosNotUploaded?: PhotoNotUploaded[];
}

/**
 * The request's photo references that name no photo uploaded for the job, as the API found them in
 * the photos table: the workflow's validator refuses such a request with these beside every other
 * problem of its values, so that the installer hears them all at once.
 */
export interface PhotoNotUploaded {
  /** e.g. /values/photoOdometer, /values/photos/1 */
  pointer: string;
  field: string;
  message: string;
}
/** RUNNING only: the installer's draft of the open steps' fields, checked field by field. */
export const saveValuesUpdate = defineUpdate<JobChanged, [SaveValuesRequest]>('saveValues');

/** RUNNING → SUCCEEDED, once every step is done and every required field has a value. */
export const completeJobUpdate = defineUpdate<JobChanged, [ActorRequest]>('completeJob');

export interface FailJobRequest {
  actor: Actor;
  reason: string;
}
/** RUNNING → FAILED with the installer's explanation. */
export const failJobUpdate = defineUpdate<JobChanged, [FailJobRequest]>('failJob');

/** What an installer may ask of the vehicle, in the vocabulary of the job type's access.permissions. */
export const INSTALLER_VEHICLE_COMMANDS = ['lock', 'unlock', 'enableDriving', 'disableDriving', 'readState'] as const;
export type InstallerVehicleCommand = (typeof INSTALLER_VEHICLE_COMMANDS)[number];

export interface VehicleCommandRequest {
  actor: Actor;
  command: InstallerVehicleCommand;
  /** Which of the job's CloudBoxxes; needed only when the job has more than one (a swap). */
  qnr?: string;
}

export interface VehicleCommandResult {
  qnr: string;
  command: InstallerVehicleCommand;
  state: { centralLock?: 'locked' | 'unlocked'; drivingEnabled?: boolean; modifiedAt?: string };
}
/** RUNNING only, through the job's open access grant, if its permissions include the command. */
export const vehicleCommandUpdate = defineUpdate<VehicleCommandResult, [VehicleCommandRequest]>('vehicleCommand');

export const jobSnapshotQuery = defineQuery<JobSnapshot>('jobSnapshot');

/** What the workflow returns when it ends. */
export interface JobOutcome {
  jobId: string;
  status: 'SUCCEEDED' | 'FAILED' | 'DELETED';
  failureReason?: string;
}
