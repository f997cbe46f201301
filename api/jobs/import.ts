import type { RouterContext } from '@koa/router';
import type { FromSchema } from 'json-schema-to-ts';
import { InputError, NotFoundError, PayloadTooLargeError, RuleViolationError, jsonPointer, type FieldProblem } from '../../common/errors';
import type { Actor } from '../../common/job';
import { findProviderFleet } from '../../db/fleets';
import { hasAcceptedInvitation } from '../../db/invitations';
import type { ProviderJobType } from '../../definitions/catalog';
import { geocodeAddresses } from '../../geocoding/geocode-values';
import type { AuthState } from '../auth';
import { PROBLEM_TYPE_BASE, type Problem } from '../problem-schema';
import { parseQuery } from '../validate';
import { CREATE_CONCURRENCY, boundedMap, startJobs, type CreateJobsDeps } from './create-jobs';
import { csvBodyOf } from './import-body';
import { readImport, type ImportProblem, type ImportRow } from './import-csv';
import { CSV_TYPES, MAX_IMPORT_ROWS, MAX_LISTED_PROBLEMS } from './import-format';
import { importJobsQuery, type jobImport } from './schema';

type Ctx = RouterContext<AuthState>;

/** What the import shares with POST /v1/jobs (api/jobs/router.ts), so that a row is held to the same checks as a created job. */
export interface ImportHelpers {
  /** 403 for an installer company: jobs are the provider's to create. */
  requireProvider(ctx: Ctx): void;
  /** The job type the caller may create jobs from (403 for an installer, 422 unknown or archived). */
  jobTypeFor(ctx: Ctx, jobTypeId: string): Promise<ProviderJobType>;
  /** The customer a job is for, as the caller may give it (a limited user: one of theirs); else a RuleViolationError. */
  customerFor(ctx: Ctx, requested: string | undefined): string | undefined;
  /** 403 wrong-role for a caller who may not assign (a customer-portal user), pointing at `errors`. */
  assignerOnly(ctx: Ctx, errors: FieldProblem[]): void;
  actorOf(ctx: Ctx): Extract<Actor, { kind: 'user' }>;
}

/**
 * POST /v1/jobs/import: one job per CSV row, of the job type and fleet in the query. Every row is
 * checked before any is created — read and typed (import-csv.ts), then its customer, its company's
 * invitation and its addresses — so a bad row creates nothing of itself. `dryRun=true` answers the
 * problems (200); otherwise the rows without any are created together (201), or with `atomic=true`
 * all rows or none (422). Answers synchronously: 1 000 rows take about 25 s on a 2-core machine
 * (bench/bulk-create.ts), well within what Node lets a request take; the CLI sends chunks to show progress.
 * With an Idempotency-Key, each row's job id derives from the key and the row number, so a retry
 * finishes the rows the first attempt did not get to and creates none twice.
 */
export function importJobs(deps: CreateJobsDeps, helpers: ImportHelpers) {
  return async (ctx: Ctx): Promise<void> => {
    helpers.requireProvider(ctx);
    const body = csvBodyOf(ctx.request.body);
    if (!body) return unsupportedMediaType(ctx);
    if ('undecodable' in body)
      throw new InputError(
        `The CSV cannot be read as ${body.undecodable}. Save it as "CSV UTF-8", or name its encoding in Content-Type (text/csv; charset=windows-1252).`,
        [{ pointer: '/', message: `not ${body.undecodable} text`, rule: 'charset' }],
      );
    const query = parseQuery(importJobsQuery, { ...ctx.query });
    const { jobType, owner } = await helpers.jobTypeFor(ctx, query.jobTypeId);
    const { principal } = ctx.state;
    if (!(await findProviderFleet(deps.db, principal.organisationId, query.fleetId)))
      throw new NotFoundError(`Fleet ${query.fleetId} does not exist.`, [
        { pointer: '/fleetId', message: 'unknown fleet', rule: 'exists' },
      ]);

    const { fileProblems, rows } = readImport(body.csv, jobType);
    // Too many rows is too much to take, as too many bytes is (413), dry run or not: nothing of it is checked further.
    const tooMany = fileProblems.find((problem) => problem.rule === 'maxRows');
    if (tooMany)
      throw new PayloadTooLargeError(
        `The CSV has ${rows.length} rows; an import takes at most ${MAX_IMPORT_ROWS}: split it into several.`,
        [{ pointer: `/rows/${tooMany.row}`, message: tooMany.message, rule: 'maxRows' }],
      );
    assignCheck(ctx, helpers, rows);
    for (const row of rows) customerCheck(ctx, helpers, row);
    await invitationCheck(deps, query.fleetId, rows);
    // Geocoded only what is otherwise fine: an address the geocoder does not know is the row's last problem.
    await boundedMap(
      rows.filter((row) => row.problems.length === 0),
      CREATE_CONCURRENCY,
      (row) => geocode(deps, jobType, row),
    );

    const problems = [...fileProblems, ...rows.flatMap((row) => row.problems)].sort((a, b) => a.row - b.row);
    const valid = rows.filter((row) => row.problems.length === 0);
    const answer = (created: Array<{ row: number; jobId: string }>): FromSchema<typeof jobImport> => ({
      dryRun: query.dryRun === 'true',
      rows: rows.length,
      validRows: fileProblems.length > 0 ? 0 : valid.length,
      created,
      problems: problems.slice(0, MAX_LISTED_PROBLEMS),
      problemCount: problems.length,
    });
    if (query.dryRun === 'true') {
      ctx.body = answer([]);
      return;
    }
    if (fileProblems.length > 0 || valid.length === 0 || (query.atomic === 'true' && problems.length > 0))
      throw refusal(problems, fileProblems.length > 0 ? 'file' : new Set(problems.map((problem) => problem.row)).size);

    const jobIds = await startJobs(
      deps,
      {
        jobType,
        jobTypeOwner: owner,
        fleetId: query.fleetId,
        actor: helpers.actorOf(ctx),
        actorEmail: principal.email,
        requestKey: ctx.state.requestKey,
      },
      valid.map(({ row, values, customerName, requestedStartAt, installerCompanyId }) => ({
        index: row,
        job: { values, customerName, requestedStartAt, installerCompanyId },
      })),
    );
    ctx.status = 201;
    ctx.body = answer(valid.map(({ row }, at) => ({ row, jobId: jobIds[at]! })));
  };
}

