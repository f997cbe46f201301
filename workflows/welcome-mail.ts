import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { JobActivities } from '../activities';
import { MAIL_RETRY_PERIOD } from './invitation-mail';

const { userRecorded } = proxyActivities<JobActivities>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '2 minutes',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '10 seconds' },
});

const { sendWelcomeMail } = proxyActivities<JobActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: MAIL_RETRY_PERIOD,
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

/**
 * The e-mail to someone added to an organisation, started by the API before the user is
 * committed (api/welcome-mail.ts). A delivery that fails for good fails the run, which the
 * Temporal UI lists; the admin who added the user was shown a token for them, so they are not
 * locked out. The sign-in link's token is made inside the activity: it never enters the history.
 */
export async function welcomeMailWorkflow(userId: string): Promise<'sent' | 'removed' | 'never-recorded'> {
  let user;
  try {
    user = await userRecorded(userId);
  } catch (error) {
    if (error instanceof ActivityFailure) return 'never-recorded';
    throw error;
  }
  return await sendWelcomeMail(user, userId);
}
