import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { claimStart, readPid, startPidFile } from './pid-file';

describe('claimStart', () => {
  let dataDir: string;
  const children: ChildProcess[] = [];
  beforeEach(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-claim-'))));
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A live process whose command line reads as `installer-jobs start` (or `label`). */
  async function liveProcess(...label: string[]): Promise<number> {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', ...label], { stdio: 'ignore' });
    children.push(child);
    await new Promise((resolve) => child.once('spawn', resolve));
    // Until node has replaced the forked command line with its own.
    while (!fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').includes('setInterval')) await new Promise((r) => setTimeout(r, 10));
    return child.pid!;
  }
  const stat22 = (pid: number) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  };

  it('records this process when no start is on record, or the one on record is gone', () => {
    expect(claimStart(dataDir)).to.equal(undefined);
    expect(readPid(startPidFile(dataDir))).to.equal(process.pid);
    fs.writeFileSync(startPidFile(dataDir), '999999999\n');
    expect(claimStart(dataDir)).to.equal(undefined);
    expect(readPid(startPidFile(dataDir))).to.equal(process.pid);
  });

  it('names a live start on record, and leaves its file as it was', async () => {
    const pid = await liveProcess('/opt/x/bin/installer-jobs.js', 'start', '--processes');
    const recorded = `${pid}\n${stat22(pid)}\n`;
    fs.writeFileSync(startPidFile(dataDir), recorded);
    expect(claimStart(dataDir)).to.equal(pid);
    expect(fs.readFileSync(startPidFile(dataDir), 'utf8')).to.equal(recorded);
  });

  it('takes a pid given out again for no start: another program, or a start begun later than the one recorded', async () => {
    const other = await liveProcess('/opt/x/bin/installer-jobs.js', 'worker');
    fs.writeFileSync(startPidFile(dataDir), `${other}\n${stat22(other)}\n`);
    expect(claimStart(dataDir)).to.equal(undefined);
    expect(readPid(startPidFile(dataDir))).to.equal(process.pid);

    const later = await liveProcess('/opt/x/bin/installer-jobs.js', 'start');
    fs.writeFileSync(startPidFile(dataDir), `${later}\n${Number(stat22(later)) - 1}\n`);
    expect(claimStart(dataDir)).to.equal(undefined);
    expect(readPid(startPidFile(dataDir))).to.equal(process.pid);
  });
});
