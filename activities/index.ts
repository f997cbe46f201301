import type { Db } from '../db/connection';
import type { VehicleGateway } from '../gateway/vehicle-gateway';
import type { PhotoHousekeepingSettings } from '../common/config';
import type { PhotoStore } from '../photos/store';
import { createAccessActivities } from './access';
import { createMailActivities, type MailDependencies } from './mail';
import { createPhotoHousekeepingActivities } from './photo-housekeeping';
import { createReadModelActivities } from './read-model';
import { createTenancyActivities } from './tenancy';
import { createVehicleActionActivities } from './vehicle-actions';

export interface ActivityDependencies {
  db: Db;
  /** The CloudBoxx gateway: OneAPI, or the simulator that speaks it. */
  gateway: VehicleGateway;
  /** Where photos are kept and when they go; without it, photo housekeeping removes nothing. */
  photos?: { store: PhotoStore; housekeeping: PhotoHousekeepingSettings };
  /** How e-mail is sent (activities/mail.ts); without it, every e-mail fails at once, visibly. */
  mail?: MailDependencies;
}

/** Every activity the job worker registers; workflows see only this type, never the code. */
export function createActivities(deps: ActivityDependencies) {
  return {
    ...createReadModelActivities(deps.db),
    ...createAccessActivities(deps.db),
    ...createTenancyActivities(deps.db),
    ...createVehicleActionActivities(deps.gateway, deps.db),
    ...createPhotoHousekeepingActivities(deps.db, deps.photos),
    ...createMailActivities(deps.db, deps.mail),
  };
}

export type JobActivities = ReturnType<typeof createActivities>;
