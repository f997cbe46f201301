import { healthStatus, readiness } from '../health/schema';
import { addTechnicianBody, companyResource, newTechnician, technicianList } from '../companies/schema';
import {
  acceptInvitationBody,
  answeredInvitation,
  companyRegistered,
  createFleetBody,
  createInvitationBody,
  fleetList,
  fleetResource,
  invitationAcceptedByExistingCompany,
  invitationDeclined,
  invitationList,
  invitationPreviewResource,
  invitationResource,
  newInvitation,
} from '../invitations/schema';
import {
  jobTypeHistory,
  jobTypeList,
  jobTypeListQuery,
  jobTypeResource,
  jobTypeSummary,
  previewAnswer,
  previewBody,
  publishedJobType,
  validationAnswer,
} from '../job-types/schema';
import { jobListItem, jobListPage, jobListQuery } from '../jobs/list-schema';
import {
  accessGrant,
  assignJobBody,
  completeStepBody,
  createJobAnswer,
  createJobBody,
  createdJobs,
  editJobBody,
  failJobBody,
  importCsvBody,
  importJobsQuery,
  jobEvents,
  jobEventsQuery,
  jobImport,
  jobResource,
  jobStep,
  saveValuesBody,
  vehicleCommandAnswer,
  vehicleCommandBody,
} from '../jobs/schema';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../jobs/import-format';
import { JOB_ID_PATTERN } from '../../common/job';
import { IDEMPOTENCY_RETENTION_HOURS } from '../../db/idempotency-keys';
import { addressSuggestions, suggestionsQuery } from '../geocoding/schema';
import { SOURCE_LIMIT } from '../job-types/yaml-body';
import { problemBody } from '../problem-schema';
import { jobPhotos, photoResource } from '../photos/schema';
import { editProviderBody, providerResource } from '../providers/schema';
import { DEFAULT_PHOTO_MAX_BYTES } from '../../common/config';
import { PHOTO_CONTENT_TYPES } from '../../photos/inspect';
import { THUMBNAIL_CONTENT_TYPE } from '../../photos/thumbnail';
import { createProviderUserBody, newProviderUser, providerUserList } from '../users/schema';
import { accountLinkPreview, claimedAccount } from '../account-links/schema';
import {
  createWebhookBody,
  deliveryListQuery,
  EVENT_TYPE_NOT_RECEIVABLE,
  editWebhookBody,
  webhookDelivery,
  webhookDeliveryPage,
  webhookList,
  webhookResource,
  webhookWithSecret,
} from '../webhooks/schema';
import { EVENT_STREAM_FORMAT, eventStreamQuery, lastEventIdHeader, streamMessage } from '../events/schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface OperationBase {
  method: Method;
  path: string;
  /** The name a generated client gives the operation's function: a camelCase verb and noun, unique in the document. */
  operationId: string;
  summary: string;
  tag: string;
  /** The very schema object the route validates its body with. */
  body?: object;
  /**
   * The body is a job type's YAML source (application/yaml or text/yaml), not JSON; `any`: whatever
   * YAML (or none) it holds is taken, and the answer says what is wrong with it.
   */
  yamlBody?: true | 'any';
  /** The body is CSV (text/csv), as this schema says: the route answers 415 to anything else, and 413 over maxBytes. */
  csvBody?: { schema: object; maxBytes: number };
  /** The body is a photo as it is (PHOTO_CONTENT_TYPES): 415 for anything else, 413 over maxBytes. */
  photoBody?: { maxBytes: number };
  /** The route also takes the request with no body at all: `body` is then what it checks if one is sent. */
  bodyOptional?: true;
  /** Query parameters: the schema the route validates them with. */
  query?: { properties: Record<string, object>; required?: readonly string[] };
  /** Request headers the route reads (besides the token and Idempotency-Key), by name: their schema, with its description. */
  headers?: Record<string, object>;
  /** No API token: health, answering an invitation and claiming a sign-in link (their tokens are the credential). */
  public?: boolean;
  /** Answers besides the success and the problems, by status: the schema of what the route also sends. */
  otherResponses?: Record<number, object>;
  /** Headers the route sets on a success, by status (Location, Dropped-Values): each a description. */
  answerHeaders?: Record<number, Record<string, string>>;
  /**
   * The 422s of a request the schema allows, by problem type: what no schema can say, because it
   * depends on what exists (a job type's id, a key already used) or on a grammar of its own (YAML).
   */
  unprocessable?: string;
}

/**
 * The success: 204 with no body, or 201 when `created`, else 200, with a body of `response` — the
 * very schema its handler's type comes from.
 */
type Success =
  | { noContent: true; response?: never; created?: never; binary?: never; eventStream?: never }
  | { noContent?: never; response: object; created?: boolean; binary?: never; eventStream?: never }
  | { noContent?: never; response?: never; created?: never; binary: BinaryAnswer; eventStream?: never }
  | { noContent?: never; response?: never; created?: never; binary?: never; eventStream: { description: string } };

/** A success that is stored bytes, not JSON (a photo): streamed with an ETag, 304 when If-None-Match holds it. */
export interface BinaryAnswer {
  contentTypes: readonly string[];
  description: string;
}

export type Operation = OperationBase & Success;

/** A webhook URL the API will not send to (webhooks/targets.ts). */
const WEBHOOK_URL_REFUSED =
  "invalid-webhook-url: unless the installation allows private targets, the URL is not https, or names a host that does not resolve or resolves to a loopback, link-local or private address (its form, http(s) without user name or password, is the schema's)";

/**
 * Every route of the API with the schema it validates against. A test checks this table against
 * the routers, so a route cannot be added without appearing here.
 */
