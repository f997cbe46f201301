import { randomBytes } from 'node:crypto';
import type { CentralLockState, VehicleCommand } from '../vehicle-gateway';
import { applyMergePatch, isPlainObject } from './json-merge-patch';
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
  /** Plausible values derived from the QNR when absent. */
  odometerKm?: number;
  /** Only for combustion models. */
  fuelLevelPercent?: number;
  /** Only for electric models. */
  batteryLevelPercent?: number;
}

export interface AppliedUnitConfiguration {
  version: number;
  value: Record<string, unknown>;
  appliedAt: string;
}

export type ConfigurationMode = 'replace' | 'merge';

/** What commands move, and what a test can make stick. */
export type CommandedProperty = 'centralLock' | 'drivingEnabled';
export const COMMANDED_PROPERTIES: readonly CommandedProperty[] = ['centralLock', 'drivingEnabled'];

/** Set from outside the OneAPI (`PATCH /_sim/vehicles/{id}`): a key fob, a driver, a broken relay. */
export interface VehicleStateChange {
  centralLock?: CentralLockState;
  drivingEnabled?: boolean;
  odometerKm?: number;
  fuelLevelPercent?: number;
  batteryLevelPercent?: number;
  /** Commands still answer, but these properties no longer move (replaces the earlier list). */
  stuck?: CommandedProperty[];
}

/** Who acted, when the request did not come through the OneAPI with a token. */
export const SIMULATOR_ACTOR = 'simulator';

/** One thing that happened to a vehicle, as `GET /_sim/vehicles/{id}` shows it. */
export interface VehicleHistoryEntry {
  at: string;
  event: 'vehicle-added' | 'command' | 'configuration' | 'state-set';
  /** The API client whose request it was; `simulator` for seeding and the admin routes. */
  clientId: string;
  command?: VehicleCommand;
  /** Why a command was refused; the vehicle did not change. */
  refused?: string;
  /** A command the box answered without doing it, because the property is stuck. */
  ignored?: string;
  /** What this changed; empty when the vehicle was already so (or the command was refused). */
  changed: Array<CommandedProperty | 'configuration' | 'odometerKm' | 'fuelLevelPercent' | 'batteryLevelPercent' | 'stuck'>;
  /** The vehicle right after. */
  state: { centralLock: CentralLockState; drivingEnabled: boolean; configurationVersion: number | null };
  configuration?: { mode: ConfigurationMode; idempotencyKey: string; sent: Record<string, unknown>; version: number };
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
  odometerKm: number;
  /** Set on combustion models. */
  fuelLevelPercent?: number;
  /** Set on electric models. */
  batteryLevelPercent?: number;
  stateModifiedAt: string;
  /** Properties commands no longer move (a test's broken relay); empty normally. */
  stuck: CommandedProperty[];
  /** The configuration the CloudBoxx runs; null until one is applied. */
  configuration: AppliedUnitConfiguration | null;
  /** Oldest first; at most `MAX_HISTORY` entries. */
  history: VehicleHistoryEntry[];
}

export interface ConfigurationOutcome {
  telematicsUnitId: string;
  version: number;
  appliedAt: string;
  replayed: boolean;
  /** The unit's whole configuration right after this change. */
  configuration: Record<string, unknown>;
}

interface IdempotencyRecord {
  fingerprint: string;
  outcome: ConfigurationOutcome;
}

/** What `snapshot()` gives and `restore()` takes: plain JSON, models by id. */
export interface FleetSnapshot {
  vehicles: Array<Omit<SimulatedVehicle, 'model'> & { vehicleModelId: string }>;
  idempotencyKeys: Array<{ clientId: string; key: string } & IdempotencyRecord>;
}

const QNR = /^[0-9A-F]{16}$/;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;
/** Keeps the state file small on a long-running demo; the oldest entries go first. */
const MAX_HISTORY = 1000;

/** The simulated vehicles and what commands and configurations do to them. */
export class SimulatedFleet {
  private readonly vehicles = new Map<string, SimulatedVehicle>();
  /** Idempotency keys are scoped per API client, as one client cannot see another's keys. */
  private readonly configurationsByKey = new Map<string, IdempotencyRecord>();

