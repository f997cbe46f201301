import { expect } from 'chai';
import type { Actor } from '../../common/job';
import { createJobs, type NewJobs } from '../../api/jobs/create-jobs';
import { jobIdFrom } from '../../common/job-id';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { onboardProvider } from '../../db/tenancy';
import { assertConsistent } from '../support/consistency';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };

/**
 * A retry with the same Idempotency-Key finishes what the first attempt began — whether that
 * attempt failed partway, or did everything and its answer was lost with the API process.
 */
describe('retried requests land on what their first attempt did', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('retries');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  const deps = () => ({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue });
  const providerActor = (): Extract<Actor, { kind: 'user' }> => ({
    kind: 'user',
    userId: demo.userIds.providerAdmin,
    organisationId: demo.providerId,
    role: 'provider_admin',
  });
  const newJobs = (spec: Partial<NewJobs>): NewJobs => ({
    jobType: stack.jobTypes.get('cloudboxx-install')!,
    fleetId: demo.fleetId,
    values: { vehicleLocation: LOCATION },
    count: 1,
    actor: providerActor(),
    actorEmail: 'admin@demo.example',
    ...spec,
  });
  const jobsOf = async (ids: string[]) => stack.db('jobs').whereIn('id', ids).select('id', 'provider_id', 'status', 'installer_company_id');

  it('starts only the jobs a failed first attempt had not started yet', async () => {
    // The first attempt got two of three jobs started before it failed; the retry asks for three.
    const first = await createJobs(deps(), newJobs({ count: 2, requestKey: 'partial-create' }));
    const retry = await createJobs(deps(), newJobs({ count: 3, requestKey: 'partial-create' }));
    expect(retry.slice(0, 2)).to.deep.equal(first);
    expect(new Set(retry).size).to.equal(3);
    expect(await jobsOf(retry)).to.have.length(3);
  });

  it('assigns once when a save-and-assign is retried', async () => {
    const spec = newJobs({ installerCompanyId: demo.installerCompanyId, requestKey: 'assign-retry' });
    const [first] = await createJobs(deps(), spec);
    const [retry] = await createJobs(deps(), spec);
    expect(retry).to.equal(first);
    expect(await jobsOf([first!])).to.deep.equal([
      { id: first, provider_id: demo.providerId, status: 'ASSIGNED', installer_company_id: demo.installerCompanyId },
    ]);
    const events = await stack.db('job_events').where({ job_id: first }).select('type');
    expect(events.filter((e) => e.type === 'job.assigned')).to.have.length(1);
  });

  it("never takes another tenant's job that holds a derived id: the request moves on to the next id", async () => {
    const other = await onboardProvider(stack.db, {
      name: 'Clash Mobility',
      adminEmail: `clash-${Date.now()}@example.com`,
      fleetName: 'Clash',
    });
    const otherActor: Extract<Actor, { kind: 'user' }> = {
      kind: 'user',
      userId: other.adminUserId,
      organisationId: other.providerId,
      role: 'provider_admin',
    };
    const [foreign] = await createJobs(deps(), newJobs({ fleetId: other.fleetId, actor: otherActor, requestKey: 'same-key' }));
    expect(foreign).to.equal(jobIdFrom('same-key:0:0'));

    const [ours] = await createJobs(deps(), newJobs({ requestKey: 'same-key' }));
    expect(ours).to.equal(jobIdFrom('same-key:0:1'));
    expect(await jobsOf([foreign!, ours!])).to.have.deep.members([
      { id: foreign, provider_id: other.providerId, status: 'PENDING', installer_company_id: null },
      { id: ours, provider_id: demo.providerId, status: 'PENDING', installer_company_id: null },
    ]);
  });

  it('answers a change whose answer was lost with the API process with its first outcome, not a refusal', async () => {
    const created = await stack.call('POST', '/v1/jobs', demo.tokens.providerAdmin, {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
      installerCompanyId: demo.installerCompanyId,
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const start = (key?: string) =>
      stack.call(
        'POST',
        `/v1/jobs/${created.body.id}/start`,
        demo.tokens.installerTechnician,
        undefined,
        key ? { 'idempotency-key': key } : {},
      );
    expect((await start('start-once')).status).to.equal(200);

    // The API process died after the workflow started the job and before it kept the answer.
    await stack
      .db('idempotency_keys')
      .where({ key: 'start-once' })
      .update({ status: null, sealed_body: null, created_at: stack.db.raw("now() - interval '10 minutes'") });
    const retry = await start('start-once');
    expect(retry.status, JSON.stringify(retry.body)).to.equal(200);
    expect(retry.body.status).to.equal('RUNNING');
    expect(retry.headers.get('idempotent-replayed'), 'run again, and answered by Temporal from the first update').to.equal(null);
    const started = await stack.db('job_events').where({ job_id: created.body.id, type: 'job.started' }).count({ n: '*' });
    expect(started).to.deep.equal([{ n: '1' }]);

    const fresh = await start();
    expect(fresh.status, 'a new request to start a started job is refused').to.equal(409);
  });

  it('keeps a request that is still running from being taken over by its retry', async () => {
    const created = await stack.call(
      'POST',
      '/v1/jobs',
      demo.tokens.providerAdmin,
      { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation: LOCATION } },
      { 'idempotency-key': 'slow-create' },
    );
    expect(created.status).to.equal(201);
    await stack.db('idempotency_keys').where({ key: 'slow-create' }).update({ status: null, sealed_body: null });
    const retry = await stack.call(
      'POST',
      '/v1/jobs',
      demo.tokens.providerAdmin,
      { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation: LOCATION } },
      { 'idempotency-key': 'slow-create' },
    );
    expect(retry.status).to.equal(409);
    expect(retry.body.type).to.equal('https://installer-jobs.dev/problems/idempotency-key-in-use');
    expect(retry.headers.get('retry-after'), 'a client knows when to try again').to.equal('1');
  });

  it('leaves Temporal and the read model in agreement after the retries and races', async () => {
    await assertConsistent(stack);
  });
});