export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    summary: 'Liveness: 200 whenever the process answers; it checks nothing the API depends on (that is /readyz).',
    tag: 'operations',
    public: true,
    response: healthStatus,
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    summary:
      'Readiness: 200 when Postgres and Temporal answer, a worker polls the task queue and the job types are loaded; 503 naming the part that is not.',
    tag: 'operations',
    public: true,
    response: readiness,
    otherResponses: { 503: readiness },
  },
  {
    method: 'get',
    path: '/v1/job-types',
    operationId: 'listJobTypes',
    summary:
      "The job types new jobs can be created from: the built-in ones (but those your provider hid) and your provider's own, each in its latest version.",
    tag: 'job types',
    query: jobTypeListQuery,
    response: jobTypeList,
  },
  {
    method: 'get',
    path: '/v1/job-types/{id}',
    operationId: 'getJobType',
    summary:
      'A job type with its sections, fields, rules and steps: everything a create form needs; its versions, and its source for provider admins.',
    tag: 'job types',
    response: jobTypeResource,
  },
  {
    method: 'put',
    path: '/v1/job-types/{id}',
    operationId: 'publishJobType',
    summary:
      "Publish your provider's own job type from its YAML (provider admin): 201 a new version, 200 the same content as a published one; 422 invalid-job-type lists every problem; 409 version-conflict for a version published with other content.",
    tag: 'job types',
    yamlBody: true,
    created: true,
    response: publishedJobType,
    unprocessable: 'invalid-job-type: the YAML breaks the grammar of job types; every problem with its line and column',
    otherResponses: { 200: publishedJobType },
    answerHeaders: { 200: { Location: 'The published version.' }, 201: { Location: 'The published version.' } },
  },
  {
    method: 'post',
    path: '/v1/job-types/validate',
    operationId: 'validateJobType',
    summary: 'Check a YAML source as publishing would, saving nothing: every problem with line and column.',
    tag: 'job types',
    yamlBody: 'any',
    response: validationAnswer,
  },
  {
    method: 'post',
    path: '/v1/job-types/preview',
    operationId: 'previewJobType',
    summary:
      'What a job of a YAML source would be with sample values: the steps that apply, locked fields, the CloudBoxx configuration and its open placeholders, the problems of the values.',
    tag: 'job types',
    body: previewBody,
    response: previewAnswer,
  },
  {
    method: 'get',
    path: '/v1/job-types/{id}/versions/{version}',
    operationId: 'getJobTypeVersion',
    summary:
      'One version of a job type, with its source for provider admins; an installer company reads the versions of the jobs assigned to it.',
    tag: 'job types',
    response: jobTypeResource,
  },
  {
    method: 'get',
    path: '/v1/job-types/{id}/history',
    operationId: 'getJobTypeHistory',
    summary: 'Who published, archived and unarchived the job type, when, which version (provider admin).',
    tag: 'job types',
    response: jobTypeHistory,
  },
  {
    method: 'post',
    path: '/v1/job-types/{id}/archive',
    operationId: 'archiveJobType',
    summary: 'No new job or duplicate from this type (provider admin); running jobs go on. On a built-in type: hidden from your people.',
    tag: 'job types',
    response: jobTypeResource,
  },
  {
    method: 'post',
    path: '/v1/job-types/{id}/unarchive',
    operationId: 'unarchiveJobType',
    summary: 'New jobs may use the type again (provider admin).',
    tag: 'job types',
    response: jobTypeResource,
  },
  {
    method: 'get',
    path: '/v1/geocoding/suggestions',
    operationId: 'suggestAddresses',
    summary:
      'Addresses matching what has been typed, for a create form to pick from: each with lat, lng and its map link. 404 geocoding-not-configured when no geocoder is set up (GEOCODER_URL); 429 while the geocoding service is asked too often.',
    tag: 'jobs',
    query: suggestionsQuery,
    response: addressSuggestions,
  },
  {
    method: 'get',
    path: '/v1/jobs',
    operationId: 'listJobs',
    summary: 'Jobs you may see, filtered, searched, sorted and paged.',
    tag: 'jobs',
    query: jobListQuery,
    response: jobListPage,
  },
  {
    method: 'post',
    path: '/v1/jobs',
    operationId: 'createJob',
    summary: 'Create a job (or `count` identical ones); with installerCompanyId, save and assign.',
    tag: 'jobs',
    body: createJobBody,
    created: true,
    response: createJobAnswer,
    unprocessable:
      "unknown-job-type: no job type of yours or built in has this jobTypeId; job-type-archived: it is archived; invalid-values: the values break the job type's rules; company-not-invited: installerCompanyId has not accepted an invitation for the fleet",
    answerHeaders: { 201: { Location: 'The new job, when one was created (no count).' } },
  },
  {
    method: 'post',
    path: '/v1/jobs/import',
    operationId: 'importJobs',
    summary:
      'Create one job per CSV row (up to 1 000), of the job type and fleet in the query; the columns are the field keys and customerName, requestedStartAt, installerCompanyId. dryRun=true answers every problem by row and column (200, nothing created); otherwise the rows without problems are created (201: which row became which job), or with atomic=true all rows or none (422 invalid-import with every problem at /rows/{row}/{column}).',
    tag: 'jobs',
    csvBody: { schema: importCsvBody, maxBytes: MAX_IMPORT_BYTES },
    query: importJobsQuery,
    created: true,
    response: jobImport,
    otherResponses: { 200: jobImport },
    unprocessable:
      'unknown-job-type: no job type of yours or built in has this jobTypeId; job-type-archived: it is archived; invalid-import: with atomic=true, a row has problems',
  },
  {
    method: 'post',
    path: '/v1/jobs/{id}/photos',
    operationId: 'uploadJobPhoto',
    summary:
      "Upload a photo for a RUNNING job (the installer company it is assigned to): the image file as the body, with its type (what fetch(url, {method: 'POST', body: blob}) sends). JPEG, PNG, HEIC/HEIF or WebP, recognised by its bytes (415 otherwise); 413 over the size limit. Answers the photoId to put in a photo field, with type, size, pixel dimensions, SHA-256, who took it and when. The original is kept as uploaded, EXIF included; the thumbnail has no metadata.",
    tag: 'photos',
    photoBody: { maxBytes: DEFAULT_PHOTO_MAX_BYTES },
    created: true,
    response: photoResource,
    answerHeaders: { 201: { Location: 'The photo.' } },
  },
  {
    method: 'get',
    path: '/v1/jobs/{id}/photos',
    operationId: 'listJobPhotos',
    summary:
      'The photos uploaded for a job and still kept, oldest first, each with the photo field that holds it (null while none does), for everyone who may see the job.',
    tag: 'photos',
    response: jobPhotos,
  },
  {
    method: 'get',
    path: '/v1/photos/{photoId}',
    operationId: 'getPhoto',
    summary:
      "A job's photo as uploaded (EXIF included), for the provider's users who may see the job and the assigned company's users; 404 for anyone else. ETag is its SHA-256 (304 on If-None-Match).",
    tag: 'photos',
    binary: { contentTypes: PHOTO_CONTENT_TYPES, description: 'The photo, as uploaded.' },
  },
  {
    method: 'get',
    path: '/v1/photos/{photoId}/thumbnail',
    operationId: 'getPhotoThumbnail',
    summary:
      'The photo as a JPEG of at most 320 px, upright and without metadata, for lists; 404 no-thumbnail when none could be made (a HEIF no decoder here reads).',
    tag: 'photos',
    binary: { contentTypes: [THUMBNAIL_CONTENT_TYPE], description: 'The thumbnail.' },
  },
  {
    method: 'get',
    path: '/v1/jobs/{id}',
    operationId: 'getJob',
    summary: 'A job: values with locked fields, steps, last completed step, dates, failure reason, access.',
    tag: 'jobs',
    response: jobResource,
  },
  {
    method: 'patch',
    path: '/v1/jobs/{id}',
    operationId: 'editJob',
    summary: 'Edit a PENDING job (provider).',
    tag: 'jobs',
    body: editJobBody,
    response: jobResource,
  },
  {
    method: 'delete',
    path: '/v1/jobs/{id}',
    operationId: 'deleteJob',
    summary: 'Delete a PENDING job (provider).',
    tag: 'jobs',
    noContent: true,
  },
  {
    method: 'post',
    path: '/v1/jobs/{id}/duplicate',
    operationId: 'duplicateJob',
    summary:
      "A new PENDING job of the job type's latest version with the values its provider had set; values that version no longer lets the provider set are left out and named, comma-separated, in the Dropped-Values header.",
    tag: 'jobs',
    created: true,
    response: jobResource,
    answerHeaders: {
      201: {
        Location: 'The new job.',
        'Dropped-Values': 'The keys of the values left out, comma-separated; absent when none was.',
      },
    },
  },
  {
    method: 'post',
    path: '/v1/jobs/{id}/assign',
    operationId: 'assignJob',
    summary: 'Assign a PENDING job to a company invited for its fleet.',
    tag: 'jobs',
    body: assignJobBody,
    response: jobResource,
  },
  {
    method: 'get',
    path: '/v1/jobs/{id}/events',
    operationId: 'listJobEvents',
    summary:
      "The audit trail: who did what, when, oldest first, a page at a time (limit, cursor: the nextCursor of the page before); an installer company's from its (last) assignment on.",
    tag: 'jobs',
    query: jobEventsQuery,
    response: jobEvents,
  },
  {
    method: 'post',
    path: '/v1/jobs/{id}/start',
    operationId: 'startJob',
    summary: 'Start an ASSIGNED job: opens the job-scoped vehicle access (installer).',
    tag: 'installer',
    response: jobResource,
  },
  {
    method: 'patch',
    path: '/v1/jobs/{id}/values',
    operationId: 'saveJobValues',
    summary: "Save the open steps' fields as a draft (installer).",
    tag: 'installer',
    body: saveValuesBody,
    response: jobResource,
  },
  {
    method: 'post',
    path: '/v1/jobs/{id}/steps/{stepId}/complete',
    operationId: 'completeJobStep',
    summary:
      "Complete the next step with its values and checklist; runs the step's action (installer). 202 while the action still runs: the step is inProgress and its outcome follows on the job (Location).",
    tag: 'installer',
    body: completeStepBody,
    bodyOptional: true,
    response: jobResource,
    otherResponses: { 202: jobResource },
    answerHeaders: { 202: { Location: 'The job, where the outcome of the action arrives.' } },
  },
  {
    method: 'post',
    path: '/v1/jobs/{id}/complete',
    operationId: 'completeJob',
    summary: 'Complete the job: SUCCEEDED, vehicle access revoked (installer).',
    tag: 'installer',
    response: jobResource,
  },
  {
    method: 'post',
    path: '/v1/jobs/{id}/fail',
    operationId: 'failJob',
    summary:
      "Decline an ASSIGNED job or give up a RUNNING one, with the reason: FAILED; a running job's vehicle access is revoked and the vehicle secured (installer).",
    tag: 'installer',
    body: failJobBody,
    response: jobResource,
  },
  {
    method: 'post',
    path: '/v1/jobs/{id}/vehicle/commands',
    operationId: 'sendVehicleCommand',
    summary: "Lock, unlock … the vehicle through the job's open access (installer).",
    tag: 'installer',
    body: vehicleCommandBody,
    response: vehicleCommandAnswer,
  },
  {
    method: 'get',
    path: '/v1/events/stream',
    operationId: 'streamEvents',
    summary:
      'Your events as they happen (Server-Sent Events): the events of the jobs you may see and, for provider admins and dispatchers and the company that answered, invitation answers. Resumable with Last-Event-ID; see the answer for the format.',
    tag: 'events',
    query: eventStreamQuery,
    headers: { 'Last-Event-ID': lastEventIdHeader },
    eventStream: { description: EVENT_STREAM_FORMAT },
  },
  { method: 'get', path: '/v1/fleets', operationId: 'listFleets', summary: "The provider's fleets.", tag: 'tenancy', response: fleetList },
  {
    method: 'post',
    path: '/v1/fleets',
    operationId: 'createFleet',
    summary: 'Add a fleet (provider admin); each fleet has its own invitations and jobs.',
    tag: 'tenancy',
    body: createFleetBody,
    created: true,
    response: fleetResource,
    answerHeaders: { 201: { Location: "The new fleet's invitations." } },
  },
  {
    method: 'get',
    path: '/v1/fleets/{fleetId}/invitations',
    operationId: 'listInvitations',
    summary: "A fleet's installer-company invitations and their status.",
    tag: 'tenancy',
    response: invitationList,
  },
  {
    method: 'post',
    path: '/v1/fleets/{fleetId}/invitations',
    operationId: 'createInvitation',
    summary: 'Invite an installer company by e-mail (one per fleet and company).',
    tag: 'tenancy',
    body: createInvitationBody,
    created: true,
    response: newInvitation,
  },
  {
    method: 'delete',
    path: '/v1/fleets/{fleetId}/invitations/{invitationId}',
    operationId: 'withdrawInvitation',
    summary: 'Withdraw an invitation nobody has answered yet.',
    tag: 'tenancy',
    noContent: true,
  },
  {
    method: 'get',
    path: '/v1/invitations/{token}',
    operationId: 'getInvitation',
    summary: 'Who invites the company, for which fleet: for the registration page.',
    tag: 'tenancy',
    public: true,
    response: invitationPreviewResource,
  },
  {
    method: 'post',
    path: '/v1/invitations/{token}/accept',
    operationId: 'acceptInvitation',
    summary: 'The installer company registers (or, signed in, accepts another fleet).',
    tag: 'tenancy',
    body: acceptInvitationBody,
    bodyOptional: true,
    public: true,
    created: true,
    response: companyRegistered,
    otherResponses: { 200: invitationAcceptedByExistingCompany },
    answerHeaders: { 201: { Location: 'The new company.' } },
  },
  {
    method: 'post',
    path: '/v1/invitations/{token}/decline',
    operationId: 'declineInvitation',
    summary: 'The installer company declines.',
    tag: 'tenancy',
    public: true,
    response: invitationDeclined,
  },
  {
    method: 'get',
    path: '/v1/account-links/{token}',
    operationId: 'getAccountLink',
    summary: "Whom a welcome e-mail's sign-in link signs in, without using it: 404 once it is used or expired.",
    tag: 'tenancy',
    public: true,
    response: accountLinkPreview,
  },
  {
    method: 'post',
    path: '/v1/account-links/{token}/claim',
    operationId: 'claimAccountLink',
    summary: 'Get a new API token of your own through the sign-in link in your welcome e-mail; the link works once.',
    tag: 'tenancy',
    public: true,
    created: true,
    response: claimedAccount,
  },
  {
    method: 'get',
    path: '/v1/users',
    operationId: 'listUsers',
    summary: "The provider's admins and dispatchers (provider admin).",
    tag: 'tenancy',
    response: providerUserList,
  },
  {
    method: 'delete',
    path: '/v1/users/{userId}',
    operationId: 'removeUser',
    summary: 'Remove a user who left: their token stops working at once; what they did stays in the job events (provider admin).',
    tag: 'tenancy',
    noContent: true,
  },
  {
    method: 'post',
    path: '/v1/users',
    operationId: 'createUser',
    summary: 'Add a provider admin, or a dispatcher limited to the customers they act for.',
    tag: 'tenancy',
    body: createProviderUserBody,
    created: true,
    response: newProviderUser,
  },
  {
    method: 'get',
    path: '/v1/providers/me',
    operationId: 'getMyProvider',
    summary: 'Your mobility provider and its settings: how long the photos of finished jobs are kept.',
    tag: 'tenancy',
    response: providerResource,
  },
  {
    method: 'patch',
    path: '/v1/providers/me',
    operationId: 'editMyProvider',
    summary:
      "Change your provider's settings (provider admin): photoRetentionDays, the days photos of finished jobs are kept before photo housekeeping removes them (null: the installation's default).",
    tag: 'tenancy',
    body: editProviderBody,
    response: providerResource,
  },
  {
    method: 'get',
    path: '/v1/companies/me',
    operationId: 'getMyCompany',
    summary: 'Your installer company and the fleets it works for.',
    tag: 'tenancy',
    response: companyResource,
  },
  {
    method: 'get',
    path: '/v1/companies/me/technicians',
    operationId: 'listTechnicians',
    summary: "Your company's technicians (company admin).",
    tag: 'tenancy',
    response: technicianList,
  },
  {
    method: 'delete',
    path: '/v1/companies/me/technicians/{userId}',
    operationId: 'removeTechnician',
    summary: 'Remove a technician who left: their token stops working at once (company admin).',
    tag: 'tenancy',
    noContent: true,
  },
  {
    method: 'post',
    path: '/v1/companies/me/technicians',
    operationId: 'addTechnician',
    summary: 'Add a technician to your installer company.',
    tag: 'tenancy',
    body: addTechnicianBody,
    created: true,
    response: newTechnician,
  },
  {
    method: 'get',
    path: '/v1/webhooks',
    operationId: 'listWebhooks',
    summary: "Your organisation's webhook endpoints (provider admin, installer company admin).",
    tag: 'webhooks',
    response: webhookList,
  },
  {
    method: 'post',
    path: '/v1/webhooks',
    operationId: 'createWebhook',
    summary:
      "Register an endpoint for your organisation's events (provider admin: all the provider's; installer company admin: the jobs assigned to the company). Deliveries follow Standard Webhooks, signed with the secret answered this once.",
    tag: 'webhooks',
    body: createWebhookBody,
    created: true,
    response: webhookWithSecret,
    unprocessable: `${WEBHOOK_URL_REFUSED}; ${EVENT_TYPE_NOT_RECEIVABLE}`,
    answerHeaders: { 201: { Location: 'The new endpoint.' } },
  },
  {
    method: 'get',
    path: '/v1/webhooks/{webhookId}',
    operationId: 'getWebhook',
    summary: 'One of your webhook endpoints.',
    tag: 'webhooks',
    response: webhookResource,
  },
  {
    method: 'patch',
    path: '/v1/webhooks/{webhookId}',
    operationId: 'editWebhook',
    summary: 'Change the URL, the event types or the description; pause the endpoint (deliveries are kept, none sent) or resume it.',
    tag: 'webhooks',
    body: editWebhookBody,
    response: webhookResource,
    unprocessable: `${WEBHOOK_URL_REFUSED}; ${EVENT_TYPE_NOT_RECEIVABLE}`,
  },
  {
    method: 'delete',
    path: '/v1/webhooks/{webhookId}',
    operationId: 'deleteWebhook',
    summary: 'Remove the endpoint and its deliveries.',
    tag: 'webhooks',
    noContent: true,
  },
  {
    method: 'post',
    path: '/v1/webhooks/{webhookId}/secret',
    operationId: 'rotateWebhookSecret',
    summary: 'A new signing secret, answered this once; for 24 hours deliveries carry a signature by the old secret too.',
    tag: 'webhooks',
    response: webhookWithSecret,
  },
  {
    method: 'get',
    path: '/v1/webhooks/{webhookId}/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "The endpoint's deliveries, newest first: status, attempts, the last status code and when the next attempt is due.",
    tag: 'webhooks',
    query: deliveryListQuery,
    response: webhookDeliveryPage,
  },
  {
    method: 'post',
    path: '/v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
    operationId: 'redeliverWebhook',
    summary:
      'Send a delivery again (a failed one, say): pending at once, with the same webhook-id and body, and retried as a new one would be.',
    tag: 'webhooks',
    response: webhookDelivery,
  },
];

