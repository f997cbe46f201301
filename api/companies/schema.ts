/** Request and response bodies of /v1/companies/me: validation, types and API docs come from these. */
export const addTechnicianBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: {
    email: {
      type: 'string',
      format: 'email',
      maxLength: 320,
      description:
        "The technician's sign-in address: one account per address in your company, whatever its case (409 email-taken otherwise); the same address may have an account in another organisation too.",
    },
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'Shown to the company and in job events.' },
  },
} as const;

// ── Responses ───────────────────────────────────────────────────────────────────────────────

const uuid = (description: string) => ({ type: 'string', format: 'uuid', description }) as const;

export const companyResource = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'createdAt', 'fleets'],
  description: 'Your installer company and the fleets it works for.',
  properties: {
    id: uuid('Your installerCompanyId.'),
    name: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    fleets: {
      type: 'array',
      description: 'The fleets whose invitation the company accepted, by provider and fleet name: their jobs can be assigned to you.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'name', 'provider', 'acceptedAt'],
        properties: {
          id: uuid('The fleet.'),
          name: { type: 'string' },
          provider: {
            type: 'object',
            additionalProperties: false,
            required: ['id', 'name'],
            description: 'The mobility provider the fleet belongs to.',
            properties: { id: uuid('The provider.'), name: { type: 'string' } },
          },
          acceptedAt: { type: 'string', format: 'date-time', description: 'When the company accepted the invitation for this fleet.' },
        },
      },
    },
  },
} as const;

export const newTechnician = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'email', 'name', 'role', 'token'],
  description: 'The technician added, with their API token.',
  properties: {
    userId: uuid('The technician.'),
    email: { type: 'string', format: 'email' },
    name: { type: ['string', 'null'], description: 'null when none was given.' },
    role: { const: 'installer_technician' },
    token: {
      type: 'string',
      description:
        "The technician's API token; shown this once, we keep only its hash. Their welcome e-mail carries a sign-in link to a token of their own (POST /v1/account-links/{token}/claim): hand this one over only if that cannot be used.",
    },
  },
} as const;

export const technicianList = {
  type: 'object',
  additionalProperties: false,
  required: ['technicians'],
  description: "Your company's technicians, oldest first.",
  properties: {
    technicians: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'email', 'name', 'createdAt'],
        properties: {
          id: uuid('The technician.'),
          email: { type: 'string', format: 'email' },
          name: newTechnician.properties.name,
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;
