/** Turns an address typed by a person into coordinates, so the installer can navigate to it. */
export interface Geocoder {
  /** Undefined when the address is not found. Throws when the service cannot be asked. */
  geocode(address: string): Promise<{ lat: number; lng: number } | undefined>;
}

/**
 * A geocoder that speaks the Nominatim search API (OpenStreetMap's, or a self-hosted one), named
 * by GEOCODER_URL. Nominatim's usage policy asks for an identifying User-Agent.
 */
export class NominatimGeocoder implements Geocoder {
  constructor(
    private readonly baseUrl: string,
    private readonly userAgent = 'installer-jobs',
  ) {}

  async geocode(address: string): Promise<{ lat: number; lng: number } | undefined> {
    const url = new URL('search', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    url.search = new URLSearchParams({ q: address, format: 'jsonv2', limit: '1' }).toString();
    const response = await fetch(url, {
      headers: { 'user-agent': this.userAgent, accept: 'application/json' },
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`geocoder answered ${response.status}`);
    const [first] = (await response.json()) as Array<{ lat: string; lon: string }>;
    return first ? { lat: Number(first.lat), lng: Number(first.lon) } : undefined;
  }
}

/** The geocoder GEOCODER_URL names (common/config.ts), if any. */
export function geocoderFrom(settings: { url?: string; userAgent?: string }): Geocoder | undefined {
  return settings.url ? new NominatimGeocoder(settings.url, settings.userAgent) : undefined;
}
