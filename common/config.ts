import path from 'node:path';
import { KEY_BYTES as SEALING_KEY_BYTES } from '../webhooks/secret-sealing';

/**
 * Everything the processes read from the environment, in one place (the tests' own variables,
 * TEST_*, are read in test/support). A bad value stops the process with a ConfigError naming the
 * variable and what is wrong with it.
 *
 * Local development needs none of it: Temporal and Postgres are started on this machine.
 * Production names an existing cluster and database instead (see README "Deploying"). The
 * connection to an external Temporal cluster (TEMPORAL_API_KEY, TEMPORAL_TLS*, TEMPORAL_PROFILE)
 * is read by the SDK's environment configuration (temporal/connection.ts), as its documentation says.
 */
export interface Config {
  /** Root of the checkout: job types, tools and data are found relative to it. */
  projectDir: string;
  /** Where the embedded servers keep their state; deleting it resets the local stack. */
  dataDir: string;
  /** Where `tools install` puts the Temporal CLI and test server from PyPI. */
  toolsDir: string;
  jobTypesDir: string;
  apiPort: number;
  apiHost: string;
  /** Requests per API token and minute, counted by each API process on its own. */
  apiRateLimitPerMinute: number;
  /** Where `start` runs the OneAPI simulator when ONEAPI_BASE_URL names no real OneAPI. */
  oneApiSimulatorPort: number;
  temporal: {
    /** Set: use that cluster (namespace, TLS, API key through the SDK's TEMPORAL_* variables). Unset: run the dev server. */
    externalAddress?: string;
    namespace: string;
    taskQueue: string;
    devServerPort: number;
    devServerUiPort: number;
  };
  postgres: {
    /** Set: use that server. Unset: run embedded Postgres under dataDir. */
    databaseUrl?: string;
    embeddedPort: number;
  };
  /** The real OneAPI and the worker's client credentials; unset, `start` runs the simulator (gateway/oneapi-config.ts names what is missing). */
  oneApi: {
    baseUrl?: string;
    clientId?: string;
    clientSecret?: string;
  };
  /** A Nominatim-compatible search service for addresses typed as text; unset, addresses are kept as given. */
  geocoder: {
    url?: string;
    userAgent?: string;
  };
  /** Where job photos are kept and how large one may be (README "Photos"). */
  photos: PhotoSettings;
  /** Binaries to use instead of the ones installed into toolsDir (runtime/tools.ts). */
  tools: {
    temporalCliPath?: string;
    timeSkippingServerPath?: string;
  };
  /** Where `installer-jobs job-types push|pull` sends its requests, and as whom; `--api` and `--token` override them. */
  cli: CliConfig;
  /** How much the worker (in `worker` and in `start`) holds and does at once: WORKER_* (README "Worker settings"). */
  worker: WorkerSettings;
  /** Logs, metrics and the worker's health endpoint (README "Logs, metrics and health"). */
  observability: ObservabilitySettings;
  /** README "Webhooks". */
  webhooks: WebhookSettings;
  /** E-mail to invited companies and added people (README "E-mail"). */
  mail: MailSettings;
}

export interface MailSettings {
  /** SMTP_URL (smtp:// or smtps://, credentials in it): unset, `start` runs its catcher and a worker sends nothing. Never logged. */
  smtpUrl?: string;
  /** MAIL_FROM: the sender of every e-mail. */
  from: string;
  /** PUBLIC_URL: where people reach the API; the links in e-mails start with it (default: http://HOST:PORT). */
  publicUrl: string;
  /** INVITATION_REMINDER_HOURS: hours an unanswered invitation waits before its one reminder (default 72). */
  invitationReminderHours: number;
  /** ACCOUNT_LINK_VALID_HOURS: how long the sign-in link in a welcome e-mail works (default 168, 7 days); it works once. */
  accountLinkValidHours: number;
  /** MAIL_CATCHER_PORT: where `start` catches the e-mails when SMTP_URL is unset; default 0, a free port (nothing but `start`'s worker sends to it). */
  catcherPort: number;
}

