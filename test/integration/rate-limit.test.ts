import { expect } from 'chai';
import { onboardProvider, type OnboardedProvider } from '../../db/tenancy';
import { startTestStack, type TestStack, type ApiAnswer } from '../support/stack';

const LIMIT = 3;

/** A runaway portal script meets its token's limit; everyone else's requests go on being served. */
describe('rate limit per API token, over HTTP', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let busy: OnboardedProvider;
  let calm: OnboardedProvider;

  before(async () => {
    // A window far longer than the test: no request of it can fall into a new window.
    stack = await startTestStack('rate limit', { rateLimit: { limit: LIMIT, windowMs: 10 * 60_000 } });
    const stamp = Date.now().toString(36);
    busy = await onboardProvider(stack.db, { name: `Busy ${stamp}`, adminEmail: `busy-${stamp}@busy.example`, fleetName: 'Busy-Fleet' });
    calm = await onboardProvider(stack.db, { name: `Calm ${stamp}`, adminEmail: `calm-${stamp}@calm.example`, fleetName: 'Calm-Fleet' });
  });
  after(async () => stack?.stop());

  const rateLimitHeaders = (answer: ApiAnswer) => ({
    limit: answer.headers.get('ratelimit-limit'),
    remaining: answer.headers.get('ratelimit-remaining'),
    reset: Number(answer.headers.get('ratelimit-reset')),
  });

  it('answers 429 problem+json with Retry-After once a token is over its limit, and still serves another token', async () => {
    for (let sent = 1; sent <= LIMIT; sent += 1) {
      const served = await stack.call('GET', '/v1/fleets', busy.adminToken);
      expect(served.status, served.text).to.equal(200);
      const headers = rateLimitHeaders(served);
      expect(headers).to.deep.include({ limit: String(LIMIT), remaining: String(LIMIT - sent) });
      expect(headers.reset).to.be.within(1, 600);
    }

    const refused = await stack.call('GET', '/v1/fleets', busy.adminToken);
    expect(refused.status).to.equal(429);
    expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(refused.body).to.include({ type: 'https://installer-jobs.dev/problems/rate-limited', status: 429, instance: '/v1/fleets' });
    expect(refused.body.title).to.be.a('string').and.not.be.empty;
    const retryAfter = refused.headers.get('retry-after');
    expect(retryAfter, 'Retry-After in whole seconds').to.match(/^\d+$/);
    expect(Number(retryAfter)).to.be.within(1, 600);
    expect(rateLimitHeaders(refused)).to.deep.include({ limit: String(LIMIT), remaining: '0' });
    expect(rateLimitHeaders(refused).reset).to.equal(Number(retryAfter));

    // A refused change does nothing: no job is created behind the 429.
    const create = await stack.call('POST', '/v1/jobs', busy.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: busy.fleetId,
      values: { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin' } },
    });
    expect(create.status).to.equal(429);
    expect(create.body.type).to.equal('https://installer-jobs.dev/problems/rate-limited');
    expect(await stack.db('jobs').where({ provider_id: busy.providerId }).count({ n: '*' })).to.deep.equal([{ n: '0' }]);

    // Another token has a window of its own.
    const other = await stack.call('GET', '/v1/fleets', calm.adminToken);
    expect(other.status, other.text).to.equal(200);
    expect(other.body.fleets.map((f: { id: string }) => f.id)).to.deep.equal([calm.fleetId]);
    expect(rateLimitHeaders(other)).to.deep.include({ limit: String(LIMIT), remaining: String(LIMIT - 1) });
    expect(other.headers.get('retry-after')).to.equal(null);
  });
});
