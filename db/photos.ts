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
 * Records a photo whose bytes are in the store. A retry of the same upload (the same photo id,
 * derived from its Idempotency-Key and bytes) finds the row the first attempt wrote and gets it,
 * unchanged.
 */
export async function recordPhoto(db: Db, photo: NewPhoto): Promise<PhotoRow> {
  await db('photos').insert(photo).onConflict('id').ignore();
  return (await findPhoto(db, photo.id))!;
}

/** A photo whose bytes are still kept; undefined for one never uploaded or since removed. */
export async function findPhoto(db: Db, photoId: string): Promise<PhotoRow | undefined> {
  return db<PhotoRow>('photos').where({ id: photoId }).whereNull('deleted_at').first();
}
