import { randomBytes } from 'node:crypto';
import type { CentralLockState, VehicleCommand } from '../vehicle-gateway';
import { SimulatorHttpError } from './simulator-http-error';
import { commandsOf, findVehicleModel, type VehicleModel } from './vehicle-models';

export interface SimulatedVehicleSeed {
  /** Generated like OneAPI's vehicle ids when absent. */
  id?: string;
  telematicsUnitId: string;
  vehicleModelId: string;
  vin?: string;
  licensePlate?: string;
  centralLock?: CentralLockState;
  drivingEnabled?: boolean;
}

export interface AppliedUnitConfiguration {
  version: number;
  value: Record<string, unknown>;
  appliedAt: string;
}

/** Everything the simulator knows about one vehicle, including what OneAPI would not show. */
export interface SimulatedVehicle {
  id: string;
  telematicsUnitId: string;
  model: VehicleModel;
  vin?: string;
  licensePlate?: string;
  centralLock: CentralLockState;
  /** Models without an immobiliser can always be driven, and do not report it. */
  drivingEnabled: boolean;
  stateModifiedAt: string;
  /** The configuration the CloudBoxx runs; null until one is applied. */
  configuration: AppliedUnitConfiguration | null;
}

export interface ConfigurationOutcome {
  telematicsUnitId: string;
  version: number;
  appliedAt: string;
  replayed: boolean;
}

const QNR = /^[0-9A-F]{16}$/;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;

/** The simulated vehicles and what commands and configurations do to them. */
export class SimulatedFleet {
  private readonly vehicles = new Map<string, SimulatedVehicle>();
  /** Idempotency keys are scoped per API client, as one client cannot see another's keys. */
  private readonly configurationsByKey = new Map<string, { fingerprint: string; outcome: ConfigurationOutcome }>();

  constructor(private readonly now: () => number) {}

  /** Adds a vehicle, checked as `POST /vehicles` checks it. */
  add(seed: SimulatedVehicleSeed): SimulatedVehicle {
    const telematicsUnitId = seed.telematicsUnitId.toUpperCase();
    if (!QNR.test(telematicsUnitId)) {
      throw new SimulatorHttpError(400, 'INVALID_TELEMATICS_UNIT_ID', `A CloudBoxx QNR is 16 hex characters, not "${seed.telematicsUnitId}"`);
    }
    const model = findVehicleModel(seed.vehicleModelId);
    if (!model) throw new SimulatorHttpError(400, 'UNKNOWN_VEHICLE_MODEL', `No vehicle model ${seed.vehicleModelId}`);
    if (this.findByTelematicsUnit(telematicsUnitId)) {
      throw new SimulatorHttpError(409, 'TELEMATICS_UNIT_IN_USE', `Telematics unit ${telematicsUnitId} is already in the fleet`);
    }
    const id = seed.id ?? newVehicleId(this.now());
    if (this.vehicles.has(id)) throw new SimulatorHttpError(409, 'VEHICLE_EXISTS', `Vehicle ${id} already exists`);
    const vehicle: SimulatedVehicle = {
      id,
      telematicsUnitId,
      model,
      vin: seed.vin,
      licensePlate: seed.licensePlate,
      centralLock: seed.centralLock ?? 'locked',
      drivingEnabled: model.immobiliser ? (seed.drivingEnabled ?? false) : true,
      stateModifiedAt: this.timestamp(),
      configuration: null,
    };
    this.vehicles.set(id, vehicle);
    return vehicle;
  }

  /** Every vehicle, for start-up output and tests. */
  list(): SimulatedVehicle[] {
    return [...this.vehicles.values()];
  }

  get(vehicleId: string): SimulatedVehicle | undefined {
    return this.vehicles.get(vehicleId);
  }

  findByTelematicsUnit(telematicsUnitId: string): SimulatedVehicle | undefined {
    const wanted = telematicsUnitId.toUpperCase();
    return [...this.vehicles.values()].find((vehicle) => vehicle.telematicsUnitId === wanted);
  }

