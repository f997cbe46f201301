import Router, { type RouterContext } from '@koa/router';
import type { FromSchema } from 'json-schema-to-ts';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  JobTypeSourceError,
  NotFoundError,
  UnsupportedMediaTypeError,
} from '../../common/errors';
import type { Db } from '../../db/connection';
import {
  archivedJobTypeIds,
  providerJobTypeState,
  jobTypeHistory as readHistory,
  latestProviderVersions,
  providerJobTypeStore,
  providerOfAssignedJob,
  providerVersion,
  providerVersionList,
  publishProviderVersion,
  setJobTypeArchived,
} from '../../db/job-types';
import { registeredDefinition, registeredVersions } from '../../db/job-type-versions';
import type { Principal } from '../../db/tenancy';
import type { CompiledField, CompiledJobType } from '../../definitions/compiled-job-type';
import type { JobTypeCatalog, JobTypeOwner } from '../../definitions/catalog';
import { previewJobType } from '../../definitions/preview';
import { fieldValueSchema, providerValuesSchema, stepValuesSchema } from '../../definitions/value-schemas';
import type { AuthState } from '../auth';
import type { SignedInDeps } from '../signed-in';
import { parseBody } from '../validate';
import {
  previewBody,
  type previewAnswer,
  type jobTypeListQuery,
  type jobTypeHistory,
  type jobTypeList,
  type jobTypeResource,
  type jobTypeSummary,
  type publishedJobType,
  type validationAnswer,
} from './schema';
import { checkApiSource } from './source';

export interface JobTypesRouterDeps extends SignedInDeps {
  db: Db;
  jobTypes: JobTypeCatalog;
}

type Ctx = RouterContext<AuthState>;

/** A type the caller may see; providerId: whose catalog it was found in (absent for an installer reading a built-in). */
interface VisibleType {
  jobType: CompiledJobType;
  owner: JobTypeOwner;
  archived: boolean;
  providerId?: string;
}

/**
 * Job types: for any signed-in user, the list to pick from and one type with everything a portal
 * needs to render and pre-check its create form; for a provider's admins, publishing their own
 * types from YAML, retiring them (or hiding a built-in), and the record of who did what. A
 * provider's own types exist for nobody else: every route answers another tenant 404.
 */
