/** The answer of GET /healthz: the handler's type and the API docs come from it. */
export const healthStatus = {
  type: 'object',
  additionalProperties: false,
  required: ['status'],
  description:
    'Liveness: the process answers (always 200 ok). It checks nothing else, so that an orchestrator restarts the API only when the API itself hangs, never because Postgres or Temporal is away; readiness is GET /readyz.',
  properties: { status: { const: 'ok' } },
} as const;

const probe = (what: string) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['ok'],
    description: what,
    properties: { ok: { type: 'boolean' }, error: { type: 'string', description: 'Why not; absent when ok.' } },
  }) as const;

/** The answer of GET /readyz, 200 and 503 alike. */
export const readiness = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'checks'],
  description:
    'Readiness: ready (200) when Postgres and Temporal answer, a worker polls the task queue and the job types are loaded; not-ready (503) otherwise, with each part in checks. While no worker polls, reads still work and changes answer 503.',
  properties: {
    status: { enum: ['ready', 'not-ready'] },
    checks: {
      type: 'object',
      additionalProperties: false,
      required: ['postgres', 'temporal', 'worker', 'jobTypes'],
      properties: {
        postgres: probe('Whether Postgres answered within 3 seconds.'),
        temporal: probe('Whether Temporal answered within 3 seconds.'),
        worker: probe('Whether a worker has polled the task queue within the last 75 seconds (an idle worker polls about once a minute).'),
        jobTypes: {
          type: 'object',
          additionalProperties: false,
          required: ['ok', 'builtIn'],
          description: 'Whether the built-in job types are loaded (a broken one stops the API from starting at all).',
          properties: {
            ok: { type: 'boolean' },
            builtIn: { type: 'integer', minimum: 0, description: 'How many built-in job types this process loaded.' },
            error: { type: 'string', description: 'Why not; absent when ok.' },
          },
        },
      },
    },
  },
} as const;
