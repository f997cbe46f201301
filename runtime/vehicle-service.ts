import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigError, type Config } from '../common/config';
import { OneApiClient } from '../gateway/oneapi-client';
import { oneApiConfigFrom } from '../gateway/oneapi-config';
import { startSimulator, type RunningSimulator } from '../gateway/simulator/server';
import type { VehicleGateway } from '../gateway/vehicle-gateway';
import { assertPortFree } from './ports';

export interface VehicleService {
  gateway: VehicleGateway;
  /** Set when we run the simulator ourselves. */
  simulator?: RunningSimulator;
  describe: string;
  /** The ONEAPI_* settings a worker process of its own (`start --processes`) needs to reach the simulator; unset for the real OneAPI, which the environment names already. */
  workerEnv?: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * The CloudBoxx side: the real OneAPI when ONEAPI_BASE_URL names it, otherwise (local work) the
 * simulator, which speaks the same HTTP, started here with the demo fleet.
 */
export async function startVehicleService(config: Config): Promise<VehicleService> {
  if (config.oneApi.baseUrl) return connectOneApi(config);
  await assertPortFree(config.oneApiSimulatorPort, '127.0.0.1', 'the OneAPI simulator', 'ONEAPI_SIMULATOR_PORT');
  const credentials = { id: 'installer-jobs-local', secret: randomBytes(18).toString('base64url') };
  // The fleet, configurations and history survive a restart of `npm start` (see simulatorStateFile).
  const simulator = await startSimulator({
    port: config.oneApiSimulatorPort,
    clients: [credentials],
    stateFile: simulatorStateFile(config),
  });
  return {
    gateway: new OneApiClient({ baseUrl: simulator.url, clientId: credentials.id, clientSecret: credentials.secret }),
    simulator,
    workerEnv: { ONEAPI_BASE_URL: simulator.url, ONEAPI_CLIENT_ID: credentials.id, ONEAPI_CLIENT_SECRET: credentials.secret },
    describe: `OneAPI simulator at ${simulator.url}, state in ${path.relative(config.projectDir, simulatorStateFile(config))}, vehicles' history at ${simulator.url}/_sim/vehicles (set ONEAPI_BASE_URL to use the real OneAPI)`,
    stop: () => simulator.close(),
  };
}

/** Where `npm start` keeps the simulator's state; delete the file to start again from the demo fleet. */
export function simulatorStateFile(config: Config): string {
  return path.join(config.dataDir, 'oneapi-simulator.json');
}

/** A process that starts no simulator (`installer-jobs worker`) needs the OneAPI named. */
export function connectOneApi(config: Config): VehicleService {
  if (!config.oneApi.baseUrl) {
    throw new ConfigError(
      'The worker talks to vehicles through the OneAPI: set ONEAPI_BASE_URL, ONEAPI_CLIENT_ID and ONEAPI_CLIENT_SECRET (for local work, `installer-jobs simulator` prints them).',
    );
  }
  const oneApi = oneApiConfigFrom(config.oneApi);
  return { gateway: new OneApiClient(oneApi), describe: `OneAPI at ${oneApi.baseUrl}`, stop: async () => {} };
}