  /** `onChange` runs after every change, so the state can be saved before the answer leaves. */
  constructor(
    private readonly now: () => number,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Adds a vehicle, checked as `POST /vehicles` checks it. */
  add(seed: SimulatedVehicleSeed, clientId = SIMULATOR_ACTOR): SimulatedVehicle {
    const telematicsUnitId = seed.telematicsUnitId.toUpperCase();
    if (!QNR.test(telematicsUnitId)) {
      throw new SimulatorHttpError(
        400,
        'INVALID_TELEMATICS_UNIT_ID',
        `A CloudBoxx QNR is 16 hex characters, not "${seed.telematicsUnitId}"`,
      );
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
      ...readings(seed, model, telematicsUnitId),
      stateModifiedAt: this.timestamp(),
      stuck: [],
      configuration: null,
      history: [],
    };
    this.vehicles.set(id, vehicle);
    this.record(vehicle, { event: 'vehicle-added', clientId, changed: [] });
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

  /** A refused command is on the vehicle's record too: it is part of what happened to it. */
  execute(vehicleId: string, command: VehicleCommand, clientId = SIMULATOR_ACTOR): SimulatedVehicle {
    const vehicle = this.require(vehicleId);
    if (!commandsOf(vehicle.model).includes(command)) {
      const reason = `${vehicle.model.brand} ${vehicle.model.model} (${vehicle.id}) cannot execute ${command}`;
      this.record(vehicle, { event: 'command', clientId, command, refused: reason, changed: [] });
      throw new SimulatorHttpError(409, 'MISSING_CAPABILITY', reason);
    }
    const before = { centralLock: vehicle.centralLock, drivingEnabled: vehicle.drivingEnabled };
    const moved = command.endsWith('central-lock') ? 'centralLock' : command.endsWith('driving') ? 'drivingEnabled' : undefined;
    if (moved && vehicle.stuck.includes(moved)) {
      // The box answers as usual and reports the state it really has: the caller must notice.
      vehicle.stateModifiedAt = this.timestamp();
      this.record(vehicle, { event: 'command', clientId, command, ignored: `${moved} is stuck`, changed: [] });
      return vehicle;
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
    const changed = (['centralLock', 'drivingEnabled'] as const).filter((property) => before[property] !== vehicle[property]);
    this.record(vehicle, { event: 'command', clientId, command, changed: [...changed] });
    return vehicle;
  }

  /**
   * Applies a configuration once per idempotency key: a repeat with the same body answers the
   * first outcome (whether or not its answer reached the caller), a repeat with another body or
   * mode is refused, as the IETF Idempotency-Key draft describes. `merge` applies `configuration`
   * as a JSON Merge Patch to what the unit runs ({} when it runs nothing yet).
   */
  applyConfiguration(
    clientId: string,
    idempotencyKey: string,
    telematicsUnitId: string,
    configuration: Record<string, unknown>,
    mode: ConfigurationMode = 'replace',
  ): ConfigurationOutcome {
    const scopedKey = `${clientId}\u0000${idempotencyKey}`;
    const fingerprint = `${mode}\u0000${telematicsUnitId.toUpperCase()}\u0000${canonicalJson(configuration)}`;
    const earlier = this.configurationsByKey.get(scopedKey);
    if (earlier) {
      if (earlier.fingerprint !== fingerprint) {
        throw new SimulatorHttpError(
          422,
          'IDEMPOTENCY_KEY_REUSED',
          `Idempotency key ${idempotencyKey} was used for a different configuration request`,
        );
      }
      return { ...structuredClone(earlier.outcome), replayed: true };
    }
    const vehicle = this.findByTelematicsUnit(telematicsUnitId);
    if (!vehicle) throw new SimulatorHttpError(404, 'TELEMATICS_UNIT_NOT_FOUND', `No telematics unit ${telematicsUnitId} in the fleet`);
    const value = mode === 'merge' ? applyMergePatch(vehicle.configuration?.value ?? {}, configuration) : structuredClone(configuration);
    if (!isPlainObject(value)) throw new Error('A merge patch of an object with an object is an object');
    const applied: AppliedUnitConfiguration = {
      version: (vehicle.configuration?.version ?? 0) + 1,
      value,
      appliedAt: this.timestamp(),
    };
    vehicle.configuration = applied;
    const outcome: ConfigurationOutcome = {
      telematicsUnitId: vehicle.telematicsUnitId,
      version: applied.version,
      appliedAt: applied.appliedAt,
      replayed: false,
      configuration: structuredClone(value),
    };
    this.configurationsByKey.set(scopedKey, { fingerprint, outcome });
    this.record(vehicle, {
      event: 'configuration',
      clientId,
      changed: ['configuration'],
      configuration: { mode, idempotencyKey, sent: structuredClone(configuration), version: applied.version },
    });
    return structuredClone(outcome);
  }

  require(vehicleId: string): SimulatedVehicle {
    const vehicle = this.vehicles.get(vehicleId);
    if (!vehicle) throw new SimulatorHttpError(404, 'VEHICLE_NOT_FOUND', `No vehicle ${vehicleId} in the fleet`);
    return vehicle;
  }

  /** Changes the vehicle as if from outside the OneAPI; checked like a seed. */
  set(vehicleId: string, change: VehicleStateChange, clientId = SIMULATOR_ACTOR): SimulatedVehicle {
    const vehicle = this.require(vehicleId);
    if (change.drivingEnabled !== undefined && !vehicle.model.immobiliser) {
      throw new SimulatorHttpError(
        400,
        'INVALID_REQUEST',
        `${vehicle.model.brand} ${vehicle.model.model} has no immobiliser: drivingEnabled cannot be set`,
      );
    }
    const next = readings(
      {
        ...vehicle,
        vehicleModelId: vehicle.model.id,
        odometerKm: change.odometerKm ?? vehicle.odometerKm,
        fuelLevelPercent: change.fuelLevelPercent ?? vehicle.fuelLevelPercent,
        batteryLevelPercent: change.batteryLevelPercent ?? vehicle.batteryLevelPercent,
      },
      vehicle.model,
      vehicle.telematicsUnitId,
    );
    const before = { ...vehicle, stuck: [...vehicle.stuck] };
    Object.assign(vehicle, next);
    if (change.centralLock !== undefined) vehicle.centralLock = change.centralLock;
    if (change.drivingEnabled !== undefined) vehicle.drivingEnabled = change.drivingEnabled;
    if (change.stuck !== undefined) vehicle.stuck = [...new Set(change.stuck)];
    vehicle.stateModifiedAt = this.timestamp();
    const watched = ['centralLock', 'drivingEnabled', 'odometerKm', 'fuelLevelPercent', 'batteryLevelPercent'] as const;
    const changed: VehicleHistoryEntry['changed'] = watched.filter((property) => before[property] !== vehicle[property]);
    if (before.stuck.join() !== vehicle.stuck.join()) changed.push('stuck');
    this.record(vehicle, { event: 'state-set', clientId, changed });
    return vehicle;
  }

  /** By OneAPI vehicle id or by CloudBoxx QNR, for the admin routes. */
  requireByIdOrTelematicsUnit(idOrQnr: string): SimulatedVehicle {
    const vehicle = this.vehicles.get(idOrQnr) ?? this.findByTelematicsUnit(idOrQnr);
    if (!vehicle) throw new SimulatorHttpError(404, 'VEHICLE_NOT_FOUND', `No vehicle with id or QNR ${idOrQnr} in the fleet`);
    return vehicle;
  }

  /** The whole fleet as plain JSON, for the state file. */
  snapshot(): FleetSnapshot {
    return structuredClone({
      vehicles: this.list().map(({ model, ...vehicle }) => ({ ...vehicle, vehicleModelId: model.id })),
      idempotencyKeys: [...this.configurationsByKey].map(([scopedKey, record]) => {
        const [clientId = '', key = ''] = scopedKey.split('\u0000');
        return { clientId, key, ...record };
      }),
    });
  }

  /** Takes back what `snapshot()` gave; the fleet must still be empty. */
  restore(snapshot: FleetSnapshot): void {
    if (this.vehicles.size > 0) throw new Error('restore() needs an empty fleet');
    for (const { vehicleModelId, ...vehicle } of structuredClone(snapshot.vehicles)) {
      const model = findVehicleModel(vehicleModelId);
      if (!model) throw new Error(`vehicle ${vehicle.id} has model ${vehicleModelId}, which the simulator does not know`);
      this.vehicles.set(vehicle.id, { ...vehicle, stuck: vehicle.stuck ?? [], model });
    }
    for (const { clientId, key, ...record } of structuredClone(snapshot.idempotencyKeys)) {
      this.configurationsByKey.set(`${clientId}\u0000${key}`, record);
    }
  }

  private record(vehicle: SimulatedVehicle, entry: Omit<VehicleHistoryEntry, 'at' | 'state'>): void {
    vehicle.history.push({
      at: this.timestamp(),
      ...entry,
      state: {
        centralLock: vehicle.centralLock,
        drivingEnabled: vehicle.drivingEnabled,
        configurationVersion: vehicle.configuration?.version ?? null,
      },
    });
    if (vehicle.history.length > MAX_HISTORY) vehicle.history.splice(0, vehicle.history.length - MAX_HISTORY);
    this.onChange();
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}

/** Odometer and fuel or battery level: the seed's, checked, or plausible ones from the QNR. */
function readings(
  seed: SimulatedVehicleSeed,
  model: VehicleModel,
  telematicsUnitId: string,
): Pick<SimulatedVehicle, 'odometerKm' | 'fuelLevelPercent' | 'batteryLevelPercent'> {
  const electric = model.fuelType === 'ELECTRIC';
  const [given, wrong] = electric
    ? (['batteryLevelPercent', 'fuelLevelPercent'] as const)
    : (['fuelLevelPercent', 'batteryLevelPercent'] as const);
  if (seed[wrong] !== undefined) {
    throw new SimulatorHttpError(
      400,
      'INVALID_REQUEST',
      `${model.brand} ${model.model} runs on ${model.fuelType.toLowerCase()}: give ${given}, not ${wrong}`,
    );
  }
  const odometerKm = seed.odometerKm ?? 5_000 + (parseInt(telematicsUnitId.slice(0, 6), 16) % 115_000);
  if (!Number.isInteger(odometerKm) || odometerKm < 0) {
    throw new SimulatorHttpError(400, 'INVALID_REQUEST', `odometerKm must be a whole number of kilometres >= 0, not ${odometerKm}`);
  }
  const level = seed[given] ?? 20 + (parseInt(telematicsUnitId.slice(6, 8), 16) % 76);
  if (!(level >= 0 && level <= 100))
    throw new SimulatorHttpError(400, 'INVALID_REQUEST', `${given} must be between 0 and 100, not ${level}`);
  return { odometerKm, [given]: level };
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
