import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from '@temporalio/worker';
import type { Config } from '../common/config';
import { connectDb, migrateLatest, type Db } from '../db/connection';
import { createDemoTenantIfMissing, type DemoTenant } from '../db/demo-tenant';
import { registerJobTypes } from '../db/job-type-versions';
import { JobTypeCatalog } from '../definitions/catalog';
import { assertPortFree } from '../runtime/ports';
import { startPostgres, startTemporal } from '../runtime/services';
import { startVehicleService } from '../runtime/vehicle-service';
import { connectClient, connectWorkerConnection, temporalTarget } from '../temporal/connection';
import { createJobWorker } from '../worker/worker';
import { installWorkerLog } from '../runtime/worker-log';
import { untilWorkerPolls } from '../temporal/worker-polls';
import { serveApi } from './processes';

type Stop = () => Promise<void>;

/**
 * `installer-jobs start`: the whole stack in one process for local work — Temporal dev server
 * (+ UI), Postgres, migrations, the worker and the API — stopped in reverse order on Ctrl-C.
 */
export async function start(config: Config): Promise<void> {
  const log = (line: string) => console.log(line);
  // The SDK's own logs go to a file; the terminal keeps the banner and one line per warning.
  installWorkerLog(path.join(config.dataDir, 'worker.log'), log);
  const stops: Array<[string, Stop]> = [];
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      for (const [what, stop] of stops.reverse()) {
        try {
          await stop();
        } catch (error) {
          console.error(`Stopping ${what} failed: ${(error as Error).message}`);
        }
      }
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting now.`);
      process.exit(130);
    }
    log(`\n${signal}: shutting down (Ctrl-C again to force) …`);
    void stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    fs.mkdirSync(config.dataDir, { recursive: true });
    // Fail before starting anything if the API could not listen anyway.
    await assertPortFree(config.apiPort, config.apiHost, 'the API', 'PORT');
    const jobTypes = await JobTypeCatalog.load(config.jobTypesDir);

    const postgres = await startPostgres(config, log);
    stops.push(['Postgres', () => postgres.stop()]);
    const db = connectDb(postgres.url);
    stops.push(['database pool', () => db.destroy()]);
    const applied = await migrateLatest(db);
    await registerJobTypes(db, jobTypes.list());
    log(
      `Postgres    ${postgres.embedded ? `embedded, data in ${rel(config, path.join(config.dataDir, 'postgres'))}` : 'DATABASE_URL'}; migrations: ${applied.length ? applied.join(', ') : 'up to date'}`,
    );

    log(
      `Job types   ${jobTypes
        .list()
        .map((t) => `${t.id}@${t.version}`)
        .join(', ')}`,
    );

    const devServer = await startTemporal(config, log);
    if (devServer) stops.push(['Temporal dev server', () => devServer.stop()]);
    const target = temporalTarget(config, devServer?.address);
    const client = await connectClient(target);
    stops.push(['Temporal client', () => client.connection.close()]);
    log(
      `Temporal    ${target.address} (namespace ${target.namespace})${devServer ? `, data in ${rel(config, path.join(config.dataDir, 'temporal'))}` : ''}`,
    );
    if (devServer?.uiUrl) log(`Temporal UI ${devServer.uiUrl}`);

    const vehicles = await startVehicleService(config);
    stops.push(['vehicle service', () => vehicles.stop()]);
    log(`Vehicles    ${vehicles.describe}`);
    if (vehicles.simulator) {
      for (const v of vehicles.simulator.state.fleet.list())
        log(`              ${v.licensePlate ?? '(no plate)'}  CloudBoxx QNR ${v.telematicsUnitId}`);
    }

    const workerConnection = await connectWorkerConnection(target);
    stops.push(['worker connection', () => workerConnection.close()]);
    const worker = await createJobWorker({
      connection: workerConnection,
      namespace: target.namespace,
      taskQueue: config.temporal.taskQueue,
      db,
      gateway: vehicles.gateway,
    });
    const running = worker.run();
    stops.push(['worker', () => shutdownWorker(worker, running)]);
    // "Ready" means a change can be sent: the API refuses changes until Temporal sees a worker poll.
    await untilWorkerPolls(workerConnection, config.temporal.taskQueue, target.namespace);
    log(`Worker      polling task queue ${config.temporal.taskQueue}`);

    const server = await serveApi(config, { db, client, namespace: target.namespace, jobTypes });
    stops.push(['API', () => new Promise<void>((resolve) => server.close(() => resolve()))]);
    log(`API         http://${config.apiHost}:${config.apiPort}  (health: /healthz)`);

    await printDemoTenant(config, db, log);
    log('Ready. Ctrl-C stops everything.');
    await running.catch(async (error) => {
      console.error(`The worker stopped: ${(error as Error).message}`);
      await stopAll();
      process.exit(1);
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function shutdownWorker(worker: Worker, running: Promise<void>): Promise<void> {
  if (worker.getState() === 'RUNNING') worker.shutdown();
  await running.catch(() => {});
}

async function printDemoTenant(config: Config, db: Db, log: (line: string) => void): Promise<void> {
  const file = path.join(config.dataDir, 'demo-tenant.json');
  const created = await createDemoTenantIfMissing(db);
  if (created) fs.writeFileSync(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600 });
  const demo: DemoTenant | undefined = created ?? (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
  if (!demo) return;
  log(`\nDemo tenant${created ? ' (created now)' : ''} — tokens also in ${rel(config, file)}:`);
  log(`  fleet id                 ${demo.fleetId}`);
  log(`  installer company id     ${demo.installerCompanyId}`);
  log(`  provider admin token     ${demo.tokens.providerAdmin}`);
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
