import path from 'node:path';
import { expect } from 'chai';
import {
  ConfigError,
  DEFAULT_WORKER_SETTINGS,
  loadCliConfig,
  loadConfig,
  loadDatabaseUrl,
  loadMailSettings,
  loadObservabilitySettings,
  loadWebhookSettings,
  loadWorkerSettings,
} from './config';

describe('configuration from the environment', () => {
  it('runs everything locally when nothing is set', () => {
    const config = loadConfig({});
    expect(config.apiPort).to.equal(3000);
    expect(config.temporal.externalAddress).to.equal(undefined);
    expect(config.temporal.devServerPort).to.equal(7233);
    expect(config.temporal.devServerUiPort).to.equal(8233);
    expect(config.postgres.databaseUrl).to.equal(undefined);
    expect(config.dataDir).to.equal(path.join(config.projectDir, '.data'));
  });

  it('uses an existing cluster and database when TEMPORAL_ADDRESS and DATABASE_URL are set', () => {
    const config = loadConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', DATABASE_URL: 'postgres://u:p@db/x', PORT: '8080' });
    expect(config.temporal.externalAddress).to.equal('temporal.internal:7233');
    expect(config.postgres.databaseUrl).to.equal('postgres://u:p@db/x');
    expect(config.apiPort).to.equal(8080);
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: '  ', DATABASE_URL: '' }).temporal.externalAddress).to.equal(undefined);
  });

  it('keeps a sign-in link a week unless ACCOUNT_LINK_VALID_HOURS says otherwise, within a year', () => {
    expect(loadMailSettings({}).accountLinkValidHours).to.equal(168);
    expect(loadMailSettings({ ACCOUNT_LINK_VALID_HOURS: '48' }).accountLinkValidHours).to.equal(48);
    expect(() => loadMailSettings({ ACCOUNT_LINK_VALID_HOURS: '0' })).to.throw(ConfigError, /ACCOUNT_LINK_VALID_HOURS=0/);
    expect(() => loadMailSettings({ ACCOUNT_LINK_VALID_HOURS: '8761' })).to.throw(
      ConfigError,
      'ACCOUNT_LINK_VALID_HOURS=8761 is more than a year',
    );
  });

  it('takes WEBHOOK_SECRETS_KEY as 32 bytes in base64, refusing anything else without repeating it', () => {
    expect(loadWebhookSettings({}).secretsKey).to.equal(undefined);
    const key = Buffer.alloc(32, 7);
    expect(loadWebhookSettings({ WEBHOOK_SECRETS_KEY: key.toString('base64') }).secretsKey).to.deep.equal(key);
    for (const bad of [Buffer.alloc(16, 7).toString('base64'), 'not base64 at all!', key.toString('hex')]) {
      expect(() => loadWebhookSettings({ WEBHOOK_SECRETS_KEY: bad }), bad)
        .to.throw(ConfigError, /WEBHOOK_SECRETS_KEY must be 32 random bytes in base64/)
        .and.satisfy((error: Error) => !error.message.includes(bad));
    }
    expect(loadWebhookSettings({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_SECRETS_KEY: key.toString('base64') })).to.deep.equal({
      allowPrivateTargets: true,
      secretsKey: key,
    });
  });

  it('takes WEBHOOK_SECRETS_PREVIOUS_KEYS as a comma-separated list of such keys, only beside WEBHOOK_SECRETS_KEY', () => {
    const [key, old1, old2] = [Buffer.alloc(32, 1), Buffer.alloc(32, 2), Buffer.alloc(32, 3)];
    const base64 = (bytes: Buffer) => bytes.toString('base64');
    const env = { WEBHOOK_SECRETS_KEY: base64(key), WEBHOOK_SECRETS_PREVIOUS_KEYS: `${base64(old1)}, ${base64(old2)}` };
    expect(loadWebhookSettings(env).previousSecretsKeys).to.deep.equal([old1, old2]);
    expect(() => loadWebhookSettings({ ...env, WEBHOOK_SECRETS_PREVIOUS_KEYS: `${base64(old1)},short` }))
      .to.throw(ConfigError, "WEBHOOK_SECRETS_PREVIOUS_KEYS' key 2 must be 32 random bytes in base64")
      .and.satisfy((error: Error) => !error.message.includes(base64(old1)));
    expect(() => loadWebhookSettings({ WEBHOOK_SECRETS_PREVIOUS_KEYS: base64(old1) })).to.throw(ConfigError, /without WEBHOOK_SECRETS_KEY/);
  });

  it('refuses a port that is not a number, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).to.throw(ConfigError, 'PORT=eighty is not a port number (0-65535).');
    expect(() => loadConfig({ POSTGRES_PORT: '70000' })).to.throw(ConfigError, /POSTGRES_PORT=70000/);
  });

  it('takes the API rate limit per token from API_RATE_LIMIT_PER_MINUTE, refusing a limit of nothing', () => {
    expect(loadConfig({}).apiRateLimitPerMinute).to.equal(600);
    expect(loadConfig({ API_RATE_LIMIT_PER_MINUTE: '5000' }).apiRateLimitPerMinute).to.equal(5000);
    expect(() => loadConfig({ API_RATE_LIMIT_PER_MINUTE: '0' })).to.throw(
      ConfigError,
      'API_RATE_LIMIT_PER_MINUTE=0 is not a whole number of at least 1.',
    );
    expect(() => loadConfig({ API_RATE_LIMIT_PER_MINUTE: 'lots' })).to.throw(ConfigError, /API_RATE_LIMIT_PER_MINUTE=lots/);
  });

  it('reads the OneAPI, the geocoder and the tools when set, trimmed, and leaves them unset otherwise', () => {
    expect(loadConfig({}).oneApi).to.deep.equal({ baseUrl: undefined, clientId: undefined, clientSecret: undefined });
    expect(loadConfig({}).geocoder).to.deep.equal({ url: undefined, userAgent: undefined });
    const config = loadConfig({
      ONEAPI_BASE_URL: ' https://api.invers.com ',
      ONEAPI_CLIENT_ID: 'EXFL29#cl1',
      ONEAPI_CLIENT_SECRET: 'secret',
      GEOCODER_URL: 'https://nominatim.example/',
      GEOCODER_USER_AGENT: 'acme-installs',
      TEMPORAL_CLI_PATH: '/opt/temporal',
      TEMPORAL_TEST_SERVER_PATH: '',
    });
    expect(config.oneApi).to.deep.equal({ baseUrl: 'https://api.invers.com', clientId: 'EXFL29#cl1', clientSecret: 'secret' });
    expect(config.geocoder).to.deep.equal({ url: 'https://nominatim.example/', userAgent: 'acme-installs' });
    expect(config.tools).to.deep.equal({ temporalCliPath: '/opt/temporal', timeSkippingServerPath: undefined });
  });

  it('refuses a OneAPI or geocoder address that is not an http(s) URL, naming the variable', () => {
    expect(() => loadConfig({ ONEAPI_BASE_URL: 'api.invers.com' })).to.throw(
      ConfigError,
      'ONEAPI_BASE_URL=api.invers.com is not an http(s) URL (like https://host.example/path).',
    );
    expect(() => loadConfig({ GEOCODER_URL: 'ftp://maps.example' })).to.throw(ConfigError, /GEOCODER_URL=ftp:\/\/maps.example/);
  });

  it('keeps the defaults of the task queue, the namespace and the folders', () => {
    const config = loadConfig({});
    expect(config.temporal.taskQueue).to.equal('installer-jobs');
    expect(config.temporal.namespace).to.equal('default');
    expect(config.postgres.embeddedPort).to.equal(5433);
    expect(config.oneApiSimulatorPort).to.equal(3100);
    expect(config.apiHost).to.equal('127.0.0.1');
    expect(config.toolsDir).to.equal(path.join(config.projectDir, '.tools'));
    expect(config.jobTypesDir).to.equal(path.join(config.projectDir, 'job-types'));
    expect(loadConfig({ INSTALLER_JOBS_DATA_DIR: '/srv/installer-jobs' }).dataDir).to.equal('/srv/installer-jobs');
  });

  it("reads the CLI's API and token, and DATABASE_URL, without the servers' settings", () => {
    expect(loadCliConfig({ INSTALLER_JOBS_API: 'https://jobs.example', INSTALLER_JOBS_TOKEN: 'tok', PORT: 'eighty' })).to.deep.equal({
      apiUrl: 'https://jobs.example',
      token: 'tok',
    });
    expect(loadCliConfig({})).to.deep.equal({ apiUrl: undefined, token: undefined });
    expect(loadDatabaseUrl({ DATABASE_URL: 'postgres://u:p@db/x', PORT: 'eighty' })).to.equal('postgres://u:p@db/x');
    expect(loadDatabaseUrl({ DATABASE_URL: ' ' })).to.equal(undefined);
  });

  describe('worker settings', () => {
    it('uses the measured defaults when nothing is set', () => {
      expect(loadConfig({}).worker).to.deep.equal(DEFAULT_WORKER_SETTINGS);
    });

    it('takes each from its WORKER_* variable', () => {
      expect(
        loadWorkerSettings({
          WORKER_MAX_CACHED_WORKFLOWS: '1000',
          WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '80',
          WORKER_MAX_CONCURRENT_ACTIVITIES: '50',
          WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: '20',
          WORKER_WORKFLOW_POLLERS: ' 8 ',
          WORKER_ACTIVITY_POLLERS: '4',
          WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: '5',
        }),
      ).to.deep.equal({
        maxCachedWorkflows: 1000,
        maxConcurrentWorkflowTasks: 80,
        maxConcurrentActivities: 50,
        maxConcurrentLocalActivities: 20,
        workflowTaskPollers: 8,
        activityTaskPollers: 4,
        stickyQueueTimeoutSeconds: 5,
      });
    });

    it('turns the workflow cache off with 0', () => {
      expect(loadWorkerSettings({ WORKER_MAX_CACHED_WORKFLOWS: '0' }).maxCachedWorkflows).to.equal(0);
    });

    const refused: Array<[NodeJS.ProcessEnv, string | RegExp]> = [
      [{ WORKER_MAX_CACHED_WORKFLOWS: 'many' }, 'WORKER_MAX_CACHED_WORKFLOWS=many is not a whole number of at least 0.'],
      [{ WORKER_MAX_CACHED_WORKFLOWS: '-5' }, /WORKER_MAX_CACHED_WORKFLOWS=-5 is not a whole number/],
      [{ WORKER_MAX_CACHED_WORKFLOWS: '2.5' }, /WORKER_MAX_CACHED_WORKFLOWS=2.5 is not a whole number/],
      [{ WORKER_MAX_CACHED_WORKFLOWS: '1e3' }, /WORKER_MAX_CACHED_WORKFLOWS=1e3 is not a whole number/],
      [{ WORKER_MAX_CACHED_WORKFLOWS: '1' }, /WORKER_MAX_CACHED_WORKFLOWS=1: .* either no workflows \(0\) or at least 2/],
      [{ WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '1' }, 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS=1 is not a whole number of at least 2.'],
      [{ WORKER_MAX_CONCURRENT_ACTIVITIES: '0' }, 'WORKER_MAX_CONCURRENT_ACTIVITIES=0 is not a whole number of at least 1.'],
      [{ WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: 'none' }, /WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES=none/],
      [{ WORKER_WORKFLOW_POLLERS: '1' }, 'WORKER_WORKFLOW_POLLERS=1 is not a whole number of at least 2.'],
      [{ WORKER_ACTIVITY_POLLERS: '0' }, /WORKER_ACTIVITY_POLLERS=0/],
      [
        { WORKER_MAX_CACHED_WORKFLOWS: '10', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20', WORKER_WORKFLOW_POLLERS: '5' },
        /WORKER_MAX_CONCURRENT_WORKFLOW_TASKS=20 is more than WORKER_MAX_CACHED_WORKFLOWS=10/,
      ],
      [
        { WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '4', WORKER_WORKFLOW_POLLERS: '5' },
        /WORKER_WORKFLOW_POLLERS=5 is more than WORKER_MAX_CONCURRENT_WORKFLOW_TASKS=4/,
      ],
      [
        { WORKER_MAX_CONCURRENT_ACTIVITIES: '3', WORKER_ACTIVITY_POLLERS: '5' },
        /WORKER_ACTIVITY_POLLERS=5 is more than WORKER_MAX_CONCURRENT_ACTIVITIES=3/,
      ],
    ];
    for (const [env, message] of refused) {
      it(`refuses ${Object.entries(env)
        .map(([name, value]) => `${name}=${value}`)
        .join(' ')}, naming the variable`, () => {
        expect(() => loadConfig(env)).to.throw(ConfigError, message);
      });
    }

    it('lowers an unset limit to one set below it', () => {
      expect(loadWorkerSettings({ WORKER_MAX_CACHED_WORKFLOWS: '4' })).to.include({
        maxConcurrentWorkflowTasks: 4,
        workflowTaskPollers: 4,
      });
      expect(loadWorkerSettings({ WORKER_MAX_CONCURRENT_ACTIVITIES: '3' })).to.include({ activityTaskPollers: 3 });
    });

    it('allows more workflow tasks than cached workflows when the cache is off', () => {
      expect(loadWorkerSettings({ WORKER_MAX_CACHED_WORKFLOWS: '0', WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '100' })).to.include({
        maxCachedWorkflows: 0,
        maxConcurrentWorkflowTasks: 100,
      });
    });
  });

  it('serves no metrics or worker health unless their ports are set, and refuses a log setting it does not know', () => {
    expect(loadObservabilitySettings({})).to.deep.equal({
      log: { format: undefined, level: 'info' },
      metricsPort: undefined,
      workerMetricsAddress: undefined,
      workerHealthPort: undefined,
    });
    expect(
      loadObservabilitySettings({
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'WARN',
        METRICS_PORT: '9100',
        WORKER_METRICS_ADDRESS: '0.0.0.0:9464',
        WORKER_HEALTH_PORT: '9101',
      }),
    ).to.deep.equal({
      log: { format: 'json', level: 'warn' },
      metricsPort: 9100,
      workerMetricsAddress: '0.0.0.0:9464',
      workerHealthPort: 9101,
    });
    expect(() => loadObservabilitySettings({ LOG_FORMAT: 'xml' })).to.throw(ConfigError, /LOG_FORMAT=xml/);
    expect(() => loadObservabilitySettings({ LOG_LEVEL: 'loud' })).to.throw(ConfigError, /LOG_LEVEL=loud/);
    expect(() => loadObservabilitySettings({ METRICS_PORT: 'x' })).to.throw(ConfigError, /METRICS_PORT=x/);
    expect(() => loadObservabilitySettings({ WORKER_METRICS_ADDRESS: '9464' })).to.throw(
      ConfigError,
      /WORKER_METRICS_ADDRESS=9464 is not host:port/,
    );
  });
});
