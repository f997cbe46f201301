/**
 * `VehicleGateway` over HTTP, modelled on the INVERS OneAPI's public documentation. The wire
 * shapes and what about them is assumed live in `oneapi-wire.ts`; assumptions about endpoints are
 * noted at the method that uses them.
 */
import { AccessTokenCache } from './access-token-cache';
import {
  GatewayAuthError,
  GatewayProtocolError,
  GatewayRateLimitedError,
  GatewayRequestRejectedError,
  GatewayUnavailableError,
  VehicleCapabilityMissingError,
  VehicleGatewayError,
  VehicleNotFoundError,
} from './errors';
import type { OneApiConfig } from './oneapi-config';
import {
  CLOUDBOXX_BRAND,
  COMMAND_CAPABILITIES,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  MERGE_PATCH_CONTENT_TYPE,
  type WireAppliedConfiguration,
  type WireConfigurationRequest,
  type WireNewVehicle,
  type WireTokenResponse,
  type WireVehicle,
  type WireCentralLock,
  type WireVehiclePage,
  type WireVehicleState,
} from './oneapi-wire';
import {
  eachVehicle,
  VEHICLE_COMMANDS,
  type AppliedConfiguration,
  type ApplyConfigurationRequest,
  type NewVehicle,
  type Vehicle,
  type VehicleCommand,
  type VehicleGateway,
  type VehiclePage,
  type VehicleState,
} from './vehicle-gateway';

const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const DEFAULT_RENEW_TOKEN_BEFORE_EXPIRY_MS = 60_000;

interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  path: string;
  body?: unknown;
  /** Of the JSON body; `application/json` when absent. */
  contentType?: string;
  headers?: Record<string, string>;
  /** Turns a status the caller understands (404 here, 409 there) into its own error. */
  refine?: (status: number, message: string) => VehicleGatewayError | undefined;
}

interface ApiResponse {
  body: unknown;
  headers: Headers;
}

/** One instance per process: the token cache is shared by everything that uses it. */
export class OneApiClient implements VehicleGateway {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly tokens: AccessTokenCache;

  constructor(private readonly config: OneApiConfig) {
    this.baseUrl = config.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.now = config.now ?? Date.now;
    this.tokens = new AccessTokenCache(
      () => this.requestToken(),
      this.now,
      config.renewTokenBeforeExpiryMs ?? DEFAULT_RENEW_TOKEN_BEFORE_EXPIRY_MS,
    );
  }

  async getVehicle(vehicleId: string): Promise<Vehicle> {
    const { body } = await this.call({
      method: 'GET',
      path: `/vehicles/${encodeURIComponent(vehicleId)}`,
      refine: (status) => (status === 404 ? new VehicleNotFoundError(`Vehicle ${vehicleId}`) : undefined),
    });
    return toVehicle(body);
  }

  /**
   * ASSUMED: `GET /vehicles?cursor=…&limit=…` answers `{ data: [...], next_cursor }`, with
   * `next_cursor: null` on the last page. The public docs promise cursor pagination (their example
   * shows an `items` array and unnamed cursors) but give no schema for it.
   */
  async listVehicles(page: { cursor?: string; limit?: number } = {}): Promise<VehiclePage> {
    const query = new URLSearchParams();
    if (page.cursor !== undefined) query.set('cursor', page.cursor);
    if (page.limit !== undefined) query.set('limit', String(page.limit));
    const search = query.toString();
    const { body } = await this.call({ method: 'GET', path: `/vehicles${search ? `?${search}` : ''}` });
    const wire = expectRecord(body, 'vehicle page') as Partial<WireVehiclePage>;
    if (!Array.isArray(wire.data)) throw new GatewayProtocolError('Vehicle page without a data array');
    const nextCursor = wire.next_cursor;
    if (nextCursor !== null && nextCursor !== undefined && typeof nextCursor !== 'string') {
      throw new GatewayProtocolError('Vehicle page with a next_cursor that is not a string');
    }
    return { vehicles: wire.data.map(toVehicle), nextCursor: nextCursor ?? null };
  }

  /** The documented API offers no lookup by QNR, so this walks the fleet page by page. */
  async findVehicleByTelematicsUnit(telematicsUnitId: string): Promise<Vehicle | null> {
    const wanted = telematicsUnitId.toUpperCase();
    for await (const vehicle of eachVehicle(this)) {
      if (vehicle.telematicsUnit.id.toUpperCase() === wanted) return vehicle;
    }
    return null;
  }

  /** ASSUMED: `POST /vehicles` answers 201 with the new vehicle, like `GET /vehicles/{id}`. */
  async addVehicle(vehicle: NewVehicle): Promise<Vehicle> {
    const masterData = { vin: vehicle.vin, license_plate: vehicle.licensePlate };
    const request: WireNewVehicle = {
      telematics_brand: CLOUDBOXX_BRAND,
      telematics_unit_id: vehicle.telematicsUnitId,
      vehicle_model_id: vehicle.vehicleModelId,
      ...(vehicle.vin !== undefined || vehicle.licensePlate !== undefined ? { master_data: masterData } : {}),
    };
    const { body } = await this.call({ method: 'POST', path: '/vehicles', body: request });
    return toVehicle(body);
  }

