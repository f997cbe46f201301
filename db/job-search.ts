import type { Knex } from 'knex';
import { tidyName } from '../common/customer-names';
import { JOB_STATUSES, type JobStatus } from '../common/job';
import type { Db } from './connection';
import { JOB_ROW_COLUMNS, type JobRow } from './job-table';

/**
 * Lists and searches the job read model, a page at a time, by keyset: a page starts after the
 * sort key of the last row of the previous one, so reading page 10,000 costs what page 1 costs and
 * a job inserted meanwhile neither repeats nor hides a row. Every order ends in `id`, which makes
 * the key unique. The indexes serving these queries are in migrations/20261123170000_job_search.ts
 * and migrations/20261123190000_job_list_indexes.ts.
 */

export type JobListSort = 'createdAt' | 'updatedAt' | 'requestedStartAt' | 'finishedAt' | 'status';

/**
 * Where a page ends: the values of the sort's key columns in the last row (timestamps as UTC
 * text with microseconds, exactly as stored). `null` is a job without a requested start.
 */
export type JobKey = ReadonlyArray<string | number | null>;

/** Inclusive bounds, as RFC 3339 date-times. */
export interface TimeRange {
  from?: string;
  to?: string;
}

export interface JobSearch {
  /** Whose jobs: a provider's own, or the ones assigned to an installer company. */
  scope: { providerId: string; customers?: readonly string[] } | { installerCompanyId: string };
  statuses?: readonly JobStatus[];
  jobTypeIds?: readonly string[];
  fleetIds?: readonly string[];
  installerCompanyIds?: readonly string[];
  /** The customer's whole name, tidied (common/customer-names.ts) and compared case-insensitively. */
  customer?: string;
  created?: TimeRange;
  requestedStart?: TimeRange;
  finished?: TimeRange;
  /**
   * Every word must be found: as a substring of the job's search text (id, customer, job type id,
   * step titles, address texts), or the job is of one of `jobTypeIds` — the types whose title the
   * caller found the word in (titles live in the YAML, not in the row).
   */
  words?: ReadonlyArray<{ text: string; jobTypeIds: readonly string[] }>;
  sort: JobListSort;
  direction: 'asc' | 'desc';
  /** The key of the last row of the previous page; absent for the first page. */
  after?: JobKey;
  limit: number;
  /** The columns the caller needs; always with `id`. Default: all of JobRow. */
  columns?: ReadonlyArray<keyof JobRow>;
}

export interface JobPage {
  rows: JobRow[];
  /** Key of the page's last row when more rows follow, else null. */
  nextKey: JobKey | null;
}

/** One column of a sort key: what to order by (matching an index expression), how to read it back, how to bind it. */
interface KeyPart {
  order: string;
  read: string;
  bind: string;
  valid(value: unknown): boolean;
}