export interface WebhookSettings {
  /**
   * WEBHOOK_ALLOW_PRIVATE_TARGETS=true: endpoints may be plain http and on loopback, link-local and
   * private addresses — a receiver on the developer's machine. Unset, `start` allows them and the
   * `worker` and `api` processes (production) refuse such URLs at registration and at every connection (SSRF).
   */
  allowPrivateTargets?: boolean;
  /**
   * WEBHOOK_SECRETS_KEY: 32 random bytes in base64 (`openssl rand -base64 32`), the same in every API
   * and worker process; the webhook signing secrets are sealed with it in Postgres
   * (webhooks/secret-sealing.ts). Unset: stored as they are (`start` makes one in its data folder).
   */
  secretsKey?: Buffer;
  /**
   * WEBHOOK_SECRETS_PREVIOUS_KEYS: keys that WEBHOOK_SECRETS_KEY replaced, comma-separated, each
   * like it: what they sealed still opens until `installer-jobs webhooks reseal` has sealed it under
   * the current key (README "Webhooks").
   */
  previousSecretsKeys?: Buffer[];
}

export interface ObservabilitySettings {
  /** LOG_FORMAT (json or pretty; unset: pretty on a terminal, json otherwise) and LOG_LEVEL (default info). */
  log: { format?: 'json' | 'pretty'; level: string };
  /** METRICS_PORT: the API process serves GET /metrics there (on HOST), never on the API's own port; unset: not at all. */
  metricsPort?: number;
  /** WORKER_METRICS_ADDRESS (host:port): the worker's Temporal SDK metrics, for Prometheus at /metrics; unset: not exported. */
  workerMetricsAddress?: string;
  /** WORKER_HEALTH_PORT: the worker process's GET /healthz and /readyz (on HOST); unset: not served. */
  workerHealthPort?: number;
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The Temporal worker's capacity; production sets it by environment for its machine and load.
 * The cache size is ours, measured with `npm run bench:memory -- --open 300`: a cached open run
 * costs 170–280 KB of RSS, so 500 runs stay within ~100–140 MB, where the SDK's default (60% of the
 * V8 heap limit in runs: ~2,300 on a machine with 16 GB or more) would let it grow to 400–650 MB.
 * Slots and pollers keep the SDK's defaults: 10 jobs at a time never had more than 2 activities or
 * any workflow activation waiting, and the workflows run on one thread anyway (reuseV8Context).
 */
export interface WorkerSettings {
  /**
   * Workflow runs kept in the worker's memory between their tasks (sticky cache), so that the next
   * change to a job continues its run instead of replaying its history. 0 turns the cache off.
   */
  maxCachedWorkflows: number;
  /** Workflow tasks (a job's change being applied) run at once. At most maxCachedWorkflows while the cache is on. */
  maxConcurrentWorkflowTasks: number;
  /** Activities (database writes, vehicle calls) run at once. */
  maxConcurrentActivities: number;
  /** Local activities run at once. */
  maxConcurrentLocalActivities: number;
  /** Long polls open for workflow tasks; at most maxConcurrentWorkflowTasks. */
  workflowTaskPollers: number;
  /** Long polls open for activity tasks; at most maxConcurrentActivities. */
  activityTaskPollers: number;
  /**
   * How long a job's next task waits for the worker that has its run cached before any worker may
   * take it (replaying the run). A killed worker's tasks wait this long; a live one takes them in
   * milliseconds.
   */
  stickyQueueTimeoutSeconds: number;
}

export const DEFAULT_WORKER_SETTINGS: Readonly<WorkerSettings> = {
  maxCachedWorkflows: 500,
  maxConcurrentWorkflowTasks: 40,
  maxConcurrentActivities: 100,
  maxConcurrentLocalActivities: 100,
  workflowTaskPollers: 10,
  activityTaskPollers: 10,
  // The SDK's 10 s made the first change after a worker's kill -9 answer 503 outcome-unknown (the API waits 5 s).
  stickyQueueTimeoutSeconds: 3,
};

