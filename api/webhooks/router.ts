import Router from '@koa/router';
import type { Client } from '@temporalio/client';
import type { FromSchema } from 'json-schema-to-ts';
import { ForbiddenError, NotFoundError, RuleViolationError } from '../../common/errors';
import { loadConfig, type WebhookSettings } from '../../common/config';
import type { Db } from '../../db/connection';
import type { Principal } from '../../db/tenancy';
import { endpointDeliveries, redeliver, type WebhookDeliveryRow } from '../../db/webhook-deliveries';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  editWebhookEndpoint,
  findWebhookEndpoint,
  rotateWebhookSecret,
  webhookEndpoints,
  type WebhookEndpointRow,
} from '../../db/webhook-endpoints';
import { wakeWebhookEndpoint } from '../../temporal/webhooks';
import { SecretSealer } from '../../webhooks/secret-sealing';
import { whyNeverReceived, type WebhookEventType } from '../../webhooks/event-types';
import { checkWebhookUrl, WebhookUrlProblem } from '../../webhooks/targets';
import type { AuthState } from '../auth';
import type { SignedInDeps } from '../signed-in';
import { isUuid, parseBody, parseQuery } from '../validate';
import {
  createWebhookBody,
  deliveryListQuery,
  editWebhookBody,
  type webhookDelivery,
  type webhookDeliveryPage,
  type webhookList,
  type webhookResource,
  type webhookWithSecret,
} from './schema';

/** After a rotation, the old secret signs beside the new one this long: time for the receiver to switch. */
const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export interface WebhooksRouterDeps extends SignedInDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** WEBHOOK_ALLOW_PRIVATE_TARGETS; default: as the environment says (common/config.ts). */
  webhooks?: WebhookSettings;
}

/**
 * A tenant's webhook endpoints: a provider admin's for the provider's events, an installer company
 * admin's for the jobs assigned to the company. Another tenant's endpoint is answered as absent.
 */
export function webhooksRouter(deps: WebhooksRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/webhooks' });
  router.use(deps.signedIn);
  const settings = () => deps.webhooks ?? loadConfig().webhooks;
  const allowPrivate = () => settings().allowPrivateTargets === true;
  let sealer: SecretSealer | undefined;
  const sealing = () => (sealer ??= new SecretSealer(settings().secretsKey, settings().previousSecretsKeys));

  router.get('/', async (ctx) => {
    const principal = tenantAdmin(ctx.state.principal, 'see webhooks');
    const answer: FromSchema<typeof webhookList> = {
      webhooks: (await webhookEndpoints(deps.db, principal.organisationId)).map(asResource),
    };
    ctx.body = answer;
  });

  router.post('/', async (ctx) => {
    const principal = tenantAdmin(ctx.state.principal, 'register webhooks');
    const body = parseBody(createWebhookBody, ctx.request.body);
    refuseNeverReceived(principal, body.eventTypes);
    await refuseUnsafeUrl(body.url, allowPrivate());
    const { endpoint, secret } = await createWebhookEndpoint(deps.db, sealing(), {
      organisationId: principal.organisationId,
      url: body.url,
      eventTypes: [...body.eventTypes],
      description: body.description,
      createdBy: principal.userId,
    });
    ctx.status = 201;
    ctx.set('Location', `/v1/webhooks/${endpoint.id}`);
    // The secret is shown this once (a retry with the Idempotency-Key gets it again, sealed with the caller's token).
    const answer: FromSchema<typeof webhookWithSecret> = { ...asResource(endpoint), secret };
    ctx.body = answer;
  });

  router.get('/:webhookId', async (ctx) => {
    const principal = tenantAdmin(ctx.state.principal, 'see webhooks');
    const answer: FromSchema<typeof webhookResource> = asResource(await ownEndpoint(principal, ctx.params.webhookId!));
    ctx.body = answer;
  });

  router.patch('/:webhookId', async (ctx) => {
    const principal = tenantAdmin(ctx.state.principal, 'change webhooks');
    const before = await ownEndpoint(principal, ctx.params.webhookId!);
    const body = parseBody(editWebhookBody, ctx.request.body);
    // Only types sent are judged: an endpoint subscribed before the rule keeps its types.
    if (body.eventTypes !== undefined) refuseNeverReceived(principal, body.eventTypes);
    if (body.url !== undefined) await refuseUnsafeUrl(body.url, allowPrivate());
    const endpoint = await editWebhookEndpoint(deps.db, principal.organisationId, before.id, {
      ...body,
      eventTypes: body.eventTypes && [...body.eventTypes],
    });
    if (!endpoint) throw notFound(before.id);
    // Resumed: what was recorded while paused goes out now.
    if (before.paused_at !== null && endpoint.paused_at === null) await wakeWebhookEndpoint(deps.temporal, deps.taskQueue, endpoint.id);
    const answer: FromSchema<typeof webhookResource> = asResource(endpoint);
    ctx.body = answer;
  });

  router.delete('/:webhookId', async (ctx) => {
    const principal = tenantAdmin(ctx.state.principal, 'remove webhooks');
    const endpoint = await ownEndpoint(principal, ctx.params.webhookId!);
    if (!(await deleteWebhookEndpoint(deps.db, principal.organisationId, endpoint.id))) throw notFound(endpoint.id);
    ctx.status = 204;
  });

  router.post('/:webhookId/secret', async (ctx) => {
    const principal = tenantAdmin(ctx.state.principal, 'rotate webhook secrets');
    const endpoint = await ownEndpoint(principal, ctx.params.webhookId!);
    const rotated = await rotateWebhookSecret(deps.db, sealing(), principal.organisationId, endpoint.id, ROTATION_OVERLAP_MS);
    if (!rotated) throw notFound(endpoint.id);
    const answer: FromSchema<typeof webhookWithSecret> = { ...asResource(rotated.endpoint), secret: rotated.secret };
    ctx.body = answer;
  });

  router.get('/:webhookId/deliveries', async (ctx) => {
    const principal = tenantAdmin(ctx.state.principal, 'see webhook deliveries');
    const endpoint = await ownEndpoint(principal, ctx.params.webhookId!);
    const query = parseQuery(deliveryListQuery, ctx.query);
    const limit = query.limit ?? 50;
    const rows = await endpointDeliveries(deps.db, endpoint.id, { limit: limit + 1, before: query.cursor, status: query.status });
    const page = rows.slice(0, limit);
    const answer: FromSchema<typeof webhookDeliveryPage> = {
      items: page.map(asDelivery),
      nextCursor: rows.length > limit ? page.at(-1)!.seq : null,
    };
    ctx.body = answer;
  });

  router.post('/:webhookId/deliveries/:deliveryId/redeliver', async (ctx) => {
    const principal = tenantAdmin(ctx.state.principal, 'redeliver webhooks');
    const endpoint = await ownEndpoint(principal, ctx.params.webhookId!);
    const deliveryId = ctx.params.deliveryId!;
    const delivery = isUuid(deliveryId) ? await redeliver(deps.db, endpoint.id, deliveryId) : undefined;
    if (!delivery) throw new NotFoundError(`Delivery ${deliveryId} of webhook ${endpoint.id} does not exist.`);
    if (endpoint.paused_at === null) await wakeWebhookEndpoint(deps.temporal, deps.taskQueue, endpoint.id);
    const answer: FromSchema<typeof webhookDelivery> = asDelivery(delivery);
    ctx.body = answer;
  });

  async function ownEndpoint(principal: Principal, id: string): Promise<WebhookEndpointRow> {
    const endpoint = isUuid(id) ? await findWebhookEndpoint(deps.db, principal.organisationId, id) : undefined;
    if (!endpoint) throw notFound(id);
    return endpoint;
  }

  return router;
}

