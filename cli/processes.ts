import type http from 'node:http';
import type { Client } from '@temporalio/client';
import { createApp } from '../api/app';
import { createApiServer } from '../api/server';
import { LiveFeed } from '../api/events/live-feed';
import type { Config } from '../common/config';
import { connectDb, migrateLatest, type Db, type DbLog } from '../db/connection';
import type { JobTypeCatalog } from '../definitions/catalog';
import { loadJobTypeCatalog } from '../db/job-type-versions';
import { assertReachable } from '../runtime/postgres';
import { databaseUrl, startPostgres } from '../runtime/services';
import { connectOneApi } from '../runtime/vehicle-service';
import { mailDependencies } from '../runtime/mail-service';
import { startSimulator } from '../gateway/simulator/server';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { locateTool, TOOLS, type ToolName } from '../runtime/tools';
import { connectClient, connectWorkerConnection, temporalTarget } from '../temporal/connection';
import { registerSearchAttributes } from '../temporal/search-attributes';
import { geocoderFrom } from '../geocoding/geocoder';
import { createJobWorker, isWorkerIdle } from '../worker/worker';
import { createWebhookWorker } from '../worker/webhook-worker';
import { ensureWebhookDispatcher } from '../temporal/webhooks';
import { photoStoreFor } from '../photos/store';
import { ensurePhotoHousekeepingSchedule } from '../temporal/schedules';
import { bundleJobWorkflows } from '../worker/bundle';
import { collectGarbageWhenIdle } from '../runtime/idle-gc';
import { createLogger, type Logger } from '../observability/log';
import { stopTracing } from '../observability/tracing';
import { installTemporalRuntime } from '../runtime/worker-log';
import { serveWorkerHealth } from '../worker/health';
import { createApiMetrics, serveMetrics } from '../api/metrics';

/**
 * The single-purpose processes of a deployment. Each connects to the Temporal cluster and the
 * database it is given (TEMPORAL_ADDRESS, DATABASE_URL), or else to what `start` runs locally.
 */
