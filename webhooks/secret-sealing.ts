import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest. A secret must be readable to sign with (HMAC), so it cannot be
 * hashed like an API token; it is sealed instead with AES-256-GCM under WEBHOOK_SECRETS_KEY, which
 * lives in the processes' environment and never in Postgres: a copy of the database (a backup, a
 * replica, a leaked dump) then holds no secret that could forge a delivery. Without a key, secrets
 * are stored as they are, as before the key existed; a stored secret that is not sealed is read as
 * it is either way, so setting a key later needs no migration (rotating a secret seals it).
 */
export class SecretSealer {
  constructor(private readonly key?: Buffer) {
    if (key !== undefined && key.length !== KEY_BYTES) throw new Error(`A sealing key is ${KEY_BYTES} bytes, not ${key.length}.`);
  }

  /** Whether secrets are sealed (a key is set), for the start-up warning. */
  get sealing(): boolean {
    return this.key !== undefined;
  }

  /** What to store for `secret`: sealed with a fresh nonce when there is a key, else the secret. */
  seal(secret: string): string {
    if (this.key === undefined) return secret;
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce).setAAD(AAD);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${nonce.toString('base64url')}.${sealed.toString('base64url')}`;
  }

  /** The secret a stored value holds; throws when it is sealed and cannot be opened with this key. */
  open(stored: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    if (this.key === undefined)
      throw new SealedSecretError('This webhook secret is sealed, but WEBHOOK_SECRETS_KEY is not set in this process.');
    const [nonce, sealed] = stored
      .slice(PREFIX.length)
      .split('.')
      .map((part) => Buffer.from(part, 'base64url'));
    if (!nonce || !sealed || nonce.length !== NONCE_BYTES || sealed.length <= TAG_BYTES)
      throw new SealedSecretError('This webhook secret is sealed in a form this version does not know.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, nonce).setAAD(AAD);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedSecretError('This webhook secret was sealed with another WEBHOOK_SECRETS_KEY than this process has.');
    }
  }
}

/** A stored secret that cannot be opened here: the endpoint's deliveries fail with this reason until it is fixed. */
export class SealedSecretError extends Error {
  override name = 'SealedSecretError';
}

export const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Versioned, so that another scheme can be told apart later. */
const PREFIX = 'sealed:v1:';
/** Binds a sealed value to its purpose: the same key sealing something else cannot be passed off as a webhook secret. */
const AAD = Buffer.from('installer-jobs webhook signing secret');
