import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAlive } from '../../runtime/pid-file';
import { findFreePort } from '../../runtime/ports';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'installer-jobs.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `installer-jobs <args>` to completion, as a person would from the shell. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 60_000): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: timeoutMs });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A long-running `installer-jobs <args>` whose output can be awaited line by line. */
export class CliProcess {
  readonly child: ChildProcess;
  output = '';
  private exit: Promise<number | null>;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exit = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  async waitFor(pattern: RegExp, timeoutMs = 90_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (this.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Expected ${pattern} in the output of installer-jobs; got:\n${this.output}`);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exit;
  }
}

/**
 * `installer-jobs <args>` to completion without blocking this process — for a CLI that talks to an
 * API this test process serves itself (runCli's spawnSync would hold the API's event loop).
 */
export async function runCliAsync(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: options.timeoutMs ?? 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  return { status, stdout, stderr };
}

/** The live processes whose command line names `dataDir`, as "pid: command": what outlives a stop it should not. */
export function processesNaming(dataDir: string): string[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && isAlive(Number(entry)))
    .map((pid) => {
      try {
        return `${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`;
      } catch {
        return '';
      }
    })
    .filter((line) => line.includes(dataDir));
}

/** An `installer-jobs start` of a test's own: a fresh data folder, free ports, nothing taken from the environment. */
export interface StartStack {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  apiUrl: string;
  simulatorUrl: string;
  temporalPort: number;
}

export async function newStartStack(prefix: string): Promise<StartStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dataDir, 0o755); // the embedded Postgres runs as its own user and must reach its folder
  const [api, temporal, ui, postgres, oneApi] = [
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
  ];
  return {
    dataDir,
    env: {
      INSTALLER_JOBS_DATA_DIR: dataDir,
      PORT: String(api),
      TEMPORAL_DEV_PORT: String(temporal),
      TEMPORAL_DEV_UI_PORT: String(ui),
      POSTGRES_PORT: String(postgres),
      ONEAPI_SIMULATOR_PORT: String(oneApi),
      TEMPORAL_ADDRESS: '',
      DATABASE_URL: '',
      ONEAPI_BASE_URL: '',
    },
    apiUrl: `http://127.0.0.1:${api}`,
    simulatorUrl: `http://127.0.0.1:${oneApi}`,
    temporalPort: temporal,
  };
}
