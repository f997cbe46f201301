/** Request bodies of /v1/companies/me: validation, types and API docs come from these. */
export const addTechnicianBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 320, description: "The technician's sign-in address; unique across installer-jobs." },
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'Shown to the company and in job events.' },
  },
} as const;
