import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../observability/log';
import { oneLine, sdkLogger, startLogger } from './worker-log';

describe('the worker log on the terminal', () => {
  it('is one line a warning, with the fields that say where it happened', () => {
    expect(
      oneLine({
        level: 'WARN',
        message: 'Activity failed\n    at stack …',
        meta: { workflowId: 'installer-job-J-1', activityType: 'secureVehicle', attempt: 3 },
      }),
    ).to.equal('WARN  Activity failed (workflowId=installer-job-J-1, activityType=secureVehicle)');
  });
});

describe("the Temporal SDK's logs", () => {
  it('go through our logger as JSON lines, with the workflow and activity ids the SDK gives as fields', () => {
    const lines: string[] = [];
    const logger = createLogger({ format: 'json', level: 'info' }, { write: (line: string) => void lines.push(line) });
    const sdk = sdkLogger(logger);
    sdk.warn('Activity failed', {
      sdkComponent: 'activity',
      workflowId: 'installer-job-J-1',
      activityId: '3',
      activityType: 'secureVehicle',
    });
    sdk.log('INFO', 'Workflow completed', { sdkComponent: 'workflow', workflowId: 'installer-job-J-1', runId: 'r-1' });
    sdk.debug('below the level');
    const [warn, info] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).to.have.length(2);
    expect(warn).to.include({
      level: 'warn',
      msg: 'Activity failed',
      workflowId: 'installer-job-J-1',
      activityId: '3',
      activityType: 'secureVehicle',
    });
    expect(info).to.include({ level: 'info', msg: 'Workflow completed', workflowId: 'installer-job-J-1', runId: 'r-1' });
  });

  it('under `npm start`: every line to the file, only warnings and errors to the terminal, one line each', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'worker-log-'));
    try {
      const file = path.join(dir, 'worker.log');
      const printed: string[] = [];
      const sdk = sdkLogger(startLogger(file, (line) => printed.push(line)));
      sdk.info('Worker state changed', { state: 'RUNNING', taskQueue: 'installer-jobs' });
      sdk.warn('Activity failed\n  at …', { workflowId: 'installer-job-J-2', activityType: 'runStepAction' });
      expect(printed).to.deep.equal(['WARN  Activity failed (workflowId=installer-job-J-2, activityType=runStepAction)']);
      const written = fs
        .readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(written.map((line) => [line.level, line.msg])).to.deep.equal([
        ['info', 'Worker state changed'],
        ['warn', 'Activity failed\n  at …'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
