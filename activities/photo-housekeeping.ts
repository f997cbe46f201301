import { Context } from '@temporalio/activity';
import type { PhotoHousekeepingSettings } from '../common/config';
import type { Db } from '../db/connection';
import { markPhotoRemoved, photosToRemove, type PhotoRemovalReason } from '../db/photo-housekeeping';
import type { PhotoStore } from '../photos/store';

/** Photos per batch: each batch is a query, then one store delete and one transaction per photo. */
const BATCH = 100;

/**
 * Removes what should go, batch after batch, until nothing is left: the bytes first (original and
 * thumbnail), then the mark and the job's event. A crash between the two leaves a photo that the
 * next run deletes again (the store takes a delete of nothing) and marks then.
 */
export function createPhotoHousekeepingActivities(
  db: Db,
  photos: { store: PhotoStore; housekeeping: PhotoHousekeepingSettings } | undefined,
) {
  return {
    async removePhotos(reason: PhotoRemovalReason): Promise<number> {
      if (photos === undefined) return 0;
      const { store, housekeeping: settings } = photos;
      let removed = 0;
      for (;;) {
        const batch = await photosToRemove(db, reason, settings, BATCH);
        for (const photo of batch) {
          await store.delete(photo.storage_key);
          if (photo.thumbnail_key !== null) await store.delete(photo.thumbnail_key);
          await markPhotoRemoved(db, photo, reason);
          removed++;
          Context.current().heartbeat(removed);
        }
        if (batch.length < BATCH) return removed;
      }
    },
  };
}
