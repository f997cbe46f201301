import { expect } from 'chai';
import { createInstallerCompany, onboardProvider } from '../../db/tenancy';
import { receivedMail } from '../support/mail';
import { startTestStack, type TestStack } from '../support/stack';

/**
 * A welcome e-mail goes with a user who was added, and only then: an add that is refused (the
 * address has an account already) leaves no run behind retrying to find a user that never was.
 */
describe('welcome e-mails of adds that were refused', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let serial = 0;

  before(async () => {
    stack = await startTestStack('welcome mail refused add');
  });
  after(async () => stack?.stop());

  const unique = (label: string) => `${label}-${Date.now().toString(36)}-${serial++}`;

  /** The welcome-mail runs on this stack's task queue, once Temporal's visibility (which lags a little) lists `last`. */
  async function welcomeRunsUntil(last: string): Promise<string[]> {
    const query = `WorkflowType = 'welcomeMailWorkflow' AND TaskQueue = '${stack.taskQueue}'`;
    for (let attempt = 0; ; attempt++) {
      const ids: string[] = [];
      for await (const run of stack.client.workflow.list({ query })) ids.push(run.workflowId);
      if (ids.includes(last) || attempt >= 40) return ids.sort();
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  it('starts no welcome e-mail for a technician refused as email-taken, nor for a provider user', async () => {
    const company = await createInstallerCompany(stack.db, {
      name: unique('Schrauber GmbH'),
      adminEmail: `${unique('admin')}@schrauber.example`,
    });
    const email = `${unique('tech')}@schrauber.example`;
    const first = await stack.call('POST', '/v1/companies/me/technicians', company.adminToken, { email });
    expect(first.status, first.text).to.equal(201);
    await receivedMail(stack.mail, email);

    const again = await stack.call('POST', '/v1/companies/me/technicians', company.adminToken, { email: email.toUpperCase() });
    expect(again.status, again.text).to.equal(409);
    expect(again.body.type).to.equal('https://installer-jobs.dev/problems/email-taken');

    const bossEmail = `${unique('boss')}@provider.example`;
    const provider = await onboardProvider(stack.db, { name: unique('Mobility'), adminEmail: bossEmail, fleetName: 'Berlin' });
    const taken = await stack.call('POST', '/v1/users', provider.adminToken, { email: bossEmail, role: 'provider_admin' });
    expect(taken.status, taken.text).to.equal(409);

    // One more that is added: once its run is listed, a run of the refused ones started before it would be too.
    const later = `${unique('tech')}@schrauber.example`;
    const added = await stack.call('POST', '/v1/companies/me/technicians', company.adminToken, { email: later });
    expect(added.status, added.text).to.equal(201);
    await receivedMail(stack.mail, later);
    const runs = await welcomeRunsUntil(`welcome-mail-${added.body.userId}`);
    expect(runs).to.deep.equal([`welcome-mail-${first.body.userId}`, `welcome-mail-${added.body.userId}`].sort());
  });
});
