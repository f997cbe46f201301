import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CompiledJobType } from './compiled-job-type';
import { findJobTypeFiles, loadJobTypeFiles } from './loader';

/** Whose a job type is: shipped in job-types/ for every provider, or one provider's own. */
export type JobTypeOwner = 'builtin' | 'provider';

/** A job type as one provider sees it. */
export interface ProviderJobType {
  jobType: CompiledJobType;
  owner: JobTypeOwner;
  /** Retired by the provider (its own archived, a built-in hidden): no new job may use it. */
  archived: boolean;
}

/** Where a provider's own job types are kept: Postgres in the processes (db/job-types.ts `providerJobTypeStore`). */
export interface ProviderJobTypeStore {
  /** The latest own version of `id`, and whether the provider retired the id, in one lookup. */
  state(providerId: string, id: string): Promise<{ latest?: { version: number; contentHash: string }; archived: boolean }>;
  definition(providerId: string, id: string, version: number): Promise<CompiledJobType | undefined>;
}

/** Compiled definitions read from Postgres, kept per process; a version's content never changes, so they never go stale. */
const CACHED_DEFINITIONS = 500;

/**
 * The job types new jobs are created from: the built-in ones, one current version per id as the
 * YAML files say (loaded at start), and each provider's own, read from Postgres on every lookup —
 * a version published through any API process is used by every other on its next request.
 */
export class JobTypeCatalog {
  private readonly byId: ReadonlyMap<string, CompiledJobType>;
  private readonly sources: ReadonlyMap<string, string>;
  /** Keyed by provider, id, version and content hash: what one indexed query names as the latest. */
  private readonly definitions = new Map<string, CompiledJobType>();

  constructor(jobTypes: readonly CompiledJobType[], sources: ReadonlyMap<string, string> = new Map()) {
    this.byId = new Map(jobTypes.map((jobType) => [jobType.id, jobType]));
    this.sources = sources;
  }

  /** Throws JobTypeError naming file, line and column of every problem in every file. */
  static async load(dir: string): Promise<JobTypeCatalog> {
    const files = await findJobTypeFiles(dir);
    const jobTypes = await loadJobTypeFiles(files);
    // The texts as shipped, for provider admins who copy a built-in type to make their own.
    const texts = await Promise.all(files.map((file) => readFile(path.resolve(file), 'utf8')));
    return new JobTypeCatalog(jobTypes, new Map(jobTypes.map((jobType, index) => [jobType.id, texts[index]!])));
  }

  /** A built-in type. */
  get(id: string): CompiledJobType | undefined {
    return this.byId.get(id);
  }

  /** The built-in types, by title. */
  list(): CompiledJobType[] {
    return [...this.byId.values()].sort((a, b) => a.title.localeCompare(b.title));
  }

  /** A built-in type's YAML as shipped (its current version). */
  builtinSource(id: string): string | undefined {
    return this.sources.get(id);
  }

  /**
   * The type `id` as a provider sees it: its own latest version, else the built-in one; undefined
   * when neither exists — another provider's type is as unknown as one nobody wrote. Its own wins
   * over a built-in of the same id, which publishing refuses but a later built-in file could bring.
   */
  async forProvider(store: ProviderJobTypeStore, providerId: string, id: string): Promise<ProviderJobType | undefined> {
    const state = await store.state(providerId, id);
    if (state.latest) {
      const key = `${providerId}/${id}@${state.latest.version}#${state.latest.contentHash}`;
      let jobType = this.definitions.get(key);
      if (!jobType) {
        jobType = await store.definition(providerId, id, state.latest.version);
        if (!jobType) return undefined;
        if (this.definitions.size >= CACHED_DEFINITIONS) this.definitions.delete(this.definitions.keys().next().value!);
        this.definitions.set(key, jobType);
      }
      return { jobType, owner: 'provider', archived: state.archived };
    }
    const builtin = this.byId.get(id);
    return builtin && { jobType: builtin, owner: 'builtin', archived: state.archived };
  }
}
