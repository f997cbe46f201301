import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { unreadableImage, type PhotoContentType } from './inspect';

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
 * HEIC (HEVC-coded HEIF, what iPhones save) has none: sharp's prebuilt libvips decodes only
 * AV1-coded HEIF, as HEVC is patent-encumbered, and a WebAssembly HEVC decoder would decode the
 * whole 12-megapixel frame in memory. A HEIF sharp cannot decode gets `undefined`; any other type
 * that does not decode is no image (422 unreadable-image).
 */
export async function makeThumbnail(file: string, contentType: PhotoContentType): Promise<Thumbnail | undefined> {
  let bytes: Buffer;
  try {
    bytes = await sharp(file, { sequentialRead: true, failOn: 'error' })
      .autoOrient()
      .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
  } catch (error) {
    if (contentType === 'image/heic' || contentType === 'image/heif') return undefined;
    throw unreadableImage(error);
  }
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
