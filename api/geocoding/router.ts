import Router from '@koa/router';
import type { FromSchema } from 'json-schema-to-ts';
import { NotFoundError } from '../../common/errors';
import type { AddressSuggestions } from '../../geocoding/address-suggestions';
import { mapUrl } from '../../common/map-link';
import type { AuthState } from '../auth';
import type { SignedInDeps } from '../signed-in';
import { parseBody } from '../validate';
import { suggestionsQuery, type addressSuggestions } from './schema';

export interface GeocodingRouterDeps extends SignedInDeps {
  /** Undefined when no geocoder is configured (GEOCODER_URL): the route says so. */
  addressSuggestions?: AddressSuggestions;
}

/**
 * Address suggestions for the create form ("pick the address from the suggestions"): a picked one
 * carries its coordinates, so the job's address needs no geocoding and the installer can navigate.
 */
export function geocodingRouter(deps: GeocodingRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/geocoding' });
  router.use(deps.signedIn);

  router.get('/suggestions', async (ctx) => {
    // A query string has only strings: the limit is made a number here, the schema judges the rest.
    const raw: Record<string, unknown> = { ...ctx.query };
    if (typeof raw.limit === 'string' && /^\d+$/.test(raw.limit)) raw.limit = Number(raw.limit);
    const query = parseBody(suggestionsQuery, raw);
    if (!deps.addressSuggestions) {
      throw new NotFoundError('This installation has no geocoder, so there are no address suggestions.', [], {
        type: 'geocoding-not-configured',
        detail: 'Send the address as text, with lat and lng if the portal knows them. An operator turns suggestions on with GEOCODER_URL.',
      });
    }
    const found = await deps.addressSuggestions.suggest(query.q, query.limit ?? 5);
    const answer: FromSchema<typeof addressSuggestions> = { items: found.map((place) => ({ ...place, mapUrl: mapUrl(place) })) };
    ctx.body = answer;
  });

  return router;
}
