import { loadCliConfig, type CliConfig } from '../common/config';

/** Where a command runs and what it prints: the process's by default; a test passes its own to read them. */
export interface CommandIo {
  /** Directory whose `job-types/` folder is used when no files are named. */
  cwd(): string;
  out(text: string): void;
  err(text: string): void;
  setExitCode(code: number): void;
}

/** A command that talks to a running API. */
export interface RemoteCommandIo extends CommandIo {
  /** INSTALLER_JOBS_API and INSTALLER_JOBS_TOKEN. */
  config: CliConfig;
  fetch: typeof fetch;
}

export const processIo: CommandIo = {
  cwd: () => process.cwd(),
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  setExitCode: (code) => {
    process.exitCode = code;
  },
};

/** The process's io for a command that talks to the API, its settings read when it runs. */
export function remoteProcessIo(): RemoteCommandIo {
  return { ...processIo, config: loadCliConfig(), fetch: (...args) => globalThis.fetch(...args) };
}
