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
});
