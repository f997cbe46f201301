import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import { stopTracing } from '../observability/tracing';
import type { Config } from '../common/config';
import type { Db } from '../db/connection';
import type * as Connection from '../db/connection';
import type * as DemoTenants from '../db/demo-tenant';
import type * as JobTypeVersions from '../db/job-type-versions';
import type * as Catalog from '../definitions/catalog';
import type * as CliChild from '../runtime/cli-child';
import type * as VehicleService from '../runtime/vehicle-service';
import type * as MailService from '../runtime/mail-service';
import type * as WorkerLog from '../runtime/worker-log';
import type * as TemporalConnection from '../temporal/connection';
import type * as WorkerPolls from '../temporal/worker-polls';
import type * as Bundle from '../worker/bundle';
import type * as JobWorker from '../worker/worker';
import type * as WebhookWorker from '../worker/webhook-worker';
import type * as Webhooks from '../temporal/webhooks';
import type * as PhotoStores from '../photos/store';
import type * as Schedules from '../temporal/schedules';
import type * as Processes from './processes';
import { collectGarbageWhenIdle } from '../runtime/idle-gc';
import { logTail } from '../runtime/log-tail';
import { claimStart, cliChildPidFile, stopOrphanChildren, type CliChildCommand } from '../runtime/pid-file';
import { assertPortFree } from '../runtime/ports';
import { localWebhookSecretsKey } from '../runtime/webhook-secrets-key';
import { startPostgres, startServers, startTemporal } from '../runtime/services';
import { describeNamespace } from '../runtime/temporal-dev-server';
import { Supervisor, type Child, type GaveUp, type Supervised } from '../runtime/supervisor';

type Stop = () => Promise<void>;

/**
 * What `start` runs, in the order it stops them (last first): the API stops taking requests before
 * the worker drains, the worker before the servers go.
 */
const enum Part {
  Postgres,
  DatabasePool,
  TemporalDevServer,
  TemporalClient,
  VehicleService,
  MailService,
  WorkerConnection,
  Worker,
  Api,
}

export interface StartOptions {
  /**
   * Run the worker and the API as processes of their own (`installer-jobs worker`, `installer-jobs api`),
   * as production does, each restarted when it dies. Default: both in this process, which starts sooner.
   */
  processes?: boolean;
}

/** How long one part gets to stop before the next is stopped anyway (the API's grace and the worker's drain fit in it). */
const PART_STOP_TIMEOUT_MS = 20_000;

/**
 * `installer-jobs start`: the whole stack in one process for local work — Temporal dev server
 * (+ UI), Postgres, migrations, the worker and the API — stopped in reverse order on Ctrl-C.
 *
 * Start-up does at once what does not wait on anything else: both servers start together, and
 * while they do, the rest of the code loads (seconds of it), the workflow bundle is read from its
 * cache (worker/bundle.ts), the job types are compiled and the OneAPI simulator starts. The worker
 * is created as soon as Temporal answers and starts polling once the migrations have run.
 *
 * The server processes it starts are watched: one that dies is started again (runtime/supervisor.ts),
 * one that keeps dying stops everything. With `processes`, the worker, the API and the simulator are
 * such processes too (startProcesses).
 */
