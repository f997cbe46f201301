import { expect } from 'chai';
import type { Context } from 'koa';
import { RateLimitedError } from '../common/errors';
import { rateLimitPerToken } from './rate-limit';

describe('rate limit per token', () => {
  function request(userId: string) {
    const headers: Record<string, string> = {};
    const ctx = { state: { principal: { userId } }, set: (name: string, value: string) => (headers[name] = value) } as unknown as Context;
    return { ctx, headers };
  }

  it('lets a token make its share of requests in a window, refuses the next with the time to wait, and starts afresh', async () => {
    let time = 1_000_000;
    const limit = rateLimitPerToken({ limit: 3, windowMs: 60_000, now: () => time });
    const next = async () => {};
    for (let i = 0; i < 3; i += 1) await limit(request('alice').ctx as never, next);

    time += 20_000;
    const refused = request('alice');
    const error = await Promise.resolve(limit(refused.ctx as never, next)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterSeconds).to.equal(40);
    expect(refused.headers['RateLimit-Remaining']).to.equal('0');

    const other = request('bob');
    await limit(other.ctx as never, next);
    expect(other.headers['RateLimit-Remaining'], 'another token has its own window').to.equal('2');

    time += 40_000;
    const fresh = request('alice');
    await limit(fresh.ctx as never, next);
    expect(fresh.headers['RateLimit-Remaining']).to.equal('2');
  });
});