export function jobTypesRouter(deps: JobTypesRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/job-types' });
  router.use(deps.signedIn);

  router.get('/', async (ctx) => {
    const query = listQuery(ctx);
    const { principal } = ctx.state;
    const archived = query.archived === 'true';
    let items: Array<FromSchema<typeof jobTypeSummary>>;
    if (principal.organisationKind !== 'provider') {
      // An installer company has no types of its own: it sees the built-ins, and a provider's through the jobs assigned to it.
      items = archived ? [] : deps.jobTypes.list().map((jobType) => toJobTypeSummary(jobType, 'builtin', false));
    } else {
      const retired = await archivedJobTypeIds(deps.db, principal.organisationId);
      const own = await latestProviderVersions(deps.db, principal.organisationId);
      const ownIds = new Set(own.map(({ definition }) => definition.id));
      items = [
        ...deps.jobTypes
          .list()
          .filter((jobType) => !ownIds.has(jobType.id))
          .map((jobType) => toJobTypeSummary(jobType, 'builtin', retired.has(jobType.id))),
        ...own.map(({ definition, archived: isArchived }) => toJobTypeSummary(definition, 'provider', isArchived)),
      ]
        .filter((item) => item.archived === archived)
        .sort((a, b) => a.title.localeCompare(b.title));
    }
    const answer: FromSchema<typeof jobTypeList> = {
      items: items.filter((item) => query.owner === undefined || item.owner === query.owner),
    };
    ctx.body = answer;
  });

  // Checks a source as publishing would, saving nothing.
  router.post('/validate', (ctx) => {
    const { compiled, problems } = checkApiSource(yamlBody(ctx));
    const answer: FromSchema<typeof validationAnswer> = { valid: compiled !== undefined, problems };
    ctx.body = answer;
  });

  // What an admin needs to see before publishing: the steps, locks and configuration sample values give.
  router.post('/preview', (ctx) => {
    const body = parseBody(previewBody, ctx.request.body);
    const { compiled, problems } = checkApiSource(body.source);
    const answer: FromSchema<typeof previewAnswer> = { valid: compiled !== undefined, problems, preview: null };
    if (compiled) {
      const preview = previewJobType(compiled, (body.values ?? {}) as Record<string, unknown>);
      answer.preview = {
        steps: preview.steps.map((step) => ({ ...step })),
        lockedFields: [...preview.lockedFields],
        configuration: preview.configuration,
        unresolvedPlaceholders: [...preview.unresolvedPlaceholders],
        problems: preview.problems.map((problem) => ({ ...problem })),
      };
    }
    ctx.body = answer;
  });

  router.get('/:id', async (ctx) => {
    const found = await visibleType(ctx);
    ctx.body = await toJobTypeResource(deps, ctx.state.principal, found, found.jobType);
  });

  router.get('/:id/versions/:version', async (ctx) => {
    const version = Number(ctx.params.version);
    const { principal } = ctx.state;
    const id = ctx.params.id!;
    const unknown = () => new NotFoundError(`Job type ${id} has no version ${ctx.params.version}.`);
    if (!/^[1-9][0-9]{0,8}$/.test(ctx.params.version!)) throw unknown();
    // An installer company reads a version only of a job assigned to it: in its provider's catalog.
    const providerId =
      principal.organisationKind === 'provider'
        ? principal.organisationId
        : await providerOfAssignedJob(deps.db, principal.organisationId, id, version);
    const found = providerId === undefined ? builtinType(id) : await typeOfProvider(providerId, id);
    if (!found) throw unknown();
    const jobType =
      found.owner === 'provider'
        ? (await providerVersion(deps.db, found.providerId!, id, version))?.definition
        : await registeredDefinition(deps.db, id, version);
    if (!jobType) throw unknown();
    ctx.body = await toJobTypeResource(deps, principal, found, jobType);
  });

  router.get('/:id/history', async (ctx) => {
    const principal = providerAdmin(ctx.state.principal, 'read the history of job types');
    const found = await visibleType(ctx);
    const entries = await readHistory(deps.db, principal.organisationId, found.jobType.id);
    const answer: FromSchema<typeof jobTypeHistory> = {
      items: entries.map((entry) => ({
        action: entry.action,
        version: entry.version,
        actor: entry.actor,
        occurredAt: entry.occurredAt.toISOString(),
      })),
    };
    ctx.body = answer;
  });

  router.put('/:id', async (ctx) => {
    const principal = providerAdmin(ctx.state.principal, 'publish job types');
    const id = ctx.params.id!;
    const text = yamlBody(ctx);
    if (deps.jobTypes.get(id) && !(await providerJobTypeState(deps.db, principal.organisationId, id)).latest) {
      // One id, one type within a tenant: a job's job type id never needs its owner to be read.
      throw new ConflictError(
        `${id} is a built-in job type; publish yours under another id (copy its source from GET /v1/job-types/${id}).`,
        [{ pointer: '/id', message: 'is a built-in job type', rule: 'unique' }],
        { type: 'builtin-job-type' },
      );
    }
    const checked = checkApiSource(text, { expectedId: id });
    if (!checked.compiled) throw new JobTypeSourceError(`Job type ${id} has errors and was not published.`, checked.problems);
    const actor = { userId: principal.userId, email: principal.email };
    const outcome = await publishProviderVersion(deps.db, {
      providerId: principal.organisationId,
      id,
      requested: checked.requestedVersion,
      source: text,
      actor,
      compile: checked.compileAs,
    });
    if (outcome.status === 'conflict' && outcome.reason === 'exhausted') {
      throw new ConflictError(
        `${id} is at version ${outcome.latest}, the highest a job type may have; publish this under a new id.`,
        [{ pointer: '/version', message: `no version is left after ${outcome.latest}`, rule: 'maximum' }],
        { type: 'version-conflict' },
      );
    }
    if (outcome.status === 'conflict') {
      const problem = { pointer: '/version', message: `must be at least ${outcome.latest + 1}`, rule: 'unpublished' };
      throw new ConflictError(
        outcome.reason === 'changed'
          ? `${id} version ${outcome.version} was published with other content; jobs may use it, so publish this as version ${outcome.latest + 1} (or leave version: out).`
          : `${id} is at version ${outcome.latest}; publish this as version ${outcome.latest + 1} (or leave version: out).`,
        [problem],
        { type: 'version-conflict' },
      );
    }
    const row = (await providerVersion(deps.db, principal.organisationId, id, outcome.version))!;
    ctx.status = outcome.status === 'new' ? 201 : 200;
    ctx.set('Location', `/v1/job-types/${encodeURIComponent(id)}/versions/${outcome.version}`);
    const answer: FromSchema<typeof publishedJobType> = {
      id,
      version: outcome.version,
      status: outcome.status === 'new' ? 'published' : 'unchanged',
      contentHash: row.contentHash,
      publishedAt: row.publishedAt.toISOString(),
      publishedBy: row.publishedBy,
      warnings: checked.problems.filter((problem) => problem.severity === 'warning'),
    };
    ctx.body = answer;
  });

  for (const action of ['archive', 'unarchive'] as const) {
    router.post(`/:id/${action}`, async (ctx) => {
      const principal = providerAdmin(ctx.state.principal, `${action} job types`);
      const found = await visibleType(ctx);
      const actor = { userId: principal.userId, email: principal.email };
      const input = {
        providerId: principal.organisationId,
        id: found.jobType.id,
        owner: found.owner,
        version: found.jobType.version,
        archived: action === 'archive',
        actor,
      };
      await setJobTypeArchived(deps.db, input);
      // Archiving twice changes nothing and records nothing: the answer is the type as it now is.
      ctx.body = await toJobTypeResource(deps, principal, { ...found, archived: input.archived }, found.jobType);
    });
  }

  /** The route's type, if the caller may see it: a built-in, or its own provider's type. */
  async function visibleType(ctx: Ctx): Promise<VisibleType> {
    const { principal } = ctx.state;
    const id = ctx.params.id!;
    const found = principal.organisationKind === 'provider' ? await typeOfProvider(principal.organisationId, id) : builtinType(id);
    if (!found) throw new NotFoundError(`Job type ${id} does not exist.`);
    return found;
  }

  function builtinType(id: string): VisibleType | undefined {
    const jobType = deps.jobTypes.get(id);
    return jobType && { jobType, owner: 'builtin', archived: false };
  }

  async function typeOfProvider(providerId: string, id: string): Promise<VisibleType | undefined> {
    const found = await deps.jobTypes.forProvider(providerJobTypeStore(deps.db), providerId, id);
    return found && { ...found, providerId };
  }

  return router;
}

