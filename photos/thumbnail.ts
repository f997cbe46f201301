import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Mutex } from 'async-mutex';
import type decodeHeic from 'heic-decode';
import sharp from 'sharp';
import { MAX_PHOTO_PIXELS, unreadableImage, type PhotoContentType } from './inspect';

/** The longer side of a thumbnail, in pixels: a list's tile on a high-density phone screen. */
export const THUMBNAIL_SIZE = 320;
export const THUMBNAIL_CONTENT_TYPE = 'image/jpeg';

// libvips keeps recent operations and open files (up to 50 MB) for images worked on again; each
// photo is thumbnailed once, so that cache would only hold memory.
sharp.cache(false);

export interface Thumbnail {
  bytes: Buffer;
  sha256: string;
}

/**
 * A JPEG of at most THUMBNAIL_SIZE on its longer side, turned upright by the photo's EXIF
 * orientation and carrying no metadata at all (sharp writes none unless asked): a list shows it
 * to anyone who may see the job, so no location or device name rides along. Read from the file
 * with shrink-on-load, so a 20 MiB JPEG is never decoded at full size.
 *
 * HEIC (HEVC-coded HEIF, what iPhones save) sharp's prebuilt libvips cannot decode (it decodes only
 * AV1-coded HEIF, as HEVC is patent-encumbered): libheif compiled to WebAssembly (heic-decode)
 * does, at full size in memory — about 50 MB for 12 megapixels —, so one HEIC at a time. A HEIF
 * neither decodes gets `undefined` (kept, without a thumbnail); any other type that does not
 * decode is no image (422 unreadable-image).
 */
export async function makeThumbnail(file: string, contentType: PhotoContentType): Promise<Thumbnail | undefined> {
  let bytes: Buffer;
  try {
    bytes = await thumbnailOf(sharp(file, { sequentialRead: true, failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS }).autoOrient());
  } catch (error) {
    if (contentType !== 'image/heic' && contentType !== 'image/heif') throw unreadableImage(error);
    const heic = await heicThumbnail(file).catch(() => undefined);
    if (heic === undefined) return undefined;
    bytes = heic;
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

function thumbnailOf(image: sharp.Sharp): Promise<Buffer> {
  return image
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80, mozjpeg: true })
    .toBuffer();
}

/** One full-frame HEIC decode at a time: each holds the whole picture in memory. */
const heicDecoding = new Mutex();

/** libheif turns the picture as its container says (irot, imir), so the pixels come upright. */
function heicThumbnail(file: string): Promise<Buffer> {
  return heicDecoding.runExclusive(async () => {
    // Loaded on the first HEIC only: its WebAssembly costs every process 60 ms and 20 MB at start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const decode = require('heic-decode') as typeof decodeHeic;
    const { width, height, data } = await decode({ buffer: await fs.promises.readFile(file) });
    return thumbnailOf(sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 } }));
  });
}
