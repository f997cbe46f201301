import { expect } from 'chai';
import { withMapLinks } from '../../common/map-link';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { onboardProvider } from '../../db/tenancy';
import { uploadPhoto } from '../support/photos';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };
const DEMO_QNR = 'C693EE96ADAEF932'; // a CloudBoxx of the simulator's demo fleet

/** The story the provider manual tells, through HTTP against the real stack. */
describe('jobs over HTTP, provider and installer side', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('jobs api');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  const call = (method: string, path: string, token?: string, body?: unknown) => stack.call(method, path, token, body);
  const provider = (method: string, path: string, body?: unknown) => call(method, path, demo.tokens.providerAdmin, body);
  const installer = (method: string, path: string, body?: unknown) => call(method, path, demo.tokens.installerTechnician, body);
  /** A photo uploaded for the running job, as the installer's app does before filling a photo field. */
  const photo = (jobId: string) => uploadPhoto(stack.baseUrl, jobId, demo.tokens.installerTechnician);

  async function createJob(values: Record<string, unknown> = {}) {
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION, ...values },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return created.body as { id: string; status: string };
  }

  it('runs a job from save-and-assign to SUCCEEDED, refusing a locked field on the way', async () => {
    const job = await createJob({ keyHolderType: 'rfid', vin: 'WVWZZZCDZMW072341' });
    expect((await installer('GET', `/v1/jobs/${job.id}`)).status, 'not yet assigned: invisible to the installer').to.equal(404);

    const assigned = await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    expect(assigned.body).to.deep.include({ status: 'ASSIGNED', installerCompanyId: demo.installerCompanyId });

    const started = await installer('POST', `/v1/jobs/${job.id}/start`);
    const [odometerPhoto, boxPhoto] = [await photo(job.id), await photo(job.id)];
    expect(started.body.status).to.equal('RUNNING');
    expect(started.body.accessGrant).to.have.property('expiresAt');

    const jobType = stack.jobTypes.get('cloudboxx-install')!;
    const checklist = (stepId: string) => jobType.steps.find((s) => s.id === stepId)!.checklist;
    const locked = await installer('POST', `/v1/jobs/${job.id}/steps/check-in/complete`, {
      values: {
        vin: 'WVWZZZCDZMW000000',
        brand: 'Volkswagen',
        model: 'Golf',
        fuelType: 'petrol',
        odometerKm: 1200,
        photoOdometer: { photoId: odometerPhoto },
      },
      checklist: checklist('check-in'),
    });
    expect(locked.status).to.equal(422);
    expect(locked.body.type).to.equal('https://installer-jobs.dev/problems/locked-field');
    expect(locked.body.errors).to.deep.equal([
      { pointer: '/values/vin', message: 'VIN was set when the job was created and cannot be changed', rule: 'locked' },
    ]);

    const steps: Record<string, Record<string, unknown>> = {
      'check-in': { brand: 'Volkswagen', model: 'Golf', fuelType: 'petrol', odometerKm: 1200, photoOdometer: { photoId: odometerPhoto } },
      mount: { boxQnr: DEMO_QNR, boxSerial: 'CBX98765', photoMountedBox: { photoId: boxPhoto } },
      configure: {},
      verify: {},
      handover: {},
    };
    for (const [stepId, values] of Object.entries(steps)) {
      const done = await installer('POST', `/v1/jobs/${job.id}/steps/${stepId}/complete`, { values, checklist: checklist(stepId) });
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      expect(done.body.lastCompletedStep).to.equal(stepId);
    }
    const succeeded = await installer('POST', `/v1/jobs/${job.id}/complete`);
    expect(succeeded.body).to.deep.include({ status: 'SUCCEEDED' });
    expect(succeeded.body.accessGrant.revokedAt).to.be.a('string');
    expect(stack.simulator.state.fleet.findByTelematicsUnit(DEMO_QNR)!.configuration!.value).to.deep.include({
      keyHolder: { type: 'rfid' },
    });
  });

  it("commands the vehicle only through the job's open access, and records each command", async () => {
    const job = await createJob();
    await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    expect(
      (await installer('POST', `/v1/jobs/${job.id}/vehicle/commands`, { command: 'unlock' })).status,
      'not started: no access yet',
    ).to.equal(409);
    await installer('POST', `/v1/jobs/${job.id}/start`);
    const [odometerPhoto, boxPhoto] = [await photo(job.id), await photo(job.id)];
    const noBox = await installer('POST', `/v1/jobs/${job.id}/vehicle/commands`, { command: 'unlock' });
    expect(noBox.status).to.equal(409);
    expect(noBox.body.type).to.equal('https://installer-jobs.dev/problems/vehicle-unknown');
    expect(noBox.body.title).to.equal(
      `Job ${job.id} does not know its CloudBoxx yet: CloudBoxx QNR is filled in step "Mount the CloudBoxx"; complete that step first.`,
    );

    const jobType = stack.jobTypes.get('cloudboxx-install')!;
    const checklist = (stepId: string) => jobType.steps.find((s) => s.id === stepId)!.checklist;
    await installer('POST', `/v1/jobs/${job.id}/steps/check-in/complete`, {
      values: {
        vin: 'WVWZZZCDZMW072341',
        brand: 'Volkswagen',
        model: 'Golf',
        fuelType: 'petrol',
        odometerKm: 1200,
        photoOdometer: { photoId: odometerPhoto },
      },
      checklist: checklist('check-in'),
    });
    await installer('POST', `/v1/jobs/${job.id}/steps/mount/complete`, {
      values: { boxQnr: DEMO_QNR, boxSerial: 'CBX98765', keyHolderType: 'none', photoMountedBox: { photoId: boxPhoto } },
      checklist: checklist('mount'),
    });

    const unlocked = await installer('POST', `/v1/jobs/${job.id}/vehicle/commands`, { command: 'unlock' });
    expect(unlocked.status, JSON.stringify(unlocked.body)).to.equal(200);
    expect(unlocked.body).to.deep.include({ qnr: DEMO_QNR, command: 'unlock' });
    expect(unlocked.body.state.centralLock).to.equal('unlocked');
    const notPermitted = await installer('POST', `/v1/jobs/${job.id}/vehicle/commands`, { command: 'enableDriving' });
    expect(notPermitted.status).to.equal(403);
    expect(notPermitted.body.type).to.equal('https://installer-jobs.dev/problems/access-denied');

    await installer('POST', `/v1/jobs/${job.id}/fail`, { reason: 'Customer cancelled on site.' });
    expect(
      (await installer('POST', `/v1/jobs/${job.id}/vehicle/commands`, { command: 'lock' })).status,
      'access ended with the job',
    ).to.equal(409);
    // Securing the car follows the job's end.
    for (let tries = 0; (await provider('GET', `/v1/jobs/${job.id}`)).body.vehicle.security?.state === 'pending' && tries < 40; tries++)
      await new Promise((resolve) => setTimeout(resolve, 250));

    const trail = await provider('GET', `/v1/jobs/${job.id}/events`);
    const events = trail.body.events.filter((e: { type: string }) => e.type !== 'vehicle.call');
    expect(events.map((e: { type: string }) => e.type)).to.deep.equal([
      'job.created',
      'job.assigned',
      'job.started',
      'step.completed',
      'step.completed',
      'vehicle.command',
      'job.failed',
      'vehicle.secured',
    ]);
    const command = events[5];
    expect(command.actor).to.include({ userId: demo.userIds.installerTechnician, organisationId: demo.installerCompanyId });
    expect(command.data).to.include({ command: 'unlock', qnr: DEMO_QNR });
    const calls = trail.body.events.filter((e: { type: string }) => e.type === 'vehicle.call');
    expect(calls.find((e: { data: { call: string } }) => e.data.call === 'unlock-central-lock').actor).to.include({
      userId: demo.userIds.installerTechnician,
    });

    // The installer left the car unlocked; the job's end locked it again.
    const secured = (await provider('GET', `/v1/jobs/${job.id}`)).body;
    expect(secured.vehicle).to.deep.include({ qnr: DEMO_QNR });
    expect(secured.vehicle.security.state).to.equal('secured');
    expect(stack.simulator.state.fleet.findByTelematicsUnit(DEMO_QNR)!.centralLock).to.equal('locked');
  });

  it('a step whose box answers slowly answers 202 with the step in progress, and its outcome arrives on the job', async () => {
    const job = await createJob({ vin: 'WVWZZZCDZMW072341' });
    await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    await installer('POST', `/v1/jobs/${job.id}/start`);
    const [odometerPhoto, boxPhoto] = [await photo(job.id), await photo(job.id)];
    const jobType = stack.jobTypes.get('cloudboxx-install')!;
    const checklist = (stepId: string) => jobType.steps.find((s) => s.id === stepId)!.checklist;
    await installer('POST', `/v1/jobs/${job.id}/steps/check-in/complete`, {
      values: { brand: 'Volkswagen', model: 'Golf', fuelType: 'petrol', odometerKm: 1200, photoOdometer: { photoId: odometerPhoto } },
      checklist: checklist('check-in'),
    });
    await installer('POST', `/v1/jobs/${job.id}/steps/mount/complete`, {
      values: { boxQnr: DEMO_QNR, boxSerial: 'CBX98765', keyHolderType: 'none', photoMountedBox: { photoId: boxPhoto } },
      checklist: checklist('mount'),
    });

    stack.simulator.state.faults.configure({ routeLatencyMs: { 'apply-configuration': 8_000 } });
    try {
      const asked = Date.now();
      const answer = await installer('POST', `/v1/jobs/${job.id}/steps/configure/complete`, {});
      expect(Date.now() - asked, 'the installer is not kept waiting').to.be.below(7_500);
      expect(answer.status).to.equal(202);
      expect(answer.headers.get('location')).to.equal(`/v1/jobs/${job.id}`);
      expect(answer.body.steps.find((s: { id: string }) => s.id === 'configure').status).to.equal('inProgress');

      let step: { status: string } = { status: 'inProgress' };
      for (let tries = 0; step.status === 'inProgress' && tries < 60; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        step = (await installer('GET', `/v1/jobs/${job.id}`)).body.steps.find((s: { id: string }) => s.id === 'configure');
      }
      expect(step.status).to.equal('done');
    } finally {
      stack.simulator.state.faults.reset();
    }
  });

  it('lets the installer save a draft of unlocked fields, checked field by field', async () => {
    const job = await createJob({ vin: 'WVWZZZCDZMW072341' });
    await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    await installer('POST', `/v1/jobs/${job.id}/start`);
    const saved = await installer('PATCH', `/v1/jobs/${job.id}/values`, { values: { odometerKm: 1500, brand: 'Volkswagen' } });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    expect(saved.body.values).to.deep.include({ odometerKm: 1500, brand: 'Volkswagen' });

    const locked = await installer('PATCH', `/v1/jobs/${job.id}/values`, { values: { vin: 'WVWZZZCDZMW000000' } });
    expect(locked.status).to.equal(422);
    expect(locked.body.type).to.equal('https://installer-jobs.dev/problems/locked-field');
    const invalid = await installer('PATCH', `/v1/jobs/${job.id}/values`, { values: { odometerKm: -5, colour: 'red' } });
    expect(invalid.status).to.equal(422);
    expect(invalid.body.errors.map((e: { pointer: string }) => e.pointer)).to.have.members(['/values/odometerKm', '/values/colour']);
    // The rule by its name, as creating the job and completing the step name it.
    expect(invalid.body.errors).to.deep.include({
      pointer: '/values/odometerKm',
      message: 'Odometer (km) must be at least 0',
      rule: 'minimum',
    });
    const providerFilling = await provider('PATCH', `/v1/jobs/${job.id}/values`, { values: { brand: 'Opel' } });
    expect(providerFilling.status, 'the provider side has PATCH /v1/jobs/{id}').to.equal(403);
    expect(providerFilling.body.type).to.equal('https://installer-jobs.dev/problems/wrong-role');
    const trail = await provider('GET', `/v1/jobs/${job.id}/events`);
    expect(trail.body.events.at(-1)).to.deep.include({ type: 'values.saved' });
  });

  it("fails a job with the installer's reason, and requires one", async () => {
    const job = await createJob();
    await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    await installer('POST', `/v1/jobs/${job.id}/start`);
    const blank = await installer('POST', `/v1/jobs/${job.id}/fail`, { reason: '' });
    expect(blank.status).to.equal(400);
    const failed = await installer('POST', `/v1/jobs/${job.id}/fail`, { reason: 'Vehicle not at the address.' });
    expect(failed.body).to.deep.include({ status: 'FAILED', failureReason: 'Vehicle not at the address.' });
  });

  it('edits and deletes a PENDING job; refuses both once it is assigned', async () => {
    const pending = await createJob();
    const edited = await provider('PATCH', `/v1/jobs/${pending.id}`, { values: { licensePlate: 'B-IJ 1234' }, customerName: 'Stadtwerke' });
    expect(edited.body).to.deep.include({ customerName: 'Stadtwerke' });
    expect(edited.body.lockedFields).to.include('licensePlate');
    expect((await provider('DELETE', `/v1/jobs/${pending.id}`)).status).to.equal(204);
    expect((await provider('GET', `/v1/jobs/${pending.id}`)).status).to.equal(404);

    const assigned = await createJob();
    await provider('POST', `/v1/jobs/${assigned.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    const edit = await provider('PATCH', `/v1/jobs/${assigned.id}`, { customerName: 'Too late' });
    expect(edit.status).to.equal(409);
    expect(edit.body).to.deep.include({
      type: 'https://installer-jobs.dev/problems/wrong-status',
      title: `Job ${assigned.id} is ASSIGNED; it can be edited only while PENDING.`,
    });
    expect((await provider('DELETE', `/v1/jobs/${assigned.id}`)).status).to.equal(409);
  });

  it('pages the audit trail with limit and cursor, and takes only a cursor of the same job', async () => {
    const job = await createJob();
    for (const plate of ['B-IJ 1', 'B-IJ 2', 'B-IJ 3', 'B-IJ 4'])
      expect((await provider('PATCH', `/v1/jobs/${job.id}`, { values: { licensePlate: plate } })).status).to.equal(200);
    const whole = await provider('GET', `/v1/jobs/${job.id}/events`);
    expect(whole.body.nextCursor, 'all on one page').to.equal(null);
    expect(whole.body.events.map((event: { type: string }) => event.type)).to.deep.equal([
      'job.created',
      'job.edited',
      'job.edited',
      'job.edited',
      'job.edited',
    ]);

    const paged: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { events: unknown[]; nextCursor: string | null } } = await provider(
        'GET',
        `/v1/jobs/${job.id}/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.events.length).to.be.at.most(2);
      paged.push(...page.body.events);
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).to.equal(3);
    expect(paged, 'the pages make up the trail, in order, each event once').to.deep.equal(whole.body.events);

    const other = await createJob();
    const firstPage = await provider('GET', `/v1/jobs/${job.id}/events?limit=1`);
    const foreign = await provider('GET', `/v1/jobs/${other.id}/events?cursor=${firstPage.body.nextCursor}`);
    expect(foreign.status).to.equal(400);
    expect(foreign.body.errors[0]).to.include({ pointer: '/cursor', rule: 'cursor' });
    for (const bad of ['9999999999999999999', 'abc', '-1'])
      expect((await provider('GET', `/v1/jobs/${job.id}/events?cursor=${bad}`)).status, bad).to.equal(400);
    expect((await provider('GET', `/v1/jobs/${job.id}/events?limit=1001`)).status).to.equal(400);
  });

  it('saves and assigns N identical jobs in one call, only to a company invited for the fleet', async () => {
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
      count: 3,
      installerCompanyId: demo.installerCompanyId,
      customerName: 'Flinkster Berlin',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.items).to.have.length(3);
    expect(new Set(created.body.items.map((job: { id: string }) => job.id)).size).to.equal(3);
    for (const job of created.body.items)
      expect(job).to.deep.include({ status: 'ASSIGNED', installerCompanyId: demo.installerCompanyId, customerName: 'Flinkster Berlin' });

    const stranger = await onboardProvider(stack.db, { name: 'Stranger', adminEmail: `s-${Date.now()}@example.com`, fleetName: 'Köln' });
    const before = await stack.db('jobs').count({ n: '*' });
    const refused = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
      count: 2,
      installerCompanyId: stranger.providerId,
    });
    expect(refused.status).to.equal(422);
    expect(refused.body.type).to.equal('https://installer-jobs.dev/problems/company-not-invited');
    expect(await stack.db('jobs').count({ n: '*' }), 'a refused request creates nothing').to.deep.equal(before);
  });

  it("duplicates a job into a new PENDING job with the provider's values", async () => {
    const original = await createJob({ vin: 'WVWZZZCDZMW072341' });
    await provider('POST', `/v1/jobs/${original.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    const copy = await provider('POST', `/v1/jobs/${original.id}/duplicate`);
    expect(copy.status).to.equal(201);
    expect(copy.body.id).not.to.equal(original.id);
    expect(copy.body).to.deep.include({ status: 'PENDING', installerCompanyId: null });
    expect(copy.body.values).to.deep.equal(withMapLinks({ vehicleLocation: LOCATION, vin: 'WVWZZZCDZMW072341' }));
    expect(copy.body.lockedFields).to.have.members(['vehicleLocation', 'vin']);
  });

  it('answers a retried POST with the same Idempotency-Key from the first answer, creating one job', async () => {
    const send = (body: unknown) =>
      fetch(`${stack.baseUrl}/v1/jobs`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${demo.tokens.providerAdmin}`,
          'content-type': 'application/json',
          'idempotency-key': `create-${stack.taskQueue}`,
        },
        body: JSON.stringify(body),
      });
    const body = {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION },
      customerName: 'Idempotent GmbH',
    };
    const first = await send(body);
    const retry = await send(body);
    expect(first.status).to.equal(201);
    expect(retry.status).to.equal(201);
    expect(retry.headers.get('idempotent-replayed')).to.equal('true');
    const [a, b] = [(await first.json()) as { id: string }, (await retry.json()) as { id: string }];
    expect(b.id).to.equal(a.id);
    expect(await stack.db('jobs').where({ customer_name: 'Idempotent GmbH' }).count({ n: '*' })).to.deep.equal([{ n: '1' }]);

    const reused = await send({ ...body, customerName: 'Someone else' });
    expect(reused.status).to.equal(422);
    expect(((await reused.json()) as { type: string }).type).to.equal('https://installer-jobs.dev/problems/idempotency-key-reused');
  });

  it('refuses a body larger than the API accepts with 413', async () => {
    const response = await provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { installerNotes: 'x'.repeat(300_000) },
    });
    expect(response.status).to.equal(413);
    expect(response.body.type).to.equal('https://installer-jobs.dev/problems/payload-too-large');
  });

  it("answers 404 for another provider's job, whatever the route", async () => {
    const job = await createJob();
    const other = await onboardProvider(stack.db, {
      name: 'Other Mobility',
      adminEmail: `other-${Date.now()}@example.com`,
      fleetName: 'Hamburg',
    });
    for (const [method, path, body] of [
      ['GET', `/v1/jobs/${job.id}`, undefined],
      ['PATCH', `/v1/jobs/${job.id}`, { customerName: 'x' }],
      ['DELETE', `/v1/jobs/${job.id}`, undefined],
      ['POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId }],
      ['POST', `/v1/jobs/${job.id}/duplicate`, undefined],
      ['GET', `/v1/jobs/${job.id}/events`, undefined],
    ] as const) {
      const response = await call(method, path, other.adminToken, body);
      expect(response.status, `${method} ${path}`).to.equal(404);
    }
    expect((await provider('GET', `/v1/jobs/${job.id}`)).body.status, 'nothing changed').to.equal('PENDING');
  });

  it("answers a step the job does not have with 404 unknown-step, listing the job's steps", async () => {
    const job = await createJob();
    await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    await installer('POST', `/v1/jobs/${job.id}/start`);
    const steps = (await installer('GET', `/v1/jobs/${job.id}`)).body.steps.map((step: { id: string }) => step.id);

    const unknown = await installer('POST', `/v1/jobs/${job.id}/steps/mount-box/complete`, { values: {} });
    expect(unknown.status, JSON.stringify(unknown.body)).to.equal(404);
    expect(unknown.body.type).to.equal('https://installer-jobs.dev/problems/unknown-step');
    expect(unknown.body.title).to.equal(`Job ${job.id} has no step "mount-box"; its steps are: ${steps.join(', ')}.`);
    expect(unknown.body.errors).to.deep.equal([
      { pointer: '/stepId', message: `must be one of: ${steps.join(', ')}`, rule: 'unknownStep' },
    ]);

    const early = await installer('POST', `/v1/jobs/${job.id}/steps/${steps[1]}/complete`);
    expect(early.status, 'a known step out of turn is still a conflict').to.equal(409);
    expect(early.body.type).to.equal('https://installer-jobs.dev/problems/step-out-of-order');
  });
  it("refuses checklist items the step does not have with 422 unknown-checklist-item, naming each and the step's items", async () => {
    const job = await createJob({ vin: 'WVWZZZCDZMW072341' });
    await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    await installer('POST', `/v1/jobs/${job.id}/start`);
    const odometerPhoto = await photo(job.id);
    const checkIn = stack.jobTypes.get('cloudboxx-install')!.steps.find((step) => step.id === 'check-in')!;
    const items = checkIn.checklist.map((item) => JSON.stringify(item)).join(', ');
    const values = { brand: 'Volkswagen', model: 'Golf', fuelType: 'petrol', odometerKm: 10, photoOdometer: { photoId: odometerPhoto } };
    const complete = (checklist: string[]) => installer('POST', `/v1/jobs/${job.id}/steps/check-in/complete`, { values, checklist });

    const extra = await complete([...checkIn.checklist, 'Bogus']);
    expect(extra.status, JSON.stringify(extra.body)).to.equal(422);
    expect(extra.body).to.deep.include({
      type: 'https://installer-jobs.dev/problems/unknown-checklist-item',
      title: `Step "${checkIn.title}" has no checklist item "Bogus"; its items are: ${items}.`,
    });
    expect(extra.body.errors).to.deep.equal([
      {
        pointer: `/checklist/${checkIn.checklist.length}`,
        message: `"Bogus" is not an item of this step; its items are: ${items}`,
        rule: 'unknownChecklistItem',
      },
    ]);

    const wrong = await complete(['Doors reacted']);
    expect(wrong.status).to.equal(422);
    expect(wrong.body.type).to.equal('https://installer-jobs.dev/problems/unknown-checklist-item');
    expect(wrong.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/checklist/0', '/checklist']);

    const trail = await provider('GET', `/v1/jobs/${job.id}/events`);
    expect(
      trail.body.events.map((e: { type: string }) => e.type),
      'nothing recorded',
    ).to.deep.equal(['job.created', 'job.assigned', 'job.started']);
    const done = await complete([...checkIn.checklist]);
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    expect(done.body.lastCompletedStep).to.equal('check-in');
  });

  it("tells a caller who sees the job but uses the other side's route whose route it is (403), and a stranger nothing (404)", async () => {
    const job = await createJob();
    await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    for (const [method, path, body] of [
      ['PATCH', `/v1/jobs/${job.id}`, { customerName: 'x' }],
      ['DELETE', `/v1/jobs/${job.id}`, undefined],
      ['POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId }],
      ['POST', `/v1/jobs/${job.id}/duplicate`, undefined],
    ] as const) {
      const response = await installer(method, path, body);
      expect(response.status, `installer ${method} ${path}`).to.equal(403);
      expect(response.body.type).to.equal('https://installer-jobs.dev/problems/wrong-role');
    }
    for (const path of [`/v1/jobs/${job.id}/start`, `/v1/jobs/${job.id}/complete`, `/v1/jobs/${job.id}/steps/check-in/complete`]) {
      const response = await provider('POST', path, {});
      expect(response.status, `provider POST ${path}`).to.equal(403);
      expect(response.body.title).to.match(/installer company the job is assigned to/);
    }
    expect((await provider('GET', `/v1/jobs/${job.id}`)).body.status, 'nothing changed').to.equal('ASSIGNED');

    const creating = await installer('POST', '/v1/jobs', { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: {} });
    expect(creating.status, 'an installer company creates no jobs').to.equal(403);
    expect(creating.body.type).to.equal('https://installer-jobs.dev/problems/wrong-role');
  });

  it('refuses a job type that does not exist as bad input (422) naming /jobTypeId', async () => {
    const response = await provider('POST', '/v1/jobs', { jobTypeId: 'cloudboxx-teleport', fleetId: demo.fleetId, values: {} });
    expect(response.status).to.equal(422);
    expect(response.body).to.include({
      type: 'https://installer-jobs.dev/problems/unknown-job-type',
      title: 'Job type cloudboxx-teleport does not exist.',
    });
    expect(response.body.errors).to.deep.equal([{ pointer: '/jobTypeId', message: 'unknown job type', rule: 'exists' }]);
  });

  it("finds a job by what people type in its type's searchable fields, and lists it with its type's and last step's titles", async () => {
    const vin = 'WVWZZZ1KZBW512345';
    const job = await createJob({ vin, licensePlate: 'HH-QX 4711' });
    const other = await createJob({ vin: 'WVWZZZ1KZBW599999' });
    const found = async (q: string) =>
      ((await provider('GET', `/v1/jobs?q=${encodeURIComponent(q)}&limit=200`)).body.items as Array<{ id: string }>).map((item) => item.id);

    expect(await found('bw5123'), 'part of the VIN, any case').to.deep.equal([job.id]);
    expect(await found('qx 4711'), 'the licence plate as typed').to.deep.equal([job.id]);
    expect(await found('WVWZZZ1KZBW5'), 'a prefix both share').to.have.members([job.id, other.id]);
    // brand is not searchable in cloudboxx-install: a value there is not found.
    const branded = await createJob({ brand: 'Quuxmobil' });
    expect(await found('quuxmobil')).to.not.include(branded.id);

    const [item] = (await provider('GET', `/v1/jobs?q=${vin}`)).body.items;
    expect(item.jobType).to.deep.equal({ id: 'cloudboxx-install', version: 3, title: 'Install CloudBoxx in a new vehicle' });
    expect(item.lastCompletedStepTitle).to.equal(null);
    await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    await installer('POST', `/v1/jobs/${job.id}/start`);
    const odometerPhoto = await photo(job.id);
    const checkIn = stack.jobTypes.get('cloudboxx-install')!.steps.find((step) => step.id === 'check-in')!;
    const done = await installer('POST', `/v1/jobs/${job.id}/steps/check-in/complete`, {
      values: { brand: 'Volkswagen', model: 'Golf', fuelType: 'petrol', odometerKm: 10, photoOdometer: { photoId: odometerPhoto } },
      checklist: checkIn.checklist,
    });
    expect(done.status, JSON.stringify(done.body)).to.equal(200);
    const [after] = (await provider('GET', `/v1/jobs?q=${vin}&fields=lastCompletedStepTitle`)).body.items;
    expect(after).to.deep.equal({ id: job.id, lastCompletedStepTitle: checkIn.title });
  });
});
