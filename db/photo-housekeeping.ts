import type { Db } from './connection';
import { recordJobEvents } from './jobs';

/** Why housekeeping removes a photo: never used by a field of its finished job, or past its provider's retention. */
export type PhotoRemovalReason = 'unused' | 'retention';

export interface PhotoToRemove {
  id: string;
  job_id: string;
  storage_key: string;
  thumbnail_key: string | null;
  /** For a removal past retention: the days the provider kept it. */
  retention_days?: number;
}

/**
 * Whether the job's values (the read model's copy of the workflow's) hold the photo, in any field,
 * alone or in a list (lax JSON path unwraps a list). `\\?` is knex's escape for a literal `?`.
 */
const USED_BY_JOB = `jsonb_path_exists(jobs.values, '$.*.photoId \\? (@ == $id)', jsonb_build_object('id', photos.id::text))`;

/**
 * Photos still kept that housekeeping should remove now, at most `limit`: those no field of their
 * job holds, once the job has been finished for `unusedGraceHours` (while it runs, a photo may yet
 * be used); and every photo of a job finished longer ago than its provider keeps photos.
 */
export async function photosToRemove(
  db: Db,
  reason: PhotoRemovalReason,
  settings: { unusedGraceHours: number; defaultRetentionDays: number },
  limit: number,
): Promise<PhotoToRemove[]> {
  const query = db('photos')
    .join('jobs', 'jobs.id', 'photos.job_id')
    .whereNull('photos.deleted_at')
    .whereIn('jobs.status', ['SUCCEEDED', 'FAILED'])
    .select('photos.id', 'photos.job_id', 'photos.storage_key', 'photos.thumbnail_key')
    .orderBy('photos.uploaded_at')
    .limit(limit);
  if (reason === 'unused') {
    return query
      .whereRaw(`jobs.finished_at < now() - make_interval(hours => ?)`, [settings.unusedGraceHours])
      .whereRaw(`not (${USED_BY_JOB})`);
  }
  return query
    .join('organisations as provider', 'provider.id', 'jobs.provider_id')
    .select(db.raw('coalesce(provider.photo_retention_days, ?)::int as retention_days', [settings.defaultRetentionDays]))
    .whereRaw(`jobs.finished_at < now() - make_interval(days => coalesce(provider.photo_retention_days, ?))`, [
      settings.defaultRetentionDays,
    ]);
}

/**
 * Marks a photo whose bytes are gone, and says so in its job's events, in one transaction. The row
 * stays (the job's trail names the photo); a second run finds it marked and writes nothing twice.
 */
export async function markPhotoRemoved(db: Db, photo: PhotoToRemove, reason: PhotoRemovalReason): Promise<void> {
  await db.transaction(async (trx) => {
    const marked = await trx('photos').where({ id: photo.id }).whereNull('deleted_at').update({ deleted_at: trx.fn.now() });
    if (marked === 0) return;
    await recordJobEvents(trx, photo.job_id, [
      {
        key: `photo.removed/${photo.id}`,
        type: 'photo.removed',
        actor: { kind: 'system', reason: 'photo housekeeping' },
        data: {
          photoId: photo.id,
          reason,
          ...(photo.retention_days !== undefined && { retentionDays: photo.retention_days }),
        },
        occurredAt: new Date().toISOString(),
      },
    ]);
  });
}
