import { NOT_FOR_INSTALLER_COMPANIES, WEBHOOK_DATA, WEBHOOK_EVENT_TYPES } from '../../webhooks/event-types';
import { MAX_URL_LENGTH } from '../../webhooks/targets';
import { describedPattern } from '../validate';

/** Request and response bodies of /v1/webhooks: validation, types and API docs come from these. */

const url = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_URL_LENGTH,
  format: 'uri',
  // What no lookup is needed for: http(s), and no user name or password before the host.
  pattern: describedPattern('^[Hh][Tt][Tt][Pp][Ss]?://[^/?#@]+([/?#].*)?$', 'must be an http(s) URL without user name or password'),
  description:
    'Where deliveries are POSTed: an https URL on the public internet, without user name or password (plain http and private addresses only where the installation allows them, as `npm start` does).',
} as const;

const notForCompanies = Object.entries(NOT_FOR_INSTALLER_COMPANIES).map(([type, why]) => `${type} (${why})`);

/** The 422 of POST and PATCH /v1/webhooks for event types, which depend on who registers: no schema can say it. */
export const EVENT_TYPE_NOT_RECEIVABLE = `event-type-not-receivable: an installer company's endpoint subscribes to a type it never receives — ${notForCompanies.join(', ')}; each named at /eventTypes/<index> with rule receivable`;

const eventTypes = {
  type: 'array',
  minItems: 1,
  uniqueItems: true,
  items: { enum: WEBHOOK_EVENT_TYPES },
  description: `The events to deliver. A company's endpoint gets the events of the jobs assigned to it (from the assignment on) and of its own invitation answers, so it cannot subscribe to ${notForCompanies.join(', ')}: 422 event-type-not-receivable. vehicle.not-secured: when the job ended, its vehicle could not be locked or immobilised as the job type says (check it); vehicle.securing.overdue: securing it has gone unanswered for a while and is still being tried.`,
} as const;

const description = { type: 'string', maxLength: 500, description: 'What the endpoint is for, for people.' } as const;

export const createWebhookBody = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'eventTypes'],
  properties: { url, eventTypes, description },
} as const;

export const editWebhookBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    url,
    eventTypes,
    description: { ...description, type: ['string', 'null'] },
    paused: {
      type: 'boolean',
      description: 'true: deliveries are recorded but none is sent; false: what was recorded meanwhile is sent, in order.',
    },
  },
} as const;

const dateTime = { type: 'string', format: 'date-time' } as const;

export const webhookResource = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'url', 'eventTypes', 'description', 'paused', 'pausedAt', 'previousSecretUntil', 'createdAt'],
  description: 'A webhook endpoint (its secret is shown only when made or rotated).',
  properties: {
    id: { type: 'string', format: 'uuid' },
    url: { type: 'string' },
    eventTypes: { type: 'array', items: { enum: WEBHOOK_EVENT_TYPES } },
    description: { type: ['string', 'null'] },
    paused: { type: 'boolean' },
    pausedAt: { ...dateTime, type: ['string', 'null'] },
    previousSecretUntil: {
      ...dateTime,
      type: ['string', 'null'],
      description: 'After a rotation: until when deliveries are also signed with the secret before it.',
    },
    createdAt: dateTime,
  },
} as const;

const secret = {
  type: 'string',
  pattern: '^whsec_[A-Za-z0-9+/=]+$',
  description: 'The signing secret (Standard Webhooks, whsec_…): shown this once; verify deliveries with it (README, Webhooks).',
} as const;

export const webhookWithSecret = {
  ...webhookResource,
  required: [...webhookResource.required, 'secret'],
  description: 'The endpoint with its signing secret, shown this once.',
  properties: { ...webhookResource.properties, secret },
} as const;

export const webhookList = {
  type: 'object',
  additionalProperties: false,
  required: ['webhooks'],
  description: "Your organisation's webhook endpoints, oldest first.",
  properties: { webhooks: { type: 'array', items: webhookResource } },
} as const;

/** What a delivery's body holds, from the one table that picks it (webhooks/event-types.ts). */
const PAYLOAD_DESCRIPTION = [
  'The body sent: {type, timestamp, data}. data holds the jobId (of an invitation answer: the invitationId) and, by type,',
  Object.entries(WEBHOOK_DATA)
    .filter(([, keys]) => keys.length > 0)
    .map(([type, keys]) => `${type}: ${keys.join(', ')}`)
    .join('; ') + '.',
  "jobType is the job type's id and version, `<id>@<version>` (e.g. cloudboxx-install@3, as GET /v1/job-types/{id}/versions/{version} shows it);",
  "state is the job's vehicle.security.state (GET /v1/jobs/{id}) when access ended, detail why the vehicle was not secured (check it);",
  'qnr is the CloudBoxx of a vehicle still not secured after `after` (a duration in words) without an answer from OneAPI: it is still being tried.',
].join(' ');

const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
/** A delivery's seq: 18 digits at most, so that any cursor the pattern lets through is a Postgres bigint. */
const DELIVERY_CURSOR = '^[0-9]{1,18}$';

export const deliveryListQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { enum: DELIVERY_STATUSES, description: 'Only deliveries in this state.' },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 50, description: 'Deliveries per page.' },
    cursor: {
      type: 'string',
      pattern: DELIVERY_CURSOR,
      description: 'The nextCursor of the previous page, to read on (older deliveries).',
    },
  },
} as const;

export const webhookDelivery = {
  type: 'object',
  additionalProperties: false,
  required: [
    'id',
    'webhookId',
    'type',
    'status',
    'attempts',
    'nextAttemptAt',
    'firstAttemptAt',
    'lastAttemptAt',
    'lastStatusCode',
    'lastError',
    'deliveredAt',
    'createdAt',
    'payload',
  ],
  description: 'One event for one endpoint, and how its attempts went.',
  properties: {
    id: { type: 'string', format: 'uuid', description: 'The delivery; its webhook-id header is msg_ and this, the same on every attempt.' },
    webhookId: { type: 'string', format: 'uuid', description: 'The endpoint.' },
    type: { enum: WEBHOOK_EVENT_TYPES },
    status: {
      enum: DELIVERY_STATUSES,
      description:
        'pending: not yet answered with 2xx and still being tried; delivered: answered 2xx; failed: retried for 3 days in vain (redeliver by hand).',
    },
    attempts: { type: 'integer', minimum: 0, description: 'Attempts made (since the last redelivery by hand).' },
    nextAttemptAt: { ...dateTime, type: ['string', 'null'] },
    firstAttemptAt: { ...dateTime, type: ['string', 'null'] },
    lastAttemptAt: { ...dateTime, type: ['string', 'null'] },
    lastStatusCode: {
      type: ['integer', 'null'],
      description: "The endpoint's answer to the last attempt; null when none came (timeout, refused).",
    },
    lastError: { type: ['string', 'null'], description: 'Why the last attempt failed, shortly.' },
    deliveredAt: { ...dateTime, type: ['string', 'null'] },
    createdAt: dateTime,
    payload: { type: 'object', description: PAYLOAD_DESCRIPTION },
  },
} as const;

export const webhookDeliveryPage = {
  type: 'object',
  additionalProperties: false,
  required: ['items', 'nextCursor'],
  description: "An endpoint's deliveries, newest first.",
  properties: {
    items: { type: 'array', items: webhookDelivery },
    nextCursor: {
      type: ['string', 'null'],
      pattern: DELIVERY_CURSOR,
      description: 'Send as cursor for the next page; null on the last page.',
    },
  },
} as const;
