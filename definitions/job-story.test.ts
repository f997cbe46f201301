// A swap and a removal through the shipped remove-or-swap type, and a reconfiguration, the way
// the API and the workflow use this module: values at creation, steps in order, values per step,
// configuration, completion.
import { expect } from 'chai';
import path from 'node:path';
import type { CompiledJobType, JobValues } from './compiled-job-type';
import { loadJobTypeFile } from './loader';
import { stepsAsMermaid } from './mermaid';
import { applicableSteps, checkStepOrder, completionBlockers, nextStep, renderCloudBoxxConfiguration } from './rules';
import { validateProviderValues, validateStepValues } from './value-validation';

const PRESET = {
  vehicleLocation: { text: 'Werkstatt Nord, Am Hafen 4, 20457 Hamburg', lat: 53.54, lng: 9.99 },
  vin: 'WVWZZZE1ZPP012345',
  licensePlate: 'HH-CB 1042',
  oldBoxQnr: '0A1B2C3D4E5F6071',
  keyHolderType: 'rfid',
};

const STEP_VALUES: Record<string, JobValues> = {
  'check-in': { odometerKm: 48_210 },
  remove: { removalReason: 'defective', photoBoxRemoved: { photoId: 'ph-001' } },
  'mount-new': { newBoxQnr: 'FEDCBA9876543210', newBoxSerial: 'CBX2041187', photoNewBoxMounted: { photoId: 'ph-002' } },
  'configure-new': {},
  'verify-new': {},
  finish: { installerNotes: 'Old box returned to the provider.' },
};

/** Walks the job's steps in order as the workflow would, refusing what it would refuse. */
function work(jobType: CompiledJobType, preset: JobValues): { values: JobValues; done: string[]; configuration?: unknown } {
  expect(validateProviderValues(jobType, preset)).to.deep.equal([]);
  let values: JobValues = { ...preset };
  const done: string[] = [];
  let configuration: unknown;
  for (let step = nextStep(jobType, done, values); step !== null; step = nextStep(jobType, done, values)) {
    expect(checkStepOrder(jobType, done, step.id, values)).to.equal(null);
    const submitted = STEP_VALUES[step.id] ?? {};
    expect(validateStepValues(jobType, step.id, submitted, preset), step.id).to.deep.equal([]);
    values = { ...values, ...submitted };
    if (step.action === 'cloudboxx.applyConfiguration') configuration = renderCloudBoxxConfiguration(jobType, values);
    done.push(step.id);
  }
  return { values, done, configuration };
}

describe('a remove-or-swap job, start to finish', () => {
  let jobType: CompiledJobType;
  before(async () => {
    jobType = await loadJobTypeFile(path.join(__dirname, '..', 'job-types', 'cloudboxx-remove-or-swap.yaml'));
  });

  it('swaps: mounts, configures and verifies the new CloudBoxx', () => {
    const { values, done, configuration } = work(jobType, { ...PRESET, operation: 'swap' });
    expect(done).to.deep.equal(['check-in', 'remove', 'mount-new', 'configure-new', 'verify-new', 'finish']);
    expect(configuration).to.deep.equal({
      telematicsUnit: { qnr: 'FEDCBA9876543210', serialNumber: 'CBX2041187', replaces: '0A1B2C3D4E5F6071' },
      vehicle: { vin: 'WVWZZZE1ZPP012345', odometerKm: 48_210 },
      keyHolder: { type: 'rfid' },
    });
    expect(completionBlockers(jobType, { completedStepIds: done, values })).to.deep.equal({ pendingSteps: [], missingFields: [] });
  });

  it('removes: the swap steps and their required fields are not part of the job', () => {
    const { values, done, configuration } = work(jobType, { ...PRESET, operation: 'remove' });
    expect(done).to.deep.equal(['check-in', 'remove', 'finish']);
    expect(configuration).to.equal(undefined);
    expect(completionBlockers(jobType, { completedStepIds: done, values })).to.deep.equal({ pendingSteps: [], missingFields: [] });
    expect(checkStepOrder(jobType, done, 'mount-new', values)?.rule).to.equal('notApplicable');
  });

  it('cannot succeed while a required field is blank', () => {
    const values = { ...PRESET, operation: 'swap', ...STEP_VALUES['check-in'] };
    const steps = applicableSteps(jobType, values).map((step) => step.id);
    expect(completionBlockers(jobType, { completedStepIds: steps, values }).missingFields).to.deep.equal([
      'removalReason',
      'photoBoxRemoved',
      'newBoxQnr',
      'newBoxSerial',
      'photoNewBoxMounted',
    ]);
  });

  it('draws the swap-only steps as a branch', () => {
    const diagram = stepsAsMermaid(jobType).split('\n');
    expect(diagram).to.include.members([
      '  step2 -- "operation = swap" --> step3',
      '  step2 -- "otherwise" --> step6',
      '  step5 --> step6',
      '  step6 --> done',
    ]);
  });
});

describe('a reconfigure job: the odometer comes from the vehicle, and only the named settings change', () => {
  const preset = { vehicleLocation: { text: 'Depot Süd, Hamburg' }, boxQnr: '0123456789ABCDEF', vin: 'WVWZZZCDZMW072341' };
  const check = { keyHolderType: 'ble', fuelType: 'electric', disableDrivingOnLock: true };
  let jobType: CompiledJobType;
  before(async () => {
    jobType = await loadJobTypeFile(path.join(__dirname, '..', 'job-types', 'cloudboxx-reconfigure.yaml'));
  });

  it('takes the odometer from neither the provider nor the installer, saying where it comes from', () => {
    expect(validateProviderValues(jobType, { ...preset, odometerKm: 48_210 })).to.deep.equal([
      {
        pointer: '/values/odometerKm',
        field: 'odometerKm',
        rule: 'presetForbidden',
        message:
          'Odometer (km) is filled from what the vehicle reports when step "check" runs its action, and cannot be set when the job is created',
      },
    ]);
    expect(validateStepValues(jobType, 'check', { ...check, odometerKm: 48_210 }, preset)).to.deep.equal([
      {
        pointer: '/values/odometerKm',
        field: 'odometerKm',
        rule: 'notInStep',
        message: 'Odometer (km) is filled from what the vehicle reports when step "check" runs its action; nobody types it in',
      },
    ]);
  });

  it('cannot succeed until the vehicle has reported the odometer', () => {
    const done = applicableSteps(jobType, preset).map((step) => step.id);
    const values = { ...preset, ...check };
    expect(completionBlockers(jobType, { completedStepIds: done, values })).to.deep.equal({
      pendingSteps: [],
      missingFields: ['odometerKm'],
    });
    expect(completionBlockers(jobType, { completedStepIds: done, values: { ...values, odometerKm: 48_210 } })).to.deep.equal({
      pendingSteps: [],
      missingFields: [],
    });
  });

  it('merges its configuration into the one the box runs, with the odometer the vehicle reported', () => {
    expect(jobType.configurationMode).to.equal('merge');
    expect(renderCloudBoxxConfiguration(jobType, { ...preset, ...check, odometerKm: 48_210 })).to.deep.include({
      vehicle: { vin: 'WVWZZZCDZMW072341', fuelType: 'electric', odometerKm: 48_210 },
    });
  });
});