/**
 * Schemas shown once under components/schemas, by the name a generated client gives their type;
 * wherever one of these very objects occurs in an answer, the document refers to it by $ref.
 */
const COMPONENTS: Record<string, object> = {
  Problem: problemBody,
  Health: healthStatus,
  Readiness: readiness,
  JobTypeSummary: jobTypeSummary,
  JobTypeList: jobTypeList,
  JobType: jobTypeResource,
  JobTypeValidation: validationAnswer,
  PublishedJobType: publishedJobType,
  JobTypePreview: previewAnswer,
  JobTypeHistory: jobTypeHistory,
  Job: jobResource,
  JobStep: jobStep,
  AccessGrant: accessGrant,
  JobListItem: jobListItem,
  JobListPage: jobListPage,
  CreatedJobs: createdJobs,
  JobImport: jobImport,
  JobEvents: jobEvents,
  Photo: photoResource,
  VehicleCommandResult: vehicleCommandAnswer,
  Fleet: fleetResource,
  FleetList: fleetList,
  Invitation: invitationResource,
  InvitationList: invitationList,
  NewInvitation: newInvitation,
  InvitationPreview: invitationPreviewResource,
  AnsweredInvitation: answeredInvitation,
  CompanyRegistered: companyRegistered,
  InvitationAccepted: invitationAcceptedByExistingCompany,
  InvitationDeclined: invitationDeclined,
  AccountLinkPreview: accountLinkPreview,
  ClaimedAccount: claimedAccount,
  Company: companyResource,
  NewTechnician: newTechnician,
  TechnicianList: technicianList,
  NewProviderUser: newProviderUser,
  ProviderUserList: providerUserList,
  Webhook: webhookResource,
  WebhookWithSecret: webhookWithSecret,
  WebhookList: webhookList,
  WebhookDelivery: webhookDelivery,
  WebhookDeliveryPage: webhookDeliveryPage,
};
const COMPONENT_NAMES = new Map(Object.entries(COMPONENTS).map(([name, schema]) => [schema, name]));

