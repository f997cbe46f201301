/**
 * The one door our activities use to reach a vehicle's CloudBoxx. Two implementations speak it:
 * `OneApiClient` (HTTP, modelled on the INVERS OneAPI) against the real service or our simulator.
 *
 * Every method either resolves or throws a `VehicleGatewayError` whose `retryable` flag tells the
 * calling activity whether Temporal should try again; the gateway itself never retries (one retry
 * authority: the activity's retry policy).
 */
import type { VehicleCommand } from './vehicle-commands';

export * from './errors';
export * from './vehicle-commands';

export type CentralLockState = 'locked' | 'unlocked';

/** What the vehicle last reported. Which properties are present depends on its model. */
export interface VehicleState {
  centralLock?: CentralLockState;
  /** False while the immobiliser is engaged; absent on models installed without one. */
  drivingEnabled?: boolean;
  /** When the box last reported this state (ISO 8601). */
  modifiedAt?: string;
  /** Odometer reading in whole kilometres, where the vehicle reports one. */
  odometerKm?: number;
  /** Fuel tank level, 0–100, on combustion vehicles that report it. */
  fuelLevelPercent?: number;
  /** Traction battery state of charge, 0–100, on electric vehicles that report it. */
  batteryLevelPercent?: number;
}

export interface Vehicle {
  id: string;
  masterData: { vin?: string; licensePlate?: string; brand?: string; model?: string };
  /** `id` is the CloudBoxx QNR: 16 upper-case hex characters. */
  telematicsUnit: { id: string; brand: string };
  /** The commands this vehicle accepts; sending any other answers `VehicleCapabilityMissingError`. */
  capabilities: { commands: VehicleCommand[] };
  state: VehicleState;
}

export interface VehiclePage {
  vehicles: Vehicle[];
  /** Pass to the next `listVehicles` call; null on the last page. */
  nextCursor: string | null;
}

export interface NewVehicle {
  /** The CloudBoxx QNR printed on the box. */
  telematicsUnitId: string;
  vehicleModelId: string;
  vin?: string;
  licensePlate?: string;
}

/** A configuration is pushed to the telematics unit; a vehicle id is resolved to its unit first. */
export type ConfigurationTarget = { vehicleId: string } | { telematicsUnitId: string };

export interface ApplyConfigurationRequest {
  target: ConfigurationTarget;
  configuration: Record<string, unknown>;
  /** replace (default): the configuration becomes the unit's whole configuration; merge: a JSON Merge
   *  Patch (RFC 7396) of the one it runs, changing only the keys it names. */
  mode?: 'replace' | 'merge';
  /**
   * Same key, same configuration: applied once, however often the call is retried. Derive it from
   * something stable across activity attempts (the workflow id and step id), never from the attempt.
   */
  idempotencyKey: string;
}

export interface AppliedConfiguration {
  telematicsUnitId: string;
  /** Increases by one with every configuration the unit accepts. */
  version: number;
  appliedAt: string;
  /** True when the service answered from an earlier call with the same idempotency key. */
  replayed: boolean;
  /** The unit's whole configuration after this change, as the service reports it. */
  configuration?: Record<string, unknown>;
}

export interface VehicleGateway {
  getVehicle(vehicleId: string): Promise<Vehicle>;
  listVehicles(page?: { cursor?: string; limit?: number }): Promise<VehiclePage>;
  /** Null when no vehicle in the fleet carries that box. */
  findVehicleByTelematicsUnit(telematicsUnitId: string): Promise<Vehicle | null>;
  /**
   * Not idempotent: a retry after a lost answer is refused (409, `GatewayRequestRejectedError`)
   * because the box is already in the fleet; look it up with `findVehicleByTelematicsUnit`.
   */
  addVehicle(vehicle: NewVehicle): Promise<Vehicle>;
  /** Resolves with the state the vehicle reported after executing the command. */
  sendCommand(vehicleId: string, command: VehicleCommand): Promise<VehicleState>;
  applyConfiguration(request: ApplyConfigurationRequest): Promise<AppliedConfiguration>;
}

/** Walks every page of the fleet, one request per page, so callers never hold the whole fleet. */
export async function* eachVehicle(gateway: Pick<VehicleGateway, 'listVehicles'>, pageSize?: number): AsyncGenerator<Vehicle> {
  let cursor: string | undefined;
  do {
    const page = await gateway.listVehicles({ cursor, limit: pageSize });
    yield* page.vehicles;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
