import path from 'node:path';
import type { Config } from '../common/config';
import { EMBEDDED_DATABASE, embeddedDatabaseUrl, startEmbeddedPostgres, useExternalPostgres, type PostgresServer } from './postgres';
import { startDevServer, type DevServer } from './temporal-dev-server';
import { locateTool } from './tools';

/**
 * The two services the engine stands on, each either started here (local development) or
 * named by the environment (production): TEMPORAL_ADDRESS and DATABASE_URL.
 */
export async function startTemporal(config: Config, log: (line: string) => void, onLaunched?: () => void): Promise<DevServer | undefined> {
  if (config.temporal.externalAddress) return undefined;
  const executable = locateTool('temporalCli', { toolsDir: config.toolsDir, explicitPaths: config.tools, onInstall: log });
  return startDevServer({
    executable,
    ip: '127.0.0.1',
    port: config.temporal.devServerPort,
    uiPort: config.temporal.devServerUiPort,
    dbFile: path.join(config.dataDir, 'temporal', 'temporal.db'),
    namespace: config.temporal.namespace,
    logFile: path.join(config.dataDir, 'temporal', 'server.log'),
    pidFile: path.join(config.dataDir, 'temporal', 'server.pid'),
    log,
    onLaunched,
  });
}

export async function startPostgres(config: Config, log: (line: string) => void, onLaunched?: () => void): Promise<PostgresServer> {
  if (config.postgres.databaseUrl) return useExternalPostgres(config.postgres.databaseUrl);
  return startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'postgres'),
    port: config.postgres.embeddedPort,
    database: EMBEDDED_DATABASE,
    logFile: path.join(config.dataDir, 'postgres.log'),
    log,
    onLaunched,
  });
}

export interface StartingServers {
  postgres: Promise<PostgresServer>;
  /** Undefined: TEMPORAL_ADDRESS names a cluster. */
  temporal: Promise<DevServer | undefined>;
  /**
   * Resolves once both server processes run (or their start has failed). They then get ready on
   * their own, so whatever the caller does meanwhile (loading the rest of its code) costs no time.
   */
  launched: Promise<void>;
}

/** Postgres and Temporal at once: neither needs the other, so both are up as soon as the slower one. */
export function startServers(config: Config, log: (line: string) => void): StartingServers {
  const launch = () => {
    let launched!: () => void;
    const promise = new Promise<void>((resolve) => (launched = resolve));
    return { promise, launched };
  };
  const postgresLaunch = launch();
  const temporalLaunch = launch();
  const postgres = startPostgres(config, log, postgresLaunch.launched);
  const temporal = startTemporal(config, log, temporalLaunch.launched);
  // An external server, or a start that failed before its process ran, launches nothing.
  void postgres.finally(postgresLaunch.launched).catch(() => {});
  void temporal.finally(temporalLaunch.launched).catch(() => {});
  return { postgres, temporal, launched: Promise.all([postgresLaunch.promise, temporalLaunch.promise]).then(() => {}) };
}

/** The database of a process that starts no server itself: DATABASE_URL, else the one `start` runs. */
export function databaseUrl(config: Config): string {
  return config.postgres.databaseUrl ?? embeddedDatabaseUrl(config.postgres.embeddedPort);
}
