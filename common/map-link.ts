/** Where a place is on OpenStreetMap's map: what a portal links "show on map" to. */
export function mapUrl(at: { lat: number; lng: number }): string {
  return `https://www.openstreetmap.org/?mlat=${at.lat}&mlon=${at.lng}#map=18/${at.lat}/${at.lng}`;
}

/**
 * A job's values as the API shows them: every address with coordinates carries its map link,
 * made here from the coordinates (a `mapUrl` sent with a value is never taken as given).
 */
export function withMapLinks(values: Record<string, unknown>): Record<string, unknown> {
  let shown: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(values)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { text?: unknown }).text !== 'string')
      continue;
    const { mapUrl: _given, ...address } = value as { text: string; lat?: unknown; lng?: unknown; mapUrl?: unknown };
    const located = typeof address.lat === 'number' && typeof address.lng === 'number';
    shown ??= { ...values };
    shown[key] = located ? { ...address, mapUrl: mapUrl({ lat: address.lat as number, lng: address.lng as number }) } : address;
  }
  return shown ?? values;
}
