import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import Router, { type RouterContext } from '@koa/router';
import type { FromSchema } from 'json-schema-to-ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../common/errors';
import type { Db } from '../../db/connection';
import { findJob } from '../../db/jobs';
import { findPhoto, photosOfJob, recordPhoto, type PhotoRow } from '../../db/photos';
import { photoReferences } from '../../definitions/photo-references';
import { refuseDeclaredLength, type PhotoContentType } from '../../photos/inspect';
import { receivePhoto, sweepScratch } from '../../photos/intake';
import type { PhotoStore } from '../../photos/store';
import { THUMBNAIL_CONTENT_TYPE } from '../../photos/thumbnail';
import type { AuthState } from '../auth';
import { callerScope, idempotentPosts } from '../idempotency';
import { jobAccess } from '../jobs/job-access';
import type { SignedInDeps, StreamedBodyDeps } from '../signed-in';
import type { jobPhotos, photoResource } from './schema';

export interface PhotosRouterDeps extends SignedInDeps, StreamedBodyDeps {
  db: Db;
  photoStore: PhotoStore;
  /** PHOTO_MAX_BYTES, and where uploads wait while they are checked (common/config.ts). */
  photos: { maxBytes: number; scratchDir: string };
}

type Ctx = RouterContext<AuthState>;

const EXTENSIONS: Record<PhotoContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/webp': 'webp',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Photos of a job: the installer company working on it uploads them while it runs, and everyone
 * who may see the job fetches them. Uploads are the raw image as the request body (what a phone's
 * `fetch(url, { method: 'POST', body: blob })` sends), streamed to a scratch file and checked
 * there (photos/intake.ts), then put in the photo store before the 201.
 */
