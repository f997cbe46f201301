/** The OneAPI routes the simulator serves, by name, so faults can aim at some of them. */
export const ONEAPI_ROUTES = ['token', 'list-vehicles', 'get-vehicle', 'add-vehicle', 'vehicle-command', 'apply-configuration'] as const;
export type OneApiRoute = (typeof ONEAPI_ROUTES)[number];

/** 401 and 403 stand for a token or permission revoked behind the client's back. */
export const FAULT_STATUSES = [401, 403, 429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export interface InjectedFault {
  status: FaultStatus;
  /**
   * `before-handler`: the request has no effect. `after-handler`: it takes effect but the caller
   * sees the failure, as when an answer is lost on the way back; only idempotency saves a retry.
   */
  phase: 'before-handler' | 'after-handler';
}

export interface FaultPlan extends Partial<InjectedFault> {
  /** Fail this many of the next matching requests. */
  count: number;
  /** Only these routes; every OneAPI route when absent. */
  routes?: OneApiRoute[];
}

/**
 * The whole service out of reach until cleared: `unavailable` answers every OneAPI route 503
 * without acting; `connection-drop` closes the connection without an answer, as a dead host or
 * a broken network looks to the caller. The admin routes stay reachable to clear it.
 */
export const OUTAGE_MODES = ['unavailable', 'connection-drop'] as const;
export type OutageMode = (typeof OUTAGE_MODES)[number];

export interface FaultSettings {
  /** Every OneAPI route waits this long before it acts and answers. */
  latencyMs?: number;
  /** Per-route waits that take the place of `latencyMs` for those routes; 0 removes one. */
  routeLatencyMs?: Partial<Record<OneApiRoute, number>>;
  /** null ends the outage. */
  outage?: OutageMode | null;
  /** Share of requests (0..1) answered 503 before they take effect, drawn from the seeded sequence. */
  failureRate?: number;
  /** The same seed and the same sequence of requests fail the same requests. */
  seed?: number;
}

/** Decides, request by request, whether the simulator misbehaves and how. */
export class FaultInjector {
  latencyMs = 0;
  routeLatencyMs: Partial<Record<OneApiRoute, number>> = {};
  outage: OutageMode | null = null;
  failureRate = 0;
  private random: () => number = mulberry32(1);
  private plans: Array<Required<FaultPlan>> = [];

  constructor(settings: FaultSettings = {}) {
    this.configure(settings);
  }

  configure(settings: FaultSettings): void {
    if (settings.latencyMs !== undefined) {
      if (!(settings.latencyMs >= 0)) throw new RangeError(`latencyMs must be >= 0, not ${settings.latencyMs}`);
      this.latencyMs = settings.latencyMs;
    }
    for (const [route, ms] of Object.entries(settings.routeLatencyMs ?? {})) {
      if (!(ONEAPI_ROUTES as readonly string[]).includes(route)) throw new RangeError(`routeLatencyMs names no OneAPI route: ${route}`);
      if (!(typeof ms === 'number' && ms >= 0)) throw new RangeError(`routeLatencyMs.${route} must be >= 0, not ${ms}`);
      if (ms === 0) delete this.routeLatencyMs[route as OneApiRoute];
      else this.routeLatencyMs[route as OneApiRoute] = ms;
    }
    if (settings.outage !== undefined) {
      if (settings.outage !== null && !OUTAGE_MODES.includes(settings.outage)) {
        throw new RangeError(`outage must be one of ${OUTAGE_MODES.join(', ')} or null, not ${settings.outage}`);
      }
      this.outage = settings.outage;
    }
    if (settings.failureRate !== undefined) {
      if (!(settings.failureRate >= 0 && settings.failureRate <= 1)) {
        throw new RangeError(`failureRate must be between 0 and 1, not ${settings.failureRate}`);
      }
      this.failureRate = settings.failureRate;
    }
    if (settings.seed !== undefined) this.random = mulberry32(settings.seed);
  }

  /** Fails the next `count` matching requests; plans queue up and are used in order. */
  failNext(plan: FaultPlan): void {
    if (!Number.isInteger(plan.count) || plan.count < 1) throw new RangeError(`count must be a positive integer, not ${plan.count}`);
    this.plans.push({
      count: plan.count,
      routes: plan.routes ?? [...ONEAPI_ROUTES],
      status: plan.status ?? 503,
      phase: plan.phase ?? 'before-handler',
    });
  }

  /** How long `route` waits before it acts. */
  latencyFor(route: OneApiRoute): number {
    return this.routeLatencyMs[route] ?? this.latencyMs;
  }

  /** Back to a well-behaved service: no outage, no latency, no failures, seed 1. */
  reset(): void {
    this.plans = [];
    this.outage = null;
    this.routeLatencyMs = {};
    this.latencyMs = 0;
    this.failureRate = 0;
    this.random = mulberry32(1);
  }

  decide(route: OneApiRoute): InjectedFault | null {
    const plan = this.plans.find((candidate) => candidate.routes.includes(route));
    if (plan) {
      plan.count -= 1;
      if (plan.count === 0) this.plans.splice(this.plans.indexOf(plan), 1);
      return { status: plan.status, phase: plan.phase };
    }
    if (this.failureRate > 0 && this.random() < this.failureRate) return { status: 503, phase: 'before-handler' };
    return null;
  }

  pendingPlans(): ReadonlyArray<Readonly<Required<FaultPlan>>> {
    return this.plans;
  }
}

/** A small, well-known seeded generator: same seed, same sequence, on every machine. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