function listQuery(ctx: Ctx): FromSchema<typeof jobTypeListQuery> {
  const problems = Object.entries(ctx.query).flatMap(([name, value]) => {
    const allowed = Object.hasOwn(LIST_QUERY, name) ? LIST_QUERY[name] : undefined;
    if (!allowed) return [{ pointer: `/${name}`, message: 'is not a known query parameter', rule: 'additionalProperties' }];
    return typeof value === 'string' && allowed.includes(value)
      ? []
      : [{ pointer: `/${name}`, message: `must be one of: ${allowed.join(', ')}`, rule: 'enum' }];
  });
  if (problems.length > 0) throw new InputError('The query parameters are not valid.', problems);
  return ctx.query as FromSchema<typeof jobTypeListQuery>;
}

const LIST_QUERY: Record<string, readonly string[]> = { owner: ['builtin', 'provider'], archived: ['true', 'false'] };

/** The YAML source of PUT and validate (api/job-types/yaml-body.ts read it as text). */
function yamlBody(ctx: Ctx): string {
  const body: unknown = ctx.request.body;
  if (typeof body !== 'string')
    throw new UnsupportedMediaTypeError('Send the job type as YAML, with Content-Type: application/yaml (or text/yaml).', [
      { pointer: '/', message: 'not a YAML body', rule: 'contentType' },
    ]);
  return body;
}

