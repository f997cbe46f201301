import { proxyActivities } from '@temporalio/workflow';
import type { JobActivities } from '../activities';

const { removePhotos } = proxyActivities<JobActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '5 minutes', maximumAttempts: 5 },
});

/** What one run removed. */
export interface PhotoHousekeepingResult {
  unused: number;
  pastRetention: number;
}

/**
 * Started by the `photo-housekeeping` schedule (temporal/schedules.ts), hourly: removes the photos
 * no field of their finished job holds, then those past their provider's retention — in the
 * cluster, not in a cron on one machine, so it runs once however many workers there are.
 */
export async function photoHousekeepingWorkflow(): Promise<PhotoHousekeepingResult> {
  const unused = await removePhotos('unused');
  const pastRetention = await removePhotos('retention');
  return { unused, pastRetention };
}
