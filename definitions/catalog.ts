import type { Knex } from 'knex';
import type { CompiledJobType } from './compiled-job-type';
import { loadJobTypesDirectory } from './loader';
import { registerJobTypes } from './registry';

/** The job types new jobs are created from: one current version per id, as the YAML files say. */
export class JobTypeCatalog {
  private readonly byId: ReadonlyMap<string, CompiledJobType>;

  constructor(jobTypes: readonly CompiledJobType[]) {
    this.byId = new Map(jobTypes.map((jobType) => [jobType.id, jobType]));
  }

  /** Throws JobTypeError naming file, line and column of every problem in every file. */
  static async load(dir: string): Promise<JobTypeCatalog> {
    return new JobTypeCatalog(await loadJobTypesDirectory(dir));
  }

  /**
   * Records every version in Postgres. Throws JobTypeError when a file changed a version that
   * is already registered: jobs may run on it, so the change needs a new version number.
   */
  async register(db: Knex): Promise<void> {
    await registerJobTypes(db, [...this.byId.values()]);
  }

  get(id: string): CompiledJobType | undefined {
    return this.byId.get(id);
  }

  list(): CompiledJobType[] {
    return [...this.byId.values()].sort((a, b) => a.title.localeCompare(b.title));
  }
}

/** What the API and the worker do at start: refuse to run on a definition nobody can trust. */
export async function loadJobTypeCatalog(dir: string, db: Knex): Promise<JobTypeCatalog> {
  const catalog = await JobTypeCatalog.load(dir);
  await catalog.register(db);
  return catalog;
}
