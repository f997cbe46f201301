/** The answer of GET /healthz, 200 and 503 alike: the handler's type and the API docs come from it. */
const probe = (what: string) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['ok'],
    description: what,
    properties: { ok: { type: 'boolean' }, error: { type: 'string', description: 'Why not; absent when ok.' } },
  }) as const;

export const healthStatus = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'checks'],
  description:
    'ok (200) when Postgres and Temporal answer and a worker polls the task queue; degraded (200) when no worker does — reads work, changes answer 503; unavailable (503) when Postgres or Temporal does not answer.',
  properties: {
    status: { enum: ['ok', 'degraded', 'unavailable'] },
    checks: {
      type: 'object',
      additionalProperties: false,
      required: ['postgres', 'temporal', 'worker'],
      properties: {
        postgres: probe('Whether Postgres answered within 3 seconds.'),
        temporal: probe('Whether Temporal answered within 3 seconds.'),
        worker: probe('Whether a worker has polled the task queue within the last 75 seconds (an idle worker polls about once a minute).'),
      },
    },
  },
} as const;
