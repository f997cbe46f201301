import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { welcomeMailWorkflowId } from '../../common/mail-workflows';
import { CLAIMED_TOKEN_LABEL, newAccountLink } from '../../db/account-links';
import { createInstallerCompany, onboardProvider } from '../../db/tenancy';
import { hashToken } from '../../db/tokens';
import { accountLinks, receivedMail } from '../support/mail';
import { startTestStack, type TestStack, type ApiAnswer } from '../support/stack';

const NOT_FOUND = 'https://installer-jobs.dev/problems/not-found';

/**
 * The sign-in link in a welcome e-mail, on the real stack: API → Temporal → worker → SMTP, then the
 * link from the e-mail caught, opened and claimed through HTTP as the person would.
 */
describe('sign-in links in welcome e-mails', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let serial = 0;

  before(async () => {
    stack = await startTestStack('account-links');
  });
  after(async () => stack?.stop());

  const unique = (label: string) => `${label}-${Date.now().toString(36)}-${serial++}`;

  async function newCompany() {
    return createInstallerCompany(stack.db, { name: unique('Schrauber GmbH'), adminEmail: `${unique('admin')}@schrauber.example` });
  }

  /** A technician added by the company's admin, and the path of the link in the e-mail they got. */
  async function addTechnician(adminToken: string) {
    const email = `${unique('tech')}@schrauber.example`;
    const added = await stack.call('POST', '/v1/companies/me/technicians', adminToken, { email, name: 'Tina <Technik>' });
    expect(added.status, added.text).to.equal(201);
    const links = accountLinks(await receivedMail(stack.mail, email));
    expect(links.text, 'a link in the plain text').to.be.a('string');
    expect(links.html, 'the same link in the HTML').to.equal(links.text);
    expect(links.text!.startsWith(`${stack.baseUrl}/v1/account-links/acl_`)).to.equal(true);
    return { email, added: added.body as { userId: string; token: string }, path: links.text!.slice(stack.baseUrl.length) };
  }

  /** What tells two refusals apart: the link's state must not. */
  const refusal = (answer: ApiAnswer) => ({ status: answer.status, type: answer.body.type, title: answer.body.title });

  it("gets an added technician a token of their own through the e-mail's link, once", async () => {
    const company = await newCompany();
    const { email, added, path } = await addTechnician(company.adminToken);
    expect(path, 'the e-mail carries no API token').not.to.include(added.token);

    const preview = await stack.call('GET', path);
    expect(preview.status, preview.text).to.equal(200);
    expect(preview.body).to.include({ email, organisationKind: 'installer_company', role: 'installer_technician' });
    expect(preview.body.organisationName).to.match(/^Schrauber GmbH-/);
    const validFor = Date.parse(preview.body.expiresAt) - Date.now();
    expect(validFor, 'a week by default').to.be.within(167 * 3_600_000, 168 * 3_600_000);
    expect((await stack.call('GET', path)).status, 'opening the link does not use it').to.equal(200);

    const key = { 'idempotency-key': randomUUID() };
    const claimed = await stack.call('POST', `${path}/claim`, undefined, undefined, key);
    expect(claimed.status, claimed.text).to.equal(201);
    expect(claimed.body).to.include({ userId: added.userId, email, role: 'installer_technician', organisationId: company.companyId });
    expect(claimed.body.token).to.match(/^ijt_/).and.not.equal(added.token);

    const me = await stack.call('GET', '/v1/companies/me', claimed.body.token);
    expect(me.status, me.text).to.equal(200);
    expect(me.body.id).to.equal(company.companyId);
    expect((await stack.call('GET', '/v1/companies/me', added.token)).status, "the admin's token for them still works").to.equal(200);
    const labels = await stack.db('api_tokens').where({ user_id: added.userId }).orderBy('created_at').pluck('label');
    expect(labels).to.deep.equal(['initial', CLAIMED_TOKEN_LABEL]);

    // Used: neither claimed again nor shown, and told apart from an unknown link by nothing.
    const again = await stack.call('POST', `${path}/claim`);
    const unknown = await stack.call('POST', `/v1/account-links/acl_${'x'.repeat(32)}/claim`);
    expect(refusal(again)).to.deep.equal({ ...refusal(unknown), status: 404, type: NOT_FOUND });
    expect(refusal(await stack.call('GET', path))).to.deep.equal(
      refusal(await stack.call('GET', `/v1/account-links/acl_${'x'.repeat(32)}`)),
    );

    // A retry whose first answer was lost gets that answer again, with the same token; no third token.
    const retried = await stack.call('POST', `${path}/claim`, undefined, undefined, key);
    expect(retried.status, retried.text).to.equal(201);
    expect(retried.headers.get('idempotent-replayed')).to.equal('true');
    expect(retried.body).to.deep.equal(claimed.body);
    expect(await stack.db('api_tokens').where({ user_id: added.userId }).count({ n: '*' })).to.deep.equal([{ n: '2' }]);

    // Neither the link's token nor the claimed one is kept where Temporal keeps the run, or in clear in the database.
    const handle = stack.client.workflow.getHandle(welcomeMailWorkflowId(added.userId));
    expect(await handle.result()).to.equal('sent');
    const history = JSON.stringify(await handle.fetchHistory());
    const linkToken = path.split('/').pop()!;
    expect(history).not.to.include(linkToken).and.not.to.include(claimed.body.token);
    expect(await stack.db('account_links').where({ user_id: added.userId }).pluck('token_hash')).to.deep.equal([hashToken(linkToken)]);
  });

  it('lets only one of two claims at the same moment through', async () => {
    const company = await newCompany();
    const { path } = await addTechnician(company.adminToken);
    const answers = await Promise.all([stack.call('POST', `${path}/claim`), stack.call('POST', `${path}/claim`)]);
    expect(answers.map((answer) => answer.status).sort()).to.deep.equal([201, 404]);
  });

  it('refuses an expired link as it refuses an unknown one', async () => {
    const provider = await onboardProvider(stack.db, {
      name: unique('Mobility'),
      adminEmail: `${unique('admin')}@provider.example`,
      fleetName: 'Berlin',
    });
    const email = `${unique('dispatcher')}@provider.example`;
    const added = await stack.call('POST', '/v1/users', provider.adminToken, {
      email,
      role: 'provider_dispatcher',
      customers: ['Stadtwerke'],
    });
    expect(added.status, added.text).to.equal(201);
    const path = accountLinks(await receivedMail(stack.mail, email)).text!.slice(stack.baseUrl.length);
    expect((await stack.call('GET', path)).body).to.include({ organisationKind: 'provider', role: 'provider_dispatcher' });

    await stack
      .db('account_links')
      .where({ user_id: added.body.userId })
      .update({ expires_at: stack.db.raw(`now() - interval '1 second'`) });
    const unknownPath = `/v1/account-links/acl_${'y'.repeat(32)}`;
    expect(refusal(await stack.call('GET', path))).to.deep.equal({ ...refusal(await stack.call('GET', unknownPath)), status: 404 });
    expect(refusal(await stack.call('POST', `${path}/claim`))).to.deep.equal(refusal(await stack.call('POST', `${unknownPath}/claim`)));
    expect(await stack.db('api_tokens').where({ user_id: added.body.userId }).pluck('label')).to.deep.equal(['initial']);
  });

  it("takes a removed technician's link away with them", async () => {
    const company = await newCompany();
    const { added, path } = await addTechnician(company.adminToken);
    const removed = await stack.call('DELETE', `/v1/companies/me/technicians/${added.userId}`, company.adminToken);
    expect(removed.status, removed.text).to.equal(204);
    expect(await stack.db('account_links').where({ user_id: added.userId }).count({ n: '*' })).to.deep.equal([{ n: '0' }]);
    expect((await stack.call('POST', `${path}/claim`)).status).to.equal(404);
  });

  it('makes a new link for each attempt, each valid, and none for a user already removed', async () => {
    const company = await newCompany();
    const first = await newAccountLink(stack.db, company.adminUserId, 1);
    const second = await newAccountLink(stack.db, company.adminUserId, 1);
    expect(first!.token).not.to.equal(second!.token);
    for (const link of [first!, second!])
      expect((await stack.call('GET', `/v1/account-links/${link.token}`)).body).to.include({ role: 'installer_admin' });
    expect(await newAccountLink(stack.db, randomUUID(), 1)).to.equal(undefined);
  });
});
