// The event feed on a real Postgres: who reads which events, and a cursor that never skips a row.
import { expect } from 'chai';
import type { JobEvent, JobSnapshot } from '../../common/job';
import type { Db } from '../../db/connection';
import { feedHead, maySeeFeedEvent, readFeed } from '../../db/feed';
import { deleteJob, recordJobEvents, saveJobState } from '../../db/jobs';
import { acceptInvitation, declineInvitation, inviteToFleet } from '../../db/invitations';
import { addProviderUser, onboardProvider, principalForToken, type Principal } from '../../db/tenancy';
import { freshDatabase } from '../support/services';

describe('the event feed', function () {
  this.timeout(60_000);
  let db: Db;
  let provider: Awaited<ReturnType<typeof onboardProvider>>;
  let admin: Principal;
  let jobs = 0;

  before(async () => {
    ({ db } = await freshDatabase('event feed'));
    provider = await onboardProvider(db, { name: 'Feed Mobility', adminEmail: 'admin@feed.example', fleetName: 'Feed fleet' });
    admin = (await principalForToken(db, provider.adminToken))!;
  });

  function snapshot(overrides: Partial<JobSnapshot> = {}): JobSnapshot {
    jobs += 1;
    const jobId = `J-FEED${String(jobs).padStart(6, '0')}`;
    return {
      jobId,
      workflowId: `installer-job-${jobId}`,
      providerId: provider.providerId,
      fleetId: provider.fleetId,
      jobTypeId: 'cloudboxx-install',
      jobTypeVersion: 1,
      jobTypeTitle: 'Install',
      status: 'PENDING',
      values: {},
      lockedFields: [],
      steps: [],
      searchableText: '',
      vehicle: {},
      revision: 1,
      createdAt: new Date().toISOString(),
      ...overrides,
    };
  }

  const event = (type: string, key = type): JobEvent => ({
    key,
    type,
    actor: { kind: 'system', reason: 'test' },
    data: {},
    occurredAt: new Date().toISOString(),
  });

  it('never passes a row whose transaction commits after a later one', async () => {
    const start = await feedHead(db);
    const early = snapshot();
    const late = snapshot();
    await saveJobState(db, early, []);
    await saveJobState(db, late, []);

    // The early transaction takes its id and row number first, then commits last.
    let commitEarly!: () => void;
    const earlyCommitted = db.transaction(async (trx) => {
      await recordJobEvents(trx, early.jobId, [event('job.edited')]);
      await new Promise<void>((resolve) => (commitEarly = resolve));
    });
    while (!commitEarly) await new Promise((resolve) => setTimeout(resolve, 10));
    await recordJobEvents(db, late.jobId, [event('job.edited')]);

    const whileRunning = await readFeed(db, { audience: 'all', after: start, limit: 100 });
    expect(
      whileRunning.map((e) => e.jobId),
      'a committed row behind a running transaction waits',
    ).to.not.include(late.jobId);

    commitEarly();
    await earlyCommitted;
    const after = await readFeed(db, { audience: 'all', after: start, limit: 100 });
    expect(after.map((e) => e.jobId)).to.deep.equal([early.jobId, late.jobId]);
    expect(await readFeed(db, { audience: 'all', after: after[1]!.cursor, limit: 100 })).to.deep.equal([]);
  });

  it('gives each tenant the events it may read, as they were when they happened', async () => {
    const start = await feedHead(db);
    const other = await onboardProvider(db, { name: 'Other Mobility', adminEmail: 'admin@other.example', fleetName: 'Other fleet' });
    const fleet = { id: provider.fleetId, provider_id: provider.providerId, name: 'Feed fleet', created_at: new Date() };
    const { invitation, token } = await inviteToFleet(db, {
      fleet: fleet,
      email: 'office@installer.example',
      invitedBy: provider.adminUserId,
    });
    const accepted = await acceptInvitation(db, token, { newCompany: { name: 'Feed Installers' } });
    const company = (await principalForToken(db, accepted.admin!.token))!;
    const { token: portalToken } = await addProviderUser(db, provider.providerId, {
      email: 'portal@feed.example',
      role: 'provider_customer',
      customers: ['ACME'],
    });
    const portal = (await principalForToken(db, portalToken))!;

    const acme = snapshot({ customerName: 'ACME' });
    await saveJobState(db, acme, [event('job.created')]);
    await saveJobState(db, { ...acme, status: 'ASSIGNED', installerCompanyId: accepted.installerCompanyId, revision: 2 }, [
      event('job.assigned'),
    ]);
    const otherCustomer = snapshot({ customerName: 'Globex' });
    await saveJobState(db, otherCustomer, [event('job.created')]);
    await deleteJob(db, otherCustomer.jobId, [event('job.deleted')]);
    const strangers = snapshot({ providerId: other.providerId, fleetId: other.fleetId });
    await saveJobState(db, strangers, [event('job.created')]);
    const second = await inviteToFleet(db, {
      fleet: fleet,
      email: 'nobody@installer.example',
      invitedBy: provider.adminUserId,
    });
    await declineInvitation(db, second.token);

    const everyone = await readFeed(db, { audience: 'all', after: start, limit: 100 });
    const seen = async (principal: Principal) => {
      const read = await readFeed(db, { audience: { principal }, after: start, limit: 100 });
      // The live stream filters what it read for everyone with maySeeFeedEvent: the same events.
      expect(everyone.filter((e) => maySeeFeedEvent(principal, e))).to.deep.equal(read);
      return read.map((e) => `${e.type} ${e.jobId ?? e.invitationId}`);
    };
    expect(await seen(admin)).to.deep.equal([
      `invitation.accepted ${invitation.id}`,
      `job.created ${acme.jobId}`,
      `job.assigned ${acme.jobId}`,
      `job.created ${otherCustomer.jobId}`,
      `job.deleted ${otherCustomer.jobId}`,
      `invitation.declined ${second.invitation.id}`,
    ]);
    expect(await seen(company), 'the company: its answer, then the job from its assignment on').to.deep.equal([
      `invitation.accepted ${invitation.id}`,
      `job.assigned ${acme.jobId}`,
    ]);
    expect(await seen(portal), "a customer portal: its customer's jobs, no invitations").to.deep.equal([
      `job.created ${acme.jobId}`,
      `job.assigned ${acme.jobId}`,
    ]);
    const stranger = (await principalForToken(db, other.adminToken))!;
    expect(await seen(stranger)).to.deep.equal([`job.created ${strangers.jobId}`]);
    expect(
      (await readFeed(db, { audience: 'all', after: start, types: ['job.deleted'], limit: 100 })).map((e) => e.jobId),
      'a deleted job keeps its audience',
    ).to.deep.equal([otherCustomer.jobId]);
  });
});
