/**
 * A test and demo surface that the real OneAPI does not have, kept under `/_sim` so it can never be
 * mistaken for it: seed vehicles, see what happened to each (lock, driving, configuration and
 * every command, with the API client that sent it), steer the faults.
 */
import Router from '@koa/router';
import type { Next, ParameterizedContext } from 'koa';
import type { CentralLockState } from '../vehicle-gateway';
import { FAULT_STATUSES, ONEAPI_ROUTES, OUTAGE_MODES, type FaultInjector, type FaultPlan, type OneApiRoute } from './fault-injector';
import { optionalMember, optionalNumber, optionalString, requireMember, requireObject, requireString } from './request-validation';
import { COMMANDED_PROPERTIES, type SimulatedVehicle } from './simulated-fleet';
import { SimulatorHttpError } from './simulator-http-error';
import type { SimulatorState } from './simulator-state';
import { commandsOf } from './vehicle-models';

export function adminRouter(state: SimulatorState): Router {
  const router = new Router({ prefix: '/_sim' });
  router.use(answerRefusals);

  router.post('/vehicles', (ctx) => {
    const body = requireObject(ctx.request.body, 'request body');
    const drivingEnabled = body.drivingEnabled;
    if (drivingEnabled !== undefined && typeof drivingEnabled !== 'boolean') {
      throw new SimulatorHttpError(400, 'INVALID_REQUEST', 'drivingEnabled must be a boolean');
    }
    const vehicle = state.fleet.add({
      id: optionalString(body.id, 'id'),
      telematicsUnitId: requireString(body.telematicsUnitId, 'telematicsUnitId'),
      vehicleModelId: requireString(body.vehicleModelId, 'vehicleModelId'),
      vin: optionalString(body.vin, 'vin'),
      licensePlate: optionalString(body.licensePlate, 'licensePlate'),
      centralLock: optionalMember<CentralLockState>(body.centralLock, ['locked', 'unlocked'], 'centralLock'),
      drivingEnabled,
      odometerKm: optionalNumber(body.odometerKm, 'odometerKm'),
      fuelLevelPercent: optionalNumber(body.fuelLevelPercent, 'fuelLevelPercent'),
      batteryLevelPercent: optionalNumber(body.batteryLevelPercent, 'batteryLevelPercent'),
    });
    ctx.status = 201;
    ctx.body = fullState(vehicle);
  });

  /** Every vehicle as it is now, with the last thing that happened to it. */
  router.get('/vehicles', (ctx) => {
    ctx.body = { vehicles: state.fleet.list().map(summary) };
  });

  /** One vehicle, by OneAPI vehicle id or CloudBoxx QNR: all the simulator knows, history included. */
  router.get('/vehicles/:vehicleIdOrQnr', (ctx) => {
    ctx.body = fullState(state.fleet.requireByIdOrTelematicsUnit(ctx.params.vehicleIdOrQnr ?? ''));
  });

  /**
   * Changes a vehicle as if from outside the OneAPI (a key fob, a driver, a broken relay). Body:
   * `{ centralLock?, drivingEnabled?, odometerKm?, fuelLevelPercent?, batteryLevelPercent?,
   * stuck?: ['centralLock' | 'drivingEnabled'] }`; a stuck property answers commands without moving.
   */
  router.patch('/vehicles/:vehicleIdOrQnr', (ctx) => {
    const vehicle = state.fleet.requireByIdOrTelematicsUnit(ctx.params.vehicleIdOrQnr ?? '');
    const body = requireObject(ctx.request.body, 'request body');
    const drivingEnabled = body.drivingEnabled;
    if (drivingEnabled !== undefined && typeof drivingEnabled !== 'boolean') {
      throw new SimulatorHttpError(400, 'INVALID_REQUEST', 'drivingEnabled must be a boolean');
    }
    const stuck = body.stuck;
    if (stuck !== undefined && !Array.isArray(stuck)) throw new SimulatorHttpError(400, 'INVALID_REQUEST', 'stuck must be an array');
    ctx.body = fullState(
      state.fleet.set(vehicle.id, {
        centralLock: optionalMember<CentralLockState>(body.centralLock, ['locked', 'unlocked'], 'centralLock'),
        drivingEnabled,
        odometerKm: optionalNumber(body.odometerKm, 'odometerKm'),
        fuelLevelPercent: optionalNumber(body.fuelLevelPercent, 'fuelLevelPercent'),
        batteryLevelPercent: optionalNumber(body.batteryLevelPercent, 'batteryLevelPercent'),
        stuck: stuck?.map((property, index) => requireMember(property, COMMANDED_PROPERTIES, `stuck[${index}]`)),
      }),
    );
  });

  router.get('/faults', (ctx) => {
    ctx.body = faultSettings(state.faults);
  });

  /**
   * Body: `{ latencyMs?, routeLatencyMs?: { <route>: ms }, outage?: 'unavailable' | 'connection-drop' | null,
   * failureRate?, seed?, failNext?: { count, routes?, status?, phase? } }`. Settings not named stay as they are.
   */
  router.post('/faults', (ctx) => {
    const body = requireObject(ctx.request.body, 'request body');
    state.faults.configure({
      latencyMs: optionalNumber(body.latencyMs, 'latencyMs'),
      routeLatencyMs: body.routeLatencyMs === undefined ? undefined : routeLatencies(requireObject(body.routeLatencyMs, 'routeLatencyMs')),
      outage: body.outage === null ? null : optionalMember(body.outage, OUTAGE_MODES, 'outage'),
      failureRate: optionalNumber(body.failureRate, 'failureRate'),
      seed: optionalNumber(body.seed, 'seed'),
    });
    if (body.failNext !== undefined) state.faults.failNext(faultPlan(requireObject(body.failNext, 'failNext')));
    ctx.body = faultSettings(state.faults);
  });

  router.delete('/faults', (ctx) => {
    state.faults.reset();
    ctx.status = 204;
  });

  return router;
}

