// A provider's own job types in Postgres: their versions, which ones are retired, and the log of
// what its admins did (migrations/20261130190000_provider_job_types.ts). Every query names the
// provider: a type is never found across tenants.
import type { ProviderJobTypeStore } from '../definitions/catalog';
import type { CompiledJobType } from '../definitions/compiled-job-type';
import type { Db } from './connection';
import { MAX_JOB_TYPE_VERSION } from '../definitions/grammar-validation';

/** Who did something, kept by value so that it outlives the account. */
export interface JobTypeActor {
  userId: string;
  email: string;
}

export interface ProviderVersionHead {
  version: number;
  contentHash: string;
}

/** What job creation needs to know about an id, in one indexed query: the latest own version, and whether the provider retired the id. */
export interface ProviderJobTypeState {
  latest?: ProviderVersionHead;
  archived: boolean;
}

export async function providerJobTypeState(db: Db, providerId: string, id: string): Promise<ProviderJobTypeState> {
  const { rows } = (await db.raw(
    `select a.provider_id is not null as archived, v.version, v.content_hash
       from (select 1) as one
       left join provider_job_type_archives a on a.provider_id = ? and a.job_type_id = ?
       left join lateral (select version, content_hash from provider_job_type_versions
                           where provider_id = ? and id = ? order by version desc limit 1) v on true`,
    [providerId, id, providerId, id],
  )) as { rows: Array<{ archived: boolean; version: number | null; content_hash: string | null }> };
  const row = rows[0]!;
  return { archived: row.archived, ...(row.version !== null ? { latest: { version: row.version, contentHash: row.content_hash! } } : {}) };
}

export async function providerDefinition(db: Db, providerId: string, id: string, version: number): Promise<CompiledJobType | undefined> {
  const row = await db('provider_job_type_versions').where({ provider_id: providerId, id, version }).first('definition');
  return row?.definition as CompiledJobType | undefined;
}

/** The provider's own job types as the catalog (definitions/catalog.ts) looks them up. */
export function providerJobTypeStore(db: Db): ProviderJobTypeStore {
  return {
    state: (providerId, id) => providerJobTypeState(db, providerId, id),
    definition: (providerId, id, version) => providerDefinition(db, providerId, id, version),
  };
}

export interface ProviderVersionRow {
  id: string;
  version: number;
  contentHash: string;
  source: string;
  definition: CompiledJobType;
  publishedAt: Date;
  publishedBy: JobTypeActor;
}

export async function providerVersion(db: Db, providerId: string, id: string, version: number): Promise<ProviderVersionRow | undefined> {
  const row = await db('provider_job_type_versions').where({ provider_id: providerId, id, version }).first();
  return row && toVersionRow(row);
}

/** The provider's own types in their latest versions, archived ones too (each says so). */
export async function latestProviderVersions(
  db: Db,
  providerId: string,
): Promise<Array<{ definition: CompiledJobType; archived: boolean }>> {
  const rows = await db
    .select('v.definition', db.raw('a.provider_id is not null as archived'))
    .from(
      db('provider_job_type_versions')
        .distinctOn('id')
        .where({ provider_id: providerId })
        .orderBy([{ column: 'id' }, { column: 'version', order: 'desc' }])
        .select('provider_id', 'id', 'definition')
        .as('v'),
    )
    .leftJoin('provider_job_type_archives as a', (on) => on.on('a.provider_id', 'v.provider_id').andOn('a.job_type_id', 'v.id'));
  return rows.map((row: { definition: CompiledJobType; archived: boolean }) => ({ definition: row.definition, archived: row.archived }));
}

/** Every published version of one own type, oldest first, without sources and definitions. */
export async function providerVersionList(db: Db, providerId: string, id: string) {
  const rows = await db('provider_job_type_versions')
    .where({ provider_id: providerId, id })
    .orderBy('version')
    .select('version', 'content_hash', 'published_at', 'published_by_user_id', 'published_by_email');
  return rows.map((row) => ({
    version: row.version as number,
    contentHash: row.content_hash as string,
    publishedAt: row.published_at as Date,
    publishedBy: { userId: row.published_by_user_id, email: row.published_by_email } as JobTypeActor,
  }));
}

/** The ids a provider retired: its own archived types and the built-ins it hid. */
export async function archivedJobTypeIds(db: Db, providerId: string): Promise<Set<string>> {
  return new Set(await db('provider_job_type_archives').where({ provider_id: providerId }).pluck('job_type_id'));
}

export type PublishOutcome =
  | { status: 'new' | 'unchanged'; version: number }
  | { status: 'conflict'; version: number; latest: number; reason: 'changed' | 'behind' | 'exhausted' };

/**
 * Publishes one version of a provider's type, all or nothing, one publisher of (provider, id) at a
 * time (an advisory lock): `compile(version)` gives the definition for the version chosen —
 * `requested` when the source names one, else the latest when it has the same content (nothing
 * new), else the next one. A requested version already published with other content, or older
 * than the latest, is a conflict: jobs may run on what was published.
 */
