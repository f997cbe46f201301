// /v1/webhooks as a portal uses it: who may register endpoints, what a URL may be, and what is answered.
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createApp } from '../../api/app';
import { createApiServer } from '../../api/server';
import { addProviderUser, createInstallerCompany, onboardProvider } from '../../db/tenancy';
import { callApi, startTestStack, type TestStack } from '../support/stack';

describe('the webhooks API', function () {
  this.timeout(60_000);
  let stack: TestStack;
  let provider: Awaited<ReturnType<typeof onboardProvider>>;

  before(async () => {
    stack = await startTestStack('webhooks api');
    provider = await onboardProvider(stack.db, { name: 'Hook Mobility', adminEmail: 'admin@hook.example', fleetName: 'Hook fleet' });
  });
  after(async () => stack?.stop());

  const problemAt = (answer: { body: { errors?: Array<{ pointer: string; rule?: string }> } }) =>
    answer.body.errors?.map(({ pointer, rule }) => ({ pointer, rule }));

  it('registers, lists, changes, rotates and removes an endpoint, showing the secret only when made', async () => {
    const created = await stack.call('POST', '/v1/webhooks', provider.adminToken, {
      url: 'http://127.0.0.1:9/hooks',
      eventTypes: ['job.created', 'job.failed'],
      description: 'Portal',
    });
    expect(created.status, created.text).to.equal(201);
    expect(created.body).to.include({ url: 'http://127.0.0.1:9/hooks', description: 'Portal', paused: false, previousSecretUntil: null });
    expect(created.body.secret).to.match(/^whsec_[A-Za-z0-9+/=]{44}$/);
    const id: string = created.body.id;
    expect(created.headers.get('location')).to.equal(`/v1/webhooks/${id}`);

    const listed = await stack.call('GET', '/v1/webhooks', provider.adminToken);
    expect(listed.body.webhooks.map((hook: { id: string }) => hook.id)).to.deep.equal([id]);
    expect(listed.text, 'the secret is shown once').not.to.include(created.body.secret);
    expect((await stack.call('GET', `/v1/webhooks/${id}`, provider.adminToken)).text).not.to.include('secret');

    const paused = await stack.call('PATCH', `/v1/webhooks/${id}`, provider.adminToken, {
      paused: true,
      eventTypes: ['job.succeeded'],
      description: null,
    });
    expect(paused.status, paused.text).to.equal(200);
    expect(paused.body).to.include({ paused: true, description: null });
    expect(paused.body.eventTypes).to.deep.equal(['job.succeeded']);

    const rotated = await stack.call('POST', `/v1/webhooks/${id}/secret`, provider.adminToken);
    expect(rotated.body.secret)
      .to.match(/^whsec_/)
      .and.not.equal(created.body.secret);
    expect(Date.parse(rotated.body.previousSecretUntil) - Date.now()).to.be.within(23.9 * 3600_000, 24 * 3600_000);
    // Postgres holds both secrets sealed (WEBHOOK_SECRETS_KEY), neither as shown.
    const stored = await stack.db('webhook_endpoints').where({ id }).first('secret', 'previous_secret');
    for (const [column, shown] of [
      ['secret', rotated.body.secret],
      ['previous_secret', created.body.secret],
    ] as const) {
      expect(stored[column], column).to.match(/^sealed:v1:/);
      expect(stored[column], column).not.to.include((shown as string).slice('whsec_'.length, 30));
    }

    expect((await stack.call('GET', `/v1/webhooks/${id}/deliveries`, provider.adminToken)).body).to.deep.equal({
      items: [],
      nextCursor: null,
    });
    // A cursor beyond what Postgres's bigint holds is bad input, not a failed query.
    const beyond = await stack.call('GET', `/v1/webhooks/${id}/deliveries?cursor=9999999999999999999`, provider.adminToken);
    expect({ status: beyond.status, pointer: beyond.body.errors?.[0]?.pointer }).to.deep.equal({ status: 400, pointer: '/cursor' });
    expect((await stack.call('DELETE', `/v1/webhooks/${id}`, provider.adminToken)).status).to.equal(204);
    expect((await stack.call('GET', `/v1/webhooks/${id}`, provider.adminToken)).status).to.equal(404);
  });

  it('is for the admins of a provider or an installer company; each sees only its own', async () => {
    const company = await createInstallerCompany(stack.db, { name: 'Hook Works', adminEmail: 'office@hook-works.example' });
    const ofCompany = await stack.call('POST', '/v1/webhooks', company.adminToken, {
      url: 'http://127.0.0.1:9/c',
      eventTypes: ['job.assigned'],
    });
    expect(ofCompany.status, ofCompany.text).to.equal(201);
    expect(
      (await stack.call('GET', `/v1/webhooks/${ofCompany.body.id}`, provider.adminToken)).status,
      "the provider, the company's",
    ).to.equal(404);
    expect((await stack.call('GET', '/v1/webhooks', provider.adminToken)).text).not.to.include(ofCompany.body.id);

    const { token } = await addProviderUser(stack.db, provider.providerId, {
      email: 'dispatch@hook.example',
      role: 'provider_dispatcher',
      customers: ['X'],
    });
    const refused = await stack.call('POST', '/v1/webhooks', token, { url: 'http://127.0.0.1:9/d', eventTypes: ['job.created'] });
    expect(refused.status).to.equal(403);
    expect(refused.body.type).to.equal('https://installer-jobs.dev/problems/wrong-role');
  });

  it('names the field and the rule of a bad body', async () => {
    const unknownType = await stack.call('POST', '/v1/webhooks', provider.adminToken, {
      url: 'http://127.0.0.1:9/hooks',
      eventTypes: ['job.created', 'job.edited'],
    });
    expect(unknownType.status).to.equal(400);
    expect(problemAt(unknownType)).to.deep.equal([{ pointer: '/eventTypes/1', rule: 'enum' }]);
    const none = await stack.call('POST', '/v1/webhooks', provider.adminToken, { url: 'http://127.0.0.1:9/hooks', eventTypes: [] });
    expect(problemAt(none)).to.deep.equal([{ pointer: '/eventTypes', rule: 'minItems' }]);
    const credentials = await stack.call('POST', '/v1/webhooks', provider.adminToken, {
      url: 'http://user:pw@127.0.0.1:9/hooks',
      eventTypes: ['job.created'],
    });
    expect(credentials.status).to.equal(400);
    expect(credentials.body.errors).to.deep.equal([
      { pointer: '/url', message: 'must be an http(s) URL without user name or password', rule: 'pattern' },
    ]);
    const ftp = await stack.call('POST', '/v1/webhooks', provider.adminToken, { url: 'ftp://example.com/', eventTypes: ['job.created'] });
    expect(problemAt(ftp)).to.deep.equal([{ pointer: '/url', rule: 'pattern' }]);
    const notUrl = await stack.call('POST', '/v1/webhooks', provider.adminToken, { url: '0', eventTypes: ['job.created'] });
    expect(problemAt(notUrl)).to.deep.include({ pointer: '/url', rule: 'format' });
  });

  it('refuses, where private targets are not allowed (production), URLs to this machine or its network', async () => {
    // The same app as production builds it: WEBHOOK_ALLOW_PRIVATE_TARGETS unset.
    const app = createApp({
      db: stack.db,
      temporal: stack.client,
      namespace: 'default',
      taskQueue: stack.taskQueue,
      jobTypes: stack.jobTypes,
      webhooks: {},
    });
    const server = createApiServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const register = (url: string) => callApi(base, 'POST', '/v1/webhooks', provider.adminToken, { url, eventTypes: ['job.created'] });
      for (const [url, rule] of [
        ['http://hooks.example.com/', 'scheme'],
        ['https://127.0.0.1/hooks', 'public-address'],
        ['https://[::1]/hooks', 'public-address'],
        ['https://169.254.169.254/latest/meta-data', 'public-address'],
        ['https://10.1.2.3/hooks', 'public-address'],
        ['https://[::ffff:192.168.0.1]/hooks', 'public-address'],
        ['https://localhost/hooks', 'public-address'],
        ['https://no-such-host.invalid/hooks', 'resolvable'],
      ]) {
        const answer = await register(url!);
        expect(answer.status, `${url}: ${answer.text}`).to.equal(422);
        expect(answer.body.type).to.equal('https://installer-jobs.dev/problems/invalid-webhook-url');
        expect(problemAt(answer), url).to.deep.equal([{ pointer: '/url', rule }]);
      }
      const created = await register('https://93.184.215.14/hooks');
      expect(created.status, created.text).to.equal(201);
      const moved = await callApi(base, 'PATCH', `/v1/webhooks/${created.body.id}`, provider.adminToken, { url: 'https://127.0.0.2/' });
      expect(problemAt(moved), 'a changed URL is checked too').to.deep.equal([{ pointer: '/url', rule: 'public-address' }]);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