export interface PhotoSettings {
  /**
   * PHOTO_STORE_URL: `s3://bucket/prefix?region=…&endpoint=…&forcePathStyle=true` for an S3-compatible
   * object store (credentials from the usual AWS_* variables, read by the AWS SDK). Unset: `dir`.
   */
  store:
    | { kind: 'local'; dir: string }
    | { kind: 's3'; bucket: string; prefix: string; region?: string; endpoint?: string; forcePathStyle: boolean };
  /** PHOTO_MAX_BYTES: the largest photo accepted (default 20 MiB); a larger one answers 413. */
  maxBytes: number;
  /** Where an upload is written while it arrives and is checked, before the store takes it. */
  scratchDir: string;
  /** What the hourly photo housekeeping removes (README "Photos"). */
  housekeeping: PhotoHousekeepingSettings;
}

export interface PhotoHousekeepingSettings {
  /** PHOTO_UNUSED_GRACE_HOURS: hours after its job finished that a photo no field holds is removed (default 24). */
  unusedGraceHours: number;
  /** PHOTO_RETENTION_DAYS: days the photos of a finished job are kept unless its provider set its own (default 730: the EU's two-year guarantee on goods). */
  defaultRetentionDays: number;
}

export const DEFAULT_PHOTO_MAX_BYTES = 20 * 1024 * 1024;

export interface CliConfig {
  /** Unset: the local API (cli/job-types-remote.ts `DEFAULT_API_URL`). */
  apiUrl?: string;
  token?: string;
}

const projectDir = path.resolve(__dirname, '..');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(projectDir, env.INSTALLER_JOBS_DATA_DIR ?? '.data');
  return {
    projectDir,
    dataDir,
    toolsDir: path.resolve(projectDir, env.INSTALLER_JOBS_TOOLS_DIR ?? '.tools'),
    jobTypesDir: path.resolve(projectDir, env.JOB_TYPES_DIR ?? 'job-types'),
    apiPort: port(env, 'PORT', 3000),
    apiHost: env.HOST ?? '127.0.0.1',
    apiRateLimitPerMinute: positiveInteger(env, 'API_RATE_LIMIT_PER_MINUTE', 600),
    oneApiSimulatorPort: port(env, 'ONEAPI_SIMULATOR_PORT', 3100),
    temporal: {
      externalAddress: nonEmpty(env.TEMPORAL_ADDRESS),
      namespace: nonEmpty(env.TEMPORAL_NAMESPACE) ?? 'default',
      taskQueue: nonEmpty(env.TEMPORAL_TASK_QUEUE) ?? 'installer-jobs',
      devServerPort: port(env, 'TEMPORAL_DEV_PORT', 7233),
      devServerUiPort: port(env, 'TEMPORAL_DEV_UI_PORT', 8233),
    },
    postgres: {
      databaseUrl: loadDatabaseUrl(env),
      embeddedPort: port(env, 'POSTGRES_PORT', 5433),
    },
    oneApi: {
      baseUrl: httpUrl(env, 'ONEAPI_BASE_URL'),
      clientId: nonEmpty(env.ONEAPI_CLIENT_ID),
      clientSecret: nonEmpty(env.ONEAPI_CLIENT_SECRET),
    },
    geocoder: {
      url: httpUrl(env, 'GEOCODER_URL'),
      userAgent: nonEmpty(env.GEOCODER_USER_AGENT),
    },
    photos: loadPhotoSettings(env, dataDir),
    tools: {
      temporalCliPath: nonEmpty(env.TEMPORAL_CLI_PATH),
      timeSkippingServerPath: nonEmpty(env.TEMPORAL_TEST_SERVER_PATH),
    },
    cli: loadCliConfig(env),
    worker: loadWorkerSettings(env),
    observability: loadObservabilitySettings(env),
    webhooks: loadWebhookSettings(env),
    mail: loadMailSettings(env),
  };
}

/** A week: long enough for someone back from a few days off, short enough that an old e-mail opens nothing. */
export const DEFAULT_ACCOUNT_LINK_VALID_HOURS = 168;

