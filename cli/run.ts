import { DomainError } from '../common/errors';

/**
 * Runs a command and turns the errors we expect from a bad environment (a port in use, no pip,
 * an unreachable database) into one clear message and exit code 1 — no stack trace.
 */
export async function runCli(command: () => Promise<void>): Promise<void> {
  try {
    await command();
  } catch (error) {
    const known = error instanceof Error && (KNOWN_ERRORS.has(error.name) || error instanceof DomainError);
    console.error(known ? `\n✖ ${(error as Error).message}` : error);
    process.exit(1);
  }
}

const KNOWN_ERRORS = new Set([
  'ConfigError',
  'ToolInstallError',
  'PortInUseError',
  'DevServerStartError',
  'CliChildStartError',
  'PostgresStartError',
  'PostgresUnreachableError',
  'TemporalUnreachableError',
  'JobTypeError',
]);
