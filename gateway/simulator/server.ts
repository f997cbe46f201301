import http, { type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulatorApp } from './app';
import type { SimulatorOptions, SimulatorState } from './simulator-state';

export interface StartSimulatorOptions extends SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningSimulator {
  /** Base URL to give the client as ONEAPI_BASE_URL. */
  url: string;
  state: SimulatorState;
  /**
   * Connection refused from now on, as when the host is down: stops listening and drops open
   * connections, state kept. `listenAgain()` brings it back on the same port. In-process tests
   * only; over HTTP, `POST /_sim/faults { "outage": … }` does the same for the OneAPI routes.
   */
  stopListening(): Promise<void>;
  listenAgain(): Promise<void>;
  /** Stops listening and drops open connections; calling it again waits for the same close. */
  close(): Promise<void>;
}

export async function startSimulator({ port = 0, host = '127.0.0.1', ...options }: StartSimulatorOptions): Promise<RunningSimulator> {
  const { app, state } = createSimulatorApp(options);
  const server = http.createServer(app.callback());
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  let stopped: Promise<void> | undefined;
  // fetch keeps connections alive; without closeAllConnections, close waits for them to time out.
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    state,
    stopListening: () => (stopped ??= stop()),
    listenAgain: async () => {
      if (!stopped) return;
      await stopped;
      stopped = undefined;
      await listen(server, address.port, host);
    },
    // Safe to call twice: tests that stop the service mid-test still clean up after themselves.
    close: () => (closed ??= stopped ? stopped.then(() => undefined) : stop()),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
