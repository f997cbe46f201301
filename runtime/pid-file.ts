import fs from 'node:fs';
import path from 'node:path';

/**
 * A server we start records its pid. If our process was killed (SIGKILL, a crashed terminal),
 * the server outlives it; the next start finds the pid here and stops that orphan first.
 */
export function writePidFile(file: string, pid: number): void {
  fs.writeFileSync(file, `${pid}\n`);
}

export function removePidFile(file: string): void {
  fs.rmSync(file, { force: true });
}

/** Stops a still-running process recorded in `file`, if its command line matches `expected`. */
export async function stopOrphan(file: string, expected: RegExp, log: (line: string) => void): Promise<void> {
  const pid = readPid(file);
  if (pid === undefined) return;
  if (isAlive(pid) && expected.test(commandLine(pid))) {
    log(`Stopping a server left running by an earlier start (pid ${pid}).`);
    process.kill(pid, 'SIGTERM');
    if (!(await waitForExit(pid, 10_000))) process.kill(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
  removePidFile(file);
}

export function readPid(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return ''; // no /proc (macOS): never kill what we cannot identify
  }
}

/** The processes `start --processes` runs: `installer-jobs worker` and `installer-jobs api`, as production does, and the OneAPI simulator (cli-child.ts). */
export type CliChildCommand = 'worker' | 'api' | 'simulator';

/** A `start` killed outright leaves its worker, API and simulator running: the next one stops them before it needs their ports. */
export async function stopOrphanChildren(dataDir: string, log: (line: string) => void): Promise<void> {
  await Promise.all(
    (['api', 'worker', 'simulator'] as const).map((command) =>
      stopOrphan(cliChildPidFile(dataDir, command), cliChildOrphanPattern(command), log),
    ),
  );
}

export function cliChildPidFile(dataDir: string, command: CliChildCommand): string {
  return path.join(dataDir, `${command}.pid`);
}

export function cliChildOrphanPattern(command: CliChildCommand): RegExp {
  return new RegExp(`installer-jobs\\.js ${command}\\b`);
}
