/**
 * Does the process that runs the worker and the API give its memory back after a burst of jobs?
 * Runs `installer-jobs start` (what `npm start` runs) in a temporary data folder on free ports,
 * and measures that node process's resident memory (RSS, from /proc):
 *
 * - resting: after Ready and a settling pause;
 * - peak: while N cloudboxx-install jobs (default 200) go through their lifecycle through the API as
 *   the portals send it — create, assign, start, every step with its values and checklist, complete —
 *   each on a vehicle of its own in the OneAPI simulator, a few jobs at a time;
 * - after: a minute (--after) after the last job finished (its run closes once the car is secured).
 *
 * It prints the three and after/resting (target: at most 1.5), with what the process says of its
 * memory and its workflow cache (`kill -USR2`, cli/start.ts) at each point. With --open N it then
 * opens N more jobs and leaves them running, as real jobs wait for their installer for days: the
 * worker keeps their runs cached (up to its maxCachedWorkflows), and the RSS that adds, per cached
 * run, is what the cache size costs.
 *
 *   npx tsx bench/memory.ts [--jobs 200] [--concurrency 10] [--settle 20] [--after 60] [--open 0] [--target 1.5]
 *                           [--max-cached-workflows N] [--max-concurrent-workflow-tasks N] [--max-concurrent-activities N]
 *                           [--max-concurrent-local-activities N] [--workflow-pollers N] [--activity-pollers N]
 *
 * The worker settings are passed on as WORKER_* (common/config.ts); unset, the defaults apply.
 * Exit code 1 over target.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../common/config';
import { VEHICLE_MODELS } from '../gateway/simulator/vehicle-models';
import { stopOrphan } from '../runtime/pid-file';
import { findFreePort } from '../runtime/ports';
import { INSTALL_PRESETS, INSTALL_STEP_VALUES } from '../test/support/install-job';
import { uploadPhoto, withUploadedPhotos } from '../test/support/photos';

const WORKER_FLAGS = {
  'max-cached-workflows': 'WORKER_MAX_CACHED_WORKFLOWS',
  'max-concurrent-workflow-tasks': 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
  'max-concurrent-activities': 'WORKER_MAX_CONCURRENT_ACTIVITIES',
  'max-concurrent-local-activities': 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES',
  'workflow-pollers': 'WORKER_WORKFLOW_POLLERS',
  'activity-pollers': 'WORKER_ACTIVITY_POLLERS',
} as const;

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '10' },
    settle: { type: 'string', default: '20' },
    open: { type: 'string', default: '0' },
    after: { type: 'string', default: '60' },
    target: { type: 'string', default: '1.5' },
    ...(Object.fromEntries(Object.keys(WORKER_FLAGS).map((flag) => [flag, { type: 'string' }])) as Record<
      keyof typeof WORKER_FLAGS,
      { type: 'string' }
    >),
  },
});
const JOBS = wholeNumber(args.jobs, '--jobs', 1);
const CONCURRENCY = wholeNumber(args.concurrency, '--concurrency', 1);
const SETTLE_S = wholeNumber(args.settle, '--settle', 0);
const AFTER_S = wholeNumber(args.after, '--after', 0);
const OPEN = wholeNumber(args.open, '--open', 0);
const TARGET = Number(args.target);
const INSTALL_TYPE = 'cloudboxx-install';
const BIN = path.join(loadConfig().projectDir, 'bin', 'installer-jobs.js');

interface Demo {
  fleetId: string;
  installerCompanyId: string;
  tokens: { providerAdmin: string; installerTechnician: string };
}

interface StepOfType {
  id: string;
  checklist: string[];
  action: string | null;
}

/** True when over target. */
async function main(): Promise<boolean> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'installer-jobs-bench-memory-'));
  fs.chmodSync(dir, 0o755); // embedded Postgres runs as the `postgres` user when we are root
  const dataDir = path.join(dir, 'data');
  const ports = { api: await findFreePort(), oneApi: await findFreePort() };
  const workerEnv = Object.fromEntries(
    Object.entries(WORKER_FLAGS)
      .filter(([flag]) => args[flag as keyof typeof WORKER_FLAGS] !== undefined)
      .map(([flag, variable]) => [variable, args[flag as keyof typeof WORKER_FLAGS]!]),
  );
  const env: NodeJS.ProcessEnv = {
    // eslint-disable-next-line no-restricted-properties -- the stack runs with this environment (PATH, HOME), its own settings on top
    ...process.env,
    INSTALLER_JOBS_DATA_DIR: dataDir,
    PORT: String(ports.api),
    TEMPORAL_DEV_PORT: String(await findFreePort()),
    TEMPORAL_DEV_UI_PORT: String(await findFreePort()),
    POSTGRES_PORT: String(await findFreePort()),
    ONEAPI_SIMULATOR_PORT: String(ports.oneApi),
    TEMPORAL_ADDRESS: '',
    DATABASE_URL: '',
    ONEAPI_BASE_URL: '',
    // A bench sends more than a portal: the per-token limit would only slow it down.
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    ...workerEnv,
  };
  const api = `http://127.0.0.1:${ports.api}`;
  const simulator = `http://127.0.0.1:${ports.oneApi}`;
  const stack = new Stack(env);
  try {
    await stack.untilOutput(/Ready\./, 180_000);
    log(`stack ready (pid ${stack.pid}); worker settings: ${Object.keys(workerEnv).length ? JSON.stringify(workerEnv) : 'the defaults'}`);
    const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-tenant.json'), 'utf8')) as Demo;
    const jobType = (await call(api, 'GET', `/v1/job-types/${INSTALL_TYPE}`, demo.tokens.providerAdmin, undefined, 200)) as {
      steps: StepOfType[];
    };

    // The vehicles first, so that adding them is not part of the peak.
    const vehicles = [];
    for (let i = 0; i < JOBS; i++) vehicles.push(await addVehicle(simulator, i));

    log(`resting for ${SETTLE_S} s`);
    await sleep(SETTLE_S * 1000);
    const resting = median(await sampleRss(stack.pid, 5_000));
    const restingReport = await stack.memoryReport();

    log(`running ${JOBS} job lifecycles, ${CONCURRENCY} at a time`);
    let peak = resting;
    const sampler = setInterval(() => (peak = Math.max(peak, rss(stack.pid))), 200);
    const began = performance.now();
    let done = 0;
    const queue = [...vehicles];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let vehicle = queue.shift(); vehicle; vehicle = queue.shift()) {
          await runJob(api, demo, jobType.steps, vehicle);
          done += 1;
          if (done % 50 === 0) log(`${done} jobs finished (${((performance.now() - began) / 1000).toFixed(1)} s)`);
        }
      }),
    );
    const burstS = (performance.now() - began) / 1000;
    const finishedReport = await stack.memoryReport();
    peak = Math.max(peak, rss(stack.pid));

    log(`all ${JOBS} finished in ${burstS.toFixed(1)} s; waiting ${AFTER_S} s`);
    await sleep(AFTER_S * 1000);
    clearInterval(sampler);
    const after = median(await sampleRss(stack.pid, 5_000));
    const afterReport = await stack.memoryReport();

    let openReport: string | undefined;
    if (OPEN > 0) {
      log(`opening ${OPEN} jobs (created, assigned, started) and leaving them open, as installers' jobs wait for days`);
      const openQueue = Array.from({ length: OPEN }, (_, index) => index);
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let next = openQueue.shift(); next !== undefined; next = openQueue.shift()) await openJob(api, demo);
        }),
      );
      await sleep(10_000);
      const withOpen = median(await sampleRss(stack.pid, 5_000));
      const report = await stack.memoryReport();
      const cached = Number(/(\d+) workflow runs cached/.exec(report)?.[1] ?? 0);
      openReport = `RSS with ${OPEN} open jobs ${mb(withOpen)} (${report}); ${cached ? `${((withOpen - after) / cached / 1024).toFixed(0)} KB a cached run` : 'no run cached'}`;
    }

    const ratio = after / resting;
    console.log('');
    console.log(`worker settings ${Object.keys(workerEnv).length ? JSON.stringify(workerEnv) : '(defaults)'}`);
    console.log(`${JOBS} jobs, ${CONCURRENCY} at a time, in ${burstS.toFixed(1)} s (${(JOBS / burstS).toFixed(1)} jobs/s)`);
    console.log(
      `RSS resting ${mb(resting)}  peak ${mb(peak)}  after ${AFTER_S} s ${mb(after)}  after/resting ${ratio.toFixed(2)} (target ≤ ${TARGET})`,
    );
    console.log(`  resting:  ${restingReport}`);
    console.log(`  finished: ${finishedReport}`);
    console.log(`  after:    ${afterReport}`);
    if (openReport) console.log(openReport);
    console.log(`${ratio <= TARGET ? 'OK' : 'OVER TARGET'}`);
    return ratio > TARGET;
  } finally {
    await stack.stop(dataDir);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A vehicle of its own for each job, so that no two jobs lock and unlock the same car. */
async function addVehicle(simulator: string, index: number): Promise<{ qnr: string; vin: string }> {
  const qnr = randomBytes(8).toString('hex').toUpperCase();
  const vin = `WVWZZZ1JZ${String(index + 1).padStart(8, '0')}`;
  const model = VEHICLE_MODELS.find((candidate) => candidate.immobiliser)!;
  const response = await fetch(`${simulator}/_sim/vehicles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ telematicsUnitId: qnr, vehicleModelId: model.id, vin }),
  });
  if (response.status !== 201) throw new Error(`adding a simulated vehicle answered ${response.status}: ${await response.text()}`);
  return { qnr, vin };
}

/** One job from creation to SUCCEEDED, as the provider's portal and the installer's app send it. */
async function runJob(api: string, demo: Demo, steps: StepOfType[], vehicle: { qnr: string; vin: string }): Promise<void> {
  const installer = demo.tokens.installerTechnician;
  const job = await openJob(api, demo);
  const values: Record<string, Record<string, unknown>> = {
    ...INSTALL_STEP_VALUES,
    'check-in': { ...INSTALL_STEP_VALUES['check-in'], vin: vehicle.vin },
    mount: { ...INSTALL_STEP_VALUES.mount, boxQnr: vehicle.qnr },
  };
  const jobId = job.slice('/v1/jobs/'.length);
  for (const step of steps) {
    // The photos the step's fields show are taken and uploaded first, as the installer's app does.
    const stepValues = await withUploadedPhotos(values[step.id] ?? {}, () => uploadPhoto(api, jobId, installer));
    const body = { values: stepValues, checklist: step.checklist };
    const answer = await call(api, 'POST', `${job}/steps/${step.id}/complete`, installer, body, [200, 202]);
    // 202: the step's vehicle action still runs; the next step is refused until it is done.
    if (answer.status === 202) await untilStepDone(api, job, step.id, installer);
  }
  await call(api, 'POST', `${job}/complete`, installer, undefined, 200);
}

/** A job an installer has started and not finished: its run stays open, and cached while the cache has room. Its path. */
async function openJob(api: string, demo: Demo): Promise<string> {
  const provider = demo.tokens.providerAdmin;
  const { id } = (await call(
    api,
    'POST',
    '/v1/jobs',
    provider,
    { jobTypeId: INSTALL_TYPE, fleetId: demo.fleetId, values: INSTALL_PRESETS },
    201,
  )) as {
    id: string;
  };
  const job = `/v1/jobs/${id}`;
  await call(api, 'POST', `${job}/assign`, provider, { installerCompanyId: demo.installerCompanyId }, 200);
  await call(api, 'POST', `${job}/start`, demo.tokens.installerTechnician, undefined, 200);
  return job;
}

async function untilStepDone(api: string, job: string, stepId: string, token: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const answer = (await call(api, 'GET', job, token, undefined, 200)) as { steps: Array<{ id: string; status: string }> };
    const step = answer.steps.find((candidate) => candidate.id === stepId);
    if (step?.status === 'done') return;
    if (step?.status === 'open') throw new Error(`step ${stepId} of ${job} failed its action: ${JSON.stringify(step)}`);
    await sleep(100);
  }
  throw new Error(`step ${stepId} of ${job} still running after a minute`);
}

async function call(api: string, method: string, route: string, token: string, body: unknown, expected: number | number[]): Promise<any> {
  const response = await fetch(`${api}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (![expected].flat().includes(response.status))
    throw new Error(`${method} ${route} answered ${response.status}: ${text.slice(0, 1000)}`);
  const parsed = text ? JSON.parse(text) : {};
  return Object.assign(parsed, { status: response.status });
}

/** `installer-jobs start` in its own process group, its output kept. */
class Stack {
  private readonly child: ChildProcess;
  private output = '';
  private readonly exited: Promise<void>;

  constructor(env: NodeJS.ProcessEnv) {
    this.child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  async untilOutput(pattern: RegExp, timeoutMs: number, from = 0): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(this.output.slice(from));
      if (match) return match[0];
      if (this.child.exitCode !== null) throw new Error(`installer-jobs start exited with ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`no ${pattern} from installer-jobs start within ${timeoutMs} ms:\n${this.output}`);
      await sleep(100);
    }
  }

  /** What the process says of its memory and its workflow cache (SIGUSR2, cli/start.ts). */
  async memoryReport(): Promise<string> {
    const from = this.output.length;
    process.kill(this.pid, 'SIGUSR2');
    return (await this.untilOutput(/Memory {6}[^\n]*/, 5_000, from)).replace(/^Memory\s+/, '');
  }

  async stop(dataDir: string): Promise<void> {
    if (this.child.exitCode === null) process.kill(-this.pid, 'SIGINT');
    const killer = setTimeout(() => process.kill(-this.pid, 'SIGKILL'), 60_000);
    await this.exited;
    clearTimeout(killer);
    // Killed before it stopped them, the stack leaves its servers running: the next start would stop them, but there is none.
    await stopOrphan(path.join(dataDir, 'temporal', 'server.pid'), /temporal.*server.*start-dev/, log);
    await stopOrphan(path.join(dataDir, 'postgres', 'postmaster.pid'), /postgres/, log);
  }
}

function rss(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return kb * 1024;
}

async function sampleRss(pid: number, forMs: number): Promise<number[]> {
  const samples: number[] = [];
  const until = Date.now() + forMs;
  while (Date.now() < until) {
    samples.push(rss(pid));
    await sleep(250);
  }
  return samples;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function wholeNumber(raw: string, name: string, minimum: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`${name} ${raw} is not a whole number of at least ${minimum}`);
  return value;
}

function log(line: string): void {
  console.log(`[bench:memory] ${line}`);
}

main().then(
  (over) => process.exit(over ? 1 : 0),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