export async function runWorker(config: Config): Promise<void> {
  const logger = createLogger(config.observability.log);
  // Before the first connection: the SDK's logs through ours, its metrics on WORKER_METRICS_ADDRESS.
  installTemporalRuntime({ logger, metricsAddress: config.observability.workerMetricsAddress });
  const vehicles = connectOneApi(config);
  if (!config.mail.smtpUrl) logger.warn('SMTP_URL is not set: every e-mail fails at once, as each invitation then shows');
  warnIfWebhookSecretsUnsealed(config, logger);
  const db = await reachableDb(config, poolLog(logger));
  await loadJobTypeCatalog(config.jobTypesDir, db); // refuse to start on a broken job type
  const target = temporalTarget(config);
  const connection = await connectWorkerConnection(target);
  const worker = await createJobWorker({
    connection,
    namespace: target.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    gateway: vehicles.gateway,
    photos: { store: photoStoreFor(config.photos), housekeeping: config.photos.housekeeping },
    mail: mailDependencies(config),
    settings: config.worker,
    workflowBundle: bundleJobWorkflows({
      log: (line) => logger.info(line),
      problems: (level, message, meta) => logger[level]({ ...meta, component: 'workflow bundler' }, message),
    }),
  });
  // Webhooks on a task queue of their own, in a second worker sharing the bundle (worker/webhook-worker.ts).
  const webhookWorker = await createWebhookWorker({
    connection,
    namespace: target.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    workflowBundle: bundleJobWorkflows(),
    settings: {
      allowPrivateTargets: config.webhooks.allowPrivateTargets === true,
      secretsKey: config.webhooks.secretsKey,
      previousSecretsKeys: config.webhooks.previousSecretsKeys,
    },
  });
  // The hourly photo housekeeping runs on this task queue; the first worker to start makes its schedule.
  const scheduler = await connectClient(target);
  await ensurePhotoHousekeepingSchedule(scheduler, config.temporal.taskQueue);
  await ensureWebhookDispatcher(scheduler, config.temporal.taskQueue);
  await scheduler.connection.close();
  const { workerHealthPort, workerMetricsAddress } = config.observability;
  const health = workerHealthPort === undefined ? undefined : await serveWorkerHealth(worker, workerHealthPort, config.apiHost);
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM (the SDK's default shutdown signals).
  logger.info(
    {
      taskQueue: config.temporal.taskQueue,
      temporal: target.address,
      namespace: target.namespace,
      ...(health ? { health: `http://${config.apiHost}:${workerHealthPort}/healthz` } : {}),
      ...(workerMetricsAddress ? { metrics: `http://${workerMetricsAddress}/metrics` } : {}),
    },
    'Worker polling',
  );
  collectGarbageWhenIdle({ isIdle: () => isWorkerIdle(worker) });
  try {
    await Promise.all([worker.run(), webhookWorker.run()]);
    logger.info('worker drained and stopped');
  } catch (error) {
    logger.fatal({ err: error }, 'worker failed');
    throw error;
  } finally {
    health?.close();
    await connection.close();
    await db.destroy();
    await stopTracing(); // the last spans, sent
  }
}

/** The API writes webhook secrets and the worker reads them: each says so when it would keep them in clear. */
function warnIfWebhookSecretsUnsealed(config: Config, logger: Logger): void {
  if (!config.webhooks.secretsKey)
    logger.warn('WEBHOOK_SECRETS_KEY is not set: webhook signing secrets are stored in Postgres as they are, not sealed');
}

export async function runApi(config: Config): Promise<void> {
  const logger = createLogger(config.observability.log);
  const db = await reachableDb(config, poolLog(logger));
  const jobTypes = await loadJobTypeCatalog(config.jobTypesDir, db);
  const target = temporalTarget(config);
  const client = await connectClient(target);
  warnIfWebhookSecretsUnsealed(config, logger);
  const server = await serveApi(config, { db, client, namespace: target.namespace, jobTypes, logger });
  logger.info(
    {
      url: `http://${config.apiHost}:${config.apiPort}`,
      ...(config.observability.metricsPort === undefined
        ? {}
        : { metrics: `http://${config.apiHost}:${config.observability.metricsPort}/metrics` }),
    },
    'API listening',
  );
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal, graceMs: API_SHUTDOWN_GRACE_MS }, 'API stopping: no new connections; requests in flight may finish');
    // Kept-alive connections would hold close() open: each is closed as soon as it is idle.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    const cutOff = setTimeout(() => {
      logger.warn({ graceMs: API_SHUTDOWN_GRACE_MS }, 'requests still in flight cut off');
      server.closeAllConnections();
    }, API_SHUTDOWN_GRACE_MS);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(cutOff);
      void Promise.all([client.connection.close(), db.destroy(), stopTracing()]).then(() => {
        logger.info('API stopped');
        process.exit(0);
      });
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** How long requests in flight get to finish once the API is told to stop (SIGTERM); then their connections are closed. */
export const API_SHUTDOWN_GRACE_MS = 10_000;

/**
 * The API app with the configuration's settings, listening on its port; `installer-jobs api` and
 * `start` both serve it so. With METRICS_PORT, GET /metrics is served there until the API closes.
 */
export async function serveApi(
  config: Config,
  deps: { db: Db; client: Client; namespace: string; jobTypes: JobTypeCatalog; logger: Logger },
): Promise<http.Server> {
  const { metricsPort } = config.observability;
  const liveFeed = new LiveFeed(deps.db, { logger: deps.logger });
  const metrics =
    metricsPort === undefined
      ? undefined
      : createApiMetrics(deps.db, { processMetrics: true, openEventStreams: () => liveFeed.openStreams });
  const app = createApp({
    logger: deps.logger,
    metrics,
    liveFeed,
    db: deps.db,
    temporal: deps.client,
    namespace: deps.namespace,
    taskQueue: config.temporal.taskQueue,
    jobTypes: deps.jobTypes,
    geocoder: geocoderFrom(config.geocoder),
    rateLimit: { limit: config.apiRateLimitPerMinute, windowMs: 60_000 },
    webhooks: config.webhooks,
  });
  const server = createApiServer(app.callback(), { onClose: () => liveFeed.close() });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(config.apiPort, config.apiHost, resolve));
  if (metrics) {
    const metricsServer = await serveMetrics(metrics.registry, metricsPort!, config.apiHost).catch(async (error: unknown) => {
      server.close();
      throw error;
    });
    server.once('close', () => metricsServer.close());
  }
  return server;
}

