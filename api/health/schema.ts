/** The answer of GET /healthz, 200 and 503 alike: the handler's type and the API docs come from it. */
const probe = (name: string) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['ok'],
    description: `Whether ${name} answered within 3 seconds.`,
    properties: { ok: { type: 'boolean' }, error: { type: 'string', description: 'Why not; absent when ok.' } },
  }) as const;

export const healthStatus = {
  type: 'object',
  additionalProperties: false,
  required: ['status', 'checks'],
  description: 'ok (200) when Temporal and Postgres both answer; unavailable (503) when either does not.',
  properties: {
    status: { enum: ['ok', 'unavailable'] },
    checks: {
      type: 'object',
      additionalProperties: false,
      required: ['postgres', 'temporal'],
      properties: { postgres: probe('Postgres'), temporal: probe('Temporal') },
    },
  },
} as const;
