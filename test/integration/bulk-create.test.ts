import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { boundedMap, startJobs } from '../../api/jobs/create-jobs';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };

describe('creating jobs in bulk (POST /v1/jobs with count)', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('bulk create');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  const body = (extra: Record<string, unknown>) => ({
    jobTypeId: 'cloudboxx-install',
    fleetId: demo.fleetId,
    values: { vehicleLocation: LOCATION },
    ...extra,
  });
  const jobCount = async (customerName: string) =>
    Number((await stack.db('jobs').where({ customer_name: customerName }).count({ n: '*' }))[0]!.n);

  it('saves and assigns more than the 100 jobs it once allowed, and lists every one', async () => {
    const created = await stack.call(
      'POST',
      '/v1/jobs',
      demo.tokens.providerAdmin,
      body({ count: 110, customerName: 'Bulk AG', installerCompanyId: demo.installerCompanyId }),
    );
    expect(created.status, created.text.slice(0, 500)).to.equal(201);
    const ids = created.body.items.map((job: { id: string }) => job.id);
    expect(new Set(ids).size).to.equal(110);
    for (const job of created.body.items) expect(job).to.deep.include({ status: 'ASSIGNED', installerCompanyId: demo.installerCompanyId });
    expect(await jobCount('Bulk AG')).to.equal(110);
  });

  it('takes at most 1 000 at a time', async () => {
    const refused = await stack.call('POST', '/v1/jobs', demo.tokens.providerAdmin, body({ count: 1001 }));
    expect(refused.status).to.equal(400);
    expect(refused.body.errors).to.deep.equal([{ pointer: '/count', message: 'must be <= 1000', rule: 'maximum' }]);
  });

  it('finishes, when retried with the same Idempotency-Key, what a first attempt began: 3 of 5 jobs started, the retry starts 2', async () => {
    const key = `bulk-${Date.now()}`;
    // What the first attempt did before it failed: the first 3 jobs, under the ids the request's key gives them
    // (api/idempotency.ts names a request by its caller's scope and key).
    const requestKey = createHash('sha256').update(`user:${demo.userIds.providerAdmin}\0${key}`).digest('base64url');
    const jobType = stack.jobTypes.get('cloudboxx-install')!;
    const actor = { kind: 'user' as const, userId: demo.userIds.providerAdmin, organisationId: demo.providerId, role: 'provider_admin' };
    const begun = await startJobs(
      { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue },
      { jobType, fleetId: demo.fleetId, actor, actorEmail: 'admin@demo-mobility.example', requestKey },
      [0, 1, 2].map((index) => ({ index, job: { values: { vehicleLocation: LOCATION }, customerName: 'Retry KG' } })),
    );
    expect(await jobCount('Retry KG')).to.equal(3);

    const retried = await stack.call('POST', '/v1/jobs', demo.tokens.providerAdmin, body({ count: 5, customerName: 'Retry KG' }), {
      'idempotency-key': key,
    });
    expect(retried.status, retried.text.slice(0, 500)).to.equal(201);
    const ids: string[] = retried.body.items.map((job: { id: string }) => job.id);
    expect(ids.slice(0, 3), 'the jobs the first attempt started').to.deep.equal(begun);
    expect(new Set(ids).size).to.equal(5);
    expect(await jobCount('Retry KG'), 'two more, none twice').to.equal(5);
  });
});

describe('boundedMap, which starts the jobs of one request', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

  it('runs at most `limit` at once and answers in the order given', async () => {
    let running = 0;
    let most = 0;
    const results = await boundedMap([5, 1, 4, 2, 3, 0, 6], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      for (let i = 0; i < n; i += 1) await tick();
      running -= 1;
      return n * 10;
    });
    expect(results).to.deep.equal([50, 10, 40, 20, 30, 0, 60]);
    expect(most).to.equal(3);
  });

  it('starts nothing after a failure, waits for what runs, and throws the first failure', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const attempt = boundedMap([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await tick();
      if (n === 1) throw new Error('job 1 failed');
      for (let i = 0; i < 3; i += 1) await tick();
      finished.push(n);
    });
    let error: unknown;
    await attempt.catch((caught: unknown) => (error = caught));
    expect((error as Error).message).to.equal('job 1 failed');
    expect(started).to.deep.equal([0, 1]);
    expect(finished, 'the one in flight finished before the failure was thrown').to.deep.equal([0]);
  });
});