const problem = {
  description: 'A problem (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};
/** Any POST: a request whose Idempotency-Key another request with it still holds. */
const keyInUse = {
  ...problem,
  description:
    'A problem (RFC 9457); idempotency-key-in-use: a request with this Idempotency-Key is still being handled — retry after Retry-After with the same key',
  headers: { 'Retry-After': { description: 'Seconds to wait before retrying, with idempotency-key-in-use.', schema: { type: 'integer' } } },
};
/** Any POST: a key is one request's (the Idempotency-Key header says so). */
const KEY_REUSED = 'idempotency-key-reused: the Idempotency-Key was sent before with another request (path, body or API token)';

/** 422: the request is well formed, yet what it asks breaks a rule; the operation names the problem types it can be. */
function unprocessable(op: Operation): object {
  const types = [op.unprocessable, op.method === 'post' ? KEY_REUSED : undefined].filter(Boolean);
  return types.length === 0 ? problem : { ...problem, description: `A problem (RFC 9457). ${types.join('; ')}` };
}
/** A job type's YAML, as the author wrote it. */
const yamlSource = {
  type: 'string',
  description: `A job type's YAML source (job-types/schema/job-type.schema.json), ${SOURCE_LIMIT}; version: may be left out to get the next one.`,
};
/**
 * Text to check: a YAML document of any value, or not YAML at all, is taken and its problems answered
 * (200). A type would say otherwise: a YAML body's schema describes the value the YAML holds, not its text.
 */
const anyYamlText = {
  description: `Any text, ${SOURCE_LIMIT}: a job type's YAML source (job-types/schema/job-type.schema.json) or not; the answer lists its problems.`,
};
/** The JSON body parser reads POST and PATCH bodies on every route, whether it takes one or not. */
const tooLarge = { ...problem, description: 'payload-too-large: the request body is over 256 kB' };
/** The CSV import reads its body itself, with a limit of its own. */
const csvTooLarge = (maxBytes: number) => ({
  ...problem,
  description: `payload-too-large: the CSV is over ${maxBytes / 1024 / 1024} MiB, or has more than ${MAX_IMPORT_ROWS} rows under its header (rule maxRows)`,
});
const unsupportedMediaType = { ...problem, description: 'unsupported-media-type: the body is not text/csv' };
/** A body the JSON parser would leave unread (api/validate.ts, jsonBodies). */
const notYaml = { ...problem, description: 'unsupported-media-type: the body is not a YAML text (application/yaml or text/yaml)' };
const notJson = { ...problem, description: 'unsupported-media-type: a body is sent, but not as application/json (or another +json type)' };
/** A photo upload: the image as it is, with its own type; the API judges the type by the bytes. */
const photoContent = Object.fromEntries(
  [...PHOTO_CONTENT_TYPES, 'application/octet-stream'].map((type) => [
    type,
    { schema: { type: 'string', contentMediaType: type, description: 'The image file as the camera saved it.' } },
  ]),
);
const photoTooLarge = (maxBytes: number) => ({
  ...problem,
  description: `payload-too-large: the photo is over ${maxBytes / 1024 / 1024} MiB (PHOTO_MAX_BYTES), by its Content-Length or as it arrives`,
});
const notAPhoto = { ...problem, description: 'unsupported-media-type: the bytes are not a JPEG, PNG, HEIC/HEIF or WebP image' };
/** Stored bytes, streamed: their type, length and ETag; 304 to a client that holds them. */
function binaryAnswers(binary: BinaryAnswer): Record<number, object> {
  const etag = { description: 'The SHA-256 of the bytes, quoted; send it back as If-None-Match.', schema: { type: 'string' } };
  return {
    200: {
      description: binary.description,
      headers: {
        ETag: etag,
        'Cache-Control': {
          description: 'private: kept by the device of the user who may see it, never by a shared cache.',
          schema: { type: 'string' },
        },
        'Content-Length': { description: 'Bytes.', schema: { type: 'integer' } },
      },
      content: Object.fromEntries(binary.contentTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])),
    },
    304: { description: 'Not modified: If-None-Match names these bytes.', headers: { ETag: etag } },
  };
}
/** An open stream of Server-Sent Events: its messages' schema, and their format in words. */
function eventStreamAnswer(description: string): Record<number, object> {
  return {
    200: {
      description,
      headers: {
        'Cache-Control': { description: 'no-cache, no-transform: each message is passed on as it comes.', schema: { type: 'string' } },
      },
      content: { 'text/event-stream': { schema: streamMessage } },
    },
  };
}
/** Counted per API token, so only where a token is needed. */
const rateLimited = {
  ...problem,
  description: 'rate-limited: too many requests for this API token (API_RATE_LIMIT_PER_MINUTE)',
  headers: { 'Retry-After': { description: 'Seconds until the token may send again.', schema: { type: 'integer' } } },
};
/** Any route, when something fails on our side. */
const internal = { ...problem, description: 'internal: a fault on our side; it has been logged' };
/** Any route: Node refuses headers over its limit before a route is chosen (api/server.ts). */
const headersTooLarge = { ...problem, description: 'headers-too-large: the request headers are over 16 kB in all' };
/** Any route, when a server the API needs is down, or a change was sent and no outcome came back. */
const unavailable = {
  ...problem,
  description:
    'service-unavailable: Postgres, Temporal or the worker that runs jobs cannot be reached; outcome-unknown: a change was sent and no outcome came back in time — retry with the same Idempotency-Key to get its outcome (it is never applied twice)',
  headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } },
};

