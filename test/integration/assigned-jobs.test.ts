import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { startTestStack, type TestStack } from '../support/stack';

const PROBLEMS = 'https://installer-jobs.dev/problems/';
const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };
const DAY = 86_400_000;

/**
 * An ASSIGNED job, which its provider can no longer change (as in INVERS' portal): the company it
 * is assigned to may decline it, the provider is told so, and the company sees the job from its
 * assignment on — not what the provider did before.
 */
describe('assigned jobs: declined by the company, explained to the provider, seen from the assignment on', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('assigned jobs');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  const provider = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.providerAdmin, body);
  const installer = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.installerTechnician, body);

  async function assignedJob(): Promise<{ id: string; createdAt: string }> {
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
      customerName: 'Geheimkunde AG',
    });
    expect(created.status, created.text).to.equal(201);
    // What the provider changed before assigning: a plate, then the customer's name removed.
    expect((await provider('PATCH', `/v1/jobs/${created.body.id}`, { values: { licensePlate: 'B-IJ 1234' } })).status).to.equal(200);
    expect((await provider('PATCH', `/v1/jobs/${created.body.id}`, { customerName: null })).status).to.equal(200);
    const assigned = await provider('POST', `/v1/jobs/${created.body.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    expect(assigned.body.status).to.equal('ASSIGNED');
    return created.body;
  }

  it('lets the assigned company decline an ASSIGNED job with its reason: FAILED, no access ever opened', async () => {
    const job = await assignedJob();
    const declined = await installer('POST', `/v1/jobs/${job.id}/fail`, { reason: 'No installer free in Berlin this month.' });
    expect(declined.status, declined.text).to.equal(200);
    expect(declined.body).to.deep.include({
      status: 'FAILED',
      failureReason: 'No installer free in Berlin this month.',
      accessGrant: null,
      startedAt: null,
    });
    expect(declined.body.finishedAt).to.be.a('string');
    const events = (await provider('GET', `/v1/jobs/${job.id}/events`)).body.events;
    expect(events.at(-1)).to.deep.include({ type: 'job.failed', data: { reason: 'No installer free in Berlin this month.' } });
    expect(events.map((event: { type: string }) => event.type)).not.to.include('vehicle.call');
    // Declined, it can be made again.
    expect((await provider('POST', `/v1/jobs/${job.id}/duplicate`)).status).to.equal(201);
    expect((await installer('POST', `/v1/jobs/${job.id}/fail`, { reason: 'again' })).status, 'a finished job').to.equal(409);
  });

  it("still needs the company's reason to decline", async () => {
    const job = await assignedJob();
    const blank = await installer('POST', `/v1/jobs/${job.id}/fail`, { reason: '   ' });
    expect(blank.status).to.equal(422);
    expect(blank.body.type).to.equal(`${PROBLEMS}reason-required`);
    expect((await provider('GET', `/v1/jobs/${job.id}`)).body.status).to.equal('ASSIGNED');
  });

  it('tells the provider of an ASSIGNED job what it can still do: ask the company to decline it, or wait for its deadline', async () => {
    const job = await assignedJob();
    const startDeadline = new Date(Date.parse(job.createdAt) + 14 * DAY).toISOString().slice(0, 16);

    const fail = await provider('POST', `/v1/jobs/${job.id}/fail`, { reason: 'we made an error' });
    expect(fail.status).to.equal(403);
    expect(fail.body.type).to.equal(`${PROBLEMS}wrong-role`);
    expect(fail.body.title).to.equal(
      `This is for the installer company the job is assigned to; job ${job.id} is assigned, so its provider can no longer change it.`,
    );
    expect(fail.body.title, 'not the routes that answer 409 now').not.to.include('PATCH');
    expect(fail.body.detail)
      .to.include(`Ask the installer company to decline job ${job.id}`)
      .and.include(`POST /v1/jobs/${job.id}/fail`)
      .and.include(`it fails by itself at ${startDeadline}Z (the job type's startWithin deadline)`);

    for (const [method, path, body] of [
      ['PATCH', `/v1/jobs/${job.id}`, { customerName: 'Too late' }],
      ['DELETE', `/v1/jobs/${job.id}`, undefined],
      ['POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId }],
    ] as const) {
      const refused = await provider(method, path, body);
      expect(refused.status, `${method} ${path}`).to.equal(409);
      expect(refused.body.type).to.equal(`${PROBLEMS}wrong-status`);
      expect(refused.body.detail, `${method} ${path}`).to.include('Ask the installer company to decline').and.include(startDeadline);
    }

    // Before the assignment the 403 names the provider's own routes, as it did.
    const pending = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
    });
    const early = await provider('POST', `/v1/jobs/${pending.body.id}/fail`, { reason: 'x' });
    expect(early.status).to.equal(403);
    expect(early.body.title).to.include('through PATCH, DELETE and assign');
    expect(early.body).not.to.have.property('detail');
  });

  it("shows the company the job's events from its assignment on, the provider all of them", async () => {
    const job = await assignedJob();
    const theirs = await installer('GET', `/v1/jobs/${job.id}/events`);
    expect(theirs.status).to.equal(200);
    expect(theirs.body.events.map((event: { type: string }) => event.type)).to.deep.equal(['job.assigned']);
    expect(theirs.text, "the provider's edits and the customer it removed").not.to.include('Geheimkunde');

    await installer('POST', `/v1/jobs/${job.id}/start`);
    const later = (await installer('GET', `/v1/jobs/${job.id}/events`)).body.events.map((event: { type: string }) => event.type);
    expect(later.slice(0, 2)).to.deep.equal(['job.assigned', 'job.started']);

    const all = (await provider('GET', `/v1/jobs/${job.id}/events`)).body.events.map((event: { type: string }) => event.type);
    expect(all.slice(0, 5)).to.deep.equal(['job.created', 'job.edited', 'job.edited', 'job.assigned', 'job.started']);
  });

  it('shows a job created assigned ("Save & Assign") from its assignment on as well', async () => {
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
      installerCompanyId: demo.installerCompanyId,
    });
    expect(created.status, created.text).to.equal(201);
    const theirs = (await installer('GET', `/v1/jobs/${created.body.id}/events`)).body.events;
    expect(theirs.map((event: { type: string }) => event.type)).to.deep.equal(['job.assigned']);
  });
});
