import http from 'node:http';
import { expect } from 'chai';
import { OPERATIONS } from '../../api/openapi/document';
import { ConflictError } from '../../common/errors';
import { createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { findProviderFleet } from '../../db/fleets';
import { acceptInvitation, inviteToFleet } from '../../db/invitations';
import { createInstallerCompany, onboardProvider } from '../../db/tenancy';
import { startTestStack, type TestStack } from '../support/stack';

const problem = (type: string) => `https://installer-jobs.dev/problems/${type}`;

/** What a portal is told when a request goes wrong in ways no single resource owns. */
describe('API errors as problem details', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let demo: DemoTenant;

  before(async () => {
    stack = await startTestStack('api errors');
    demo = (await createDemoTenantIfMissing(stack.db))!;
  });
  after(async () => stack?.stop());

  it('answers a method a path does not take with a method-not-allowed problem and its Allow header', async () => {
    const put = await stack.call('PUT', '/v1/jobs', demo.tokens.providerAdmin, {});
    expect(put.status).to.equal(405);
    expect(put.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(put.body).to.deep.include({ type: problem('method-not-allowed'), status: 405, instance: '/v1/jobs' });
    // Two routers serve /v1/jobs (create, list): the Allow header names both.
    expect(put.headers.get('allow')?.split(', ')).to.include.members(['GET', 'POST']);

    const health = await stack.call('POST', '/healthz');
    expect(health.status).to.equal(405);
    expect(health.body.type).to.equal(problem('method-not-allowed'));
    expect(health.headers.get('allow')?.split(', ')).to.include('GET');
  });

  it('answers a literal path with its own methods, not those of a route with a parameter that would match it', async () => {
    // PATCH /v1/jobs/{id} would take "import" for a job id; /v1/job-types/{id} would take "validate".
    const patched = await stack.call('PATCH', '/v1/jobs/import', demo.tokens.providerAdmin, {});
    expect(patched.status).to.equal(405);
    expect(patched.body.type).to.equal(problem('method-not-allowed'));
    expect(patched.headers.get('allow')).to.equal('POST');
    for (const path of ['/v1/job-types/validate', '/v1/job-types/preview']) {
      const options = await fetch(`${stack.baseUrl}${path}`, { method: 'OPTIONS' });
      expect(options.status, path).to.equal(204);
      expect(options.headers.get('allow'), path).to.equal('POST');
      expect((await stack.call('GET', path, demo.tokens.providerAdmin)).status, path).to.equal(405);
    }
    // Its own methods still go through.
    expect((await stack.call('GET', '/v1/jobs', demo.tokens.providerAdmin)).status).to.equal(200);
  });

  it('answers TRACE, a method no route takes, on every documented path with 405 and Allow, and on an unknown path with 404', async () => {
    // fetch() refuses TRACE: node:http sends it as a scanner would.
    const trace = (path: string) =>
      new Promise<{ status: number; allow?: string; body: { type: string } }>((resolve, reject) => {
        http
          .request(
            `${stack.baseUrl}${path}`,
            { method: 'TRACE', headers: { authorization: `Bearer ${demo.tokens.providerAdmin}` } },
            (response) => {
              let text = '';
              response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
              response.on('end', () => resolve({ status: response.statusCode!, allow: response.headers.allow, body: JSON.parse(text) }));
            },
          )
          .on('error', reject)
          .end();
      });
    for (const path of [...new Set(OPERATIONS.map((op) => op.path))]) {
      const concrete = path.replace('{id}', 'J-0000000000').replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
      const answer = await trace(concrete);
      expect(answer.status, path).to.equal(405);
      expect(answer.body.type, path).to.equal(problem('method-not-allowed'));
      const documented = OPERATIONS.filter((op) => op.path === path).map((op) => op.method.toUpperCase());
      expect(answer.allow?.split(', '), path).to.include.members(documented);
    }
    const unknown = await trace('/v1/nothing-here');
    expect(unknown.status).to.equal(404);
    expect(unknown.allow).to.equal(undefined);
    expect(unknown.body.type).to.equal(problem('not-found'));
  });

  it('answers a second invitation for the same fleet, accepted at the same moment, with already-accepted', async () => {
    const provider = await onboardProvider(stack.db, {
      name: `Race Mobility ${Date.now()}`,
      adminEmail: `race-${Date.now()}@provider.example`,
      fleetName: 'Leipzig',
    });
    const fleet = (await findProviderFleet(stack.db, provider.providerId, provider.fleetId))!;
    const company = await createInstallerCompany(stack.db, { name: 'Doppelt GmbH', adminEmail: `doppelt-${Date.now()}@installer.example` });
    const invitations = await Promise.all(
      ['office', 'workshop', 'boss'].map((who) =>
        inviteToFleet(stack.db, { fleet, email: `${who}-${Date.now()}@doppelt.example`, invitedBy: provider.adminUserId }),
      ),
    );

    const answers = await Promise.allSettled(
      invitations.map(({ token }) => acceptInvitation(stack.db, token, { existingCompanyId: company.companyId })),
    );
    expect(answers.filter((answer) => answer.status === 'fulfilled')).to.have.length(1);
    for (const answer of answers.filter((a): a is PromiseRejectedResult => a.status === 'rejected')) {
      expect(answer.reason, String(answer.reason)).to.be.instanceOf(ConflictError);
      expect((answer.reason as ConflictError).type).to.equal('already-accepted');
    }
    const accepted = await stack
      .db('invitations')
      .where({ fleet_id: fleet.id, installer_company_id: company.companyId, status: 'ACCEPTED' })
      .count({ n: '*' });
    expect(accepted).to.deep.equal([{ n: '1' }]);
  });
});
