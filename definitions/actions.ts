// The automated step actions the engine knows. The schema's StepAction enum lists the names (so an
// unknown action is a load error); this table adds what each needs, and its Record type makes
// tsc refuse a new name in the schema until it is described here.
import type { Permission, StepAction } from './job-type.generated';

export interface StepActionInfo {
  readonly summary: string;
  /** Vehicle access the action uses; the job type's access policy must grant all of it. */
  readonly permissions: readonly Permission[];
}

export const STEP_ACTIONS: Readonly<Record<StepAction, StepActionInfo>> = {
  'cloudboxx.applyConfiguration': {
    summary: 'apply the CloudBoxx configuration rendered from the job values',
    permissions: ['configure'],
  },
  'cloudboxx.verifyLockUnlock': {
    summary: 'lock and unlock the vehicle and check the reported lock state',
    permissions: ['lock', 'unlock'],
  },
  'cloudboxx.readVehicleState': {
    summary: 'read the vehicle state (odometer, lock, ignition) from the CloudBoxx',
    permissions: ['readState'],
  },
};

export const STEP_ACTION_NAMES = Object.keys(STEP_ACTIONS) as StepAction[];

/** How long a step's action waits for the CloudBoxx unless the step says otherwise (actionTimeout). */
export const DEFAULT_ACTION_TIMEOUT = 'PT2M';
/** The bounds of actionTimeout: a box needs a few seconds even when all is well, and an installer should not wait for it beyond an hour. */
export const ACTION_TIMEOUT_BOUNDS = { min: 'PT5S', minMs: 5_000, max: 'PT1H', maxMs: 3_600_000 } as const;

/** The action that reads the vehicle's state, the only one that may fill fields from it. */
export const READ_VEHICLE_STATE: StepAction = 'cloudboxx.readVehicleState';
