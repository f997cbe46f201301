import { demoVehicles } from './demo-vehicles';
import { FaultInjector, type FaultSettings, type OneApiRoute } from './fault-injector';
import { SimulatedFleet, type SimulatedVehicleSeed } from './simulated-fleet';
import { loadStateFile, saveStateFile, SimulatorStateFileError } from './state-file';
import { TokenIssuer, type SimulatorClient } from './token-issuer';

export interface SimulatorOptions extends FaultSettings {
  /** The API clients allowed to get tokens. */
  clients: SimulatorClient[];
  /** The fleet to start with; `demoVehicles()` when absent. Ignored when `stateFile` already exists. */
  vehicles?: SimulatedVehicleSeed[];
  /** Milliseconds since the epoch; inject to expire tokens without waiting 15 minutes. */
  now?: () => number;
  /**
   * A JSON file that keeps the fleet, its configurations, idempotency keys and history across
   * restarts: read at start when it exists, written after every change before the answer leaves.
   */
  stateFile?: string;
}

export interface RecordedRequest {
  route: OneApiRoute;
  method: string;
  path: string;
  /** 0 when the connection was dropped without an answer. */
  status: number;
  /** The answer was an injected failure, not the service's own. */
  injected: boolean;
}

/** All the simulator remembers; tests reach into it to seed, inspect and misbehave. */
export class SimulatorState {
  readonly fleet: SimulatedFleet;
  readonly tokens: TokenIssuer;
  readonly faults: FaultInjector;
  /** Every OneAPI request in arrival order, with how it was answered. */
  readonly requests: RecordedRequest[] = [];

  constructor(options: SimulatorOptions) {
    const now = options.now ?? Date.now;
    const { stateFile } = options;
    const save = stateFile ? () => saveStateFile(stateFile, this.fleet.snapshot(), new Date(now()).toISOString()) : undefined;
    this.fleet = new SimulatedFleet(now, save);
    this.tokens = new TokenIssuer(options.clients, now);
    this.faults = new FaultInjector(options);
    const saved = stateFile ? loadStateFile(stateFile) : null;
    if (saved) {
      try {
        this.fleet.restore(saved);
      } catch (error) {
        throw new SimulatorStateFileError(`The simulator state file ${stateFile} cannot be restored: ${(error as Error).message}`, {
          cause: error,
        });
      }
    } else {
      for (const vehicle of options.vehicles ?? demoVehicles()) this.fleet.add(vehicle);
      save?.(); // the file is there from the start, even for an empty fleet
    }
  }
}
