/**
 * How long does a second `npm start` take, next to the Temporal dev server it runs? Each round times,
 * interleaved so that a busy machine weighs on both alike:
 *
 * - `npm start` on data it made before (a warm-up start in a temporary data folder made it, and the
 *   workflow bundle cache), from the command until it is healthy: GET /readyz answers `ready` and the
 *   demo provider's first job is created (201) — what "Ready" promises (README, Quick start);
 * - a bare `temporal server start-dev --db-filename <a copy of that stack's Temporal file>` (with its
 *   UI, as `npm start` runs it), from the command until its namespace answers DescribeNamespace
 *   (asked every 20 ms with the probe `start` uses itself).
 *
 * It prints each round, the medians and their ratio (target: at most 3).
 *
 *   npx tsx bench/startup.ts [--rounds 5] [--target 3] [--command npm|node]
 *
 * `--command node` runs `node bin/installer-jobs.js start` (what `npm start` runs) instead, to see npm's
 * own share. Ports are free ones, so a running `npm start` is not disturbed. Exit code 1 over target.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../common/config';
import { findFreePort } from '../runtime/ports';
import { describeNamespace } from '../runtime/temporal-dev-server';
import { locateTool } from '../runtime/tools';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    target: { type: 'string', default: '3' },
    command: { type: 'string', default: 'npm' },
  },
});
const ROUNDS = positiveInt(args.rounds, '--rounds');
const TARGET = Number(args.target);
if (!(TARGET > 0)) throw new Error(`--target ${args.target} is not a positive number`);
if (args.command !== 'npm' && args.command !== 'node') throw new Error(`--command ${args.command}: npm or node`);

const config = loadConfig();
const projectDir = config.projectDir;

interface Round {
  startMs: number;
  bareMs: number;
}

interface StartTimes {
  /** Until GET /readyz answered ready. */
  healthyMs: number;
  /** Until the first job was created as well: what the ratio is taken of. */
  readyMs: number;
}

