import { expect } from 'chai';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { INSTALL_PRESETS } from '../support/install-job';
import { startTestStack, type TestStack } from '../support/stack';
import { typedCall } from '../support/typed-call';

/**
 * A portal's calls typed by the client generated from the OpenAPI document
 * (api/openapi/client-types.generated.ts): a request the document does not allow, or an answer
 * read in a way it does not promise, fails `npm run typecheck`; the answers are held to the
 * document's schemas as every other test's are.
 */
describe('a client generated from the OpenAPI document', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('typed client');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  it('creates, reads, lists, assigns and follows a job with the types the document gives', async () => {
    const token = demo.tokens.providerAdmin;
    const created = await typedCall(stack, 'post', '/v1/jobs', {
      token,
      body: { jobTypeId: 'cloudboxx-install', fleetId: demo.fleetId, customerName: 'Typed Mobility', values: INSTALL_PRESETS },
      headers: { 'Idempotency-Key': `typed-${Date.now()}` },
    });
    expect(created.status).to.equal(201);
    // createJob answers a Job, or { items } with count: the generated union makes the test say which.
    if ('items' in created.body) throw new Error('one job was asked for, not several');
    const job = created.body;
    expect(job.status).to.equal('PENDING');

    const read = await typedCall(stack, 'get', '/v1/jobs/{id}', { token, params: { id: job.id } });
    expect(read.body.id).to.equal(job.id);
    expect(read.body.customerName).to.equal('Typed Mobility');

    const page = await typedCall(stack, 'get', '/v1/jobs', {
      token,
      query: {
        status: ['PENDING'],
        q: 'Typed Mobility',
        sort: 'createdAt',
        order: 'desc',
        limit: 10,
        fields: ['id', 'status', 'customerName'],
      },
    });
    expect(page.body.items.map((item) => item.id)).to.deep.equal([job.id]);
    expect(page.body.nextCursor).to.equal(null);

    const assigned = await typedCall(stack, 'post', '/v1/jobs/{id}/assign', {
      token,
      params: { id: job.id },
      body: { installerCompanyId: demo.installerCompanyId },
    });
    expect(assigned.body.status).to.equal('ASSIGNED');

    const events = await typedCall(stack, 'get', '/v1/jobs/{id}/events', { token, params: { id: job.id } });
    expect(events.body.events.map((event) => event.type)).to.include('job.assigned');

    const types = await typedCall(stack, 'get', '/v1/job-types', { token, query: { owner: 'builtin' } });
    expect(types.body.items.map((type) => type.id)).to.include('cloudboxx-install');
  });

  it('does not compile a call the document does not allow (checked by npm run typecheck, never sent)', () => {
    const token = demo?.tokens.providerAdmin;
    void (() => {
      // @ts-expect-error: status takes the documented statuses only
      void typedCall(stack, 'get', '/v1/jobs', { token, query: { status: ['DONE'] } });
      // @ts-expect-error: sort takes the documented columns only
      void typedCall(stack, 'get', '/v1/jobs', { token, query: { sort: 'customerName' } });
      // @ts-expect-error: a job is created with a fleetId
      void typedCall(stack, 'post', '/v1/jobs', { token, body: { jobTypeId: 'cloudboxx-install' } });
      // @ts-expect-error: /v1/jobs/{id} needs its id
      void typedCall(stack, 'get', '/v1/jobs/{id}', { token });
      // @ts-expect-error: no such operation
      void typedCall(stack, 'put', '/v1/jobs', { token });
    });
  });
});
