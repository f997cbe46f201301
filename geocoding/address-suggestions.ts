import { RateLimitedError } from '../common/errors';
import type { AddressSuggestion, Geocoder } from './geocoder';

export interface SuggestionLimits {
  /** The geocoding service is asked at most once per this long (Nominatim's policy: one request a second). */
  minIntervalMs: number;
  /** A question that would wait longer than this for its turn is refused (429) rather than queued behind a burst. */
  maxWaitMs: number;
  /** How long an answer is reused for the same words. */
  cacheTtlMs: number;
  /** Answers kept; the least recently used go first. */
  cacheSize: number;
}

export const DEFAULT_SUGGESTION_LIMITS: SuggestionLimits = {
  minIntervalMs: 1_000,
  maxWaitMs: 2_000,
  cacheTtlMs: 86_400_000,
  cacheSize: 2_000,
};

/**
 * Address suggestions as a type-ahead asks for them, kind to the geocoding service behind: the same
 * words (any case, any spacing) are answered from a cache, the same question asked twice at once
 * is asked once, and the service is asked at most once per `minIntervalMs` across all callers of
 * this process.
 */
export class AddressSuggestions {
  private readonly cache = new Map<string, { at: number; suggestions: AddressSuggestion[] }>();
  private readonly asking = new Map<string, Promise<AddressSuggestion[]>>();
  private nextTurn = 0;

  constructor(
    private readonly geocoder: Geocoder,
    private readonly limits: SuggestionLimits = DEFAULT_SUGGESTION_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  async suggest(query: string, limit: number): Promise<AddressSuggestion[]> {
    const key = `${limit}:${query.trim().replace(/\s+/g, ' ').toLowerCase()}`;
    const cached = this.cache.get(key);
    if (cached && this.now() - cached.at < this.limits.cacheTtlMs) {
      this.cache.delete(key); // most recently used last
      this.cache.set(key, cached);
      return cached.suggestions;
    }
    let asked = this.asking.get(key);
    if (!asked) {
      asked = this.ask(query, limit).then((suggestions) => {
        this.remember(key, suggestions);
        return suggestions;
      });
      this.asking.set(key, asked);
      void asked.finally(() => this.asking.delete(key)).catch(() => {});
    }
    return asked;
  }

  private async ask(query: string, limit: number): Promise<AddressSuggestion[]> {
    const now = this.now();
    const wait = Math.max(0, this.nextTurn - now);
    if (wait > this.limits.maxWaitMs) {
      throw new RateLimitedError(
        'Too many address lookups right now: the geocoding service is asked at most once a second. Try again in a moment.',
        Math.ceil(wait / 1000),
      );
    }
    this.nextTurn = Math.max(now, this.nextTurn) + this.limits.minIntervalMs;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return this.geocoder.suggest(query, limit);
  }

  private remember(key: string, suggestions: AddressSuggestion[]): void {
    this.cache.set(key, { at: this.now(), suggestions });
    while (this.cache.size > this.limits.cacheSize) this.cache.delete(this.cache.keys().next().value as string);
  }
}