/** True when the ratio is over target. */
async function main(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'installer-jobs-bench-startup-'));
  fs.chmodSync(dir, 0o755); // embedded Postgres runs as the `postgres` user when we are root
  const dataDir = path.join(dir, 'data');
  const ports = {
    api: await findFreePort(),
    temporal: await findFreePort(),
    ui: await findFreePort(),
    postgres: await findFreePort(),
    oneApi: await findFreePort(),
  };
  const env: NodeJS.ProcessEnv = {
    // eslint-disable-next-line no-restricted-properties -- the stack runs with this environment (PATH, HOME), its own settings on top
    ...process.env,
    INSTALLER_JOBS_DATA_DIR: dataDir,
    PORT: String(ports.api),
    TEMPORAL_DEV_PORT: String(ports.temporal),
    TEMPORAL_DEV_UI_PORT: String(ports.ui),
    POSTGRES_PORT: String(ports.postgres),
    ONEAPI_SIMULATOR_PORT: String(ports.oneApi),
    TEMPORAL_ADDRESS: '',
    DATABASE_URL: '',
    ONEAPI_BASE_URL: '',
  };
  const apiUrl = `http://127.0.0.1:${ports.api}`;
  const temporalCli = locateTool('temporalCli', { toolsDir: config.toolsDir, explicitPaths: config.tools, onInstall: log });
  try {
    log(`warm-up: a first start makes the data in ${dataDir} (not timed)`);
    await timeStart(env, apiUrl, dataDir);

    const bareDb = path.join(dir, 'bare', 'temporal.db');
    fs.mkdirSync(path.dirname(bareDb), { recursive: true });
    fs.copyFileSync(path.join(dataDir, 'temporal', 'temporal.db'), bareDb);

    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which goes first, so neither always finds the page cache warmed by the other.
      const bareFirst = round % 2 === 0;
      const bare = bareFirst ? await timeBare(temporalCli, bareDb, ports.temporal, ports.ui) : undefined;
      const { healthyMs, readyMs: startMs } = await timeStart(env, apiUrl, dataDir);
      const bareMs = bare ?? (await timeBare(temporalCli, bareDb, ports.temporal, ports.ui));
      rounds.push({ startMs, bareMs });
      log(
        `round ${round}: ${args.command} start ${fmt(startMs)} (healthy after ${fmt(healthyMs)}), bare temporal server start-dev ${fmt(bareMs)}, ratio ${(startMs / bareMs).toFixed(2)}`,
      );
    }
    const start = median(rounds.map((r) => r.startMs));
    const bare = median(rounds.map((r) => r.bareMs));
    const ratio = start / bare;
    console.log('');
    console.log(`median ${args.command} start until healthy (GET /readyz ready + first job created): ${fmt(start)}`);
    console.log(`median bare temporal server start-dev until its namespace answers:       ${fmt(bare)}`);
    console.log(`ratio ${ratio.toFixed(2)} (target ≤ ${TARGET}) ${ratio <= TARGET ? 'OK' : 'OVER TARGET'}`);
    console.log(
      `machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    return ratio > TARGET;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A start until healthy and its first job created, then Ctrl-C as a person would send it (to the whole process group). */
async function timeStart(env: NodeJS.ProcessEnv, apiUrl: string, dataDir: string): Promise<StartTimes> {
  const began = performance.now();
  const command =
    args.command === 'npm'
      ? ['npm', ['start', '--silent']]
      : [process.execPath, [path.join(projectDir, 'bin', 'installer-jobs.js'), 'start']];
  const child = spawn(command[0] as string, command[1] as string[], {
    cwd: projectDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}:\n${output}`);
      const response = await fetch(`${apiUrl}/readyz`).catch(() => undefined);
      // (The first start writes the demo tenant's tokens just after the API listens.)
      const healthy = response?.ok === true && ((await response.json()) as { status?: string }).status === 'ready';
      return healthy && fs.existsSync(path.join(dataDir, 'demo-tenant.json'));
    }, 120_000);
    const healthyMs = performance.now() - began;
    const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-tenant.json'), 'utf8')) as {
      fleetId: string;
      tokens: { providerAdmin: string };
    };
    const created = await fetch(`${apiUrl}/v1/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.tokens.providerAdmin}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        jobTypeId: 'cloudboxx-install',
        fleetId: demo.fleetId,
        values: { vehicleLocation: { text: 'Alexanderplatz 1' } },
      }),
    });
    if (created.status !== 201) throw new Error(`creating the first job answered ${created.status}: ${await created.text()}`);
    return { healthyMs, readyMs: performance.now() - began };
  } finally {
    signalGroup(child, 'SIGINT');
    const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 30_000);
    await exited;
    // npm may exit before the stack has stopped its servers; the next round needs their ports.
    await until(async () => !groupAlive(child), 30_000);
    clearTimeout(killer);
    if (!/shutting down/.test(output)) log(`(start did not say it shut down; its output:\n${output})`);
  }
}

/** `temporal server start-dev` as anyone runs it, until its default namespace answers. */
async function timeBare(executable: string, dbFile: string, port: number, uiPort: number): Promise<number> {
  const began = performance.now();
  const child = spawn(
    executable,
    ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--ui-port', String(uiPort), '--db-filename', dbFile],
    { stdio: 'ignore', detached: true },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`temporal server start-dev exited with ${child.exitCode}`);
      // The probe `start` itself waits with (runtime/temporal-dev-server.ts), so both are timed alike.
      return describeNamespace(`127.0.0.1:${port}`, 'default').then(
        () => true,
        () => false,
      );
    }, 60_000);
    return performance.now() - began;
  } finally {
    signalGroup(child, 'SIGTERM');
    await exited;
    await until(async () => !groupAlive(child), 30_000);
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not healthy within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function groupAlive(child: ChildProcess): boolean {
  try {
    process.kill(-child.pid!, 0);
    return true;
  } catch {
    return false;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function positiveInt(raw: string, name: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} ${raw} is not a whole number of at least 1`);
  return value;
}

function log(line: string): void {
  console.log(`[bench:startup] ${line}`);
}

main().then(
  (over) => process.exit(over ? 1 : 0),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
