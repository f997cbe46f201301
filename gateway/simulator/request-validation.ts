import { SimulatorHttpError } from './simulator-http-error';

/** Checks on incoming JSON that answer 400 with the field's name, as a real service would. */
export function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimulatorHttpError(400, 'INVALID_REQUEST', `${what} must be a JSON object`);
  }
  return value as Record<string, unknown>;
}

export function requireString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new SimulatorHttpError(400, 'INVALID_REQUEST', `${what} must be a non-empty string`);
  return value;
}

export function optionalString(value: unknown, what: string): string | undefined {
  return value === undefined ? undefined : requireString(value, what);
}

export function optionalNumber(value: unknown, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new SimulatorHttpError(400, 'INVALID_REQUEST', `${what} must be a number`);
  return value;
}

export function requireMember<T extends string | number>(value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) {
    throw new SimulatorHttpError(400, 'INVALID_REQUEST', `${what} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

export function optionalMember<T extends string | number>(value: unknown, allowed: readonly T[], what: string): T | undefined {
  return value === undefined ? undefined : requireMember(value, allowed, what);
}
