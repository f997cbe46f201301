import { randomUUID } from 'node:crypto';
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { expect } from 'chai';
import { createMailActivities } from '../../activities/mail';
import { invitationWithdrawnSignal, invitationMailWorkflowId } from '../../common/mail-workflows';
import type { Db } from '../../db/connection';
import { findProviderFleet } from '../../db/fleets';
import { cancelPendingInvitation, declineInvitation, invitationPreview, inviteToFleet } from '../../db/invitations';
import { onboardProvider, type OnboardedProvider } from '../../db/tenancy';
import { startMailCatcher, type MailCatcher } from '../../mail/catcher';
import { smtpMailer, type Mailer } from '../../mail/mailer';
import { invitationMailWorkflow } from '../../workflows';
import { allMail, invitationLinks, receivedMail } from '../support/mail';
import { freshDatabase, timeSkippingServerPath, workflowBundle } from '../support/services';

/** The invitation's e-mails over days of workflow time, on the time-skipping server, with real activities, Postgres and SMTP. */
describe('invitation e-mails over time', function () {
  this.timeout(120_000);
  let env: TestWorkflowEnvironment;
  let db: Db;
  let catcher: MailCatcher;
  let mailer: Mailer;
  let provider: OnboardedProvider;

  before(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
    });
    ({ db } = await freshDatabase('invitation-mail-workflow'));
    catcher = await startMailCatcher({ port: 0, dir: fs.mkdtempSync(path.join(os.tmpdir(), 'installer-jobs-mail-')) });
    mailer = smtpMailer({ smtpUrl: catcher.url, from: 'installer-jobs <tests@installer-jobs.localhost>' });
    provider = await onboardProvider(db, { name: 'Share Now', adminEmail: 'admin@share.example', fleetName: 'Berlin' });
  });
  after(async () => {
    mailer?.close();
    await catcher?.close();
    if (catcher) fs.rmSync(catcher.dir, { recursive: true, force: true });
    await env?.teardown();
  });

  /** An invitation as the API makes it: the workflow started, then the row committed. */
  async function invite(worker: { taskQueue: string }, email: string) {
    const invitationId = randomUUID();
    const handle = await env.client.workflow.start(invitationMailWorkflow, {
      workflowId: invitationMailWorkflowId(invitationId),
      taskQueue: worker.taskQueue,
      args: [{ invitationId, reminderAfterHours: 72 }],
    });
    const fleet = (await findProviderFleet(db, provider.providerId, provider.fleetId))!;
    const { token } = await inviteToFleet(db, { fleet, email, invitedBy: provider.adminUserId, mail: { invitationId } });
    return { invitationId, token, handle };
  }

  async function worker() {
    const taskQueue = `mail-${randomUUID()}`;
    const created = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      activities: createMailActivities(db, { mailer, publicUrl: 'https://jobs.example' }),
    });
    return Object.assign(created, { taskQueue });
  }

  const mailTo = async (email: string) => (await allMail(catcher)).filter((m) => m.to && JSON.stringify(m.to).includes(email));

  it('reminds once after 72 hours unanswered, with a link of its own that works as well', async () => {
    const w = await worker();
    await w.runUntil(async () => {
      const email = 'late@schrauber.example';
      const { invitationId, handle } = await invite(w, email);
      const first = invitationLinks(await receivedMail(catcher, email)).text!;

      await env.sleep('71 hours');
      expect(await mailTo(email), 'no reminder before its time').to.have.length(1);
      await env.sleep('2 hours');
      const reminder = await receivedMail(catcher, email, { subject: /^Reminder: / });
      const second = invitationLinks(reminder).text!;
      expect(second).not.to.equal(first);
      for (const link of [first, second])
        expect(await invitationPreview(db, link.split('/').pop()!), link).to.include({ email, status: 'PENDING' });
      const row = await db('invitations').where({ id: invitationId }).first();
      expect(row.mail_status).to.equal('sent');
      expect(row.mail_reminder_sent_at).to.be.an.instanceOf(Date);

      // One reminder only: weeks later, still two e-mails; then a real withdrawal is mailed.
      await env.sleep('30 days');
      expect(await mailTo(email)).to.have.length(2);
      await handle.signal(invitationWithdrawnSignal);
      await cancelPendingInvitation(db, provider.fleetId, invitationId);
      expect(await handle.result()).to.equal('withdrawn');
      expect((await mailTo(email)).map((m) => m.subject)).to.have.length(3);
    });
  });

  it('sends no reminder for an invitation answered meanwhile, even when nobody said so', async () => {
    const w = await worker();
    await w.runUntil(async () => {
      const email = 'quick@schrauber.example';
      const { token, handle } = await invite(w, email);
      await receivedMail(catcher, email);
      await declineInvitation(db, token);
      expect(await handle.result(), 'the reminder found it answered').to.equal('answered');
      expect(await mailTo(email)).to.have.length(1);
    });
  });

  it('ends within a week of an answer nobody told it of after its reminder, instead of waiting for good', async () => {
    const w = await worker();
    await w.runUntil(async () => {
      const email = 'unsignalled@schrauber.example';
      const { token, handle } = await invite(w, email);
      await receivedMail(catcher, email);
      await env.sleep('73 hours');
      await receivedMail(catcher, email, { subject: /^Reminder: / });
      await declineInvitation(db, token); // the API's "answered" signal was lost
      await env.sleep('6 days');
      const { status } = await handle.describe();
      expect(status.name, 'not looked yet').to.equal('RUNNING');
      await env.sleep('2 days');
      expect(await handle.result()).to.equal('answered');
      expect(await mailTo(email)).to.have.length(2);
    });
  });

  it('mails no withdrawal that was announced but not committed, and reminds on time all the same', async () => {
    const w = await worker();
    await w.runUntil(async () => {
      const email = 'kept@schrauber.example';
      const { handle } = await invite(w, email);
      await receivedMail(catcher, email);
      await env.sleep('24 hours');
      await handle.signal(invitationWithdrawnSignal); // the API's delete then failed
      await env.sleep('48 hours');
      expect(await mailTo(email), 'not reminded before 72 hours').to.have.length(1);
      await env.sleep('2 hours');
      await receivedMail(catcher, email, { subject: /^Reminder: / });
      expect((await mailTo(email)).map((m) => m.subject)).not.to.include.members([
        'Share Now has withdrawn its invitation for fleet Berlin',
      ]);
      await handle.terminate('test finished');
    });
  });
});
