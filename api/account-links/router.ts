import Router from '@koa/router';
import type { FromSchema } from 'json-schema-to-ts';
import { accountLinkPreview, claimAccountLink, linkNotFound } from '../../db/account-links';
import type { Db } from '../../db/connection';
import type { AuthState } from '../auth';
import { accountLinkScope, idempotentPosts } from '../idempotency';
import type { accountLinkPreview as previewSchema, claimedAccount } from './schema';

/**
 * The sign-in link in a welcome e-mail (activities/mail.ts): the token in the path is the
 * credential, so these routes need no API token (no signedIn guard). Opening the link (GET) only
 * shows whom it signs in, so a mail scanner following it uses nothing; claiming (POST) uses it.
 * Unknown, expired and used links all answer 404: a link's state cannot be probed, and with
 * 192 random bits a token cannot be guessed, so no lock after failed attempts is needed.
 */
export function accountLinksRouter(deps: { db: Db }): Router<Partial<AuthState>> {
  const router = new Router<Partial<AuthState>>({ prefix: '/v1/account-links' });
  // A retried claim whose first answer was lost gets that answer again, with the same token.
  const claimOnce = idempotentPosts(deps.db, accountLinkScope);

  router.get('/:token', async (ctx) => {
    const preview = await accountLinkPreview(deps.db, ctx.params.token!);
    if (!preview) throw linkNotFound();
    const answer: FromSchema<typeof previewSchema> = { ...preview, expiresAt: preview.expiresAt.toISOString() };
    ctx.body = answer;
  });

  router.post('/:token/claim', claimOnce, async (ctx) => {
    const claimed = await claimAccountLink(deps.db, ctx.params.token!);
    ctx.status = 201;
    // The token is shown this once: the app stores it, we keep only its hash.
    const answer: FromSchema<typeof claimedAccount> = claimed;
    ctx.body = answer;
  });

  return router;
}
