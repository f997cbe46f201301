/** An address as a geocoder knows it: its full text and where it is. */
export interface AddressSuggestion {
  text: string;
  lat: number;
  lng: number;
}

/** Turns an address typed by a person into coordinates, so the installer can navigate to it. */
export interface Geocoder {
  /** Undefined when the address is not found. Throws when the service cannot be asked. */
  geocode(address: string): Promise<{ lat: number; lng: number } | undefined>;
  /** Addresses that match what was typed so far, best first: what a form offers to pick from. */
  suggest(query: string, limit: number): Promise<AddressSuggestion[]>;
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
    const [first] = await this.search(address, 1);
    return first && { lat: first.lat, lng: first.lng };
  }

  suggest(query: string, limit: number): Promise<AddressSuggestion[]> {
    return this.search(query, limit);
  }

  private async search(q: string, limit: number): Promise<AddressSuggestion[]> {
    const url = new URL('search', this.baseUrl.endsWith('/') ? this.baseUrl : `${this.baseUrl}/`);
    url.search = new URLSearchParams({ q, format: 'jsonv2', limit: String(limit) }).toString();
    const response = await fetch(url, {
      headers: { 'user-agent': this.userAgent, accept: 'application/json' },
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`geocoder answered ${response.status}`);
    const places = (await response.json()) as Array<{ lat: string; lon: string; display_name?: string }>;
    return places
      .map((place) => ({ text: place.display_name ?? q, lat: Number(place.lat), lng: Number(place.lon) }))
      .filter((place) => Number.isFinite(place.lat) && Number.isFinite(place.lng));
  }
}

/** The geocoder GEOCODER_URL names (common/config.ts), if any. */
export function geocoderFrom(settings: { url?: string; userAgent?: string }): Geocoder | undefined {
  return settings.url ? new NominatimGeocoder(settings.url, settings.userAgent) : undefined;
}
