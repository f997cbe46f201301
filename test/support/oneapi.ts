/**
 * Test support for anything that talks to vehicles: a simulator on a free port, a real client
 * pointed at it, and one manual clock both read, so token expiry takes no waiting.
 */
import { randomBytes } from 'node:crypto';
import { OneApiClient } from '../../gateway/oneapi-client';
import type { OneApiConfig } from '../../gateway/oneapi-config';
import { startSimulator, type RunningSimulator, type StartSimulatorOptions } from '../../gateway/simulator/server';
import type { SimulatedVehicle, SimulatedVehicleSeed } from '../../gateway/simulator/simulated-fleet';
import { VEHICLE_MODELS, type VehicleModel } from '../../gateway/simulator/vehicle-models';

export class ManualClock {
  constructor(private current = Date.parse('2025-03-03T08:00:00Z')) {}

  readonly now = (): number => this.current;

  advance(ms: number): void {
    this.current += ms;
  }
}

export const TEST_CLIENT = { id: 'EXFL29#installer-jobs', secret: 'not-a-real-secret' };

export interface SimulatedOneApi {
  simulator: RunningSimulator;
  client: OneApiClient;
  clock: ManualClock;
}

/** An empty fleet unless `vehicles` says otherwise, so each test builds exactly what it needs. */
export async function startSimulatedOneApi(
  options: Partial<StartSimulatorOptions> & { client?: Partial<OneApiConfig> } = {},
): Promise<SimulatedOneApi> {
  const { client: clientOverrides, ...simulatorOptions } = options;
  const clock = new ManualClock();
  const simulator = await startSimulator({ clients: [TEST_CLIENT], vehicles: [], now: clock.now, ...simulatorOptions });
  const client = new OneApiClient({
    baseUrl: simulator.url,
    clientId: TEST_CLIENT.id,
    clientSecret: TEST_CLIENT.secret,
    now: clock.now,
    ...clientOverrides,
  });
  return { simulator, client, clock };
}

export function randomQnr(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

export function vehicleModel(withImmobiliser: boolean): VehicleModel {
  const model = VEHICLE_MODELS.find((candidate) => candidate.immobiliser === withImmobiliser);
  if (!model) throw new Error(`No simulated vehicle model ${withImmobiliser ? 'with' : 'without'} immobiliser`);
  return model;
}

/** Puts a vehicle straight into the simulated fleet, bypassing the API under test. */
export function seedVehicle(simulator: RunningSimulator, overrides: Partial<SimulatedVehicleSeed> = {}): SimulatedVehicle {
  return simulator.state.fleet.add({ telematicsUnitId: randomQnr(), vehicleModelId: vehicleModel(true).id, ...overrides });
}

/** The error `promise` rejects with, provided it is an `errorClass`; anything else fails the test. */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => E,
): Promise<E> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof errorClass) return error;
    throw error;
  }
  throw new Error(`Expected a ${errorClass.name}, but the call succeeded`);
}
