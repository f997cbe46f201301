/** When a failed delivery is tried again, and when it is given up: README "Webhooks". */
export interface WebhookRetrySchedule {
  /** Wait after the 1st, 2nd … failed attempt; the last one repeats. */
  delaysMs: readonly number[];
  /** Counted from the first attempt: no attempt is made after this long; the delivery is then failed. */
  giveUpAfterMs: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const DEFAULT_RETRY_SCHEDULE: WebhookRetrySchedule = {
  delaysMs: [5 * SECOND, 30 * SECOND, 2 * MINUTE, 10 * MINUTE, HOUR, 3 * HOUR],
  giveUpAfterMs: 72 * HOUR,
};

/**
 * After `attempts` failed attempts (the first made at `firstAttemptAt`), when the next one is due —
 * or undefined when it would fall past the give-up time, so the delivery is failed now rather
 * than kept pending for an attempt that will never be made.
 */
export function nextAttemptAt(schedule: WebhookRetrySchedule, attempts: number, firstAttemptAt: Date, now: Date): Date | undefined {
  const { delaysMs } = schedule;
  const next = new Date(now.getTime() + delaysMs[Math.min(attempts, delaysMs.length) - 1]!);
  return next.getTime() > firstAttemptAt.getTime() + schedule.giveUpAfterMs ? undefined : next;
}
