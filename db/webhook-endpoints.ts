import { randomBytes } from 'node:crypto';
import type { Db } from './connection';
import { feedHead } from './feed';
import { SealedSecretError, type SecretSealer } from '../webhooks/secret-sealing';

/** A webhook endpoint as its tenant sees it: never with its secret, which is shown once. */
export interface WebhookEndpointRow {
  id: string;
  organisation_id: string;
  url: string;
  event_types: string[];
  description: string | null;
  paused_at: Date | null;
  previous_secret_until: Date | null;
  created_by: string | null;
  created_at: Date;
}

const COLUMNS = [
  'id',
  'organisation_id',
  'url',
  'event_types',
  'description',
  'paused_at',
  'previous_secret_until',
  'created_by',
  'created_at',
] as const;

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64, as the convention's libraries take it. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export async function createWebhookEndpoint(
  db: Db,
  sealer: SecretSealer,
  input: { organisationId: string; url: string; eventTypes: string[]; description?: string; createdBy: string },
): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
  const secret = newWebhookSecret();
  // Events from before now are not this endpoint's, however late the dispatcher reads them.
  const startsAfter = await feedHead(db);
  const [endpoint] = await db('webhook_endpoints')
    .insert({
      starts_after: startsAfter ?? null,
      organisation_id: input.organisationId,
      url: input.url,
      event_types: input.eventTypes,
      description: input.description ?? null,
      secret: sealer.seal(secret),
      created_by: input.createdBy,
    })
    .returning(COLUMNS);
  return { endpoint, secret };
}

/** The organisation's endpoints, oldest first. */
export async function webhookEndpoints(db: Db, organisationId: string): Promise<WebhookEndpointRow[]> {
  return db('webhook_endpoints')
    .where({ organisation_id: organisationId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .select(COLUMNS);
}

/** The endpoint, if it is the organisation's: another tenant's is as absent as one that never was. */
export async function findWebhookEndpoint(db: Db, organisationId: string, id: string): Promise<WebhookEndpointRow | undefined> {
  return db('webhook_endpoints').where({ id, organisation_id: organisationId }).first(COLUMNS);
}

export async function editWebhookEndpoint(
  db: Db,
  organisationId: string,
  id: string,
  changes: { url?: string; eventTypes?: string[]; description?: string | null; paused?: boolean },
): Promise<WebhookEndpointRow | undefined> {
  const update: Record<string, unknown> = {};
  if (changes.url !== undefined) update.url = changes.url;
  if (changes.eventTypes !== undefined) update.event_types = changes.eventTypes;
  if (changes.description !== undefined) update.description = changes.description;
  // Pausing again keeps the time it was first paused.
  if (changes.paused === true) update.paused_at = db.raw('coalesce(paused_at, now())');
  if (changes.paused === false) update.paused_at = null;
  if (Object.keys(update).length === 0) return findWebhookEndpoint(db, organisationId, id);
  const [row] = await db('webhook_endpoints').where({ id, organisation_id: organisationId }).update(update).returning(COLUMNS);
  return row;
}

/** Removes the endpoint and its deliveries (a delivery in flight may still arrive once). */
export async function deleteWebhookEndpoint(db: Db, organisationId: string, id: string): Promise<boolean> {
  return (await db('webhook_endpoints').where({ id, organisation_id: organisationId }).delete()) > 0;
}

/**
 * A new secret; the old one keeps signing beside it for `overlapMs`, so that the receiver can
 * switch to the new one without refusing deliveries meanwhile.
 */
export async function rotateWebhookSecret(
  db: Db,
  sealer: SecretSealer,
  organisationId: string,
  id: string,
  overlapMs: number,
): Promise<{ endpoint: WebhookEndpointRow; secret: string } | undefined> {
  const secret = newWebhookSecret();
  const [endpoint] = await db('webhook_endpoints')
    .where({ id, organisation_id: organisationId })
    .update({
      previous_secret: db.ref('secret'),
      previous_secret_until: new Date(Date.now() + overlapMs),
      secret: sealer.seal(secret),
    })
    .returning(COLUMNS);
  return endpoint && { endpoint, secret };
}

/** What the sender needs of an endpoint: where, whether paused, and every secret that signs now (opened). */
export async function endpointToDeliver(
  db: Db,
  sealer: SecretSealer,
  id: string,
  now: Date,
): Promise<{ url: string; paused: boolean; secrets: string[] } | undefined> {
  const row = await db('webhook_endpoints').where({ id }).first('url', 'paused_at', 'secret', 'previous_secret', 'previous_secret_until');
  if (!row) return undefined;
  const previousSigns = row.previous_secret !== null && row.previous_secret_until !== null && row.previous_secret_until > now;
  const stored: string[] = previousSigns ? [row.secret, row.previous_secret] : [row.secret];
  return { url: row.url, paused: row.paused_at !== null, secrets: stored.map((secret) => sealer.open(secret)) };
}

/**
 * Seals every stored signing secret (and every previous one still kept) under the sealer's current
 * key: after WEBHOOK_SECRETS_KEY changed, so that the keys it replaced can go. All or nothing: a
 * secret no key opens stops it, naming its endpoint, with nothing changed.
 */
export async function resealWebhookSecrets(db: Db, sealer: SecretSealer): Promise<{ endpoints: number; resealed: number }> {
  return db.transaction(async (trx) => {
    const rows: Array<{ id: string; secret: string; previous_secret: string | null }> = await trx('webhook_endpoints')
      .forUpdate()
      .orderBy('id')
      .select('id', 'secret', 'previous_secret');
    let resealed = 0;
    for (const row of rows) {
      let changes: { secret?: string; previous_secret?: string };
      try {
        const secret = sealer.resealed(row.secret);
        const previous = row.previous_secret === null ? undefined : sealer.resealed(row.previous_secret);
        changes = { ...(secret !== undefined && { secret }), ...(previous !== undefined && { previous_secret: previous }) };
      } catch (error) {
        if (!(error instanceof SealedSecretError)) throw error;
        throw new SealedSecretError(`Webhook endpoint ${row.id}: ${error.message} Nothing was resealed.`, { cause: error });
      }
      if (Object.keys(changes).length === 0) continue;
      await trx('webhook_endpoints').where({ id: row.id }).update(changes);
      resealed += 1;
    }
    return { endpoints: rows.length, resealed };
  });
}
