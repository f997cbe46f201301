import http from 'node:http';
import type { Worker } from '@temporalio/worker';

type State = ReturnType<Worker['getState']>;

/** The worker lives on while it starts, runs or drains; it is dead once it failed or stopped (the process then exits anyway). */
const ALIVE: ReadonlySet<State> = new Set<State>(['INITIALIZED', 'RUNNING', 'STOPPING', 'DRAINING', 'DRAINED']);

/**
 * The worker process's probes, on WORKER_HEALTH_PORT: `GET /healthz` (liveness) answers 200 while
 * the worker starts, runs or drains and 503 once it failed or stopped; `GET /readyz` answers 200
 * only while it runs (polls the task queue). Both say `{"state": "RUNNING", …}` — the SDK's
 * Worker.getState() — with what it has in flight. Nothing else is served.
 */
export function serveWorkerHealth(worker: Pick<Worker, 'getState' | 'getStatus'>, port: number, host: string): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' || (path !== '/healthz' && path !== '/readyz')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'GET /healthz or /readyz' }));
      return;
    }
    const state = worker.getState();
    const ok = path === '/healthz' ? ALIVE.has(state) : state === 'RUNNING';
    const status = worker.getStatus();
    const body = {
      state,
      workflowActivationsInFlight: status.numInFlightWorkflowActivations,
      activitiesInFlight: status.numInFlightActivities,
      workflowRunsCached: status.numCachedWorkflows,
    };
    response.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  return new Promise((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve(server)));
}