export async function start(environment: Config, options: StartOptions = {}): Promise<void> {
  // A receiver on the developer's own machine is a fine webhook target here, unless told otherwise.
  const config: Config = {
    ...environment,
    webhooks: { ...environment.webhooks, allowPrivateTargets: environment.webhooks.allowPrivateTargets ?? true },
  };
  // A start whose npm was killed (kill -9) runs on without it: refused before this one touches its servers.
  fs.mkdirSync(config.dataDir, { recursive: true });
  const running = claimStart(config.dataDir);
  if (running !== undefined) {
    console.error(`\n✖ ${alreadyRunningMessage(config, running)}`);
    process.exit(1);
  }
  const log = (line: string) => console.log(line);
  const parts = new Parts();
  const shutDown = (exitCode: number) => {
    supervisor.stopRestarting();
    void parts.stopAll().then(() => process.exit(exitCode));
  };
  // A child that keeps dying: everything stops, in order, and the child's last words are shown.
  const supervisor = new Supervisor({
    log,
    onGiveUp: (gaveUp: GaveUp) => {
      console.error(`\n${gaveUpMessage(config, gaveUp)}\nStopping everything.`);
      shutDown(1);
    },
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (parts.stopping) {
      console.error(`${signal} again: exiting now.`);
      process.exit(130);
    }
    log(`\n${signal}: shutting down (Ctrl-C again to force) …`);
    shutDown(0);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    // A start killed outright (SIGKILL; gone, as claimStart found) may have left its API, worker and simulator running, on the ports they need.
    await stopOrphanChildren(config.dataDir, log);
    // Fail before starting anything if the API could not listen anyway.
    await assertPortFree(config.apiPort, config.apiHost, 'the API', 'PORT');
    // Webhook secrets are sealed here too, with a key kept in the data folder unless the environment brings one.
    config.webhooks.secretsKey ??= localWebhookSecretsKey(config.dataDir);

    let workerMade = false;
    let workerRunning = false;
    let workerStuck = false;
    const servers = startServers(config, log);
    const postgresStarting = parts.own(
      Part.Postgres,
      'Postgres',
      servers.postgres.then((server) =>
        keepAlive(supervisor, 'Postgres', path.join(config.dataDir, 'postgres.log'), server, () => startPostgres(config, log)),
      ),
      (server) => server.stop(),
    );
    const temporalStarting = parts.own(
      Part.TemporalDevServer,
      'Temporal dev server',
      servers.temporal.then((server) =>
        keepAlive(supervisor, 'Temporal dev server', path.join(config.dataDir, 'temporal', 'server.log'), server, () =>
          startTemporal(config, log),
        ),
      ),
      (server) => server?.stop(),
    );
    await servers.launched;
    if (options.processes) {
      await startProcesses(config, { log, parts, supervisor, postgresStarting, temporalStarting });
      return;
    }

    const code = loadCode();
    // The SDK's own logs go to a file, and so do the API's requests; the terminal keeps the banner and one line per warning.
    const { level } = config.observability.log;
    code.workerLog.installTemporalRuntime({
      logger: code.workerLog.startLogger(path.join(config.dataDir, 'worker.log'), log, level),
      metricsAddress: config.observability.workerMetricsAddress,
      shutdownSignals: [],
    });
    const bundleLoading = parts.early(code.bundle.bundleJobWorkflows());
    const jobTypesLoading = parts.early(code.catalog.JobTypeCatalog.load(config.jobTypesDir));
    const vehiclesStarting = parts.own(Part.VehicleService, 'vehicle service', code.vehicles.startVehicleService(config), (v) => v.stop());
    const mailStarting = parts.own(Part.MailService, 'mail catcher', code.mail.startMailService(config), (m) => m.stop());

    // Made now, so that the database pool's warnings (Postgres gone a moment) go to it too: one line each on the terminal.
    const apiLogger = code.workerLog.startLogger(path.join(config.dataDir, 'api.log'), log, level);
    const dbPool = parts.own(
      Part.DatabasePool,
      'database pool',
      postgresStarting.then((postgres) => code.db.connectDb(postgres.url, code.processes.poolLog(apiLogger))),
      (db) => db.destroy(),
    );
    // Temporal's side: the worker (bundle loaded into its sandbox) is made while Postgres migrates.
    const workerMaking = parts.early(
      (async () => {
        const devServer = await temporalStarting;
        const target = code.temporal.temporalTarget(config, devServer?.address);
        const [client, workerConnection] = await Promise.all([
          parts.own(Part.TemporalClient, 'Temporal client', code.temporal.connectClient(target), (c) => c.connection.close()),
          // A worker that was made but never ran keeps its connection until the process exits: the SDK
          // releases a worker only when it has run, and start-up that failed before that exits anyway.
          parts.own(Part.WorkerConnection, 'worker connection', code.temporal.connectWorkerConnection(target), (c) =>
            (workerMade && !workerRunning) || workerStuck ? undefined : c.close(),
          ),
        ]);
        const [vehicles, db, mail] = await Promise.all([vehiclesStarting, dbPool, mailStarting]);
        const worker = await code.jobWorker.createJobWorker({
          connection: workerConnection,
          namespace: target.namespace,
          taskQueue: config.temporal.taskQueue,
          db,
          gateway: vehicles.gateway,
          photos: { store: code.photoStores.photoStoreFor(config.photos), housekeeping: config.photos.housekeeping },
          mail: mail.dependencies,
          workflowBundle: bundleLoading,
          settings: config.worker,
        });
        const webhookWorker = await code.webhookWorker.createWebhookWorker({
          connection: workerConnection,
          namespace: target.namespace,
          taskQueue: config.temporal.taskQueue,
          db,
          workflowBundle: bundleLoading,
          settings: {
            allowPrivateTargets: config.webhooks.allowPrivateTargets === true,
            secretsKey: config.webhooks.secretsKey,
            previousSecretsKeys: config.webhooks.previousSecretsKeys,
          },
        });
        workerMade = true;
        return { devServer, target, client, workerConnection, worker, webhookWorker };
      })(),
    );
    const migrating = parts.early(
      (async () => {
        const db = await dbPool;
        const applied = await code.db.migrateLatest(db, log);
        await code.jobTypeVersions.registerJobTypes(db, (await jobTypesLoading).list());
        return applied;
      })(),
    );

    // A broken job type is the first thing to say (file, line, column): the servers starting meanwhile are stopped.
    const jobTypes = await jobTypesLoading;
    const postgres = await postgresStarting;
    const applied = await migrating;
    const db = await dbPool;
    logDatabaseAndJobTypes(log, config, postgres, applied, jobTypes);

    const { devServer, target, client, workerConnection, worker, webhookWorker } = await workerMaking;
    log(
      `Temporal    ${target.address} (namespace ${target.namespace})${devServer ? `, data in ${rel(config, path.join(config.dataDir, 'temporal'))}` : ''}`,
    );
    if (devServer?.uiUrl) log(`Temporal UI ${devServer.uiUrl}`);

    const vehicles = await vehiclesStarting;
    log(`Vehicles    ${vehicles.describe}`);
    if (vehicles.simulator) {
      for (const v of vehicles.simulator.state.fleet.list())
        log(`              ${v.licensePlate ?? '(no plate)'}  CloudBoxx QNR ${v.telematicsUnitId}${v.vin ? `  VIN ${v.vin}` : ''}`);
    }
    log(`Mail        ${(await mailStarting).describe}`);

    // Polling only now: a job's activities write to the schema the migrations just made.
    const running = worker.run();
    const webhooksRunning = webhookWorker.run();
    workerRunning = true;
    parts.add(Part.Worker, 'worker', async () => {
      const temporalAnswers = () => describeNamespace(target.address, target.namespace);
      const drained = await Promise.all([
        shutdownWorker(worker, running, temporalAnswers),
        shutdownWorker(webhookWorker, webhooksRunning, temporalAnswers),
      ]);
      workerStuck = drained.includes(false);
    });
    // "Ready" means a change can be sent: the API refuses changes until Temporal sees a worker poll.
    await code.workerPolls.untilWorkerPolls(workerConnection, config.temporal.taskQueue, target.namespace);
    log(`Worker      polling task queue ${config.temporal.taskQueue}`);
    // Off the start-up path: the hourly housekeeping needs its schedule, not the first job.
    code.schedules
      .ensurePhotoHousekeepingSchedule(client, config.temporal.taskQueue)
      .catch((error: unknown) => log(`Photo housekeeping schedule not made: ${(error as Error).message}`));
    code.webhooks
      .ensureWebhookDispatcher(client, config.temporal.taskQueue)
      .catch((error: unknown) => log(`Webhook dispatcher not started: ${(error as Error).message}`));
    process.on('SIGUSR2', () => log(memoryReport(worker, config)));
    collectGarbageWhenIdle({ isIdle: () => code.jobWorker.isWorkerIdle(worker) });

    const server = await code.processes.serveApi(config, { db, client, namespace: target.namespace, jobTypes, logger: apiLogger });
    parts.add(Part.Api, 'API', () => new Promise<void>((resolve) => server.close(() => resolve())));
    log(
      `API         http://${config.apiHost}:${config.apiPort}  (health: /healthz, /readyz; requests logged to ${rel(config, path.join(config.dataDir, 'api.log'))})`,
    );
    const { metricsPort, workerMetricsAddress } = config.observability;
    if (metricsPort !== undefined || workerMetricsAddress !== undefined)
      log(
        `Metrics     ${[metricsPort === undefined ? undefined : `API http://${config.apiHost}:${metricsPort}/metrics`, workerMetricsAddress && `worker http://${workerMetricsAddress}/metrics`].filter(Boolean).join(', ')}`,
      );

    await printDemoTenant(config, db, code.demoTenants, log);
    log('Ready. Ctrl-C stops everything.');
    await Promise.all([running, webhooksRunning]).catch(async (error) => {
      console.error(`The worker stopped: ${(error as Error).message}`);
      supervisor.stopRestarting();
      await parts.stopAll();
      process.exit(1);
    });
  } catch (error) {
    supervisor.stopRestarting();
    await parts.stopAll();
    throw error;
  }
}

/**
 * `start --processes`: Postgres, Temporal and the simulator as in-process mode runs them, the worker
 * and the API as `installer-jobs worker` and `installer-jobs api` — production's processes, pointed
 * at them by environment — each started again when it dies. This process migrates the database and
 * makes the demo tenant; it loads neither the worker nor the API.
 */
async function startProcesses(
  config: Config,
  context: {
    log: (line: string) => void;
    parts: Parts;
    supervisor: Supervisor;
    postgresStarting: Promise<{ url: string; embedded: boolean }>;
    temporalStarting: Promise<{ address: string; uiUrl?: string } | undefined>;
  },
): Promise<void> {
  const { log, parts, supervisor } = context;
  const code = loadProcessesCode();
  const jobTypesLoading = parts.early(code.catalog.JobTypeCatalog.load(config.jobTypesDir));
  // The children read what this process started from their environment, as production's processes do.
  const baseEnv: NodeJS.ProcessEnv = {
    // eslint-disable-next-line no-restricted-properties -- the children run with this environment (PATH, HOME, WORKER_*, …), what `start` runs on top
    ...process.env,
    LOG_FORMAT: 'json',
  };
  const supervised = (command: CliChildCommand, name: string, ready: string, env: NodeJS.ProcessEnv, args?: string[]) => {
    const logFile = path.join(config.dataDir, `${command}.log`);
    const launch = (signal?: AbortSignal) =>
      code.cliChild.startCliChild({
        command,
        args,
        env,
        logFile,
        pidFile: cliChildPidFile(config.dataDir, command),
        ready,
        printLine: log,
        signal,
      });
    return launch().then((first) => supervisor.supervise({ name, logFile, restart: launch }, first));
  };
  const vehiclesStarting = parts.early(startSimulatorProcess(config, code, baseEnv, parts, supervised));
  const mailStarting = parts.own(Part.MailService, 'mail catcher', code.mail.startMailService(config), (m) => m.stop());
  const dbPool = parts.own(
    Part.DatabasePool,
    'database pool',
    context.postgresStarting.then((postgres) =>
      code.db.connectDb(postgres.url, (level, message) => log(`${level.toUpperCase().padEnd(5)} ${message.split('\n')[0]!}`)),
    ),
    (db) => db.destroy(),
  );
  const jobTypes = await jobTypesLoading;
  const postgres = await context.postgresStarting;
  const db = await dbPool;
  const applied = await code.db.migrateLatest(db, log);
  await code.jobTypeVersions.registerJobTypes(db, jobTypes.list());
  logDatabaseAndJobTypes(log, config, postgres, applied, jobTypes);
  const devServer = await context.temporalStarting;
  const temporalAddress = devServer?.address ?? config.temporal.externalAddress!;
  log(
    `Temporal    ${temporalAddress} (namespace ${config.temporal.namespace})${devServer ? `, data in ${rel(config, path.join(config.dataDir, 'temporal'))}` : ''}`,
  );
  if (devServer?.uiUrl) log(`Temporal UI ${devServer.uiUrl}`);
  const vehicles = await vehiclesStarting;
  log(`Vehicles    ${vehicles.describe}`);
  const mail = await mailStarting;
  log(`Mail        ${mail.describe}`);

  const env: NodeJS.ProcessEnv = {
    ...baseEnv,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: config.temporal.namespace,
    DATABASE_URL: postgres.url,
    WEBHOOK_ALLOW_PRIVATE_TARGETS: String(config.webhooks.allowPrivateTargets === true),
    ...(config.webhooks.secretsKey && { WEBHOOK_SECRETS_KEY: config.webhooks.secretsKey.toString('base64') }),
    ...(config.webhooks.previousSecretsKeys && {
      WEBHOOK_SECRETS_PREVIOUS_KEYS: config.webhooks.previousSecretsKeys.map((key) => key.toString('base64')).join(','),
    }),
    ...vehicles.workerEnv,
    ...mail.workerEnv,
  };
  const [worker, api] = await Promise.all([
    parts.own(Part.Worker, 'worker', supervised('worker', 'worker', 'Worker polling', env), (w) => w.stop()),
    parts.own(Part.Api, 'API', supervised('api', 'API', 'API listening', env), (a) => a.stop()),
  ]);
  const apiUrl = `http://${config.apiHost}:${config.apiPort}`;
  await untilReady(apiUrl, code.cliChild.CliChildStartError);
  log(
    `Worker      process ${worker.current.pid} polling task queue ${config.temporal.taskQueue}; log ${rel(config, path.join(config.dataDir, 'worker.log'))}`,
  );
  log(
    `API         process ${api.current.pid} at ${apiUrl}  (health: /healthz, /readyz; log ${rel(config, path.join(config.dataDir, 'api.log'))})`,
  );
  await printDemoTenant(config, db, code.demoTenants, log);
  log('Ready (worker and API as processes of their own). Ctrl-C stops everything.');
}

/**
 * The vehicle side of `start --processes`: the real OneAPI when ONEAPI_BASE_URL names it, else
 * `installer-jobs simulator` as a supervised child keeping its state where `start` keeps it, with
 * credentials chosen here, so that a simulator started again still takes the worker's.
 */
async function startSimulatorProcess(
  config: Config,
  code: ReturnType<typeof loadProcessesCode>,
  baseEnv: NodeJS.ProcessEnv,
  parts: Parts,
  supervised: (
    command: CliChildCommand,
    name: string,
    ready: string,
    env: NodeJS.ProcessEnv,
    args?: string[],
  ) => Promise<Supervised<CliChild.CliChild>>,
): Promise<{ describe: string; workerEnv?: Record<string, string> }> {
  if (config.oneApi.baseUrl) return code.vehicles.connectOneApi(config);
  const credentials = { ONEAPI_CLIENT_ID: 'installer-jobs-local', ONEAPI_CLIENT_SECRET: randomBytes(18).toString('base64url') };
  const stateFile = code.vehicles.simulatorStateFile(config);
  const simulator = await parts.own(
    Part.VehicleService,
    'OneAPI simulator',
    supervised('simulator', 'OneAPI simulator', 'OneAPI simulator listening', { ...baseEnv, ...credentials }, ['--state-file', stateFile]),
    (s) => s.stop(),
  );
  const url = `http://127.0.0.1:${config.oneApiSimulatorPort}`;
  return {
    describe: `OneAPI simulator, process ${simulator.current.pid}, at ${url}, state in ${rel(config, stateFile)}, vehicles' history at ${url}/_sim/vehicles`,
    workerEnv: { ONEAPI_BASE_URL: url, ...credentials },
  };
}

/** Until the API's GET /readyz answers 200: Postgres and Temporal answer and a worker polls. */
async function untilReady(apiUrl: string, NotReady: new (message: string) => Error, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${apiUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = await response.text();
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new NotReady(`The API at ${apiUrl} was not ready within ${timeoutMs / 1_000} s: ${last}`);
}

/**
 * `server` (Postgres, the Temporal dev server) watched by the supervisor and started again with
 * `restart` when its process dies; its stop() then stops whichever process runs. A server this
 * process did not start (DATABASE_URL, TEMPORAL_ADDRESS) is not watched.
 */
function keepAlive<T extends { ended?: Promise<string>; stop(): Promise<void> }>(
  supervisor: Supervisor,
  name: string,
  logFile: string,
  server: T,
  restart: () => Promise<T | undefined>,
): T;
function keepAlive<T extends { ended?: Promise<string>; stop(): Promise<void> }>(
  supervisor: Supervisor,
  name: string,
  logFile: string,
  server: T | undefined,
  restart: () => Promise<T | undefined>,
): T | undefined;
function keepAlive<T extends { ended?: Promise<string>; stop(): Promise<void> }>(
  supervisor: Supervisor,
  name: string,
  logFile: string,
  server: T | undefined,
  restart: () => Promise<T | undefined>,
): T | undefined {
  if (!server?.ended) return server;
  const asChild = (s: T | undefined): Child => {
    if (!s?.ended) throw new Error(`${name} was started again but is not watched`);
    return { ended: s.ended, stop: () => s.stop() };
  };
  const kept = supervisor.supervise({ name, logFile, restart: async () => asChild(await restart()) }, asChild(server));
  return { ...server, stop: () => kept.stop() };
}

function alreadyRunningMessage(config: Config, pid: number): string {
  const relative = path.relative(config.projectDir, config.dataDir);
  const folder = relative && !relative.startsWith('..') ? relative : config.dataDir;
  return (
    `installer-jobs start is already running for ${folder} (pid ${pid}), supervising its servers; ` +
    `a second start would stop them while that one starts them again. Stop it first — Ctrl-C in its terminal, ` +
    `or \`kill ${pid}\`: it stops everything it started — then start again. (A start whose npm was killed runs on without it.)`
  );
}

function gaveUpMessage(config: Config, gaveUp: GaveUp): string {
  const times = `${gaveUp.deaths} times within ${gaveUp.windowMs / 1_000} s`;
  const tail = gaveUp.logFile ? `\nLast lines of ${rel(config, gaveUp.logFile)}:\n${logTail(gaveUp.logFile, 20)}` : '';
  return `✖ The ${gaveUp.name} keeps dying (${times}; the last time it ${gaveUp.reason}), so it is not started again.${tail}`;
}

/**
 * The modules behind the servers take seconds to load (the API, the worker, knex, the Temporal
 * SDK): `start` loads them only once both server processes are launched, so that the loading and
 * the servers' start-up overlap. (A dynamic import() would bypass tsx's CommonJS hook.)
 */
function loadCode() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ...loadSharedCode(),
    workerLog: require('../runtime/worker-log') as typeof WorkerLog,
    bundle: require('../worker/bundle') as typeof Bundle,
    temporal: require('../temporal/connection') as typeof TemporalConnection,
    workerPolls: require('../temporal/worker-polls') as typeof WorkerPolls,
    jobWorker: require('../worker/worker') as typeof JobWorker,
    webhookWorker: require('../worker/webhook-worker') as typeof WebhookWorker,
    webhooks: require('../temporal/webhooks') as typeof Webhooks,
    processes: require('./processes') as typeof Processes,
    photoStores: require('../photos/store') as typeof PhotoStores,
    schedules: require('../temporal/schedules') as typeof Schedules,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** What `start --processes` runs itself: no worker, no API, no Temporal SDK. */
function loadProcessesCode() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { ...loadSharedCode(), cliChild: require('../runtime/cli-child') as typeof CliChild };
}

/** What both modes run themselves: the job types, the vehicle side and the database with the demo tenant. */
function loadSharedCode() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    catalog: require('../definitions/catalog') as typeof Catalog,
    vehicles: require('../runtime/vehicle-service') as typeof VehicleService,
    mail: require('../runtime/mail-service') as typeof MailService,
    db: require('../db/connection') as typeof Connection,
    jobTypeVersions: require('../db/job-type-versions') as typeof JobTypeVersions,
    demoTenants: require('../db/demo-tenant') as typeof DemoTenants,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * What `start` has started, stopped in Part order, last first. A part still starting when the
 * stop begins (Ctrl-C during start-up, or another part failed) is waited for and stopped too.
 */
class Parts {
  private readonly stops: Array<{ part: Part; what: string; stop: Stop }> = [];
  private readonly starting = new Set<Promise<unknown>>();
  stopping: Promise<void> | undefined;

  add(part: Part, what: string, stop: Stop): void {
    this.stops.push({ part, what, stop });
  }

  /** `starting` gives a part to stop later with `stop`. */
  own<T>(part: Part, what: string, starting: Promise<T>, stop: (value: T) => Promise<void> | undefined): Promise<T> {
    const owned = starting.then((value) => {
      this.add(part, what, async () => stop(value));
      return value;
    });
    return this.early(owned);
  }

  /** Work begun now and awaited later: its failure is seen where it is awaited, and the stop waits for it. */
  early<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => {},
      () => {},
    );
    this.starting.add(settled);
    void settled.then(() => this.starting.delete(settled));
    return work;
  }

  stopAll(): Promise<void> {
    this.stopping ??= (async () => {
      await Promise.all(this.starting);
      const order = [...this.stops].sort((a, b) => b.part - a.part);
      for (const { what, stop } of order) {
        // A part that cannot be stopped must not keep the rest running: each gets its time, then the next goes.
        let timer: NodeJS.Timeout | undefined;
        try {
          const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), PART_STOP_TIMEOUT_MS)));
          if ((await Promise.race([stop(), late])) === 'late')
            console.error(`Stopping ${what} took more than ${PART_STOP_TIMEOUT_MS / 1_000} s; going on without it.`);
        } catch (error) {
          console.error(`Stopping ${what} failed: ${(error as Error).message}`);
        } finally {
          clearTimeout(timer);
        }
      }
      // Last: the spans the parts made while stopping go too (nothing to do when tracing is off).
      await stopTracing().catch((error: unknown) => console.error(`Sending the last traces failed: ${(error as Error).message}`));
    })();
    return this.stopping;
  }
}

