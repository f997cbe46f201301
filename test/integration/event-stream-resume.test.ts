// GET /v1/events/stream resumed with a Last-Event-ID the stream never gave out because it lies
// beyond the feed (a portal keeping its id across a database reset): refused, never a stream that
// waits silently for ever; every id the stream did give out is taken, however busy the feed.
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { feedHead, recordInvitationEvent } from '../../db/feed';
import { onboardProvider, type OnboardedProvider } from '../../db/tenancy';
import { SseClient } from '../support/sse-client';
import { startTestStack, type TestStack } from '../support/stack';

describe('resuming the live event stream', function () {
  this.timeout(90_000);
  let stack: TestStack;
  let provider: OnboardedProvider;
  const open: SseClient[] = [];

  before(async () => {
    stack = await startTestStack('event stream resume');
    provider = await onboardProvider(stack.db, { name: 'Resume Mobility', adminEmail: 'admin@resume.example', fleetName: 'Resume fleet' });
  });
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  after(async () => stack?.stop());

  async function stream(lastEventId?: string): Promise<SseClient> {
    const client = await SseClient.open(stack.baseUrl, provider.adminToken, { lastEventId });
    open.push(client);
    return client;
  }

  /**
   * A request to resume that must be refused, as stack.call answers it (held to the document); a
   * stream answered instead fails at once rather than wait for a body that never ends.
   */
  async function refused(lastEventId: string, as: 'header' | 'query') {
    const path = as === 'query' ? `/v1/events/stream?lastEventId=${lastEventId}` : '/v1/events/stream';
    const headers = { authorization: `Bearer ${provider.adminToken}`, ...(as === 'header' && { 'last-event-id': lastEventId }) };
    const probe = await fetch(`${stack.baseUrl}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
    await probe.body?.cancel();
    expect(probe.status, `${lastEventId} as ${as}: answered`).to.equal(400);
    return stack.call('GET', path, provider.adminToken, undefined, as === 'header' ? { 'last-event-id': lastEventId } : {});
  }

  /** An invitation answer of the provider's: an event of the feed its admin sees. */
  const answer = (db = stack.db) => {
    const invitationId = randomUUID();
    return recordInvitationEvent(db, {
      invitationId,
      providerId: provider.providerId,
      type: 'invitation.declined',
      actor: { kind: 'system', reason: 'test' },
      data: { invitationId, fleetId: provider.fleetId },
    });
  };

  it('refuses an id beyond the newest event, saying which and what to do, as header and as query', async () => {
    await answer();
    const head = (await feedHead(stack.db))!;
    const [tx, id] = head.split('-');
    for (const beyond of ['99999999-1', `${tx}-${BigInt(id!) + 1n}`, `${BigInt(tx!) + 1n}-1`]) {
      const header = await refused(beyond, 'header');
      expect(header.body.title).to.equal('The Last-Event-ID header is not an event id this stream gave out.');
      expect(header.body.errors).to.deep.equal([
        {
          pointer: '/headers/last-event-id',
          message: `is beyond the newest event of the stream (${head}): no message received ever had it`,
          rule: 'given-out',
        },
      ]);
      expect(header.body.detail).to.match(/Reconnect without Last-Event-ID/);
      const query = await refused(beyond, 'query');
      expect(query.body.errors.map((e: { pointer: string; rule: string }) => [e.pointer, e.rule])).to.deep.equal([
        ['/lastEventId', 'given-out'],
      ]);
    }
    // The newest event, and the start of a feed without any: ids the stream gives out.
    for (const given of [head, '0-0']) await stream(given);
  });

  it('refuses an id below the newest event that names no event (made up, or kept from a database since restored)', async () => {
    await answer();
    const head = (await feedHead(stack.db))!;
    const [tx, id] = head.split('-');
    for (const none of ['1-1', `${BigInt(tx!) - 1n}-${id}`]) {
      const header = await refused(none, 'header');
      expect(header.body.errors).to.deep.equal([
        { pointer: '/headers/last-event-id', message: 'names no event of the stream: no message received ever had it', rule: 'given-out' },
      ]);
      expect((await refused(none, 'query')).body.errors[0].rule).to.equal('given-out');
    }
  });

  it('refuses the id of a message received written with leading zeros: no id is given out so, and Postgres would read it in octal', async () => {
    await answer();
    const head = (await feedHead(stack.db))!;
    const [tx, id] = head.split('-');
    // 0…8 is no octal number (Postgres answered a 500); 0…7 is another transaction's, read silently.
    for (const padded of [`0000${tx}-${id}`, `08-${id}`, `07-${id}`, `${tx}-0${id}`]) {
      for (const as of ['header', 'query'] as const) {
        const refusal = await refused(padded, as);
        expect(
          refusal.body.errors.map((e: { pointer: string; rule: string }) => [e.pointer, e.rule]),
          `${padded} as ${as}`,
        ).to.deep.equal([[as === 'header' ? '/headers/last-event-id' : '/lastEventId', 'pattern']]);
      }
    }
  });

  it('refuses the id of an event whose transaction is still running, and takes it once the stream could have sent it', async () => {
    let release!: () => void;
    let held: string | undefined;
    const holding = stack.db.transaction(async (trx) => {
      await answer(trx);
      const [row] = await trx('invitation_events').whereRaw('tx = pg_current_xact_id()').select(trx.raw("tx::text || '-' || id as cursor"));
      held = row.cursor;
      await new Promise<void>((resolve) => (release = resolve));
    });
    while (held === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
    try {
      // Not readable yet: no stream can have sent it.
      await refused(held, 'header');
    } finally {
      release();
      await holding;
    }
    const client = await stream(held);
    const next = await answer().then(() => client.until((c) => c.events.at(-1)));
    expect(next.event).to.equal('invitation.declined');
  });

  it('takes every id it gave out while events are being written', async () => {
    const live = await stream();
    let writing = true;
    const writer = (async () => {
      while (writing) await Promise.all([answer(), answer(), answer()]);
    })();
    try {
      const resumedFrom = new Set<string>();
      while (resumedFrom.size < 20) {
        await live.until((c) => c.events.some((e) => !resumedFrom.has(e.id)));
        const id = live.events.find((e) => !resumedFrom.has(e.id))!.id;
        resumedFrom.add(id);
        // Opened at once: any refusal of an id just received fails here.
        (await stream(id)).close();
      }
    } finally {
      writing = false;
      await writer;
    }
  });
});
