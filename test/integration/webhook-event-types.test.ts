// Which events webhooks deliver, to whom, on the real stack: a car left unsecured at a job's end is
// told to the provider's and the company's endpoints; a type an organisation can never receive is
// refused when an endpoint subscribes to it.
import { expect } from 'chai';
import { recordJobEvents } from '../../db/jobs';
import { createWebhookEndpoint } from '../../db/webhook-endpoints';
import { SecretSealer } from '../../webhooks/secret-sealing';
import { WEBHOOK_EVENT_TYPES } from '../../webhooks/event-types';
import { startTestStack, type TestStack } from '../support/stack';
import { providerWithInvitedCompany } from '../support/tenants';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/** A box no vehicle in the simulated OneAPI carries: securing the vehicle at the job's end cannot reach it. */
const NOWHERE_QNR = 'FEEDFACE00000000';

describe('webhook event types', function () {
  this.timeout(120_000);
  let stack: TestStack;
  const receivers: WebhookReceiver[] = [];

  before(async () => {
    stack = await startTestStack('webhook event types');
  });
  after(async () => {
    for (const receiver of receivers) await receiver.close();
    await stack?.stop();
  });

  async function receiver() {
    const started = await startWebhookReceiver();
    receivers.push(started);
    return started;
  }

  const tenant = (name: string) => providerWithInvitedCompany(stack.db, name);

  async function register(token: string, url: string, eventTypes: readonly string[]) {
    const answer = await stack.call('POST', '/v1/webhooks', token, { url, eventTypes });
    expect(answer.status, answer.text).to.equal(201);
    return answer.body as { id: string };
  }

  it("tells the provider's and the company's endpoints, and only theirs, of a car left unsecured and of securing overdue", async () => {
    const ours = await tenant('unsecured');
    const theirs = await tenant('stranger');
    const providerHooks = await receiver();
    const companyHooks = await receiver();
    const strangerHooks = await receiver();
    const alerts = ['vehicle.secured', 'vehicle.not-secured', 'vehicle.securing.overdue'];
    await register(ours.provider.adminToken, providerHooks.url, alerts);
    await register(ours.company.adminToken, companyHooks.url, alerts);
    await register(theirs.provider.adminToken, strangerHooks.url, alerts);
    await register(theirs.company.adminToken, strangerHooks.url, alerts);

    // The box is known from the start; the job ends while the vehicle cannot be reached through it.
    const created = await stack.call('POST', '/v1/jobs', ours.provider.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: ours.provider.fleetId,
      installerCompanyId: ours.company.companyId,
      values: { vehicleLocation: { text: 'Marienplatz 1, München' }, boxQnr: NOWHERE_QNR },
    });
    expect(created.status, created.text).to.equal(201);
    const jobId: string = created.body.id;
    const started = await stack.call('POST', `/v1/jobs/${jobId}/start`, ours.company.adminToken);
    expect(started.status, started.text).to.equal(200);
    const failed = await stack.call('POST', `/v1/jobs/${jobId}/fail`, ours.company.adminToken, { reason: 'No box in the car.' });
    expect(failed.status, failed.text).to.equal(200);

    const [toProvider] = await providerHooks.until(1);
    const [toCompany] = await companyHooks.until(1);
    for (const hook of [toProvider!, toCompany!]) {
      expect(hook.payload.type).to.equal('vehicle.not-secured');
      expect(hook.payload.data).to.have.keys('jobId', 'state', 'detail');
      expect(hook.payload.data).to.include({ jobId, state: 'notSecured' });
      expect(hook.payload.data.detail).to.match(new RegExp(`^No vehicle in OneAPI carries CloudBoxx ${NOWHERE_QNR}, so it could not be`));
    }

    // The alert after 15 minutes without an answer, as the workflow records it (no test waits that long).
    await recordJobEvents(stack.db, jobId, [
      {
        key: 'test:overdue',
        type: 'vehicle.securing.overdue',
        actor: { kind: 'system', reason: 'access ended' },
        data: { qnr: NOWHERE_QNR, after: '15 minutes' },
        occurredAt: new Date().toISOString(),
      },
    ]);
    for (const hooks of [providerHooks, companyHooks]) {
      const [, overdue] = await hooks.until(2);
      expect(overdue!.payload).to.deep.include({
        type: 'vehicle.securing.overdue',
        data: { jobId, qnr: NOWHERE_QNR, after: '15 minutes' },
      });
    }

    // Anything else fanned out by now would have been sent by now too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(strangerHooks.received, "another tenant's endpoints").to.deep.equal([]);
    expect(providerHooks.received).to.have.length(2);
    expect(companyHooks.received).to.have.length(2);
  });

  it("refuses to subscribe an installer company's endpoint to what it can never receive, naming the type and why", async () => {
    const t = await tenant('receivable');
    const hooks = await receiver();
    const companyCan = WEBHOOK_EVENT_TYPES.filter((type) => !['job.created', 'job.deleted', 'invitation.declined'].includes(type));
    await register(t.provider.adminToken, hooks.url, WEBHOOK_EVENT_TYPES);
    const endpoint = await register(t.company.adminToken, hooks.url, companyCan);

    const refused = await stack.call('POST', '/v1/webhooks', t.company.adminToken, {
      url: hooks.url,
      eventTypes: ['job.assigned', 'job.created', 'invitation.declined'],
    });
    expect(refused.status, refused.text).to.equal(422);
    expect(refused.body.type).to.equal('https://installer-jobs.dev/problems/event-type-not-receivable');
    expect(refused.body.errors).to.deep.equal([
      {
        pointer: '/eventTypes/1',
        message: "an installer company's endpoint never receives job.created: a job is created before it is assigned to a company",
        rule: 'receivable',
      },
      {
        pointer: '/eventTypes/2',
        message: "an installer company's endpoint never receives invitation.declined: a declined invitation names no company",
        rule: 'receivable',
      },
    ]);
    const changed = await stack.call('PATCH', `/v1/webhooks/${endpoint.id}`, t.company.adminToken, { eventTypes: ['job.deleted'] });
    expect(changed.status, changed.text).to.equal(422);
    expect(changed.body.errors.map((error: { pointer: string }) => error.pointer)).to.deep.equal(['/eventTypes/0']);

    // An endpoint subscribed before the rule keeps working: what does not touch its types is taken.
    const { endpoint: older } = await createWebhookEndpoint(stack.db, new SecretSealer(), {
      organisationId: t.company.companyId,
      url: hooks.url,
      eventTypes: ['job.created', 'job.assigned'],
      createdBy: t.company.adminUserId,
    });
    const paused = await stack.call('PATCH', `/v1/webhooks/${older.id}`, t.company.adminToken, { paused: true, description: 'kept' });
    expect(paused.status, paused.text).to.equal(200);
    expect(paused.body.eventTypes).to.deep.equal(['job.created', 'job.assigned']);
  });
});