export function loadMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const smtpUrl = nonEmpty(env.SMTP_URL);
  // The URL may hold a password: the message names the variable, not its value.
  if (smtpUrl !== undefined && (!URL.canParse(smtpUrl) || !['smtp:', 'smtps:'].includes(new URL(smtpUrl).protocol)))
    throw new ConfigError('SMTP_URL is not an smtp:// or smtps:// URL (like smtps://user:password@mail.example.com:465).');
  return {
    smtpUrl,
    from: nonEmpty(env.MAIL_FROM) ?? 'installer-jobs <no-reply@installer-jobs.localhost>',
    publicUrl: (httpUrl(env, 'PUBLIC_URL') ?? `http://${env.HOST ?? '127.0.0.1'}:${port(env, 'PORT', 3000)}`).replace(/\/+$/, ''),
    invitationReminderHours: positiveInteger(env, 'INVITATION_REMINDER_HOURS', 72),
    accountLinkValidHours: accountLinkValidHours(env),
    catcherPort: port(env, 'MAIL_CATCHER_PORT', 0),
  };
}

/** At most a year: a sign-in link is a credential in an inbox, and Postgres must be able to store its end. */
function accountLinkValidHours(env: NodeJS.ProcessEnv): number {
  const hours = positiveInteger(env, 'ACCOUNT_LINK_VALID_HOURS', DEFAULT_ACCOUNT_LINK_VALID_HOURS);
  if (hours > 8760) throw new ConfigError(`ACCOUNT_LINK_VALID_HOURS=${hours} is more than a year (8760 hours).`);
  return hours;
}

export function loadWebhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  const settings: WebhookSettings = {};
  const allow = nonEmpty(env.WEBHOOK_ALLOW_PRIVATE_TARGETS)?.toLowerCase();
  if (allow !== undefined) {
    if (!['true', 'false'].includes(allow))
      throw new ConfigError(`WEBHOOK_ALLOW_PRIVATE_TARGETS=${env.WEBHOOK_ALLOW_PRIVATE_TARGETS} must be true or false.`);
    settings.allowPrivateTargets = allow === 'true';
  }
  const key = nonEmpty(env.WEBHOOK_SECRETS_KEY);
  if (key !== undefined) settings.secretsKey = sealingKey(key, 'WEBHOOK_SECRETS_KEY');
  const previous = nonEmpty(env.WEBHOOK_SECRETS_PREVIOUS_KEYS);
  if (previous !== undefined) {
    if (key === undefined)
      throw new ConfigError('WEBHOOK_SECRETS_PREVIOUS_KEYS is set without WEBHOOK_SECRETS_KEY, the key that replaced them.');
    settings.previousSecretsKeys = previous
      .split(',')
      .map((each, index) => sealingKey(each.trim(), `WEBHOOK_SECRETS_PREVIOUS_KEYS' key ${index + 1}`));
  }
  return settings;
}

/** A sealing key from its base64 text; the message names the variable, never its value. */
function sealingKey(text: string, what: string): Buffer {
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(text) ? Buffer.from(text, 'base64') : undefined;
  if (bytes?.length !== SEALING_KEY_BYTES)
    throw new ConfigError(`${what} must be ${SEALING_KEY_BYTES} random bytes in base64 (make one with: openssl rand -base64 32).`);
  return bytes;
}

export function loadObservabilitySettings(env: NodeJS.ProcessEnv = process.env): ObservabilitySettings {
  const format = nonEmpty(env.LOG_FORMAT);
  if (format !== undefined && format !== 'json' && format !== 'pretty')
    throw new ConfigError(`LOG_FORMAT=${format} is neither json nor pretty (unset: pretty on a terminal, json otherwise).`);
  const level = nonEmpty(env.LOG_LEVEL)?.toLowerCase() ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new ConfigError(`LOG_LEVEL=${level} is not one of ${LOG_LEVELS.join(', ')}.`);
  const workerMetricsAddress = nonEmpty(env.WORKER_METRICS_ADDRESS);
  if (workerMetricsAddress !== undefined && !/^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/.test(workerMetricsAddress))
    throw new ConfigError(`WORKER_METRICS_ADDRESS=${workerMetricsAddress} is not host:port (like 0.0.0.0:9464).`);
  return {
    log: { format, level },
    metricsPort: nonEmpty(env.METRICS_PORT) === undefined ? undefined : port(env, 'METRICS_PORT', 0),
    workerMetricsAddress,
    workerHealthPort: nonEmpty(env.WORKER_HEALTH_PORT) === undefined ? undefined : port(env, 'WORKER_HEALTH_PORT', 0),
  };
}

