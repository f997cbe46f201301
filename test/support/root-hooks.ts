import { DefaultLogger, Runtime } from '@temporalio/worker';
import { stopSharedServices } from './services';
import { versitygwBinary } from './versitygw';

/**
 * Mocha root hooks (loaded through .mocharc.json): the Temporal runtime is installed once,
 * before any worker exists, and the servers the run started are stopped at the very end.
 */
export const mochaHooks = {
  beforeAll(this: Mocha.Context): void {
    // Tests provoke activity failures on purpose; their warnings would bury a real problem. The SDK
    // core's own lines go through the same logger (else it prints its warnings itself: the Java
    // test server, for one, draws one per worker for not advertising a heartbeat capability).
    const level = (process.env.TEST_LOG_LEVEL as 'DEBUG' | 'WARN' | undefined) ?? 'ERROR';
    Runtime.install({
      logger: new DefaultLogger(level),
      telemetryOptions: { logging: { filter: { core: level, other: level }, forward: {} } },
    });
    // A run with the S3 photo store tests builds their server (minutes, the first time) while the other suites run.
    if (this.test?.parent?.suites.some((suite) => suite.file?.endsWith('photo-stores.test.ts')))
      versitygwBinary({ onBuild: (line) => console.log(line) }).catch(() => undefined); // the suite reports a failed build itself
  },
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(60_000);
    await stopSharedServices();
  },
};