  /** Documented: 200 with the new vehicle state, 409 when the vehicle lacks the capability. */
  async sendCommand(vehicleId: string, command: VehicleCommand): Promise<VehicleState> {
    const { body } = await this.call({
      method: 'POST',
      path: `/vehicles/${encodeURIComponent(vehicleId)}/commands/${command}`,
      refine: (status, message) => {
        if (status === 404) return new VehicleNotFoundError(`Vehicle ${vehicleId}`);
        if (status === 409) return new VehicleCapabilityMissingError(vehicleId, command, message);
        return undefined;
      },
    });
    return toVehicleState(body);
  }

  /**
   * ASSUMED: the public API documents no configuration endpoint. We take
   * `PUT /telematics-units/{qnr}/configuration` with body `{ configuration }` to replace and
   * `PATCH` on the same path with a JSON Merge Patch of that body (RFC 7396,
   * `Content-Type: application/merge-patch+json`) to merge, both with an `Idempotency-Key`
   * header; both answer 200 `{ telematics_unit_id, version, applied_at, configuration }` with the
   * unit's whole configuration after the change. A repeated key with the same request replays the
   * first answer (marked `Idempotent-Replayed: true`) instead of applying again; a repeated key
   * with a different body or method is refused (422).
   */
  async applyConfiguration(request: ApplyConfigurationRequest): Promise<AppliedConfiguration> {
    const telematicsUnitId =
      'telematicsUnitId' in request.target
        ? request.target.telematicsUnitId
        : (await this.getVehicle(request.target.vehicleId)).telematicsUnit.id;
    const body: WireConfigurationRequest = { configuration: request.configuration };
    const merge = request.mode === 'merge';
    const response = await this.call({
      method: merge ? 'PATCH' : 'PUT',
      path: `/telematics-units/${encodeURIComponent(telematicsUnitId)}/configuration`,
      body,
      contentType: merge ? MERGE_PATCH_CONTENT_TYPE : undefined,
      headers: { [IDEMPOTENCY_KEY_HEADER]: request.idempotencyKey },
      refine: (status) => (status === 404 ? new VehicleNotFoundError(`Telematics unit ${telematicsUnitId}`) : undefined),
    });
    const applied = expectRecord(response.body, 'applied configuration') as Partial<WireAppliedConfiguration>;
    if (typeof applied.telematics_unit_id !== 'string' || typeof applied.version !== 'number' || typeof applied.applied_at !== 'string') {
      throw new GatewayProtocolError('Applied configuration without telematics_unit_id, version or applied_at');
    }
    if (applied.configuration !== undefined && !isRecord(applied.configuration)) {
      throw new GatewayProtocolError('Applied configuration whose configuration is not a JSON object');
    }
    return withoutUndefined({
      telematicsUnitId: applied.telematics_unit_id,
      version: applied.version,
      appliedAt: applied.applied_at,
      replayed: response.headers.get(IDEMPOTENT_REPLAYED_HEADER) === 'true',
      configuration: applied.configuration,
    });
  }

  /** Sends an authorised request; a 401 renews the token and tries exactly once more. */
  private async call(request: ApiRequest): Promise<ApiResponse> {
    const token = await this.tokens.get();
    const first = await this.send(request, token);
    if (first.status !== 401) return this.interpret(request, first);
    this.tokens.invalidate(token);
    return this.interpret(request, await this.send(request, await this.tokens.get()));
  }

