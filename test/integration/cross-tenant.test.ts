import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { OPERATIONS } from '../../api/openapi/document';
import { newJobId } from '../../common/job-id';
import { createInstallerCompany, onboardProvider } from '../../db/tenancy';
import { newToken } from '../../db/tokens';
import { assertConsistent } from '../support/consistency';
import { jpegWithExif } from '../support/photos';
import { startTestStack, type ApiAnswer, type TestStack } from '../support/stack';

const LOCATION = { vehicleLocation: { text: 'Marienplatz 1, München' } };
/** What tenant A's objects would show, were any of them leaked. */
const TENANT_A_TEXT = /A-Fleet|@a\.example|Marienplatz|Kunde Nord/;

/** The first item of a list that fills in the background (A's webhook deliveries). */
async function eventuallyOne(list: () => Promise<ApiAnswer>): Promise<{ id: string }> {
  for (let tries = 0; tries < 100; tries++) {
    const answer = await list();
    if (answer.body.items?.length > 0) return answer.body.items[0];
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no item came');
}

/** A foreign id is answered exactly like an id that does not exist: the same status and problem type. */
function expectSameAnswer(foreign: ApiAnswer, missing: ApiAnswer, what: string): void {
  expect({ status: foreign.status, type: foreign.body?.type }, `${what}: ${foreign.text}`).to.deep.equal({
    status: missing.status,
    type: missing.body?.type,
  });
  expect(foreign.text, `${what} reveals nothing of the object`).not.to.match(TENANT_A_TEXT);
}

/**
 * Every route that names a tenant's object, tried by everyone who is not that tenant — with the id
 * in the path, in the body or in the query — each answers as if the object did not exist and
 * changes nothing. The routes come from the OpenAPI table, so a new route is tried too.
 */
describe('cross-tenant access, route by route', function () {
  this.timeout(120_000);
  let stack: TestStack;

  before(async () => {
    stack = await startTestStack('cross tenant');
  });
  after(async () => stack?.stop());

  const call = (method: string, path: string, token?: string, body?: unknown) => stack.call(method, path, token, body);

  it('answers every foreign id like one that does not exist, and changes nothing', async () => {
    const stamp = Date.now().toString(36);
    // Tenant A: a provider, its fleet, an accepted company, an assigned and a pending job for customer
    // "Kunde Nord", a pending invitation.
    const a = await onboardProvider(stack.db, { name: `A ${stamp}`, adminEmail: `a-${stamp}@a.example`, fleetName: 'A-Fleet' });
    const aCompany = await createInstallerCompany(stack.db, { name: `A Works ${stamp}`, adminEmail: `w-${stamp}@a-works.example` });
    // A's webhook endpoint, registered first so that A's jobs below make deliveries (to a port where nobody answers).
    const hook = await call('POST', '/v1/webhooks', a.adminToken, { url: 'http://127.0.0.1:9/A-Fleet', eventTypes: ['job.created'] });
    expect(hook.status, hook.text).to.equal(201);
    await stack.db('invitations').insert({
      fleet_id: a.fleetId,
      email: `w-${stamp}@a-works.example`,
      installer_company_id: aCompany.companyId,
      status: 'ACCEPTED',
      token_hash: newToken('inv').hash,
    });
    const [pendingInvitation] = await stack
      .db('invitations')
      .insert({ fleet_id: a.fleetId, email: `x-${stamp}@x.example`, status: 'PENDING', token_hash: newToken('inv').hash })
      .returning('id');
    const created = await call('POST', '/v1/jobs', a.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: a.fleetId,
      installerCompanyId: aCompany.companyId,
      customerName: 'Kunde Nord',
      values: LOCATION,
    });
    expect(created.status, created.text).to.equal(201);
    const job = created.body as { id: string };
    const pendingCreated = await call('POST', '/v1/jobs', a.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: a.fleetId,
      customerName: 'Kunde Nord',
      values: LOCATION,
    });
    expect(pendingCreated.status, pendingCreated.text).to.equal(201);
    const pendingJob = pendingCreated.body as { id: string };
    // A running job of A's, with a photo its company took.
    const running = await call('POST', '/v1/jobs', a.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: a.fleetId,
      installerCompanyId: aCompany.companyId,
      customerName: 'Kunde Nord',
      values: LOCATION,
    });
    const started = await call('POST', `/v1/jobs/${running.body.id}/start`, aCompany.adminToken);
    expect(started.body.status, started.text).to.equal('RUNNING');
    const uploaded = await fetch(`${stack.baseUrl}/v1/jobs/${running.body.id}/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${aCompany.adminToken}`, 'content-type': 'image/jpeg' },
      body: await jpegWithExif(32, 24),
    });
    const photoOfA = (await uploaded.json()) as { photoId: string };
    expect(uploaded.status, JSON.stringify(photoOfA)).to.equal(201);
    const jobIdsOfA = [job.id, pendingJob.id, running.body.id as string];
    // A's own job type, titled so that a leak of it shows.
    const typeOfA = `a-check-${stamp}`;
    const source = `id: ${typeOfA}\ntitle: A-Fleet check\nsections: [{ id: s, title: S }]\nfields: [{ key: qnr, label: QNR, section: s, type: string, preset: required }]\nvehicle: { qnrField: qnr }\nsteps: [{ id: look, title: Look }]\naccess: { permissions: [readState], maxDuration: PT1H }\n`;
    const published = await fetch(`${stack.baseUrl}/v1/job-types/${typeOfA}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${a.adminToken}`, 'content-type': 'application/yaml' },
      body: source,
    });
    expect(published.status, await published.text()).to.equal(201);

    // Everyone else: another provider's admin; another installer company (accepted for that
    // provider's fleet, not A's), its admin and a technician; and a dispatcher and a customer-portal
    // user of A itself, limited to another customer — A's fleets are its own, so they are strangers only to the jobs.
    const b = await onboardProvider(stack.db, { name: `B ${stamp}`, adminEmail: `b-${stamp}@b.example`, fleetName: 'B-Fleet' });
    const bCompany = await createInstallerCompany(stack.db, { name: `B Works ${stamp}`, adminEmail: `w-${stamp}@b-works.example` });
    await stack.db('invitations').insert({
      fleet_id: b.fleetId,
      email: `w-${stamp}@b-works.example`,
      installer_company_id: bCompany.companyId,
      status: 'ACCEPTED',
      token_hash: newToken('inv').hash,
    });
    const technician = await call('POST', '/v1/companies/me/technicians', bCompany.adminToken, { email: `t-${stamp}@b-works.example` });
    expect(technician.status, technician.text).to.equal(201);
    const dispatcher = await call('POST', '/v1/users', a.adminToken, {
      email: `d-${stamp}@a-staff.example`,
      role: 'provider_dispatcher',
      customers: ['Kunde Süd'],
    });
    expect(dispatcher.status, dispatcher.text).to.equal(201);
    const customerPortal = await call('POST', '/v1/users', a.adminToken, {
      email: `c-${stamp}@kunde-sued.example`,
      role: 'provider_customer',
      customers: ['Kunde Süd'],
    });
    expect(customerPortal.status, customerPortal.text).to.equal(201);

    const deliveryOfA = await eventuallyOne(() => call('GET', `/v1/webhooks/${hook.body.id}/deliveries`, a.adminToken));
    const ALL = ['id', 'fleetId', 'invitationId', 'userId', 'photoId', 'webhookId', 'deliveryId'];
    const strangers: Record<string, { token: string; strangerTo: string[]; own?: Record<string, string> }> = {
      'another provider': { token: b.adminToken, strangerTo: ALL, own: { fleetId: b.fleetId } },
      'another installer company': { token: bCompany.adminToken, strangerTo: ALL },
      'a technician of another installer company': { token: technician.body.token, strangerTo: ALL },
      // A's own people, but webhooks are for admins: wrong-role for A's endpoint and for none alike.
      'a dispatcher for another customer': { token: dispatcher.body.token, strangerTo: ['id', 'photoId', 'webhookId', 'deliveryId'] },
      'a customer-portal user of another customer': {
        token: customerPortal.body.token,
        strangerTo: ['id', 'photoId', 'webhookId', 'deliveryId'],
      },
    };
    const eventsBefore = await stack.db('job_events').whereIn('job_id', jobIdsOfA).count({ n: '*' });
    const jobsBefore = await stack.db('jobs').count({ n: '*' });

    // ── Ids in the path ───────────────────────────────────────────────────────────────────────
    // A's dispatcher stands for A's people: on the users routes and the technicians routes alike.
    const foreignIds: Record<string, string> = {
      id: job.id,
      fleetId: a.fleetId,
      invitationId: pendingInvitation.id,
      userId: dispatcher.body.userId,
      stepId: 'check-in',
      photoId: photoOfA.photoId,
      webhookId: hook.body.id,
      deliveryId: deliveryOfA.id,
    };
    const missingIds: Record<string, string> = {
      id: newJobId(),
      fleetId: randomUUID(),
      invitationId: randomUUID(),
      userId: randomUUID(),
      stepId: 'check-in',
      photoId: randomUUID(),
      webhookId: randomUUID(),
      deliveryId: randomUUID(),
    };
    const fill = (path: string, ids: Record<string, string>) => path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
    const scoped = OPERATIONS.filter(
      (op) =>
        !op.public &&
        /\{(id|fleetId|invitationId|userId|photoId|webhookId|deliveryId)\}/.test(op.path) &&
        !op.path.startsWith('/v1/job-types'),
    );
    expect(scoped.length, 'the routes under test').to.be.at.least(17);
    for (const op of scoped) {
      const names = [...op.path.matchAll(/\{(id|fleetId|invitationId|userId|photoId|webhookId|deliveryId)\}/g)].map(([, name]) => name!);
      for (const [who, stranger] of Object.entries(strangers)) {
        if (!names.every((name) => stranger.strangerTo.includes(name))) continue;
        // Every id foreign; and, where the stranger has an object of its own on the way (its own
        // fleet), that one with the foreign ids below it.
        const variants = [
          {},
          ...(stranger.own && names.some((name) => name in stranger.own!) && names.some((name) => !(name in stranger.own!))
            ? [stranger.own]
            : []),
        ];
        for (const own of variants) {
          const foreignPath = fill(op.path, { ...foreignIds, ...own });
          const what = `${op.method.toUpperCase()} ${foreignPath} by ${who}`;
          const foreign = await call(op.method, foreignPath, stranger.token, op.body ? {} : undefined);
          const missing = await call(op.method, fill(op.path, { ...missingIds, ...own }), stranger.token, op.body ? {} : undefined);
          // 404; or 403 wrong-role on a route that is not for the stranger's kind of user at all,
          // which an id that does not exist gets just the same.
          expect(foreign.status, `${what}: ${foreign.text}`).to.be.oneOf([403, 404]);
          if (foreign.status === 403) expect(foreign.body.type, what).to.equal('https://installer-jobs.dev/problems/wrong-role');
          expectSameAnswer(foreign, missing, what);
        }
      }
    }

    // ── A's own job type, by id in the path ───────────────────────────────────────────────────
    // A's dispatcher is A's: job types are the provider's, whatever the customer. A PUT under A's id
    // by another provider would publish that provider's own type: its answer must not depend on A's.
    const typeRoutes = OPERATIONS.filter((op) => op.path.startsWith('/v1/job-types/{id}'));
    expect(typeRoutes.length, 'the job-type routes under test').to.be.at.least(6);
    for (const op of typeRoutes) {
      for (const [who, stranger] of Object.entries(strangers)) {
        if (!stranger.strangerTo.includes('fleetId')) continue;
        const what = `${op.method.toUpperCase()} ${op.path} of A's type by ${who}`;
        const fillType = (id: string) => op.path.replace('{id}', id).replace('{version}', '1');
        const foreign = await call(op.method, fillType(typeOfA), stranger.token, op.yamlBody ? {} : undefined);
        const missing = await call(op.method, fillType(`no-such-type-${stamp}`), stranger.token, op.yamlBody ? {} : undefined);
        expect(foreign.status, `${what}: ${foreign.text}`).to.be.oneOf(op.method === 'put' ? [403, 415] : [403, 404]);
        expectSameAnswer(foreign, missing, what);
      }
    }

    // ── Ids in the body ───────────────────────────────────────────────────────────────────────
    // A job in another provider's fleet.
    for (const [who, stranger] of Object.entries(strangers)) {
      if (!stranger.strangerTo.includes('fleetId')) continue;
      const body = (fleetId: string) => ({ jobTypeId: 'cloudboxx-install', fleetId, values: LOCATION });
      const foreign = await call('POST', '/v1/jobs', stranger.token, body(a.fleetId));
      const missing = await call('POST', '/v1/jobs', stranger.token, body(randomUUID()));
      // Another provider is told the fleet does not exist; an installer company that it creates no jobs at all.
      const [status, type] = stranger.own ? [404, 'not-found'] : [403, 'wrong-role'];
      expect(foreign.status, `POST /v1/jobs in A's fleet by ${who}: ${foreign.text}`).to.equal(status);
      expect(foreign.body.type).to.equal(`https://installer-jobs.dev/problems/${type}`);
      if (stranger.own) expect(foreign.body.errors).to.deep.equal([{ pointer: '/fleetId', message: 'unknown fleet', rule: 'exists' }]);
      expectSameAnswer(foreign, missing, `POST /v1/jobs in A's fleet by ${who}`);
    }
    // A job of A's type, in another provider's own fleet: the type is as unknown as a made-up one.
    const ofType = (jobTypeId: string) => call('POST', '/v1/jobs', b.adminToken, { jobTypeId, fleetId: b.fleetId, values: {} });
    const foreignType = await ofType(typeOfA);
    expect(foreignType.status, foreignType.text).to.equal(422);
    expect(foreignType.body.errors).to.deep.equal([{ pointer: '/jobTypeId', message: 'unknown job type', rule: 'exists' }]);
    expectSameAnswer(foreignType, await ofType(`no-such-type-${stamp}`), "POST /v1/jobs of A's type by another provider");
    expect((await call('GET', '/v1/job-types', b.adminToken)).text).not.to.include(typeOfA);
    // Save & Assign, and assign, to a company not invited to A's fleet: B's company (invited to B's
    // fleet), or B itself, a provider, named as a company.
    for (const companyId of [bCompany.companyId, b.providerId]) {
      const saveAndAssign = (installerCompanyId: string) =>
        call('POST', '/v1/jobs', a.adminToken, {
          jobTypeId: 'cloudboxx-install',
          fleetId: a.fleetId,
          installerCompanyId,
          customerName: 'Kunde Nord',
          values: LOCATION,
        });
      const foreign = await saveAndAssign(companyId);
      expect(foreign.status, `save & assign to ${companyId}: ${foreign.text}`).to.equal(422);
      expectSameAnswer(foreign, await saveAndAssign(randomUUID()), `save & assign to ${companyId}`);

      const assign = (installerCompanyId: string) => call('POST', `/v1/jobs/${pendingJob.id}/assign`, a.adminToken, { installerCompanyId });
      const foreignAssign = await assign(companyId);
      expect(foreignAssign.status, `assign to ${companyId}: ${foreignAssign.text}`).to.equal(422);
      expect(foreignAssign.body.type).to.equal('https://installer-jobs.dev/problems/company-not-invited');
      expectSameAnswer(foreignAssign, await assign(randomUUID()), `assign to ${companyId}`);
    }

    // ── Ids in the query ──────────────────────────────────────────────────────────────────────
    // Filtering by A's fleet or A's company shows no more than filtering by one that does not exist.
    for (const [who, stranger] of Object.entries(strangers)) {
      for (const [parameter, foreignId] of [
        ['fleetId', a.fleetId],
        ['installerCompanyId', aCompany.companyId],
      ] as const) {
        const foreign = await call('GET', `/v1/jobs?${parameter}=${foreignId}`, stranger.token);
        const missing = await call('GET', `/v1/jobs?${parameter}=${randomUUID()}`, stranger.token);
        const what = `GET /v1/jobs?${parameter}=<A's> by ${who}`;
        expect(foreign.status, `${what}: ${foreign.text}`).to.equal(200);
        expect(
          foreign.body.items.map((j: { id: string }) => j.id),
          what,
        ).to.deep.equal(missing.body.items.map((j: { id: string }) => j.id));
        expect(foreign.text, `${what} reveals nothing`).not.to.match(TENANT_A_TEXT);
      }
      // Unfiltered lists show nothing of A either.
      const jobs = await call('GET', '/v1/jobs', stranger.token);
      expect(
        jobs.body.items.map((j: { id: string }) => j.id).filter((id: string) => jobIdsOfA.includes(id)),
        `GET /v1/jobs by ${who}`,
      ).to.deep.equal([]);
    }
    expect((await call('GET', '/v1/fleets', b.adminToken)).text).not.to.include(a.fleetId);

    // ── And nothing changed ───────────────────────────────────────────────────────────────────
    expect(await stack.db('jobs').count({ n: '*' }), 'no job created').to.deep.equal(jobsBefore);
    expect(await stack.db('jobs').where({ id: job.id }).first('status', 'installer_company_id')).to.deep.equal({
      status: 'ASSIGNED',
      installer_company_id: aCompany.companyId,
    });
    expect(await stack.db('jobs').where({ id: pendingJob.id }).first('status', 'installer_company_id')).to.deep.equal({
      status: 'PENDING',
      installer_company_id: null,
    });
    expect(await stack.db('job_events').whereIn('job_id', jobIdsOfA).count({ n: '*' })).to.deep.equal(eventsBefore);
    expect(await stack.db('invitations').where({ id: pendingInvitation.id }).first('status')).to.deep.equal({ status: 'PENDING' });
    expect(await stack.db('users').where({ id: dispatcher.body.userId }).first('email'), "A's dispatcher is still there").to.deep.equal({
      email: `d-${stamp}@a-staff.example`,
    });
    const listed = await call('GET', '/v1/jobs', a.adminToken);
    expect(
      listed.body.items.map((j: { id: string }) => j.id),
      'A lists its three jobs and no more',
    ).to.have.members(jobIdsOfA);
  });

  it('leaves Temporal and the read model in agreement: every job its row, statuses equal, elapsed access closed', async () => {
    await assertConsistent(stack);
  });
});
