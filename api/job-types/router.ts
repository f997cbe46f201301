import Router from '@koa/router';
import { NotFoundError } from '../../common/errors';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import type { JobTypeCatalog } from '../../definitions/catalog';
import { fieldValueSchema, providerValuesSchema, stepValuesSchema } from '../../definitions/value-schemas';
import type { AuthState } from '../auth';

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
    ctx.body = { items: deps.jobTypes.list().map(toJobTypeSummary) };
  });

  router.get('/:id', (ctx) => {
    const jobType = deps.jobTypes.get(ctx.params.id!);
    if (!jobType) throw new NotFoundError(`Job type ${ctx.params.id} does not exist.`);
    ctx.body = toJobTypeResource(jobType);
  });

  return router;
}

export function toJobTypeSummary(jobType: CompiledJobType) {
  return { id: jobType.id, version: jobType.version, title: jobType.title, description: jobType.description ?? null };
}

/**
 * One job type as a portal renders it. Not in it: where the YAML lives on the server and the
 * CloudBoxx configuration template — neither is needed to fill in a job.
 */
export function toJobTypeResource(jobType: CompiledJobType) {
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
      // allowed: the provider may fill it at creation; required: must; forbidden: only the installer fills it.
      preset: field.preset,
      // A value given at creation is locked: the installer reads it but cannot change it.
      presetLocks: field.preset !== 'forbidden',
      default: field.default ?? null,
      validation: field.validation,
      // The step in which the installer fills it; null: only the provider can.
      collectedBy: field.collectedBy,
      valueSchema: fieldValueSchema(field),
    })),
    steps: jobType.steps.map((step) => ({
      id: step.id,
      title: step.title,
      description: step.description ?? null,
      collect: step.collect,
      checklist: step.checklist,
      action: step.action,
      when: step.when,
    })),
    access: { permissions: jobType.access.permissions, maxDurationMs: jobType.access.maxDurationMs },
    deadlines: jobType.deadlines,
    valueSchemas: {
      /** `values` of POST /v1/jobs. */
      provider: providerValuesSchema(jobType),
      /** `values` of POST /v1/jobs/{id}/steps/{stepId}/complete, by step id. */
      steps: Object.fromEntries(jobType.steps.map((step) => [step.id, stepValuesSchema(jobType, step.id)])),
    },
  };
}