function providerAdmin(principal: Principal, what: string): Principal {
  if (principal.role !== 'provider_admin') throw new ForbiddenError(`Only a provider admin can ${what}.`, [], { type: 'wrong-role' });
  return principal;
}

export function toJobTypeSummary(jobType: CompiledJobType, owner: JobTypeOwner, archived: boolean): FromSchema<typeof jobTypeSummary> {
  return { id: jobType.id, version: jobType.version, title: jobType.title, description: jobType.description ?? null, owner, archived };
}

/**
 * One job type as a portal renders it, with its versions; its source for those who may copy or
 * change it. Not in it: where the YAML lives on the server and the CloudBoxx configuration
 * template — neither is needed to fill in a job.
 */
async function toJobTypeResource(
  deps: JobTypesRouterDeps,
  principal: Principal,
  found: { owner: JobTypeOwner; archived: boolean; providerId?: string },
  jobType: CompiledJobType,
): Promise<FromSchema<typeof jobTypeResource>> {
  // The owner's admins (for a built-in: any provider's) see sources and who published.
  const ownerAdmin = principal.role === 'provider_admin' && (found.owner === 'builtin' || principal.organisationId === found.providerId);
  let versions: FromSchema<typeof jobTypeResource>['versions'];
  let source: string | null = null;
  if (found.owner === 'provider') {
    const published = await providerVersionList(deps.db, found.providerId!, jobType.id);
    versions = published.map((v) => ({
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: ownerAdmin ? v.publishedBy : null,
    }));
    if (ownerAdmin) source = (await providerVersion(deps.db, found.providerId!, jobType.id, jobType.version))?.source ?? null;
  } else {
    versions = (await registeredVersions(deps.db, jobType.id)).map((v) => ({
      version: v.version,
      publishedAt: v.firstSeenAt.toISOString(),
      publishedBy: null,
    }));
    // Built-in sources are the files as shipped: older versions' texts are not kept.
    const current = deps.jobTypes.get(jobType.id);
    if (ownerAdmin && current?.version === jobType.version) source = deps.jobTypes.builtinSource(jobType.id) ?? null;
  }
  return {
    ...toJobTypeSummary(jobType, found.owner, found.archived),
    versions,
    source,
    sections: jobType.sections.map((section) => ({ id: section.id, title: section.title, description: section.description ?? null })),
    fields: jobType.fields.map((field) => ({
      key: field.key,
      label: field.label,
      description: field.description ?? null,
      section: field.section,
      type: field.type,
      required: field.required,
      preset: field.preset,
      presetLocks: field.preset !== 'forbidden',
      multiple: field.multiple === true,
      default: field.default ?? null,
      validation: validationOf(field),
      collectedBy: field.collectedBy,
      valueSchema: fieldValueSchema(field),
    })),
    steps: jobType.steps.map((step) => ({
      id: step.id,
      title: step.title,
      description: step.description ?? null,
      collect: [...step.collect],
      checklist: [...step.checklist],
      action: step.action,
      qnrField: step.qnrField,
      actionTimeoutMs: step.actionTimeoutMs,
      fills: { ...step.fills },
      when: step.when,
    })),
    vehicle: { ...jobType.vehicle },
    access: { permissions: [...jobType.access.permissions], maxDurationMs: jobType.access.maxDurationMs, onEnd: [...jobType.access.onEnd] },
    deadlines: jobType.deadlines,
    valueSchemas: {
      provider: providerValuesSchema(jobType),
      // Every step of the job type has a schema: stepValuesSchema is undefined only for a step it lacks.
      steps: Object.fromEntries(jobType.steps.map((step) => [step.id, stepValuesSchema(jobType, step.id)!])),
    },
  };
}

/** The compiled job type's lists are read-only; the answer gets copies. */
function validationOf({ validation: { options, ...rules } }: CompiledField) {
  return options ? { ...rules, options: [...options] } : rules;
}
