import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { expect } from 'chai';
import { timeSkippingServerPath } from '../support/services';

describe('the time-skipping test server', function () {
  this.timeout(120_000);
  let env: TestWorkflowEnvironment;

  before(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: timeSkippingServerPath() } },
    });
  });
  after(async () => env?.teardown());

  it('runs a timer of eight hours in seconds', async () => {
    const taskQueue = 'time-skipping-probe';
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/long-timer'),
    });
    const wallClockStart = Date.now();
    const result = await worker.runUntil(
      env.client.workflow.execute('sleepThroughWorkingDay', { taskQueue, workflowId: `probe-${Date.now()}` }),
    );
    expect(result.wokeAt - result.startedAt, 'workflow time passed').to.be.at.least(8 * 60 * 60 * 1000);
    expect(Date.now() - wallClockStart, 'wall-clock time passed').to.be.below(60_000);
  });
});
