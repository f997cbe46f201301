import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.52, lng: 13.41 } };

/** Customer-portal users and dispatchers act for the customers they are given, and no others. */
describe('dispatchers and customer-portal users limited to their customers', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('customer scoping');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  const call = (method: string, path: string, token?: string, body?: unknown) => stack.call(method, path, token, body);

  async function limitedUser(role: 'provider_dispatcher' | 'provider_customer', customers: string[]): Promise<string> {
    const added = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: `${role}-${Date.now()}-${customers.length}@demo-mobility.example`,
      role,
      customers,
    });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    return added.body.token;
  }
  const dispatcher = (customers: string[]) => limitedUser('provider_dispatcher', customers);

  // The same story for both customer-limited roles, each with customers of its own so that neither sees the other's jobs.
  for (const [role, tag] of [
    ['provider_dispatcher', 'Nord'],
    ['provider_customer', 'West'],
  ] as const) {
    it(`${role}: creates for its own customer by default, refuses others, and sees only its customers' jobs`, async () => {
      await scopedToItsCustomers((customers) => limitedUser(role, customers), tag);
    });
  }

  async function scopedToItsCustomers(addUser: (customers: string[]) => Promise<string>, tag: string): Promise<void> {
    const mine = `Stadtwerke ${tag}`;
    const theirs = `Stadtwerke Süd ${tag}`;
    const third = `Klinikum ${tag}`;
    const single = await addUser([mine]);
    const own = await call('POST', '/v1/jobs', single, { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: LOCATION });
    expect(own.status).to.equal(201);
    expect(own.body.customerName, 'the only customer is filled in').to.equal(mine);

    const foreign = await call('POST', '/v1/jobs', single, {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: LOCATION,
      customerName: theirs,
    });
    expect(foreign.status).to.equal(422);
    expect(foreign.body.type).to.equal('https://installer-jobs.dev/problems/customer-not-allowed');

    const several = await addUser([theirs, third]);
    const unnamed = await call('POST', '/v1/jobs', several, { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: LOCATION });
    expect(unnamed.body.type).to.equal('https://installer-jobs.dev/problems/customer-required');
    const other = await call('POST', '/v1/jobs', several, {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: LOCATION,
      customerName: third,
    });
    expect(other.status).to.equal(201);

    // Each sees its own; the admin sees both.
    expect((await call('GET', `/v1/jobs/${own.body.id}`, several)).status).to.equal(404);
    expect((await call('PATCH', `/v1/jobs/${own.body.id}`, several, { customerName: third })).status).to.equal(404);
    const listed = await call('GET', '/v1/jobs', single);
    expect(listed.body.items.map((j: { id: string }) => j.id)).to.deep.equal([own.body.id]);
    const moved = await call('PATCH', `/v1/jobs/${other.body.id}`, several, { customerName: mine });
    expect(moved.status, 'cannot hand a job to a customer it does not act for').to.equal(422);
    expect(moved.body.title, 'in the words of what the dispatcher did').to.equal(`You cannot edit jobs for customer "${mine}".`);
    expect(foreign.body.title).to.equal(`You cannot create jobs for customer "${theirs}".`);
    const all = await call('GET', '/v1/jobs', demo.tokens.providerAdmin);
    expect(all.body.items.map((j: { id: string }) => j.id)).to.include.members([own.body.id, other.body.id]);
    // Not a customer's own event trail either.
    expect((await call('GET', `/v1/jobs/${own.body.id}/events`, several)).status).to.equal(404);
    expect((await call('GET', `/v1/jobs/${own.body.id}/events`, single)).status).to.equal(200);
  }

  it('only a provider admin adds users, and a dispatcher needs customers', async () => {
    const single = await dispatcher(['Flughafen']);
    expect((await call('POST', '/v1/users', single, { email: 'x@demo-mobility.example', role: 'provider_admin' })).status).to.equal(403);
    const noCustomers = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: 'y@demo-mobility.example',
      role: 'provider_dispatcher',
    });
    expect(noCustomers.status).to.equal(400);
    expect(noCustomers.body.errors[0].pointer).to.equal('/customers');
  });

  it('refuses customers for a provider admin, who acts for all of them, instead of ignoring them', async () => {
    const email = `admin-${Date.now()}@demo-mobility.example`;
    const refused = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email,
      role: 'provider_admin',
      customers: ['Stadtwerke Nord'],
    });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(400);
    expect(refused.body.errors).to.deep.equal([
      { pointer: '/customers', message: 'only a provider_dispatcher or provider_customer acts for given customers', rule: 'forbidden' },
    ]);
    const admin = await call('POST', '/v1/users', demo.tokens.providerAdmin, { email, role: 'provider_admin' });
    expect(admin.status, 'the refused request created no one').to.equal(201);
    expect(admin.body).to.deep.include({ email, role: 'provider_admin', customers: null });
  });

  it('names the customers rule in its own words beside every other problem of the request', async () => {
    const refused = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: 'not an address',
      role: 'provider_customer',
    });
    expect(refused.status, JSON.stringify(refused.body)).to.equal(400);
    expect(refused.body.errors).to.deep.equal([
      { pointer: '/customers', message: 'is required for a customer-portal user', rule: 'required' },
      { pointer: '/email', message: 'must match format "email"', rule: 'format' },
    ]);
    const none = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: 'nobody@demo-mobility.example',
      role: 'provider_dispatcher',
      customers: [],
    });
    expect(none.body.errors, 'given, but none: the list is too short, not missing').to.deep.equal([
      { pointer: '/customers', message: 'must NOT have fewer than 1 items', rule: 'minItems' },
    ]);
  });
  it('names only the role when it is missing or not a provider role, not the customers rule that hangs on it', async () => {
    const wrongRole = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: 'r1@demo-mobility.example',
      role: 'installer_admin',
    });
    expect(wrongRole.status, JSON.stringify(wrongRole.body)).to.equal(400);
    expect(wrongRole.body.errors).to.deep.equal([
      { pointer: '/role', message: 'must be one of: provider_admin, provider_dispatcher, provider_customer', rule: 'enum' },
    ]);
    const noRole = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: 'r2@demo-mobility.example',
      customers: ['Klinikum'],
    });
    expect(noRole.status, JSON.stringify(noRole.body)).to.equal(400);
    expect(noRole.body.errors).to.deep.equal([{ pointer: '/role', message: 'is required', rule: 'required' }]);
  });

  it('lets a provider admin list its people and remove one who left, whose token then stops working', async () => {
    const email = `leaver-${Date.now()}@demo-mobility.example`;
    const added = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email,
      role: 'provider_dispatcher',
      customers: ['Klinikum', 'Bahnhof'],
    });
    const created = await call('POST', '/v1/jobs', added.body.token, {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: LOCATION,
      customerName: 'Klinikum',
    });
    expect(created.status).to.equal(201);

    const listed = await call('GET', '/v1/users', demo.tokens.providerAdmin);
    expect(listed.status, JSON.stringify(listed.body)).to.equal(200);
    expect(listed.body.users.find((user: { id: string }) => user.id === added.body.userId)).to.deep.include({
      email,
      role: 'provider_dispatcher',
      customers: ['Bahnhof', 'Klinikum'],
    });
    expect(listed.body.users.find((user: { id: string }) => user.id === demo.userIds.providerAdmin)).to.include({
      role: 'provider_admin',
      customers: null,
    });
    expect(
      listed.body.users.map((user: { role: string }) => user.role),
      "no installer in a provider's list",
    ).to.not.include('installer_technician');
    expect((await call('GET', '/v1/users', added.body.token)).status, 'a dispatcher sees no user list').to.equal(403);

    expect((await call('DELETE', `/v1/users/${added.body.userId}`, added.body.token)).status, 'a dispatcher removes no one').to.equal(403);
    expect((await call('DELETE', `/v1/users/${added.body.userId}`, demo.tokens.providerAdmin)).status).to.equal(204);
    expect((await call('GET', '/v1/jobs', added.body.token)).status, 'the token of someone removed').to.equal(401);
    expect((await call('DELETE', `/v1/users/${added.body.userId}`, demo.tokens.providerAdmin)).status, 'gone already').to.equal(404);
    const adminEmail = listed.body.users.find((user: { id: string }) => user.id === demo.userIds.providerAdmin).email as string;
    const twice = await call('POST', '/v1/users', demo.tokens.providerAdmin, { email: adminEmail.toUpperCase(), role: 'provider_admin' });
    expect(twice.status, 'an address with an account').to.equal(409);
    expect(twice.body.errors).to.deep.equal([{ pointer: '/email', message: 'already has an account', rule: 'unique' }]);
    expect(twice.body.type).to.equal('https://installer-jobs.dev/problems/email-taken');
    expect(
      (await call('DELETE', `/v1/users/${demo.userIds.installerTechnician}`, demo.tokens.providerAdmin)).status,
      "not one of the provider's people",
    ).to.equal(404);
    expect((await call('DELETE', '/v1/users/not-a-uuid', demo.tokens.providerAdmin)).status).to.equal(404);

    const trail = await call('GET', `/v1/jobs/${created.body.id}/events`, demo.tokens.providerAdmin);
    expect(trail.body.events[0].actor, 'what they did stays on record').to.include({ userId: added.body.userId, email });
    const job = await call('GET', `/v1/jobs/${created.body.id}`, demo.tokens.providerAdmin);
    expect(job.status, 'their jobs stay').to.equal(200);

    const self = await call('DELETE', `/v1/users/${demo.userIds.providerAdmin}`, demo.tokens.providerAdmin);
    expect(self.status).to.equal(409);
    expect(self.body.type).to.equal('https://installer-jobs.dev/problems/cannot-remove-yourself');
  });
});
