import knex, { type Knex } from 'knex';
import { knexConfig } from '../knexfile';

export type Db = Knex;

export function connectDb(databaseUrl: string): Db {
  return knex(knexConfig(databaseUrl));
}

/** Brings the schema up to date; returns the names of the migrations it ran. */
export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest()) as [number, string[]];
  return applied;
}

/** Whether a write failed on this unique constraint (or unique index), to answer it as the conflict it is. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pg = error as { code?: string; constraint?: string };
  return pg?.code === '23505' && pg.constraint === constraint;
}
