import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { demoVehicles } from '../../gateway/simulator/demo-vehicles';
import { startSimulator, type RunningSimulator } from '../../gateway/simulator/server';
import { findFreePort } from '../../runtime/ports';
import { freshDatabase, temporalAddress } from '../support/services';

const ROOT = path.resolve(__dirname, '..', '..');
const CLIENT = { id: 'image-contents-test', secret: randomUUID() };

/**
 * What the Dockerfile puts in the image, without a container engine (there is none on the build
 * machines): the files the build context keeps after .dockerignore, with the production dependencies
 * only (`npm ci --omit=dev`, as symlinks to this checkout's packages), run as the image runs them —
 * `bundle` at build time, then `migrate`, `worker` and `api` against real servers. It shows that no
 * file the processes need is left out, that nothing needs a devDependency, and that the worker finds
 * the bundle built in that tree under the key it computes itself. Not the image's OS or Node.
 */
describe('the image’s contents, run without a container engine', function () {
  this.timeout(120_000);
  let tree: string;
  let simulator: RunningSimulator;
  const children: ChildProcess[] = [];

  before(async () => {
    tree = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-image-'));
    for (const file of buildContext()) {
      fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(tree, file));
    }
    linkProductionDependencies(path.join(tree, 'node_modules'));
    simulator = await startSimulator({ clients: [CLIENT], vehicles: demoVehicles() });
  });
  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await simulator?.close();
    fs.rmSync(tree, { recursive: true, force: true });
  });

  function run(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
    // --preserve-symlinks: a package resolves its dependencies in the tree's node_modules, not in this checkout's.
    const child = spawn(process.execPath, ['--preserve-symlinks', path.join(tree, 'bin', 'installer-jobs.js'), ...args], {
      cwd: tree,
      env: { ...process.env, LOG_FORMAT: 'json', INSTALLER_JOBS_DATA_DIR: path.join(tree, '.data'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, output: () => output, exit };
  }

  async function until(what: string, check: () => boolean | Promise<boolean>, output: () => string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect.fail(`${what} within 60 s; output:\n${output()}`);
  }

  it('builds the workflow bundle, migrates, and runs a worker that reuses that bundle and an API that gets ready', async () => {
    expect(fs.existsSync(path.join(tree, 'job-types', 'cloudboxx-install.yaml')), 'the job types are in the context').to.equal(true);
    for (const leftOut of ['test', 'bench', '.data', '.tools', '.git'])
      expect(fs.existsSync(path.join(tree, leftOut)), `.dockerignore leaves out ${leftOut}`).to.equal(false);

    const bundle = run(['bundle'], {});
    expect(await bundle.exit, bundle.output()).to.equal(0);
    const built = /workflow bundle built and kept in (\S+)/.exec(bundle.output());
    expect(built?.[1], bundle.output()).to.match(new RegExp(`^${tree}/node_modules/\\.cache/installer-jobs/workflow-bundle-\\w+\\.js$`));

    const { url: databaseUrl } = await freshDatabase('image contents', { migrate: false });
    const migrate = run(['migrate'], { DATABASE_URL: databaseUrl });
    expect(await migrate.exit, migrate.output()).to.equal(0);
    expect(migrate.output()).to.match(/Applied: /);

    const [healthPort, apiPort] = [await findFreePort(), await findFreePort()];
    const env = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: await temporalAddress(),
      TEMPORAL_TASK_QUEUE: `image-contents-${randomUUID()}`,
      ONEAPI_BASE_URL: simulator.url,
      ONEAPI_CLIENT_ID: CLIENT.id,
      ONEAPI_CLIENT_SECRET: CLIENT.secret,
      WORKER_HEALTH_PORT: String(healthPort),
      PORT: String(apiPort),
    };
    const worker = run(['worker'], env);
    await until('the worker polling', () => worker.output().includes('"msg":"Worker polling"'), worker.output);
    expect(worker.output()).to.include(`workflow bundle reused from ${built![1]}`);

    const api = run(['api'], env);
    await until(
      'GET /readyz answering 200',
      async () => (await fetch(`http://127.0.0.1:${apiPort}/readyz`).catch(() => undefined))?.status === 200,
      api.output,
    );
    expect((await fetch(`http://127.0.0.1:${healthPort}/readyz`)).status).to.equal(200);

    api.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await api.exit, api.output()).to.equal(0);
    expect(await worker.exit, worker.output()).to.equal(0);
  });
});

/** This checkout's files (tracked or not, as git sees them) that .dockerignore leaves in the build context. */
function buildContext(): string[] {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  expect(listed.status, listed.stderr).to.equal(0);
  const ignored = fs
    .readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  expect(
    ignored.some((p) => p.startsWith('!')),
    'no exceptions: this matcher does not read them',
  ).to.equal(false);
  const patterns = ignored.map(dockerignorePattern);
  return listed.stdout
    .split('\n')
    .filter(Boolean)
    .filter((file) => fs.existsSync(path.join(ROOT, file)) && !patterns.some((pattern) => pattern.test(file)));
}

/** A .dockerignore line as a regular expression on a path: `*` within a segment, `**` across them; a folder takes what is in it. */
function dockerignorePattern(line: string): RegExp {
  const source = line
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment) =>
      segment === '**'
        ? '(?:.*/)?'
        : `${segment
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]')}/`,
    )
    .join('')
    .replace(/\/$/, '');
  return new RegExp(`^${source}(?:/.*)?$`);
}

/** node_modules as `npm ci --omit=dev` leaves it, near enough: every package of this checkout's but the devDependencies. */
function linkProductionDependencies(target: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const dev = new Set(Object.keys(manifest.devDependencies));
  const source = path.join(ROOT, 'node_modules');
  fs.mkdirSync(target);
  const link = (name: string) => {
    if (!dev.has(name)) fs.symlinkSync(path.join(source, name), path.join(target, name));
  };
  for (const entry of fs.readdirSync(source)) {
    if (entry.startsWith('.')) continue; // .bin, .cache (the bundle is built afresh), .package-lock.json
    if (!entry.startsWith('@')) link(entry);
    else {
      fs.mkdirSync(path.join(target, entry));
      for (const scoped of fs.readdirSync(path.join(source, entry))) link(`${entry}/${scoped}`);
    }
  }
}
