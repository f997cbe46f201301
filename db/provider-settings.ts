import type { Db } from './connection';

/** A provider's name and what it set for itself; undefined when no provider has this id. */
export async function providerSettings(
  db: Db,
  providerId: string,
): Promise<{ name: string; photoRetentionDays: number | null } | undefined> {
  const row = await db('organisations').where({ id: providerId, kind: 'provider' }).first('name', 'photo_retention_days');
  return row === undefined ? undefined : { name: row.name as string, photoRetentionDays: row.photo_retention_days as number | null };
}

/** How long the provider keeps the photos of finished jobs (photo housekeeping), or null for the installation's default. */
export async function setPhotoRetention(db: Db, providerId: string, days: number | null): Promise<boolean> {
  const updated = await db('organisations').where({ id: providerId, kind: 'provider' }).update({ photo_retention_days: days });
  return updated > 0;
}
