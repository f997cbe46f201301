import { DefaultLogger, Runtime } from '@temporalio/worker';
import { stopSharedServices } from './services';

/**
 * Mocha root hooks (loaded through .mocharc.json): the Temporal runtime is installed once,
 * before any worker exists, and the servers the run started are stopped at the very end.
 */
export const mochaHooks = {
  beforeAll(): void {
    // Tests provoke activity failures on purpose; their warnings would bury a real problem.
    Runtime.install({ logger: new DefaultLogger((process.env.TEST_LOG_LEVEL as 'DEBUG' | 'WARN' | undefined) ?? 'ERROR') });
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await stopSharedServices();
  },
};
