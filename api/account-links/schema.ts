import { PROVIDER_ROLES } from '../../db/tenancy';

/** Response bodies of the sign-in links in welcome e-mails: the API docs and the handlers' types come from these. */
const role = {
  enum: [...PROVIDER_ROLES, 'installer_admin', 'installer_technician'],
  description: 'What the user may do (README, the roles table).',
} as const;

export const accountLinkPreview = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'organisationName', 'organisationKind', 'role', 'expiresAt'],
  description: 'Who the link signs in, before it is used: what a sign-in page shows.',
  properties: {
    email: { type: 'string', format: 'email', description: 'The account the link is for.' },
    organisationName: { type: 'string', description: 'The provider or installer company that added you.' },
    organisationKind: { enum: ['provider', 'installer_company'] },
    role,
    expiresAt: {
      type: 'string',
      format: 'date-time',
      description: 'After this the link opens nothing (ACCOUNT_LINK_VALID_HOURS after the e-mail was sent).',
    },
  },
} as const;

export const claimedAccount = {
  type: 'object',
  additionalProperties: false,
  required: ['userId', 'email', 'role', 'organisationId', 'token'],
  description: 'A new API token for the account; the link is used up.',
  properties: {
    userId: { type: 'string', format: 'uuid' },
    email: { type: 'string', format: 'email' },
    role,
    organisationId: { type: 'string', format: 'uuid', description: 'The provider or installer company the account belongs to.' },
    token: {
      type: 'string',
      description:
        'Your API token (Authorization: Bearer …); shown this once, we keep only its hash. Any token the administrator was shown for you keeps working beside it.',
    },
  },
} as const;
