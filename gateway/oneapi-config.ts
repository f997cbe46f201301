import { ConfigError } from '../common/config';

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

/** Reads the OneAPI connection from the environment; names every missing variable at once. */
export function oneApiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): OneApiConfig {
  const missing = Object.values(REQUIRED_VARIABLES).filter((name) => !env[name]?.trim());
  if (missing.length > 0) {
    throw new ConfigError(
      `Missing environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: ` +
        'the vehicle gateway needs the OneAPI base URL and its client credentials.',
    );
  }
  const read = (name: string) => (env[name] ?? '').trim();
  return {
    baseUrl: read(REQUIRED_VARIABLES.baseUrl),
    clientId: read(REQUIRED_VARIABLES.clientId),
    clientSecret: read(REQUIRED_VARIABLES.clientSecret),
  };
}