/**
 * The OpenAPI 3.1 document, built from the same schemas the routes validate with and type their
 * answers by; its server is `serverUrl`, else wherever the document itself was fetched from.
 */
export function openApiDocument(serverUrl?: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of OPERATIONS) {
    const pathParameters = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name: name!,
      in: 'path',
      required: true,
      ...pathParameter(op.path, name!),
    }));
    const queryParameters = op.query
      ? Object.entries(op.query.properties).map(([name, schema]) =>
          queryParameter(name, schema, op.query?.required?.includes(name) ?? false),
        )
      : [];
    const headerParameters = Object.entries(op.headers ?? {}).map(([name, property]) => headerParameter(name, property));
    const answers = { ...(op.response ? { [op.created ? 201 : 200]: op.response } : {}), ...op.otherResponses };
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      tags: [op.tag],
      ...(op.public ? { security: [] } : {}),
      ...(pathParameters.length + queryParameters.length + headerParameters.length > 0
        ? { parameters: [...pathParameters, ...queryParameters, ...headerParameters] }
        : {}),
      ...(op.body ? { requestBody: { required: !op.bodyOptional, content: { 'application/json': { schema: storable(op.body) } } } } : {}),
      ...(op.yamlBody
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                ['application/yaml', 'text/yaml'].map((type) => [
                  type,
                  { schema: storable(op.yamlBody === 'any' ? anyYamlText : yamlSource) },
                ]),
              ),
            },
          }
        : {}),
      ...(op.csvBody ? { requestBody: { required: true, content: { 'text/csv': { schema: storable(op.csvBody.schema) } } } } : {}),
      ...(op.method === 'post'
        ? {
            parameters: [
              ...pathParameters,
              ...queryParameters,
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                schema: { type: 'string', maxLength: 255 },
                description: `Makes the POST safe to retry: the same key and request (the same path, body and API token) get the first answer again, and what the first one started is finished, never done twice. A key belongs to one request: sent again with another path, body or token it answers 422 idempotency-key-reused, and while the first request with it is still being handled 409 idempotency-key-in-use (retry shortly). A key is kept for ${IDEMPOTENCY_RETENTION_HOURS} hours; use a new one for every new request (a UUID, say). An empty key is no key.`,
              },
            ],
          }
        : {}),
      ...(op.photoBody ? { requestBody: { required: true, content: photoContent } } : {}),
      responses: {
        ...(op.noContent ? { 204: { description: 'Done' } } : {}),
        ...(op.binary ? binaryAnswers(op.binary) : {}),
        ...(op.eventStream ? eventStreamAnswer(op.eventStream.description) : {}),
        ...Object.fromEntries(
          Object.entries(answers).map(([status, schema]) => [status, withAnswerHeaders(op, Number(status), jsonAnswer(schema))]),
        ),
        400: problem,
        401: problem,
        403: problem,
        404: problem,
        409: op.method === 'post' ? keyInUse : problem,
        ...(op.method === 'post' || op.method === 'patch' || op.method === 'put'
          ? { 413: op.csvBody ? csvTooLarge(op.csvBody.maxBytes) : op.photoBody ? photoTooLarge(op.photoBody.maxBytes) : tooLarge }
          : {}),
        ...(op.body ? { 415: notJson } : {}),
        ...(op.csvBody ? { 415: unsupportedMediaType } : {}),
        ...(op.yamlBody !== undefined ? { 415: notYaml } : {}),
        ...(op.photoBody ? { 415: notAPhoto } : {}),
        422: unprocessable(op),
        ...(op.public ? {} : { 429: rateLimited }),
        431: headersTooLarge,
        500: internal,
        // /readyz documents its own 503: which part is not ready.
        ...(503 in answers ? {} : { 503: unavailable }),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'installer-jobs API',
      version: '1',
      description:
        'CloudBoxx installation jobs for mobility providers and their installer companies. Errors are problem+json with a stable `type`.',
    },
    // Without a URL of its own, the API is where the document was read from (a relative server URL).
    servers: [{ url: serverUrl ?? '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (stored hashed on our side).' } },
      schemas: Object.fromEntries(Object.entries(COMPONENTS).map(([name, schema]) => [name, referringToComponents(schema, schema)])),
    },
  };
}

