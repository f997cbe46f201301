import type { PhotoNotUploaded } from '../../common/job-messages';
import type { Db } from '../../db/connection';
import { keptPhotoIdsOfJob } from '../../db/photos';
import { photoReferences } from '../../definitions/photo-references';

/**
 * A photo field takes only a photo uploaded for the same job (POST /v1/jobs/{id}/photos) and not
 * removed since: checked here, where the photos table is. What names no such photo goes with the
 * installer's change to the workflow, whose validator refuses it together with the values' other
 * problems (and a photo another field holds); at creation there are no photos at all.
 */
export async function photosNotUploaded(db: Db, jobId: string, values: Record<string, unknown> | undefined): Promise<PhotoNotUploaded[]> {
  const references = photoReferences(values ?? {});
  if (references.length === 0) return [];
  const kept = await keptPhotoIdsOfJob(
    db,
    jobId,
    references.map((reference) => reference.photoId),
  );
  return references
    .filter((reference) => !kept.has(reference.photoId))
    .map((reference) => ({
      pointer: reference.pointer,
      field: reference.pointer.split('/')[2]!,
      message: `no photo ${reference.photoId} was uploaded for job ${jobId}: upload it first (POST /v1/jobs/${jobId}/photos) and send the photoId it answers`,
    }));
}
