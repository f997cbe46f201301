import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';

/** The schedule's id, as the Temporal UI and `temporal schedule describe --schedule-id` show it. */
export const PHOTO_HOUSEKEEPING_SCHEDULE_ID = 'photo-housekeeping';

/**
 * The hourly photo housekeeping (workflows/photo-housekeeping.ts), made once per namespace by
 * whichever worker starts first; a schedule that exists is left as it is (an operator may have
 * paused it). Skipped while a run is still going.
 */
export async function ensurePhotoHousekeepingSchedule(client: Client, taskQueue: string): Promise<void> {
  try {
    await client.schedule.create({
      scheduleId: PHOTO_HOUSEKEEPING_SCHEDULE_ID,
      spec: { intervals: [{ every: '1 hour' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'photoHousekeepingWorkflow', // workflows/photo-housekeeping.ts
        workflowId: PHOTO_HOUSEKEEPING_SCHEDULE_ID,
        taskQueue,
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP },
      memo: { purpose: 'Removes unused photos of finished jobs, and photos past their provider’s retention (README, Photos).' },
    });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
}
