/**
 * The JSON the INVERS OneAPI exchanges, as far as we use it: one definition shared by the client
 * and the simulator so the two cannot drift apart.
 *
 * From the public documentation (developers.invers.com): the token response, the vehicle's
 * `master_data` (with `fuel_type` such as PETROL or ELECTRIC), `telematics_unit` and
 * `capabilities.commands` (upper-case capability names such as UNLOCK_CENTRAL_LOCK), command paths
 * in kebab case, `telematics_brand` / `telematics_unit_id` / `vehicle_model_id` when adding a
 * vehicle; the vehicle state as one `{ timestamp, value }` object per property, named after its
 * state capability in snake case (`driving_enabled`, `mileage_in_kilometers`,
 * `fuel_level_in_percent`; the capability list names CENTRAL_LOCK).
 * ASSUMED (not in the public docs, or only as partial examples):
 * - `central_lock`'s values `LOCKED` / `UNLOCKED` (the capability list is cut off there; upper
 *   case like every other enum it lists);
 * - `state_of_charge_in_percent` for an electric vehicle's battery. Newer docs merge fuel and
 *   charge into `state_of_charge_or_fuel_level_in_percent`, which a command's answer (a bare
 *   state) cannot attribute; we keep the two apart;
 * - the list envelope `{ data, next_cursor }` and the `cursor` / `limit` query (the docs promise
 *   cursor pagination; their example shows an `items` array and does not name the cursor field);
 * - the configuration requests and response (the public API documents no configuration endpoint);
 * - error bodies `{ error, message }`: the client reads them only to word its error messages.
 */
import type { CentralLockState, VehicleCommand } from './vehicle-gateway';

export const CLOUDBOXX_BRAND = 'CLOUDBOXX';

/** Tokens live 15 minutes (`expires_in: 900`), per the authentication guide. */
export const TOKEN_LIFETIME_SECONDS = 900;

export const COMMAND_CAPABILITIES = {
  'unlock-central-lock': 'UNLOCK_CENTRAL_LOCK',
  'lock-central-lock': 'LOCK_CENTRAL_LOCK',
  'enable-driving': 'ENABLE_DRIVING',
  'disable-driving': 'DISABLE_DRIVING',
  'request-vehicle-state': 'REQUEST_VEHICLE_STATE',
} as const satisfies Record<VehicleCommand, string>;
export type CommandCapability = (typeof COMMAND_CAPABILITIES)[VehicleCommand];

export interface WireTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

/** One property of a vehicle state: its value and when the box captured it (ISO 8601). */
export interface WireStateProperty<T> {
  timestamp: string;
  value: T;
}

export type WireCentralLock = 'LOCKED' | 'UNLOCKED';

export const WIRE_CENTRAL_LOCK = {
  locked: 'LOCKED',
  unlocked: 'UNLOCKED',
} as const satisfies Record<CentralLockState, WireCentralLock>;

/** A model reports only the properties its installation can sense; the rest are absent. */
export interface WireVehicleState {
  central_lock?: WireStateProperty<WireCentralLock>;
  driving_enabled?: WireStateProperty<boolean>;
  mileage_in_kilometers?: WireStateProperty<number>;
  /** Combustion vehicles. */
  fuel_level_in_percent?: WireStateProperty<number>;
  /** Electric vehicles' traction battery (ASSUMED name, see above). */
  state_of_charge_in_percent?: WireStateProperty<number>;
}

export interface WireVehicle {
  id: string;
  master_data: { vin?: string; license_plate?: string; brand?: string; model?: string; fuel_type?: string };
  telematics_unit: { id: string; brand: string };
  /** Real vehicles list capabilities we do not model (DRAW_ATTENTION...); the client ignores those. */
  capabilities: { commands: string[] };
  state: WireVehicleState;
}

export interface WireVehiclePage {
  data: WireVehicle[];
  next_cursor: string | null;
}

export interface WireNewVehicle {
  telematics_brand: typeof CLOUDBOXX_BRAND;
  telematics_unit_id: string;
  vehicle_model_id: string;
  master_data?: { vin?: string; license_plate?: string };
}

/**
 * Body of `PUT /telematics-units/{id}/configuration` (replace) and of `PATCH` on the same path
 * (merge): for PATCH it is a JSON Merge Patch (RFC 7396) of this same representation, so
 * `{ configuration: { key: null } }` removes `key` and leaves every other key as it was.
 * Assumed, see above.
 */
export interface WireConfigurationRequest {
  configuration: Record<string, unknown>;
}

/** Media type of a JSON Merge Patch (RFC 7396 §4). */
export const MERGE_PATCH_CONTENT_TYPE = 'application/merge-patch+json';

export interface WireAppliedConfiguration {
  telematics_unit_id: string;
  version: number;
  applied_at: string;
  /** The unit's whole configuration after the change (assumed, see above). */
  configuration: Record<string, unknown>;
}

export interface WireError {
  error: string;
  message: string;
}

/** Header naming the idempotency key (IETF draft "The Idempotency-Key HTTP Header Field"). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer replayed for a repeated idempotency key (the convention Stripe and others use). */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
