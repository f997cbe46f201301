import type Router from '@koa/router';
import { expect } from 'chai';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { companiesRouter } from '../companies/router';
import { healthRouter } from '../health/router';
import { fleetInvitationsRouter, invitationResponsesRouter } from '../invitations/router';
import { jobTypesRouter } from '../job-types/router';
import { jobListRouter } from '../jobs/list-router';
import { jobsRouter } from '../jobs/router';
import { usersRouter } from '../users/router';
import { OPERATIONS, openApiDocument } from './document';

/** Routers only keep their dependencies; building them with none is enough to read their routes. */
function routesOf(routers: Router<never>[]): string[] {
  return routers.flatMap((router) =>
    router.stack.flatMap((layer) =>
      layer.methods.filter((method) => method !== 'HEAD').map((method) => `${method} ${String(layer.path).replace(/:(\w+)/g, '{$1}')}`),
    ),
  );
}

describe('the OpenAPI document', () => {
  it('lists exactly the routes the API serves', () => {
    const none = {} as never;
    const served = routesOf([healthRouter(none), jobsRouter(none), jobListRouter(none), jobTypesRouter(none), fleetInvitationsRouter(none), invitationResponsesRouter(none), companiesRouter(none), usersRouter(none)] as unknown as Router<never>[]);
    const documented = OPERATIONS.map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect([...new Set(served)].sort()).to.deep.equal([...documented].sort());
  });

  it('is OpenAPI 3.1 whose request schemas compile', () => {
    const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: object }> } }>> };
    expect(document.openapi).to.equal('3.1.0');
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    let compiled = 0;
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations)) {
        const schema = operation.requestBody?.content['application/json']?.schema;
        if (schema) {
          ajv.compile(schema);
          compiled += 1;
        }
      }
    }
    expect(compiled).to.equal(OPERATIONS.filter((op) => op.body).length);
  });

  it('requires a request body only where the route needs one, and names 413 and 429 where they can happen', () => {
    type Documented = { requestBody?: { required: boolean; content: Record<string, { schema: object }> }; responses: Record<string, object> };
    const document = openApiDocument() as { paths: Record<string, Record<string, Documented>> };
    const operations = Object.entries(document.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, operation })));
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
    expect(withStatus('413')).to.have.members(operations.filter(({ method }) => method === 'post' || method === 'patch').map(({ name }) => name));
    const publicOperations = OPERATIONS.filter((op) => op.public).map((op) => `${op.method.toUpperCase()} ${op.path}`);
    expect(withStatus('429')).to.have.members(operations.map(({ name }) => name).filter((name) => !publicOperations.includes(name)));
    expect(document.paths['/v1/jobs']!.post!.responses['429']).to.have.nested.property('headers.Retry-After');
  });
});
