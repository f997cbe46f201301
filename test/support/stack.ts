import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { untilWorkerPolls } from '../../temporal/worker-polls';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker, type WorkflowBundle } from '@temporalio/worker';
import { createApp, type AppDeps } from '../../api/app';
import { createApiServer } from '../../api/server';
import { answerCheck } from '../../api/openapi/answer-check';
import { loadConfig } from '../../common/config';
import { loadJobTypeCatalog } from '../../db/job-type-versions';
import type { JobTypeCatalog } from '../../definitions/catalog';
import type { Db } from '../../db/connection';
import type { Geocoder } from '../../geocoding/geocoder';
import { createJobWorker } from '../../worker/worker';
import { createWebhookWorker } from '../../worker/webhook-worker';
import type { WebhookDeliverySettings } from '../../activities/webhooks';
import { ensureWebhookDispatcher } from '../../temporal/webhooks';
import { freshDatabase, temporalAddress, workflowBundle } from './services';
import type { RunningSimulator } from '../../gateway/simulator/server';
import { startSimulatedOneApi } from './oneapi';
import { demoVehicles } from '../../gateway/simulator/demo-vehicles';
import { DEFAULT_PHOTO_MAX_BYTES, type PhotoHousekeepingSettings } from '../../common/config';
import { LocalPhotoStore } from '../../photos/local-store';
import { activeTracing } from '../../observability/tracing';
import type { PhotoStore } from '../../photos/store';
import { startMailCatcher, type MailCatcher } from '../../mail/catcher';
import { smtpMailer } from '../../mail/mailer';

