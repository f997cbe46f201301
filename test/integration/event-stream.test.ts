// GET /v1/events/stream on the real stack: a portal's client reading the stream over HTTP.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createApp } from '../../api/app';
import { LiveFeed, type LiveFeedOptions } from '../../api/events/live-feed';
import { createApiServer } from '../../api/server';
import { streamEvent } from '../../api/events/schema';
import { schemaCompiler } from '../../api/openapi/answer-check';
import { openApiDocument } from '../../api/openapi/document';
import { DEMO_CUSTOMER_NAME, createDemoTenantIfMissing, type DemoTenant } from '../../db/demo-tenant';
import { feedHead, readFeed } from '../../db/feed';
import { recordJobEvents } from '../../db/jobs';
import { onboardProvider, principalForToken, type OnboardedProvider } from '../../db/tenancy';
import { createLogger } from '../../observability/log';
import { INSTALL_PRESETS } from '../support/install-job';
import { SseClient } from '../support/sse-client';
import { startTestStack, type TestStack } from '../support/stack';

describe('the live event stream', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let demo: DemoTenant;
  let stranger: OnboardedProvider;
  const open: SseClient[] = [];

  before(async () => {
    stack = await startTestStack('event stream');
    demo = (await createDemoTenantIfMissing(stack.db))!;
    stranger = await onboardProvider(stack.db, { name: 'Stranger Mobility', adminEmail: 'admin@stranger.example', fleetName: 'Elsewhere' });
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  after(async () => stack?.stop());

  async function stream(token: string, options: { lastEventId?: string; query?: string; baseUrl?: string } = {}): Promise<SseClient> {
    const client = await SseClient.open(options.baseUrl ?? stack.baseUrl, token, options);
    open.push(client);
    // The stream says where it starts before anything happens: resumable from the moment it opened.
    await client.until((c) => c.lastEventId !== '');
    return client;
  }

  async function newJob(token: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await stack.call('POST', '/v1/jobs', token, {
      jobTypeId: 'cloudboxx-install',
      fleetId: demo.fleetId,
      customerName: DEMO_CUSTOMER_NAME,
      values: INSTALL_PRESETS,
      ...overrides,
    });
    expect(created.status, created.text).to.equal(201);
    return created.body.id;
  }
  const post = async (path: string, token: string, body?: unknown) => {
    const answer = await stack.call('POST', path, token, body);
    expect(answer.status, answer.text).to.be.within(200, 202);
  };
  /** The types of a job's audit trail as GET /v1/jobs/{id}/events lists them. */
  const trail = async (jobId: string) =>
    (await stack.call('GET', `/v1/jobs/${jobId}/events`, demo.tokens.providerAdmin)).body.events.map((e: { type: string }) => e.type);
  const typesOf = (client: SseClient, jobId: string) => client.events.filter((e) => e.data.jobId === jobId).map((e) => e.event);
  /** Waits until the client has the job's whole audit trail (as GET lists it now), and returns it. */
  const hasTrail = async (client: SseClient, jobId: string) => {
    const expected = await trail(jobId);
    await client.until((c) => typesOf(c, jobId).length >= expected.length);
    expect(typesOf(client, jobId)).to.deep.equal(expected);
    return expected as string[];
  };

  it("sends a provider's events as they happen, in order; a client that reconnects with Last-Event-ID gets exactly what it missed", async () => {
    const first = await stream(demo.tokens.providerAdmin);
    expect(first.retryMs, 'the reconnection delay it suggests').to.equal(3_000);

    // Each step shows up on the stream before the next one is taken.
    const job = await newJob(demo.tokens.providerAdmin);
    await first.until((c) => typesOf(c, job).includes('job.created'));
    await post(`/v1/jobs/${job}/assign`, demo.tokens.providerAdmin, { installerCompanyId: demo.installerCompanyId });
    await first.until((c) => typesOf(c, job).includes('job.assigned'));
    await post(`/v1/jobs/${job}/start`, demo.tokens.installerTechnician);
    expect(await hasTrail(first, job)).to.include.ordered.members(['job.created', 'job.assigned', 'job.started']);
    const validStreamEvent = schemaCompiler(openApiDocument() as never)(streamEvent);
    for (const event of first.events) expect(validStreamEvent(event.data), JSON.stringify(validStreamEvent.errors)).to.equal(true);
    expect(first.events.at(-1)!.data).to.deep.include({ type: 'job.started', jobId: job, invitationId: null });

    // Gone: what happens meanwhile is waiting for it.
    first.close();
    await first.ended;
    const resumeAfter = first.lastEventId;
    const second = await newJob(demo.tokens.providerAdmin, { installerCompanyId: demo.installerCompanyId });
    await post(`/v1/jobs/${job}/fail`, demo.tokens.installerTechnician, { reason: 'The car was not there.' });
    const missed = await readFeed(stack.db, {
      audience: { principal: (await principalForToken(stack.db, demo.tokens.providerAdmin))! },
      after: resumeAfter,
      limit: 100,
    });
    expect(missed.map((e) => e.jobId)).to.include.members([job, second]);

    const resumed = await stream(demo.tokens.providerAdmin, { lastEventId: resumeAfter });
    await resumed.until((c) => c.events.length >= missed.length);
    // The live part goes on after the missed part, without a gap or a repeat.
    await post(`/v1/jobs/${second}/start`, demo.tokens.installerTechnician);
    await resumed.until((c) => typesOf(c, second).includes('job.started'));
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // three polls: anything sent twice would have come
    const ids = resumed.events.map((e) => e.id);
    expect(ids.slice(0, missed.length), 'exactly the missed events first').to.deep.equal(missed.map((e) => e.cursor));
    expect(new Set([...first.events.map((e) => e.id), ...ids]).size, 'no event twice').to.equal(first.events.length + ids.length);
    expect(typesOf(resumed, job)).to.deep.equal((await trail(job)).slice(typesOf(first, job).length));
    expect(typesOf(resumed, job)[0]).to.equal('job.failed');
    expect(typesOf(resumed, second)).to.deep.equal(await trail(second));
  });

  it('gives an installer company its assigned jobs from the assignment on, a customer portal its customer, another tenant nothing', async () => {
    const provider = await stream(demo.tokens.providerAdmin);
    const company = await stream(demo.tokens.installerTechnician);
    const portal = await stream(demo.tokens.customerPortal);
    const other = await stream(stranger.adminToken);

    const ours = await newJob(demo.tokens.providerAdmin);
    const othersCustomer = await newJob(demo.tokens.providerAdmin, { customerName: 'Globex', installerCompanyId: demo.installerCompanyId });
    const unassigned = await newJob(demo.tokens.providerAdmin, { customerName: 'Globex' });
    await post(`/v1/jobs/${ours}/assign`, demo.tokens.providerAdmin, { installerCompanyId: demo.installerCompanyId });
    await post(`/v1/jobs/${ours}/start`, demo.tokens.installerTechnician);
    await post(`/v1/jobs/${ours}/fail`, demo.tokens.installerTechnician, { reason: 'No key.' });
    // The stranger's own job: once it has arrived, anything of ours would have come before it.
    const theirs = await newJob(stranger.adminToken, { fleetId: stranger.fleetId, customerName: undefined });

    const ourTrail = await hasTrail(provider, ours);
    await hasTrail(provider, othersCustomer);
    await hasTrail(provider, unassigned);
    const fromAssignment = ourTrail.slice(ourTrail.indexOf('job.assigned'));
    await company.until((c) => typesOf(c, ours).includes('job.failed'));
    expect(typesOf(company, ours), 'the company: from the assignment on').to.deep.equal(fromAssignment);
    expect(typesOf(company, othersCustomer)).to.deep.equal(await trail(othersCustomer).then((t) => t.slice(t.indexOf('job.assigned'))));
    expect(typesOf(company, unassigned)).to.deep.equal([]);
    await portal.until((c) => typesOf(c, ours).includes('job.failed'));
    expect(typesOf(portal, ours), "the customer portal: its customer's job, all of it").to.deep.equal(ourTrail);
    expect(
      portal.events.filter((e) => e.data.jobId !== ours),
      'and no other',
    ).to.deep.equal([]);
    await other.until((c) => typesOf(c, theirs).includes('job.created'));
    expect(
      other.events.filter((e) => e.data.jobId !== theirs),
      'another tenant: none of ours',
    ).to.deep.equal([]);
  });

  it('resumes from ?lastEventId= when no Last-Event-ID header is sent, the header winning over it', async () => {
    const start = (await feedHead(stack.db)) ?? '0-0';
    const job = await newJob(demo.tokens.providerAdmin);
    const fromQuery = await stream(demo.tokens.providerAdmin, { query: `?lastEventId=${start}` });
    await fromQuery.until((c) => typesOf(c, job).includes('job.created'));
    const afterJob = fromQuery.events.find((e) => e.data.jobId === job)!.id;
    const headerWins = await stream(demo.tokens.providerAdmin, { query: `?lastEventId=${start}`, lastEventId: afterJob });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(typesOf(headerWins, job), 'what the header says was seen is not sent again').to.deep.equal([]);
  });

  it('refuses a Last-Event-ID it did not give out, naming the header, and a stream without a token', async () => {
    const header = await stack.call('GET', '/v1/events/stream', demo.tokens.providerAdmin, undefined, { 'last-event-id': '12; drop' });
    expect(header.status).to.equal(400);
    expect(header.body.errors).to.deep.equal([
      {
        pointer: '/headers/last-event-id',
        message: 'must be the id of a message received, as it came (digits, a hyphen, digits)',
        rule: 'pattern',
      },
    ]);
    expect(header.body.title).to.equal('The Last-Event-ID header is not an event id this stream gave out.');
    const empty = await stack.call('GET', '/v1/events/stream?lastEventId=0-0', demo.tokens.providerAdmin, undefined, {
      'last-event-id': '',
    });
    expect(empty.status, 'an empty header is no id either (the query does not stand in for it)').to.equal(400);
    const query = await stack.call('GET', '/v1/events/stream?lastEventId=abc', demo.tokens.providerAdmin);
    expect(query.status).to.equal(400);
    expect(query.body.errors.map((e: { pointer: string }) => e.pointer)).to.deep.equal(['/lastEventId']);
    // Digits Postgres cannot hold as a transaction id (over 2^64 - 1) or a row number (over 2^63 - 1).
    for (const id of ['78002493775793036838-070', '1-9223372036854775808']) {
      const outOfRange = await stack.call('GET', `/v1/events/stream?lastEventId=${id}`, demo.tokens.providerAdmin);
      expect(outOfRange.status, id).to.equal(400);
      const asHeader = await stack.call('GET', '/v1/events/stream', demo.tokens.providerAdmin, undefined, { 'last-event-id': id });
      expect(asHeader.status, id).to.equal(400);
    }
    expect((await stack.call('GET', '/v1/events/stream')).status).to.equal(401);
  });

  describe('on an API of its own', () => {
    let server: http.Server;
    let liveFeed: LiveFeed;
    let baseUrl: string;
    const lines: Array<Record<string, unknown>> = [];

    async function serve(options: LiveFeedOptions): Promise<void> {
      liveFeed = new LiveFeed(stack.db, options);
      const logger = createLogger({ format: 'json', level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
      const app = createApp({
        db: stack.db,
        temporal: stack.client,
        namespace: 'default',
        taskQueue: stack.taskQueue,
        jobTypes: stack.jobTypes,
        photoStore: stack.photoStore,
        photos: { maxBytes: 1024 * 1024, scratchDir: '/nonexistent' },
        logger,
        liveFeed,
      });
      server = createApiServer(app.callback(), { onClose: () => liveFeed.close() });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    afterEach(async () => {
      if (!server?.listening) return;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('ends its streams at once when the server closes, and logs each once, at its end', async () => {
      await serve({});
      const client = await stream(demo.tokens.providerAdmin, { baseUrl });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(
        lines.filter((line) => line.msg === 'request'),
        'nothing logged while it is open',
      ).to.deep.equal([]);

      const closing = Date.now();
      const closed = new Promise((resolve) => server.close(resolve));
      await client.ended;
      expect(client.messages.at(-1)).to.deep.include({ event: 'stream.ended', data: '{"reason":"shutdown"}' });
      await closed;
      expect(Date.now() - closing, 'not the grace period').to.be.below(2_000);
      const logged = lines.filter((line) => line.msg === 'request');
      expect(logged).to.have.length(1);
      expect(logged[0]).to.deep.include({ method: 'GET', route: '/v1/events/stream', status: 200 });
      expect(logged[0]!.durationMs).to.be.at.least(300);
    });

    it('sends keep-alives, and ends a stream whose user has been removed', async () => {
      await serve({ heartbeatMs: 200 });
      const added = await stack.call('POST', '/v1/users', demo.tokens.providerAdmin, {
        email: `leaving-${Date.now()}@demo-mobility.example`,
        role: 'provider_dispatcher',
        customers: [DEMO_CUSTOMER_NAME],
      });
      const client = await stream(added.body.token, { baseUrl });
      await client.until((c) => c.comments >= 2);
      expect(client.messages).to.deep.equal([]);
      expect((await stack.call('DELETE', `/v1/users/${added.body.userId}`, demo.tokens.providerAdmin)).status).to.equal(204);
      await client.ended;
      expect(client.messages.at(-1)).to.deep.include({ event: 'stream.ended', data: '{"reason":"access-changed"}' });
      expect(liveFeed.openStreams).to.equal(0);
    });

    it('catches up page by page while new events keep coming, then goes live without a gap or a repeat', async () => {
      await serve({ pageSize: 2, pollMs: 20 });
      const principal = (await principalForToken(stack.db, demo.tokens.providerAdmin))!;
      const start = (await feedHead(stack.db)) ?? '0-0';
      // A backlog that takes a hundred pages to read, while the poller hands the stream the events made meanwhile.
      const backlog = await newJob(demo.tokens.providerAdmin);
      const saved = (i: number) => ({
        key: `backlog-${i}`,
        type: 'values.saved',
        actor: { kind: 'system' as const, reason: 'test' },
        data: { i },
        occurredAt: new Date().toISOString(),
      });
      await recordJobEvents(
        stack.db,
        backlog,
        Array.from({ length: 200 }, (_, i) => saved(i)),
      );
      const jobs: string[] = [];
      const more = (async () => {
        for (let i = 0; i < 5; i += 1) jobs.push(await newJob(demo.tokens.providerAdmin));
      })();
      const client = await stream(demo.tokens.providerAdmin, { baseUrl, lastEventId: start });
      await more;
      await client.until((c) => typesOf(c, jobs.at(-1)!).includes('job.created'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      const all = await readFeed(stack.db, { audience: { principal }, after: start, limit: 1000 });
      expect(client.events.map((e) => e.id)).to.deep.equal(all.map((e) => e.cursor));
    });

    it('sends what came while a slow client took the last page of its catch-up', async () => {
      await serve({ pollMs: 20, pageSize: 100 });
      const principal = (await principalForToken(stack.db, demo.tokens.providerAdmin))!;
      const start = (await feedHead(stack.db)) ?? '0-0';
      const backlog = await newJob(demo.tokens.providerAdmin);
      const note = 'x'.repeat(500);
      await recordJobEvents(
        stack.db,
        backlog,
        Array.from({ length: 60 }, (_, i) => ({
          key: `slow-${i}`,
          type: 'values.saved',
          actor: { kind: 'system' as const, reason: 'test' },
          data: { i, note },
          occurredAt: new Date().toISOString(),
        })),
      );
      // Its one page (short: the whole backlog) is more than the stream holds before the client must read.
      const slow = liveFeed.open(principal, start, async () => true);
      while (!slow.body.writableNeedDrain) await new Promise((resolve) => setTimeout(resolve, 20));
      const jobs = [await newJob(demo.tokens.providerAdmin), await newJob(demo.tokens.providerAdmin)];
      await new Promise((resolve) => setTimeout(resolve, 300)); // the poller has handed them over

      let text = '';
      const giveUp = setTimeout(() => slow.body.destroy(), 5_000);
      try {
        for await (const chunk of slow.body) {
          text += String(chunk);
          if (jobs.every((job) => text.includes(job))) break;
        }
      } catch {
        // destroyed: the jobs never came
      }
      clearTimeout(giveUp);
      const ids = [...text.matchAll(/^id: (.+)$/gm)].map(([, id]) => id!).slice(1);
      const all = await readFeed(stack.db, { audience: { principal }, after: start, limit: 1000 });
      expect(ids).to.deep.equal(all.map((e) => e.cursor));
    });

    it('drops a client that does not read, which then resumes and misses nothing', async () => {
      await serve({ maxBufferedBytes: 4096 });
      const principal = (await principalForToken(stack.db, demo.tokens.providerAdmin))!;
      const start = (await feedHead(stack.db)) ?? '0-0';
      // A stream nobody reads (its body is not consumed): what waits for the client only grows.
      const stalled = liveFeed.open(principal, start, async () => true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const jobs: string[] = [];
      for (let i = 0; i < 12; i += 1) jobs.push(await newJob(demo.tokens.providerAdmin));
      while (!stalled.isEnded) await new Promise((resolve) => setTimeout(resolve, 50));

      let text = '';
      for await (const chunk of stalled.body) text += String(chunk);
      const ids = [...text.matchAll(/^id: (.+)$/gm)].map(([, id]) => id!);
      expect(text.endsWith('event: stream.ended\ndata: {"reason":"too-slow"}\n\n'), text.slice(-200)).to.equal(true);
      expect(text.length, 'about the limit, not every event').to.be.below(4096 + 2048);

      const resumed = await stream(demo.tokens.providerAdmin, { baseUrl, lastEventId: ids.at(-1) });
      await resumed.until((c) => typesOf(c, jobs.at(-1)!).includes('job.created'));
      const all = await readFeed(stack.db, { audience: { principal }, after: start, limit: 1000 });
      const received = [...ids.slice(1), ...resumed.events.map((e) => e.id)];
      expect(received, 'every event once, in order').to.deep.equal(all.map((e) => e.cursor).slice(0, received.length));
      expect(received.length).to.be.at.least(jobs.length);
    });
  });
});