/**
 * A success with the headers its route sets: those of `answerHeaders`, and on a POST the
 * Idempotent-Replayed of an answer given again for an Idempotency-Key (api/idempotency.ts).
 */
function withAnswerHeaders(op: Operation, status: number, answer: object): object {
  if (status < 200 || status > 299) return answer;
  const headers: Record<string, object> = Object.fromEntries(
    Object.entries(op.answerHeaders?.[status] ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
  );
  if (op.method === 'post') {
    headers['Idempotent-Replayed'] = {
      description: 'true when this is the first answer to an earlier request with the same Idempotency-Key, given again; absent otherwise.',
      schema: { type: 'string', enum: ['true'] },
    };
  }
  return Object.keys(headers).length > 0 ? { ...answer, headers } : answer;
}

function jsonAnswer(schema: object): object {
  const { description } = schema as { description?: string };
  return { description: description ?? 'OK', content: { 'application/json': { schema: referringToComponents(schema) } } };
}

/** A copy of the schema in which every component but `self` is replaced by a $ref to it. */
function referringToComponents(schema: unknown, self?: object): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  const name = COMPONENT_NAMES.get(schema);
  if (name !== undefined && schema !== self) return { $ref: `#/components/schemas/${name}` };
  if (Array.isArray(schema)) return schema.map((item) => referringToComponents(item));
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, referringToComponents(value)]));
}

