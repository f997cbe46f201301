/**
 * The JSON the INVERS OneAPI exchanges, as far as we use it: one definition shared by the client
 * and the simulator so the two cannot drift apart.
 *
 * From the public documentation (developers.invers.com): the token response, the vehicle's
 * `master_data`, `telematics_unit` and `capabilities.commands` (upper-case capability names such
 * as UNLOCK_CENTRAL_LOCK), command paths in kebab case, `telematics_brand` / `telematics_unit_id`
 * / `vehicle_model_id` when adding a vehicle.
 * ASSUMED (not in the public docs, or only as partial examples):
 * - the vehicle state's property names and values (`central_lock: 'locked' | 'unlocked'`,
 *   `driving_enabled`, `modified_at`);
 * - the list envelope `{ data, next_cursor }` and the `cursor` / `limit` query (the docs promise
 *   cursor pagination; their example shows an `items` array and does not name the cursor field);
 * - the configuration request and response (the public API documents no configuration endpoint);
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

export interface WireVehicleState {
  central_lock?: CentralLockState;
  driving_enabled?: boolean;
  modified_at?: string;
}

export interface WireVehicle {
  id: string;
  master_data: { vin?: string; license_plate?: string; brand?: string; model?: string };
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

/** Body of `PUT /telematics-units/{id}/configuration` (assumed, see above). */
export interface WireConfigurationRequest {
  configuration: Record<string, unknown>;
}

export interface WireAppliedConfiguration {
  telematics_unit_id: string;
  version: number;
  applied_at: string;
}

export interface WireError {
  error: string;
  message: string;
}

/** Header naming the idempotency key (IETF draft "The Idempotency-Key HTTP Header Field"). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** Set on an answer replayed for a repeated idempotency key (the convention Stripe and others use). */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
