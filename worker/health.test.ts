import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import type { Worker } from '@temporalio/worker';
import { serveWorkerHealth } from './health';

type State = ReturnType<Worker['getState']>;

describe("the worker process's health endpoint", () => {
  it('is alive while the worker starts, runs or drains, ready only while it runs, and dead once it failed', async () => {
    let state: State = 'INITIALIZED';
    const worker = {
      getState: () => state,
      getStatus: () => ({ numInFlightWorkflowActivations: 0, numInFlightActivities: 2, numCachedWorkflows: 5 }),
    } as unknown as Worker;
    const server = await serveWorkerHealth(worker, 0, '127.0.0.1');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const probe = async (path: string) => (await fetch(`${base}${path}`)).status;
    try {
      const seen: Record<string, [number, number]> = {};
      for (const s of ['INITIALIZED', 'RUNNING', 'DRAINING', 'DRAINED', 'STOPPING', 'STOPPED', 'FAILED'] as State[]) {
        state = s;
        seen[s] = [await probe('/healthz'), await probe('/readyz')];
      }
      expect(seen).to.deep.equal({
        INITIALIZED: [200, 503],
        RUNNING: [200, 200],
        DRAINING: [200, 503],
        DRAINED: [200, 503],
        STOPPING: [200, 503],
        STOPPED: [503, 503],
        FAILED: [503, 503],
      });
      state = 'DRAINING';
      expect(await (await fetch(`${base}/healthz`)).json()).to.deep.equal({
        state: 'DRAINING',
        workflowActivationsInFlight: 0,
        activitiesInFlight: 2,
        workflowRunsCached: 5,
      });
      expect(await probe('/metrics')).to.equal(404);
    } finally {
      server.close();
    }
  });
});
