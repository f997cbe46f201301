import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { imageSizeFromFile } from 'image-size/fromFile';
import sharp from 'sharp';
import { PayloadTooLargeError, RuleViolationError, UnsupportedMediaTypeError } from '../common/errors';

/** What a photo may be, told by its bytes (the Content-Type a client sends is not trusted). */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

/** Enough for file-type to tell these formats apart (its own sample size); fewer only when the body is shorter. */
export const SNIFF_BYTES = 4100;

/** The content type of an image by its first bytes; undefined for anything that is not one of PHOTO_CONTENT_TYPES. */
export async function sniffPhotoType(head: Uint8Array): Promise<PhotoContentType | undefined> {
  const found = await fileTypeFromBuffer(head);
  return (PHOTO_CONTENT_TYPES as readonly string[]).includes(found?.mime ?? '') ? (found!.mime as PhotoContentType) : undefined;
}

/** 413 before a byte is read, when the declared length is already too much. */
export function refuseDeclaredLength(contentLength: string | undefined, maxBytes: number): void {
  if (contentLength === undefined || contentLength === '') return;
  const declared = Number(contentLength);
  if (Number.isFinite(declared) && declared > maxBytes) throw photoTooLarge(maxBytes);
}

export function photoTooLarge(maxBytes: number): PayloadTooLargeError {
  return new PayloadTooLargeError(`A photo may be at most ${formatBytes(maxBytes)}.`, [], {
    detail: 'Send it at a lower resolution or quality (a phone camera setting, or the app scaling it down).',
  });
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${bytes} bytes`;
}

export function notAPhoto(): UnsupportedMediaTypeError {
  return new UnsupportedMediaTypeError(`The body is not a photo: send a JPEG, PNG, HEIC/HEIF or WebP image as it is.`, [], {
    detail: `Recognised by its bytes, whatever the Content-Type says: ${PHOTO_CONTENT_TYPES.join(', ')}.`,
  });
}

/** What the bytes of an upload were, once they have all passed through a PhotoInspector. */
export interface InspectedBytes {
  contentType: PhotoContentType;
  size: number;
  /** Hex SHA-256 of the bytes as sent. */
  sha256: string;
}

/**
 * Passes an upload through unchanged while it counts, hashes and recognises it: over `maxBytes`
 * it fails with 413 as soon as the count passes (a chunked body has no Content-Length to refuse
 * up front); once the first SNIFF_BYTES have come (or the whole body, if shorter) it fails with
 * 415 unless they are one of PHOTO_CONTENT_TYPES — so neither needs the rest of the body. Holds
 * at most SNIFF_BYTES, whatever the size of the photo.
 */
export class PhotoInspector extends Transform {
  private readonly hash = createHash('sha256');
  private size = 0;
  private head: Buffer[] = [];
  private headLength = 0;
  private contentType?: PhotoContentType;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(photoTooLarge(this.maxBytes));
    this.hash.update(chunk);
    if (this.contentType !== undefined) return callback(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return callback(null, chunk);
    this.recognise().then(() => callback(null, chunk), callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.contentType !== undefined) return callback();
    this.recognise().then(() => callback(), callback);
  }

  private async recognise(): Promise<void> {
    const type = await sniffPhotoType(Buffer.concat(this.head, this.headLength).subarray(0, SNIFF_BYTES));
    this.head = [];
    if (type === undefined) throw notAPhoto();
    this.contentType = type;
  }

  /** After the last byte: what the upload was. */
  result(): InspectedBytes {
    if (this.contentType === undefined) throw new Error('PhotoInspector.result() before the body ended');
    return { contentType: this.contentType, size: this.size, sha256: this.hash.digest('hex') };
  }
}

/**
 * The photo's pixel dimensions as a viewer shows them: width and height swap when its EXIF
 * orientation turns it a quarter (5-8). Read from the headers only: image-size reads the first
 * 512 KiB of the file (it knows HEIC's boxes, which sharp's libvips cannot decode); a JPEG whose
 * frame header comes later, behind large metadata, is read by libvips, which seeks to it. A header
 * neither can read is an image nobody can show (422 unreadable-image); one of more than
 * MAX_PHOTO_PIXELS is refused as such (422 image-too-large) before anything decodes it.
 */
export async function photoDimensions(file: string): Promise<{ width: number; height: number }> {
  const found = await headerDimensions(file);
  const { width, height, orientation } = found;
  if (!width || !height) throw unreadableImage();
  if (width * height > MAX_PHOTO_PIXELS) throw imageTooLarge(width, height);
  return orientation !== undefined && orientation >= 5 ? { width: height, height: width } : { width, height };
}

function headerDimensions(file: string): Promise<{ width?: number; height?: number; orientation?: number }> {
  return imageSizeFromFile(file).catch(async (error: unknown) => {
    const meta = await sharp(file)
      .metadata()
      .catch(() => {
        throw unreadableImage(error);
      });
    return { width: meta.width, height: meta.height, orientation: meta.orientation };
  });
}

/**
 * The most pixels a photo may have: sharp's own limit (limitInputPixels, 16383 × 16383, about 268
 * megapixels), beyond which it decodes nothing — so no thumbnail could be made. Told by the
 * dimensions in the file's header, before anything is decoded. A phone camera takes 12 to 50 megapixels.
 */
export const MAX_PHOTO_PIXELS = 0x3fff * 0x3fff;

/** 422 image-too-large: a real image, but more pixels than are read (rule maxPixels), saying how many. */
export function imageTooLarge(width: number, height: number): RuleViolationError {
  const megapixels = (pixels: number) => `${Math.round(pixels / 1e6)} megapixels`;
  return new RuleViolationError(
    `The photo has ${width} × ${height} pixels (${megapixels(width * height)}); a photo may have at most ${MAX_PHOTO_PIXELS} pixels (${megapixels(MAX_PHOTO_PIXELS)}, e.g. 16383 × 16383).`,
    [{ pointer: '/', message: `has ${width * height} pixels; at most ${MAX_PHOTO_PIXELS} are taken`, rule: 'maxPixels' }],
    { type: 'image-too-large', detail: 'Send it at a lower resolution (a phone camera setting, or the app scaling it down).' },
  );
}

export function unreadableImage(cause?: unknown): RuleViolationError {
  return new RuleViolationError('The photo is of a known type but cannot be read: it may be cut short or damaged.', [], {
    type: 'unreadable-image',
    detail: 'Send the file again as the camera saved it.',
    cause,
  });
}
