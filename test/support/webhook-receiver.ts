import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the receiver got it: the headers, and the body byte for byte as text. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  /** The body parsed: {type, timestamp, data}. */
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
  at: number;
}

/** How to answer a request: a status code, or `hang` to answer never (until the receiver closes). */
export type Answer = number | 'hang';

/**
 * A real HTTP server standing in for a portal's webhook endpoint: it keeps every request and
 * answers as `answer` says (default 204).
 */
export async function startWebhookReceiver(answer: (request: ReceivedWebhook, index: number) => Answer = () => 204) {
  const received: ReceivedWebhook[] = [];
  const waiting = new Set<() => void>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      const got: ReceivedWebhook = { headers, body, payload: JSON.parse(body), at: Date.now() };
      received.push(got);
      for (const wake of waiting) wake();
      const status = answer(got, received.length - 1);
      if (status !== 'hang') response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Resolves once `count` requests have come in (or fails after `timeoutMs`). */
    async until(count: number, timeoutMs = 30_000): Promise<ReceivedWebhook[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`${received.length} of ${count} webhook requests came within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiting.delete(wake);
            resolve();
          };
          waiting.add(wake);
          setTimeout(wake, 200);
        });
      }
      return received;
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
