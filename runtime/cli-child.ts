import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { logTail } from './log-tail';
import { cliChildOrphanPattern, removePidFile, stopOrphan, writePidFile, type CliChildCommand } from './pid-file';
import { describeExit, type Child } from './supervisor';
import { oneLine } from './worker-log';

const BIN = path.resolve(__dirname, '..', 'bin', 'installer-jobs.js');

export interface CliChild extends Child {
  pid: number;
}

export class CliChildStartError extends Error {
  override name = 'CliChildStartError';
}

export interface CliChildOptions {
  command: CliChildCommand;
  /** After the command: `--state-file …`. */
  args?: string[];
  /** The whole environment of the child (JSON logs: its lines are read here). */
  env: NodeJS.ProcessEnv;
  /** Its output, one JSON object a line, appended. */
  logFile: string;
  /** Records its pid, so that a start after one killed outright stops the orphan (stopOrphanChildren in pid-file.ts). */
  pidFile: string;
  /** The message of the log line that says it is up ("Worker polling"), or how a plain line that does begins. */
  ready: string;
  /** Where its warnings and errors are shown, one line each. */
  printLine: (line: string) => void;
  startTimeoutMs?: number;
  /** How long it gets to stop (the API's grace, the worker's drain) before it is killed. */
  stopTimeoutMs?: number;
  /** Aborted while it starts: it is stopped and the start rejected (Ctrl-C during a restart). */
  signal?: AbortSignal;
}

/** An `installer-jobs <command>` child, resolved once it logged `ready`; rejected with its log's tail if it ended first. */
export async function startCliChild(options: CliChildOptions): Promise<CliChild> {
  await stopOrphan(options.pidFile, cliChildOrphanPattern(options.command), options.printLine);
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const logStream = fs.createWriteStream(options.logFile, { flags: 'a' });
  // Own process group: Ctrl-C in the terminal reaches `start` only, which stops the API before the worker.
  const child = spawn(process.execPath, [BIN, options.command, ...(options.args ?? [])], {
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  if (child.pid === undefined) {
    logStream.end();
    await new Promise((resolve) => child.once('error', resolve));
    throw new CliChildStartError(`installer-jobs ${options.command} could not be started.`);
  }
  const pid = child.pid;
  writePidFile(options.pidFile, pid);
  const killOnExit = () => tryKill(pid, 'SIGKILL');
  process.once('exit', killOnExit);

  let stopping = false;
  let announceReady: (() => void) | undefined;
  const ready = new Promise<void>((resolve) => (announceReady = resolve));
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      logStream.write(`${line}\n`);
      const entry = parseLine(line);
      if (entry ? entry.msg === options.ready : line.startsWith(options.ready)) announceReady?.();
      if (entry && SHOWN_LEVELS.has(entry.level)) options.printLine(`${options.command}: ${oneLine(entryForTerminal(entry))}`);
    });
  }
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      removePidFile(options.pidFile);
      // The last lines may still be on their way through the pipes.
      setTimeout(() => logStream.end(), 100);
      resolve(describeExit(code, signal));
    }),
  );
  const stop = async () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) {
      tryKill(pid, 'SIGTERM');
      const timer = setTimeout(() => tryKill(pid, 'SIGKILL'), options.stopTimeoutMs ?? 15_000);
      await exited;
      clearTimeout(timer);
    }
  };

  const timeoutMs = options.startTimeoutMs ?? 90_000;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const outcome = await Promise.race([
    ready.then(() => 'ready' as const),
    new Promise<string>((resolve) => {
      onAbort = () => resolve('was stopped while it started');
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    }),
    exited.then((how) => `${how} before it was ready` as const),
    new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`was not ready within ${timeoutMs / 1_000} s`), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  if (outcome !== 'ready') {
    // Nothing in flight yet that a graceful stop would let finish.
    stopping = true;
    tryKill(pid, 'SIGKILL');
    await exited;
    await new Promise((resolve) => setTimeout(resolve, 150));
    throw new CliChildStartError(
      `installer-jobs ${options.command} ${outcome}. Last lines of ${options.logFile}:\n${logTail(options.logFile, 15)}`,
    );
  }
  const never = new Promise<string>(() => {});
  return { pid, ended: exited.then((how) => (stopping ? never : how)), stop };
}

const SHOWN_LEVELS = new Set(['warn', 'error', 'fatal']);

interface LogEntry {
  /** A level's name (observability/log.ts writes names, not numbers). */
  level: string;
  msg?: string;
  [key: string]: unknown;
}

function parseLine(line: string): LogEntry | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const entry = JSON.parse(line) as LogEntry;
    return typeof entry.level === 'string' ? entry : undefined;
  } catch {
    return undefined;
  }
}

function entryForTerminal(entry: LogEntry) {
  const { level, msg, time: _time, ...meta } = entry;
  return { level: level.toUpperCase(), message: msg ?? '', meta };
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
