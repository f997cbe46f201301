export const createProviderUserBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'role'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 320 },
    role: { enum: ['provider_admin', 'provider_dispatcher'], description: 'A dispatcher (or customer-portal user) sees and creates jobs for the given customers only.' },
    customers: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Required for a dispatcher: the customers they act for.' },
  },
} as const;
