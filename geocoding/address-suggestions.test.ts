import { expect } from 'chai';
import { RateLimitedError } from '../common/errors';
import { AddressSuggestions, type SuggestionLimits } from './address-suggestions';
import type { AddressSuggestion, Geocoder } from './geocoder';

/** Our Geocoder interface, answering from memory and noting when it was asked. */
function countingGeocoder(): Geocoder & { asked: Array<{ query: string; at: number }> } {
  const asked: Array<{ query: string; at: number }> = [];
  return {
    asked,
    geocode: () => Promise.resolve(undefined),
    suggest: async (query: string): Promise<AddressSuggestion[]> => {
      asked.push({ query, at: Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [{ text: `${query}, Berlin`, lat: 52.5, lng: 13.4 }];
    },
  };
}

const LIMITS: SuggestionLimits = { minIntervalMs: 40, maxWaitMs: 200, cacheTtlMs: 60_000, cacheSize: 3 };

describe('address suggestions', () => {
  it('asks once for the same words, whatever their case and spacing', async () => {
    const geocoder = countingGeocoder();
    const suggestions = new AddressSuggestions(geocoder, LIMITS);
    const first = await suggestions.suggest('Alexanderplatz 1', 5);
    expect(await suggestions.suggest('  alexanderplatz   1 ', 5)).to.deep.equal(first);
    expect(geocoder.asked).to.have.length(1);
  });

  it('asks once for a question asked twice at the same time', async () => {
    const geocoder = countingGeocoder();
    const suggestions = new AddressSuggestions(geocoder, LIMITS);
    await Promise.all([suggestions.suggest('Markt 7', 5), suggestions.suggest('markt 7', 5)]);
    expect(geocoder.asked).to.have.length(1);
  });

  it('asks the service at most once per interval, and refuses what would wait too long', async () => {
    const geocoder = countingGeocoder();
    const suggestions = new AddressSuggestions(geocoder, LIMITS);
    await Promise.all(['a street', 'b street', 'c street'].map((q) => suggestions.suggest(q, 5)));
    const gaps = geocoder.asked.slice(1).map((ask, i) => ask.at - geocoder.asked[i]!.at);
    for (const gap of gaps) expect(gap).to.be.at.least(LIMITS.minIntervalMs - 5);

    const burst = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => suggestions.suggest(`street ${i}`, 5)));
    const refused = burst.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome as PromiseRejectedResult).reason);
    expect(refused.length, 'beyond maxWaitMs the caller is told to come back').to.be.greaterThan(0);
    expect(refused[0]).to.be.instanceOf(RateLimitedError);
    expect((refused[0] as RateLimitedError).retryAfterSeconds).to.be.at.least(1);
  });

  it('keeps the most recently used answers when full', async () => {
    const geocoder = countingGeocoder();
    const suggestions = new AddressSuggestions(geocoder, { ...LIMITS, minIntervalMs: 0 });
    for (const q of ['one', 'two', 'three']) await suggestions.suggest(q, 5);
    await suggestions.suggest('one', 5); // used again: stays
    await suggestions.suggest('four', 5); // pushes out the least recently used: two
    const before = geocoder.asked.length;
    await suggestions.suggest('one', 5);
    expect(geocoder.asked.length, 'one was kept').to.equal(before);
    await suggestions.suggest('two', 5);
    expect(geocoder.asked.length, 'two was pushed out').to.equal(before + 1);
  });

  it('asks again once an answer is older than its time to live', async () => {
    let now = 1_000;
    const geocoder = countingGeocoder();
    const suggestions = new AddressSuggestions(geocoder, { ...LIMITS, minIntervalMs: 0 }, () => now);
    await suggestions.suggest('Hauptstraße 1', 5);
    now += LIMITS.cacheTtlMs + 1;
    await suggestions.suggest('Hauptstraße 1', 5);
    expect(geocoder.asked).to.have.length(2);
  });
});
