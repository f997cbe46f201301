import type { FromSchema } from 'json-schema-to-ts';

/** A problem of a job type's YAML source: where, what, and whether it blocks publishing. */
export const sourceProblem = {
  type: 'object',
  additionalProperties: false,
  required: ['line', 'column', 'path', 'message', 'severity'],
  properties: {
    line: { type: 'integer', minimum: 1 },
    column: { type: 'integer', minimum: 1 },
    path: { type: 'string', description: 'Where in the definition, e.g. steps[1].collect[0]; empty for the source as a whole.' },
    message: { type: 'string', description: 'The same words as `npx installer-jobs job-types validate`.' },
    severity: { enum: ['error', 'warning'], description: 'An error stops publishing; a warning never does.' },
  },
} as const;

export const PROBLEM_TYPE_BASE = 'https://installer-jobs.dev/problems/';

/** The body of every refusal and error (application/problem+json, RFC 9457): problem.ts builds it, the API docs describe it. */
export const problemBody = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'title', 'status', 'instance'],
  description: 'A problem (RFC 9457): what went wrong, and for a refused request which parts of it.',
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      pattern: `^${PROBLEM_TYPE_BASE}[a-z]+(-[a-z]+)*$`,
      description: `Stable, to switch on: ${PROBLEM_TYPE_BASE}<name>, e.g. wrong-status (409), locked-field, invalid-values (422), rate-limited (429), service-unavailable and outcome-unknown (503); internal for a fault on our side.`,
    },
    title: { type: 'string', description: 'What went wrong, in a sentence a person can act on; may change wording, unlike type.' },
    status: { type: 'integer', minimum: 400, maximum: 599, description: 'The HTTP status, repeated.' },
    detail: { type: 'string', description: 'More about this occurrence, when there is more to say than the title.' },
    instance: { type: 'string', description: 'The path of the request that failed.' },
    errors: {
      type: 'array',
      minItems: 1,
      description: 'The offending parts of the request; absent when the problem is not about particular fields.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['pointer', 'message'],
        properties: {
          pointer: {
            type: 'string',
            description:
              'JSON pointer into the request body (/values/vin), or to a query parameter (/cursor) or header (/headers/idempotency-key); / for the whole body.',
          },
          message: { type: 'string', description: 'What is wrong with it, to show next to the field.' },
          rule: { type: 'string', description: 'The rule it breaks (required, pattern, locked, unique …), for code that reacts to one.' },
        },
      },
    },
    problems: {
      type: 'array',
      description:
        "A job type's YAML source that cannot be published (invalid-job-type): every problem in it, errors and warnings, by line and column.",
      items: sourceProblem,
    },
  },
} as const;

export type Problem = FromSchema<typeof problemBody>;
