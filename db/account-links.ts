import { NotFoundError } from '../common/errors';
import type { Db } from './connection';
import type { Role } from './tenancy';
import { hashToken, newToken } from './tokens';

/** What a sign-in link opens, as its preview shows it. */
export interface AccountLinkPreview {
  email: string;
  organisationName: string;
  organisationKind: 'provider' | 'installer_company';
  role: Role;
  expiresAt: Date;
}

export interface ClaimedAccount {
  userId: string;
  email: string;
  role: Role;
  organisationId: string;
  /** The new API token: returned this once, stored only as its hash. */
  token: string;
}

/** How a token claimed through a link is labelled among the user's tokens. */
export const CLAIMED_TOKEN_LABEL = 'claimed from the welcome e-mail';

/**
 * A new sign-in link for a welcome e-mail about to be sent: its token, which only that e-mail will
 * carry, is returned and its hash kept. Undefined when the user is gone (removed before the e-mail
 * went out): there is nobody to sign in as.
 */
export async function newAccountLink(db: Db, userId: string, validHours: number): Promise<{ token: string } | undefined> {
  const { token, hash } = newToken('acl');
  // Inserted from the user's row, so a removed user makes no row rather than a foreign-key error.
  const inserted = await db.raw(
    `insert into account_links (token_hash, user_id, expires_at)
     select ?, id, now() + ? * interval '1 hour' from users where id = ?
     returning token_hash`,
    [hash, validHours, userId],
  );
  return inserted.rows.length > 0 ? { token } : undefined;
}

/** Who the link signs in, while it is unused and unexpired; undefined otherwise, alike for each reason. */
export async function accountLinkPreview(db: Db, token: string): Promise<AccountLinkPreview | undefined> {
  return usable(db, token).first(
    'u.email',
    'o.name as organisationName',
    'o.kind as organisationKind',
    'u.role',
    'l.expires_at as expiresAt',
  );
}

/**
 * A new API token for the link's user, and the link used, in one transaction. The conditional
 * update takes the link's row lock: a second claim waits for the first, then finds it used.
 */
export async function claimAccountLink(db: Db, token: string): Promise<ClaimedAccount> {
  return db.transaction(async (trx) => {
    const [link] = await trx('account_links')
      .where({ token_hash: hashToken(token) })
      .whereNull('used_at')
      .where('expires_at', '>', trx.fn.now())
      .update({ used_at: trx.fn.now() }, ['user_id']);
    if (!link) throw linkNotFound();
    const user = await trx('users').where({ id: link.user_id }).first('id', 'email', 'role', 'organisation_id');
    const claimed = newToken('ijt');
    await trx('api_tokens').insert({ user_id: user.id, token_hash: claimed.hash, label: CLAIMED_TOKEN_LABEL });
    return { userId: user.id, email: user.email, role: user.role, organisationId: user.organisation_id, token: claimed.token };
  });
}

/** Unknown, expired and used links answer the same, so that a link's state cannot be probed. */
export function linkNotFound(): NotFoundError {
  return new NotFoundError(
    'This sign-in link does not exist, has expired or has been used: ask the administrator who added you for a token.',
  );
}

function usable(db: Db, token: string) {
  return db('account_links as l')
    .join('users as u', 'u.id', 'l.user_id')
    .join('organisations as o', 'o.id', 'u.organisation_id')
    .where('l.token_hash', hashToken(token))
    .whereNull('l.used_at')
    .where('l.expires_at', '>', db.fn.now());
}
