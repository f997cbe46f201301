import { demoVehicles } from './demo-vehicles';
import { FaultInjector, type FaultSettings, type OneApiRoute } from './fault-injector';
import { SimulatedFleet, type SimulatedVehicleSeed } from './simulated-fleet';
import { TokenIssuer, type SimulatorClient } from './token-issuer';

export interface SimulatorOptions extends FaultSettings {
  /** The API clients allowed to get tokens. */
  clients: SimulatorClient[];
  /** The fleet to start with; `demoVehicles()` when absent. */
  vehicles?: SimulatedVehicleSeed[];
  /** Milliseconds since the epoch; inject to expire tokens without waiting 15 minutes. */
  now?: () => number;
}

export interface RecordedRequest {
  route: OneApiRoute;
  method: string;
  path: string;
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
    this.fleet = new SimulatedFleet(now);
    this.tokens = new TokenIssuer(options.clients, now);
    this.faults = new FaultInjector(options);
    for (const vehicle of options.vehicles ?? demoVehicles()) this.fleet.add(vehicle);
  }
}