export interface TestStack {
  db: Db;
  client: Client;
  taskQueue: string;
  jobTypes: JobTypeCatalog;
  simulator: RunningSimulator;
  photoStore: PhotoStore;
  /** The SMTP server the worker sends e-mail to: a real one keeping each message in a folder (mail/catcher.ts). */
  mail: MailCatcher;
  /** Base URL of the API, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** One request to the API as a portal sends it: a bearer token if given, a JSON body if given, any further headers. */
  call(method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  stop(): Promise<void>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON answer (`any`: each test reads the parts it asserts on). */
  body: any;
}

/** Every answer a test receives is held to the OpenAPI document, so the document cannot drift from what the API sends. */
const asDocumented = answerCheck();

export async function callApi(
  baseUrl: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: method.toUpperCase(),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const answer: ApiAnswer = { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
  const mismatch = asDocumented({
    method,
    path,
    status: answer.status,
    contentType: response.headers.get('content-type'),
    body: answer.body,
    headers: response.headers,
  });
  if (mismatch) throw new Error(`The answer breaks the OpenAPI document. ${mismatch}\nBody: ${text.slice(0, 2000)}`);
  return answer;
}

/**
 * The real stack for one suite: its own database and task queue on the shared servers, a
 * worker, and the API listening on a free port. Call in `before`, stop in `after`.
 * `rateLimit` replaces the API's per-token limit (600 a minute), for a test that wants to reach it;
 * `database` is one from freshDatabase, for a test that also reaches it another way (the CLI).
 */
export async function startTestStack(
  suite: string,
  options: {
    geocoder?: Geocoder;
    rateLimit?: AppDeps['rateLimit'];
    database?: { db: Db };
    /** The worker's own pool, as its own process would have (the bench); default: the API's. */
    workerDb?: Db;
    /** A Temporal server of the caller's (the bench); default: the tests' shared one. */
    temporalAddress?: string;
    /** The simulator's vehicles; default: the demo fleet. */
    vehicles?: ReturnType<typeof demoVehicles>;
    log?: AppDeps['log'];
    /** Where photos go; default: the local disk, in a folder of this suite's removed when it stops. */
    photoStore?: PhotoStore;
    photoMaxBytes?: number;
    /** When photo housekeeping removes photos; default: as configured by default (common/config.ts). */
    photoHousekeeping?: PhotoHousekeepingSettings;
    /** The workflows the worker runs; default: the suites' shared bundle (a traced stack brings one with the tracing interceptors). */
    workflowBundle?: WorkflowBundle;
    /** How webhooks are sent; default: as in production, but to private addresses too (a receiver in the test). */
    webhooks?: Partial<WebhookDeliverySettings>;
  } = {},
): Promise<TestStack> {
  const address = options.temporalAddress ?? (await temporalAddress());
  const { db } = options.database ?? (await freshDatabase(suite));
  // The shipped job types, registered in this suite's database as the API would at start.
  const jobTypes = await loadJobTypeCatalog(loadConfig().jobTypesDir, db);
  const taskQueue = `test-${suite.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Date.now().toString(36)}`;
  const connection = await Connection.connect({ address });
  // With tracing started (the tracing test), client and worker trace as the processes' do.
  const client = new Client({ connection, namespace: 'default', interceptors: activeTracing()?.clientInterceptors });
  const workerConnection = await NativeConnection.connect({ address });
  // The OneAPI simulator with the demo fleet, talked to over HTTP by the real client.
  const oneApi = await startSimulatedOneApi({ vehicles: options.vehicles ?? demoVehicles() });
  const photoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'installer-jobs-photos-'));
  const photoStore = options.photoStore ?? new LocalPhotoStore(path.join(photoDir, 'photos'));
  const mail = await startMailCatcher({ port: 0, dir: path.join(photoDir, 'mail') });
  // The links point at the API, whose port is known once it listens (below).
  const mailDeps = { mailer: smtpMailer({ smtpUrl: mail.url, from: 'installer-jobs <tests@installer-jobs.localhost>' }), publicUrl: '' };
  const worker: Worker = await createJobWorker({
    connection: workerConnection,
    namespace: 'default',
    taskQueue,
    db: options.workerDb ?? db,
    gateway: oneApi.client,
    photos: { store: photoStore, housekeeping: options.photoHousekeeping ?? loadConfig({}).photos.housekeeping },
    mail: mailDeps,
    workflowBundle: options.workflowBundle ?? (await workflowBundle()),
  });
  const running = worker.run();
  await untilWorkerPolls(workerConnection, taskQueue);
  // Webhook secrets sealed as in production, with a key of this stack's own.
  const webhookSecretsKey = options.webhooks?.secretsKey ?? randomBytes(32);
  const webhookWorker = await createWebhookWorker({
    connection: workerConnection,
    namespace: 'default',
    taskQueue,
    db: options.workerDb ?? db,
    workflowBundle: options.workflowBundle ?? (await workflowBundle()),
    settings: { allowPrivateTargets: true, ...options.webhooks, secretsKey: webhookSecretsKey },
  });
  const webhooksRunning = webhookWorker.run();
  await ensureWebhookDispatcher(client, taskQueue);

  const app = createApp({
    db,
    temporal: client,
    namespace: 'default',
    taskQueue,
    jobTypes,
    geocoder: options.geocoder,
    rateLimit: options.rateLimit,
    log: options.log ?? (() => {}),
    photoStore,
    photos: { maxBytes: options.photoMaxBytes ?? DEFAULT_PHOTO_MAX_BYTES, scratchDir: path.join(photoDir, 'uploads') },
    webhooks: { allowPrivateTargets: options.webhooks?.allowPrivateTargets ?? true, secretsKey: webhookSecretsKey },
  });
  const server = createApiServer(app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  mailDeps.publicUrl = `http://127.0.0.1:${port}`;

  return {
    db,
    client,
    taskQueue,
    jobTypes,
    simulator: oneApi.simulator,
    photoStore,
    mail,
    baseUrl: `http://127.0.0.1:${port}`,
    call: (method, path, token, body, headers) => callApi(`http://127.0.0.1:${port}`, method, path, token, body, headers),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      worker.shutdown();
      webhookWorker.shutdown();
      await Promise.all([running, webhooksRunning]);
      await workerConnection.close();
      await connection.close();
      await oneApi.simulator.close();
      mailDeps.mailer.close();
      await mail.close();
      fs.rmSync(photoDir, { recursive: true, force: true });
    },
  };
}
