import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest. A secret must be readable to sign with (HMAC), so it cannot be
 * hashed like an API token; it is sealed instead with AES-256-GCM under WEBHOOK_SECRETS_KEY, which
 * lives in the processes' environment and never in Postgres: a copy of the database (a backup, a
 * replica, a leaked dump) then holds no secret that could forge a delivery. Without a key, secrets
 * are stored as they are, as before the key existed; a stored secret that is not sealed is read as
 * it is either way, so setting a key later needs no migration (rotating a secret seals it).
 *
 * A new key replaces an old one in place: with the old key among the previous keys
 * (WEBHOOK_SECRETS_PREVIOUS_KEYS), what it sealed still opens; `installer-jobs webhooks reseal`
 * then seals every stored secret under the new key, after which the old one can go.
 */
export class SecretSealer {
  private readonly keys: readonly Buffer[];

  constructor(
    private readonly key?: Buffer,
    previousKeys: readonly Buffer[] = [],
  ) {
    for (const each of [...(key === undefined ? [] : [key]), ...previousKeys])
      if (each.length !== KEY_BYTES) throw new Error(`A sealing key is ${KEY_BYTES} bytes, not ${each.length}.`);
    if (key === undefined && previousKeys.length > 0) throw new Error('Previous sealing keys need a current one to replace them.');
    this.keys = key === undefined ? [] : [key, ...previousKeys];
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

  /** The secret a stored value holds; throws when it is sealed and cannot be opened with this key or a previous one. */
  open(stored: string): string {
    return this.opened(stored).secret;
  }

  /**
   * `stored` sealed under the current key, or undefined when it already is: what a key change
   * rewrites (a secret stored as it is, from before any key, is sealed too).
   */
  resealed(stored: string): string | undefined {
    if (this.key === undefined) throw new SealedSecretError('There is no WEBHOOK_SECRETS_KEY to seal with.');
    const { secret, keyIndex } = this.opened(stored);
    return keyIndex === 0 ? undefined : this.seal(secret);
  }

  /** The secret, and which key opened it (0: the current one; -1: stored as it is). */
  private opened(stored: string): { secret: string; keyIndex: number } {
    if (!stored.startsWith(PREFIX)) return { secret: stored, keyIndex: -1 };
    if (this.keys.length === 0)
      throw new SealedSecretError('This webhook secret is sealed, but WEBHOOK_SECRETS_KEY is not set in this process.');
    const [nonce, sealed] = stored
      .slice(PREFIX.length)
      .split('.')
      .map((part) => Buffer.from(part, 'base64url'));
    if (!nonce || !sealed || nonce.length !== NONCE_BYTES || sealed.length <= TAG_BYTES)
      throw new SealedSecretError('This webhook secret is sealed in a form this version does not know.');
    // GCM's tag tells the key that sealed it: every other key fails to open it.
    for (const [keyIndex, key] of this.keys.entries()) {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce).setAAD(AAD);
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      try {
        const secret = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]).toString('utf8');
        return { secret, keyIndex };
      } catch {
        // not this key
      }
    }
    throw new SealedSecretError(
      this.keys.length === 1
        ? 'This webhook secret was sealed with another WEBHOOK_SECRETS_KEY than this process has.'
        : 'This webhook secret was sealed with a key that is neither WEBHOOK_SECRETS_KEY nor one of WEBHOOK_SECRETS_PREVIOUS_KEYS.',
    );
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
