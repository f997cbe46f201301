import type { Db } from './connection';

export interface PhotoRow {
  id: string;
  job_id: string;
  content_type: string;
  size_bytes: string | number;
  width: number;
  height: number;
  sha256: string;
  storage_key: string;
  thumbnail_key: string | null;
  thumbnail_sha256: string | null;
  taken_by_user_id: string;
  taken_by_email: string;
  taken_by_organisation_id: string;
  uploaded_at: Date;
  deleted_at: Date | null;
}

export type NewPhoto = Omit<PhotoRow, 'uploaded_at' | 'deleted_at'>;

/**
 * Records a photo whose bytes are in the store, while its job runs. A retry of the same upload (the
 * same photo id, derived from its Idempotency-Key and bytes) finds the row the first attempt wrote
 * and gets it, unchanged, whatever the job's status is now. Otherwise the job's row is read FOR
 * SHARE in the same transaction as the insert: the read model's writer cannot end the job between
 * the check and the insert, and a job that ended while the photo was on its way (the upload is
 * checked when it starts, its body may take a while) answers its status and records nothing.
 */
export async function recordPhoto(db: Db, photo: NewPhoto): Promise<{ row: PhotoRow } | { jobStatus: string }> {
  return db.transaction(async (trx) => {
    const job = await trx('jobs').where({ id: photo.job_id }).forShare().first('status');
    const earlier = await findPhoto(trx, photo.id);
    if (earlier) return { row: earlier };
    if (job?.status !== 'RUNNING') return { jobStatus: job?.status ?? 'DELETED' };
    await trx('photos').insert(photo).onConflict('id').ignore();
    return { row: (await findPhoto(trx, photo.id))! };
  });
}

/** A photo whose bytes are still kept; undefined for one never uploaded or since removed. */
export async function findPhoto(db: Db, photoId: string): Promise<PhotoRow | undefined> {
  return db<PhotoRow>('photos').where({ id: photoId }).whereNull('deleted_at').first();
}

/** Of `photoIds`, those uploaded for the job and still kept. */
export async function keptPhotoIdsOfJob(db: Db, jobId: string, photoIds: readonly string[]): Promise<Set<string>> {
  const uuids = photoIds.filter(isPhotoId);
  if (uuids.length === 0) return new Set();
  const rows = await db('photos').where({ job_id: jobId }).whereIn('id', uuids).whereNull('deleted_at').select('id');
  return new Set(rows.map((row: { id: string }) => row.id));
}

/** The photos of a job still kept, oldest first. */
export async function photosOfJob(db: Db, jobId: string): Promise<PhotoRow[]> {
  return db<PhotoRow>('photos')
    .where({ job_id: jobId })
    .whereNull('deleted_at')
    .orderBy([{ column: 'uploaded_at' }, { column: 'id' }]);
}

/** Photo ids are UUIDs: anything else names no photo (and is no uuid Postgres would compare). */
export function isPhotoId(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}
