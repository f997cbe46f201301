import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, hostOf, isPrivateAddress } from './targets';

/** One delivery attempt as it goes out: the stored body, signed with each secret that currently signs. */
export interface WebhookRequest {
  url: string;
  /** The webhook-id: the same on every attempt of a delivery. */
  messageId: string;
  payload: string;
  /** The endpoint's secret, and during a rotation also the previous one: each gives a signature. */
  secrets: string[];
}

/** What came of one attempt: the endpoint's status code, or why none came. */
export type WebhookOutcome = { ok: boolean; statusCode: number; error?: string } | { ok: false; statusCode?: undefined; error: string };

/** Enough of an answer to see what went wrong; the rest is not read. */
const MAX_ERROR_TEXT = 200;

/**
 * POSTs one delivery as the Standard Webhooks convention says (webhook-id, webhook-timestamp,
 * webhook-signature `v1,<base64 HMAC-SHA256 of id.timestamp.body>`, signed by the convention's own
 * library). 2xx is delivered; redirects are not followed, so a 3xx is a failure like any other.
 * `timeoutMs` bounds the whole attempt, connecting included.
 */
export async function sendWebhook(
  request: WebhookRequest,
  options: { timeoutMs: number; allowPrivate: boolean; signal?: AbortSignal },
): Promise<WebhookOutcome> {
  const url = new URL(request.url);
  const host = hostOf(url);
  // A name is checked by guardedLookup as it connects; an IP literal is never looked up.
  if (!options.allowPrivate && net.isIP(host) && isPrivateAddress(host))
    return { ok: false, error: `${host} is a private address: not sent` };
  const timestamp = new Date();
  const signature = request.secrets.map((secret) => new Webhook(secret).sign(request.messageId, timestamp, request.payload)).join(' ');
  const signal = options.signal
    ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
    : AbortSignal.timeout(options.timeoutMs);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<WebhookOutcome>((resolve) => {
    const outgoing = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'installer-jobs-webhooks/1',
          'webhook-id': request.messageId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signature,
        },
        // A fresh connection each time, so that every one is looked up and checked again.
        agent: false,
        ...(options.allowPrivate ? {} : { lookup: guardedLookup }),
        signal,
      },
      (answer) => {
        const statusCode = answer.statusCode ?? 0;
        const ok = statusCode >= 200 && statusCode < 300;
        let text = '';
        answer.setEncoding('utf8');
        answer.on('data', (chunk: string) => {
          if (text.length < MAX_ERROR_TEXT) text += chunk;
        });
        answer.on('end', () => resolve(ok ? { ok, statusCode } : { ok, statusCode, error: `HTTP ${statusCode} ${oneLine(text)}`.trim() }));
        // An answer cut short still gave its status code.
        const cutShort = () => resolve({ ok, statusCode, ...(ok ? {} : { error: `HTTP ${statusCode}` }) });
        answer.on('error', cutShort);
        answer.on('close', cutShort); // after 'end' this changes nothing: a promise resolves once
      },
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const timedOut = signal.aborted && !options.signal?.aborted;
      resolve({ ok: false, error: timedOut ? `no answer within ${options.timeoutMs / 1000} s` : oneLine(error.message) });
    });
    outgoing.end(request.payload);
  });
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, MAX_ERROR_TEXT);
}
