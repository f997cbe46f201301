// `installer-jobs job-types validate|show`, run in a scratch project folder.
import { expect } from 'chai';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { jobTypesCommand } from './job-types';
import { BASE_YAML, variant } from '../test/support/job-type-texts';

interface Run {
  out: string[];
  err: string[];
  exitCode: number;
}

async function run(cwd: string, ...args: string[]): Promise<Run> {
  const result: Run = { out: [], err: [], exitCode: 0 };
  const command = jobTypesCommand({
    cwd: () => cwd,
    out: (text) => result.out.push(text),
    err: (text) => result.err.push(text),
    setExitCode: (code) => {
      result.exitCode = code;
    },
  }).exitOverride();
  await command.parseAsync(args, { from: 'user' });
  return result;
}

const scratchDirs: string[] = [];

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'installer-jobs-cli-'));
  scratchDirs.push(dir);
  return dir;
}

async function project(files: Record<string, string>): Promise<string> {
  const dir = await scratchDir();
  await mkdir(path.join(dir, 'job-types'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, 'job-types', name), text);
  return dir;
}

const BROKEN = variant('collect: [boxSerial, odometerKm]', 'collect: [boxSerail, odometerKm]')
  .replace('id: test-type', 'id: broken-type')
  .replace('maxDuration: PT8H', 'maxDuration: 8h');

describe('job-types command', () => {
  after(async () => {
    for (const dir of scratchDirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  describe('validate', () => {
    it('checks every job-types/*.yaml by default and exits 0 when all are valid', async () => {
      const dir = await project({ 'test-type.yaml': BASE_YAML, 'README.md': '# not a job type' });
      const result = await run(dir, 'validate');
      expect(result.exitCode).to.equal(0);
      expect(result.err).to.deep.equal([]);
      expect(result.out).to.have.length(1);
      expect(result.out[0]).to.match(/^ok {2}job-types\/test-type\.yaml {2}test-type@1 {2}sha256:[0-9a-f]{12}$/);
    });

    it('exits 1 listing every problem of every file', async () => {
      const dir = await project({ 'test-type.yaml': BASE_YAML, 'broken-type.yaml': BROKEN, 'empty.yaml': '' });
      const result = await run(dir, 'validate');
      expect(result.exitCode).to.equal(1);
      expect(result.out).to.deep.equal([]);
      expect(result.err).to.deep.equal([
        [
          'job-types/broken-type.yaml:33:15 steps[0].collect[0]: unknown field "boxSerail" (did you mean "boxSerial"?)',
          'job-types/broken-type.yaml:44:16 access.maxDuration: "8h" is not an ISO 8601 duration (e.g. PT8H, P14D, P1DT12H)',
          'job-types/empty.yaml:1:1 the file is empty; a job type needs id, version, title, sections, fields, vehicle, steps and access',
        ].join('\n'),
        '3 problems in 2 files',
      ]);
    });

    it('prints warnings and still exits 0; next to an error they are counted apart', async () => {
      const lasting = variant('maxDuration: PT8H', 'maxDuration: P30D');
      const dir = await project({ 'test-type.yaml': lasting });
      const result = await run(dir, 'validate');
      expect(result.exitCode).to.equal(0);
      expect(result.err).to.have.length(1);
      expect(result.err[0]).to.match(/^job-types\/test-type\.yaml:44:16 access\.maxDuration: warning: P30D can never end a job: /);
      expect(result.out[0]).to.match(/^ok {2}job-types\/test-type\.yaml {2}test-type@1/);

      const broken = await project({ 'test-type.yaml': lasting.replace('version: 1', 'version: 0') });
      const failed = await run(broken, 'validate');
      expect(failed.exitCode).to.equal(1);
      expect(failed.err.at(-1)).to.equal('1 problem and 1 warning in 1 file');
    });

    it('checks only the files named', async () => {
      const dir = await project({ 'test-type.yaml': BASE_YAML, 'broken-type.yaml': BROKEN });
      expect((await run(dir, 'validate', 'job-types/test-type.yaml')).exitCode).to.equal(0);
      const missing = await run(dir, 'validate', 'job-types/nope.yaml');
      expect(missing.exitCode).to.equal(1);
      expect(missing.err[0]).to.equal('job-types/nope.yaml:1:1 cannot read the file: no such file');
      // A folder named (job-types/ rather than job-types/*.yaml) is told what to write, not EISDIR.
      const folder = await run(dir, 'validate', 'job-types');
      expect(folder.err[0]).to.equal('job-types:1:1 cannot read the file: it is a folder; name the files in it, e.g. job-types/*.yaml');
    });

    it('says so when there is nothing to check', async () => {
      const empty = await project({});
      expect(await run(empty, 'validate')).to.deep.equal({
        out: [],
        err: [`no job-type files found in ${path.join(empty, 'job-types')}`],
        exitCode: 1,
      });
      const nowhere = await scratchDir();
      expect(await run(nowhere, 'validate')).to.deep.equal({ out: [], err: [`there is no job-types folder in ${nowhere}`], exitCode: 1 });
    });
  });

  describe('show', () => {
    it('prints the compiled definition and its steps as a Mermaid flowchart, whatever the other files hold', async () => {
      const dir = await project({ 'test-type.yaml': BASE_YAML, 'broken-type.yaml': BROKEN });
      const result = await run(dir, 'show', 'test-type');
      expect(result.exitCode).to.equal(0);
      const [json, blank, mermaid] = result.out;
      expect(JSON.parse(json ?? '')).to.include({ id: 'test-type', version: 1 });
      expect(blank).to.equal('');
      expect(mermaid?.split('\n')).to.deep.equal([
        '```mermaid',
        'flowchart TD',
        '  start(["Test type (v1)<br/>CloudBoxx: boxQnr"])',
        '  step1["1. Mount<br/>collects: boxSerial, odometerKm<br/>checklist: 2 items"]',
        '  step2{{"2. Configure<br/>runs: cloudboxx.applyConfiguration<br/>talks to: boxQnr<br/>waits up to 2 min"}}',
        '  done(["SUCCEEDED"])',
        '  start --> step1',
        '  step1 --> step2',
        '  step2 --> done',
        '  onEnd[/"when access ends, however the job ends: lock, disableDriving"/]',
        '```',
      ]);
    });

    it('names the valid job types when the id is unknown, and the problems of broken files', async () => {
      const dir = await project({ 'test-type.yaml': BASE_YAML, 'broken-type.yaml': BROKEN });
      const result = await run(dir, 'show', 'broken-type');
      expect(result.exitCode).to.equal(1);
      expect(result.err.at(-1)).to.equal('no valid job type "broken-type"; valid ones: test-type');
      expect(result.err[0]).to.include('job-types/broken-type.yaml:33:15 steps[0].collect[0]: unknown field "boxSerail"');
    });
  });
});
