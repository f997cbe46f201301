import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { startTestStack, type TestStack } from '../support/stack';

const PROBLEMS = 'https://installer-jobs.dev/problems/';
const QNR = 'C693EE96ADAEF932'; // a CloudBoxx of the simulator's demo fleet

/** v1 of a provider's own type: a field named like a member of Object.prototype, a remark, and a reading of the vehicle. */
const V1 = `id: acme-dup
title: ACME duplicate check
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
  - { key: toString, label: Legacy code, section: setup, type: string }
  - { key: remark, label: Remark, section: setup, type: text }
  - { key: odometerKm, label: Odometer (km), section: setup, type: integer, preset: forbidden }
vehicle: { qnrField: boxQnr }
steps:
  - { id: read, title: Read the odometer, action: cloudboxx.readVehicleState, fills: { odometerKm: odometerKm } }
access: { permissions: [readState], maxDuration: PT2H }
`;

/** v2: the legacy code is gone, the remark is the installer's now. */
const V2 = V1.replace(/ {2}- \{ key: toString.*\n/, '')
  .replace('type: text }', 'type: text, preset: forbidden }')
  .replace('access:', '  - { id: note, title: Note, collect: [remark] }\naccess:');

/**
 * POST /v1/jobs/{id}/duplicate makes the new job from the job type's latest version. It takes no
 * body, so what that version no longer lets the provider set is left out (and named in the answer's
 * Dropped-Values header) rather than refusing the duplicate for good.
 */
describe('duplicating a job after its job type changed', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('duplicate latest version');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  const provider = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.providerAdmin, body);
  const installer = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.installerTechnician, body);

  async function publish(source: string): Promise<number> {
    const response = await fetch(`${stack.baseUrl}/v1/job-types/acme-dup`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${demo.tokens.providerAdmin}`, 'content-type': 'application/yaml' },
      body: source,
    });
    const text = await response.text();
    expect(response.status, text).to.be.oneOf([200, 201]);
    return JSON.parse(text).version;
  }

  it('leaves out the values the latest version has no field for the provider to set, names them, and keeps the rest', async () => {
    expect(await publish(V1)).to.equal(1);
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'acme-dup',
      fleetId: demo.fleetId,
      values: { boxQnr: QNR, toString: 'LEGACY-7', remark: 'Key at the front desk' },
    });
    expect(created.status, created.text).to.equal(201);
    const original = created.body;

    const same = await provider('POST', `/v1/jobs/${original.id}/duplicate`);
    expect(same.status, same.text).to.equal(201);
    expect(same.headers.get('dropped-values'), 'nothing left out while the type is the same').to.equal(null);
    expect(same.body.values).to.deep.equal({ boxQnr: QNR, toString: 'LEGACY-7', remark: 'Key at the front desk' });

    expect(await publish(V2)).to.equal(2);
    const key = { 'idempotency-key': `duplicate-${original.id}` };
    const copy = await stack.call('POST', `/v1/jobs/${original.id}/duplicate`, demo.tokens.providerAdmin, undefined, key);
    expect(copy.status, copy.text).to.equal(201);
    expect(copy.body.jobType).to.deep.include({ id: 'acme-dup', version: 2 });
    expect(copy.body.values).to.deep.equal({ boxQnr: QNR });
    expect(copy.body.lockedFields).to.deep.equal(['boxQnr']);
    expect(copy.headers.get('dropped-values')).to.equal('toString, remark');
    expect(copy.headers.get('location')).to.equal(`/v1/jobs/${copy.body.id}`);
    // A retry (its answer lost on the way) gets the whole answer again, the header too.
    const retried = await stack.call('POST', `/v1/jobs/${original.id}/duplicate`, demo.tokens.providerAdmin, undefined, key);
    expect(retried.headers.get('idempotent-replayed')).to.equal('true');
    expect(retried.body.id).to.equal(copy.body.id);
    expect(retried.headers.get('dropped-values')).to.equal('toString, remark');
  });

  it("does not take over what the vehicle reported on the original: that is the job's reading, not the provider's", async () => {
    await publish(V1);
    const created = await provider('POST', '/v1/jobs', { jobTypeId: 'acme-dup', fleetId: demo.fleetId, values: { boxQnr: QNR } });
    expect(created.status, created.text).to.equal(201);
    const job = created.body;
    expect((await provider('POST', `/v1/jobs/${job.id}/assign`, { installerCompanyId: demo.installerCompanyId })).status).to.equal(200);
    expect((await installer('POST', `/v1/jobs/${job.id}/start`)).status).to.equal(200);
    const read = await installer('POST', `/v1/jobs/${job.id}/steps/read/complete`, {});
    expect(read.status, read.text).to.be.oneOf([200, 202]);
    let row = read.body;
    for (let i = 0; i < 50 && !row.lockedFields.includes('odometerKm'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      row = (await provider('GET', `/v1/jobs/${job.id}`)).body;
    }
    expect(row.lockedFields).to.include('odometerKm');

    const copy = await provider('POST', `/v1/jobs/${job.id}/duplicate`);
    expect(copy.status, copy.text).to.equal(201);
    expect(copy.body.values).to.deep.equal({ boxQnr: QNR });
    expect(copy.headers.get('dropped-values')).to.equal(null);
  });

  it("refuses a kept value that breaks its field's new rules, saying to create the job with the value corrected", async () => {
    await publish(V1);
    const created = await provider('POST', '/v1/jobs', {
      jobTypeId: 'acme-dup',
      fleetId: demo.fleetId,
      values: { boxQnr: QNR, toString: 'x' },
    });
    expect(created.status, created.text).to.equal(201);
    const version = await publish(V2.replace('^[0-9A-F]{16}$', '^[0-9]{16}$'));

    const refused = await provider('POST', `/v1/jobs/${created.body.id}/duplicate`);
    expect(refused.status).to.equal(422);
    expect(refused.body.type).to.equal(`${PROBLEMS}invalid-values`);
    expect(refused.body.title).to.equal(
      `Job ${created.body.id}'s values break the rules of job type acme-dup v${version}, the version a duplicate is made from.`,
    );
    expect(refused.body.detail).to.include('POST /v1/jobs').and.include('toString');
    expect(refused.body.errors.map((error: { pointer: string }) => error.pointer)).to.deep.equal(['/values/boxQnr']);
  });
});
