import { ConfigError, type Config } from '../common/config';

export interface OneApiConfig {
  /** e.g. https://api.invers.com, or the simulator's URL. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Abort any single HTTP request after this long; the activity's retry policy takes it from there. */
  requestTimeoutMs?: number;
  /** Renew the access token this long before it expires, so no request leaves with a dying token. */
  renewTokenBeforeExpiryMs?: number;
  /** Milliseconds since the epoch; injectable so tests can move past token expiry without waiting. */
  now?: () => number;
}

const REQUIRED_VARIABLES = {
  baseUrl: 'ONEAPI_BASE_URL',
  clientId: 'ONEAPI_CLIENT_ID',
  clientSecret: 'ONEAPI_CLIENT_SECRET',
} as const;

/** The OneAPI connection as configured (common/config.ts); names every missing variable at once. */
export function oneApiConfigFrom(settings: Config['oneApi']): OneApiConfig {
  const missing = (Object.keys(REQUIRED_VARIABLES) as Array<keyof typeof REQUIRED_VARIABLES>)
    .filter((setting) => settings[setting] === undefined)
    .map((setting) => REQUIRED_VARIABLES[setting]);
  if (missing.length > 0) {
    throw new ConfigError(
      `Missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ` +
        'the vehicle gateway needs the OneAPI base URL and its client credentials.',
    );
  }
  return { baseUrl: settings.baseUrl!, clientId: settings.clientId!, clientSecret: settings.clientSecret! };
}
