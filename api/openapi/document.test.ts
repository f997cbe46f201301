import type Router from '@koa/router';
import { expect } from 'chai';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { companiesRouter } from '../companies/router';
import { healthRouter } from '../health/router';
import { geocodingRouter } from '../geocoding/router';
import { fleetInvitationsRouter, invitationResponsesRouter } from '../invitations/router';
import { accountLinksRouter } from '../account-links/router';
import { jobTypesRouter } from '../job-types/router';
import { jobListRouter } from '../jobs/list-router';
import { jobsRouter } from '../jobs/router';
import { usersRouter } from '../users/router';
import { webhooksRouter } from '../webhooks/router';
import { photosRouter } from '../photos/router';
import { providersRouter } from '../providers/router';
import { eventsRouter } from '../events/router';
import { schemaCompiler, type OpenApiDocument } from './answer-check';
import { OPERATIONS, openApiDocument } from './document';

/** Routers only keep their dependencies; building them with none (but a guard) is enough to read their routes. */
function routesOf(routers: Router<never>[]): string[] {
  return routers.flatMap((router) =>
    router.stack.flatMap((layer) =>
      layer.methods.filter((method) => method !== 'HEAD').map((method) => `${method} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
    ),
  );
}

describe('the OpenAPI document', () => {
  it('lists exactly the routes the API serves', () => {
    const none = { signedIn: () => {} } as never;
    const served = routesOf([
      healthRouter(none),
      jobsRouter(none),
      jobListRouter(none),
      jobTypesRouter(none),
      fleetInvitationsRouter(none),
      invitationResponsesRouter(none),
      accountLinksRouter(none),
      companiesRouter(none),
      providersRouter(none),
      usersRouter(none),
      webhooksRouter(none),
      geocodingRouter(none),
      eventsRouter(none),
      photosRouter({ signedIn: () => {}, signedInStreamedBody: () => {}, photos: { scratchDir: '/nonexistent' } } as never),
    ] as unknown as Router<never>[]);
    const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect([...new Set(served)].sort()).to.deep.equal([...documented].sort());
  });

  it('documents the headers a client reads on a success: Location, Dropped-Values, Idempotent-Replayed on every POST', () => {
    type Responses = Record<string, { headers?: Record<string, unknown> }>;
    const document = openApiDocument() as { paths: Record<string, Record<string, { responses: Responses }>> };
    const headersOf = (path: string, method: string, status: number) =>
      Object.keys(document.paths[path]![method]!.responses[String(status)]!.headers ?? {});
    expect(headersOf('/v1/jobs', 'post', 201)).to.include.members(['Location', 'Idempotent-Replayed']);
    expect(headersOf('/v1/jobs/{id}/duplicate', 'post', 201)).to.include.members(['Location', 'Dropped-Values']);
    expect(headersOf('/v1/jobs/{id}/steps/{stepId}/complete', 'post', 202)).to.include('Location');
    expect(headersOf('/v1/jobs/{id}/steps/{stepId}/complete', 'post', 200)).to.not.include('Location');
    expect(headersOf('/v1/webhooks', 'post', 201)).to.include('Location');
    for (const [path, byMethod] of Object.entries(document.paths))
      for (const [status, response] of Object.entries(byMethod.post?.responses ?? {}))
        if (/^2\d\d$/.test(status) && status !== '204')
          expect(response.headers, `POST ${path} ${status}`).to.have.property('Idempotent-Replayed');
  });

  it('names every operation with a unique camelCase operationId', () => {
    const document = openApiDocument() as { paths: Record<string, Record<string, { operationId?: string }>> };
    const ids = Object.values(document.paths).flatMap((byMethod) => Object.values(byMethod).map((operation) => operation.operationId));
    expect(ids).to.have.lengthOf(OPERATIONS.length);
    for (const id of ids)
      expect(id)
        .to.be.a('string')
        .that.matches(/^[a-z][a-zA-Z]+$/);
    expect(new Set(ids).size, 'operationIds are unique').to.equal(ids.length);
  });

  it('describes every parameter on the parameter, with its enum, bounds and default in its schema', () => {
    type Parameter = { name: string; in: string; description?: string; schema: Record<string, unknown> & { items?: { type?: string } } };
    const document = openApiDocument() as { paths: Record<string, Record<string, { parameters?: Parameter[] }>> };
    const parameters = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).flatMap(([method, operation]) =>
        (operation.parameters ?? []).map((parameter) => ({
          name: `${method.toUpperCase()} ${path} ${parameter.in} ${parameter.name}`,
          parameter,
        })),
      ),
    );
    expect(parameters.length).to.be.greaterThan(OPERATIONS.length);
    for (const { name, parameter } of parameters) {
      expect(parameter.description, name).to.be.a('string').that.is.not.empty;
      expect(parameter.schema, name).not.to.have.property('description');
      const typedSchema = parameter.schema.type === 'array' ? parameter.schema.items : parameter.schema;
      expect(typedSchema, name).to.have.property('type');
    }
    const listJobs = Object.fromEntries(document.paths['/v1/jobs']!.get!.parameters!.map((parameter) => [parameter.name, parameter]));
    expect(listJobs.sort!.schema).to.deep.include({
      type: 'string',
      enum: ['createdAt', 'updatedAt', 'requestedStartAt', 'finishedAt', 'status'],
    });
    expect(listJobs.order!.schema).to.deep.include({ type: 'string', enum: ['asc', 'desc'] });
    expect(listJobs.status!.schema).to.deep.nested.include({ 'items.type': 'string' });
    expect(listJobs.status!.schema.items).to.have.property('enum').that.includes('FAILED');
    expect(listJobs.limit!.schema).to.deep.include({ type: 'integer', minimum: 1, maximum: 200, default: 50 });
    expect(listJobs.q!.description).to.match(/every word must appear/);
    const getJob = document.paths['/v1/jobs/{id}']!.get!.parameters![0]!;
    expect(getJob).to.deep.include({ name: 'id', in: 'path', description: 'The job id, e.g. J-01HZX3K9QF.' });
    expect(getJob.schema).to.have.property('pattern');
  });

  it('says what the API refuses in any request: NUL in text and keys, dates outside 1900-9999, offsets over 14 hours', () => {
    type Schema = {
      properties: Record<string, { pattern?: string; allOf?: Array<{ pattern?: string }>; propertyNames?: { pattern: string } }>;
    };
    const document = openApiDocument() as {
      paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: Schema }> } }>>;
    };
    const { properties } = document.paths['/v1/jobs']!.post!.requestBody.content['application/json']!.schema;
    // A customer's name has a pattern of its own (not blanks alone); NUL is refused beside it.
    const { pattern, allOf = [] } = properties.customerName!;
    const patterns = [pattern, ...allOf.map((part) => part.pattern)].map((source) => new RegExp(source!, 'u'));
    const text = { test: (value: string) => patterns.every((each) => each.test(value)) };
    expect([text.test('Stadtwerke Köln 😀'), text.test('Stadt\u0000werke'), text.test('\u00a0 ')]).to.deep.equal([true, false, false]);
    const date = new RegExp(properties.requestedStartAt!.pattern!, 'u');
    const dates = [
      '2026-11-23T14:30:00Z',
      '2026-11-23T14:30:00-14:00',
      '2026-11-23T14:30:00+05:45',
      '0237-05-22T21:39:32Z',
      '2026-11-23T14:30:00+15:00',
    ];
    expect(dates.map((value) => date.test(value))).to.deep.equal([true, true, true, false, false]);
    expect(new RegExp(properties.values!.propertyNames!.pattern, 'u').test('a\u0000')).to.equal(false);
    const fleet = document.paths['/v1/fleets']!.post!.requestBody.content['application/json']!.schema.properties.name as {
      allOf?: { pattern: string }[];
    };
    expect(
      fleet.allOf?.map(({ pattern }) => new RegExp(pattern, 'u').test('Ber\u0000lin')),
      'a pattern for a part of the name',
    ).to.deep.equal([false]);
  });

  it('is OpenAPI 3.1 whose request and response schemas compile, their $refs all found', () => {
    type Content = Record<string, { schema: object }>;
    const document = openApiDocument() as OpenApiDocument & {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: { content: Content }; responses: Record<string, { content?: Content }> }>>;
    };
    expect(document.openapi).to.equal('3.1.0');
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    // Answers are compiled as the integration tests check them: strictly, $refs resolved against the components.
    const compileStrictly = schemaCompiler(document);
    let requests = 0;
    let answers = 0;
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations)) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (schema) {
          ajv.compile(schema);
          requests += 1;
        }
        for (const response of Object.values(operation.responses)) {
          for (const media of Object.values(response.content ?? {})) {
            compileStrictly(media.schema);
            answers += 1;
          }
        }
      }
    }
    for (const component of Object.values(document.components.schemas)) compileStrictly(component);
    expect(requests).to.equal(OPERATIONS.filter((op) => op.body).length);
    expect(answers).to.be.greaterThan(OPERATIONS.length);
  });

  it('documents the schema of the success answer of every operation but those answering 204', () => {
    type Response = { content?: Record<string, { schema?: object }> };
    const document = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, Response> }>> };
    for (const op of OPERATIONS) {
      const { responses } = document.paths[op.path]![op.method]!;
      const name = `${op.method.toUpperCase()} ${op.path}`;
      if (op.noContent) {
        expect(responses['204'], name).to.deep.equal({ description: 'Done' });
        continue;
      }
      const success = responses[op.created ? '201' : '200'];
      for (const type of op.binary?.contentTypes ?? (op.eventStream ? ['text/event-stream'] : ['application/json']))
        expect(success?.content?.[type]?.schema, `${name} ${type}`).to.be.an('object').that.is.not.empty;
    }
  });

  it('requires a request body only where the route needs one, and names 413 and 429 where they can happen', () => {
    type Documented = {
      requestBody?: { required: boolean; content: Record<string, { schema: object }> };
      responses: Record<string, object>;
    };
    const document = openApiDocument() as { paths: Record<string, Record<string, Documented>> };
    const operations = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, operation })),
    );
    const optional = operations.filter(({ operation }) => operation.requestBody && !operation.requestBody.required).map(({ name }) => name);
    expect(optional.sort()).to.deep.equal(['POST /v1/invitations/{token}/accept', 'POST /v1/jobs/{id}/steps/{stepId}/complete']);
    // A schema that takes an empty object never needs a body (the parser gives {} for none).
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const { name, operation } of operations) {
      const schema = operation.requestBody?.content['application/json']?.schema;
      if (schema && ajv.validate(schema, {})) expect(operation.requestBody!.required, name).to.equal(false);
    }

    const withStatus = (status: string) => operations.filter(({ operation }) => status in operation.responses).map(({ name }) => name);
    expect(withStatus('413')).to.have.members(
      operations.filter(({ method }) => method === 'post' || method === 'patch' || method === 'put').map(({ name }) => name),
    );
    const publicOperations = OPERATIONS.filter((op) => op.public).map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(withStatus('429')).to.have.members(operations.map(({ name }) => name).filter((name) => !publicOperations.includes(name)));
    expect(document.paths['/v1/jobs']!.post!.responses['429']).to.have.nested.property('headers.Retry-After');
  });
});
