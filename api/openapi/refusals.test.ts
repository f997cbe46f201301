import { expect } from 'chai';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { OPERATIONS, openApiDocument } from './document';

type Schema = Record<string, unknown>;
type Operation = {
  parameters?: Array<{ name: string; in: string; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string }>;
};
const document = openApiDocument() as { paths: Record<string, Record<string, Operation>> };
const operation = (method: string, path: string) => document.paths[path]![method]!;

/**
 * What the API refuses of a request, the document says too, so that a client or a fuzzer
 * (scripts/schemathesis.sh) generating from it does not meet a refusal it could not foresee.
 */
describe('the OpenAPI document on refusals', () => {
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);

  it('gives customers to a dispatcher and a customer-portal user, and to no admin', () => {
    const valid = ajv.compile(operation('post', '/v1/users').requestBody!.content['application/json']!.schema);
    const email = 'someone@example.com';
    expect(valid({ email, role: 'provider_admin' })).to.equal(true);
    expect(valid({ email, role: 'provider_admin', customers: ['Stadtwerke Nord'] })).to.equal(false);
    for (const role of ['provider_dispatcher', 'provider_customer']) {
      expect(valid({ email, role, customers: ['Stadtwerke Nord'] }), role).to.equal(true);
      expect(valid({ email, role }), role).to.equal(false);
    }
  });

  it("gives a cursor the characters of the API's own (base64url)", () => {
    const cursor = operation('get', '/v1/jobs').parameters!.find((parameter) => parameter.name === 'cursor')!;
    const valid = ajv.compile(cursor.schema);
    const issued = Buffer.from(JSON.stringify(['createdAt', 'desc', ['2026-11-23T14:30:00.000000Z', 'J-01HZX3K9QF']])).toString(
      'base64url',
    );
    expect([valid(issued), valid('abc!'), valid('abc=')]).to.deep.equal([true, false, false]);
  });

  it("states a job type source's limit in bytes, as the API counts it, not as characters", () => {
    const sources = [
      operation('put', '/v1/job-types/{id}').requestBody!.content['application/yaml']!.schema,
      operation('post', '/v1/job-types/validate').requestBody!.content['text/yaml']!.schema,
      (operation('post', '/v1/job-types/preview').requestBody!.content['application/json']!.schema.properties as Record<string, Schema>)
        .source!,
    ];
    for (const source of sources) {
      expect(source).not.to.have.property('maxLength');
      expect(source.description).to.match(/at most 256 KiB \(262144 bytes\) in UTF-8/);
    }
  });

  it("takes any YAML value to validate, as the API does (a YAML body's schema describes the value, not the text)", () => {
    const validate = operation('post', '/v1/job-types/validate').requestBody!.content['application/yaml']!.schema;
    expect(validate).not.to.have.property('type');
    expect(operation('put', '/v1/job-types/{id}').requestBody!.content['application/yaml']!.schema).to.have.property('type', 'string');
  });

  it('takes any text to import as CSV, as the API does, and states its limit in bytes', () => {
    const csv = operation('post', '/v1/jobs/import').requestBody!.content['text/csv']!.schema;
    expect(csv).not.to.have.property('type');
    expect(csv).not.to.have.property('maxLength');
    expect(csv.description).to.match(/^Any text, read as CSV .* at most 2 MiB/);
  });

  it('refuses `__proto__` as a free key, as the JSON parser does', () => {
    const values = (operation('post', '/v1/jobs').requestBody!.content['application/json']!.schema.properties as Record<string, Schema>)
      .values!;
    const valid = ajv.compile(values);
    expect([valid({ vin: 'WVW', '': 1 }), valid(JSON.parse('{"__proto__": 1}'))]).to.deep.equal([true, false]);
  });

  it('names the 422s no schema can rule out: a reused Idempotency-Key on every POST, an unknown or archived job type, YAML', () => {
    const unprocessable = (method: string, path: string) => operation(method, path).responses['422']!.description;
    for (const op of OPERATIONS.filter(({ method }) => method === 'post'))
      expect(unprocessable(op.method, op.path), op.path).to.include('idempotency-key-reused');
    expect(unprocessable('post', '/v1/jobs')).to.include('unknown-job-type').and.include('job-type-archived').and.include('invalid-values');
    expect(unprocessable('post', '/v1/jobs/import')).to.include('unknown-job-type').and.include('job-type-archived');
    expect(unprocessable('put', '/v1/job-types/{id}')).to.include('invalid-job-type');
    expect(unprocessable('get', '/v1/jobs')).not.to.include('idempotency-key-reused');
  });
});
