import { createHash, randomBytes } from 'node:crypto';

/**
 * A bearer token: shown once to its owner, stored only as its hash. The prefix says what it opens:
 * ijt an API token, inv an invitation link, acl a welcome e-mail's sign-in (account) link.
 */
export function newToken(prefix: 'ijt' | 'inv' | 'acl'): { token: string; hash: string } {
  const token = `${prefix}_${randomBytes(24).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
