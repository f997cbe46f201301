import Router from '@koa/router';
import { latestProviderVersions } from '../../db/job-types';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import type { FromSchema } from 'json-schema-to-ts';
import type { ParsedUrlQuery } from 'node:querystring';
import { InputError, type FieldProblem } from '../../common/errors';
import type { JobStatus } from '../../common/job';
import { dateTimeProblem, textProblem } from '../../common/storable';
import type { Db } from '../../db/connection';
import { isJobKey, searchJobs, searchTerms, type JobKey, type JobSearch, type TimeRange } from '../../db/job-search';
import type { JobTypeCatalog } from '../../definitions/catalog';
import type { AuthState } from '../auth';
import { parseQuery } from '../validate';
import { jobColumns, jobProperties, toJobResource } from './job-resource';
import { DATE_PARAMETERS, JOB_SORTS, LIST_PARAMETERS, jobListQuery, type JobField, type JobSort, type jobListPage } from './list-schema';

export interface JobListRouterDeps {
  db: Db;
  jobTypes: JobTypeCatalog;
}

const DEFAULT_ORDER: Record<JobSort, 'asc' | 'desc'> = {
  createdAt: 'desc',
  updatedAt: 'desc',
  requestedStartAt: 'asc',
  finishedAt: 'desc',
  status: 'asc',
};

/**
 * GET /v1/jobs: the jobs the caller may see — a provider its own, an installer company those
 * assigned to it — filtered, searched, sorted, a page at a time: `{ items, nextCursor }`.
 */
export function jobListRouter(deps: JobListRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/jobs' });

  router.get('/', async (ctx) => {
    const query = parseListQuery(ctx.query);
    const { principal } = ctx.state;
    const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (
      cursor &&
      ((ctx.query.sort !== undefined && cursor.sort !== query.sort) || (query.order !== undefined && cursor.order !== query.order))
    ) {
      throw new InputError('The cursor belongs to a list in another order.', [
        {
          pointer: '/cursor',
          message: `was issued for sort=${cursor.sort}&order=${cursor.order}; send that order, or leave out the cursor to start again`,
          rule: 'cursor',
        },
      ]);
    }
    const sort = cursor?.sort ?? query.sort ?? defaultSort(query);
    const order = cursor?.order ?? query.order ?? DEFAULT_ORDER[sort];
    const fields: readonly JobField[] | undefined = query.fields;

    const search: JobSearch = {
      scope:
        principal.organisationKind === 'provider'
          ? { providerId: principal.organisationId, customers: principal.customers }
          : { installerCompanyId: principal.organisationId },
      statuses: query.status as JobStatus[] | undefined,
      jobTypeIds: query.jobTypeId,
      fleetIds: query.fleetId,
      installerCompanyIds: query.installerCompanyId,
      customer: query.customer,
      created: range(query.createdFrom, query.createdTo, 'created'),
      requestedStart: range(query.requestedStartFrom, query.requestedStartTo, 'requestedStart'),
      finished: range(query.finishedFrom, query.finishedTo, 'finished'),
      words: searchWords(query.q, [
        ...deps.jobTypes.list(),
        ...(query.q && principal.organisationKind === 'provider' ? await ownJobTypes(deps.db, principal.organisationId) : []),
      ]),
      sort,
      direction: order,
      after: cursor?.after,
      limit: query.limit,
      columns: fields && jobColumns(fields),
    };
    const page = await searchJobs(deps.db, search);
    const answer: FromSchema<typeof jobListPage> = {
      items: page.rows.map((row) => (fields ? jobProperties(row, fields) : toJobResource(row))),
      nextCursor: page.nextKey ? encodeCursor({ sort, order, after: page.nextKey }) : null,
    };
    ctx.body = answer;
  });

  return router;
}

/** A query string has only strings: lists and plain dates are made so here (numbers by parseQuery), everything else is left for the schema to judge. */
function parseListQuery(raw: ParsedUrlQuery) {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if ((LIST_PARAMETERS as readonly string[]).includes(name)) {
      input[name] = [value]
        .flat()
        .flatMap((item) => item.split(','))
        .map((item) => item.trim());
    } else if ((DATE_PARAMETERS as readonly string[]).includes(name) && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      // A plain date is that whole UTC day; timestamps are stored to the microsecond.
      input[name] = name.endsWith('From') ? `${value}T00:00:00.000000Z` : `${value}T23:59:59.999999Z`;
    } else {
      input[name] = value;
    }
  }
  return parseQuery(jobListQuery, input);
}

/**
 * A list filtered to a date range is read in that date's order unless another is asked for: "jobs
 * finished in March" are wanted by finish date, and that order is one index range scan where
 * newest-created first would sort every job of the range (a range a year back, at a million jobs).
 */
function defaultSort(query: {
  createdFrom?: string;
  createdTo?: string;
  finishedFrom?: string;
  finishedTo?: string;
  requestedStartFrom?: string;
  requestedStartTo?: string;
}): JobSort {
  if (query.createdFrom ?? query.createdTo) return 'createdAt';
  if (query.finishedFrom ?? query.finishedTo) return 'finishedAt';
  if (query.requestedStartFrom ?? query.requestedStartTo) return 'requestedStartAt';
  return 'createdAt';
}

function range(from: string | undefined, to: string | undefined, name: string): TimeRange | undefined {
  if (from === undefined && to === undefined) return undefined;
  if (from !== undefined && to !== undefined && Date.parse(to) < Date.parse(from)) {
    throw new InputError('The query parameters are not valid.', [
      { pointer: `/${name}To`, message: `is before ${name}From`, rule: 'range' },
    ]);
  }
  return { from, to };
}

/** A provider's own job types, for searching their titles. */
async function ownJobTypes(db: Db, providerId: string): Promise<CompiledJobType[]> {
  return (await latestProviderVersions(db, providerId)).map((version) => version.definition);
}

/** Terms of `q`, each with the job types whose title contains it: the title is in the YAML, not in the row. */
function searchWords(q: string | undefined, types: readonly CompiledJobType[]): JobSearch['words'] {
  return searchTerms(q ?? '').map((text) => ({
    text,
    jobTypeIds: types.filter((type) => type.title.toLocaleLowerCase().includes(text)).map((type) => type.id),
  }));
}

// ── The cursor: opaque to clients (base64url JSON), checked on the way back in ─────────────────

interface Cursor {
  sort: JobSort;
  order: 'asc' | 'desc';
  after: JobKey;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.after])).toString('base64url');
}

function decodeCursor(token: string): Cursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 3) {
    const [sort, order, after] = decoded as [unknown, unknown, unknown];
    if (
      (JOB_SORTS as readonly unknown[]).includes(sort) &&
      (order === 'asc' || order === 'desc') &&
      isJobKey(sort as JobSort, after) &&
      after.every(isStorableKeyPart)
    ) {
      return { sort: sort as JobSort, order, after };
    }
  }
  const problem: FieldProblem = {
    pointer: '/cursor',
    message: 'is not a cursor from this API: send the nextCursor of the previous page as it was',
    rule: 'cursor',
  };
  throw new InputError('The query parameters are not valid.', [problem]);
}

/** A cursor is client input bound into the query: its ids and times are held to what Postgres can store, like every other parameter. */
function isStorableKeyPart(part: unknown): boolean {
  if (typeof part !== 'string') return true;
  // A page's key reads times as 2026-11-23T14:30:00.000000Z; ids never start with a year.
  return /^\d{4}-/.test(part) ? dateTimeProblem(part) === undefined : textProblem(part) === undefined;
}
