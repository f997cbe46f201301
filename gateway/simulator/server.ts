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
  /** Stops listening and drops open connections; calling it again waits for the same close. */
  close(): Promise<void>;
}

export async function startSimulator({ port = 0, host = '127.0.0.1', ...options }: StartSimulatorOptions): Promise<RunningSimulator> {
  const { app, state } = createSimulatorApp(options);
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    state,
    // Safe to call twice: tests that stop the service mid-test still clean up after themselves.
    close: () =>
      (closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // fetch keeps connections alive; without this, close waits for them to time out.
        server.closeAllConnections();
      })),
  };
}
