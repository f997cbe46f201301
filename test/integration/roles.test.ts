import { expect } from 'chai';
import { answerCheck } from '../../api/openapi/answer-check';
import { DEMO_CUSTOMER_NAME, createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { startTestStack, type ApiAnswer, type TestStack } from '../support/stack';

const PROBLEMS = 'https://installer-jobs.dev/problems/';
const LOCATION = { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.52, lng: 13.41 } };
const ASSIGNS = 'A customer-portal user does not assign jobs to installer companies: a dispatcher or admin of the provider assigns.';

const asDocumented = answerCheck();

/**
 * The provider's three roles: an admin does everything; a dispatcher (provider staff) and a
 * customer-portal user (the customer itself) act for their customers only, and of the two only
 * the dispatcher assigns jobs to an installer company.
 */
describe('provider roles: admin, dispatcher, customer portal', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('provider roles');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  const call = (method: string, path: string, token?: string, body?: unknown) => stack.call(method, path, token, body);
  const jobCount = async () => Number((await stack.db('jobs').count({ n: '*' }))[0]!.n);

  async function user(role: 'provider_dispatcher' | 'provider_customer', customers: string[]): Promise<{ userId: string; token: string }> {
    const added = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: `${role}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@roles.example`,
      role,
      customers,
    });
    expect(added.status, added.text).to.equal(201);
    return added.body;
  }

  const create = (token: string, extra: Record<string, unknown> = {}) =>
    call('POST', '/v1/jobs', token, { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: LOCATION, ...extra });

  /** POST /v1/jobs/import with a CSV body, held to the OpenAPI document like every other answer. */
  async function importCsv(token: string, csv: string, query = ''): Promise<ApiAnswer> {
    const path = `/v1/jobs/import?jobTypeId=cloudboxx-install&fleetId=${demo.fleetId}${query}`;
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    const mismatch = asDocumented({
      method: 'post',
      path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      body,
    });
    if (mismatch) throw new Error(`${mismatch}\n${text.slice(0, 2000)}`);
    return { status: response.status, headers: response.headers, text, body };
  }

  function expectCannotAssign(answer: ApiAnswer, pointers: string[]): void {
    expect(answer.status, answer.text).to.equal(403);
    expect(answer.body).to.include({ type: `${PROBLEMS}wrong-role`, title: ASSIGNS });
    expect((answer.body.errors ?? []).map((error: { pointer: string }) => error.pointer)).to.deep.equal(pointers);
    for (const error of answer.body.errors ?? []) expect(error, 'names the rule').to.include({ rule: 'role' });
  }

  it('lets a provider admin add a customer-portal user, who needs customers, and no one else add anyone', async () => {
    const noCustomers = await call('POST', '/v1/users', demo.tokens.providerAdmin, {
      email: `portal-${Date.now()}@roles.example`,
      role: 'provider_customer',
    });
    expect(noCustomers.status, noCustomers.text).to.equal(400);
    expect(noCustomers.body.errors).to.deep.equal([
      { pointer: '/customers', message: 'is required for a customer-portal user', rule: 'required' },
    ]);

    const email = `portal-${Date.now()}@roles.example`;
    const added = await call('POST', '/v1/users', demo.tokens.providerAdmin, { email, role: 'provider_customer', customers: ['Klinikum'] });
    expect(added.status, added.text).to.equal(201);
    expect(added.body).to.deep.include({ email, role: 'provider_customer', customers: ['Klinikum'] });
    const listed = await call('GET', '/v1/users', demo.tokens.providerAdmin);
    expect(listed.body.users.find((u: { id: string }) => u.id === added.body.userId)).to.deep.include({
      role: 'provider_customer',
      customers: ['Klinikum'],
    });
    expect(
      listed.body.users.find((u: { id: string }) => u.id === demo.userIds.customerPortal),
      'the demo tenant has one',
    ).to.deep.include({
      role: 'provider_customer',
      customers: [DEMO_CUSTOMER_NAME],
    });

    const dispatcher = await user('provider_dispatcher', ['Klinikum']);
    for (const [who, token] of [
      ['a dispatcher', dispatcher.token],
      ['a customer-portal user', added.body.token],
    ] as const) {
      for (const role of ['provider_admin', 'provider_dispatcher', 'provider_customer']) {
        const refused = await call('POST', '/v1/users', token, {
          email: `x-${Date.now()}@roles.example`,
          role,
          ...(role === 'provider_admin' ? {} : { customers: ['Klinikum'] }),
        });
        expect(refused.status, `${who} adds a ${role}`).to.equal(403);
        expect(refused.body.type).to.equal(`${PROBLEMS}wrong-role`);
      }
      expect((await call('GET', '/v1/users', token)).status, `${who} lists users`).to.equal(403);
      expect((await call('DELETE', `/v1/users/${dispatcher.userId}`, token)).status, `${who} removes a user`).to.equal(403);
    }
    expect(await stack.db('users').where({ id: dispatcher.userId }).first('id'), 'still there').to.deep.equal({ id: dispatcher.userId });
  });

  it("lets a customer-portal user create, edit, duplicate, delete and follow its customers' PENDING jobs, and no others", async () => {
    const portal = demo.tokens.customerPortal;
    const own = await create(portal);
    expect(own.status, own.text).to.equal(201);
    expect(own.body).to.include({ status: 'PENDING', customerName: DEMO_CUSTOMER_NAME, installerCompanyId: null });

    const foreign = await create(portal, { customerName: 'Klinikum' });
    expect(foreign.status, foreign.text).to.equal(422);
    expect(foreign.body.type).to.equal(`${PROBLEMS}customer-not-allowed`);

    const edited = await call('PATCH', `/v1/jobs/${own.body.id}`, portal, { requestedStartAt: '2026-12-03T08:00:00Z' });
    expect(edited.status, edited.text).to.equal(200);
    expect(edited.body.requestedStartAt).to.equal('2026-12-03T08:00:00.000Z');
    const moved = await call('PATCH', `/v1/jobs/${own.body.id}`, portal, { customerName: 'Klinikum' });
    expect(moved.status, 'not to a customer it does not act for').to.equal(422);

    const copy = await call('POST', `/v1/jobs/${own.body.id}/duplicate`, portal);
    expect(copy.status, copy.text).to.equal(201);
    expect(copy.body).to.include({ status: 'PENDING', customerName: DEMO_CUSTOMER_NAME });
    expect((await call('DELETE', `/v1/jobs/${copy.body.id}`, portal)).status).to.equal(204);
    expect((await call('GET', `/v1/jobs/${copy.body.id}`, portal)).status, 'deleted').to.equal(404);

    // Another customer's job is none of its business; its own it follows in the list and the events.
    const others = await create(demo.tokens.providerAdmin, { customerName: 'Klinikum' });
    expect(others.status, others.text).to.equal(201);
    expect((await call('GET', `/v1/jobs/${others.body.id}`, portal)).status).to.equal(404);
    expect((await call('PATCH', `/v1/jobs/${others.body.id}`, portal, { requestedStartAt: null })).status).to.equal(404);
    expect((await call('DELETE', `/v1/jobs/${others.body.id}`, portal)).status).to.equal(404);
    expect((await call('POST', `/v1/jobs/${others.body.id}/duplicate`, portal)).status).to.equal(404);
    const listed = await call('GET', '/v1/jobs?limit=100', portal);
    const ids = listed.body.items.map((job: { id: string }) => job.id);
    expect(ids).to.include(own.body.id);
    expect(ids).not.to.include(others.body.id);
    expect(listed.body.items.every((job: { customerName: string }) => job.customerName === DEMO_CUSTOMER_NAME)).to.equal(true);

    // Once the provider has assigned it, the job is frozen for the customer as for anyone.
    const assigned = await call('POST', `/v1/jobs/${own.body.id}/assign`, demo.tokens.providerAdmin, {
      installerCompanyId: demo.installerCompanyId,
    });
    expect(assigned.status, assigned.text).to.equal(200);
    const late = await call('PATCH', `/v1/jobs/${own.body.id}`, portal, { requestedStartAt: null });
    expect(late.status, late.text).to.equal(409);
    expect(late.body.type).to.equal(`${PROBLEMS}wrong-status`);
    expect((await call('DELETE', `/v1/jobs/${own.body.id}`, portal)).status).to.equal(409);
    const followed = await call('GET', `/v1/jobs/${own.body.id}`, portal);
    expect(followed.body).to.include({ status: 'ASSIGNED', installerCompanyId: demo.installerCompanyId });
    const events = await call('GET', `/v1/jobs/${own.body.id}/events`, portal);
    expect(events.status).to.equal(200);
    expect(events.body.events[0].actor).to.include({ role: 'provider_customer', userId: demo.userIds.customerPortal });
    expect(events.body.events.map((event: { type: string }) => event.type)).to.include('job.assigned');
  });

  it('refuses a customer-portal user every way of assigning, changing nothing; a dispatcher of its customers assigns', async () => {
    const portal = await user('provider_customer', ['Bahnhof']);
    const dispatcher = await user('provider_dispatcher', ['Bahnhof']);
    const before = await jobCount();

    expectCannotAssign(await create(portal.token, { installerCompanyId: demo.installerCompanyId }), ['/installerCompanyId']);
    expectCannotAssign(await create(portal.token, { installerCompanyId: demo.installerCompanyId, count: 3 }), ['/installerCompanyId']);
    const csv = (company: string) =>
      [
        'vehicleLocation,installerCompanyId',
        `Alexanderplatz 1 Berlin,${company}`,
        'Unter den Linden 5 Berlin,',
        `Potsdamer Platz 1,x`,
      ].join('\n');
    const rows = ['/rows/2/installerCompanyId', '/rows/4/installerCompanyId'];
    expectCannotAssign(await importCsv(portal.token, csv(demo.installerCompanyId)), rows);
    expectCannotAssign(await importCsv(portal.token, csv(demo.installerCompanyId), '&dryRun=true'), rows);
    expect(await jobCount(), 'nothing created').to.equal(before);

    const pending = await create(portal.token);
    expect(pending.status, pending.text).to.equal(201);
    expectCannotAssign(
      await call('POST', `/v1/jobs/${pending.body.id}/assign`, portal.token, { installerCompanyId: demo.installerCompanyId }),
      [],
    );
    expect(await stack.db('jobs').where({ id: pending.body.id }).first('status', 'installer_company_id')).to.deep.equal({
      status: 'PENDING',
      installer_company_id: null,
    });
    // An empty installerCompanyId column asks for nothing: the rows are created, unassigned.
    const unassigned = await importCsv(portal.token, ['vehicleLocation,installerCompanyId', 'Alexanderplatz 1 Berlin,'].join('\n'));
    expect(unassigned.status, unassigned.text).to.equal(201);
    const imported = await call('GET', `/v1/jobs/${unassigned.body.created[0].jobId}`, portal.token);
    expect(imported.body).to.include({ status: 'PENDING', customerName: 'Bahnhof', installerCompanyId: null });

    // The dispatcher assigns the customer's job, and saves & assigns, by hand and by import.
    const assigned = await call('POST', `/v1/jobs/${pending.body.id}/assign`, dispatcher.token, {
      installerCompanyId: demo.installerCompanyId,
    });
    expect(assigned.status, assigned.text).to.equal(200);
    expect(assigned.body.status).to.equal('ASSIGNED');
    const saved = await create(dispatcher.token, { installerCompanyId: demo.installerCompanyId });
    expect(saved.status, saved.text).to.equal(201);
    expect(saved.body).to.include({ status: 'ASSIGNED', customerName: 'Bahnhof' });
    const byImport = await importCsv(dispatcher.token, csv(demo.installerCompanyId).split('\n').slice(0, 3).join('\n'));
    expect(byImport.status, byImport.text).to.equal(201);
    expect(byImport.body.created).to.have.length(2);
    const first = await call('GET', `/v1/jobs/${byImport.body.created[0].jobId}`, portal.token);
    expect(first.body, 'and the customer follows it').to.include({ status: 'ASSIGNED', installerCompanyId: demo.installerCompanyId });
  });

  it("refuses what is a provider admin's to both limited roles: fleets, invitations, job types", async () => {
    const dispatcher = await user('provider_dispatcher', ['Klinikum']);
    const invitation = await call('POST', `/v1/fleets/${demo.fleetId}/invitations`, demo.tokens.providerAdmin, {
      email: `inv-${Date.now()}@roles.example`,
    });
    expect(invitation.status, invitation.text).to.equal(201);
    const typeSource = `id: roles-check\ntitle: Roles check\nsections: [{ id: s, title: S }]\nfields: [{ key: qnr, label: QNR, section: s, type: string, preset: required }]\nvehicle: { qnrField: qnr }\nsteps: [{ id: look, title: Look }]\naccess: { permissions: [readState], maxDuration: PT1H }\n`;
    const put = (token: string) =>
      fetch(`${stack.baseUrl}/v1/job-types/roles-check`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/yaml' },
        body: typeSource,
      });

    for (const [who, token] of [
      ['a dispatcher', dispatcher.token],
      ['a customer-portal user', demo.tokens.customerPortal],
    ] as const) {
      const refusals = [
        await call('POST', '/v1/fleets', token, { name: `Fleet ${Date.now()}` }),
        await call('POST', `/v1/fleets/${demo.fleetId}/invitations`, token, { email: `i-${Date.now()}@roles.example` }),
        await call('DELETE', `/v1/fleets/${demo.fleetId}/invitations/${invitation.body.id}`, token),
        await call('POST', '/v1/job-types/cloudboxx-install/archive', token),
      ];
      for (const refused of refusals) {
        expect(refused.status, `${who}: ${refused.text}`).to.equal(403);
        expect(refused.body.type).to.equal(`${PROBLEMS}wrong-role`);
      }
      const published = await put(token);
      expect(published.status, `${who} publishes a job type`).to.equal(403);
    }
    expect(await stack.db('invitations').where({ id: invitation.body.id }).first('status')).to.deep.equal({ status: 'PENDING' });
    expect((await put(demo.tokens.providerAdmin)).status, 'the admin publishes it').to.equal(201);
  });

  it("shows a fleet's invitations (the companies and their addresses) to those who assign, not to a customer-portal user", async () => {
    const dispatcher = await user('provider_dispatcher', ['Klinikum']);
    const listed = await call('GET', `/v1/fleets/${demo.fleetId}/invitations`, dispatcher.token);
    expect(listed.status, listed.text).to.equal(200);
    expect(listed.body.invitations.length).to.be.greaterThan(0);
    const refused = await call('GET', `/v1/fleets/${demo.fleetId}/invitations`, demo.tokens.customerPortal);
    expect(refused.status).to.equal(403);
    expect(refused.body.type).to.equal(`${PROBLEMS}wrong-role`);
    expect(refused.text).not.to.match(/@/);
  });
});