/**
 * Lets the worker drain; false when it could not, because Temporal stopped answering (the dev server
 * died and is not back): the SDK's drain would wait for it for ever, and a worker that cannot reach
 * Temporal has nothing to finish that Temporal would take.
 */
async function shutdownWorker(worker: Worker, running: Promise<void>, temporalAnswers: () => Promise<void>): Promise<boolean> {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  const drained = running.then(
    () => true,
    () => true,
  );
  for (let failures = 0; failures < 2;) {
    const outcome = await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 500))]);
    if (outcome === true) return true;
    failures = await temporalAnswers().then(
      () => 0,
      () => failures + 1,
    );
  }
  console.error('The worker cannot drain: Temporal does not answer. Going on without it.');
  return false;
}

/** The banner's lines for the database (and the migrations just run) and the job types loaded. */
function logDatabaseAndJobTypes(
  log: (line: string) => void,
  config: Config,
  postgres: { embedded: boolean },
  applied: string[],
  jobTypes: { list(): Array<{ id: string; version: number }> },
): void {
  const data = postgres.embedded ? `embedded, data in ${rel(config, path.join(config.dataDir, 'postgres'))}` : 'DATABASE_URL';
  log(`Postgres    ${data}; migrations: ${applied.length ? applied.join(', ') : 'up to date'}`);
  log(
    `Job types   ${jobTypes
      .list()
      .map((t) => `${t.id}@${t.version}`)
      .join(', ')}`,
  );
}
/** `kill -USR2 <pid>`: where the memory of the process goes, and how many job runs the worker keeps cached. */
function memoryReport(worker: Worker, config: Config): string {
  const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
  const memory = process.memoryUsage();
  const status = worker.getStatus();
  return (
    `Memory      rss ${mb(memory.rss)}, V8 heap ${mb(memory.heapUsed)} used of ${mb(memory.heapTotal)}, external ${mb(memory.external)}; ` +
    `worker: ${status.numCachedWorkflows} workflow runs cached (at most ${config.worker.maxCachedWorkflows}), ` +
    `${status.numInFlightWorkflowActivations} activations and ${status.numInFlightActivities} activities in flight`
  );
}

