/** Request bodies of fleets, their invitations and answering one: validation, types and API docs come from these. */
const email = { type: 'string', format: 'email', maxLength: 320 } as const;

export const createFleetBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S', description: 'How the fleet is called in the portals, e.g. a city; unique among your fleets.' },
  },
} as const;

export const createInvitationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: {
    email: { ...email, description: 'Where the invitation goes; the installer company registers through its link. Compared case-insensitively.' },
  },
} as const;

export const acceptInvitationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['companyName'],
  properties: {
    companyName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S', description: 'The installer company registering through this invitation.' },
    adminEmail: { ...email, description: "The company's first admin; defaults to the address the invitation was sent to." },
  },
  description: 'For a company new to installer-jobs. A company that already has an account sends no body and its admin token instead.',
} as const;
