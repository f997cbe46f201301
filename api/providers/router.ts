import Router from '@koa/router';
import type { FromSchema } from 'json-schema-to-ts';
import { ForbiddenError } from '../../common/errors';
import type { Db } from '../../db/connection';
import { providerSettings, setPhotoRetention } from '../../db/provider-settings';
import type { Principal } from '../../db/tenancy';
import type { AuthState } from '../auth';
import type { SignedInDeps } from '../signed-in';
import { parseBody } from '../validate';
import { editProviderBody, type providerResource } from './schema';

export interface ProvidersRouterDeps extends SignedInDeps {
  db: Db;
  /** PHOTO_RETENTION_DAYS: what a provider without its own setting gets. */
  defaultPhotoRetentionDays: number;
}

/** The caller's own provider: `me` is the only provider anyone can address, as for companies. */
export function providersRouter(deps: ProvidersRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/providers/me' });
  router.use(deps.signedIn);

  router.get('/', async (ctx) => {
    ctx.body = await answer(providerUser(ctx.state.principal, 'see it'));
  });

  router.patch('/', async (ctx) => {
    const principal = providerUser(ctx.state.principal, 'change its settings');
    if (principal.role !== 'provider_admin')
      throw new ForbiddenError("Only a provider admin changes the provider's settings.", [], { type: 'wrong-role' });
    const body = parseBody(editProviderBody, ctx.request.body);
    if (body.photoRetentionDays !== undefined) await setPhotoRetention(deps.db, principal.organisationId, body.photoRetentionDays);
    ctx.body = await answer(principal);
  });

  async function answer(principal: Principal): Promise<FromSchema<typeof providerResource>> {
    const { name, photoRetentionDays } = (await providerSettings(deps.db, principal.organisationId))!;
    return {
      id: principal.organisationId,
      name,
      photoRetention:
        photoRetentionDays === null
          ? { days: deps.defaultPhotoRetentionDays, source: 'default' }
          : { days: photoRetentionDays, source: 'provider' },
    };
  }

  return router;
}

function providerUser(principal: Principal, what: string): Principal {
  if (principal.organisationKind !== 'provider')
    throw new ForbiddenError(`This is the mobility provider's: an installer company cannot ${what}; its own is at /v1/companies/me.`, [], {
      type: 'wrong-role',
    });
  return principal;
}
