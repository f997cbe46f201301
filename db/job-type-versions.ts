// The versions registry: every job-type version seen, with its content hash, in Postgres. A
// version's content is fixed once registered, because running jobs and the read model refer to
// id@version; changing it without bumping the version is refused, naming the file.
import { JobTypeCatalog } from '../definitions/catalog';
import type { CompiledJobType } from '../definitions/compiled-job-type';
import { JobTypeError, type JobTypeProblem } from '../definitions/errors';
import type { Db } from './connection';

export interface RegistrationResult {
  readonly id: string;
  readonly version: number;
  /** `new`: first time seen; `unchanged`: identical to what was registered before. */
  readonly status: 'new' | 'unchanged';
}

interface VersionRow {
  id: string;
  version: number;
  content_hash: string;
  first_seen_at: Date;
}

/**
 * Registers the given job types, all or none: new versions are inserted, identical ones accepted,
 * and a changed content under a known version fails the whole call with a JobTypeError.
 */
export async function registerJobTypes(db: Db, compiled: readonly CompiledJobType[]): Promise<RegistrationResult[]> {
  return db.transaction(async (trx) => {
    const results: RegistrationResult[] = [];
    const problems: JobTypeProblem[] = [];
    for (const jobType of compiled) {
      // ON CONFLICT DO NOTHING: two processes starting at once both succeed for the same content.
      const inserted = await trx('job_type_versions')
        .insert({ id: jobType.id, version: jobType.version, content_hash: jobType.contentHash, definition: JSON.stringify(jobType) })
        .onConflict(['id', 'version'])
        .ignore()
        .returning('id');
      if (inserted.length > 0) {
        results.push({ id: jobType.id, version: jobType.version, status: 'new' });
        continue;
      }
      const existing = (await trx<VersionRow>('job_type_versions')
        .where({ id: jobType.id, version: jobType.version })
        .first()) as VersionRow;
      if (existing.content_hash === jobType.contentHash) {
        results.push({ id: jobType.id, version: jobType.version, status: 'unchanged' });
        continue;
      }
      const latest = await trx('job_type_versions').where({ id: jobType.id }).max<{ max: number }>('version as max').first();
      problems.push(changedVersionProblem(jobType, existing, (latest?.max ?? jobType.version) + 1));
    }
    if (problems.length > 0) throw new JobTypeError(problems);
    return results;
  });
}

/** The registered versions of a job type, oldest first. */
export async function registeredVersions(db: Db, id: string): Promise<Array<{ version: number; contentHash: string; firstSeenAt: Date }>> {
  const rows = await db<VersionRow>('job_type_versions')
    .where({ id })
    .orderBy('version')
    .select('version', 'content_hash', 'first_seen_at');
  return rows.map((row) => ({ version: row.version, contentHash: row.content_hash, firstSeenAt: row.first_seen_at }));
}

/** The definition a job was created with, e.g. to restart or inspect an old job. */
export async function registeredDefinition(db: Db, id: string, version: number): Promise<CompiledJobType | undefined> {
  const row = await db<VersionRow & { definition: CompiledJobType }>('job_type_versions').where({ id, version }).first('definition');
  return row?.definition;
}

/**
 * What the API and the worker do at start: load the built-in job types and record every version,
 * refusing to run on a definition nobody can trust — a file that changed a registered version
 * (jobs may run on it, so the change needs a new version number) or a broken one.
 */
export async function loadJobTypeCatalog(dir: string, db: Db): Promise<JobTypeCatalog> {
  const catalog = await JobTypeCatalog.load(dir);
  await registerJobTypes(db, catalog.list());
  return catalog;
}

function changedVersionProblem(jobType: CompiledJobType, existing: VersionRow, nextVersion: number): JobTypeProblem {
  const since = existing.first_seen_at.toISOString().slice(0, 10);
  return {
    file: jobType.source.file,
    line: jobType.source.versionLine,
    column: jobType.source.versionColumn,
    path: 'version',
    message:
      `${jobType.id}@${jobType.version} was registered on ${since} with different content; ` +
      `jobs may already use it, so set version: ${nextVersion} to publish this change`,
    severity: 'error',
  };
}