/** The OneAPI simulator on its own, for a worker started with `installer-jobs worker`. */
export async function runSimulator(config: Config, options: { stateFile?: string } = {}): Promise<void> {
  // ONEAPI_CLIENT_ID and ONEAPI_CLIENT_SECRET, when set, are the client it accepts: a simulator started again
  // (by `start --processes`) then still takes the worker's credentials.
  const { clientId, clientSecret } = config.oneApi;
  const credentials =
    clientId && clientSecret
      ? { id: clientId, secret: clientSecret }
      : { id: 'installer-jobs-local', secret: randomBytes(18).toString('base64url') };
  const stateFile = options.stateFile === undefined ? undefined : path.resolve(options.stateFile);
  const simulator = await startSimulator({ port: config.oneApiSimulatorPort, clients: [credentials], stateFile });
  console.log(
    `OneAPI simulator listening. For the worker:\n  export ONEAPI_BASE_URL=${simulator.url} ONEAPI_CLIENT_ID='${credentials.id}' ONEAPI_CLIENT_SECRET='${credentials.secret}'`,
  );
  console.log(
    `State ${stateFile ? `kept in ${stateFile}` : 'in memory only (--state-file keeps it)'}; each vehicle's history at ${simulator.url}/_sim/vehicles`,
  );
  for (const vehicle of simulator.state.fleet.list())
    console.log(`  ${vehicle.licensePlate ?? '(no plate)'}  CloudBoxx QNR ${vehicle.telematicsUnitId}`);
  const stop = () => void simulator.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export async function migrate(config: Config): Promise<void> {
  // Use the database `start` is running if there is one; otherwise bring up the embedded one just for this.
  const running = await assertReachable(databaseUrl(config), 'DATABASE_URL').then(
    () => true,
    () => false,
  );
  const server = running ? undefined : await startPostgres(config, console.log);
  const db = connectDb(server?.url ?? databaseUrl(config));
  try {
    const applied = await migrateLatest(db, console.log);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
  } finally {
    await db.destroy();
    await server?.stop();
  }
}

export async function installTools(config: Config): Promise<void> {
  for (const name of Object.keys(TOOLS) as ToolName[]) {
    const binary = locateTool(name, { toolsDir: config.toolsDir, explicitPaths: config.tools, onInstall: console.log });
    console.log(`${TOOLS[name].description}: ${binary}`);
  }
}

export async function registerSearchAttributesCommand(config: Config): Promise<void> {
  const target = temporalTarget(config);
  const client = await connectClient(target);
  try {
    const { added, present } = await registerSearchAttributes(client, target.namespace);
    console.log(
      `Namespace ${target.namespace} on ${target.address}: added ${added.join(', ') || 'nothing'}; already there: ${present.join(', ') || 'none'}.`,
    );
  } finally {
    await client.connection.close();
  }
}

export async function reachableDb(config: Config, log?: DbLog) {
  const url = databaseUrl(config);
  await assertReachable(
    url,
    config.postgres.databaseUrl ? 'DATABASE_URL' : 'the embedded Postgres of `installer-jobs start`; set DATABASE_URL',
  );
  return connectDb(url, log);
}

/** The database pool's warnings (a connection lost or refused) as the process's log lines, not knex's console.log. */
export function poolLog(logger: Logger): DbLog {
  return (level, message) => logger[level]({ component: 'database pool' }, message);
}
