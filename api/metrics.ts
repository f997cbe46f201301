import http from 'node:http';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/connection';

/** Long enough for the read model's counts on a loaded database; a scrape must not pile up behind a slow one. */
const QUERY_TIMEOUT_MS = 2_000;

export interface ApiMetrics {
  registry: Registry;
  /** One answered request: its route pattern (never the raw path, which may hold an invitation token), status and time. */
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void;
}

/**
 * The API process's metrics, in a registry of its own. Request counts and latencies are counted as
 * requests are answered; what the read model knows (jobs by type and status, open access grants,
 * vehicles left unsecured) is counted by a few queries when Prometheus scrapes, so that no workflow
 * counts anything (workflow code stays deterministic, free of I/O) and every API replica reports
 * the same numbers (alert on max(), not sum()). `processMetrics` adds Node's own (event-loop lag,
 * memory, GC): for a process, not for a test's app.
 */
export function createApiMetrics(db: Db, options: { processMetrics?: boolean; openEventStreams?: () => number } = {}): ApiMetrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const { openEventStreams } = options;
  if (openEventStreams) {
    new Gauge({
      name: 'installer_jobs_event_streams_open',
      help: 'Live event streams (GET /v1/events/stream) this API process holds open now.',
      registers: [registry],
      collect() {
        this.set(openEventStreams());
      },
    });
  }

  const requests = new Histogram({
    name: 'installer_jobs_http_request_duration_seconds',
    help: 'API requests by method, route pattern and status, with their latency (the handler until the answer is set).',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
    registers: [registry],
  });

  const readModelUp = new Gauge({
    name: 'installer_jobs_read_model_up',
    help: '1 when the read-model queries behind the installer_jobs_* gauges answered at this scrape, 0 when they failed (the gauges are then absent).',
    registers: [registry],
    collect: () => scrapeReadModel(),
  });
  const jobs = new Gauge({
    name: 'installer_jobs_jobs',
    help: 'Jobs in the read model by job type and status: created = the sum over statuses, ended = SUCCEEDED + FAILED (deleting a PENDING job lowers its count).',
    labelNames: ['job_type', 'status'] as const,
    registers: [registry],
    collect: () => scrapeReadModel(),
  });
  const grantsOpen = new Gauge({
    name: 'installer_jobs_access_grants_open',
    help: 'Vehicle access grants open now: granted, not revoked, not expired.',
    registers: [registry],
    collect: () => scrapeReadModel(),
  });
  const unsecured = new Gauge({
    name: 'installer_jobs_vehicles_securing_overdue',
    help: 'Ended jobs whose vehicle is still not secured (lock, immobiliser) 15 minutes after the job ended.',
    registers: [registry],
    collect: () => scrapeReadModel(),
  });
  const notSecured = new Gauge({
    name: 'installer_jobs_vehicles_not_secured',
    help: 'Ended jobs whose vehicle reported another state than secured: someone must check the car.',
    registers: [registry],
    collect: () => scrapeReadModel(),
  });

  // One set of queries a scrape: every read-model gauge waits for the same one (the registry
  // collects its metrics at once, not one after the other).
  let scrape: Promise<void> | undefined;
  function scrapeReadModel(): Promise<void> {
    scrape ??= readModel()
      .then(
        () => readModelUp.set(1),
        () => {
          readModelUp.set(0);
          for (const gauge of [jobs, grantsOpen, unsecured, notSecured]) gauge.reset();
        },
      )
      .finally(() => (scrape = undefined));
    return scrape;
  }
  async function readModel(): Promise<void> {
    const [byTypeAndStatus, [counts]] = await Promise.all([
      db('jobs').select('job_type_id', 'status').count({ n: '*' }).groupBy('job_type_id', 'status').timeout(QUERY_TIMEOUT_MS),
      db
        .select(
          db.raw(`(select count(*) from access_grants where revoked_at is null and expires_at > now()) as grants_open`),
          db.raw(
            `(select count(*) from jobs where vehicle #>> '{security,state}' = 'pending' and finished_at < now() - interval '15 minutes') as overdue`,
          ),
          db.raw(`(select count(*) from jobs where vehicle #>> '{security,state}' = 'notSecured') as not_secured`),
        )
        .timeout(QUERY_TIMEOUT_MS),
    ]);
    jobs.reset();
    for (const row of byTypeAndStatus as Array<{ job_type_id: string; status: string; n: string | number }>)
      jobs.set({ job_type: row.job_type_id, status: row.status }, Number(row.n));
    const c = counts as { grants_open: string; overdue: string; not_secured: string };
    grantsOpen.set(Number(c.grants_open));
    unsecured.set(Number(c.overdue));
    notSecured.set(Number(c.not_secured));
  }

  return {
    registry,
    observeRequest: ({ method, route, status, seconds }) => requests.observe({ method, route, status: String(status) }, seconds),
  };
}

/**
 * GET /metrics on a port of its own (METRICS_PORT), never on the API's: the numbers (job types,
 * counts) are for the operator's Prometheus, which reaches that port where portals and the
 * internet do not. Nothing else is served there.
 */
export function serveMetrics(registry: Registry, port: number, host: string): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '/').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) => response.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`),
    );
  });
  return new Promise((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve(server)));
}