  private send(request: ApiRequest, token: string): Promise<Response> {
    return this.fetchWithTimeout(`${request.method} ${request.path}`, this.baseUrl + request.path, {
      method: request.method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': request.contentType ?? 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  }

  private async interpret(request: ApiRequest, response: Response): Promise<ApiResponse> {
    const what = `${request.method} ${request.path}`;
    const body = await readJson(response, what);
    if (response.ok) return { body, headers: response.headers };
    const message = describeFailure(what, response.status, body);
    throw request.refine?.(response.status, message) ?? this.errorFor(response, message);
  }

  /** The OneAPI token endpoint: client credentials in HTTP Basic auth, grant type in the query. */
  private async requestToken(): Promise<{ accessToken: string; expiresInSeconds: number }> {
    const what = 'POST /auth/oauth/token';
    const credentials = Buffer.from(`${this.config.clientId}:${this.config.clientSecret}`).toString('base64');
    const response = await this.fetchWithTimeout(what, `${this.baseUrl}/auth/oauth/token?grant_type=client_credentials`, {
      method: 'POST',
      headers: { authorization: `Basic ${credentials}`, accept: 'application/json' },
    });
    const body = await readJson(response, what);
    if (!response.ok) {
      const message = describeFailure(what, response.status, body);
      // OAuth2 servers refuse bad client credentials with 400 or 401 (RFC 6749 §5.2).
      if (response.status === 400 || response.status === 401 || response.status === 403) {
        throw new GatewayAuthError(`OneAPI refused the client credentials: ${message}`, response.status);
      }
      throw this.errorFor(response, message);
    }
    const token = expectRecord(body, 'token response') as Partial<WireTokenResponse>;
    if (typeof token.access_token !== 'string' || typeof token.expires_in !== 'number') {
      throw new GatewayProtocolError('Token response without access_token or expires_in');
    }
    return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
  }

  private async fetchWithTimeout(what: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : 'the connection failed';
      throw new GatewayUnavailableError(`${what}: ${reason}`, undefined, { cause: error });
    }
  }

  private errorFor(response: Response, message: string): VehicleGatewayError {
    const { status } = response;
    if (status === 401 || status === 403) return new GatewayAuthError(message, status);
    if (status === 429) return new GatewayRateLimitedError(this.retryAfterMs(response.headers.get('retry-after')));
    if (status >= 500 || status === 408) return new GatewayUnavailableError(message, status);
    return new GatewayRequestRejectedError(message, status);
  }

  /** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
  private retryAfterMs(header: string | null): number | undefined {
    if (header === null) return undefined;
    if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - this.now());
  }
}

async function readJson(response: Response, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new GatewayUnavailableError(`${what}: the answer was cut off`, response.status, { cause: error });
  }
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    // Gateways and proxies answer errors in HTML; only a 2xx that is not JSON breaks the contract.
    if (!response.ok) return text;
    throw new GatewayProtocolError(`${what}: answered ${response.status} with a body that is not JSON`, response.status, {
      cause: error,
    });
  }
}

function describeFailure(what: string, status: number, body: unknown): string {
  // OneAPI errors carry `message`, OAuth2 token errors `error_description`, proxies plain text.
  const detail = isRecord(body)
    ? (optionalString(body.message) ?? optionalString(body.error_description) ?? '')
    : typeof body === 'string'
      ? body.slice(0, 200)
      : '';
  return `${what} answered ${status}${detail ? `: ${detail}` : ''}`;
}

function toVehicle(body: unknown): Vehicle {
  const wire = expectRecord(body, 'vehicle') as Partial<WireVehicle>;
  const unit = wire.telematics_unit;
  if (typeof wire.id !== 'string' || !isRecord(unit) || typeof unit.id !== 'string') {
    throw new GatewayProtocolError('Vehicle without an id or a telematics_unit id');
  }
  const masterData = isRecord(wire.master_data) ? wire.master_data : {};
  const capabilities = isRecord(wire.capabilities) && Array.isArray(wire.capabilities.commands) ? wire.capabilities.commands : [];
  return {
    id: wire.id,
    masterData: withoutUndefined({
      vin: optionalString(masterData.vin),
      licensePlate: optionalString(masterData.license_plate),
      brand: optionalString(masterData.brand),
      model: optionalString(masterData.model),
    }),
    telematicsUnit: { id: unit.id, brand: optionalString(unit.brand) ?? CLOUDBOXX_BRAND },
    capabilities: { commands: VEHICLE_COMMANDS.filter((command) => capabilities.includes(COMMAND_CAPABILITIES[command])) },
    state: toVehicleState(wire.state ?? {}),
  };
}

/**
 * Each documented property is `{ timestamp, value }`; one whose value is not of the documented
 * type is left out rather than guessed. `modifiedAt` is the newest property's timestamp.
 */
function toVehicleState(body: unknown): VehicleState {
  const wire = expectRecord(body, 'vehicle state');
  const timestamps: string[] = [];
  const read = <T>(name: keyof WireVehicleState, accepts: (value: unknown) => value is T): T | undefined => {
    const property = wire[name];
    if (!isRecord(property) || !accepts(property.value)) return undefined;
    if (typeof property.timestamp === 'string') timestamps.push(property.timestamp);
    return property.value;
  };
  const centralLock = read('central_lock', (value): value is WireCentralLock => value === 'LOCKED' || value === 'UNLOCKED');
  return withoutUndefined({
    centralLock: centralLock === undefined ? undefined : centralLock === 'LOCKED' ? 'locked' : 'unlocked',
    drivingEnabled: read('driving_enabled', (value): value is boolean => typeof value === 'boolean'),
    odometerKm: read('mileage_in_kilometers', isNonNegativeNumber),
    fuelLevelPercent: read('fuel_level_in_percent', isPercent),
    batteryLevelPercent: read('state_of_charge_in_percent', isPercent),
    modifiedAt: latest(timestamps),
  } satisfies VehicleState);
}

function latest(timestamps: string[]): string | undefined {
  // By instant, not by string: `…05Z` and `…05.000Z` are the same moment.
  return timestamps.reduce<string | undefined>(
    (newest, at) => (newest === undefined || Date.parse(at) > Date.parse(newest) ? at : newest),
    undefined,
  );
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isPercent(value: unknown): value is number {
  return isNonNegativeNumber(value) && value <= 100;
}

function expectRecord(body: unknown, what: string): Record<string, unknown> {
  if (!isRecord(body)) throw new GatewayProtocolError(`Expected a JSON object for the ${what}`);
  return body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Absent stays absent: a model that does not report a property gets no `property: undefined`. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as T;
}
