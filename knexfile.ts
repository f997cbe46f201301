import path from 'node:path';
import type { Knex } from 'knex';
import { loadDatabaseUrl } from './common/config';

/**
 * The one knex configuration: `installer-jobs migrate`, the API, the worker and the tests all
 * build theirs from here. The URL comes from DATABASE_URL or from the embedded server we started.
 */
export function knexConfig(databaseUrl: string): Knex.Config {
  return {
    client: 'pg',
    connection: databaseUrl,
    pool: { min: 0, max: 10 },
    migrations: {
      directory: path.join(__dirname, 'migrations'),
      loadExtensions: ['.ts'],
      tableName: 'knex_migrations',
    },
  };
}

// For the knex CLI (`npx knex --knexfile knexfile.ts migrate:status`) against a running database.
const databaseUrl = loadDatabaseUrl();
export default databaseUrl ? knexConfig(databaseUrl) : undefined;
