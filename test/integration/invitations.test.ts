import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { addUser, onboardProvider, principalForToken, type OnboardedProvider } from '../../db/tenancy';
import { hashToken } from '../../db/tokens';
import { runCli } from '../support/cli';
import { freshDatabase } from '../support/services';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };
const problem = (type: string) => `https://installer-jobs.dev/problems/${type}`;

/** Providers invite installer companies per fleet; companies register, accept more fleets, add technicians. */
describe("invitations over HTTP: installer companies join a provider's fleets", function () {
  this.timeout(90_000);
  let stack: TestStack;
  let serial = 0;

  before(async () => {
    stack = await startTestStack('invitations');
  });
  after(async () => stack?.stop());

  const call: TestStack['call'] = (...args) => stack.call(...args);

  const unique = (label: string) => `${label}-${Date.now().toString(36)}-${serial++}`;
  const newProvider = (fleetName = 'Berlin'): Promise<OnboardedProvider> =>
    onboardProvider(stack.db, { name: unique('Mobility'), adminEmail: `${unique('admin')}@provider.example`, fleetName });

  async function invite(
    provider: OnboardedProvider,
    email: string,
    fleetId = provider.fleetId,
  ): Promise<{ id: string; token: string; status: string }> {
    const invited = await call('POST', `/v1/fleets/${fleetId}/invitations`, provider.adminToken, { email });
    expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
    return invited.body;
  }

  async function register(invitationToken: string, companyName: string): Promise<{ installerCompanyId: string; adminToken: string }> {
    const accepted = await call('POST', `/v1/invitations/${invitationToken}/accept`, undefined, { companyName });
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(201);
    return accepted.body;
  }

  it("invites a company, which registers through the token and can then be given the fleet's jobs", async () => {
    const provider = await newProvider();
    const fleets = await call('GET', '/v1/fleets', provider.adminToken);
    expect(fleets.body.fleets).to.have.deep.members([{ id: provider.fleetId, name: 'Berlin', createdAt: fleets.body.fleets[0].createdAt }]);

    const email = `${unique('Office')}@Schrauber.example`;
    const invitation = await invite(provider, email);
    expect(invitation).to.include({ email, status: 'PENDING', fleetId: provider.fleetId });
    expect(invitation.token).to.match(/^inv_/);
    const stored = await stack.db('invitations').where({ id: invitation.id }).first();
    expect(stored.token_hash, 'only the hash is stored').to.equal(hashToken(invitation.token));

    const listed = await call('GET', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken);
    expect(listed.body.invitations).to.have.length(1);
    expect(listed.body.invitations[0]).to.include({ id: invitation.id, email, status: 'PENDING', installerCompany: null });
    expect(listed.body.invitations[0], 'the token is shown once only').not.to.have.property('token');

    const company = await register(invitation.token, 'Schrauber GmbH');
    expect(company.adminToken).to.match(/^ijt_/);
    const admin = await principalForToken(stack.db, company.adminToken);
    expect(admin).to.include({
      email,
      role: 'installer_admin',
      organisationId: company.installerCompanyId,
      organisationKind: 'installer_company',
    });

    const answered = await call('GET', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken);
    expect(answered.body.invitations[0]).to.deep.include({
      status: 'ACCEPTED',
      installerCompany: { id: company.installerCompanyId, name: 'Schrauber GmbH' },
    });
    expect(answered.body.invitations[0].respondedAt).to.be.a('string');

    const me = await call('GET', '/v1/companies/me', company.adminToken);
    expect(me.body).to.include({ id: company.installerCompanyId, name: 'Schrauber GmbH' });
    expect(
      me.body.fleets.map((f: { id: string; name: string; provider: { name: string } }) => [f.id, f.name, f.provider.name]),
    ).to.deep.equal([
      [provider.fleetId, 'Berlin', (await stack.db('organisations').where({ id: provider.providerId }).first('name')).name],
    ]);

    const job = await call('POST', '/v1/jobs', provider.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: provider.fleetId,
      values: { vehicleLocation: LOCATION },
    });
    expect(job.status, JSON.stringify(job.body)).to.equal(201);
    const assigned = await call('POST', `/v1/jobs/${job.body.id}/assign`, provider.adminToken, {
      installerCompanyId: company.installerCompanyId,
    });
    expect(assigned.status, JSON.stringify(assigned.body)).to.equal(200);
    expect(assigned.body).to.deep.include({ status: 'ASSIGNED', installerCompanyId: company.installerCompanyId });
    expect((await call('GET', `/v1/jobs/${job.body.id}`, company.adminToken)).status, 'the company sees the job assigned to it').to.equal(
      200,
    );

    const again = await call('POST', `/v1/invitations/${invitation.token}/accept`, undefined, { companyName: 'Schrauber GmbH' });
    expect(again.status).to.equal(409);
    expect(again.body).to.include({ type: problem('invitation-answered'), title: 'This invitation has already been accepted.' });
    expect(
      (await call('POST', `/v1/invitations/${invitation.token}/decline`)).status,
      'an accepted invitation cannot be declined',
    ).to.equal(409);
    const unknown = await call('POST', '/v1/invitations/inv_not-a-real-token/accept', undefined, { companyName: 'Nobody' });
    expect(unknown.status).to.equal(404);
    expect(await stack.db('organisations').where({ name: 'Nobody' }).first(), 'nothing created for an unknown token').to.equal(undefined);
  });

  it('refuses to invite the same address twice (409) until the invitation is declined', async () => {
    const provider = await newProvider();
    const email = `${unique('ops')}@montage.example`;
    const first = await invite(provider, email);

    const twice = await call('POST', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken, { email: email.toUpperCase() });
    expect(twice.status).to.equal(409);
    expect(twice.body.type).to.equal(problem('already-invited'));
    expect(twice.body.title).to.equal(
      `${email.toUpperCase()} already has a pending invitation for fleet Berlin; it can be sent again once declined.`,
    );
    expect(twice.body.errors).to.deep.equal([{ pointer: '/email', message: 'has a PENDING invitation for this fleet', rule: 'unique' }]);

    const declined = await call('POST', `/v1/invitations/${first.token}/decline`);
    expect(declined.status).to.equal(200);
    expect(declined.body.invitation).to.include({ id: first.id, status: 'DECLINED' });
    expect(
      (await call('POST', `/v1/invitations/${first.token}/accept`, undefined, { companyName: 'Montage AG' })).status,
      'a declined invitation cannot be accepted',
    ).to.equal(409);

    const second = await invite(provider, email);
    expect(second.token).not.to.equal(first.token);
    const listed = await call('GET', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken);
    expect(listed.body.invitations.map((i: { id: string; status: string }) => [i.id, i.status])).to.have.deep.members([
      [first.id, 'DECLINED'],
      [second.id, 'PENDING'],
    ]);

    await register(second.token, 'Montage AG');
    const afterAccepted = await call('POST', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken, { email });
    expect(afterAccepted.status).to.equal(409);
    expect(afterAccepted.body.title).to.equal(`${email} has already accepted an invitation for fleet Berlin.`);

    const invalid = await call('POST', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken, { email: 'not an address' });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.errors[0]).to.include({ pointer: '/email' });
  });

  it('shows the invitation to its token holder, and lets the provider withdraw it until it is answered', async () => {
    const provider = await newProvider('Leipzig');
    const email = `${unique('workshop')}@installer.example`;
    const pending = await invite(provider, email);
    const preview = await call('GET', `/v1/invitations/${pending.token}`);
    expect(preview.status).to.equal(200);
    expect(preview.body).to.deep.include({ email, status: 'PENDING', fleetName: 'Leipzig' });
    expect(preview.body.providerName).to.match(/^Mobility-/);
    expect((await call('GET', '/v1/invitations/inv_not-a-real-token')).status).to.equal(404);

    expect((await call('DELETE', `/v1/fleets/${provider.fleetId}/invitations/${pending.id}`, provider.adminToken)).status).to.equal(204);
    expect((await call('GET', `/v1/invitations/${pending.token}`)).status, 'a withdrawn invitation is gone').to.equal(404);
    expect((await call('POST', `/v1/invitations/${pending.token}/accept`, undefined, { companyName: 'Too Late GmbH' })).status).to.equal(
      404,
    );

    const answered = await invite(provider, email);
    await register(answered.token, unique('Werkstatt'));
    const withdraw = await call('DELETE', `/v1/fleets/${provider.fleetId}/invitations/${answered.id}`, provider.adminToken);
    expect(withdraw.status).to.equal(409);
    expect(withdraw.body.type).to.equal('https://installer-jobs.dev/problems/invitation-answered');
    const stranger = await newProvider();
    expect(
      (await call('DELETE', `/v1/fleets/${provider.fleetId}/invitations/${answered.id}`, stranger.adminToken)).status,
      'another provider',
    ).to.equal(404);
  });

  it("keeps one account when a company accepts a second fleet's invitation", async () => {
    const berlin = await newProvider('Berlin');
    const hamburg = await newProvider('Hamburg');
    const email = `${unique('office')}@einbau.example`;
    const company = await register((await invite(berlin, email)).token, 'Einbau KG');

    const secondInvitation = await invite(hamburg, email);

    const withBody = await call('POST', `/v1/invitations/${secondInvitation.token}/accept`, company.adminToken, {
      companyName: 'Einbau KG',
    });
    expect(withBody.status).to.equal(400);
    expect(
      (await call('POST', `/v1/invitations/${secondInvitation.token}/accept`, hamburg.adminToken)).status,
      'a provider cannot accept',
    ).to.equal(403);
    expect((await call('POST', `/v1/invitations/${secondInvitation.token}/accept`, 'ijt_revoked-or-made-up')).status).to.equal(401);

    const accepted = await call('POST', `/v1/invitations/${secondInvitation.token}/accept`, company.adminToken);
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
    expect(accepted.body).to.deep.include({ installerCompanyId: company.installerCompanyId });
    expect(accepted.body).not.to.have.property('adminToken');
    expect(accepted.body.invitation).to.include({ status: 'ACCEPTED', fleetId: hamburg.fleetId });

    const companies = await stack.db('organisations').where({ kind: 'installer_company', name: 'Einbau KG' }).count({ n: '*' });
    expect(Number(companies[0]!.n), 'one organisation').to.equal(1);
    const me = await call('GET', '/v1/companies/me', company.adminToken);
    expect(me.body.fleets.map((f: { id: string }) => f.id)).to.have.members([berlin.fleetId, hamburg.fleetId]);

    // Another address of the same company for a fleet it already works for: one company per fleet.
    const colleague = await call('POST', '/v1/companies/me/technicians', company.adminToken, { email: `${unique('tech')}@einbau.example` });
    const third = await call('POST', `/v1/fleets/${berlin.fleetId}/invitations`, berlin.adminToken, { email: colleague.body.email });
    expect(third.status).to.equal(409);
    expect(third.body.title).to.equal(`${colleague.body.email} belongs to Einbau KG, which already works for fleet Berlin.`);
    const otherAddress = await invite(berlin, `${unique('boss')}@einbau.example`);
    const duplicateMembership = await call('POST', `/v1/invitations/${otherAddress.token}/accept`, company.adminToken);
    expect(duplicateMembership.status).to.equal(409);
    expect(duplicateMembership.body.type).to.equal(problem('already-accepted'));
  });

  it('lets a company admin add technicians, who work for the company but cannot add more', async () => {
    const provider = await newProvider();
    const company = await register((await invite(provider, `${unique('admin')}@team.example`)).token, 'Team Montage');
    const email = `${unique('tech')}@team.example`;

    const added = await call('POST', '/v1/companies/me/technicians', company.adminToken, { email, name: 'Kim Schraube' });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    expect(added.body).to.include({ email, name: 'Kim Schraube', role: 'installer_technician' });
    expect(added.body.token).to.match(/^ijt_/);
    const technician = await principalForToken(stack.db, added.body.token);
    expect(technician).to.include({ userId: added.body.userId, role: 'installer_technician', organisationId: company.installerCompanyId });

    const me = await call('GET', '/v1/companies/me', added.body.token);
    expect(me.body).to.include({ id: company.installerCompanyId, name: 'Team Montage' });
    expect(me.body.fleets).to.have.length(1);

    const job = await call('POST', '/v1/jobs', provider.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: provider.fleetId,
      values: { vehicleLocation: LOCATION },
    });
    await call('POST', `/v1/jobs/${job.body.id}/assign`, provider.adminToken, { installerCompanyId: company.installerCompanyId });
    const started = await call('POST', `/v1/jobs/${job.body.id}/start`, added.body.token);
    expect(started.status, JSON.stringify(started.body)).to.equal(200);
    expect(started.body.status).to.equal('RUNNING');

    expect(
      (await call('POST', '/v1/companies/me/technicians', added.body.token, { email: `${unique('x')}@team.example` })).status,
      'a technician adds no one',
    ).to.equal(403);
    const twice = await call('POST', '/v1/companies/me/technicians', company.adminToken, { email: email.toUpperCase() });
    expect(twice.status).to.equal(409);
    expect(twice.body.type).to.equal(problem('email-taken'));
    expect((await call('POST', '/v1/companies/me/technicians', company.adminToken, { email: 'nope' })).status).to.equal(400);
    expect(
      (await call('POST', '/v1/companies/me/technicians', provider.adminToken, { email: `${unique('p')}@team.example` })).status,
      'a provider has no company',
    ).to.equal(403);
    expect((await call('GET', '/v1/companies/me', provider.adminToken)).status).to.equal(403);

    // The technician leaves the company: the admin sees them in the list and removes them.
    const team = await call('GET', '/v1/companies/me/technicians', company.adminToken);
    expect(team.status, JSON.stringify(team.body)).to.equal(200);
    expect(team.body.technicians).to.have.length(1);
    expect(team.body.technicians[0]).to.include({ id: added.body.userId, email, name: 'Kim Schraube' });
    expect((await call('GET', '/v1/companies/me/technicians', added.body.token)).status, 'a technician sees no team list').to.equal(403);
    expect(
      (await call('DELETE', `/v1/companies/me/technicians/${added.body.userId}`, added.body.token)).status,
      'a technician removes no one',
    ).to.equal(403);
    const adminId = (await principalForToken(stack.db, company.adminToken))!.userId;
    expect(
      (await call('DELETE', `/v1/companies/me/technicians/${adminId}`, company.adminToken)).status,
      'the admin is no technician',
    ).to.equal(404);
    expect((await call('DELETE', `/v1/companies/me/technicians/${added.body.userId}`, company.adminToken)).status).to.equal(204);
    expect((await call('GET', '/v1/companies/me', added.body.token)).status, 'their token stops working at once').to.equal(401);
    expect((await call('GET', '/v1/companies/me/technicians', company.adminToken)).body.technicians).to.deep.equal([]);
    const trail = await call('GET', `/v1/jobs/${job.body.id}/events`, provider.adminToken);
    expect(
      trail.body.events.map((event: { actor: { userId?: string } }) => event.actor.userId),
      'the job they started still says who started it',
    ).to.include(added.body.userId);
  });

  it("answers 404 for another tenant's fleet and its invitations, revealing nothing; 403 to a dispatcher sending one", async () => {
    const owner = await newProvider('Eigene Flotte');
    const stranger = await newProvider('Fremde Flotte');
    const invitation = await invite(owner, `${unique('owner-invite')}@firma.example`);
    const company = await register((await invite(owner, `${unique('working')}@firma.example`)).token, 'Fleißige Firma');
    const outsider = await register((await invite(stranger, `${unique('outsider')}@firma.example`)).token, 'Fremde Firma');
    const dispatcher = await addUser(stack.db, owner.providerId, `${unique('dispatch')}@provider.example`, 'provider_dispatcher');
    const foreignDispatcher = await addUser(stack.db, stranger.providerId, `${unique('dispatch')}@provider.example`, 'provider_dispatcher');
    const before = await stack.db('invitations').where({ fleet_id: owner.fleetId }).select('id', 'status');

    const missing = randomUUID();
    const callers = {
      "another provider's admin": stranger.adminToken,
      "another provider's dispatcher": foreignDispatcher.token,
      'a company working for the fleet': company.adminToken,
      'another company': outsider.adminToken,
    };
    for (const [who, token] of Object.entries(callers)) {
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', { email: `${unique('sneaky')}@firma.example` }],
      ] as const) {
        const foreign = await call(method, `/v1/fleets/${owner.fleetId}/invitations`, token, body);
        const absent = await call(method, `/v1/fleets/${missing}/invitations`, token, body);
        expect(foreign.status, `${who}: ${method} invitations of a foreign fleet`).to.equal(404);
        expect(
          JSON.stringify(foreign.body).replaceAll(owner.fleetId, 'ID'),
          `${who}: a foreign fleet looks exactly like an absent one`,
        ).to.equal(JSON.stringify(absent.body).replaceAll(missing, 'ID'));
      }
    }
    expect((await call('GET', '/v1/fleets', stranger.adminToken)).body.fleets.map((f: { id: string }) => f.id)).to.deep.equal([
      stranger.fleetId,
    ]);
    expect((await call('GET', '/v1/fleets/not-a-uuid/invitations', owner.adminToken)).status).to.equal(404);
    expect((await call('GET', '/v1/fleets', company.adminToken)).status, 'installers find their fleets at /v1/companies/me').to.equal(403);
    expect((await call('GET', '/v1/fleets')).status).to.equal(401);
    expect((await call('GET', `/v1/fleets/${owner.fleetId}/invitations`)).status).to.equal(401);

    expect(
      (await call('GET', `/v1/fleets/${owner.fleetId}/invitations`, dispatcher.token)).status,
      "a dispatcher reads its own fleet's invitations",
    ).to.equal(200);
    const dispatcherInvite = await call('POST', `/v1/fleets/${owner.fleetId}/invitations`, dispatcher.token, {
      email: `${unique('d')}@firma.example`,
    });
    expect(dispatcherInvite.status).to.equal(403);
    expect(dispatcherInvite.body.title).to.equal('Only a provider admin can invite installer companies.');
    expect(await stack.db('invitations').where({ fleet_id: owner.fleetId }).select('id', 'status'), 'nothing changed').to.have.deep.members(
      before,
    );

    const otherMe = await call('GET', '/v1/companies/me', outsider.adminToken);
    expect(
      otherMe.body.fleets.map((f: { id: string }) => f.id),
      'a company sees only the fleets it works for',
    ).to.deep.equal([stranger.fleetId]);

    const strangersJob = await call('POST', '/v1/jobs', stranger.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: stranger.fleetId,
      values: { vehicleLocation: LOCATION },
    });
    const notInvited = await call('POST', `/v1/jobs/${strangersJob.body.id}/assign`, stranger.adminToken, {
      installerCompanyId: company.installerCompanyId,
    });
    expect(notInvited.status, "a company invited by someone else cannot be given this provider's jobs").to.equal(422);
    expect(notInvited.body.type).to.equal(problem('company-not-invited'));
    expect((await call('POST', `/v1/invitations/${invitation.token}/decline`)).status, 'the token itself still works').to.equal(200);
  });

  it('onboards a provider from the command line: `providers create --json`', async () => {
    const { db, url } = await freshDatabase('providers cli');
    const created = runCli(
      ['providers', 'create', '--name', 'Acme Mobility', '--admin-email', 'ops@acme.example', '--fleet-name', 'Hamburg', '--json'],
      { DATABASE_URL: url },
    );
    expect(created.status, created.stderr).to.equal(0);
    const result = JSON.parse(created.stdout);
    expect(result).to.include({ name: 'Acme Mobility', fleetName: 'Hamburg', adminEmail: 'ops@acme.example' });
    expect(await db('fleets').where({ id: result.fleetId }).first('provider_id', 'name')).to.deep.equal({
      provider_id: result.providerId,
      name: 'Hamburg',
    });
    expect(await principalForToken(db, result.adminToken)).to.include({
      userId: result.adminUserId,
      role: 'provider_admin',
      organisationId: result.providerId,
      organisationKind: 'provider',
    });

    const again = runCli(['providers', 'create', '--name', 'Acme Again', '--admin-email', 'OPS@acme.example', '--json'], {
      DATABASE_URL: url,
    });
    expect(again.status).to.equal(1);
    expect(again.stderr).to.contain('OPS@acme.example already has an account; choose another --admin-email.');
    expect(again.stdout).to.equal('');
    expect(await db('organisations').where({ name: 'Acme Again' }).first(), 'nothing half-created').to.equal(undefined);
  });
  it('lets a provider admin add fleets, each with its own invitations and jobs', async () => {
    const provider = await newProvider('Berlin');
    const added = await call('POST', '/v1/fleets', provider.adminToken, { name: ' Hamburg ' });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    expect(added.body).to.include({ name: 'Hamburg' });
    expect(added.headers.get('location')).to.equal(`/v1/fleets/${added.body.id}/invitations`);
    const listed = await call('GET', '/v1/fleets', provider.adminToken);
    expect(listed.body.fleets.map((fleet: { name: string }) => fleet.name)).to.deep.equal(['Berlin', 'Hamburg']);

    const invitation = await invite(provider, `${unique('office')}@hamburg.example`, added.body.id);
    expect(invitation).to.include({ fleetId: added.body.id, status: 'PENDING' });
    const job = await call('POST', '/v1/jobs', provider.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: added.body.id,
      values: { vehicleLocation: LOCATION },
    });
    expect(job.status, JSON.stringify(job.body)).to.equal(201);
    expect(job.body.fleetId).to.equal(added.body.id);

    const again = await call('POST', '/v1/fleets', provider.adminToken, { name: 'HAMBURG' });
    expect(again.status).to.equal(409);
    expect(again.body).to.include({ type: problem('fleet-name-taken'), title: 'You already have a fleet called Hamburg.' });
    expect(again.body.errors).to.deep.equal([{ pointer: '/name', message: 'already used by one of your fleets', rule: 'unique' }]);
    expect((await call('POST', '/v1/fleets', provider.adminToken, { name: '  ' })).status, 'a name of blanks').to.equal(400);
    expect((await newProvider('Hamburg')).fleetId, 'another provider may have its own Hamburg').to.be.a('string');

    const dispatcher = await call('POST', '/v1/users', provider.adminToken, {
      email: `${unique('dispatch')}@provider.example`,
      role: 'provider_dispatcher',
      customers: ['Kunde'],
    });
    const byDispatcher = await call('POST', '/v1/fleets', dispatcher.body.token, { name: 'Munich' });
    expect(byDispatcher.status).to.equal(403);
    expect(byDispatcher.body.type).to.equal(problem('wrong-role'));
    const company = await register(invitation.token, unique('Nord Montage'));
    expect(
      (await call('POST', '/v1/fleets', company.adminToken, { name: 'Munich' })).status,
      'an installer company adds no fleets',
    ).to.equal(403);
    expect((await call('GET', '/v1/fleets', provider.adminToken)).body.fleets).to.have.length(2);
  });

  describe('retried answers (Idempotency-Key)', () => {
    /** Every kept answer, as bytes: none may contain a token in a form anyone could use. */
    async function keptAnswers(): Promise<string> {
      const rows = await stack.db('idempotency_keys').select('sealed_body', 'request_hash', 'location', 'scope');
      return rows.map((row) => `${row.sealed_body?.toString('latin1')} ${row.request_hash} ${row.location} ${row.scope}`).join('\n');
    }

    it('answers a retried registration with the first answer, the admin token included, and registers one company', async () => {
      const provider = await newProvider();
      const invitation = await invite(provider, `${unique('office')}@retry.example`);
      const companyName = unique('Retry GmbH');
      const key = { 'idempotency-key': unique('accept') };
      const first = await call('POST', `/v1/invitations/${invitation.token}/accept`, undefined, { companyName }, key);
      const retry = await call('POST', `/v1/invitations/${invitation.token}/accept`, undefined, { companyName }, key);
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expect(retry.status).to.equal(201);
      expect(retry.headers.get('idempotent-replayed')).to.equal('true');
      expect(retry.headers.get('location')).to.equal('/v1/companies/me');
      expect(retry.body).to.deep.equal(first.body);
      expect(await principalForToken(stack.db, retry.body.adminToken), 'the replayed token works').to.include({
        organisationId: first.body.installerCompanyId,
      });
      expect(await stack.db('organisations').where({ name: companyName }).count({ n: '*' })).to.deep.equal([{ n: '1' }]);

      const kept = await keptAnswers();
      expect(kept, 'the admin token is not kept readable').not.to.include(first.body.adminToken);
      expect(kept, 'nor the invitation token').not.to.include(invitation.token);

      const otherBody = await call('POST', `/v1/invitations/${invitation.token}/accept`, undefined, { companyName: 'Someone Else' }, key);
      expect(otherBody.status).to.equal(422);
      expect(otherBody.body.type).to.equal(problem('idempotency-key-reused'));
      expect(otherBody.body.errors).to.deep.equal([
        { pointer: '/headers/idempotency-key', message: 'reused for another request', rule: 'reused' },
      ]);
      const noKey = await call('POST', `/v1/invitations/${invitation.token}/accept`, undefined, { companyName });
      expect(noKey.status, 'without the key, a second accept is refused as before').to.equal(409);
    });

    it('keeps keys per invitation: the same key on another invitation is another request', async () => {
      const provider = await newProvider();
      const [a, b] = [await invite(provider, `${unique('a')}@retry.example`), await invite(provider, `${unique('b')}@retry.example`)];
      const key = { 'idempotency-key': 'decline' };
      const declinedA = await call('POST', `/v1/invitations/${a.token}/decline`, undefined, undefined, key);
      const declinedB = await call('POST', `/v1/invitations/${b.token}/decline`, undefined, undefined, key);
      expect(declinedA.status).to.equal(200);
      expect(declinedB.status).to.equal(200);
      expect(declinedB.headers.get('idempotent-replayed')).to.equal(null);
      expect(declinedB.body.invitation).to.include({ status: 'DECLINED' });
      const again = await call('POST', `/v1/invitations/${a.token}/decline`, undefined, undefined, key);
      expect(again.status).to.equal(200);
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
      expect(again.body).to.deep.equal(declinedA.body);
    });

    it('forgets a kept answer after a day: the key then starts a new request', async () => {
      const provider = await newProvider();
      const invitation = await invite(provider, `${unique('office')}@retry.example`);
      const key = { 'idempotency-key': unique('decline') };
      expect((await call('POST', `/v1/invitations/${invitation.token}/decline`, undefined, undefined, key)).status).to.equal(200);
      const scope = `invitation:${hashToken(invitation.token)}`;
      await stack
        .db('idempotency_keys')
        .where({ scope })
        .update({ created_at: stack.db.raw("now() - interval '25 hours'") });
      const late = await call('POST', `/v1/invitations/${invitation.token}/decline`, undefined, undefined, key);
      expect(late.status, 'run again, and refused: the invitation is answered').to.equal(409);
      expect(late.headers.get('idempotent-replayed')).to.equal(null);
      expect(await stack.db('idempotency_keys').where({ scope }).count({ n: '*' }), 'the expired answer is gone').to.deep.equal([
        { n: '0' },
      ]);
    });

    it('keeps no failed answer: a refused accept may be sent again with the same key', async () => {
      const provider = await newProvider();
      const invitation = await invite(provider, `${unique('office')}@retry.example`);
      const key = { 'idempotency-key': unique('accept') };
      const refused = await call('POST', `/v1/invitations/${invitation.token}/accept`, undefined, { companyName: '' }, key);
      expect(refused.status).to.equal(400);
      const accepted = await call(
        'POST',
        `/v1/invitations/${invitation.token}/accept`,
        undefined,
        { companyName: unique('Second Try') },
        key,
      );
      expect(accepted.status, JSON.stringify(accepted.body)).to.equal(201);
    });

    it("replays a technician's token to the admin who retries, sealed so the database keeps none readable", async () => {
      const provider = await newProvider();
      const company = await register((await invite(provider, `${unique('admin')}@retry.example`)).token, unique('Retry Montage'));
      const key = { 'idempotency-key': unique('technician') };
      const body = { email: `${unique('tech')}@retry.example` };
      const first = await call('POST', '/v1/companies/me/technicians', company.adminToken, body, key);
      const retry = await call('POST', '/v1/companies/me/technicians', company.adminToken, body, key);
      expect(first.status, JSON.stringify(first.body)).to.equal(201);
      expect(retry.headers.get('idempotent-replayed')).to.equal('true');
      expect(retry.body).to.deep.equal(first.body);
      expect(await keptAnswers()).not.to.include(first.body.token);
    });
  });
});
