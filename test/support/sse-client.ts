/**
 * A Server-Sent Events client as a portal runs one: fetch with the bearer token, reading the body
 * as it comes and parsing it as the WHATWG spec says an EventSource does (fields, comments, the
 * last event id kept across messages). No reconnecting of its own: a test reconnects on purpose.
 */
import { expect } from 'chai';
import { answerCheck } from '../../api/openapi/answer-check';

export interface SseMessage {
  /** The stream's last event id when this message was dispatched (its own id, or the one before). */
  lastEventId: string;
  event: string;
  data: string;
}

const asDocumented = answerCheck();

export class SseClient {
  /** Every event dispatched, in order. */
  readonly messages: SseMessage[] = [];
  /** The comment lines received (keep-alives). */
  comments = 0;
  /** What `retry:` said, in milliseconds. */
  retryMs?: number;
  /** The last event id, as an EventSource would send it in Last-Event-ID on reconnecting. */
  lastEventId = '';
  /** Resolves when the server ends the stream or the client closes it. */
  readonly ended: Promise<void>;
  /** Why reading failed, if it did otherwise than by close(). */
  error?: unknown;
  private readonly waiters = new Set<() => void>();

  private constructor(
    private readonly abort: AbortController,
    body: ReadableStream<Uint8Array>,
  ) {
    this.ended = this.read(body);
  }

  /** Opens the stream; fails the test unless it answers 200 text/event-stream as documented. */
  static async open(baseUrl: string, token: string, options: { lastEventId?: string; query?: string } = {}): Promise<SseClient> {
    const abort = new AbortController();
    const path = `/v1/events/stream${options.query ?? ''}`;
    const response = await fetch(`${baseUrl}${path}`, {
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'text/event-stream',
        ...(options.lastEventId === undefined ? {} : { 'last-event-id': options.lastEventId }),
      },
      signal: abort.signal,
    });
    if (response.status !== 200) throw new Error(`the stream answered ${response.status}: ${await response.text()}`);
    const mismatch = asDocumented({ method: 'GET', path, status: 200, contentType: response.headers.get('content-type'), body: undefined });
    expect(mismatch, 'the stream as documented').to.equal(undefined);
    expect(response.headers.get('cache-control')).to.equal('no-cache, no-transform');
    return new SseClient(abort, response.body!);
  }

  /** The events (not the stream's own stream.ended) dispatched so far, with their JSON. */
  get events(): Array<{ id: string; event: string; data: any }> {
    return this.messages
      .filter((message) => message.event !== 'stream.ended')
      .map((message) => ({ id: message.lastEventId, event: message.event, data: JSON.parse(message.data) }));
  }

  /** Waits until `done` holds of what has arrived, failing after `timeoutMs` with what did arrive. */
  async until<T>(done: (client: SseClient) => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = done(this);
      if (result) return result;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received: ${JSON.stringify(this.messages.map((m) => `${m.event} ${m.lastEventId}`))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        this.waiters.add(wake);
      });
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let text = '';
    let data: string[] = [];
    let event = '';
    let idBuffer = this.lastEventId;
    try {
      for await (const chunk of body) {
        text += decoder.decode(chunk, { stream: true });
        const lines = text.split(/\r\n|\r|\n/);
        text = lines.pop()!;
        for (const line of lines) {
          if (line === '') {
            // Dispatch: the id counts even for a message without data, which dispatches nothing.
            this.lastEventId = idBuffer;
            if (data.length > 0) this.messages.push({ lastEventId: this.lastEventId, event: event || 'message', data: data.join('\n') });
            data = [];
            event = '';
            continue;
          }
          if (line.startsWith(':')) {
            this.comments += 1;
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') data.push(value);
          else if (field === 'event') event = value;
          else if (field === 'id' && !value.includes('\0')) idBuffer = value;
          else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
        }
        for (const wake of [...this.waiters]) wake();
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.error = error;
    } finally {
      for (const wake of [...this.waiters]) wake();
    }
  }
}
