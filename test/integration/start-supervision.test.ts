import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { isAlive, readPid, waitForExit } from '../../runtime/pid-file';
import { loadConfig } from '../../common/config';
import { locateTool } from '../../runtime/tools';
import { CliProcess, newStartStack, processesNaming, runCliAsync, type StartStack } from '../support/cli';

/**
 * `installer-jobs start` keeps its stack alive (issue #16, point 1): a child killed outright comes
 * back and the stack is ready again with its data; one that keeps dying stops everything with its
 * log's tail; Ctrl-C right after a child died stops everything at once and leaves nothing running.
 */
describe('installer-jobs start supervising its children', function () {
  this.timeout(120_000);

  type Stack = StartStack;
  const stacks: Stack[] = [];

  async function newStack(): Promise<Stack> {
    const stack = await newStartStack('ij-supervise-');
    stacks.push(stack);
    return stack;
  }
  after(() => {
    for (const { dataDir } of stacks) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const pidFiles = (dataDir: string) => ({
    temporal: path.join(dataDir, 'temporal', 'server.pid'),
    postgres: path.join(dataDir, 'postgres', 'postmaster.pid'),
    worker: path.join(dataDir, 'worker.pid'),
    api: path.join(dataDir, 'api.pid'),
    simulator: path.join(dataDir, 'simulator.pid'),
  });
  const startPidFile = (dataDir: string) => path.join(dataDir, 'start.pid');

  /** A second start on the same data folder, as after `kill -9` of npm, whose `start` child lives on: refused at once, touching nothing. */
  async function expectSecondStartRefused(stack: Stack, first: CliProcess, args: string[]): Promise<void> {
    const second = await runCliAsync(args, stack.env, { timeoutMs: 30_000 });
    const said = second.stdout + second.stderr;
    expect(second.status, said).to.equal(1);
    expect(second.stderr).to.include(
      `✖ installer-jobs start is already running for ${stack.dataDir} (pid ${first.child.pid}), supervising its servers;`,
    );
    expect(second.stderr).to.include(`\`kill ${first.child.pid}\``);
    expect(said).not.to.include('Stopping a server');
    expect(readPid(startPidFile(stack.dataDir)), 'the first start is still on record').to.equal(first.child.pid);
  }

  function kill9(file: string): number {
    const pid = readPid(file);
    expect(pid, `a pid in ${file}`).to.be.a('number');
    process.kill(pid!, 'SIGKILL');
    return pid!;
  }

  async function untilReady(apiUrl: string): Promise<void> {
    const deadline = Date.now() + 30_000;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const response = await fetch(`${apiUrl}/readyz`);
        last = await response.text();
        if (response.status === 200) return;
      } catch (error) {
        last = (error as Error).message;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect.fail(`GET /readyz not ready within 30 s: ${last}`);
  }

  function demoToken(dataDir: string): { token: string; fleetId: string } {
    const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-tenant.json'), 'utf8'));
    return { token: demo.tokens.providerAdmin as string, fleetId: demo.fleetId as string };
  }

  async function createJob(stack: Stack): Promise<string> {
    const { token, fleetId } = demoToken(stack.dataDir);
    const created = await fetch(`${stack.apiUrl}/v1/jobs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        jobTypeId: 'cloudboxx-install',
        fleetId,
        values: { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin' } },
      }),
    });
    expect(created.status, await created.clone().text()).to.equal(201);
    return ((await created.json()) as { id: string }).id;
  }

  async function expectJob(stack: Stack, jobId: string): Promise<void> {
    const { token } = demoToken(stack.dataDir);
    const response = await fetch(`${stack.apiUrl}/v1/jobs/${jobId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status, await response.clone().text()).to.equal(200);
    expect(await response.json()).to.deep.include({ id: jobId, status: 'PENDING' });
  }

  /** Every pid that belonged to the stack is gone, and no process names its data folder. */
  async function expectNothingLeft(dataDir: string, pids: number[]): Promise<void> {
    for (const pid of pids) expect(await waitForExit(pid, 5_000), `process ${pid} is gone`).to.equal(true);
    expect(processesNaming(dataDir)).to.deep.equal([]);
    // A pid file may stay behind a process killed outright (Postgres' own), naming no live process: the next start ignores it.
    for (const file of Object.values(pidFiles(dataDir))) {
      const pid = readPid(file);
      expect(pid === undefined || !isAlive(pid), `${file} names no live process`).to.equal(true);
    }
  }

  it('--processes: the Temporal dev server, Postgres, the worker and the simulator come back after kill -9, with the jobs made before; a start after start itself was killed stops what it left', async () => {
    const stack = await newStack();
    const files = pidFiles(stack.dataDir);
    const start = new CliProcess(['start', '--processes'], stack.env);
    const pids: number[] = [];
    let jobId: string;
    try {
      await start.waitFor(/Ready \(worker and API as processes of their own\)/);
      jobId = await createJob(stack);
      pids.push(readPid(files.api)!);

      pids.push(kill9(files.temporal));
      await start.waitFor(/✖ Temporal dev server was killed by SIGKILL; restarting it in/);
      await start.waitFor(/✔ Temporal dev server is back/);
      await untilReady(stack.apiUrl);
      await expectJob(stack, jobId);

      pids.push(kill9(files.postgres));
      await start.waitFor(/✔ Postgres is back/);
      await untilReady(stack.apiUrl);
      await expectJob(stack, jobId);

      const killedWorker = kill9(files.worker);
      await start.waitFor(/✔ worker is back/);
      expect(readPid(files.worker)).to.be.a('number').and.not.equal(killedWorker);
      await untilReady(stack.apiUrl);
      await expectJob(stack, jobId);
      await createJob(stack); // the new worker takes the job's workflow

      // The simulator's vehicles are kept in its state file: the one started again has them.
      const vehicles = async () =>
        ((await (await fetch(`${stack.simulatorUrl}/_sim/vehicles`)).json()) as { vehicles: unknown[] }).vehicles;
      const before = await vehicles();
      pids.push(kill9(files.simulator));
      await start.waitFor(/✔ OneAPI simulator is back/);
      expect(await vehicles()).to.deep.equal(before);
    } catch (error) {
      await start.stop('SIGINT');
      throw error;
    }

    // start killed outright: its children run on as orphans, which the next start stops first.
    const orphans = [files.api, files.worker, files.simulator, files.temporal, files.postgres].map((file) => readPid(file)!);
    start.child.kill('SIGKILL');
    await start.stop();
    expect(readPid(startPidFile(stack.dataDir)), 'a start killed outright leaves its pid file').to.equal(start.child.pid);
    for (const pid of orphans) expect(isAlive(pid), `orphan ${pid} still runs`).to.equal(true);
    const again = new CliProcess(['start', '--processes'], stack.env);
    try {
      await again.waitFor(/Ready \(worker and API as processes of their own\)/);
      for (const pid of orphans) expect(again.output).to.include(`Stopping a server left running by an earlier start (pid ${pid}).`);
      await expectJob(stack, jobId);
      pids.push(...orphans, ...[files.api, files.worker, files.simulator, files.temporal, files.postgres].map((file) => readPid(file)!));
    } finally {
      expect(await again.stop('SIGINT'), again.output).to.equal(0);
    }
    await expectNothingLeft(stack.dataDir, pids);
  });

  it('a second start while one runs, in either mode, is refused naming the running one, which goes on undisturbed', async () => {
    const stack = await newStack();
    const files = pidFiles(stack.dataDir);
    const first = new CliProcess(['start', '--processes'], stack.env);
    try {
      await first.waitFor(/Ready \(worker and API as processes of their own\)/);
      const before = Object.values(files).map((file) => readPid(file));
      await expectSecondStartRefused(stack, first, ['start', '--processes']);
      await expectSecondStartRefused(stack, first, ['start']);
      expect(
        Object.values(files).map((file) => readPid(file)),
        'the same servers',
      ).to.deep.equal(before);
      for (const pid of before) expect(isAlive(pid!), `server ${pid} still runs`).to.equal(true);
      await untilReady(stack.apiUrl);
      await new Promise((resolve) => setTimeout(resolve, 500)); // a server stopped under it would be noticed by now
      expect(first.output, 'nothing died').not.to.include('✖');
    } finally {
      expect(await first.stop('SIGINT'), first.output).to.equal(0);
    }
    expect(fs.existsSync(startPidFile(stack.dataDir)), 'a start that stopped takes its pid file along').to.equal(false);
  });

  it('in one process: the worker and API take up a Temporal dev server started again; Ctrl-C just after Postgres died stops everything within seconds', async () => {
    const stack = await newStack();
    const files = pidFiles(stack.dataDir);
    const start = new CliProcess(['start'], stack.env);
    await start.waitFor(/Ready\./);
    await expectSecondStartRefused(stack, start, ['start', '--processes']);
    const jobId = await createJob(stack);
    const pids = [kill9(files.temporal)];
    await start.waitFor(/✔ Temporal dev server is back/);
    await untilReady(stack.apiUrl);
    await expectJob(stack, jobId);
    await createJob(stack); // through the worker in start's process, on its old connection
    pids.push(readPid(files.temporal)!, kill9(files.postgres));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const began = Date.now();
    expect(await start.stop('SIGINT'), start.output).to.equal(0);
    expect(Date.now() - began, 'time to stop').to.be.below(10_000);
    await expectNothingLeft(stack.dataDir, pids);
  });

  it('a child that keeps dying stops everything and exits non-zero with the end of its log', async () => {
    const stack = await newStack();
    const files = pidFiles(stack.dataDir);
    // The Temporal CLI behind a script that, once told to, fails at once as a broken server would.
    const broken = path.join(stack.dataDir, 'temporal-broken');
    const cli = path.join(stack.dataDir, 'temporal-cli.sh');
    const realCli = locateTool('temporalCli', { toolsDir: loadConfig().toolsDir, explicitPaths: loadConfig().tools });
    fs.writeFileSync(
      cli,
      `#!/bin/sh\nif [ -e '${broken}' ]; then echo 'simulated: the server cannot open its database' >&2; exit 3; fi\nexec '${realCli}' "$@"\n`,
      { mode: 0o755 },
    );
    const start = new CliProcess(['start'], { ...stack.env, TEMPORAL_CLI_PATH: cli });
    await start.waitFor(/Ready\./);
    fs.writeFileSync(broken, '');
    const pids = [readPid(files.postgres)!, kill9(files.temporal)];
    const exitCode = await new Promise<number | null>((resolve) => start.child.once('exit', resolve));
    expect(exitCode, start.output).to.equal(1);
    expect(start.output).to.match(/✖ Temporal dev server could not be restarted: The Temporal dev server exited with code 3/);
    expect(start.output).to.match(
      /✖ The Temporal dev server keeps dying \(5 times within 60 s; the last time it could not be restarted: .*\), so it is not started again\.\nLast lines of .*server\.log:\n(.*\n)*simulated: the server cannot open its database\n/,
    );
    expect(start.output).to.include('Stopping everything.');
    await expectNothingLeft(stack.dataDir, pids);
  });
});