/** A provider's admin, or an installer company's: the people who speak for the organisation. */
function tenantAdmin(principal: Principal, what: string): Principal {
  if (principal.role !== 'provider_admin' && principal.role !== 'installer_admin')
    throw new ForbiddenError(`Only a provider admin or an installer company admin can ${what}.`, [], { type: 'wrong-role' });
  return principal;
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(`Webhook ${id} does not exist.`);
}

async function refuseUnsafeUrl(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await checkWebhookUrl(url, { allowPrivate });
  } catch (error) {
    if (!(error instanceof WebhookUrlProblem)) throw error;
    throw new RuleViolationError(`The webhook URL ${error.message}.`, [{ pointer: '/url', message: error.message, rule: error.rule }], {
      type: 'invalid-webhook-url',
    });
  }
}

/** A type the organisation can never receive would be an endpoint waiting for nothing: refused, each naming why. */
function refuseNeverReceived(principal: Principal, eventTypes: readonly WebhookEventType[]): void {
  const whose = principal.organisationKind === 'installer_company' ? "an installer company's endpoint" : "a provider's endpoint";
  const problems = eventTypes.flatMap((type, index) => {
    const why = whyNeverReceived(principal.organisationKind, type);
    return why === undefined
      ? []
      : [{ pointer: `/eventTypes/${index}`, message: `${whose} never receives ${type}: ${why}`, rule: 'receivable' }];
  });
  if (problems.length === 0) return;
  throw new RuleViolationError(`Some event types can never reach ${whose}: subscribe to the others only.`, problems, {
    type: 'event-type-not-receivable',
  });
}

function asResource(row: WebhookEndpointRow): FromSchema<typeof webhookResource> {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types as FromSchema<typeof webhookResource>['eventTypes'],
    description: row.description,
    paused: row.paused_at !== null,
    pausedAt: row.paused_at?.toISOString() ?? null,
    previousSecretUntil:
      row.previous_secret_until && row.previous_secret_until > new Date() ? row.previous_secret_until.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

function asDelivery(row: WebhookDeliveryRow): FromSchema<typeof webhookDelivery> {
  return {
    id: row.id,
    webhookId: row.endpoint_id,
    type: row.type as FromSchema<typeof webhookDelivery>['type'],
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? (row.next_attempt_at?.toISOString() ?? null) : null,
    firstAttemptAt: row.first_attempt_at?.toISOString() ?? null,
    lastAttemptAt: row.last_attempt_at?.toISOString() ?? null,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}
