/** Request bodies of /v1/jobs: validation, TypeScript types and API docs all come from these. */
const values = {
  type: 'object',
  description: 'Field values by field key. Every field is optional at creation; a value given by the provider is locked for the installer.',
  additionalProperties: true,
} as const;

export const createJobBody = {
  type: 'object',
  additionalProperties: false,
  required: ['jobTypeId', 'fleetId'],
  properties: {
    jobTypeId: { type: 'string', minLength: 1, description: 'Id of a job type in job-types/, e.g. cloudboxx-install.' },
    fleetId: { type: 'string', format: 'uuid', description: 'The fleet the vehicle belongs to.' },
    values: { ...values, default: {} },
    customerName: { type: 'string', minLength: 1, maxLength: 200 },
    requestedStartAt: { type: 'string', format: 'date-time', description: 'A wish, not a promise: when the work should start.' },
    installerCompanyId: { type: 'string', format: 'uuid', description: '"Save & Assign": assign the new job(s) at once to this company, which must have accepted an invitation for the fleet.' },
    count: { type: 'integer', minimum: 1, maximum: 100, description: 'Create this many identical jobs; the answer is then { items: [...] }.' },
  },
} as const;

export const editJobBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    values: { ...values, description: 'Merged into the job\'s values; a field set to null is cleared (and unlocked).' },
    customerName: { type: ['string', 'null'], minLength: 1, maxLength: 200 },
    requestedStartAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

export const assignJobBody = {
  type: 'object',
  additionalProperties: false,
  required: ['installerCompanyId'],
  properties: { installerCompanyId: { type: 'string', format: 'uuid', description: 'A company whose invitation for the job\'s fleet is ACCEPTED.' } },
} as const;

export const completeStepBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    values: { ...values, description: 'Values of the fields this step collects.' },
    checklist: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'The checklist items ticked off; the step needs all of them.' },
  },
} as const;

export const failJobBody = {
  type: 'object',
  additionalProperties: false,
  required: ['reason'],
  properties: { reason: { type: 'string', minLength: 1, maxLength: 2000, description: 'Why the job could not be completed: the provider reads it.' } },
} as const;

export const vehicleCommandBody = {
  type: 'object',
  additionalProperties: false,
  required: ['command'],
  properties: {
    command: { enum: ['lock', 'unlock', 'enableDriving', 'disableDriving', 'readState'], description: "Allowed when the job type's access.permissions include it." },
    qnr: { type: 'string', pattern: '^[0-9A-F]{16}$', description: 'Which CloudBoxx, when the job has two (a swap).' },
  },
} as const;

export const saveValuesBody = {
  type: 'object',
  additionalProperties: false,
  required: ['values'],
  properties: { values: { ...values, minProperties: 1, description: 'Fields of steps not yet completed; null clears one. Locked fields cannot change.' } },
} as const;
