/**
 * What can be stored: the one rule every string and date the API accepts is held to, in bodies,
 * job values, queries, path ids and cursors. Postgres refuses a NUL in `text` and `jsonb`, a lone
 * surrogate in `jsonb` (and silently mangles it in `text`), and a year 0000 or a zone offset past
 * ±15:59; JavaScript's Date refuses an offset without minutes and a leap second. A value that got
 * past the API and was refused later would jam the job that carries it, so it is refused up front.
 *
 * Pure and free of Node built-ins: the workflow sandbox imports it too. Each check answers the
 * problem as a phrase to follow the value's name ("must not contain …"), or undefined when fine.
 */
import { jsonPointer } from './errors';

export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;
/** The widest zone offset in use (Kiribati, UTC+14:00); the same bound both ways. */
export const MAX_OFFSET_MINUTES = 14 * 60;

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why Postgres cannot store `text` as text, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return `must not contain the NUL character (U+0000), found at position ${nul}`;
  const lone = LONE_SURROGATE.exec(text);
  if (lone) {
    const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `must be valid Unicode: it has a lone surrogate (U+${code}) at position ${lone.index}, half of a character without its other half`;
  }
  return undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// RFC 3339: the offset with its colon, as Date reads it; at most nanoseconds, as Postgres reads them.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const DATE_EXAMPLE = 'a date like 2026-11-23';
const DATE_TIME_EXAMPLE = 'a date and time with time zone, like 2026-11-23T14:30:00Z';

/** Why `text` is not a storable date (YYYY-MM-DD, a real one, in 1900–9999), or undefined when it is. */
export function dateProblem(text: string): string | undefined {
  const match = DATE.exec(text);
  if (!match) return `must be ${DATE_EXAMPLE}`;
  return calendarProblem(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * Why `text` is not a storable date-time (RFC 3339 with a zone: Z or ±HH:MM up to ±14:00; a real
 * date in 1900–9999, also in UTC), or undefined when it is.
 */
export function dateTimeProblem(text: string): string | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return `must be ${DATE_TIME_EXAMPLE}`;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const calendar = calendarProblem(year, month, day);
  if (calendar) return calendar;
  if (hour > 23 || minute > 59 || second > 59)
    return `must be a real time of day: ${text.slice(11, 19)} is not one (hours 00–23, minutes and seconds 00–59)`;
  if (match[8] !== undefined) {
    const offsetHours = Number(match[9]);
    const offsetMinutes = Number(match[10]);
    if (offsetMinutes > 59 || offsetHours * 60 + offsetMinutes > MAX_OFFSET_MINUTES) {
      return `must have a time zone offset between -14:00 and +14:00, not ${match[8]}${match[9]}:${match[10]}`;
    }
  }
  // The offset may carry a date at the edge of the range over it (9999-12-31T23:00:00-14:00).
  const instant = Date.parse(text.replace(' ', 'T'));
  if (!Number.isFinite(instant)) return `must be ${DATE_TIME_EXAMPLE}`;
  const utcYear = new Date(instant).getUTCFullYear();
  if (utcYear < MIN_YEAR || utcYear > MAX_YEAR)
    return `must lie between ${MIN_YEAR}-01-01T00:00:00Z and ${MAX_YEAR}-12-31T23:59:59Z also in UTC`;
  return undefined;
}

function calendarProblem(year: number, month: number, day: number): string | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR)
    return `must have a year between ${MIN_YEAR} and ${MAX_YEAR}, not ${String(year).padStart(4, '0')}`;
  if (month < 1 || month > 12) return `must be a real date: there is no month ${String(month).padStart(2, '0')}`;
  if (day < 1 || day > daysIn(year, month))
    return `must be a real date: ${year}-${String(month).padStart(2, '0')} has no day ${String(day).padStart(2, '0')}`;
  return undefined;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export interface UnstorableString {
  /** JSON pointer to the string, or to the property whose name is the string. */
  pointer: string;
  message: string;
}

/** More than this many is noise: a body of 256 kB could otherwise be answered with megabytes. */
const MAX_REPORTED = 50;

/**
 * Every string in a JSON value that Postgres cannot store, values and property names alike, each
 * with its JSON pointer under `pointer` (at most 50). Walks without recursion: a body may nest
 * deeper than the call stack.
 */
export function unstorableStrings(value: unknown, pointer = ''): UnstorableString[] {
  const found: UnstorableString[] = [];
  const pending: Array<{ node: unknown; at: string }> = [{ node: value, at: pointer }];
  while (pending.length > 0 && found.length < MAX_REPORTED) {
    const { node, at } = pending.pop()!;
    if (typeof node === 'string') {
      const problem = textProblem(node);
      if (problem) found.push({ pointer: at, message: problem });
    } else if (node instanceof NameProblem) {
      found.push({ pointer: at, message: `has a name that ${node.problem}` });
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i -= 1) pending.push({ node: node[i], at: `${at}${jsonPointer(i)}` });
    } else if (node !== null && typeof node === 'object') {
      const entries = Object.entries(node);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        const childAt = `${at}${jsonPointer(key)}`;
        const problem = textProblem(key);
        // A name that cannot be stored is reported; what is under it does not matter then.
        pending.push({ node: problem ? new NameProblem(problem) : child, at: childAt });
      }
    }
  }
  return found;
}

class NameProblem {
  constructor(readonly problem: string) {}
}
