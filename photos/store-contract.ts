import type { Readable } from 'node:stream';

/**
 * Where photos' bytes live: the local disk (`npm start`) or an S3-compatible object store
 * (production). Both stream — neither holds a whole photo in memory — and `put` answers only once
 * the object is durable, so an upload's 201 means the photo survives a crash.
 *
 * Keys are the store's own (`<jobId>/<photoId>.jpg`); the photos table says which key is whose.
 */
export interface PhotoStore {
  /** Stores the stream's bytes under `key`, replacing what was there; resolves once they are durable. */
  put(key: string, body: Readable, info: { contentType: string; size: number }): Promise<void>;
  /** The object as a stream with its size, or undefined when there is none under `key`. */
  get(key: string): Promise<{ body: Readable; size: number } | undefined>;
  /** Removes the object; one that is not there is no error. */
  delete(key: string): Promise<void>;
  /** Where it stores, for logs and the start-up banner (no credentials). */
  readonly description: string;
}

/** A key the stores can all take as it is: path segments of letters, digits, `.`, `_` and `-`, none of them `.` or `..`. */
export function checkKey(key: string): string {
  const segments = key.split('/');
  if (!segments.every((segment) => /^[A-Za-z0-9._-]+$/.test(segment) && segment !== '.' && segment !== '..'))
    throw new Error(`Not a photo store key: ${JSON.stringify(key)}`);
  return key;
}
