/** Request and response bodies of /v1/providers/me: validation, types and API docs come from these. */
export const editProviderBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    photoRetentionDays: {
      type: ['integer', 'null'],
      minimum: 1,
      maximum: 36500,
      description:
        "Days the photos of a finished job are kept before photo housekeeping removes them (with a photo.removed event on the job); null: the installation's default.",
    },
  },
} as const;

export const providerResource = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'photoRetention'],
  description: 'Your mobility provider and its settings.',
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Your providerId.' },
    name: { type: 'string' },
    photoRetention: {
      type: 'object',
      additionalProperties: false,
      required: ['days', 'source'],
      description: 'How long the photos of a finished job are kept.',
      properties: {
        days: { type: 'integer', minimum: 1 },
        source: {
          enum: ['provider', 'default'],
          description: "provider: your own setting; default: the installation's (PHOTO_RETENTION_DAYS).",
        },
      },
    },
  },
} as const;
