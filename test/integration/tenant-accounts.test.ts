import { expect } from 'chai';
import { MAX_FAILED_ACCEPTS } from '../../db/invitations';
import { onboardProvider, principalForToken, type OnboardedProvider } from '../../db/tenancy';
import { startTestStack, type TestStack } from '../support/stack';

const problem = (type: string) => `https://installer-jobs.dev/problems/${type}`;

/**
 * Accounts belong to their organisation: adding a person or registering a company answers the
 * same whether the address has an account in another tenant or none, and an invitation's link
 * locks after a few refused accepts, so it cannot be used to probe.
 */
describe('accounts per tenant: no oracle across tenants', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let serial = 0;

  before(async () => {
    stack = await startTestStack('tenant accounts');
  });
  after(async () => stack?.stop());

  const call: TestStack['call'] = (...args) => stack.call(...args);
  const unique = (label: string) => `${label}-${Date.now().toString(36)}-${serial++}`;
  const newProvider = (): Promise<OnboardedProvider> =>
    onboardProvider(stack.db, { name: unique('Mobility'), adminEmail: `${unique('admin')}@provider.example`, fleetName: 'Berlin' });
  const invite = async (provider: OnboardedProvider, email: string) => {
    const invited = await call('POST', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken, { email });
    expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
    return invited.body as { id: string; token: string };
  };
  /** What a caller can tell two answers apart by: status, problem type, and the fields answered. */
  const shape = (answer: { status: number; body: Record<string, unknown> }) => ({
    status: answer.status,
    type: answer.body.type,
    keys: Object.keys(answer.body).sort(),
  });

  it('adds a person whose address has an account in another tenant exactly as it adds a new one', async () => {
    const elsewhere = await newProvider();
    const taken = `${unique('Kim')}@people.example`;
    const takenThere = await call('POST', '/v1/users', elsewhere.adminToken, { email: taken, role: 'provider_admin' });
    expect(takenThere.status).to.equal(201);

    const here = await newProvider();
    const known = await call('POST', '/v1/users', here.adminToken, {
      email: taken.toUpperCase(),
      role: 'provider_dispatcher',
      customers: ['Bahnhof'],
    });
    const fresh = await call('POST', '/v1/users', here.adminToken, {
      email: `${unique('new')}@people.example`,
      role: 'provider_dispatcher',
      customers: ['Bahnhof'],
    });
    expect(shape(known), JSON.stringify(known.body)).to.deep.equal(shape(fresh));
    expect(known.status).to.equal(201);

    // Two accounts, a token each, each acting in its own organisation only.
    expect(await principalForToken(stack.db, known.body.token)).to.include({
      organisationId: here.providerId,
      role: 'provider_dispatcher',
    });
    expect(await principalForToken(stack.db, takenThere.body.token)).to.include({
      organisationId: elsewhere.providerId,
      role: 'provider_admin',
    });

    // Within one organisation an address is still unique, whatever its case.
    const twice = await call('POST', '/v1/users', here.adminToken, { email: taken, role: 'provider_admin' });
    expect(twice.status).to.equal(409);
    expect(twice.body.type).to.equal(problem('email-taken'));
  });

  it('registers a company and adds technicians the same whether the address is known elsewhere or not', async () => {
    const provider = await newProvider();
    const elsewhere = await newProvider();
    const known = `${unique('boss')}@werkstatt.example`;
    expect((await call('POST', '/v1/users', elsewhere.adminToken, { email: known, role: 'provider_admin' })).status).to.equal(201);

    const withKnown = await call('POST', `/v1/invitations/${(await invite(provider, known)).token}/accept`, undefined, {
      companyName: 'Bekannt GmbH',
    });
    const withFresh = await call(
      'POST',
      `/v1/invitations/${(await invite(provider, `${unique('boss')}@werkstatt.example`)).token}/accept`,
      undefined,
      { companyName: 'Neu GmbH' },
    );
    expect(shape(withKnown), JSON.stringify(withKnown.body)).to.deep.equal(shape(withFresh));
    expect(withKnown.status).to.equal(201);
    expect(withKnown.body.adminEmail).to.equal(known);

    const technicianKnown = await call('POST', '/v1/companies/me/technicians', withKnown.body.adminToken, { email: known.toUpperCase() });
    expect(technicianKnown.status, 'the admin is already an account of this company').to.equal(409);
    const knownElsewhere = await call('POST', '/v1/companies/me/technicians', withFresh.body.adminToken, { email: known });
    const fresh = await call('POST', '/v1/companies/me/technicians', withFresh.body.adminToken, {
      email: `${unique('tech')}@werkstatt.example`,
    });
    expect(shape(knownElsewhere), JSON.stringify(knownElsewhere.body)).to.deep.equal(shape(fresh));
    expect(knownElsewhere.status).to.equal(201);
  });

  it(`locks an invitation after ${MAX_FAILED_ACCEPTS} refused accepts, and says so`, async () => {
    const provider = await newProvider();
    const email = `${unique('office')}@probe.example`;
    const invitation = await invite(provider, email);
    expect((await call('GET', `/v1/invitations/${invitation.token}`)).body).to.deep.include({ status: 'PENDING', locked: false });
    const accept = (body?: unknown, token?: string) => call('POST', `/v1/invitations/${invitation.token}/accept`, token, body);

    // Refused for what the caller sent: a bad body, a provider's token, a token nobody has.
    const refusals = [
      await accept({ companyName: '' }),
      await accept({ companyName: 'X', adminEmail: 'not-an-address' }),
      await accept(undefined, provider.adminToken),
      await accept(undefined, 'ijt_made-up'),
    ];
    expect(refusals.map((answer) => answer.status)).to.deep.equal([400, 400, 403, 401]);
    for (let attempt = refusals.length; attempt < MAX_FAILED_ACCEPTS; attempt += 1) expect((await accept({})).status).to.equal(400);
    expect(await stack.db('invitations').where({ id: invitation.id }).first('failed_accepts', 'status')).to.deep.equal({
      failed_accepts: MAX_FAILED_ACCEPTS,
      status: 'PENDING',
    });

    const locked = await accept({ companyName: 'Richtig GmbH' });
    expect(locked.status, 'even a correct accept').to.equal(409);
    expect(locked.body.type).to.equal(problem('invitation-locked'));
    expect(locked.body.title).to.match(/locked/);
    expect(await stack.db('organisations').where({ name: 'Richtig GmbH' }).first(), 'nothing registered').to.equal(undefined);
    expect((await call('GET', `/v1/invitations/${invitation.token}`)).body, 'the registration page can say so up front').to.deep.include({
      status: 'PENDING',
      locked: true,
    });

    // The provider withdraws it and invites again: the new link works.
    expect((await call('DELETE', `/v1/fleets/${provider.fleetId}/invitations/${invitation.id}`, provider.adminToken)).status).to.equal(204);
    const again = await invite(provider, email);
    expect((await call('POST', `/v1/invitations/${again.token}/accept`, undefined, { companyName: 'Richtig GmbH' })).status).to.equal(201);
  });

  it('does not count an accept that succeeds, or one through an unknown link', async () => {
    const provider = await newProvider();
    const invitation = await invite(provider, `${unique('office')}@count.example`);
    expect((await call('POST', '/v1/invitations/inv_no-such-link/accept', undefined, { companyName: 'Nobody' })).status).to.equal(404);
    expect((await call('POST', `/v1/invitations/${invitation.token}/accept`, undefined, { companyName: '' })).status).to.equal(400);
    expect((await call('POST', `/v1/invitations/${invitation.token}/accept`, undefined, { companyName: 'Zählt GmbH' })).status).to.equal(
      201,
    );
    expect(await stack.db('invitations').where({ id: invitation.id }).first('failed_accepts', 'status')).to.deep.equal({
      failed_accepts: 1,
      status: 'ACCEPTED',
    });
  });
});
