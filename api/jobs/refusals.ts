import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, type DomainError } from '../../common/errors';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { findRefusal, type RefusalReason } from '../../common/job-refusal';

const ERROR_BY_REASON: Record<
  RefusalReason,
  new (message: string, details: never[], options: { type: string; cause: unknown }) => DomainError
> = {
  wrongStatus: ConflictError,
  stepOutOfOrder: ConflictError,
  unknownStep: NotFoundError,
  notYourJob: NotFoundError,
  invalidValues: RuleViolationError,
  lockedField: RuleViolationError,
  checklistIncomplete: RuleViolationError,
  unknownChecklistItem: RuleViolationError,
  incomplete: RuleViolationError,
  reasonRequired: RuleViolationError,
  companyNotInvited: RuleViolationError,
  actionFailed: RuleViolationError,
  accessDenied: ForbiddenError,
  vehicleUnknown: ConflictError,
  vehicleMismatch: RuleViolationError,
  capabilityMissing: RuleViolationError,
  notStored: RuleViolationError,
};

/** `lockedField` → `locked-field`: the problem `type` a portal switches on. */
function problemType(reason: RefusalReason): string {
  return reason.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * Sends a change to the job workflow and turns its refusal into the fitting HTTP problem:
 * 409 for the wrong status or step order, 404 for someone else's job or a step it does not have,
 * 403 when the vehicle access does not allow it, 422 for a broken rule.
 */
export async function refusalsAsProblems<T>(job: { id: string; status: string }, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    // A finished job's workflow has closed: nothing can change it any more.
    if (error instanceof WorkflowNotFoundError) {
      throw new ConflictError(
        `Job ${job.id} is ${job.status} and can no longer be changed.`,
        [{ pointer: '/status', message: `is ${job.status}`, rule: 'status' }],
        { type: 'wrong-status', cause: error },
      );
    }
    // An operator cancelled the run while the change was handled (both in one workflow task, say after
    // a worker's restart): the handler ends with the run's cancellation, which is no fault of ours.
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof CancelledFailure) {
      throw new ConflictError(
        `Job ${job.id} was cancelled by an operator while this change was handled: the job ends there (FAILED, unless it had ended already), and its vehicle is secured. The job and its events show whether this change took effect first; a vehicle command may have reached the vehicle.`,
        [{ pointer: '/status', message: 'cancelled by an operator', rule: 'status' }],
        { type: 'wrong-status', cause: error },
      );
    }
    const refusal = findRefusal(error);
    if (!refusal) throw error;
    const ErrorClass = ERROR_BY_REASON[refusal.reason];
    throw new ErrorClass(refusal.message, refusal.problems as never[], { type: problemType(refusal.reason), cause: error });
  }
}
