// Webhooks on the real stack: the API, the worker's dispatcher and delivery workflows, and real
// HTTP receivers in the test that check each delivery with the published standardwebhooks library.
import { expect } from 'chai';
import { Webhook } from 'standardwebhooks';
import { compareFeedCursors } from '../../db/feed';
import { startTestStack, type TestStack } from '../support/stack';
import { providerWithInvitedCompany } from '../support/tenants';
import { startWebhookReceiver, type Answer, type WebhookReceiver } from '../support/webhook-receiver';

const LOCATION = { vehicleLocation: { text: 'Marienplatz 1, München' } };
const ALL_TYPES = [
  'job.created',
  'job.assigned',
  'job.started',
  'step.completed',
  'job.succeeded',
  'job.failed',
  'job.deleted',
  'vehicle.secured',
];

describe('webhooks', function () {
  this.timeout(120_000);
  let stack: TestStack;
  const receivers: WebhookReceiver[] = [];

  before(async () => {
    // Short times, so that retries and giving up happen within a test.
    stack = await startTestStack('webhooks', { webhooks: { timeoutMs: 1_000, retry: { delaysMs: [500], giveUpAfterMs: 5_000 } } });
  });
  after(async () => {
    for (const receiver of receivers) await receiver.close();
    await stack?.stop();
  });

  async function receiver(answer?: (request: { payload: { type: string } }, index: number) => Answer) {
    const started = await startWebhookReceiver(answer);
    receivers.push(started);
    return started;
  }

  const tenant = (name: string) => providerWithInvitedCompany(stack.db, name);

  async function register(token: string, url: string, eventTypes: string[]) {
    const answer = await stack.call('POST', '/v1/webhooks', token, { url, eventTypes });
    expect(answer.status, answer.text).to.equal(201);
    return answer.body as { id: string; secret: string };
  }

  /** Save & Assign: job.created, then job.assigned, of one job. */
  async function assignedJob(t: Awaited<ReturnType<typeof tenant>>): Promise<string> {
    const created = await stack.call('POST', '/v1/jobs', t.provider.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: t.provider.fleetId,
      installerCompanyId: t.company.companyId,
      values: LOCATION,
    });
    expect(created.status, created.text).to.equal(201);
    return created.body.id;
  }

  async function deliveries(token: string, webhookId: string) {
    const answer = await stack.call('GET', `/v1/webhooks/${webhookId}/deliveries`, token);
    expect(answer.status, answer.text).to.equal(200);
    return answer.body.items as Array<{ id: string; type: string; status: string; attempts: number; lastStatusCode: number | null }>;
  }

  async function eventually<T>(what: string, read: () => Promise<T>, holds: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (holds(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it("signs every delivery as Standard Webhooks says, and sends a tenant's events to its own endpoints only", async () => {
    const ours = await tenant('ours');
    const theirs = await tenant('theirs');
    const providerHooks = await receiver();
    const companyHooks = await receiver();
    const strangerHooks = await receiver();
    const providerEndpoint = await register(ours.provider.adminToken, providerHooks.url, ALL_TYPES);
    const companyEndpoint = await register(ours.company.adminToken, companyHooks.url, ['job.assigned', 'job.started']);
    await register(theirs.provider.adminToken, strangerHooks.url, ALL_TYPES);
    // All a company can receive (job.created and job.deleted happen before any assignment).
    await register(
      theirs.company.adminToken,
      strangerHooks.url,
      ALL_TYPES.filter((type) => type !== 'job.created' && type !== 'job.deleted'),
    );

    const jobId = await assignedJob(ours);
    const started = await stack.call('POST', `/v1/jobs/${jobId}/start`, ours.company.adminToken);
    expect(started.status, started.text).to.equal(200);

    const toProvider = await providerHooks.until(3);
    const toCompany = await companyHooks.until(2);
    expect(toProvider.map((hook) => hook.payload.type)).to.deep.equal(['job.created', 'job.assigned', 'job.started']);
    expect(toCompany.map((hook) => hook.payload.type)).to.deep.equal(['job.assigned', 'job.started']);
    for (const [hooks, secret] of [
      [toProvider, providerEndpoint.secret],
      [toCompany, companyEndpoint.secret],
    ] as const)
      for (const hook of hooks) {
        // The library checks the signature over id.timestamp.body, and that the timestamp is recent.
        expect(new Webhook(secret).verify(hook.body, hook.headers)).to.deep.equal(hook.payload);
        expect(hook.headers['webhook-id']).to.match(/^msg_[0-9a-f-]{36}$/);
        expect(hook.payload.data.jobId).to.equal(jobId);
      }
    expect(
      () => new Webhook(companyEndpoint.secret).verify(toProvider[0]!.body, toProvider[0]!.headers),
      "another endpoint's secret",
    ).to.throw();
    // Ids and the event, not the job: no values, no access grant.
    expect(toProvider[0]!.payload.data).to.deep.equal({ jobId, jobType: toProvider[0]!.payload.data.jobType });
    expect(toProvider[1]!.payload.data).to.deep.equal({ jobId, installerCompanyId: ours.company.companyId });
    expect(toProvider[2]!.payload.data).to.deep.equal({ jobId });

    // Anything else fanned out by now would have been sent by now too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(strangerHooks.received, "another tenant's endpoints").to.deep.equal([]);
    expect(providerHooks.received).to.have.length(3);
  });

  it("retries after a 500 and after a timeout under the same webhook-id, and keeps a job's deliveries in order", async () => {
    const t = await tenant('retries');
    // The first attempt fails with 500, the second gets no answer in time; then everything is taken.
    const hooks = await receiver((_, index) => (index === 0 ? 500 : index === 1 ? 'hang' : 204));
    const endpoint = await register(t.provider.adminToken, hooks.url, ['job.created', 'job.assigned']);
    const jobId = await assignedJob(t);

    const received = await hooks.until(4);
    expect(
      received.map((hook) => hook.payload.type),
      'job.assigned waits until job.created is through',
    ).to.deep.equal(['job.created', 'job.created', 'job.created', 'job.assigned']);
    const ids = received.map((hook) => hook.headers['webhook-id']);
    expect(new Set(ids.slice(0, 3)).size, 'one webhook-id for every attempt').to.equal(1);
    expect(ids[3]).not.to.equal(ids[0]);
    expect(received[2]!.body, 'the same bytes on every attempt').to.equal(received[0]!.body);
    expect(received[1]!.at - received[0]!.at, 'the retry waits its backoff').to.be.at.least(400);

    const listed = await eventually(
      'both delivered',
      () => deliveries(t.provider.adminToken, endpoint.id),
      (items) => items.every((item) => item.status === 'delivered'),
    );
    expect(listed.map(({ type, attempts, lastStatusCode }) => ({ type, attempts, lastStatusCode }))).to.deep.equal([
      { type: 'job.assigned', attempts: 1, lastStatusCode: 204 },
      { type: 'job.created', attempts: 3, lastStatusCode: 204 },
    ]);
    expect(received.every((hook) => hook.payload.data.jobId === jobId)).to.equal(true);
  });

  it('marks a delivery failed after the stated time, lets its job go on, and sends it again by hand', async () => {
    const t = await tenant('gives-up');
    let down = true;
    const hooks = await receiver((hook) => (down && hook.payload.type === 'job.created' ? 503 : 204));
    const endpoint = await register(t.provider.adminToken, hooks.url, ['job.created', 'job.assigned']);
    await assignedJob(t);

    const failed = await eventually(
      'job.created failed, job.assigned delivered after it',
      () => deliveries(t.provider.adminToken, endpoint.id),
      (items) => items.length === 2 && items[1]!.status === 'failed' && items[0]!.status === 'delivered',
    );
    expect(failed[1]).to.include({ type: 'job.created', lastStatusCode: 503 });
    expect(failed[1]!.attempts).to.be.at.least(2);
    const attemptsBefore = hooks.received.length;

    down = false;
    const redelivered = await stack.call(
      'POST',
      `/v1/webhooks/${endpoint.id}/deliveries/${failed[1]!.id}/redeliver`,
      t.provider.adminToken,
    );
    expect(redelivered.status, redelivered.text).to.equal(200);
    expect(redelivered.body).to.include({ status: 'pending', attempts: 0 });
    const received = await hooks.until(attemptsBefore + 1);
    expect(received.at(-1)!.headers['webhook-id']).to.equal(`msg_${failed[1]!.id}`);
    await eventually(
      'delivered by hand',
      () => deliveries(t.provider.adminToken, endpoint.id),
      (items) => items[1]!.status === 'delivered',
    );
  });

  it('keeps what happens while paused and sends it once resumed; a rotated secret signs beside the old one', async () => {
    const t = await tenant('paused');
    const hooks = await receiver();
    const endpoint = await register(t.provider.adminToken, hooks.url, ['job.created']);
    const paused = await stack.call('PATCH', `/v1/webhooks/${endpoint.id}`, t.provider.adminToken, { paused: true });
    expect(paused.body).to.include({ paused: true });
    await assignedJob(t);
    await eventually(
      'recorded',
      () => deliveries(t.provider.adminToken, endpoint.id),
      (items) => items.length === 1,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(hooks.received, 'nothing sent while paused').to.deep.equal([]);

    const rotated = await stack.call('POST', `/v1/webhooks/${endpoint.id}/secret`, t.provider.adminToken);
    expect(rotated.status, rotated.text).to.equal(200);
    expect(rotated.body.secret)
      .to.match(/^whsec_/)
      .and.not.equal(endpoint.secret);
    const resumed = await stack.call('PATCH', `/v1/webhooks/${endpoint.id}`, t.provider.adminToken, { paused: false });
    expect(resumed.body).to.include({ paused: false, pausedAt: null });

    const [hook] = await hooks.until(1);
    expect(hook!.headers['webhook-signature']!.split(' ')).to.have.length(2);
    for (const secret of [rotated.body.secret, endpoint.secret])
      expect(new Webhook(secret).verify(hook!.body, hook!.headers)).to.be.an('object');
  });

  it('gives a new endpoint only what happened after it was registered, however late the dispatcher reads', async () => {
    const t = await tenant('late');
    const dispatched = async () => ((await stack.db('webhook_dispatch_cursor').first('cursor')) as { cursor: string | null }).cursor;
    const behind = await dispatched();
    const earlier = await assignedJob(t);
    const [{ last }] = await stack.db('feed_events').where({ job_id: earlier }).select(stack.db.raw("max(tx::text || '-' || id) as last"));
    await eventually(
      'the earlier job read by the dispatcher',
      dispatched,
      (cursor) => cursor !== null && compareFeedCursors(cursor, last) >= 0,
    );

    const hooks = await receiver();
    await register(t.provider.adminToken, hooks.url, ['job.created']);
    // As if the dispatcher were behind (no worker ran for a while): it reads the earlier job's events again.
    await stack.db('webhook_dispatch_cursor').update({ cursor: behind });
    const later = await assignedJob(t);

    const [hook] = await hooks.until(1);
    expect((hook!.payload as unknown as { data: { jobId: string } }).data.jobId).to.equal(later);
    await eventually('the dispatcher past the later job', dispatched, (cursor) => cursor !== behind);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(hooks.received, 'nothing of the job created before the endpoint').to.have.length(1);
  });
});