/**
 * A query parameter from the property the route validates it with: its description on the
 * parameter, where OpenAPI tools show it, the schema keywords (enum, default, bounds) in its schema.
 */
function queryParameter(name: string, property: object, required: boolean): object {
  const { description, ...schema } = property as { description?: string; type?: unknown; items?: object };
  return {
    name,
    in: 'query',
    required,
    ...(description ? { description } : {}),
    schema: storable(schema.type === 'array' && schema.items ? { ...schema, items: typed(schema.items) } : typed(schema)),
    ...(schema.type === 'array' ? { style: 'form', explode: true } : {}),
  };
}

/** A request header from the schema the route checks it against: its description on the parameter, as for a query parameter. */
function headerParameter(name: string, property: object): object {
  const { description, ...schema } = property as { description?: string };
  return { name, in: 'header', required: false, ...(description ? { description } : {}), schema: storable(schema) };
}

/**
 * Text Postgres cannot store: the API refuses NUL in any request (common/storable.ts). It refuses a
 * lone surrogate too, but a pattern saying so (a range of surrogates, or \p{Cs}) is one that
 * common tools (schemathesis's regex engines) cannot read, so the description alone says that.
 */
const STORABLE_TEXT = '^[^\\u0000]*$';
const STORABLE_KEY = { pattern: STORABLE_TEXT, not: { const: '__proto__' } };
/** The years a date the API stores may have (common/storable.ts): 1900-9999. */
const STORABLE_YEAR = '^(19[0-9]{2}|[2-9][0-9]{3})-';
/** And a date-time's zone: Z, or an offset up to ±14:00. */
const STORABLE_DATE_TIME = `${STORABLE_YEAR}.*([Zz]|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)$`;

