import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InputError } from '../common/errors';
import { PhotoInspector, photoDimensions, type InspectedBytes } from './inspect';
import { makeThumbnail, type Thumbnail } from './thumbnail';

/** An upload received whole and checked, waiting in a scratch file for the store. */
export interface ReceivedPhoto extends InspectedBytes {
  width: number;
  height: number;
  /** Undefined when none can be made (a HEIF no decoder here reads). */
  thumbnail?: Thumbnail;
  /** The bytes as uploaded, for the store. */
  file: string;
  /** Removes the scratch file; call it whatever became of the upload. */
  discard(): Promise<void>;
}

/**
 * Receives an upload into a scratch file, refusing it as soon as it is too large (413) or not a
 * photo (415), then reads its dimensions and makes its thumbnail from the file. Memory stays flat
 * whatever the size: the body streams to disk, and the thumbnail is decoded from the file with
 * shrink-on-load. Nothing reaches the photo store until the whole upload is known to be good.
 */
export async function receivePhoto(body: Readable, options: { maxBytes: number; scratchDir: string }): Promise<ReceivedPhoto> {
  await fs.promises.mkdir(options.scratchDir, { recursive: true });
  const file = path.join(options.scratchDir, `${randomUUID()}.upload`);
  const discard = () => fs.promises.rm(file, { force: true });
  const inspector = new PhotoInspector(options.maxBytes);
  // Not pipeline(body, …): that would destroy the request on a refusal, and the client would get a
  // reset connection instead of the 413 or 415. A body that breaks off fails the upload.
  const brokenOff = () => {
    if (!body.readableEnded) inspector.destroy(new InputError('The request body ended before it was complete.'));
  };
  body.once('close', brokenOff);
  body.once('error', brokenOff);
  body.pipe(inspector);
  try {
    await pipeline(inspector, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    const bytes = inspector.result();
    const { width, height } = await photoDimensions(file);
    const thumbnail = await makeThumbnail(file, bytes.contentType);
    return { ...bytes, width, height, thumbnail, file, discard };
  } catch (error) {
    // A refusal leaves the rest of the body unread: Node discards it once the answer is sent.
    body.unpipe(inspector);
    await discard();
    throw error;
  } finally {
    body.off('close', brokenOff);
    body.off('error', brokenOff);
  }
}

/** Scratch files older than this are left over from a process that died mid-upload. */
const STALE_SCRATCH_MS = 60 * 60_000;

/** Removes scratch files that no upload is writing any more (best effort, at start). */
export async function sweepScratch(scratchDir: string, now = Date.now()): Promise<void> {
  const names = await fs.promises.readdir(scratchDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.upload'))) {
    const file = path.join(scratchDir, name);
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (stat && now - stat.mtimeMs > STALE_SCRATCH_MS) await fs.promises.rm(file, { force: true });
  }
}