/** WORKER_*: each a whole number; a bad value or a combination the SDK would quietly change stops the process, naming the variable. */
export function loadWorkerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const defaults = DEFAULT_WORKER_SETTINGS;
  const maxCachedWorkflows = wholeNumber(env, 'WORKER_MAX_CACHED_WORKFLOWS', defaults.maxCachedWorkflows, 0);
  if (maxCachedWorkflows === 1) {
    throw new ConfigError('WORKER_MAX_CACHED_WORKFLOWS=1: the worker caches either no workflows (0) or at least 2.');
  }
  // A limit left unset follows the one it depends on; one set against it is refused (the SDK would quietly lower it).
  const maxConcurrentWorkflowTasks = wholeNumber(
    env,
    'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
    maxCachedWorkflows > 0 ? Math.min(defaults.maxConcurrentWorkflowTasks, maxCachedWorkflows) : defaults.maxConcurrentWorkflowTasks,
    2,
  );
  const maxConcurrentActivities = wholeNumber(env, 'WORKER_MAX_CONCURRENT_ACTIVITIES', defaults.maxConcurrentActivities, 1);
  const settings: WorkerSettings = {
    maxCachedWorkflows,
    maxConcurrentWorkflowTasks,
    maxConcurrentActivities,
    maxConcurrentLocalActivities: wholeNumber(env, 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES', defaults.maxConcurrentLocalActivities, 1),
    workflowTaskPollers: wholeNumber(env, 'WORKER_WORKFLOW_POLLERS', Math.min(defaults.workflowTaskPollers, maxConcurrentWorkflowTasks), 2),
    activityTaskPollers: wholeNumber(env, 'WORKER_ACTIVITY_POLLERS', Math.min(defaults.activityTaskPollers, maxConcurrentActivities), 1),
    stickyQueueTimeoutSeconds: wholeNumber(env, 'WORKER_STICKY_QUEUE_TIMEOUT_SECONDS', defaults.stickyQueueTimeoutSeconds, 1),
  };
  if (maxCachedWorkflows > 0 && settings.maxConcurrentWorkflowTasks > maxCachedWorkflows) {
    throw new ConfigError(
      `WORKER_MAX_CONCURRENT_WORKFLOW_TASKS=${settings.maxConcurrentWorkflowTasks} is more than WORKER_MAX_CACHED_WORKFLOWS=${maxCachedWorkflows}: a workflow task needs its run in the cache.`,
    );
  }
  if (settings.workflowTaskPollers > settings.maxConcurrentWorkflowTasks) {
    throw new ConfigError(
      `WORKER_WORKFLOW_POLLERS=${settings.workflowTaskPollers} is more than WORKER_MAX_CONCURRENT_WORKFLOW_TASKS=${settings.maxConcurrentWorkflowTasks}: each poll holds a free slot.`,
    );
  }
  if (settings.activityTaskPollers > settings.maxConcurrentActivities) {
    throw new ConfigError(
      `WORKER_ACTIVITY_POLLERS=${settings.activityTaskPollers} is more than WORKER_MAX_CONCURRENT_ACTIVITIES=${settings.maxConcurrentActivities}: each poll holds a free slot.`,
    );
  }
  return settings;
}

