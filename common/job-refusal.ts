import { ApplicationFailure } from '@temporalio/common';
import type { FieldProblem } from './errors';

/**
 * Why the job workflow refused a change. Thrown from update validators and handlers as a
 * non-retryable ApplicationFailure whose `type` is `JobRefused.<reason>`, so the API maps it by
 * reason (api/jobs/refusals.ts) and an operator reads it in the Temporal UI.
 */
export const REFUSAL_REASONS = [
  /** The job's status does not allow this (edit after assignment, start before it). */
  'wrongStatus',
  /** The caller is not the provider or the assigned installer company of this job. */
  'notYourJob',
  /** Values break the job type's rules (pattern, type, unknown field, preset forbidden …). */
  'invalidValues',
  /** The installer tried to change a value the provider set. */
  'lockedField',
  /** A step completed before an earlier one, twice, or one that does not apply to this job. */
  'stepOutOfOrder',
  /** A step id the job's type does not have at all. */
  'unknownStep',
  /** A step's checklist is not ticked off completely. */
  'checklistIncomplete',
  /** An item ticked for a step that its checklist does not have. */
  'unknownChecklistItem',
  /** The job cannot succeed while required fields are blank or steps are open. */
  'incomplete',
  /** Failing a job needs the installer's explanation. */
  'reasonRequired',
  /** The installer company has no ACCEPTED invitation for the job's fleet. */
  'companyNotInvited',
  /** A step's automated action could not be carried out (the vehicle refused, it is not found …). */
  'actionFailed',
  /** The job's vehicle access is closed, expired, or does not include this command. */
  'accessDenied',
  /** The job does not know its CloudBoxx yet (no QNR from the provider or a step). */
  'vehicleUnknown',
  /** The box's vehicle in OneAPI is not the job's vehicle (another VIN). */
  'vehicleMismatch',
  /** The vehicle's model cannot do what the action needs (OneAPI capabilities). */
  'capabilityMissing',
  /** The read model refused to store the change (a value Postgres cannot hold); the job went on without it. */
  'notStored',
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface JobRefusal {
  reason: RefusalReason;
  message: string;
  problems: FieldProblem[];
}

const TYPE_PREFIX = 'JobRefused.';

export function refusal(reason: RefusalReason, message: string, problems: FieldProblem[] = []): ApplicationFailure {
  return ApplicationFailure.create({ type: `${TYPE_PREFIX}${reason}`, message, details: [{ reason, problems }], nonRetryable: true });
}

/** The refusal inside an error from an update or activity, however deeply the SDK wrapped it. */
export function findRefusal(error: unknown): JobRefusal | undefined {
  for (let current = error; current instanceof Error; current = (current as Error).cause) {
    if (current instanceof ApplicationFailure && current.type?.startsWith(TYPE_PREFIX)) {
      const [details] = (current.details ?? []) as Array<{ reason: RefusalReason; problems?: FieldProblem[] }>;
      return {
        reason: details?.reason ?? (current.type.slice(TYPE_PREFIX.length) as RefusalReason),
        message: current.message,
        problems: details?.problems ?? [],
      };
    }
  }
  return undefined;
}
