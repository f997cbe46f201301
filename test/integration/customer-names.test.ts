import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { maySeeFeedEvent, readFeed } from '../../db/feed';
import { principalForToken } from '../../db/tenancy';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.52, lng: 13.41 } };
const PROBLEMS = 'https://installer-jobs.dev/problems/';

/**
 * A customer is one customer however its name is typed: a customer-limited user sees, edits,
 * duplicates and imports the jobs of "Demo Stadtwerke" whether the admin wrote "demo stadtwerke",
 * "Demo Stadtwerke " or " Demo  Stadtwerke" — as the admin's ?customer= filter finds them.
 */
describe('customer names, whatever their case and blanks', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;
  let portal: string;

  before(async () => {
    stack = await startTestStack('customer names');
    demo = (await createDemoTenantIfMissing(stack.db))!;
    const added = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: 'portal@stadtwerke.example',
      role: 'provider_customer',
      customers: ['  Demo   Stadtwerke '],
    });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    expect(added.body.customers, 'kept tidy').to.deep.equal(['Demo Stadtwerke']);
    portal = added.body.token;
  });
  after(async () => stack?.stop());

  const call = (method: string, path: string, token?: string, body?: unknown) => stack.call(method, path, token, body);
  const create = (token: string, customerName?: string) =>
    call('POST', '/v1/jobs', token, { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: LOCATION, customerName });

  it("lets the customer's portal user see, list, edit and duplicate the jobs an admin made for it in any spelling", async () => {
    const ids: string[] = [];
    for (const spelling of ['demo stadtwerke', 'Demo Stadtwerke ', ' Demo  Stadtwerke']) {
      const created = await create(demo.tokens.providerAdmin, spelling);
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      expect(created.body.customerName, 'stored tidy, in the case given').to.equal(
        spelling === 'demo stadtwerke' ? spelling : 'Demo Stadtwerke',
      );
      ids.push(created.body.id);
    }
    const filtered = await call('GET', `/v1/jobs?customer=${encodeURIComponent(' DEMO stadtwerke')}`, demo.tokens.providerAdmin);
    expect(filtered.body.items.map((job: { id: string }) => job.id)).to.include.members(ids);

    const listed = await call('GET', '/v1/jobs?limit=100', portal);
    expect(listed.body.items.map((job: { id: string }) => job.id)).to.include.members(ids);
    for (const id of ids) {
      expect((await call('GET', `/v1/jobs/${id}`, portal)).status, `GET ${id}`).to.equal(200);
      const edited = await call('PATCH', `/v1/jobs/${id}`, portal, { values: { licensePlate: 'B-SW 1' } });
      expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
      const duplicate = await call('POST', `/v1/jobs/${id}/duplicate`, portal);
      expect(duplicate.status, JSON.stringify(duplicate.body)).to.equal(201);
    }
  });

  it('gives a job the portal user makes or moves their own spelling of their customer, and refuses to clear it in words', async () => {
    const created = await create(portal, ' DEMO stadtwerke ');
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.customerName).to.equal('Demo Stadtwerke');
    const other = await create(demo.tokens.providerAdmin, 'Klinikum Nord');
    const moved = await call('PATCH', `/v1/jobs/${created.body.id}`, portal, { customerName: 'demo  STADTWERKE' });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect(moved.body.customerName).to.equal('Demo Stadtwerke');
    expect((await call('GET', `/v1/jobs/${other.body.id}`, portal)).status, 'another customer stays hidden').to.equal(404);

    const cleared = await call('PATCH', `/v1/jobs/${created.body.id}`, portal, { customerName: null });
    expect(cleared.status).to.equal(422);
    expect(cleared.body.type).to.equal(`${PROBLEMS}customer-required`);
    expect(cleared.body.title).to.equal('A job of yours keeps one of your customers: its customer cannot be cleared.');
    expect(cleared.body.errors).to.deep.equal([
      { pointer: '/customerName', message: 'cannot be cleared; must be one of: Demo Stadtwerke', rule: 'required' },
    ]);
  });

  it('refuses a customer name of blanks only as it refuses an empty one, and a user given one customer twice', async () => {
    const blank = await create(demo.tokens.providerAdmin, '   ');
    expect(blank.status).to.equal(400);
    expect(blank.body.errors).to.deep.equal([
      { pointer: '/customerName', message: 'must not be empty: it holds only blanks', rule: 'minLength' },
    ]);
    const empty = await create(demo.tokens.providerAdmin, '');
    expect(empty.body.errors).to.deep.equal([{ pointer: '/customerName', message: 'must not be empty', rule: 'minLength' }]);

    const twice = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: 'twice@stadtwerke.example',
      role: 'provider_dispatcher',
      customers: ['Demo Stadtwerke', 'demo stadtwerke ', '  '],
    });
    expect(twice.status).to.equal(400);
    expect(twice.body.errors).to.deep.equal([
      { pointer: '/customers/2', message: 'must not be empty: it holds only blanks', rule: 'minLength' },
      { pointer: '/customers/1', message: 'is "Demo Stadtwerke" again: names are compared ignoring case and blanks', rule: 'uniqueItems' },
    ]);
  });

  it("imports a row for the portal user's customer in any spelling, as theirs", async () => {
    const csv = [
      'vehicleLocation,customerName',
      '"Alexanderplatz 1, Berlin", demo   stadtwerke ',
      '"Am Markt 1, Berlin",Klinikum Nord',
    ].join('\n');
    const response = await fetch(`${stack.baseUrl}/v1/jobs/import?jobTypeId=cloudboxx-install&fleetId=${demo.fleetId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${portal}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const answer = (await response.json()) as {
      created: Array<{ row: number; jobId: string }>;
      problems: Array<{ row: number; rule: string }>;
    };
    expect(response.status, JSON.stringify(answer)).to.equal(201);
    expect(answer.problems.map(({ row, rule }) => `${row} ${rule}`)).to.deep.equal(['3 customer']);
    const [imported] = answer.created;
    expect((await call('GET', `/v1/jobs/${imported!.jobId}`, portal)).body.customerName).to.equal('Demo Stadtwerke');
  });

  it('shows a job stored before names were tidied to its customer, and its events in their feed', async () => {
    const created = await create(demo.tokens.providerAdmin, 'demo stadtwerke');
    await stack.db('jobs').where({ id: created.body.id }).update({ customer_name: ' Demo Stadtwerke' });
    expect((await call('GET', `/v1/jobs/${created.body.id}`, portal)).status).to.equal(200);

    const principal = (await principalForToken(stack.db, portal))!;
    // The feed reads only rows of transactions older than any still running: give it a moment.
    let events: Awaited<ReturnType<typeof readFeed>> = [];
    for (let tries = 0; tries < 20 && !events.some((event) => event.jobId === created.body.id); tries += 1) {
      events = await readFeed(stack.db, { audience: { principal }, limit: 1000 });
      if (!events.some((event) => event.jobId === created.body.id)) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const ofJob = events.filter((event) => event.jobId === created.body.id);
    expect(ofJob.map((event) => event.type)).to.include('job.created');
    for (const event of ofJob) expect(maySeeFeedEvent(principal, event), 'the live stream agrees').to.equal(true);
  });
});
