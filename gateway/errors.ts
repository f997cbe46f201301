/**
 * What can go wrong talking to a vehicle, by what the caller should do about it. `retryable` lets a
 * Temporal activity turn the permanent ones into non-retryable failures (the error's `name` is its
 * failure type) and leave the transient ones to the retry policy.
 */
import type { VehicleCommand } from './vehicle-commands';

export abstract class VehicleGatewayError extends Error {
  abstract readonly retryable: boolean;

  constructor(
    message: string,
    /** The HTTP status that caused it, when there was one. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The vehicle's model or installation cannot execute this command (OneAPI answers 409). */
export class VehicleCapabilityMissingError extends VehicleGatewayError {
  override readonly name = 'VehicleCapabilityMissingError';
  readonly retryable = false;

  constructor(
    readonly vehicleId: string,
    readonly command: VehicleCommand,
    detail?: string,
  ) {
    super(`Vehicle ${vehicleId} lacks the capability for ${command}${detail ? `: ${detail}` : ''}`, 409);
  }
}

/** No vehicle or telematics unit with that id in the fleet (404). */
export class VehicleNotFoundError extends VehicleGatewayError {
  override readonly name = 'VehicleNotFoundError';
  readonly retryable = false;

  constructor(readonly subject: string) {
    super(`${subject} not found in the fleet`, 404);
  }
}

/** Credentials rejected or the client lacks a permission (401 after one renewal, 403). */
export class GatewayAuthError extends VehicleGatewayError {
  override readonly name = 'GatewayAuthError';
  readonly retryable = false;
}

/** The service did not answer usefully in time: 5xx, timeout or network failure. Try again. */
export class GatewayUnavailableError extends VehicleGatewayError {
  override readonly name = 'GatewayUnavailableError';
  readonly retryable = true;
}

/** Too many requests (429). `retryAfterMs` is the service's hint, when it gave one. */
export class GatewayRateLimitedError extends VehicleGatewayError {
  override readonly name = 'GatewayRateLimitedError';
  readonly retryable = true;

  constructor(readonly retryAfterMs: number | undefined) {
    super(`Rate limited by the vehicle service${retryAfterMs === undefined ? '' : `; retry after ${retryAfterMs} ms`}`, 429);
  }
}

/** The service refused the request as given (400, 409 on add, 422, a 404 route...): repeating it cannot help. */
export class GatewayRequestRejectedError extends VehicleGatewayError {
  override readonly name = 'GatewayRequestRejectedError';
  readonly retryable = false;
}

/** The service answered 2xx with something that is not what its contract promises. */
export class GatewayProtocolError extends VehicleGatewayError {
  override readonly name = 'GatewayProtocolError';
  readonly retryable = false;
}
