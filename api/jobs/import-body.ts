import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import { InputError, PayloadTooLargeError } from '../../common/errors';
import { CSV_TYPES, MAX_IMPORT_BYTES } from './import-format';

/** A CSV import's request as read: its text, or why it could not be read as text. */
export type CsvImportBody = { query: string } & ({ csv: string } | { undecodable: string });

/** The bodies importCsvBody read, so that the route can tell them from anything a JSON parser left. */
const readBodies = new WeakSet<object>();

/**
 * Reads the CSV of POST /v1/jobs/import as text, before the idempotency check, which keys a request
 * on its path and body: the query (job type, fleet, dryRun, atomic) is kept in the body with the
 * CSV, so that the same key sent with another query is another request, not a replay. Over
 * MAX_IMPORT_BYTES answers 413 without reading further. Other media types pass on: the route
 * answers 415.
 */
export function importCsvBody(): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || !/^\/v1\/jobs\/import\/?$/.test(ctx.path) || !ctx.is(CSV_TYPES)) return next();
    const bytes = await readLimited(ctx.req, MAX_IMPORT_BYTES);
    const charset = (ctx.request.charset || 'utf-8').toLowerCase();
    let body: CsvImportBody;
    try {
      body = { query: ctx.querystring, csv: new TextDecoder(charset, { fatal: true }).decode(bytes) };
    } catch {
      // A file a spreadsheet saved in its local code page, sent as UTF-8; or a charset nobody knows.
      body = { query: ctx.querystring, undecodable: charset };
    }
    readBodies.add(body);
    ctx.request.body = body;
    return next();
  };
}

/** The CSV importCsvBody read for this request; undefined when the request was not CSV. */
export function csvBodyOf(body: unknown): CsvImportBody | undefined {
  return typeof body === 'object' && body !== null && readBodies.has(body) ? (body as CsvImportBody) : undefined;
}

/**
 * The request body, at most `limit` bytes. A larger one is refused as soon as it is known (by its
 * Content-Length, or when the count passes the limit); the rest is left unread, for Node to
 * discard once the 413 is sent, so the client gets the answer rather than a reset connection.
 */
function readLimited(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new PayloadTooLargeError(`The CSV is larger than ${limit / 1024 / 1024} MiB; split it into several imports.`);
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(tooLarge());
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onAborted = () => {
      stop();
      reject(new InputError('The request body ended before it was complete.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onAborted);
  });
}
