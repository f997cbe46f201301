/** Request bodies of /v1/jobs: validation, TypeScript types and API docs all come from these. */
export const createJobBody = {
  type: 'object',
  additionalProperties: false,
  required: ['jobTypeId', 'fleetId'],
  properties: {
    jobTypeId: { type: 'string', minLength: 1, description: 'Id of a job type in job-types/, e.g. cloudboxx-install.' },
    fleetId: { type: 'string', format: 'uuid', description: 'The fleet the vehicle belongs to.' },
    values: {
      type: 'object',
      description: 'Field values set by the provider. Every field is optional; a value given here is locked for the installer.',
      additionalProperties: true,
      default: {},
    },
    customerName: { type: 'string', minLength: 1, maxLength: 200 },
    requestedStartAt: { type: 'string', format: 'date-time', description: 'A wish, not a promise: when the work should start.' },
  },
} as const;
