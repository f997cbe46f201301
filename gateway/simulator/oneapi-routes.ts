/**
 * The OneAPI surface of the simulator: the same paths, statuses and JSON the client expects from
 * the real service (see `../oneapi-wire.ts` for what is documented and what assumed).
 */
import Router, { type RouterContext, type RouterMiddleware } from '@koa/router';
import type { Next } from 'koa';
import { setTimeout as delay } from 'node:timers/promises';
import {
  CLOUDBOXX_BRAND,
  COMMAND_CAPABILITIES,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  MERGE_PATCH_CONTENT_TYPE,
  WIRE_CENTRAL_LOCK,
  type WireAppliedConfiguration,
  type WireError,
  type WireVehicle,
  type WireVehiclePage,
  type WireVehicleState,
} from '../oneapi-wire';
import { VEHICLE_COMMANDS, type VehicleCommand } from '../vehicle-gateway';
import type { InjectedFault, OneApiRoute, OutageMode } from './fault-injector';
import type { ConfigurationMode, SimulatedVehicle } from './simulated-fleet';
import { SimulatorHttpError } from './simulator-http-error';
import { optionalString, requireObject, requireString } from './request-validation';
import type { SimulatorState } from './simulator-state';
import { commandsOf } from './vehicle-models';

interface RequestState {
  /** The API client the bearer token was issued to. */
  clientId: string;
}
type OneApiContext = RouterContext<RequestState>;