/**
 * A copy of a request schema saying what the API refuses before the schema's rules are read:
 * free text and free keys never hold NUL, a date lies in 1900-9999, a zone offset within ±14:00. Without this, a client
 * (or a fuzzer) generating from the document sends values it allows and gets 400.
 */
function storable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(storable);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === 'enum' || key === 'const' || key === 'default' || key === 'examples' ? value : storable(value),
    ]),
  );
  // Free keys (a job's values by field key) are text the API stores too; and the JSON parser refuses
  // `__proto__` as a key anywhere (co-body's guard against prototype poisoning), so the document does too.
  if ([copy.type].flat().includes('object') && copy.additionalProperties !== false && copy.propertyNames === undefined)
    copy.propertyNames = STORABLE_KEY;
  const isString = [copy.type].flat().includes('string');
  if (!isString || copy.enum !== undefined || copy.const !== undefined) return copy;
  // A pattern for the whole value (^…$) says what the text may hold; one that looks for a part (\S: not blank) says nothing of NUL.
  if (typeof copy.pattern === 'string')
    return copy.pattern.startsWith('^') && copy.pattern.endsWith('$')
      ? copy
      : { ...copy, allOf: [...((copy.allOf as unknown[]) ?? []), { pattern: STORABLE_TEXT }] };
  if (copy.format === 'date-time') return { ...copy, pattern: STORABLE_DATE_TIME };
  if (copy.format === 'date') return { ...copy, pattern: STORABLE_YEAR };
  return copy.format === undefined ? { ...copy, pattern: STORABLE_TEXT } : copy;
}

/** An enum of strings says so: a generated client then types it as a union of strings, not `any`. */
function typed(schema: object): object {
  const { enum: values, type } = schema as { enum?: unknown[]; type?: unknown };
  return type === undefined && values?.every((value) => typeof value === 'string') ? { type: 'string', ...schema } : schema;
}

const UUID = { type: 'string', format: 'uuid' };
/** Path parameters by name (`id` is a job's, but under /v1/job-types): what they are, and the form the API takes. */
const PATH_PARAMETERS: Record<string, { description: string; schema: object }> = {
  id: { description: 'The job id, e.g. J-01HZX3K9QF.', schema: { type: 'string', pattern: JOB_ID_PATTERN.source } },
  jobTypeId: {
    description: 'The job type id (kebab-case), e.g. cloudboxx-install.',
    schema: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', maxLength: 64 },
  },
  version: { description: 'A published version of the job type, from 1.', schema: { type: 'integer', minimum: 1, maximum: 999_999_999 } },
  stepId: {
    description: "The id of a step of the job's job type, as the job's steps list it, e.g. mount.",
    schema: { type: 'string', pattern: '^[a-z][a-zA-Z0-9]*(-[a-zA-Z0-9]+)*$', maxLength: 64 },
  },
  fleetId: { description: 'The fleet id (GET /v1/fleets).', schema: UUID },
  invitationId: { description: 'The invitation id (GET /v1/fleets/{fleetId}/invitations).', schema: UUID },
  token: {
    description: "The invitation's token, from the link in its e-mail: inv_ and 32 characters.",
    schema: { type: 'string', pattern: '^inv_[A-Za-z0-9_-]{32}$' },
  },
  accountLinkToken: {
    description: "The sign-in link's token, from the link in the welcome e-mail: acl_ and 32 characters.",
    schema: { type: 'string', pattern: '^acl_[A-Za-z0-9_-]{32}$' },
  },
  userId: { description: 'The user id (as the list of users or technicians gives it).', schema: UUID },
  photoId: { description: 'The photo id, as its upload answered.', schema: UUID },
  webhookId: { description: 'The webhook endpoint id (GET /v1/webhooks).', schema: UUID },
  deliveryId: { description: 'The delivery id (GET /v1/webhooks/{webhookId}/deliveries).', schema: UUID },
};

function pathParameter(path: string, name: string): { description: string; schema: object } {
  const parameter =
    PATH_PARAMETERS[
      name === 'id' && path.startsWith('/v1/job-types/')
        ? 'jobTypeId'
        : name === 'token' && path.startsWith('/v1/account-links/')
          ? 'accountLinkToken'
          : name
    ];
  if (!parameter) throw new Error(`${path}: path parameter {${name}} has no entry in PATH_PARAMETERS`);
  return parameter;
}
