import Router from '@koa/router';
import type { FromSchema } from 'json-schema-to-ts';
import { NotFoundError } from '../../common/errors';
import type { CompiledField, CompiledJobType } from '../../definitions/compiled-job-type';
import type { JobTypeCatalog } from '../../definitions/catalog';
import { fieldValueSchema, providerValuesSchema, stepValuesSchema } from '../../definitions/value-schemas';
import type { AuthState } from '../auth';
import type { jobTypeList, jobTypeResource, jobTypeSummary } from './schema';

export interface JobTypesRouterDeps {
  jobTypes: JobTypeCatalog;
}

/**
 * The job types new jobs are created from, for any signed-in user: the list to pick from, and one
 * type with everything a portal needs to render and pre-check its create form.
 */
export function jobTypesRouter(deps: JobTypesRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/job-types' });

  router.get('/', (ctx) => {
    const answer: FromSchema<typeof jobTypeList> = { items: deps.jobTypes.list().map(toJobTypeSummary) };
    ctx.body = answer;
  });

  router.get('/:id', (ctx) => {
    const jobType = deps.jobTypes.get(ctx.params.id!);
    if (!jobType) throw new NotFoundError(`Job type ${ctx.params.id} does not exist.`);
    ctx.body = toJobTypeResource(jobType);
  });

  return router;
}

export function toJobTypeSummary(jobType: CompiledJobType): FromSchema<typeof jobTypeSummary> {
  return { id: jobType.id, version: jobType.version, title: jobType.title, description: jobType.description ?? null };
}

/**
 * One job type as a portal renders it. Not in it: where the YAML lives on the server and the
 * CloudBoxx configuration template — neither is needed to fill in a job.
 */
export function toJobTypeResource(jobType: CompiledJobType): FromSchema<typeof jobTypeResource> {
  return {
    ...toJobTypeSummary(jobType),
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
