import { NOT_ONLY_BLANKS } from '../validate';
import { PROVIDER_ROLES } from '../../db/tenancy';

/** Request and response bodies of /v1/users: validation, types and API docs come from these. */
export const createProviderUserBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'role'],
  properties: {
    email: { type: 'string', format: 'email', maxLength: 320 },
    role: {
      enum: PROVIDER_ROLES,
      description:
        'provider_admin: everything, for all customers. provider_dispatcher (provider staff) and provider_customer (a customer-portal user) see, create, edit, duplicate and delete jobs for the given customers only; the dispatcher also assigns them, the customer-portal user does not.',
    },
    customers: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      'x-distinctNames': true,
      items: { type: 'string', minLength: 1, maxLength: 200, pattern: NOT_ONLY_BLANKS, 'x-tidyName': true },
      description:
        "Required for a dispatcher and a customer-portal user, refused for an admin: the customers they act for. Each kept without blanks at either end and with single spaces inside (blanks alone are refused as empty), and matched with jobs' customer names case-insensitively, so a name may be given once only, in whatever spelling.",
    },
  },
  // Who acts for given customers: an admin acts for all of them, so it takes none, the others must name theirs.
  // (`customers: true` only names the property for linters; json-schema-to-ts reads no if/then, so the type stays simple.)
  if: { properties: { role: { const: 'provider_admin' } } },
  then: { properties: { customers: false } },
  else: { properties: { customers: true }, required: ['customers'] },
} as const;

export const newProviderUser = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'email', 'role', 'customers', 'token'],
  description: 'The user added, with their API token.',
  properties: {
    userId: { type: 'string', format: 'uuid' },
    email: { type: 'string', format: 'email' },
    role: createProviderUserBody.properties.role,
    customers: {
      type: ['array', 'null'],
      items: { type: 'string' },
      description: 'The customers a dispatcher or customer-portal user acts for; null for an admin, who acts for all.',
    },
    token: {
      type: 'string',
      description:
        "The user's API token; shown this once, we keep only its hash. Their welcome e-mail carries a sign-in link to a token of their own (POST /v1/account-links/{token}/claim): hand this one over only if that cannot be used.",
    },
  },
} as const;

export const providerUserList = {
  type: 'object',
  additionalProperties: false,
  required: ['users'],
  description: "The provider's users, oldest first.",
  properties: {
    users: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'email', 'role', 'customers', 'createdAt'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          email: { type: 'string', format: 'email' },
          role: createProviderUserBody.properties.role,
          customers: newProviderUser.properties.customers,
          createdAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
} as const;
