import { RuleViolationError, type FieldProblem } from '../../common/errors';
import type { Db } from '../../db/connection';
import { keptPhotoIdsOfJob } from '../../db/photos';
import { photoReferences } from '../../definitions/photo-references';

/**
 * A photo field takes only a photo uploaded for the same job (POST /v1/jobs/{id}/photos) and not
 * removed since: checked here, where the photos table is, before the installer's change goes to
 * the workflow (which refuses a photo another field holds; and no photo at creation).
 */
export async function assertPhotosOfJob(db: Db, jobId: string, values: Record<string, unknown> | undefined): Promise<void> {
  const references = photoReferences(values ?? {});
  if (references.length === 0) return;
  const kept = await keptPhotoIdsOfJob(
    db,
    jobId,
    references.map((reference) => reference.photoId),
  );
  const problems: FieldProblem[] = references
    .filter((reference) => !kept.has(reference.photoId))
    .map((reference) => ({
      pointer: reference.pointer,
      message: `no photo ${reference.photoId} was uploaded for job ${jobId}: upload it first (POST /v1/jobs/${jobId}/photos) and send the photoId it answers`,
      rule: 'photoUnknown',
    }));
  if (problems.length === 0) return;
  throw new RuleViolationError(`Some photos were not uploaded for job ${jobId}.`, problems, { type: 'invalid-values' });
}
