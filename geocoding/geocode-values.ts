import { RuleViolationError } from '../common/errors';
import type { AddressValue, CompiledJobType } from '../definitions/compiled-job-type';
import { fieldValue } from '../definitions/rules';
import type { Geocoder } from './geocoder';

/**
 * Fills in coordinates for the job's address fields that have text but none. Without a geocoder,
 * values stay as given (a portal may send coordinates itself). An address the geocoder does not
 * know is refused, naming the field; a geocoder that cannot be reached leaves the address as typed.
 */
export async function geocodeAddresses(
  jobType: CompiledJobType,
  values: Record<string, unknown>,
  geocoder: Geocoder | undefined,
  warn: (message: string) => void = console.warn,
): Promise<Record<string, unknown>> {
  if (!geocoder) return values;
  const result = { ...values };
  for (const field of jobType.fields.filter((f) => f.type === 'address')) {
    const value = fieldValue(values, field.key) as AddressValue | undefined | null;
    if (!value || typeof value.text !== 'string' || (value.lat !== undefined && value.lng !== undefined)) continue;
    let found;
    try {
      found = await geocoder.geocode(value.text);
    } catch (error) {
      warn(`Geocoding "${value.text}" failed, keeping it without coordinates: ${(error as Error).message}`);
      continue;
    }
    if (!found) {
      throw new RuleViolationError(
        `${field.label}: the address "${value.text}" was not found. Pick it from the suggestions, or give its coordinates.`,
        [{ pointer: `/values/${field.key}`, message: 'address not found', rule: 'geocode' }],
        { type: 'address-not-found' },
      );
    }
    result[field.key] = { ...value, ...found };
  }
  return result;
}