async function printDemoTenant(config: Config, db: Db, demoTenants: typeof DemoTenants, log: (line: string) => void): Promise<void> {
  const file = path.join(config.dataDir, 'demo-tenant.json');
  const created = await demoTenants.createDemoTenantIfMissing(db);
  if (created) fs.writeFileSync(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600 });
  const demo: DemoTenants.DemoTenant | undefined = created ?? (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
  if (!demo) return;
  log(`\nDemo tenant${created ? ' (created now)' : ''} — tokens also in ${rel(config, file)}:`);
  log(`  fleet id                 ${demo.fleetId}`);
  log(`  installer company id     ${demo.installerCompanyId}`);
  log(`  provider admin token     ${demo.tokens.providerAdmin}`);
  // A demo tenant written before the customer-portal role has no such user.
  if (demo.tokens.customerPortal)
    log(
      `  customer portal token    ${demo.tokens.customerPortal} (customer "${demoTenants.DEMO_CUSTOMER_NAME}": creates, does not assign)`,
    );
  log(`  installer admin token    ${demo.tokens.installerAdmin}`);
  log(`  installer technician     ${demo.tokens.installerTechnician}`);
  log(`  try: curl -s -H "Authorization: Bearer ${demo.tokens.providerAdmin}" -H 'content-type: application/json' \\`);
  log(
    `         -d '{"jobTypeId":"cloudboxx-install","fleetId":"${demo.fleetId}","values":{"vehicleLocation":{"text":"Alexanderplatz 1, 10178 Berlin"}}}' http://${config.apiHost}:${config.apiPort}/v1/jobs\n`,
  );
}

function rel(config: Config, file: string): string {
  return path.relative(config.projectDir, file) || '.';
}
