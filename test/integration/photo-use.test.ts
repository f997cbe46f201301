import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { createInstallerCompany } from '../../db/tenancy';
import { ensurePhotoHousekeepingSchedule, PHOTO_HOUSEKEEPING_SCHEDULE_ID } from '../../temporal/schedules';
import type { PhotoHousekeepingResult } from '../../workflows/photo-housekeeping';
import { demoInstallJob, INSTALL_PRESETS, INSTALL_STEP_VALUES } from '../support/install-job';
import { uploadPhoto } from '../support/photos';
import { startTestStack, type TestStack } from '../support/stack';

const PROBLEM = 'https://installer-jobs.dev/problems/';

/**
 * Photos in use, on the real stack: a photo field takes a photo uploaded for its own job, each
 * photo for one field; a job lists its photos with the fields they fill; housekeeping removes the
 * unused ones once the job is over, and all of them past the provider's retention, saying so in
 * the job's events.
 */
describe('photos in a job’s fields, and their housekeeping', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    // Unused photos go as soon as their job has finished, so that the test need not wait a day.
    stack = await startTestStack('photo use', { photoHousekeeping: { unusedGraceHours: 0, defaultRetentionDays: 730 } });
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  const provider = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.providerAdmin, body);
  const installer = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.installerTechnician, body);
  const photo = (jobId: string) => uploadPhoto(stack.baseUrl, jobId, demo.tokens.installerTechnician);
  const checklist = (stepId: string) => stack.jobTypes.get('cloudboxx-install')!.steps.find((step) => step.id === stepId)!.checklist;

  const runningJob = () => demoInstallJob(stack, demo);

  const checkIn = (jobId: string, photoId: string) =>
    installer('POST', `/v1/jobs/${jobId}/steps/check-in/complete`, {
      values: { ...INSTALL_STEP_VALUES['check-in'], vin: 'WVWZZZCDZMW072341', photoOdometer: { photoId } },
      checklist: checklist('check-in'),
    });

  it('refuses a photo given when the job is created: photos come from the installer while it runs', async () => {
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { ...INSTALL_PRESETS, photoOdometer: { photoId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' } },
    });
    expect(created.status).to.equal(422);
    expect(created.body.errors).to.deep.include({
      pointer: '/values/photoOdometer',
      message: 'Photo of the odometer is a photo the installer uploads while the job runs and cannot be set when the job is created',
      rule: 'presetForbidden',
    });
  });

  it("takes only a photo uploaded for the same job, and each photo for one field; lists the job's photos with their fields", async () => {
    const job = await runningJob();
    const other = await runningJob();
    const othersPhoto = await photo(other);
    const madeUp = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    for (const photoId of [othersPhoto, madeUp, 'not-a-photo-id']) {
      const refused = await checkIn(job, photoId);
      expect(refused.status, refused.text).to.equal(422);
      expect(refused.body.type).to.equal(`${PROBLEM}invalid-values`);
      expect(refused.body.errors).to.deep.equal([
        {
          pointer: '/values/photoOdometer/photoId',
          message: `no photo ${photoId} was uploaded for job ${job}: upload it first (POST /v1/jobs/${job}/photos) and send the photoId it answers`,
          rule: 'photoUnknown',
        },
      ]);
    }

    // A photo not uploaded is answered with the values' other problems, not alone and they on the next try.
    const together = await installer('POST', `/v1/jobs/${job}/steps/check-in/complete`, {
      values: { ...INSTALL_STEP_VALUES['check-in'], odometerKm: -1, colour: 'red', photoOdometer: { photoId: madeUp } },
      checklist: checklist('check-in'),
    });
    expect(together.status, together.text).to.equal(422);
    expect(together.body.errors.map((problem: { pointer: string; rule: string }) => `${problem.pointer} ${problem.rule}`)).to.have.members([
      '/values/photoOdometer/photoId photoUnknown',
      '/values/odometerKm minimum',
      '/values/colour unknownField',
    ]);
    const draft = await installer('PATCH', `/v1/jobs/${job}/values`, { values: { odometerKm: -1, photoOdometer: { photoId: madeUp } } });
    expect(draft.body.errors.map((problem: { pointer: string; rule: string }) => `${problem.pointer} ${problem.rule}`)).to.have.members([
      '/values/photoOdometer/photoId photoUnknown',
      '/values/odometerKm minimum',
    ]);

    const [odometer, box, spare] = [await photo(job), await photo(job), await photo(job)];
    expect((await checkIn(job, odometer)).status).to.equal(200);
    const reused = await installer('POST', `/v1/jobs/${job}/steps/mount/complete`, {
      values: { ...INSTALL_STEP_VALUES.mount, boxQnr: 'C693EE96ADAEF932', photoMountedBox: { photoId: odometer } },
      checklist: checklist('mount'),
    });
    expect(reused.status, reused.text).to.equal(422);
    expect(reused.body.errors).to.deep.equal([
      {
        pointer: '/values/photoMountedBox/photoId',
        message: `Photo of the mounted CloudBoxx: photo ${odometer} is already used for "Photo of the odometer"; take a photo for each field`,
        rule: 'photoInUse',
      },
    ]);
    const saved = await installer('PATCH', `/v1/jobs/${job}/values`, { values: { photoMountedBox: { photoId: box } } });
    expect(saved.status, saved.text).to.equal(200);
    expect(saved.body.values.photoMountedBox).to.deep.equal({ photoId: box });

    for (const caller of [provider, installer]) {
      const listed = await caller('GET', `/v1/jobs/${job}/photos`);
      expect(listed.status).to.equal(200);
      expect(listed.body.items.map((item: { photoId: string; field: string | null }) => [item.photoId, item.field])).to.deep.equal([
        [odometer, 'photoOdometer'],
        [box, 'photoMountedBox'],
        [spare, null],
      ]);
    }
    const stamp = Date.now();
    const rival = await createInstallerCompany(stack.db, { name: `Rival ${stamp}`, adminEmail: `r-${stamp}@rival.example` });
    const stranger = await stack.call('GET', `/v1/jobs/${job}/photos`, rival.adminToken);
    expect(stranger.status).to.equal(404);
  });

  it('removes the photos no field holds once the job is over, and the rest past the provider’s retention, with a record in the events', async () => {
    const job = await runningJob();
    const [odometer, box, unused] = [await photo(job), await photo(job), await photo(job)];
    const steps: Record<string, Record<string, unknown>> = {
      'check-in': { ...INSTALL_STEP_VALUES['check-in'], vin: 'WVWZZZCDZMW072341', photoOdometer: { photoId: odometer } },
      mount: { ...INSTALL_STEP_VALUES.mount, boxQnr: 'C693EE96ADAEF932', photoMountedBox: { photoId: box } },
    };
    for (const step of stack.jobTypes.get('cloudboxx-install')!.steps) {
      const done = await installer('POST', `/v1/jobs/${job}/steps/${step.id}/complete`, {
        values: steps[step.id] ?? INSTALL_STEP_VALUES[step.id],
        checklist: step.checklist,
      });
      expect(done.status, done.text).to.equal(200);
    }
    expect((await installer('POST', `/v1/jobs/${job}/complete`)).status).to.equal(200);

    // While the job ran nothing was removed; now that it is over, the photo no field holds goes.
    const first = await housekeeping();
    expect(first.unused).to.be.at.least(1);
    expect(await photoStatus(unused)).to.equal(404);
    expect(await photoStatus(odometer)).to.equal(200);
    expect(await stack.photoStore.get(`${job}/${unused}.jpg`)).to.equal(undefined);

    // The provider keeps photos for one day (its admin says so); the job finished three days ago.
    expect((await provider('GET', '/v1/providers/me')).body.photoRetention).to.deep.equal({ days: 730, source: 'default' });
    const portalRefused = await stack.call('PATCH', '/v1/providers/me', demo.tokens.customerPortal, { photoRetentionDays: 1 });
    expect(portalRefused.status).to.equal(403);
    expect((await provider('PATCH', '/v1/providers/me', { photoRetentionDays: 0 })).status).to.equal(400);
    const kept = await provider('PATCH', '/v1/providers/me', { photoRetentionDays: 1 });
    expect(kept.status, kept.text).to.equal(200);
    expect(kept.body.photoRetention).to.deep.equal({ days: 1, source: 'provider' });
    await stack
      .db('jobs')
      .where({ id: job })
      .update({ finished_at: stack.db.raw(`now() - interval '3 days'`) });
    const second = await housekeeping();
    expect(second.pastRetention).to.be.at.least(2);
    for (const photoId of [odometer, box]) expect(await photoStatus(photoId)).to.equal(404);

    const events = (await provider('GET', `/v1/jobs/${job}/events`)).body.events as Array<{ type: string; data: Record<string, unknown> }>;
    expect(events.filter((event) => event.type === 'photo.removed').map((event) => event.data)).to.deep.equal([
      { photoId: unused, reason: 'unused' },
      { photoId: odometer, reason: 'retention', retentionDays: 1 },
      { photoId: box, reason: 'retention', retentionDays: 1 },
    ]);
    expect((await provider('GET', `/v1/jobs/${job}/photos`)).body.items).to.deep.equal([]);
    // Nothing is removed twice.
    expect(await housekeeping()).to.deep.equal({ unused: 0, pastRetention: 0 });
  });

  it('makes the hourly schedule once, starting the housekeeping workflow on the worker’s task queue', async () => {
    const schedule = stack.client.schedule.getHandle(PHOTO_HOUSEKEEPING_SCHEDULE_ID);
    // The tests share one Temporal server: a worker process of another suite may have made it already.
    await schedule.delete().catch(() => undefined);
    await ensurePhotoHousekeepingSchedule(stack.client, stack.taskQueue);
    await ensurePhotoHousekeepingSchedule(stack.client, 'another-task-queue'); // a second worker starting: left as it is
    try {
      const described = await schedule.describe();
      expect((described.spec.intervals ?? []).map((interval) => interval.every)).to.deep.equal([3_600_000]);
      expect(described.action).to.deep.include({
        type: 'startWorkflow',
        workflowType: 'photoHousekeepingWorkflow',
        taskQueue: stack.taskQueue,
      });
      await schedule.trigger();
      const started = Date.now();
      let runs: string[] = [];
      while (runs.length === 0 && Date.now() - started < 20_000) {
        runs = (await schedule.describe()).info.recentActions.map((action) => action.action.workflow.workflowId);
        if (runs.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(runs, 'the triggered run').to.have.length(1);
      const result = (await stack.client.workflow.getHandle(runs[0]!).result()) as PhotoHousekeepingResult;
      expect(result).to.have.keys(['unused', 'pastRetention']);
    } finally {
      await schedule.delete();
    }
  });

  /** What GET /v1/photos/{id} answers the provider (the body is the image, not JSON). */
  async function photoStatus(photoId: string): Promise<number> {
    const response = await fetch(`${stack.baseUrl}/v1/photos/${photoId}`, {
      headers: { authorization: `Bearer ${demo.tokens.providerAdmin}` },
    });
    await response.arrayBuffer();
    return response.status;
  }

  /** One run of what the hourly schedule starts, on this stack's worker. */
  function housekeeping(): Promise<PhotoHousekeepingResult> {
    return stack.client.workflow.execute('photoHousekeepingWorkflow', {
      taskQueue: stack.taskQueue,
      workflowId: `photo-housekeeping-test-${Date.now()}`,
    });
  }
});
