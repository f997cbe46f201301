/**
 * Issue #13 points 3 and 4: are bulk creation and the CSV import at least twice as fast as
 * creating the same jobs one request at a time? Against one stack it starts (Temporal dev server,
 * embedded Postgres, worker, API — test/support), round after round, the order rotating:
 *
 *   sequential  100 × POST /v1/jobs, each waiting for the one before, as a script would;
 *   count       one POST /v1/jobs with count=100;
 *   import      one POST /v1/jobs/import of 100 CSV rows (each its own values);
 *   import1000  one POST /v1/jobs/import of 1 000 rows (--rows-1000 false leaves it out);
 *
 * and then, once, 1 000 × POST /v1/jobs one after the other (--sequential-1000 false leaves it out,
 * and 10 × the sequential hundred stands in for it).
 *
 * Prints medians (min–max) and the ratios the issue targets: count and import against sequential
 * (≤ 0.5), and import1000 against the 1 000 sequential creates. About 3½ minutes on 2 cores.
 *
 *   npm run bench:bulk -- [--rounds 3] [--warmup 1] [--rows-1000 true] [--sequential-1000 true]
 *
 * Everything runs in this one process, as in the tests. Exit code 1 when a target is missed.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { CREATE_CONCURRENCY } from '../api/jobs/create-jobs';
import { createDemoTenantIfMissing, type DemoTenant } from '../db/demo-tenant';
import { stopSharedServices } from '../test/support/services';
import { startTestStack, type TestStack } from '../test/support/stack';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    'rows-1000': { type: 'string', default: 'true' },
    'sequential-1000': { type: 'string', default: 'true' },
  },
});
const ROUNDS = wholeNumber(args.rounds, '--rounds', 1);
const WARMUP = wholeNumber(args.warmup, '--warmup', 0);
const WITH_1000 = args['rows-1000'] !== 'false';
const TARGET_RATIO = 0.5;

type Mode = 'sequential' | 'count' | 'import' | 'import1000';

async function main(): Promise<boolean> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  log(`starting Temporal, Postgres, worker and API (creates ${CREATE_CONCURRENCY} jobs at a time)`);
  // One token sends thousands of requests here: the rate limit is not under test.
  const stack = await startTestStack('bench bulk create', { rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
  try {
    const demo = (await createDemoTenantIfMissing(stack.db))!;
    const run = runner(stack, demo);
    const modes: Mode[] = ['sequential', 'count', 'import', ...(WITH_1000 ? (['import1000'] as const) : [])];
    for (let round = 0; round < WARMUP; round += 1) {
      for (const mode of modes) await run[mode]();
      log(`warm-up ${round + 1}/${WARMUP} done`);
    }
    const times: Record<Mode, number[]> = { sequential: [], count: [], import: [], import1000: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      // The order rotates, so that none always follows the heaviest.
      const order = modes.map((_, i) => modes[(i + round) % modes.length]!);
      for (const mode of order) times[mode].push(await run[mode]());
      log(`round ${round + 1}/${ROUNDS}: ${order.map((mode) => `${mode} ${ms(times[mode].at(-1)!)}`).join(', ')}`);
    }
    let sequential1000: number | undefined;
    if (WITH_1000 && args['sequential-1000'] !== 'false') {
      sequential1000 = await run.sequential(1000);
      log(`1 000 sequential creates: ${ms(sequential1000)}`);
    }
    return report(times, sequential1000);
  } finally {
    await stack.stop();
    await stopSharedServices();
  }
}

type Runner = Record<Exclude<Mode, 'sequential'>, () => Promise<number>> & { sequential(n?: number): Promise<number> };

function runner(stack: TestStack, demo: DemoTenant): Runner {
  let batch = 0;
  const post = async (path: string, body: string, contentType: string, expected: number) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demo.tokens.providerAdmin}`, 'content-type': contentType },
      body,
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as { items?: unknown[]; created?: unknown[] };
  };
  const timed = async (work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const job = (i: number) => ({
    jobTypeId: 'cloudboxx-install',
    fleetId: demo.fleetId,
    customerName: 'Bench GmbH',
    values: { vehicleLocation: { text: `Bench-Straße ${i}, Berlin` } },
  });
  const importRows = async (rows: number) => {
    batch += 1;
    const lines = Array.from({ length: rows }, (_, i) => `"Bench-Straße ${batch}-${i}, Berlin",Bench GmbH,rfid`);
    const csv = ['vehicleLocation,customerName,keyHolderType', ...lines].join('\n');
    const answer = await post(`/v1/jobs/import?jobTypeId=cloudboxx-install&fleetId=${demo.fleetId}`, csv, 'text/csv', 201);
    if (answer.created?.length !== rows) throw new Error(`the import created ${answer.created?.length} of ${rows} jobs`);
  };
  return {
    sequential: (n: number = 100) =>
      timed(async () => {
        for (let i = 0; i < n; i += 1) await post('/v1/jobs', JSON.stringify(job(i)), 'application/json', 201);
      }),
    count: () =>
      timed(async () => {
        const answer = await post('/v1/jobs', JSON.stringify({ ...job(0), count: 100 }), 'application/json', 201);
        if (answer.items?.length !== 100) throw new Error(`count=100 created ${answer.items?.length} jobs`);
      }),
    import: () => timed(() => importRows(100)),
    import1000: () => timed(() => importRows(1000)),
  };
}

function report(times: Record<Mode, number[]>, sequential1000: number | undefined): boolean {
  const sequential = median(times.sequential);
  const rows: Array<[string, string, string]> = [
    ['100 sequential POST /v1/jobs', spread(times.sequential), ''],
    ['POST /v1/jobs count=100', spread(times.count), ratio(median(times.count), sequential)],
    ['POST /v1/jobs/import, 100 rows', spread(times.import), ratio(median(times.import), sequential)],
  ];
  const sequentialThousand = sequential1000 ?? sequential * 10;
  if (times.import1000.length > 0)
    rows.push([
      'POST /v1/jobs/import, 1 000 rows',
      spread(times.import1000),
      `${ratio(median(times.import1000), sequentialThousand)} of 1 000 sequential (${sequential1000 === undefined ? 'est. 10 × 100' : 'measured'}: ${ms(sequentialThousand)})`,
    ]);
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column]!.length)));
  console.log(`\nmedian (min–max) over ${ROUNDS} rounds; ${CREATE_CONCURRENCY} creates in flight per request`);
  // Other work on the machine slows the sequential creates less than the concurrent ones: say how busy it was.
  console.log(
    `${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')} (1, 5, 15 min)\n`,
  );
  for (const [name, time, share] of rows) console.log(`${name.padEnd(widths[0]!)}  ${time.padStart(widths[1]!)}  ${share}`);
  const missed = [
    median(times.count) / sequential,
    median(times.import) / sequential,
    ...(times.import1000.length > 0 ? [median(times.import1000) / sequentialThousand] : []),
  ].some((share) => share > TARGET_RATIO);
  console.log(missed ? `\n✖ a ratio is over the target of ${TARGET_RATIO}` : `\n✔ every ratio is within the target of ${TARGET_RATIO}`);
  return missed;
}

function ratio(part: number, whole: number): string {
  return `${(part / whole).toFixed(2)}× sequential`;
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function spread(samples: readonly number[]): string {
  return `${ms(median(samples))} (${ms(Math.min(...samples))}–${ms(Math.max(...samples))})`;
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(0)} ms`;
}

function wholeNumber(text: string, name: string, least: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be a whole number from ${least}, not ${text}`);
  return value;
}

function log(line: string): void {
  console.error(`[bench] ${line}`);
}

main().then(
  (missed) => process.exit(missed ? 1 : 0),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
