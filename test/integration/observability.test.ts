import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import { LiveFeed } from '../../api/events/live-feed';
import { createApiMetrics, serveMetrics } from '../../api/metrics';
import { onboardProvider, type OnboardedProvider } from '../../db/tenancy';
import { createLogger } from '../../observability/log';
import { callApi, startTestStack, type ApiAnswer, type TestStack } from '../support/stack';

const LOCATION = { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 };

interface RequestLine {
  level: string;
  msg: string;
  reqId: string;
  method: string;
  route?: string;
  status: number;
  durationMs: number;
  tenantId?: string;
  userId?: string;
}

/** The API as a process serves it — its logger writing JSON lines, here into `lines`, and its metrics on a port of their own. */
describe('request logs and metrics', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let api: http.Server;
  let metricsServer: http.Server;
  let baseUrl: string;
  let metricsUrl: string;
  let provider: OnboardedProvider;
  let liveFeed: LiveFeed;
  const lines: string[] = [];

  before(async () => {
    stack = await startTestStack('observability');
    const logger = createLogger({ format: 'json', level: 'info' }, { write: (line: string) => void lines.push(line) });
    liveFeed = new LiveFeed(stack.db, { pollMs: 50 });
    const metrics = createApiMetrics(stack.db, { openEventStreams: () => liveFeed.openStreams });
    const app = createApp({
      liveFeed,
      db: stack.db,
      temporal: stack.client,
      namespace: 'default',
      taskQueue: stack.taskQueue,
      jobTypes: stack.jobTypes,
      logger,
      metrics,
    });
    api = http.createServer(app.callback());
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    metricsServer = await serveMetrics(metrics.registry, 0, '127.0.0.1');
    metricsUrl = `http://127.0.0.1:${(metricsServer.address() as AddressInfo).port}`;
    provider = await onboardProvider(stack.db, { name: 'Observed Mobility', adminEmail: 'admin@observed.example', fleetName: 'Berlin' });
  });
  after(async () => {
    liveFeed?.close();
    api?.closeAllConnections();
    api?.close();
    metricsServer?.close();
    await stack?.stop();
  });

  const call = (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer> =>
    callApi(baseUrl, method, path, token, body, headers);
  const requestLines = () => lines.map((line) => JSON.parse(line) as RequestLine).filter((line) => line.msg === 'request');
  const lineOf = (answer: ApiAnswer) => {
    const found = requestLines().filter((line) => line.reqId === answer.headers.get('x-request-id'));
    expect(found, 'each request is logged once').to.have.length(1);
    return found[0]!;
  };

  it('logs each request once with its id, route pattern, status, duration and who asked — and never a token', async () => {
    const invited = await call('POST', `/v1/fleets/${provider.fleetId}/invitations`, provider.adminToken, {
      email: 'office@observed.example',
    });
    expect(invited.status, invited.text).to.equal(201);
    const invitationToken: string = invited.body.token;
    const preview = await call('GET', `/v1/invitations/${invitationToken}`);
    expect(preview.status, preview.text).to.equal(200);
    const accepted = await call('POST', `/v1/invitations/${invitationToken}/accept`, undefined, { companyName: 'Observed Schrauber GmbH' });
    expect(accepted.status, accepted.text).to.equal(201);
    const companyToken: string = accepted.body.adminToken;
    // A mistyped link: nothing of the path may reach the log either.
    const mistyped = await call('GET', `/v1/invitation/${invitationToken}`, provider.adminToken);
    expect(mistyped.status).to.equal(404);
    const unknownToken = await call('GET', '/v1/fleets', 'not-a-real-token-5f3a9c');
    expect(unknownToken.status).to.equal(401);

    const created = lineOf(invited);
    expect(created).to.include({
      level: 'info',
      method: 'POST',
      route: '/v1/fleets/:fleetId/invitations',
      status: 201,
      tenantId: provider.providerId,
      userId: provider.adminUserId,
    });
    expect(created.durationMs).to.be.a('number').and.at.least(0);
    expect(lineOf(preview)).to.include({ method: 'GET', route: '/v1/invitations/:token', status: 200 });
    expect(lineOf(preview)).not.to.have.property('tenantId');
    expect(lineOf(accepted)).to.include({ method: 'POST', route: '/v1/invitations/:token/accept', status: 201 });
    expect(lineOf(mistyped)).to.include({ method: 'GET', status: 404 });
    expect(lineOf(mistyped)).not.to.have.property('route');
    expect(lineOf(unknownToken)).to.include({ route: '/v1/fleets', status: 401 });

    const output = lines.join('');
    for (const secret of [provider.adminToken, invitationToken, companyToken, 'not-a-real-token-5f3a9c'])
      expect(output.includes(secret), `the log holds ${secret.slice(0, 8)}…`).to.equal(false);
    expect(output).not.to.match(/bearer/i);
  });

  it("takes the caller's X-Request-Id when it is a plain token, makes one otherwise, and returns it", async () => {
    const kept = await call('GET', '/healthz', undefined, undefined, { 'x-request-id': 'portal-7f3c.42' });
    expect(kept.headers.get('x-request-id')).to.equal('portal-7f3c.42');
    expect(lineOf(kept)).to.include({ route: '/healthz', status: 200 });

    const refused = await call('GET', '/healthz', undefined, undefined, { 'x-request-id': `${'x'.repeat(200)}` });
    const made = refused.headers.get('x-request-id');
    expect(made).to.match(/^[0-9a-f-]{36}$/);
    expect(lines.join('')).not.to.include('x'.repeat(200));

    const problem = await call('GET', '/v1/fleets');
    expect(problem.status).to.equal(401);
    expect(problem.headers.get('x-request-id'), 'a refusal carries its id too').to.match(/^[0-9a-f-]{36}$/);
  });

  it('answers GET /metrics on its own port: requests by route and status, and jobs by type and status from the read model', async () => {
    const job = await call('POST', '/v1/jobs', provider.adminToken, {
      jobTypeId: 'cloudboxx-install',
      fleetId: provider.fleetId,
      values: { vehicleLocation: LOCATION },
    });
    expect(job.status, job.text).to.equal(201);

    const scraped = await fetch(`${metricsUrl}/metrics`);
    expect(scraped.status).to.equal(200);
    expect(scraped.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    const text = await scraped.text();
    expect(text).to.include('installer_jobs_http_request_duration_seconds_count{method="POST",route="/v1/jobs",status="201"} 1');
    expect(text).to.match(
      /installer_jobs_http_request_duration_seconds_bucket\{le="0\.5",method="POST",route="\/v1\/fleets\/:fleetId\/invitations",status="201"\} 1/,
    );
    expect(text).to.include('installer_jobs_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1');
    expect(text).to.include('installer_jobs_jobs{job_type="cloudboxx-install",status="PENDING"} 1');
    expect(text).to.include('installer_jobs_access_grants_open 0');
    expect(text).to.include('installer_jobs_read_model_up 1');
    expect(text, 'no path with a token in it becomes a label').not.to.include('inv_');

    expect((await fetch(`${metricsUrl}/anything`)).status).to.equal(404);
    expect((await fetch(`${baseUrl}/metrics`)).status, 'the API port does not serve /metrics').to.equal(404);
  });

  it('counts the live event streams held open, for the operator sizing API processes', async () => {
    const streamsOpen = async () => {
      const text = await (await fetch(`${metricsUrl}/metrics`)).text();
      return Number(/^installer_jobs_event_streams_open (\d+)$/m.exec(text)?.[1]);
    };
    expect(await streamsOpen()).to.equal(0);
    const portal = new AbortController();
    const stream = await fetch(`${baseUrl}/v1/events/stream`, {
      headers: { authorization: `Bearer ${provider.adminToken}` },
      signal: portal.signal,
    });
    expect(stream.status).to.equal(200);
    expect(await streamsOpen()).to.equal(1);
    portal.abort();
    const deadline = Date.now() + 5_000;
    while ((await streamsOpen()) !== 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await streamsOpen(), 'a client gone is a stream closed').to.equal(0);
  });
});
