/**
 * Query parameters and answer of GET /v1/jobs: validation, TypeScript types and API docs all come from these.
 * A query string has only strings; list-router.ts turns `limit` into a number and a list parameter
 * (`status=FAILED,RUNNING` or `status=FAILED&status=RUNNING`) into an array before checking it here.
 */
import { JOB_STATUSES } from '../../common/job';
import { jobResource } from './schema';

/** The properties of a job (the response schema jobResource) that `fields` may pick: all of them. */
export const JOB_FIELDS = Object.keys(jobResource.properties) as Array<keyof typeof jobResource.properties>;
export type JobField = (typeof JOB_FIELDS)[number];

export const JOB_SORTS = ['createdAt', 'updatedAt', 'requestedStartAt', 'finishedAt', 'status'] as const;
export type JobSort = (typeof JOB_SORTS)[number];

/** Parameters that take one value or several (repeated, or separated by commas). */
export const LIST_PARAMETERS = ['status', 'jobTypeId', 'fleetId', 'installerCompanyId', 'fields'] as const;
/** Date parameters: a date-time, or a plain date meaning that whole UTC day. */
export const DATE_PARAMETERS = [
  'createdFrom',
  'createdTo',
  'requestedStartFrom',
  'requestedStartTo',
  'finishedFrom',
  'finishedTo',
] as const;

/** A cursor's characters: base64url without padding (list-router.ts encodes its position so). */
export const CURSOR_PATTERN = '^[A-Za-z0-9_-]+$';

const dateTime = (description: string) =>
  ({
    type: 'string',
    format: 'date-time',
    description: `${description} An RFC 3339 date-time, or a date (YYYY-MM-DD): as a From, the start of that UTC day; as a To, its end. Both bounds are inclusive. Years 1900-9999, zone offsets up to ±14:00.`,
  }) as const;

export const jobListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'array', minItems: 1, items: { enum: JOB_STATUSES }, description: 'Only jobs in one of these statuses.' },
    jobTypeId: {
      type: 'array',
      minItems: 1,
      // A value may name several, separated by commas ("a,b"), none of them blank.
      items: { type: 'string', pattern: '^\\s*[^,\\s\\u0000][^,\\u0000]*(,\\s*[^,\\s\\u0000][^,\\u0000]*)*$' },
      description: 'Only jobs of one of these job types.',
    },
    fleetId: { type: 'array', minItems: 1, items: { type: 'string', format: 'uuid' }, description: 'Only jobs in one of these fleets.' },
    installerCompanyId: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', format: 'uuid' },
      description: 'Only jobs assigned to one of these installer companies.',
    },
    customer: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description:
        'Only jobs for this customer: the whole name, case-insensitive, without regard to blanks at either end or doubled inside (names are kept tidy as they enter).',
    },
    createdFrom: dateTime('Created at or after.'),
    createdTo: dateTime('Created at or before.'),
    requestedStartFrom: dateTime('Requested to start at or after.'),
    requestedStartTo: dateTime('Requested to start at or before.'),
    finishedFrom: dateTime('Finished (SUCCEEDED or FAILED) at or after.'),
    finishedTo: dateTime('Finished (SUCCEEDED or FAILED) at or before.'),
    q: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description:
        'Search: every word must appear, case-insensitively and anywhere (so a prefix or part of it will do), in the job id, customer name, an address, the job type (id or title), a step title, or the value of a field its job type marks searchable (e.g. a VIN or licence plate). A word of one or two characters is searched together with its neighbour, as typed ("Am Markt 7").',
    },
    sort: {
      enum: JOB_SORTS,
      description:
        'Order of the list; status sorts in lifecycle order (PENDING … SUCCEEDED, FAILED), then by creation. Default: the date of a range filter, if any (createdAt, else finishedAt, else requestedStartAt), else createdAt.',
    },
    order: {
      enum: ['asc', 'desc'],
      description:
        'Default: desc (newest first) for createdAt, updatedAt and finishedAt (open jobs last); asc for requestedStartAt (soonest first; jobs without one last) and status.',
    },
    limit: { type: 'integer', minimum: 1, maximum: 200, default: 50, description: 'Jobs per page.' },
    cursor: {
      type: 'string',
      minLength: 1,
      maxLength: 1000,
      // What every cursor is made of (base64url, no padding); only the API's own make sense inside.
      pattern: CURSOR_PATTERN,
      description:
        'The nextCursor of the previous page, to read on; send the same filters and order. Opaque (base64url): only a cursor this API gave out is taken, as it was; anything else, or one sent with another sort or order, answers 400. A cursor stays valid while jobs are added.',
    },
    fields: {
      type: 'array',
      minItems: 1,
      items: { enum: JOB_FIELDS },
      description: 'Only these properties of each job (id is always there). Default: all.',
    },
  },
} as const;

/** A job of the list: all its properties, or with `fields` only id and those. */
export const jobListItem = {
  ...jobResource,
  required: ['id'],
  description: 'A job as GET /v1/jobs/{id} shows it; with fields, only id and the properties named there.',
} as const;

export const jobListPage = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'nextCursor'],
  description: 'One page of the jobs you may see.',
  properties: {
    items: { type: 'array', items: jobListItem },
    nextCursor: {
      type: ['string', 'null'],
      pattern: CURSOR_PATTERN,
      description: 'Send as cursor, with the same filters, for the next page; null on the last page.',
    },
  },
} as const;
