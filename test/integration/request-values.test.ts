import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { MAX_ADDRESS_TEXT_LENGTH } from '../../definitions/value-schemas';
import { MAX_IMPORT_ROWS } from '../../api/jobs/import-format';
import { answerCheck } from '../../api/openapi/answer-check';
import { startTestStack, type TestStack } from '../support/stack';

const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };
const PROBLEMS = 'https://installer-jobs.dev/problems/';
const asDocumented = answerCheck();

interface Problem {
  pointer: string;
  message: string;
  rule: string;
}

/**
 * What a request's values and body may be, wherever they are sent — creating, editing, saving,
 * completing a step — and how a refusal names the field and the rule it breaks, in the words of
 * what the caller did.
 */
describe('values and bodies a request sends', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('request values');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  const provider = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.providerAdmin, body);
  const installer = (method: string, path: string, body?: unknown) => stack.call(method, path, demo.tokens.installerTechnician, body);
  const create = (values: Record<string, unknown>) =>
    provider('POST', '/v1/jobs', {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      values: { vehicleLocation: LOCATION, ...values },
    });
  const errorsOf = (answer: { body: { errors?: Problem[] } }) => answer.body.errors ?? [];
  const at = (answer: { body: { errors?: Problem[] } }, pointer: string) => errorsOf(answer).find((error) => error.pointer === pointer);

  // Its answer is held to the OpenAPI document like every other.
  /** A raw request; without a content type the body goes as bytes, which fetch sends with none (a string it calls text/plain). */
  async function send(method: string, path: string, body: string | undefined, contentType?: string) {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${demo.tokens.providerAdmin}`, ...(contentType ? { 'content-type': contentType } : {}) },
      body: body !== undefined && contentType === undefined ? new TextEncoder().encode(body) : body,
    });
    const text = await response.text();
    const answer = { status: response.status, body: text ? JSON.parse(text) : undefined };
    const mismatch = asDocumented({
      method,
      path,
      status: answer.status,
      contentType: response.headers.get('content-type'),
      body: answer.body,
    });
    if (mismatch) throw new Error(`${mismatch}\n${text.slice(0, 2000)}`);
    return answer;
  }

  async function runningJob(values: Record<string, unknown> = {}): Promise<string> {
    const created = await create(values);
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    await provider('POST', `/v1/jobs/${created.body.id}/assign`, { installerCompanyId: demo.installerCompanyId });
    expect((await installer('POST', `/v1/jobs/${created.body.id}/start`)).status).to.equal(200);
    return created.body.id;
  }

  it('refuses text of blanks only as it refuses "", naming the field and the rule, wherever the value is given', async () => {
    const blanks = { licensePlate: '   ' };
    const created = await create({ ...blanks, vehicleLocation: { text: ' \t ' } });
    expect(created.status).to.equal(422);
    expect(created.body.type).to.equal(`${PROBLEMS}invalid-values`);
    expect(errorsOf(created)).to.deep.include.members([
      { pointer: '/values/licensePlate', message: 'Licence plate must not be empty: it holds only blanks', rule: 'minLength' },
      {
        pointer: '/values/vehicleLocation/text',
        message: 'Vehicle location: text must not be empty: it holds only blanks',
        rule: 'minLength',
      },
    ]);

    const pending = await create({});
    const edited = await provider('PATCH', `/v1/jobs/${pending.body.id}`, { values: blanks });
    expect(edited.status).to.equal(422);
    expect(errorsOf(edited)).to.deep.equal([
      { pointer: '/values/licensePlate', message: 'Licence plate must not be empty: it holds only blanks', rule: 'minLength' },
    ]);

    const jobId = await runningJob();
    const saved = await installer('PATCH', `/v1/jobs/${jobId}/values`, { values: blanks });
    expect(saved.status).to.equal(422);
    expect(at(saved, '/values/licensePlate')).to.deep.include({ rule: 'minLength' });
    const step = await installer('POST', `/v1/jobs/${jobId}/steps/check-in/complete`, { values: { ...blanks, brand: ' ' } });
    expect(step.status).to.equal(422);
    expect(at(step, '/values/licensePlate')).to.deep.include({ rule: 'minLength' });
    expect(at(step, '/values/brand')).to.deep.include({ rule: 'minLength', message: 'Make must not be empty: it holds only blanks' });
  });

  it(`gives an address text at most ${MAX_ADDRESS_TEXT_LENGTH} characters, by the rule's name`, async () => {
    const long = 'Hauptstraße 1, 10115 Berlin; '.repeat(7_000);
    const created = await create({ vehicleLocation: { text: long } });
    expect(created.status).to.equal(422);
    expect(errorsOf(created)).to.deep.equal([
      {
        pointer: '/values/vehicleLocation/text',
        message: `Vehicle location: text must be at most ${MAX_ADDRESS_TEXT_LENGTH} characters long (it has ${long.length})`,
        rule: 'maxLength',
      },
    ]);
    const pending = await create({});
    const edited = await provider('PATCH', `/v1/jobs/${pending.body.id}`, { values: { vehicleLocation: { text: long.slice(0, 1000) } } });
    expect(edited.status).to.equal(422);
    expect(errorsOf(edited).map((error) => error.rule)).to.deep.equal(['maxLength']);
  });

  it('names the same rules when the installer saves values as when it completes their step', async () => {
    const jobId = await runningJob();
    const values = { vin: 'not a vin', fuelType: 'coal', odometerKm: -5 };
    const saved = await installer('PATCH', `/v1/jobs/${jobId}/values`, { values });
    const completed = await installer('POST', `/v1/jobs/${jobId}/steps/check-in/complete`, { values });
    expect([saved.status, completed.status]).to.deep.equal([422, 422]);
    for (const pointer of ['/values/vin', '/values/fuelType', '/values/odometerKm'])
      expect(at(saved, pointer), pointer).to.deep.equal(at(completed, pointer));
    expect(errorsOf(saved).map((error) => error.rule)).to.have.members(['pattern', 'enum', 'minimum']);
  });

  it("words the provider's refused edit as an edit", async () => {
    const pending = await create({});
    const edited = await provider('PATCH', `/v1/jobs/${pending.body.id}`, { values: { odometerKm: 5, vehicleLocation: null } });
    expect(edited.status).to.equal(422);
    expect(errorsOf(edited)).to.deep.equal([
      {
        pointer: '/values/vehicleLocation',
        message: 'Vehicle location must be given by the provider and cannot be cleared',
        rule: 'required',
      },
      {
        pointer: '/values/odometerKm',
        message: 'Odometer (km) is filled in by the installer and cannot be set by the provider',
        rule: 'presetForbidden',
      },
    ]);
  });

  it('answers a JSON endpoint 415 for a body sent as anything but JSON, naming the type it takes', async () => {
    const body = JSON.stringify({ jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, values: { vehicleLocation: LOCATION } });
    for (const [type, sent] of [
      ['text/plain', body],
      ['application/x-www-form-urlencoded', `jobTypeId=cloudboxx-install&fleetId=${demo.fleetId}`],
      [undefined, body],
    ] as const) {
      const answer = await send('POST', '/v1/jobs', sent, type);
      expect(answer.status, `${type}: ${JSON.stringify(answer.body)}`).to.equal(415);
      expect(answer.body.type).to.equal(`${PROBLEMS}unsupported-media-type`);
      expect(answer.body.title).to.match(/^Send the body as JSON, with Content-Type: application\/json/);
      expect(answer.body.errors).to.deep.equal([
        {
          pointer: '/',
          message: type ? `is ${type}, not application/json` : 'has no Content-Type; send application/json',
          rule: 'contentType',
        },
      ]);
    }
    const asJson = await send('POST', '/v1/jobs', body, 'application/json; charset=utf-8');
    expect(asJson.status, JSON.stringify(asJson.body)).to.equal(201);
    const patched = await send(
      'PATCH',
      `/v1/jobs/${asJson.body.id}`,
      JSON.stringify({ customerName: 'Kunde' }),
      'application/merge-patch+json',
    );
    expect(patched.status, 'a +json type is JSON').to.equal(200);
    expect(
      (await send('POST', `/v1/jobs/${asJson.body.id}/duplicate`, undefined, 'text/plain')).status,
      'no body, no type to judge',
    ).to.equal(201);
  });

  it('answers the CSV import 415 for JSON, and 413 for more rows than it takes, dry run or not', async () => {
    const importPath = `/v1/jobs/import?jobTypeId=cloudboxx-install&fleetId=${demo.fleetId}`;
    const json = await send('POST', importPath, JSON.stringify({ rows: [] }), 'application/json');
    expect(json.status).to.equal(415);
    expect(json.body.type).to.equal(`${PROBLEMS}unsupported-media-type`);
    expect((await send('POST', importPath, '"a string"', 'application/json')).status, 'nothing parses it as JSON').to.equal(415);

    const csv = `vehicleLocation\n${'Alexanderplatz 1 Berlin\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    for (const query of ['&dryRun=true', '']) {
      const tooMany = await send('POST', `${importPath}${query}`, csv, 'text/csv');
      expect(tooMany.status, query).to.equal(413);
      expect(tooMany.body.type).to.equal(`${PROBLEMS}payload-too-large`);
      expect(tooMany.body.errors).to.deep.equal([
        {
          pointer: `/rows/${MAX_IMPORT_ROWS + 2}`,
          message: `the file has ${MAX_IMPORT_ROWS + 1} rows; an import takes at most ${MAX_IMPORT_ROWS} (split it in several)`,
          rule: 'maxRows',
        },
      ]);
    }
  });
});