/** PHOTO_*: local disk under the data directory unless PHOTO_STORE_URL names an S3 bucket. */
export function loadPhotoSettings(env: NodeJS.ProcessEnv, dataDir: string): PhotoSettings {
  const raw = nonEmpty(env.PHOTO_STORE_URL);
  const scratchDir = path.join(dataDir, 'photo-uploads');
  const maxBytes = positiveInteger(env, 'PHOTO_MAX_BYTES', DEFAULT_PHOTO_MAX_BYTES);
  const housekeeping = {
    unusedGraceHours: wholeNumber(env, 'PHOTO_UNUSED_GRACE_HOURS', 24, 0),
    defaultRetentionDays: positiveInteger(env, 'PHOTO_RETENTION_DAYS', 730),
  };
  if (raw === undefined) return { store: { kind: 'local', dir: path.join(dataDir, 'photos') }, maxBytes, scratchDir, housekeeping };
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url?.protocol !== 's3:' || url.hostname === '') {
    throw new ConfigError(
      `PHOTO_STORE_URL=${raw} is not an S3 URL (like s3://bucket/prefix?region=eu-central-1, or with endpoint=http://host:port&forcePathStyle=true for another S3-compatible store); leave it unset to keep photos on the local disk.`,
    );
  }
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined && (!URL.canParse(endpoint) || !['http:', 'https:'].includes(new URL(endpoint).protocol)))
    throw new ConfigError(`PHOTO_STORE_URL=${raw}: endpoint=${endpoint} is not an http(s) URL.`);
  const forcePathStyle = url.searchParams.get('forcePathStyle') ?? 'false';
  if (!['true', 'false'].includes(forcePathStyle)) throw new ConfigError(`PHOTO_STORE_URL=${raw}: forcePathStyle must be true or false.`);
  return {
    store: {
      kind: 's3',
      bucket: url.hostname,
      prefix: decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, ''),
      region: url.searchParams.get('region') ?? undefined,
      endpoint,
      forcePathStyle: forcePathStyle === 'true',
    },
    maxBytes,
    scratchDir,
    housekeeping,
  };
}

/** DATABASE_URL alone, for knexfile.ts: importing it must not fail on a variable it does not use. */
export function loadDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return nonEmpty(env.DATABASE_URL);
}

/** INSTALLER_JOBS_API and INSTALLER_JOBS_TOKEN alone: talking to a remote API needs none of the servers' settings. */
export function loadCliConfig(env: NodeJS.ProcessEnv = process.env): CliConfig {
  return { apiUrl: nonEmpty(env.INSTALLER_JOBS_API), token: nonEmpty(env.INSTALLER_JOBS_TOKEN) };
}

/** The commands that serve requests or run jobs, traced when an OTLP endpoint is set, and the service name each reports as. */
const TRACED_COMMANDS: Record<string, string> = { start: 'installer-jobs', api: 'installer-jobs-api', worker: 'installer-jobs-worker' };

/**
 * Tracing (observability/tracing.ts) for `command`, the CLI's first argument: on when
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, for the commands that
 * serve requests or run jobs, unless OTEL_SDK_DISABLED=true; the service name is OTEL_SERVICE_NAME,
 * else the command's. The exporter reads the other OTEL_* variables itself. Read by the entry point
 * before anything else loads, so this needs nothing of the rest of the configuration.
 */
export function loadTracingSettings(
  command: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { serviceName: string } | undefined {
  const endpoint = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) ?? nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT);
  if (endpoint === undefined || command === undefined || !Object.hasOwn(TRACED_COMMANDS, command)) return undefined;
  if (nonEmpty(env.OTEL_SDK_DISABLED)?.toLowerCase() === 'true') return undefined;
  const protocol = nonEmpty(env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL) ?? nonEmpty(env.OTEL_EXPORTER_OTLP_PROTOCOL);
  if (protocol !== undefined && protocol !== 'http/protobuf')
    throw new ConfigError(
      `OTEL_EXPORTER_OTLP_PROTOCOL=${protocol}: traces are sent as http/protobuf only (a collector's port 4318); unset it or set http/protobuf.`,
    );
  return { serviceName: nonEmpty(env.OTEL_SERVICE_NAME) ?? TRACED_COMMANDS[command]! };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new ConfigError(`${name}=${raw} is not a port number (0-65535).`);
  }
  return value;
}

function httpUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return undefined;
  if (!URL.canParse(raw) || !['http:', 'https:'].includes(new URL(raw).protocol)) {
    throw new ConfigError(`${name}=${raw} is not an http(s) URL (like https://host.example/path).`);
  }
  return raw;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < minimum) {
    throw new ConfigError(`${name}=${raw} is not a whole number of at least ${minimum}.`);
  }
  return value;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = nonEmpty(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name}=${raw} is not a whole number of at least 1.`);
  return value;
}
