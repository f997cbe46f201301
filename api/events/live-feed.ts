import type { Db } from '../../db/connection';
import { feedHead, maySeeFeedEvent, readFeed, type FeedEvent } from '../../db/feed';
import type { Principal } from '../../db/tenancy';
import { silentLogger, type Logger } from '../../observability/log';
import { DEFAULT_LIMITS, EventStream, type EventStreamLimits } from './event-stream';

export interface LiveFeedOptions extends Partial<EventStreamLimits> {
  /** How often the shared poller reads the feed while a stream is open. */
  pollMs?: number;
  /** Events a read takes at most, for the poller and for a catching-up stream alike. */
  pageSize?: number;
  logger?: Logger;
}

interface Poller {
  cursor?: string;
  started: Promise<void>;
  timer?: NodeJS.Timeout;
  failures: number;
}

/** The poller waits longer while the database fails, up to this. */
const MAX_BACKOFF_MS = 5_000;

/**
 * The open event streams of this API process and the one poller they share: it reads every
 * tenant's new events once (not once per client) and hands each to the streams whose caller may
 * see it (maySeeFeedEvent, the rule readFeed applies in SQL). It runs only while a stream is open.
 *
 * A stream that starts behind the poller catches up from the database first, and is handed the
 * live events meanwhile (see EventStream). Why nothing falls between the two: the feed only ever
 * grows at its end (readFeed reads below the oldest running transaction), so a read of the
 * caller's events that returns less than a page, begun after the stream was registered with the
 * poller and after the poller knew its position, has read everything the poller had passed when
 * the stream joined; all it passes later, it hands to the stream.
 */
export class LiveFeed {
  private readonly limits: EventStreamLimits;
  private readonly pollMs: number;
  private readonly pageSize: number;
  private readonly logger: Logger;
  /** The streams by the organisation they belong to: an event concerns at most a provider and a company. */
  private readonly streams = new Map<string, Set<EventStream>>();
  private size = 0;
  private closed = false;
  /** The running poller and its position, set once it knows where the feed ends; a stopped poller's last read is dropped. */
  private poller?: Poller;

  constructor(
    private readonly db: Db,
    options: LiveFeedOptions = {},
  ) {
    const { pollMs, pageSize, logger, ...limits } = options;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.pollMs = pollMs ?? 500;
    this.pageSize = pageSize ?? 500;
    this.logger = logger ?? silentLogger;
  }

  /** Streams open now. */
  get openStreams(): number {
    return this.size;
  }

  /**
   * A stream of the caller's events after `start` (a cursor), live from then on. Its body is what
   * the route answers; `stillAllowed` is asked on each heartbeat.
   */
  open(principal: Principal, start: string, stillAllowed: () => Promise<boolean>): EventStream {
    const stream = new EventStream(principal, start, this.limits, stillAllowed, (ended) => this.remove(ended));
    if (this.closed) {
      stream.end('shutdown');
      return stream;
    }
    this.add(stream);
    this.catchUp(stream).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'an event stream could not catch up from the database; its client will reconnect');
      stream.end('unavailable');
    });
    return stream;
  }

  /** The API is stopping: every stream ends now (its client reconnects elsewhere), not when the grace period runs out. */
  close(): void {
    this.closed = true;
    for (const streams of [...this.streams.values()]) for (const stream of [...streams]) stream.end('shutdown');
    this.stopPolling();
  }

  private async catchUp(stream: EventStream): Promise<void> {
    await this.startPolling();
    for (;;) {
      const overflowsBefore = stream.overflowCount;
      const page = await readFeed(this.db, { audience: { principal: stream.principal }, after: stream.cursor, limit: this.pageSize });
      if (stream.isEnded) return;
      await stream.catchUp(page);
      if (page.length < this.pageSize && stream.overflowCount === overflowsBefore) break;
    }
    stream.goLive();
  }

  private add(stream: EventStream): void {
    const organisation = stream.principal.organisationId;
    let streams = this.streams.get(organisation);
    if (!streams) this.streams.set(organisation, (streams = new Set()));
    streams.add(stream);
    this.size += 1;
  }

  private remove(stream: EventStream): void {
    const streams = this.streams.get(stream.principal.organisationId);
    if (!streams?.delete(stream)) return;
    if (streams.size === 0) this.streams.delete(stream.principal.organisationId);
    this.size -= 1;
    if (this.size === 0) this.stopPolling();
  }

  /** Starts the poller at the feed's end unless it runs; resolves once it knows its position. */
  private startPolling(): Promise<void> {
    if (this.poller) return this.poller.started;
    const poller: Poller = { failures: 0, started: Promise.resolve() };
    poller.started = feedHead(this.db).then(
      (head) => {
        poller.cursor = head ?? '0-0';
        this.schedule(poller, this.pollMs);
      },
      (error: unknown) => {
        // The next stream to open tries again; the ones waiting end (and reconnect).
        if (this.poller === poller) this.poller = undefined;
        throw error;
      },
    );
    this.poller = poller;
    return poller.started;
  }

  private stopPolling(): void {
    clearTimeout(this.poller?.timer);
    this.poller = undefined;
  }

  private schedule(poller: Poller, delayMs: number): void {
    if (this.poller !== poller) return;
    poller.timer = setTimeout(() => void this.poll(poller), delayMs);
  }

  private async poll(poller: Poller): Promise<void> {
    try {
      for (;;) {
        const events = await readFeed(this.db, { audience: 'all', after: poller.cursor!, limit: this.pageSize });
        if (this.poller !== poller) return;
        for (const event of events) this.handOut(event);
        if (events.length > 0) poller.cursor = events.at(-1)!.cursor;
        if (events.length < this.pageSize) break;
      }
      if (poller.failures > 0) this.logger.info({ failures: poller.failures }, 'the event stream poller reads the feed again');
      poller.failures = 0;
      this.schedule(poller, this.pollMs);
    } catch (error) {
      // Streams stay open meanwhile (their heartbeats go on); the poller goes on from its position, so they miss nothing.
      if (poller.failures === 0) this.logger.warn({ err: error }, 'the event stream poller cannot read the feed; retrying');
      poller.failures += 1;
      this.schedule(poller, Math.min(this.pollMs * 2 ** poller.failures, MAX_BACKOFF_MS));
    }
  }

  private handOut(event: FeedEvent): void {
    for (const organisation of [event.providerId, event.installerCompanyId]) {
      if (organisation === null) continue;
      for (const stream of this.streams.get(organisation) ?? []) if (maySeeFeedEvent(stream.principal, event)) stream.offer(event);
    }
  }
}
