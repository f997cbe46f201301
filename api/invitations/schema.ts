/** Request and response bodies of fleets, their invitations and answering one: validation, types and API docs come from these. */
const email = { type: 'string', format: 'email', maxLength: 320 } as const;

export const createFleetBody = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '\\S',
      description: 'How the fleet is called in the portals, e.g. a city; unique among your fleets.',
    },
  },
} as const;

export const createInvitationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email'],
  properties: {
    email: {
      ...email,
      description: 'Where the invitation goes; the installer company registers through its link. Compared case-insensitively.',
    },
  },
} as const;

export const acceptInvitationBody = {
  type: 'object',
  additionalProperties: false,
  required: ['companyName'],
  properties: {
    companyName: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      pattern: '\\S',
      description: 'The installer company registering through this invitation.',
    },
    adminEmail: { ...email, description: "The company's first admin; defaults to the address the invitation was sent to." },
  },
  description: 'For a company new to installer-jobs. A company that already has an account sends no body and its admin token instead.',
} as const;

// ── Responses ───────────────────────────────────────────────────────────────────────────────

const uuid = (description: string) => ({ type: 'string', format: 'uuid', description }) as const;
const invitationStatus = {
  enum: ['PENDING', 'ACCEPTED', 'DECLINED'],
  description: 'PENDING until the company answers; a DECLINED address may be invited again.',
} as const;
const respondedAt = {
  type: ['string', 'null'],
  format: 'date-time',
  description: 'When the company accepted or declined; null while PENDING.',
} as const;

export const fleetResource = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'createdAt'],
  description: 'A fleet of the provider: its jobs and invitations belong to it.',
  properties: {
    id: uuid('The fleetId of jobs and invitations.'),
    name: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const fleetList = {
  type: 'object',
  additionalProperties: false,
  required: ['fleets'],
  description: "The provider's fleets, by name.",
  properties: { fleets: { type: 'array', items: fleetResource } },
} as const;

const nullableDateTime = (description: string) => ({ type: ['string', 'null'], format: 'date-time', description }) as const;

/** How the invitation's e-mails fared: what the provider looks at when a company says it got nothing. */
const invitationMail = {
  type: ['object', 'null'],
  additionalProperties: false,
  required: ['status', 'lastAttemptAt', 'lastError', 'sentAt', 'reminderSentAt'],
  description:
    'The delivery of its latest e-mail (the invitation, then its reminder) to the SMTP server; null for an invitation sent before installer-jobs sent e-mail.',
  properties: {
    status: {
      enum: ['sending', 'sent', 'failed'],
      description:
        'sending: being handed over, or retried after a failure (see lastError) for up to 24 hours; sent: the SMTP server took it; failed: refused (5xx) or still failing after 24 hours — check the address, withdraw and invite again.',
    },
    lastAttemptAt: nullableDateTime('When the SMTP server was last tried.'),
    lastError: {
      type: ['string', 'null'],
      description: "The last failed attempt's reason, as the SMTP server gave it; null once one got through.",
    },
    sentAt: nullableDateTime('When the invitation e-mail was taken by the SMTP server.'),
    reminderSentAt: nullableDateTime(
      'When the one reminder was taken by the SMTP server (INVITATION_REMINDER_HOURS after an unanswered invitation).',
    ),
  },
} as const;

/** An invitation as its provider sees it. */
export const invitationResource = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'email', 'status', 'fleetId', 'installerCompany', 'invitedBy', 'createdAt', 'respondedAt', 'mail'],
  description: 'An invitation of an installer company to work for a fleet.',
  properties: {
    id: uuid('What DELETE /v1/fleets/{fleetId}/invitations/{invitationId} takes.'),
    email: { type: 'string', format: 'email', description: 'Where the invitation was sent.' },
    status: invitationStatus,
    fleetId: uuid('The fleet the company is invited for.'),
    installerCompany: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['id', 'name'],
      description: 'The company that accepted; null unless ACCEPTED.',
      properties: { id: uuid('The installerCompanyId to assign jobs to.'), name: { type: 'string' } },
    },
    invitedBy: { type: ['string', 'null'], format: 'uuid', description: 'The provider admin who sent it; null once that user is removed.' },
    createdAt: { type: 'string', format: 'date-time' },
    respondedAt,
    mail: invitationMail,
  },
} as const;

export const invitationList = {
  type: 'object',
  additionalProperties: false,
  required: ['invitations'],
  description: "The fleet's invitations, newest first.",
  properties: { invitations: { type: 'array', items: invitationResource } },
} as const;

export const newInvitation = {
  ...invitationResource,
  required: [...invitationResource.required, 'token'],
  description: 'The invitation sent, with its token.',
  properties: {
    ...invitationResource.properties,
    token: {
      type: 'string',
      description:
        'The credential for /v1/invitations/{token}, for a portal that sends its own link; shown this once, we keep only its hash. The e-mails installer-jobs sends carry links of their own, which work alike.',
    },
  },
} as const;

export const invitationPreviewResource = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'status', 'locked', 'fleetName', 'providerName'],
  description: 'Who invites the company, for which fleet: what the registration page shows.',
  properties: {
    email: { type: 'string', format: 'email', description: 'Where the invitation was sent; the default adminEmail when registering.' },
    status: invitationStatus,
    locked: {
      type: 'boolean',
      description: 'True once 5 accepts through this link have failed: it accepts no more; the provider sends a new invitation.',
    },
    fleetName: { type: 'string' },
    providerName: { type: 'string', description: 'The mobility provider inviting the company.' },
  },
} as const;

/** What the token holder learns about the invitation they answered: no provider internals. */
export const answeredInvitation = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'email', 'status', 'fleetId', 'respondedAt'],
  description: 'The invitation as answered.',
  properties: {
    id: uuid('The invitation.'),
    email: { type: 'string', format: 'email' },
    status: invitationStatus,
    fleetId: uuid('The fleet the company now works for, if it accepted.'),
    respondedAt,
  },
} as const;

export const invitationAcceptedByExistingCompany = {
  type: 'object',
  additionalProperties: false,
  required: ['invitation', 'installerCompanyId'],
  description: 'Accepted with a company admin token: the fleet is added to that company.',
  properties: {
    invitation: answeredInvitation,
    installerCompanyId: uuid('Your company.'),
  },
} as const;

export const companyRegistered = {
  type: 'object',
  additionalProperties: false,
  required: ['invitation', 'installerCompanyId', 'adminUserId', 'adminEmail', 'adminToken'],
  description: 'The company is registered and works for the fleet; its first admin can sign in with adminToken.',
  properties: {
    ...invitationAcceptedByExistingCompany.properties,
    installerCompanyId: uuid('The new company.'),
    adminUserId: uuid("The company's first admin."),
    adminEmail: { type: 'string', format: 'email' },
    adminToken: { type: 'string', description: "The admin's API token; shown this once, we keep only its hash." },
  },
} as const;

export const invitationDeclined = {
  type: 'object',
  additionalProperties: false,
  required: ['invitation'],
  description: 'Declined; the provider may invite the address again.',
  properties: { invitation: answeredInvitation },
} as const;
