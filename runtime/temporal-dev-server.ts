import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http2 from 'node:http2';
import path from 'node:path';
import { ALL_SEARCH_ATTRIBUTES } from '../common/search-attributes';
import { logTail } from './log-tail';
import { removePidFile, stopOrphan, writePidFile } from './pid-file';
import { assertPortFree } from './ports';
import { describeExit } from './supervisor';

export interface DevServerOptions {
  /** Absolute path of the `temporal` CLI binary (see tools.ts). */
  executable: string;
  ip: string;
  port: number;
  /** Omit for a headless server (the tests). */
  uiPort?: number;
  /** Omit for an in-memory server that forgets everything when it stops (the tests). */
  dbFile?: string;
  namespace: string;
  /** Server output goes here; its tail is quoted when start-up fails. */
  logFile: string;
  /** Records the server's pid so that the next start can stop an orphan. */
  pidFile?: string;
  log?: (line: string) => void;
  /** Called once the server process runs (or its start has failed): from then on its start-up costs the caller nothing. */
  onLaunched?: () => void;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  /** Settles when the server process ended without being stopped (a crash, a kill), saying how. */
  ended: Promise<string>;
  /** Returns at once if the process has already ended. */
  stop(): Promise<void>;
}

export class DevServerStartError extends Error {
  override name = 'DevServerStartError';
}

const SEARCH_ATTRIBUTE_FLAG_TYPES = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
} as const;

/** Runs `temporal server start-dev` with our search attributes and waits until its namespace answers. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  try {
    return await launchDevServer(options);
  } finally {
    options.onLaunched?.();
  }
}

async function launchDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? (() => {});
  if (options.pidFile) await stopOrphan(options.pidFile, /temporal.*server.*start-dev/, log);
  await assertPortFree(options.port, options.ip, 'the Temporal dev server', 'TEMPORAL_DEV_PORT');
  if (options.uiPort !== undefined) await assertPortFree(options.uiPort, options.ip, 'the Temporal UI', 'TEMPORAL_DEV_UI_PORT');

  const args = [
    'server',
    'start-dev',
    '--ip',
    options.ip,
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
    '--log-level',
    'warn',
  ];
  args.push(...(options.uiPort === undefined ? ['--headless'] : ['--ui-port', String(options.uiPort)]));
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  for (const key of ALL_SEARCH_ATTRIBUTES) args.push('--search-attribute', `${key.name}=${SEARCH_ATTRIBUTE_FLAG_TYPES[key.type]}`);

  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const logFd = fs.openSync(options.logFile, 'a');
  // Own process group: Ctrl-C reaches us, and we stop the server after the worker has drained.
  const child = spawn(options.executable, args, { stdio: ['ignore', logFd, logFd], detached: true });
  fs.closeSync(logFd);
  if (options.pidFile && child.pid) writePidFile(options.pidFile, child.pid);
  const killOnExit = () => child.pid && tryKill(-child.pid, 'SIGKILL');
  process.once('exit', killOnExit);
  let stopping = false;
  const ended = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      if (!stopping) resolve(describeExit(code, signal));
    }),
  );

  options.onLaunched?.();

  const address = `${options.ip}:${options.port}`;
  try {
    await waitUntilServing(child, address, options.namespace, options.logFile);
  } catch (error) {
    stopping = true;
    await stopChild(child);
    process.removeListener('exit', killOnExit);
    if (options.pidFile) removePidFile(options.pidFile);
    throw error;
  }

  return {
    address,
    uiUrl: options.uiPort === undefined ? undefined : `http://${options.ip === '0.0.0.0' ? 'localhost' : options.ip}:${options.uiPort}`,
    ended,
    async stop() {
      stopping = true;
      await stopChild(child);
      process.removeListener('exit', killOnExit);
      if (options.pidFile) removePidFile(options.pidFile);
    },
  };
}

async function waitUntilServing(child: ChildProcess, address: string, namespace: string, logFile: string): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
  child.once('error', (error) => (exited = `could not be started: ${error.message}`));
  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      await describeNamespace(address, namespace);
      return;
    } catch (error) {
      lastError = error;
      // Asked often: it answers within about a second, and every poll missed is start-up time.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new DevServerStartError(
    `The Temporal dev server ${exited ?? `did not answer on ${address} within 60 s (${(lastError as Error)?.message})`}.\n` +
      `Last lines of ${logFile}:\n${logTail(logFile, 15)}`,
  );
}

/**
 * One DescribeNamespace call in plain gRPC over HTTP/2, resolving when the server answers it with
 * OK. Not the Temporal client: loading that takes most of a second, which `start` spends while the
 * server starts (see startServers), and the call is small enough to write by hand: the request is a
 * DescribeNamespaceRequest with only its field 1 (namespace) set.
 */
export function describeNamespace(address: string, namespace: string): Promise<void> {
  const name = Buffer.from(namespace, 'utf8');
  if (name.length > 127) throw new Error('namespace name too long for this probe');
  const message = Buffer.concat([Buffer.from([0x0a, name.length]), name]);
  const frame = Buffer.concat([Buffer.from([0, 0, 0, 0, message.length]), message]);
  return new Promise<void>((resolve, reject) => {
    const session = http2.connect(`http://${address}`);
    const fail = (error: Error) => {
      session.destroy();
      reject(error);
    };
    session.once('error', fail);
    session.setTimeout(1_000, () => fail(new Error('no answer within 1 s')));
    const request = session.request({
      ':method': 'POST',
      ':path': '/temporal.api.workflowservice.v1.WorkflowService/DescribeNamespace',
      'content-type': 'application/grpc',
      te: 'trailers',
    });
    let status: string | undefined;
    const take = (headers: http2.IncomingHttpHeaders) => (status ??= headers['grpc-status'] as string | undefined);
    request.once('response', take);
    request.once('trailers', take);
    request.once('error', fail);
    request.resume();
    request.once('end', () => {
      session.close();
      if (status === '0') resolve();
      else reject(new Error(`DescribeNamespace answered grpc-status ${status ?? '(none)'}`));
    });
    request.end(frame);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  tryKill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && tryKill(-child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