export async function publishProviderVersion(
  db: Db,
  input: {
    providerId: string;
    id: string;
    requested?: number;
    source: string;
    actor: JobTypeActor;
    compile: (version: number) => CompiledJobType;
  },
): Promise<PublishOutcome & { definition?: CompiledJobType }> {
  return db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`job-type:${input.providerId}:${input.id}`]);
    const versions = trx('provider_job_type_versions').where({ provider_id: input.providerId, id: input.id });
    const latest = (await versions.clone().orderBy('version', 'desc').first('version', 'content_hash')) as
      { version: number; content_hash: string } | undefined;
    let version: number;
    if (input.requested !== undefined) {
      version = input.requested;
      const existing = await versions.clone().where({ version }).first('content_hash');
      if (existing) {
        const definition = input.compile(version);
        return existing.content_hash === definition.contentHash
          ? { status: 'unchanged', version }
          : { status: 'conflict', version, latest: latest!.version, reason: 'changed' };
      }
      if (latest && version < latest.version) return { status: 'conflict', version, latest: latest.version, reason: 'behind' };
    } else {
      if (latest && input.compile(latest.version).contentHash === latest.content_hash)
        return { status: 'unchanged', version: latest.version };
      if (latest && latest.version >= MAX_JOB_TYPE_VERSION)
        return { status: 'conflict', version: latest.version, latest: latest.version, reason: 'exhausted' };
      version = (latest?.version ?? 0) + 1;
    }
    const definition = input.compile(version);
    await trx('provider_job_type_versions').insert({
      provider_id: input.providerId,
      id: input.id,
      version,
      content_hash: definition.contentHash,
      source: input.source,
      definition: JSON.stringify(definition),
      published_by_user_id: input.actor.userId,
      published_by_email: input.actor.email,
    });
    await audit(trx, input.providerId, input.id, 'provider', 'published', version, input.actor);
    return { status: 'new', version, definition };
  });
}

/**
 * Retires an id for the provider's new jobs (its own type archived, or a built-in hidden), or brings
 * it back. False when it already was in that state: nothing is recorded then.
 */
export async function setJobTypeArchived(
  db: Db,
  input: { providerId: string; id: string; owner: 'builtin' | 'provider'; version: number; archived: boolean; actor: JobTypeActor },
): Promise<boolean> {
  return db.transaction(async (trx) => {
    const key = { provider_id: input.providerId, job_type_id: input.id };
    const changed = input.archived
      ? (
          await trx('provider_job_type_archives')
            .insert({ ...key, archived_by_user_id: input.actor.userId, archived_by_email: input.actor.email })
            .onConflict(['provider_id', 'job_type_id'])
            .ignore()
            .returning('job_type_id')
        ).length > 0
      : (await trx('provider_job_type_archives').where(key).delete()) > 0;
    if (changed)
      await audit(trx, input.providerId, input.id, input.owner, input.archived ? 'archived' : 'unarchived', input.version, input.actor);
    return changed;
  });
}

export async function archivedSince(
  db: Db,
  providerId: string,
  id: string,
): Promise<{ archivedAt: Date; archivedBy: JobTypeActor } | undefined> {
  const row = await db('provider_job_type_archives').where({ provider_id: providerId, job_type_id: id }).first();
  return row && { archivedAt: row.archived_at, archivedBy: { userId: row.archived_by_user_id, email: row.archived_by_email } };
}

export interface JobTypeAuditEntry {
  action: 'published' | 'archived' | 'unarchived';
  owner: 'builtin' | 'provider';
  version: number | null;
  actor: JobTypeActor;
  occurredAt: Date;
}

/** What the provider's admins did to one type, oldest first. */
export async function jobTypeHistory(db: Db, providerId: string, id: string): Promise<JobTypeAuditEntry[]> {
  const rows = await db('provider_job_type_audit').where({ provider_id: providerId, job_type_id: id }).orderBy('seq');
  return rows.map((row) => ({
    action: row.action,
    owner: row.owner,
    version: row.version,
    actor: { userId: row.actor_user_id, email: row.actor_email },
    occurredAt: row.occurred_at,
  }));
}

/**
 * The provider of a job assigned to this installer company with this type version, if there is
 * one: an installer company reads a provider's type only through the jobs it works on.
 */
export async function providerOfAssignedJob(db: Db, installerCompanyId: string, id: string, version: number): Promise<string | undefined> {
  const row = await db('jobs')
    .where({ installer_company_id: installerCompanyId, job_type_id: id, job_type_version: version })
    .first('provider_id');
  return row?.provider_id;
}

async function audit(
  trx: Db,
  providerId: string,
  id: string,
  owner: 'builtin' | 'provider',
  action: JobTypeAuditEntry['action'],
  version: number,
  actor: JobTypeActor,
) {
  await trx('provider_job_type_audit').insert({
    provider_id: providerId,
    job_type_id: id,
    owner,
    action,
    version,
    actor_user_id: actor.userId,
    actor_email: actor.email,
  });
}

function toVersionRow(row: Record<string, any>): ProviderVersionRow {
  return {
    id: row.id,
    version: row.version,
    contentHash: row.content_hash,
    source: row.source,
    definition: row.definition,
    publishedAt: row.published_at,
    publishedBy: { userId: row.published_by_user_id, email: row.published_by_email },
  };
}