export function photosRouter(deps: PhotosRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>();
  // Each upload runs the idempotency check itself, keyed on the bytes it has read (see below).
  const answeredOnce = idempotentPosts(deps.db, callerScope);
  void sweepScratch(deps.photos.scratchDir).catch(() => {});

  router.post('/v1/jobs/:id/photos', deps.signedInStreamedBody, async (ctx) => {
    const job = await jobForUpload(ctx);
    refuseDeclaredLength(ctx.get('content-length'), deps.photos.maxBytes);
    const received = await receivePhoto(ctx.req, deps.photos);
    try {
      // A streamed body is keyed on what was read: the same key with the same bytes is a retry
      // (answered as the first time), with other bytes another request (422 idempotency-key-reused).
      ctx.request.body = { photo: { sha256: received.sha256, size: received.size } };
      await answeredOnce(ctx, async () => {
        const photoId = photoIdFor(ctx.state.requestKey, received.sha256);
        const storageKey = `${job.id}/${photoId}.${EXTENSIONS[received.contentType]}`;
        const thumbnailKey = received.thumbnail && `${job.id}/${photoId}.thumbnail.jpg`;
        // The bytes first, each durable when put resolves; the row last, so a row always names stored bytes.
        await deps.photoStore.put(storageKey, fs.createReadStream(received.file), {
          contentType: received.contentType,
          size: received.size,
        });
        if (received.thumbnail && thumbnailKey)
          await deps.photoStore.put(thumbnailKey, Readable.from([received.thumbnail.bytes]), {
            contentType: THUMBNAIL_CONTENT_TYPE,
            size: received.thumbnail.bytes.length,
          });
        const { principal } = ctx.state;
        const recorded = await recordPhoto(deps.db, {
          id: photoId,
          job_id: job.id,
          content_type: received.contentType,
          size_bytes: received.size,
          width: received.width,
          height: received.height,
          sha256: received.sha256,
          storage_key: storageKey,
          thumbnail_key: thumbnailKey ?? null,
          thumbnail_sha256: received.thumbnail?.sha256 ?? null,
          taken_by_user_id: principal.userId,
          taken_by_email: principal.email,
          taken_by_organisation_id: principal.organisationId,
        });
        // The job ended while the photo was on its way: nothing refers to the bytes, which go again.
        if ('jobStatus' in recorded) {
          await Promise.all([storageKey, thumbnailKey].filter((key) => key).map((key) => deps.photoStore.delete(key!)));
          throw notRunning(job.id, recorded.jobStatus);
        }
        const { row } = recorded;
        ctx.status = 201;
        ctx.set('Location', `/v1/photos/${row.id}`);
        ctx.body = toPhotoResource(row);
      });
    } finally {
      await received.discard();
    }
  });

  router.get('/v1/jobs/:id/photos', deps.signedIn, async (ctx) => {
    const job = await findJob(deps.db, ctx.params.id!);
    const { isProvider, isInstaller } = jobAccess(job, ctx.state.principal);
    if (!job || !(isProvider || isInstaller)) throw new NotFoundError(`Job ${ctx.params.id} does not exist.`);
    const fieldOf = new Map(photoReferences(job.values).map((reference) => [reference.photoId, reference.field]));
    const answer: FromSchema<typeof jobPhotos> = {
      items: (await photosOfJob(deps.db, job.id)).map((row) => ({ ...toPhotoResource(row), field: fieldOf.get(row.id) ?? null })),
    };
    ctx.body = answer;
  });

  router.get('/v1/photos/:photoId', deps.signedIn, async (ctx) => {
    const photo = await visiblePhoto(ctx);
    await sendStored(ctx, photo.storage_key, photo.content_type, photo.sha256);
  });

  router.get('/v1/photos/:photoId/thumbnail', deps.signedIn, async (ctx) => {
    const photo = await visiblePhoto(ctx);
    if (!photo.thumbnail_key || !photo.thumbnail_sha256)
      throw new NotFoundError(`Photo ${photo.id} has no thumbnail.`, [], {
        type: 'no-thumbnail',
        detail: 'None could be made: a HEIF image no decoder here reads. Show a placeholder, or the photo itself.',
      });
    await sendStored(ctx, photo.thumbnail_key, THUMBNAIL_CONTENT_TYPE, photo.thumbnail_sha256);
  });

  /** The job of the path, for the installer company working on it: assigned to the caller's company, and RUNNING. */
  async function jobForUpload(ctx: Ctx) {
    const job = await findJob(deps.db, ctx.params.id!);
    const { isProvider, isInstaller } = jobAccess(job, ctx.state.principal);
    if (!job || !(isProvider || isInstaller)) throw new NotFoundError(`Job ${ctx.params.id} does not exist.`);
    if (!isInstaller)
      throw new ForbiddenError(`Photos of job ${job.id} are taken by the installer company it is assigned to.`, [], { type: 'wrong-role' });
    if (job.status !== 'RUNNING') throw notRunning(job.id, job.status);
    return job;
  }

  function notRunning(jobId: string, status: string): ConflictError {
    return new ConflictError(
      `Job ${jobId} is ${status}: photos are uploaded while it runs.`,
      [{ pointer: '/status', message: `is ${status}`, rule: 'status' }],
      { type: 'wrong-status' },
    );
  }

  /** The photo of the path, if the caller may see its job; otherwise it does not exist for them. */
  async function visiblePhoto(ctx: Ctx): Promise<PhotoRow> {
    const photoId = ctx.params.photoId!;
    const photo = UUID.test(photoId) ? await findPhoto(deps.db, photoId) : undefined;
    const job = photo && (await findJob(deps.db, photo.job_id));
    const { isProvider, isInstaller } = jobAccess(job, ctx.state.principal);
    if (!photo || !(isProvider || isInstaller)) throw new NotFoundError(`Photo ${photoId} does not exist.`);
    return photo;
  }

  /** Streams a stored object; 304 when the client holds these bytes already (the ETag is their SHA-256). */
  async function sendStored(ctx: Ctx, key: string, contentType: string, sha256: string): Promise<void> {
    // The bytes under a photo id never change, so a device may keep them; only for its own user.
    ctx.set('Cache-Control', 'private, max-age=31536000, immutable');
    ctx.etag = sha256;
    if (ifNoneMatch(ctx.get('if-none-match'), ctx.response.get('ETag'))) {
      ctx.status = 304;
      return;
    }
    const stored = await deps.photoStore.get(key);
    if (!stored) throw new Error(`The photo store (${deps.photoStore.description}) has lost ${key}`);
    ctx.type = contentType;
    ctx.length = stored.size;
    ctx.body = stored.body;
  }

  return router;
}

/** If-None-Match names this ETag (weakly compared, as RFC 9110 says for GET), or is `*`. */
function ifNoneMatch(header: string, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}

/**
 * A new upload's id; with an Idempotency-Key, derived from it and the bytes, so that a retry whose
 * first attempt stored the photo but lost its answer lands on the same row and the same objects
 * instead of leaving a second copy (a UUID of version 8, RFC 9562's for ids made this way).
 */
export function photoIdFor(requestKey: string | undefined, sha256: string): string {
  if (!requestKey) return randomUUID();
  const bytes = createHash('sha256').update(`photo\0${requestKey}\0${sha256}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function toPhotoResource(row: PhotoRow): FromSchema<typeof photoResource> {
  return {
    photoId: row.id,
    jobId: row.job_id,
    contentType: row.content_type as PhotoContentType,
    size: Number(row.size_bytes),
    width: row.width,
    height: row.height,
    sha256: row.sha256,
    takenBy: { userId: row.taken_by_user_id, email: row.taken_by_email },
    uploadedAt: row.uploaded_at.toISOString(),
    url: `/v1/photos/${row.id}`,
    thumbnailUrl: row.thumbnail_key ? `/v1/photos/${row.id}/thumbnail` : null,
  };
}