async function answerRefusals(ctx: ParameterizedContext, next: Next): Promise<void> {
  try {
    await next();
  } catch (error) {
    // FaultInjector guards its settings with RangeError: the caller asked for something impossible.
    if (!(error instanceof SimulatorHttpError || error instanceof RangeError)) throw error;
    ctx.status = error instanceof SimulatorHttpError ? error.status : 400;
    ctx.body = { error: error instanceof SimulatorHttpError ? error.code : 'INVALID_REQUEST', message: error.message };
  }
}

function faultPlan(body: Record<string, unknown>): FaultPlan {
  const routes = body.routes;
  if (routes !== undefined && !Array.isArray(routes)) {
    throw new SimulatorHttpError(400, 'INVALID_REQUEST', 'failNext.routes must be an array');
  }
  return {
    count: optionalNumber(body.count, 'failNext.count') ?? 1,
    routes: routes?.map((route, index) => requireMember(route, ONEAPI_ROUTES, `failNext.routes[${index}]`)),
    status: optionalMember(body.status, FAULT_STATUSES, 'failNext.status'),
    phase: optionalMember(body.phase, ['before-handler', 'after-handler'] as const, 'failNext.phase'),
  };
}

function routeLatencies(body: Record<string, unknown>): Partial<Record<OneApiRoute, number>> {
  return Object.fromEntries(
    Object.entries(body).map(([route, ms]) => [
      requireMember(route, ONEAPI_ROUTES, 'routeLatencyMs key'),
      optionalNumber(ms, `routeLatencyMs.${route}`) ?? 0,
    ]),
  );
}

function faultSettings(faults: FaultInjector) {
  return {
    outage: faults.outage,
    latencyMs: faults.latencyMs,
    routeLatencyMs: faults.routeLatencyMs,
    failureRate: faults.failureRate,
    pending: faults.pendingPlans(),
  };
}

function fullState(vehicle: SimulatedVehicle) {
  return { ...vehicle, capabilities: commandsOf(vehicle.model) };
}

function summary(vehicle: SimulatedVehicle) {
  return {
    id: vehicle.id,
    telematicsUnitId: vehicle.telematicsUnitId,
    licensePlate: vehicle.licensePlate,
    vin: vehicle.vin,
    model: `${vehicle.model.brand} ${vehicle.model.model}`,
    capabilities: commandsOf(vehicle.model),
    centralLock: vehicle.centralLock,
    drivingEnabled: vehicle.drivingEnabled,
    odometerKm: vehicle.odometerKm,
    fuelLevelPercent: vehicle.fuelLevelPercent,
    batteryLevelPercent: vehicle.batteryLevelPercent,
    configurationVersion: vehicle.configuration?.version ?? null,
    stateModifiedAt: vehicle.stateModifiedAt,
    lastEvent: vehicle.history.at(-1) ?? null,
  };
}
