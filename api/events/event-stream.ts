import { PassThrough } from 'node:stream';
import { compareFeedCursors, type FeedEvent } from '../../db/feed';
import type { Principal } from '../../db/tenancy';
import { endMessage, feedEventMessage, KEEP_ALIVE, openingMessage, type StreamEndReason } from './sse';

export interface EventStreamLimits {
  /** Bytes a live stream may have waiting for its client; past it the client is dropped (it resumes with Last-Event-ID). */
  maxBufferedBytes: number;
  /** Live events kept while the stream still catches up from the database; past it they are dropped and read from there. */
  maxPendingEvents: number;
  /** How often a quiet stream sends a comment, and checks that its token still holds. */
  heartbeatMs: number;
  /** The reconnection delay suggested to clients (SSE `retry:`). */
  retryMs: number;
  /** How long a stream that has ended may take to hand its last bytes to a client that stopped reading. */
  endGraceMs: number;
}

export const DEFAULT_LIMITS: EventStreamLimits = {
  maxBufferedBytes: 1024 * 1024,
  maxPendingEvents: 1_000,
  heartbeatMs: 15_000,
  retryMs: 3_000,
  endGraceMs: 10_000,
};

/**
 * One client's event stream: the body Koa sends, what it has sent (its cursor), and its two
 * phases. While it catches up from the database, the live events handed to it wait in `pending`;
 * once caught up, those it has not sent yet follow, and live events go straight out. An event is
 * sent only if it comes after the last one sent, so the two sources never send one twice.
 */
export class EventStream {
  readonly body = new PassThrough();
  /** The cursor of the last event sent (at first, where the stream starts). */
  private lastSent: string;
  private live = false;
  private pending: FeedEvent[] = [];
  /** How often `pending` overflowed and was dropped: a catch-up must then read on past that moment. */
  private overflows = 0;
  private ended = false;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closed: Promise<void>;

  constructor(
    readonly principal: Principal,
    start: string,
    private readonly limits: EventStreamLimits,
    /** Whether the caller may still read what it was given (its token holds, its scope is the same), asked on each heartbeat. */
    private readonly stillAllowed: () => Promise<boolean>,
    /** Called once when the stream is over, whoever ended it (the client leaving included). */
    private readonly onClose: (stream: EventStream) => void,
  ) {
    this.lastSent = start;
    this.body.write(openingMessage(start, limits.retryMs));
    this.heartbeat = setInterval(() => void this.beat(), limits.heartbeatMs);
    this.closed = new Promise((resolve) => this.body.once('close', resolve));
    // Koa pipes the body to the socket and destroys it when the client goes.
    this.body.once('close', () => {
      this.ended = true;
      clearInterval(this.heartbeat);
      this.onClose(this);
    });
  }

  get isEnded(): boolean {
    return this.ended;
  }

  get cursor(): string {
    return this.lastSent;
  }

  /** How many times live events were dropped while catching up: see catch-up in live-feed.ts. */
  get overflowCount(): number {
    return this.overflows;
  }

  /** A live event from the shared poller, already known to be one this caller may see. */
  offer(event: FeedEvent): void {
    if (this.ended) return;
    if (this.live) {
      this.send(event);
      if (this.buffered() > this.limits.maxBufferedBytes) this.end('too-slow');
      return;
    }
    this.pending.push(event);
    if (this.pending.length > this.limits.maxPendingEvents) {
      this.pending = [];
      this.overflows += 1;
    }
  }

  /**
   * Events read from the database while catching up, in feed order; resolves once the client has
   * taken them (or has gone), so that a far-behind client is fed one page at a time.
   */
  async catchUp(events: readonly FeedEvent[]): Promise<void> {
    for (const event of events) this.send(event);
    if (!this.ended && this.body.writableNeedDrain)
      await Promise.race([new Promise<void>((resolve) => this.body.once('drain', resolve)), this.closed]);
  }

  /** Caught up: the live events that came meanwhile and were not read already go out, and the stream is live. */
  goLive(): void {
    if (this.ended) return;
    this.live = true;
    const pending = this.pending;
    this.pending = [];
    for (const event of pending) this.offer(event);
  }

  /** Ends the stream with a last message saying why; the client reconnects with Last-Event-ID. */
  end(reason: StreamEndReason): void {
    if (this.ended) return;
    this.ended = true;
    clearInterval(this.heartbeat);
    this.body.end(endMessage(reason));
    // A client that stopped reading would hold the connection open for ever: cut it off.
    setTimeout(() => this.body.destroy(), this.limits.endGraceMs).unref();
  }

  private send(event: FeedEvent): void {
    if (this.ended || compareFeedCursors(event.cursor, this.lastSent) <= 0) return;
    this.body.write(feedEventMessage(event));
    this.lastSent = event.cursor;
  }

  /** What waits for the client in this stream (what the socket holds already is not counted: the kernel bounds it). */
  private buffered(): number {
    return this.body.writableLength + this.body.readableLength;
  }

  private async beat(): Promise<void> {
    if (this.ended) return;
    this.body.write(KEEP_ALIVE);
    if (this.live && this.buffered() > this.limits.maxBufferedBytes) return this.end('too-slow');
    // A database that does not answer is no reason to drop the stream: the next beat asks again.
    const allowed = await this.stillAllowed().catch(() => true);
    if (!allowed) this.end('access-changed');
  }
}