  /** Vehicles in id order; the cursor names the last id served, so additions never shift pages. */
  page(cursor: string | undefined, limit = DEFAULT_PAGE_SIZE): { vehicles: SimulatedVehicle[]; nextCursor: string | null } {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new SimulatorHttpError(400, 'INVALID_LIMIT', `limit must be a positive integer, not ${limit}`);
    }
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const ordered = [...this.vehicles.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const remaining = after === undefined ? ordered : ordered.filter((vehicle) => vehicle.id > after);
    const vehicles = remaining.slice(0, Math.min(limit, MAX_PAGE_SIZE));
    const last = vehicles.at(-1);
    return { vehicles, nextCursor: last && remaining.length > vehicles.length ? encodeCursor(last.id) : null };
  }

  execute(vehicleId: string, command: VehicleCommand): SimulatedVehicle {
    const vehicle = this.require(vehicleId);
    if (!commandsOf(vehicle.model).includes(command)) {
      throw new SimulatorHttpError(
        409,
        'MISSING_CAPABILITY',
        `${vehicle.model.brand} ${vehicle.model.model} (${vehicle.id}) cannot execute ${command}`,
      );
    }
    switch (command) {
      case 'unlock-central-lock':
        vehicle.centralLock = 'unlocked';
        break;
      case 'lock-central-lock':
        vehicle.centralLock = 'locked';
        break;
      case 'enable-driving':
        vehicle.drivingEnabled = true;
        break;
      case 'disable-driving':
        vehicle.drivingEnabled = false;
        break;
      case 'request-vehicle-state':
        break; // the box reports afresh: only the timestamp moves
    }
    vehicle.stateModifiedAt = this.timestamp();
    return vehicle;
  }

  /**
   * Applies a configuration once per idempotency key: a repeat with the same body answers the
   * first outcome (whether or not its answer reached the caller), a repeat with another body is
   * refused, as the IETF Idempotency-Key draft describes.
   */
  applyConfiguration(
    clientId: string,
    idempotencyKey: string,
    telematicsUnitId: string,
    configuration: Record<string, unknown>,
  ): ConfigurationOutcome {
    const scopedKey = `${clientId}\u0000${idempotencyKey}`;
    const fingerprint = `${telematicsUnitId.toUpperCase()}\u0000${canonicalJson(configuration)}`;
    const earlier = this.configurationsByKey.get(scopedKey);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new SimulatorHttpError(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          `Idempotency key ${idempotencyKey} was used for a different configuration request`,
        );
      }
      return { ...earlier.outcome, replayed: true };
    }
    const vehicle = this.findByTelematicsUnit(telematicsUnitId);
    if (!vehicle) throw new SimulatorHttpError(404, 'TELEMATICS_UNIT_NOT_FOUND', `No telematics unit ${telematicsUnitId} in the fleet`);
    const applied: AppliedUnitConfiguration = {
      version: (vehicle.configuration?.version ?? 0) + 1,
      value: structuredClone(configuration),
      appliedAt: this.timestamp(),
    };
    vehicle.configuration = applied;
    const outcome = { telematicsUnitId: vehicle.telematicsUnitId, version: applied.version, appliedAt: applied.appliedAt, replayed: false };
    this.configurationsByKey.set(scopedKey, { fingerprint, outcome });
    return outcome;
  }

  require(vehicleId: string): SimulatedVehicle {
    const vehicle = this.vehicles.get(vehicleId);
    if (!vehicle) throw new SimulatorHttpError(404, 'VEHICLE_NOT_FOUND', `No vehicle ${vehicleId} in the fleet`);
    return vehicle;
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID: sortable by creation time, like the ids OneAPI hands out. */
function newVehicleId(now: number): string {
  let time = '';
  for (let rest = now, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) time = CROCKFORD[rest % 32] + time;
  const random = [...randomBytes(16)].map((byte) => CROCKFORD[byte % 32]).join('');
  return time + random;
}

function encodeCursor(lastId: string): string {
  return Buffer.from(JSON.stringify({ after: lastId })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof decoded === 'object' && decoded !== null && 'after' in decoded && typeof decoded.after === 'string') {
      return decoded.after;
    }
  } catch {
    // falls through to the refusal below
  }
  throw new SimulatorHttpError(400, 'INVALID_CURSOR', `Cursor "${cursor}" was not issued by this service`);
}

/** JSON with sorted keys, so `{a, b}` and `{b, a}` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
