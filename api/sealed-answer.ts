import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * A kept answer to an idempotent request can hold a credential shown only once (a new company's
 * admin token, a technician's token, an invitation link). It is stored sealed with a key derived
 * from what only the client holds — the credential it sent and its Idempotency-Key — so the
 * database holds no usable token here either, and a replay still returns the first answer whole.
 */
const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function sealAnswer(answer: unknown, secret: string, idempotencyKey: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, idempotencyKey), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(answer ?? null), 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT), iv, cipher.getAuthTag(), sealed]);
}

/** Throws if the box was sealed with another secret or key, or was altered. */
export function unsealAnswer(box: Buffer, secret: string, idempotencyKey: string): unknown {
  if (box[0] !== FORMAT) throw new Error(`Sealed answer in unknown format ${box[0]}`);
  const iv = box.subarray(1, 1 + IV_BYTES);
  const tag = box.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', keyFor(secret, idempotencyKey), iv);
  decipher.setAuthTag(tag);
  const plain = Buffer.concat([decipher.update(box.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}

function keyFor(secret: string, idempotencyKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, idempotencyKey, 'installer-jobs idempotent answer', 32));
}
