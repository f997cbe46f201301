// ISO 8601 durations as job types write them (PT8H, P14D) turned into the milliseconds that
// Temporal timers need. Months and years are refused: they have no fixed length, and a deadline
// that silently means 28 or 31 days is a support call waiting to happen.
import { parse } from 'tinyduration';

export type DurationResult = { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly message: string };

const MS = { weeks: 604_800_000, days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1_000 } as const;
const EXAMPLES = 'e.g. PT8H, P14D, P1DT12H';

export function parseDurationMs(text: string): DurationResult {
  let duration;
  try {
    duration = parse(text);
  } catch {
    return { ok: false, message: `"${text}" is not an ISO 8601 duration (${EXAMPLES})` };
  }
  if (duration.years || duration.months) {
    return { ok: false, message: `"${text}" uses months or years, which have no fixed length; use weeks or days, e.g. P30D` };
  }
  const ms = Math.round(
    (duration.weeks ?? 0) * MS.weeks +
      (duration.days ?? 0) * MS.days +
      (duration.hours ?? 0) * MS.hours +
      (duration.minutes ?? 0) * MS.minutes +
      (duration.seconds ?? 0) * MS.seconds,
  );
  if (duration.negative || ms <= 0) return { ok: false, message: `"${text}" must be longer than zero` };
  if (!(ms <= MAX_DURATION_MS))
    return { ok: false, message: `"${text}" is longer than ten years (P3650D), the longest a job type may say` };
  return { ok: true, ms };
}

/**
 * Ten years: longer than any job's deadline or access needs to be, and short enough that a date
 * counted from now with it is one every part stores — a JavaScript Date, an ISO text of four-digit
 * years, Postgres, Temporal's timers.
 */
export const MAX_DURATION_MS = 3650 * MS.days;
