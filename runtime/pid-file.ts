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

/** When the process began, in clock ticks since boot (/proc/<pid>/stat, field 22): a pid given out again comes with another. */
function startTime(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command's name (which may hold blanks and parentheses) begin with field 3.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3];
  } catch {
    return undefined;
  }
}

/**
 * `installer-jobs start` records itself in its data folder: a start that finds a live one there must
 * not stop that one's servers as orphans while it restarts them (two supervisors fighting).
 */
export function startPidFile(dataDir: string): string {
  return path.join(dataDir, 'start.pid');
}

/** `installer-jobs start` run by npm (`node bin/installer-jobs.js start`) or through the installed bin. */
const START_PATTERN = /installer-jobs(\.js)? start\b/;

/**
 * Records this process as the `start` of `dataDir` until it exits, or returns the pid of the one
 * that still runs there (and records nothing). The file holds the pid and the process's start time,
 * so that a pid the system has given to another process since — another start, of another folder,
 * included — is not taken for it; a start killed outright leaves a file naming no live start.
 */
export function claimStart(dataDir: string): number | undefined {
  const file = startPidFile(dataDir);
  for (let attempt = 0; attempt < 3; attempt++) {
    const running = runningStart(file);
    if (running !== undefined) return running;
    try {
      removePidFile(file); // one naming no live start, if any
      // 'wx': of two starts at once, one makes the file and the other sees it.
      fs.writeFileSync(file, `${process.pid}\n${startTime(process.pid) ?? ''}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    process.once('exit', () => {
      if (readPid(file) === process.pid) removePidFile(file);
    });
    return undefined;
  }
  return runningStart(file);
}

function runningStart(file: string): number | undefined {
  const pid = readPid(file);
  if (pid === undefined || pid === process.pid || !isAlive(pid)) return undefined;
  const recorded = readLines(file)[1];
  if (recorded && recorded !== startTime(pid)) return undefined;
  return START_PATTERN.test(commandLine(pid)) ? pid : undefined;
}

function readLines(file: string): string[] {
  try {
    return fs.readFileSync(file, 'utf8').split('\n');
  } catch {
    return [];
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
