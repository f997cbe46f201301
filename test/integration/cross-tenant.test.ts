import { expect } from 'chai';
import { OPERATIONS } from '../../api/openapi/document';
import { createInstallerCompany, onboardProvider } from '../../db/tenancy';
import { newToken } from '../../db/tokens';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * Every route that names a tenant's object, tried by everyone who is not that tenant: each answers
 * 404 and changes nothing. The routes come from the OpenAPI table, so a new route is tried too.
 */
describe('cross-tenant access, route by route', function () {
  this.timeout(120_000);
  let stack: TestStack;

  before(async () => {
    stack = await startTestStack('cross tenant');
  });
  after(async () => stack?.stop());

  const call = (method: string, path: string, token?: string, body?: unknown) => stack.call(method, path, token, body);

  it('refuses every foreign read and write with 404', async () => {
    const stamp = Date.now().toString(36);
    // Tenant A: a provider, its fleet, an accepted company, an assigned job, a pending invitation.
    const a = await onboardProvider(stack.db, { name: `A ${stamp}`, adminEmail: `a-${stamp}@a.example`, fleetName: 'A-Fleet' });
    const aCompany = await createInstallerCompany(stack.db, { name: `A Works ${stamp}`, adminEmail: `w-${stamp}@a-works.example` });
    await stack.db('invitations').insert({ fleet_id: a.fleetId, email: `w-${stamp}@a-works.example`, installer_company_id: aCompany.companyId, status: 'ACCEPTED', token_hash: newToken('inv').hash });
    const [pendingInvitation] = await stack.db('invitations').insert({ fleet_id: a.fleetId, email: `x-${stamp}@x.example`, status: 'PENDING', token_hash: newToken('inv').hash }).returning('id');
    const created = await call('POST', '/v1/jobs', a.adminToken, { jobTypeId: 'cloudboxx-install', fleetId: a.fleetId, installerCompanyId: aCompany.companyId, values: { vehicleLocation: { text: 'Marienplatz 1, München' } } });
    expect(created.status, created.text).to.equal(201);
    const job = JSON.parse(created.text) as { id: string };
    const eventsBefore = await stack.db('job_events').where({ job_id: job.id }).count({ n: '*' });

    // Everyone else: another provider's admin, another company's admin.
    const b = await onboardProvider(stack.db, { name: `B ${stamp}`, adminEmail: `b-${stamp}@b.example`, fleetName: 'B-Fleet' });
    const bCompany = await createInstallerCompany(stack.db, { name: `B Works ${stamp}`, adminEmail: `w-${stamp}@b-works.example` });
    const strangers = { 'another provider': b.adminToken, 'another installer company': bCompany.adminToken };

    const ids: Record<string, string> = { id: job.id, fleetId: a.fleetId, invitationId: pendingInvitation.id, stepId: 'check-in' };
    const scoped = OPERATIONS.filter((op) => !op.public && /\{(id|fleetId|invitationId)\}/.test(op.path) && !op.path.startsWith('/v1/job-types'));
    expect(scoped.length, 'the routes under test').to.be.at.least(15);
    for (const op of scoped) {
      const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
      for (const [who, token] of Object.entries(strangers)) {
        const response = await call(op.method, path, token, op.body ? {} : undefined);
        expect(response.status, `${op.method.toUpperCase()} ${op.path} by ${who}: ${response.text}`).to.equal(404);
        expect(response.text, 'reveals nothing of the object').not.to.match(/A-Fleet|@a\.example|Marienplatz/);
      }
    }

    // Lists show nothing of tenant A to either stranger.
    for (const token of Object.values(strangers)) {
      const jobs = JSON.parse((await call('GET', '/v1/jobs', token)).text) as { items: Array<{ id: string }> };
      expect(jobs.items.map((j) => j.id)).not.to.include(job.id);
    }
    expect((await call('GET', '/v1/fleets', b.adminToken)).text).not.to.include(a.fleetId);

    // And nothing changed.
    expect(await stack.db('jobs').where({ id: job.id }).first('status')).to.deep.equal({ status: 'ASSIGNED' });
    expect(await stack.db('job_events').where({ job_id: job.id }).count({ n: '*' })).to.deep.equal(eventsBefore);
    expect(await stack.db('invitations').where({ id: pendingInvitation.id }).first('status')).to.deep.equal({ status: 'PENDING' });
  });
});
