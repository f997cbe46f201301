import { expect } from 'chai';
import { assignJobUpdate, failJobUpdate, jobSnapshotQuery } from '../../common/job-messages';
import { INSTALL_PRESETS } from '../support/install-job';
import { JobWorkflowEnv } from '../support/workflow-env';

/**
 * The installer company declines a job assigned to it (fails it before the start): the provider
 * can no longer change an assigned job, so this is the way back for both. The job ends as the
 * start deadline ends an unstarted one — no vehicle access was ever granted, so nothing to secure.
 */
describe('the job workflow: a company declines an assigned job', function () {
  this.timeout(120_000);
  let t: JobWorkflowEnv;

  before(async () => {
    t = await JobWorkflowEnv.create('declined job');
  });
  afterEach(async () => t.terminateUnfinishedJobs());
  after(async () => t?.teardown());

  it('ends FAILED with the reason, without a grant, a securing or a vehicle call', async () => {
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle, created } = await t.createJob(taskQueue, 'cloudboxx-install', INSTALL_PRESETS);
      await handle.executeUpdate(assignJobUpdate, { args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }] });
      const declined = await handle.executeUpdate(failJobUpdate, {
        args: [{ actor: t.technician, reason: '  No installer free in that region this month.  ' }],
      });
      expect(declined.status).to.equal('FAILED');
      expect(await handle.result()).to.deep.equal({
        jobId: created.jobId,
        status: 'FAILED',
        failureReason: 'No installer free in that region this month.',
      });
      const snapshot = await handle.query(jobSnapshotQuery);
      expect(snapshot.status).to.equal('FAILED');
      expect(snapshot.accessGrant).to.equal(undefined);
      expect(snapshot.startedAt).to.equal(undefined);
      expect(snapshot.vehicle.security, 'no access was opened, so none was closed').to.equal(undefined);
      expect(await t.grant(created.jobId)).to.equal(undefined);
      expect(await t.eventTypes(created.jobId)).to.deep.equal(['job.created', 'job.assigned', 'job.failed']);
      expect(await t.row(created.jobId)).to.include({ status: 'FAILED', failure_reason: 'No installer free in that region this month.' });
      const activities = (await handle.fetchHistory()).events!.filter((event) => event.activityTaskScheduledEventAttributes);
      expect(activities.map((event) => event.activityTaskScheduledEventAttributes!.activityType!.name)).not.to.include('secureVehicle');
    });
  });

  it('refuses a blank reason and another company, as for a running job', async () => {
    const { worker, taskQueue } = await t.worker();
    await worker.runUntil(async () => {
      const { handle } = await t.createJob(taskQueue, 'cloudboxx-install', INSTALL_PRESETS);
      await handle.executeUpdate(assignJobUpdate, { args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }] });
      const blank = await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: ' ' }] }).then(
        () => expect.fail('a blank reason is refused'),
        (error: Error) => error,
      );
      expect(String(blank.cause)).to.include('Say why');
      const stranger = await t.otherCompany();
      const other = await handle.executeUpdate(failJobUpdate, { args: [{ actor: stranger, reason: 'not ours' }] }).then(
        () => expect.fail("another company's decline is refused"),
        (error: Error) => error,
      );
      expect(String(other.cause)).to.include('is not assigned to your company');
      expect((await handle.query(jobSnapshotQuery)).status).to.equal('ASSIGNED');
    });
  });
});
