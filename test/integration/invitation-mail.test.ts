import { expect } from 'chai';
import { invitationMailWorkflowId, welcomeMailWorkflowId } from '../../common/mail-workflows';
import { onboardProvider, type OnboardedProvider } from '../../db/tenancy';
import { invitationLinks, receivedMail } from '../support/mail';
import { startTestStack, type TestStack } from '../support/stack';

/** E-mail on the real stack: API → Temporal → worker → SMTP (a real server keeping what it gets). */
describe('invitation and welcome e-mails through SMTP', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let serial = 0;

  before(async () => {
    stack = await startTestStack('invitation-mail');
  });
  after(async () => stack?.stop());

  const unique = (label: string) => `${label}-${Date.now().toString(36)}-${serial++}`;
  const newProvider = (): Promise<OnboardedProvider> =>
    onboardProvider(stack.db, { name: unique('Mobility'), adminEmail: `${unique('admin')}@provider.example`, fleetName: 'Berlin' });

  async function invite(provider: OnboardedProvider, email: string): Promise<{ id: string; token: string }> {
    const invited = await stack.call('POST', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken, { email });
    expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
    expect(invited.body.mail).to.include({ status: 'sending' });
    return invited.body;
  }

  async function invitationAsListed(provider: OnboardedProvider, id: string) {
    const listed = await stack.call('GET', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken);
    return listed.body.invitations.find((invitation: { id: string }) => invitation.id === id);
  }

  it('mails the invitation with a link that opens and accepts it, and shows it sent', async () => {
    const provider = await newProvider();
    const email = `${unique('office')}@schrauber.example`;
    const invitation = await invite(provider, email);

    const mail = await receivedMail(stack.mail, email);
    expect(mail.subject).to.match(/invites you to install for fleet Berlin$/);
    const links = invitationLinks(mail);
    expect(links.text, 'a link in the plain text').to.be.a('string');
    expect(links.html, 'the same link in the HTML').to.equal(links.text);
    expect(links.text!.startsWith(`${stack.baseUrl}/v1/invitations/inv_`)).to.equal(true);
    expect(links.text, "the e-mail's own token, not the one the API answered").not.to.include(invitation.token);

    const path = links.text!.slice(stack.baseUrl.length);
    const preview = await stack.call('GET', path);
    expect(preview.status).to.equal(200);
    expect(preview.body).to.include({ email, status: 'PENDING', fleetName: 'Berlin' });
    const accepted = await stack.call('POST', `${path}/accept`, undefined, { companyName: unique('Schrauber GmbH') });
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(201);
    expect(accepted.body.invitation).to.include({ id: invitation.id, status: 'ACCEPTED' });

    const listed = await invitationAsListed(provider, invitation.id);
    expect(listed.mail).to.include({ status: 'sent', lastError: null, reminderSentAt: null });
    expect(listed.mail.sentAt).to.be.a('string');
    // Told of the answer, the workflow ends now rather than waking for a reminder.
    const handle = stack.client.workflow.getHandle(invitationMailWorkflowId(invitation.id));
    expect(await handle.result()).to.equal('answered');

    // Neither token is kept where Temporal keeps the run.
    const history = JSON.stringify(await handle.fetchHistory());
    expect(history).not.to.include(invitation.token);
    expect(history).not.to.include(path.split('/').pop());
  });

  it('shows a refused address as failed on the invitation, with the SMTP answer', async () => {
    const provider = await newProvider();
    const invitation = await invite(provider, `${unique('nobody')}@nowhere.invalid`);
    const handle = stack.client.workflow.getHandle(invitationMailWorkflowId(invitation.id));
    expect(await handle.result(), 'a 5xx answer is not retried').to.equal('failed');
    const listed = await invitationAsListed(provider, invitation.id);
    expect(listed.mail.status).to.equal('failed');
    expect(listed.mail.lastError).to.match(/^SMTP 550: .*no such domain/);
    expect(listed.mail.sentAt).to.equal(null);
    expect(listed.mail.lastAttemptAt).to.be.a('string');
  });

  it('mails a withdrawal once the invitation is gone, after which its link no longer works', async () => {
    const provider = await newProvider();
    const email = `${unique('office')}@withdrawn.example`;
    const invitation = await invite(provider, email);
    const path = invitationLinks(await receivedMail(stack.mail, email)).text!.slice(stack.baseUrl.length);

    const withdrawn = await stack.call('DELETE', `/v1/fleets/${provider.fleetId}/invitations/${invitation.id}`, provider.adminToken);
    expect(withdrawn.status).to.equal(204);
    const notice = await receivedMail(stack.mail, email, { subject: /has withdrawn its invitation for fleet Berlin/ });
    expect(notice.text).to.include('its link no longer works');
    expect(await stack.client.workflow.getHandle(invitationMailWorkflowId(invitation.id)).result()).to.equal('withdrawn');
    expect((await stack.call('GET', path)).status).to.equal(404);
  });

  it('welcomes a person added to the provider, without their token', async () => {
    const provider = await newProvider();
    const email = `${unique('dispatcher')}@provider.example`;
    const added = await stack.call('POST', '/v1/users', provider.adminToken, {
      email,
      role: 'provider_dispatcher',
      customers: ['Stadtwerke'],
    });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    const mail = await receivedMail(stack.mail, email);
    expect(mail.subject).to.match(/^Your installer-jobs account at Mobility-/);
    expect(mail.text).to.include('as a dispatcher for Stadtwerke').and.include(`${stack.baseUrl}/docs`);
    expect(mail.text).not.to.include(added.body.token);
    expect(String(mail.html)).not.to.include(added.body.token);
    expect(await stack.client.workflow.getHandle(welcomeMailWorkflowId(added.body.userId)).result()).to.equal('sent');
  });
});
