// What the compiler adds beyond the checks: the job's vehicle and the CloudBoxx each step talks to,
// the defaults the grammar leaves implicit, and a content hash that follows the definition.
import { expect } from 'chai';
import path from 'node:path';
import { loadJobTypeFile } from './loader';
import { compileText, variant, withReadStep } from '../test/support/job-type-texts';

const STEP_QNR = '    qnrField: boxQnr\n';
const VEHICLE = 'vehicle:\n  qnrField: boxQnr\n';
const MAX_DURATION = '  maxDuration: PT8H\n';
const KM = '{ key: km, label: Km, section: setup, type: integer, required: true, preset: forbidden }';

describe('compiling a job type', () => {
  it('names the field holding the QNR of the CloudBoxx each action talks to, and null for manual steps', () => {
    const compiled = compileText();
    expect(compiled.steps.map((step) => [step.id, step.qnrField])).to.deep.equal([
      ['mount', null],
      ['configure', 'boxQnr'],
    ]);
  });

  it("resolves a step's CloudBoxx to vehicle.qnrField when the step names none", () => {
    const compiled = compileText(variant(STEP_QNR, ''));
    expect(compiled.steps.map((step) => step.qnrField)).to.deep.equal([null, 'boxQnr']);
  });

  it('talks to the old box before a swap and to the new one after it', async () => {
    const compiled = await loadJobTypeFile(path.join(__dirname, '..', 'job-types', 'cloudboxx-remove-or-swap.yaml'));
    expect(compiled.vehicle).to.deep.equal({ qnrField: 'newBoxQnr', oldQnrField: 'oldBoxQnr', vinField: 'vin', knownToOneApi: true });
    expect(compiled.steps.filter((step) => step.action !== null).map((step) => [step.id, step.qnrField])).to.deep.equal([
      ['check-in', 'oldBoxQnr'],
      ['configure-new', 'newBoxQnr'],
      ['verify-new', 'newBoxQnr'],
    ]);
  });

  it('fills in what the vehicle block leaves out: no old box, no VIN, known to OneAPI', () => {
    expect(compileText().vehicle).to.deep.equal({ qnrField: 'boxQnr', oldQnrField: null, vinField: null, knownToOneApi: true });
    expect(compileText(variant(VEHICLE, `${VEHICLE}  knownToOneApi: false\n`)).vehicle.knownToOneApi).to.equal(false);
  });

  it('gives every action step a timeout, PT2M unless it says otherwise, and manual steps none', () => {
    expect(compileText().steps.map((step) => step.actionTimeoutMs)).to.deep.equal([null, 120_000]);
    expect(compileText(variant(STEP_QNR, `${STEP_QNR}    actionTimeout: PT30S\n`)).steps.map((step) => step.actionTimeoutMs)).to.deep.equal(
      [null, 30_000],
    );
  });

  it('secures the vehicle by locking it and disabling driving unless the type opts out', () => {
    expect(compileText().access.onEnd).to.deep.equal(['lock', 'disableDriving']);
    expect(compileText(variant(MAX_DURATION, `${MAX_DURATION}  onEnd: [lock]\n`)).access.onEnd).to.deep.equal(['lock']);
    expect(compileText(variant(MAX_DURATION, `${MAX_DURATION}  onEnd: []\n`)).access.onEnd).to.deep.equal([]);
  });

  it('replaces the whole configuration unless the type merges, also when it configures nothing', () => {
    expect(compileText().configurationMode).to.equal('replace');
    expect(compileText(variant('    serial: ${boxSerial}\n', '    serial: ${boxSerial}\n  mode: merge\n')).configurationMode).to.equal(
      'merge',
    );
    const nothingToConfigure = variant('cloudboxx:\n  configuration:\n    serial: ${boxSerial}\n', '').replace(
      '    action: cloudboxx.applyConfiguration\n    qnrField: boxQnr\n',
      '',
    );
    expect(compileText(nothingToConfigure)).to.include({ configurationTemplate: null, configurationMode: 'replace' });
  });

  it('records what a step fills, and makes the filling step the one a filled field belongs to', () => {
    const compiled = compileText(withReadStep('{ km: odometerKm }', [KM]));
    expect(compiled.steps.map((step) => [step.id, step.fills])).to.deep.equal([
      ['mount', {}],
      ['configure', {}],
      ['read', { km: 'odometerKm' }],
    ]);
    expect(compiled.fields.find((field) => field.key === 'km')).to.include({ collectedBy: 'read', required: true, preset: 'forbidden' });
  });

  it('changes the content hash when a step talks to another CloudBoxx', () => {
    const swap = variant(VEHICLE, `${VEHICLE}  oldQnrField: boxSerial\n`);
    expect(compileText(variant(STEP_QNR, '    qnrField: boxSerial\n', swap)).contentHash).to.not.equal(compileText(swap).contentHash);
  });

  it('changes the content hash when the vehicle is left otherwise', () => {
    expect(compileText(variant(MAX_DURATION, `${MAX_DURATION}  onEnd: []\n`)).contentHash).to.not.equal(compileText().contentHash);
  });
});
