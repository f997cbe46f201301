import { expect } from 'chai';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { providerValuesSchema, stepValuesSchema } from '../../definitions/value-schemas';
import { startTestStack, type TestStack } from '../support/stack';

/** What a portal reads to offer the job types and render the create form (seeds: "Create a job"). */
describe('job types over HTTP', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('job types api');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  async function get(path: string, token: string = demo.tokens.providerAdmin) {
    const { status, headers, body } = await stack.call('GET', path, token);
    return { status, type: headers.get('content-type'), body };
  }

  it('lists every shipped job type with id, version, title and description, for providers and installers alike', async () => {
    const expected = stack.jobTypes.list().map((jobType) => ({
      id: jobType.id,
      version: jobType.version,
      title: jobType.title,
      description: jobType.description ?? null,
      owner: 'builtin',
      archived: false,
    }));
    expect(expected.map((jobType) => jobType.id)).to.include.members([
      'cloudboxx-install',
      'cloudboxx-reconfigure',
      'cloudboxx-remove-or-swap',
    ]);
    for (const token of [demo.tokens.providerAdmin, demo.tokens.installerAdmin, demo.tokens.installerTechnician]) {
      const list = await get('/v1/job-types', token);
      expect(list.status).to.equal(200);
      expect(list.body).to.deep.equal({ items: expected });
    }
  });

  it('gives one job type with sections, fields, rules, presets, the collecting step and the steps', async () => {
    const { status, body } = await get('/v1/job-types/cloudboxx-install');
    expect(status).to.equal(200);
    expect(body).to.include({ id: 'cloudboxx-install', version: 3, title: 'Install CloudBoxx in a new vehicle' });
    expect(body.sections.map((section: { id: string }) => section.id)).to.deep.equal(['setup', 'masterData', 'documentation']);

    const field = (key: string) => body.fields.find((candidate: { key: string }) => candidate.key === key);
    expect(field('vin')).to.deep.include({
      label: 'VIN',
      section: 'masterData',
      type: 'string',
      required: true,
      preset: 'allowed',
      presetLocks: true,
      collectedBy: 'check-in',
    });
    expect(field('vin').validation.pattern).to.equal('^[A-HJ-NPR-Z0-9]{17}$');
    expect(field('vin').validation.patternMessage).to.be.a('string');
    expect(field('vehicleLocation')).to.deep.include({ type: 'address', preset: 'required', presetLocks: true, collectedBy: null });
    expect(field('odometerKm')).to.deep.include({ type: 'integer', preset: 'forbidden', presetLocks: false, collectedBy: 'check-in' });
    expect(field('odometerKm').validation).to.deep.equal({ minimum: 0, maximum: 2000000 });
    expect(field('keyHolderType').validation.options).to.deep.include({ value: 'rfid', label: 'RFID key holder' });
    expect(field('keyHolderType').valueSchema).to.deep.include({ type: 'string', enum: ['none', 'rfid', 'ble'] });

    const step = (id: string) => body.steps.find((candidate: { id: string }) => candidate.id === id);
    expect(body.steps.map((s: { id: string }) => s.id)).to.deep.equal(['check-in', 'mount', 'configure', 'verify', 'handover']);
    expect(step('mount')).to.deep.include({
      title: 'Mount the CloudBoxx',
      collect: ['boxQnr', 'boxSerial', 'keyHolderType', 'photoMountedBox'],
      action: null,
      when: null,
    });
    expect(step('mount').checklist).to.include('CAN bus connected');
    expect(step('configure')).to.deep.include({ action: 'cloudboxx.applyConfiguration', collect: [], checklist: [] });

    // Nothing a form does not need, nothing about the server.
    expect(body).to.not.have.any.keys('configurationTemplate', 'contentHash');
    // The YAML, for a provider admin to copy; nobody else needs it.
    expect(body.source).to.match(/^id: cloudboxx-install$/m);
    expect((await get('/v1/job-types/cloudboxx-install', demo.tokens.installerTechnician)).body.source).to.equal(null);
  });

  it('publishes the value schemas of both sides, which accept and refuse what the API does', async () => {
    const { body } = await get('/v1/job-types/cloudboxx-install', demo.tokens.installerTechnician);
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const provider = ajv.compile(body.valueSchemas.provider);
    expect(provider({ vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin' }, vin: 'WVWZZZCDZMW072341' })).to.equal(true);
    expect(provider({ vin: 'WVWZZZCDZMW072341' }), 'vehicleLocation must be preset').to.equal(false);
    expect(provider({ vehicleLocation: { text: 'x' }, odometerKm: 1200 }), "odometerKm is the installer's").to.equal(false);

    expect(Object.keys(body.valueSchemas.steps)).to.deep.equal(['check-in', 'mount', 'configure', 'verify', 'handover']);
    const mount = ajv.compile(body.valueSchemas.steps.mount);
    expect(
      mount({ boxQnr: 'C693EE96ADAEF932', boxSerial: 'CBX98765', keyHolderType: 'rfid', photoMountedBox: { photoId: 'p1' } }),
    ).to.equal(true);
    expect(mount({ boxQnr: 'not hex', boxSerial: 'CBX98765', keyHolderType: 'rfid', photoMountedBox: { photoId: 'p1' } })).to.equal(false);
  });

  it('serves every shipped job type, its schemas the ones the API validates with', async () => {
    for (const jobType of stack.jobTypes.list()) {
      const { status, body } = await get(`/v1/job-types/${jobType.id}`);
      expect(status, jobType.id).to.equal(200);
      expect(
        body.fields.map((f: { key: string }) => f.key),
        jobType.id,
      ).to.deep.equal(jobType.fields.map((f) => f.key));
      expect(body.valueSchemas.provider, jobType.id).to.deep.equal(providerValuesSchema(jobType));
      for (const step of jobType.steps)
        expect(body.valueSchemas.steps[step.id], `${jobType.id} ${step.id}`).to.deep.equal(stepValuesSchema(jobType, step.id));
    }
  });

  it('answers 404 for an unknown job type, 401 without a token', async () => {
    const missing = await get('/v1/job-types/cloudboxx-teleport');
    expect(missing.status).to.equal(404);
    expect(missing.type).to.match(/^application\/problem\+json/);
    expect(missing.body).to.include({
      type: 'https://installer-jobs.dev/problems/not-found',
      title: 'Job type cloudboxx-teleport does not exist.',
    });
    expect((await stack.call('GET', '/v1/job-types')).status).to.equal(401);
  });
});
