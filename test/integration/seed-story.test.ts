import { expect } from 'chai';
import { INSTALL_STEPS_TRAIL } from '../support/install-job';
import type { OnboardedProvider } from '../../db/tenancy';
import { runCli } from '../support/cli';
import { uploadPhoto } from '../support/photos';
import { freshDatabase } from '../support/services';
import { startTestStack, type TestStack } from '../support/stack';

const DEMO_QNR = 'C693EE96ADAEF932'; // a CloudBoxx of the simulator's demo fleet
const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };

/**
 * The Installer Jobs manual, start to end, as a provider and an installer company live it —
 * onboarded on the operator's command line, then only through HTTP, with no shortcut into the database.
 */
describe('the story of the manual, over HTTP', function () {
  this.timeout(120_000);
  let stack: TestStack;
  let provider: OnboardedProvider;

  before(async () => {
    const database = await freshDatabase('seed story');
    stack = await startTestStack('seed story', { database });
    // The operator onboards the provider as the README says: on the command line, into the stack's database.
    const onboarded = runCli(
      [
        'providers',
        'create',
        '--name',
        'Stadtmobil Süd',
        '--admin-email',
        `fleet-admin-${Date.now()}@stadtmobil.example`,
        '--fleet-name',
        'Stuttgart',
        '--json',
      ],
      { DATABASE_URL: database.url },
    );
    expect(onboarded.status, onboarded.stderr).to.equal(0);
    provider = JSON.parse(onboarded.stdout);
  });
  after(async () => stack?.stop());

  const call = (method: string, path: string, token?: string, body?: unknown) => stack.call(method, path, token, body);

  it('invite → accept → create with locked presets → save & assign → start → locked field refused → steps → SUCCEEDED; a second job FAILED; PENDING edit, duplicate, delete; ASSIGNED frozen', async () => {
    const admin = provider.adminToken;

    // Set up installer companies: invite by e-mail; PENDING until the company registers.
    const invitation = await call('POST', `/v1/fleets/${provider.fleetId}/invitations`, admin, {
      email: `office-${Date.now()}@einbau-profis.example`,
    });
    expect(invitation.body.status).to.equal('PENDING');
    const registered = await call('POST', `/v1/invitations/${invitation.body.token}/accept`, undefined, {
      companyName: 'Einbau-Profis GmbH',
    });
    expect(registered.status).to.equal(201);
    const companyId: string = registered.body.installerCompanyId;
    const installer: string = registered.body.adminToken;
    const invitations = await call('GET', `/v1/fleets/${provider.fleetId}/invitations`, admin);
    expect(invitations.body.invitations[0]).to.deep.include({ status: 'ACCEPTED' });

    // Create a job: the provider sets some fields (locked), leaves the rest to the installer; Save & Assign.
    const form = await call('GET', '/v1/job-types/cloudboxx-install', admin);
    expect(form.body.sections.map((s: { title: string }) => s.title)).to.include.members(['Setup', 'Master Data']);
    const created = await call('POST', '/v1/jobs', admin, {
      jobTypeId: 'cloudboxx-install',
      fleetId: provider.fleetId,
      installerCompanyId: companyId,
      customerName: 'Stadtmobil Süd',
      values: { vehicleLocation: LOCATION, keyHolderType: 'rfid', vin: 'WVWZZZCDZMW072341', brand: 'Volkswagen', model: 'Golf' },
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const job = created.body;
    expect(job).to.deep.include({ status: 'ASSIGNED', installerCompanyId: companyId });
    expect(job.lockedFields).to.have.members(['vehicleLocation', 'keyHolderType', 'vin', 'brand', 'model']);

    // Assigned: frozen for the provider.
    expect((await call('PATCH', `/v1/jobs/${job.id}`, admin, { customerName: 'Oops' })).status).to.equal(409);
    expect((await call('DELETE', `/v1/jobs/${job.id}`, admin)).status).to.equal(409);

    // The installer sees it, starts it (temporary vehicle access), and may not change a locked value.
    const mine = await call('GET', '/v1/jobs', installer);
    expect(mine.body.items.map((j: { id: string }) => j.id)).to.deep.equal([job.id]);
    const started = await call('POST', `/v1/jobs/${job.id}/start`, installer);
    expect(started.body.status).to.equal('RUNNING');
    expect(started.body.accessGrant.revokedAt ?? null).to.equal(null);
    const checklist = (stepId: string): string[] => form.body.steps.find((s: { id: string }) => s.id === stepId).checklist;
    // The photos are taken and uploaded first; a field then names the photo it shows.
    const [odometerPhoto, boxPhoto] = [
      await uploadPhoto(stack.baseUrl, job.id, installer),
      await uploadPhoto(stack.baseUrl, job.id, installer),
    ];
    const locked = await call('POST', `/v1/jobs/${job.id}/steps/check-in/complete`, installer, {
      values: { brand: 'Opel', fuelType: 'petrol', odometerKm: 20, photoOdometer: { photoId: odometerPhoto } },
      checklist: checklist('check-in'),
    });
    expect(locked.status).to.equal(422);
    expect(locked.body.errors[0]).to.include({ pointer: '/values/brand', rule: 'locked' });

    const steps: Array<[string, Record<string, unknown>]> = [
      ['check-in', { fuelType: 'petrol', odometerKm: 20, photoOdometer: { photoId: odometerPhoto } }],
      ['mount', { boxQnr: DEMO_QNR, boxSerial: 'CBX55501', photoMountedBox: { photoId: boxPhoto } }],
      ['configure', {}],
      ['verify', {}],
      ['handover', { installerNotes: 'Key in the RFID holder.' }],
    ];
    for (const [stepId, values] of steps) {
      const done = await call('POST', `/v1/jobs/${job.id}/steps/${stepId}/complete`, installer, { values, checklist: checklist(stepId) });
      expect(done.status, `${stepId}: ${JSON.stringify(done.body)}`).to.equal(200);
    }
    const succeeded = await call('POST', `/v1/jobs/${job.id}/complete`, installer);
    expect(succeeded.body).to.deep.include({ status: 'SUCCEEDED', lastCompletedStep: 'handover' });
    expect(succeeded.body.accessGrant.revokedAt, 'vehicle access ends with the job').to.be.a('string');

    // A second job: the installer cannot complete it and says why.
    const secondCreated = await call('POST', '/v1/jobs', admin, {
      jobTypeId: 'cloudboxx-install',
      fleetId: provider.fleetId,
      installerCompanyId: companyId,
      values: { vehicleLocation: LOCATION },
    });
    expect(secondCreated.status, JSON.stringify(secondCreated.body)).to.equal(201);
    const second = secondCreated.body;
    const secondStarted = await call('POST', `/v1/jobs/${second.id}/start`, installer);
    expect(secondStarted.status, JSON.stringify(secondStarted.body)).to.equal(200);
    expect(secondStarted.body).to.deep.include({ id: second.id, status: 'RUNNING' });
    expect(secondStarted.body.accessGrant.revokedAt ?? null, 'vehicle access opens with the start').to.equal(null);
    const failed = await call('POST', `/v1/jobs/${second.id}/fail`, installer, { reason: 'No CAN bus access on this model year.' });
    expect(failed.body).to.deep.include({ status: 'FAILED', failureReason: 'No CAN bus access on this model year.' });
    const failedList = await call('GET', '/v1/jobs?status=FAILED', admin);
    expect(failedList.body.items.map((j: { id: string }) => j.id)).to.deep.equal([second.id]);

    // A PENDING job: edited, duplicated, deleted.
    const pending = (
      await call('POST', '/v1/jobs', admin, {
        jobTypeId: 'cloudboxx-install',
        fleetId: provider.fleetId,
        values: { vehicleLocation: LOCATION },
      })
    ).body;
    const edited = await call('PATCH', `/v1/jobs/${pending.id}`, admin, { values: { licensePlate: 'S-SM 4711' } });
    expect(edited.body.values.licensePlate).to.equal('S-SM 4711');
    const copy = await call('POST', `/v1/jobs/${pending.id}/duplicate`, admin);
    expect(copy.body).to.deep.include({ status: 'PENDING' });
    expect(copy.body.values.licensePlate).to.equal('S-SM 4711');
    expect((await call('DELETE', `/v1/jobs/${pending.id}`, admin)).status).to.equal(204);
    expect((await call('GET', `/v1/jobs/${pending.id}`, admin)).status).to.equal(404);

    // "Access to the vehicle ends automatically upon job completion": locked and immobilised, on record.
    let ended = await call('GET', `/v1/jobs/${job.id}`, admin);
    for (let tries = 0; ended.body.vehicle.security?.state === 'pending' && tries < 40; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      ended = await call('GET', `/v1/jobs/${job.id}`, admin);
    }
    expect(ended.body.vehicle.security.state).to.equal('secured');

    // The audit trail tells who did what, and what was done to the vehicle (each call in vehicle.call).
    const trail = await call('GET', `/v1/jobs/${job.id}/events`, admin);
    expect(trail.body.events.map((e: { type: string }) => e.type).filter((type: string) => type !== 'vehicle.call')).to.deep.equal([
      'job.created',
      'job.assigned',
      'job.started',
      ...INSTALL_STEPS_TRAIL,
      'job.succeeded',
      'vehicle.secured',
    ]);
  });
});