/** A customer-limited user imports for their customers only, as they create: the row's customer, or theirs if they have one. */
function customerCheck(ctx: Ctx, helpers: ImportHelpers, row: ImportRow): void {
  if (row.problems.some((problem) => problem.column === 'customerName')) return;
  try {
    row.customerName = helpers.customerFor(ctx, row.customerName);
  } catch (error) {
    if (!(error instanceof RuleViolationError)) throw error;
    row.problems.push({ row: row.row, column: 'customerName', message: error.message, rule: 'customer' });
  }
}

/**
 * "Save & Assign" is for those who assign: a row naming a company (even one that is not a UUID)
 * refuses the whole import for anyone else, dry run or not — an empty column is fine.
 */
function assignCheck(ctx: Ctx, helpers: ImportHelpers, rows: ImportRow[]): void {
  const assigning = rows.filter(
    (row) => row.installerCompanyId !== undefined || row.problems.some((problem) => problem.column === 'installerCompanyId'),
  );
  if (assigning.length === 0) return;
  helpers.assignerOnly(
    ctx,
    assigning.slice(0, MAX_LISTED_PROBLEMS).map(({ row }) => ({
      pointer: `/rows/${row}/installerCompanyId`,
      message: 'only provider staff assign; leave the cell empty',
      rule: 'role',
    })),
  );
}

/** "Save & Assign" per row: each company named must have accepted an invitation for the fleet (asked once per company). */
async function invitationCheck(deps: CreateJobsDeps, fleetId: string, rows: ImportRow[]): Promise<void> {
  const companies = [...new Set(rows.flatMap((row) => (row.installerCompanyId ? [row.installerCompanyId] : [])))];
  const invited = await boundedMap(companies, CREATE_CONCURRENCY, (id) => hasAcceptedInvitation(deps.db, fleetId, id));
  const uninvited = new Set(companies.filter((_, at) => !invited[at]));
  for (const row of rows) {
    if (row.installerCompanyId && uninvited.has(row.installerCompanyId))
      row.problems.push({
        row: row.row,
        column: 'installerCompanyId',
        message: `installer company ${row.installerCompanyId} has no accepted invitation for this fleet; invite it first`,
        rule: 'invitation',
      });
  }
}

async function geocode(deps: CreateJobsDeps, jobType: ProviderJobType['jobType'], row: ImportRow): Promise<void> {
  try {
    row.values = await geocodeAddresses(jobType, row.values, deps.geocoder);
  } catch (error) {
    if (!(error instanceof RuleViolationError)) throw error;
    const column = error.details[0]?.pointer.split('/')[2];
    row.problems.push({ row: row.row, ...(column ? { column } : {}), message: error.message, rule: 'geocode' });
  }
}

/** 422 invalid-import: nothing was created; every problem, as a pointer to its row and column (/rows/7/vin). */
function refusal(problems: ImportProblem[], rowsWithProblems: number | 'file'): RuleViolationError {
  const errors: FieldProblem[] = problems.slice(0, MAX_LISTED_PROBLEMS).map(({ row, column, message, rule }) => ({
    pointer: `/rows/${row}${column === undefined ? '' : jsonPointer(column)}`,
    message,
    rule,
  }));
  const title =
    rowsWithProblems === 'file'
      ? 'The CSV cannot be imported as it is; nothing was created.'
      : `${rowsWithProblems} ${rowsWithProblems === 1 ? 'row has' : 'rows have'} problems; nothing was created.`;
  return new RuleViolationError(title, errors, {
    type: 'invalid-import',
    detail:
      problems.length > errors.length
        ? `${problems.length} problems in all; the first ${errors.length} are listed.`
        : 'Each error points at /rows/{row}/{column}, the row as in the file (the header is row 1). Send the file again with ?dryRun=true to check it without creating anything.',
  });
}

/**
 * 415: the import takes CSV only. Answered here, as the problem the one mapping (api/problem.ts)
 * would build, because the domain errors have no class for 415.
 */
function unsupportedMediaType(ctx: Ctx): void {
  const problem: Problem = {
    type: `${PROBLEM_TYPE_BASE}unsupported-media-type`,
    title: `Send the rows as CSV, with Content-Type: ${CSV_TYPES[0]}.`,
    status: 415,
    instance: ctx.path,
    errors: [{ pointer: '/', message: `not ${CSV_TYPES.join(' or ')}`, rule: 'contentType' }],
  };
  ctx.status = 415;
  ctx.type = 'application/problem+json';
  ctx.body = problem;
}