export function oneApiRouter(state: SimulatorState): Router<RequestState> {
  const router = new Router<RequestState>();
  const serve = (route: OneApiRoute) => serveAs(route, state);
  const authenticated = bearerAuthentication(state);

  router.post('/auth/oauth/token', serve('token'), (ctx) => {
    if (ctx.query.grant_type !== 'client_credentials') {
      return oauthError(ctx, 400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    }
    const credentials = basicCredentials(ctx.get('authorization'));
    const token = credentials && state.tokens.issue(credentials.clientId, credentials.secret);
    if (!token) {
      ctx.set('WWW-Authenticate', 'Basic realm="oneapi"');
      return oauthError(ctx, 401, 'invalid_client', 'Unknown client or wrong secret');
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.body = token;
  });

  router.get('/vehicles', serve('list-vehicles'), authenticated, (ctx) => {
    const cursor = singleQueryValue(ctx, 'cursor');
    const limit = singleQueryValue(ctx, 'limit');
    const page = state.fleet.page(cursor, limit === undefined ? undefined : Number(limit));
    const body: WireVehiclePage = { data: page.vehicles.map(toWireVehicle), next_cursor: page.nextCursor };
    ctx.body = body;
  });

  router.post('/vehicles', serve('add-vehicle'), authenticated, (ctx) => {
    const body = requireObject(ctx.request.body, 'request body');
    if (body.telematics_brand !== CLOUDBOXX_BRAND) {
      throw new SimulatorHttpError(400, 'UNSUPPORTED_TELEMATICS_BRAND', `The simulator only knows telematics_brand ${CLOUDBOXX_BRAND}`);
    }
    const masterData = body.master_data === undefined ? {} : requireObject(body.master_data, 'master_data');
    const vehicle = state.fleet.add(
      {
        telematicsUnitId: requireString(body.telematics_unit_id, 'telematics_unit_id'),
        vehicleModelId: requireString(body.vehicle_model_id, 'vehicle_model_id'),
        vin: optionalString(masterData.vin, 'master_data.vin'),
        licensePlate: optionalString(masterData.license_plate, 'master_data.license_plate'),
      },
      ctx.state.clientId,
    );
    ctx.status = 201;
    ctx.body = toWireVehicle(vehicle);
  });

  router.get('/vehicles/:vehicleId', serve('get-vehicle'), authenticated, (ctx) => {
    ctx.body = toWireVehicle(state.fleet.require(ctx.params.vehicleId ?? ''));
  });

  router.post('/vehicles/:vehicleId/commands/:command', serve('vehicle-command'), authenticated, (ctx) => {
    const vehicle = state.fleet.require(ctx.params.vehicleId ?? '');
    const command = ctx.params.command ?? '';
    if (!isVehicleCommand(command)) throw new SimulatorHttpError(404, 'UNKNOWN_COMMAND', `No command ${command}`);
    ctx.body = toWireState(state.fleet.execute(vehicle.id, command, ctx.state.clientId));
  });

  /** Replace: the body's configuration becomes the unit's whole configuration. */
  router.put('/telematics-units/:telematicsUnitId/configuration', serve('apply-configuration'), authenticated, (ctx) => {
    applyConfiguration(ctx, 'replace');
  });

  /** Merge: the body is a JSON Merge Patch (RFC 7396) of `{ configuration }`. */
  router.patch('/telematics-units/:telematicsUnitId/configuration', serve('apply-configuration'), authenticated, (ctx) => {
    if (!ctx.is(MERGE_PATCH_CONTENT_TYPE)) {
      throw new SimulatorHttpError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `PATCH takes a JSON Merge Patch: Content-Type ${MERGE_PATCH_CONTENT_TYPE}`,
      );
    }
    applyConfiguration(ctx, 'merge');
  });

  function applyConfiguration(ctx: OneApiContext, mode: ConfigurationMode): void {
    const idempotencyKey = ctx.get(IDEMPOTENCY_KEY_HEADER);
    if (!idempotencyKey) {
      throw new SimulatorHttpError(400, 'IDEMPOTENCY_KEY_MISSING', `Configuration changes need an ${IDEMPOTENCY_KEY_HEADER} header`);
    }
    const body = requireObject(ctx.request.body, 'request body');
    const configuration = requireObject(body.configuration, 'configuration');
    const unit = ctx.params.telematicsUnitId ?? '';
    const outcome = state.fleet.applyConfiguration(ctx.state.clientId, idempotencyKey, unit, configuration, mode);
    if (outcome.replayed) ctx.set(IDEMPOTENT_REPLAYED_HEADER, 'true');
    const answer: WireAppliedConfiguration = {
      telematics_unit_id: outcome.telematicsUnitId,
      version: outcome.version,
      applied_at: outcome.appliedAt,
      configuration: outcome.configuration,
    };
    ctx.body = answer;
  }

  return router;
}

/**
 * The first link of every OneAPI route: latency, injected faults, refusals as JSON, and the
 * request log, so that each handler only says what the route does.
 */
function serveAs(route: OneApiRoute, state: SimulatorState): RouterMiddleware<RequestState> {
  return async (ctx, next) => {
    const log = (status: number, injected: boolean) => state.requests.push({ route, method: ctx.method, path: ctx.path, status, injected });
    if (state.faults.outage) return answerOutage(ctx, state.faults.outage, log);
    const latencyMs = state.faults.latencyFor(route);
    if (latencyMs > 0) await delay(latencyMs);
    const fault = state.faults.decide(route);
    try {
      if (fault?.phase !== 'before-handler') await answerRefusals(ctx, next);
      if (fault) answerFault(ctx, fault);
    } finally {
      log(ctx.status, fault !== null);
    }
  };
}

/** The request does not reach the service; a dropped one is logged with status 0 (no answer). */
function answerOutage(ctx: OneApiContext, outage: OutageMode, log: (status: number, injected: boolean) => void): void {
  if (outage === 'connection-drop') {
    log(0, true);
    ctx.respond = false;
    ctx.req.socket.destroy();
    return;
  }
  const body: WireError = { error: 'SERVICE_UNAVAILABLE', message: 'Simulated outage: the OneAPI is down' };
  ctx.status = 503;
  ctx.body = body;
  log(503, true);
}

async function answerRefusals(ctx: OneApiContext, next: Next): Promise<void> {
  try {
    await next();
  } catch (error) {
    if (!(error instanceof SimulatorHttpError)) throw error;
    const body: WireError = { error: error.code, message: error.message };
    ctx.status = error.status;
    ctx.body = body;
  }
}

function answerFault(ctx: OneApiContext, fault: InjectedFault): void {
  ctx.remove(IDEMPOTENT_REPLAYED_HEADER);
  if (fault.status === 429) ctx.set('Retry-After', '1');
  const body: WireError = { error: 'INJECTED_FAULT', message: `Simulated failure (${fault.phase})` };
  ctx.status = fault.status;
  ctx.body = body;
}

function bearerAuthentication(state: SimulatorState): RouterMiddleware<RequestState> {
  return async (ctx, next) => {
    const [scheme, token] = ctx.get('authorization').split(' ');
    const clientId = scheme?.toLowerCase() === 'bearer' && token ? state.tokens.verify(token) : null;
    if (clientId === null) {
      ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"');
      const body: WireError = { error: 'UNAUTHORIZED', message: 'Missing, unknown or expired access token' };
      ctx.status = 401;
      ctx.body = body;
      return;
    }
    ctx.state.clientId = clientId;
    await next();
  };
}

/** Client id and secret from HTTP Basic auth; the id may hold any character but ':' (RFC 7617). */
function basicCredentials(header: string): { clientId: string; secret: string } | null {
  const match = /^Basic\s+(\S+)$/i.exec(header);
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return separator < 0 ? null : { clientId: decoded.slice(0, separator), secret: decoded.slice(separator + 1) };
}

/** Token endpoint errors follow OAuth2 (RFC 6749 §5.2), not the API's own error shape. */
function oauthError(ctx: OneApiContext, status: number, error: string, description: string): void {
  ctx.status = status;
  ctx.body = { error, error_description: description };
}

function toWireVehicle(vehicle: SimulatedVehicle): WireVehicle {
  return {
    id: vehicle.id,
    master_data: {
      vin: vehicle.vin,
      license_plate: vehicle.licensePlate,
      brand: vehicle.model.brand,
      model: vehicle.model.model,
      fuel_type: vehicle.model.fuelType,
    },
    telematics_unit: { id: vehicle.telematicsUnitId, brand: CLOUDBOXX_BRAND },
    capabilities: { commands: commandsOf(vehicle.model).map((command) => COMMAND_CAPABILITIES[command]) },
    state: toWireState(vehicle),
  };
}

/**
 * A vehicle reports only what its installation can sense: no immobiliser, no driving_enabled;
 * a fuel level on combustion models, a state of charge on electric ones.
 */
function toWireState(vehicle: SimulatedVehicle): WireVehicleState {
  const at = <T>(value: T) => ({ timestamp: vehicle.stateModifiedAt, value });
  return {
    central_lock: at(WIRE_CENTRAL_LOCK[vehicle.centralLock]),
    ...(vehicle.model.immobiliser ? { driving_enabled: at(vehicle.drivingEnabled) } : {}),
    mileage_in_kilometers: at(vehicle.odometerKm),
    ...(vehicle.fuelLevelPercent !== undefined ? { fuel_level_in_percent: at(vehicle.fuelLevelPercent) } : {}),
    ...(vehicle.batteryLevelPercent !== undefined ? { state_of_charge_in_percent: at(vehicle.batteryLevelPercent) } : {}),
  };
}

function isVehicleCommand(value: string): value is VehicleCommand {
  return (VEHICLE_COMMANDS as readonly string[]).includes(value);
}

function singleQueryValue(ctx: OneApiContext, name: string): string | undefined {
  const value = ctx.query[name];
  if (Array.isArray(value)) throw new SimulatorHttpError(400, 'INVALID_QUERY', `${name} given more than once`);
  return value;
}
