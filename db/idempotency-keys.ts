// The Idempotency-Key claims and kept answers of POST requests (api/idempotency.ts says how they are
// used). A row is first a claim, held by one API process that heartbeats it, then a kept answer.
import type { Db } from './connection';

/** How long an answer is kept for retries; after that the key may be used afresh. */
export const IDEMPOTENCY_RETENTION_HOURS = 24;
/** Longer than any request runs (a step's vehicle actions have 2 minutes): such a claim is abandoned whatever else it says. */
const ABANDONED_AFTER_MINUTES = 5;
/** A claim whose heartbeat is this old has lost its holder (the API process died): a retry takes it over. */
const HOLDER_GONE_AFTER_SECONDS = 8;

export interface IdempotencyKeyRow {
  scope: string;
  key: string;
  request_hash: string;
  /** Null while the request is being handled. */
  status: number | null;
  sealed_body: Buffer | null;
  location: string | null;
  headers: Record<string, string> | null;
}

/** One claim on a key, as its holder names it. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  holder: string;
}

/** The answer kept for retries of a claimed key. */
export interface KeptAnswer {
  status: number;
  sealedBody: Buffer | null;
  location: string | null;
  /** Other headers a replay carries (api/idempotency.ts REPLAYED_HEADERS); null when none was set. */
  headers: Record<string, string> | null;
}

/** Expired answers of every key. */
export async function deleteExpiredIdempotencyKeys(db: Db): Promise<void> {
  await db('idempotency_keys').whereRaw(`created_at < now() - interval '${IDEMPOTENCY_RETENTION_HOURS} hours'`).delete();
}

/**
 * Frees the key when its answer has expired, or when its claim for this same request has no answer
 * and no living holder: the API process handling it stopped heartbeating (it died mid-request), so
 * the retry takes over at once. One statement, on the primary key.
 */
export async function releaseStaleIdempotencyKey(db: Db, scope: string, key: string, requestHash: string): Promise<void> {
  await db('idempotency_keys')
    .where({ scope, key })
    .where((stale) =>
      stale.whereRaw(`created_at < now() - interval '${IDEMPOTENCY_RETENTION_HOURS} hours'`).orWhere((abandoned) =>
        abandoned
          .where({ request_hash: requestHash })
          .whereNull('status')
          .where((gone) =>
            gone
              .whereRaw(`heartbeat_at < now() - interval '${HOLDER_GONE_AFTER_SECONDS} seconds'`)
              .orWhereRaw(`created_at < now() - interval '${ABANDONED_AFTER_MINUTES} minutes'`),
          ),
      ),
    )
    .delete();
}

/** True when this claim got the key; false when someone already holds it (or its answer). */
export async function claimIdempotencyKey(db: Db, claim: IdempotencyClaim & { requestHash: string; userId?: string }): Promise<boolean> {
  const claimed = await db('idempotency_keys')
    .insert({ scope: claim.scope, key: claim.key, user_id: claim.userId ?? null, request_hash: claim.requestHash, holder: claim.holder })
    .onConflict(['scope', 'key'])
    .ignore()
    .returning('key');
  return claimed.length > 0;
}

export async function findIdempotencyKey(db: Db, scope: string, key: string): Promise<IdempotencyKeyRow | undefined> {
  return db<IdempotencyKeyRow>('idempotency_keys').where({ scope, key }).first();
}

/** The holder says it is still handling the request. */
export async function heartbeatIdempotencyClaim(db: Db, claim: IdempotencyClaim): Promise<void> {
  await db('idempotency_keys').where(claim).update({ heartbeat_at: db.fn.now() });
}

/** The request failed: a retry may run straight away. */
export async function releaseIdempotencyClaim(db: Db, claim: IdempotencyClaim): Promise<void> {
  await db('idempotency_keys').where(claim).delete();
}

/** The request succeeded: its answer is kept for retries, and the claim has no holder any more. */
export async function keepIdempotentAnswer(db: Db, claim: IdempotencyClaim, answer: KeptAnswer): Promise<void> {
  await db('idempotency_keys')
    .where(claim)
    .update({
      status: answer.status,
      holder: null,
      sealed_body: answer.sealedBody,
      location: answer.location,
      headers: answer.headers === null ? null : JSON.stringify(answer.headers),
    });
}