const utcText = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const isUtcText = (value: unknown): boolean =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(value) && isRealInstant(value);
const isRealInstant = (text: string) => {
  const date = new Date(`${text.slice(0, 23)}Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 23) === text.slice(0, 23);
};
const timestamp = (column: string): KeyPart => ({ order: column, read: utcText(column), bind: '?::timestamptz', valid: isUtcText });
const ID: KeyPart = {
  order: 'jobs.id',
  read: 'jobs.id',
  bind: '?',
  valid: (v) => typeof v === 'string' && v.length > 0 && v.length <= 100,
};

const FINISHED_KEY = `coalesce(jobs.finished_at, '-infinity'::timestamptz)`;

const KEYS: Record<JobListSort, readonly KeyPart[]> = {
  createdAt: [timestamp('jobs.created_at'), ID],
  updatedAt: [timestamp('jobs.updated_at'), ID],
  // A job without a requested start sorts as the latest; the expression is the index's.
  requestedStartAt: [
    {
      order: `coalesce(jobs.requested_start_at, 'infinity'::timestamptz)`,
      read: utcText('jobs.requested_start_at'),
      bind: `coalesce(?::timestamptz, 'infinity'::timestamptz)`,
      valid: (v) => v === null || isUtcText(v),
    },
    ID,
  ],
  // A job not finished yet sorts as the earliest, so the newest first shows the finished ones first.
  finishedAt: [
    {
      order: FINISHED_KEY,
      read: utcText('jobs.finished_at'),
      bind: `coalesce(?::timestamptz, '-infinity'::timestamptz)`,
      valid: (v) => v === null || isUtcText(v),
    },
    ID,
  ],
  status: [
    {
      order: 'jobs.status_rank',
      read: 'jobs.status_rank',
      bind: '?::smallint',
      valid: (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < JOB_STATUSES.length,
    },
    timestamp('jobs.created_at'),
    ID,
  ],
};

/** True when `key` could have come from a page of this sort (a cursor is client input). */
export function isJobKey(sort: JobListSort, key: unknown): key is JobKey {
  const parts = KEYS[sort];
  return Array.isArray(key) && key.length === parts.length && parts.every((part, i) => part.valid(key[i]));
}

/**
 * The terms of a search box entry, each to be found as a substring. A word shorter than three
 * characters has no trigram, so the index cannot look for it alone — Postgres would read the whole
 * index — and on its own it matches almost everything anyway: it is searched together with its
 * neighbour, as typed ("Am Markt 71" is one term). Only a search of nothing but short words
 * searches a short term alone.
 */
export function searchTerms(q: string): string[] {
  const terms: string[] = [];
  let leading = '';
  for (const word of q.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean)) {
    if (word.length < 3 && terms.length > 0) terms[terms.length - 1] += ` ${word}`;
    else if (word.length < 3) leading = leading ? `${leading} ${word}` : word;
    else {
      terms.push(leading ? `${leading} ${word}` : word);
      leading = '';
    }
  }
  if (leading) terms.push(leading);
  return [...new Set(terms)];
}

/**
 * Whether pg_trgm finds a trigram in `%term%`, by its rule for LIKE patterns: each word (a run of
 * letters and digits) is padded with two blanks in front if something other than a letter or digit
 * precedes it inside the term, and one behind if such a character follows; a padded word of three
 * characters or more has a trigram. "71" alone has none; "71," has "71 ", "am markt" has several.
 */
export function hasTrigram(term: string): boolean {
  for (const match of term.matchAll(/[\p{L}\p{N}]+/gu)) {
    const start = match.index;
    const end = start + match[0].length;
    const padded = (start > 0 ? 2 : 0) + [...match[0]].length + (end < term.length ? 1 : 0);
    if (padded >= 3) return true;
  }
  return false;
}

/** `status_rank` in the database: the lifecycle order. */
const statusRank = (status: JobStatus) => JOB_STATUSES.indexOf(status);

/** The page's query, without running it (the bench EXPLAINs it). Asks for one row more than the limit. */
export function jobSearchQuery(db: Db, search: JobSearch): Knex.QueryBuilder {
  const parts = KEYS[search.sort];
  const columns = search.columns ? [...new Set<keyof JobRow>(['id', ...search.columns])] : JOB_ROW_COLUMNS;
  const query = db('jobs').select(columns.map((column) => `jobs.${column}`));
  parts.forEach((part, i) => query.select(db.raw(`${part.read} as ??`, [`_key${i}`])));

  if ('providerId' in search.scope) {
    query.where('jobs.provider_id', search.scope.providerId);
    const { customers } = search.scope;
    // Case aside, as everywhere a customer-limited user's customers apply (common/customer-names.ts),
    // and on what the (provider, lower(customer_name), created_at) index is on: a dispatcher's list
    // reads only their customers' jobs, however few they have. Names are tidied where they enter; one
    // stored with stray blanks before that is not found here (tidying the column would leave the index).
    if (customers) {
      const names = [...new Set(customers.map(tidyName))];
      if (names.length === 0) query.whereRaw('false');
      else query.whereRaw(`lower(jobs.customer_name) in (${names.map(() => 'lower(?)').join(', ')})`, names);
    }
  } else query.where('jobs.installer_company_id', search.scope.installerCompanyId);

  const ranks = (search.statuses ?? []).map(statusRank);
  // One status is an equality, which the (tenant, status_rank, created_at, id) index serves in order.
  if (ranks.length === 1) query.where('jobs.status_rank', ranks[0]!);
  else if (ranks.length > 1) query.whereIn('jobs.status_rank', ranks);
  if (search.jobTypeIds?.length) query.whereIn('jobs.job_type_id', [...search.jobTypeIds]);
  if (search.fleetIds?.length) query.whereIn('jobs.fleet_id', [...search.fleetIds]);
  if (search.installerCompanyIds?.length) query.whereIn('jobs.installer_company_id', [...search.installerCompanyIds]);
  if (search.customer !== undefined) query.whereRaw('lower(jobs.customer_name) = lower(?)', [tidyName(search.customer)]);
  within(query, 'jobs.created_at', search.created);
  // On the sort key's expression, which the requested-start indexes are on; a job without a
  // requested start has the key infinity and is in no range.
  const requestedStartKey = KEYS.requestedStartAt[0]!.order;
  within(query, requestedStartKey, search.requestedStart);
  if (search.requestedStart?.from !== undefined && search.requestedStart.to === undefined)
    query.whereRaw(`${requestedStartKey} < 'infinity'::timestamptz`);
  // On the finishedAt sort key's expression too, which its indexes are on; an open job is at -infinity.
  within(query, FINISHED_KEY, search.finished);
  if (search.finished?.to !== undefined && search.finished.from === undefined) query.whereRaw(`${FINISHED_KEY} > '-infinity'::timestamptz`);

  for (const word of search.words ?? []) {
    const pattern = `%${escapeLike(word.text)}%`;
    // A term without three letters or digits in a row has no trigram: the trigram index would read
    // itself whole (seconds at a million jobs) to rule nothing out. Matched on an expression the
    // index is not on, the term filters the page's own index walk instead, which ends as soon as
    // the page is full: such a term matches many jobs.
    const column = hasTrigram(word.text) ? 'jobs.search_text' : "(jobs.search_text || '')";
    query.where((either) => {
      either.whereRaw(`${column} ilike ?`, [pattern]);
      if (word.jobTypeIds.length > 0) either.orWhereIn('jobs.job_type_id', [...word.jobTypeIds]);
    });
  }

  const comparison = search.direction === 'asc' ? '>' : '<';
  if (search.after) {
    query.whereRaw(`(${parts.map((p) => p.order).join(', ')}) ${comparison} (${parts.map((p) => p.bind).join(', ')})`, [...search.after]);
  }
  query.orderByRaw(parts.map((p) => `${p.order} ${search.direction}`).join(', '));
  return query.limit(search.limit + 1);
}

export async function searchJobs(db: Db, search: JobSearch): Promise<JobPage> {
  const found: Array<JobRow & Record<string, unknown>> = await jobSearchQuery(db, search);
  const keyNames = KEYS[search.sort].map((_, i) => `_key${i}`);
  const more = found.length > search.limit;
  const rows = found.slice(0, search.limit);
  const last = rows.at(-1);
  const nextKey = more && last ? keyNames.map((name) => last[name] as string | number | null) : null;
  for (const row of rows) for (const name of keyNames) delete row[name];
  return { rows, nextKey };
}

function within(query: Knex.QueryBuilder, column: string, range: TimeRange | undefined): void {
  if (range?.from !== undefined) query.whereRaw(`${column} >= ?::timestamptz`, [range.from]);
  if (range?.to !== undefined) query.whereRaw(`${column} <= ?::timestamptz`, [range.to]);
}

/** A word is searched for literally: LIKE's wildcards and escape character lose their meaning. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
