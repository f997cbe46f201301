import { expect } from 'chai';
import { collectGarbageWhenIdle } from './idle-gc';

describe('garbage collection when the worker is idle', () => {
  const looks = (count: number) => new Promise((resolve) => setTimeout(resolve, count * 5 + 3));

  it('collects once the worker was idle at two looks in a row, and not while it works', async () => {
    let idle = false;
    let collections = 0;
    const stop = collectGarbageWhenIdle({ isIdle: () => idle, intervalMs: 5, growthBytes: 0, collect: () => collections++ });
    try {
      await looks(4);
      expect(collections, 'busy').to.equal(0);
      idle = true;
      await looks(4);
      expect(collections).to.be.greaterThan(0);
    } finally {
      stop();
    }
  });

  it('leaves a heap alone that has not grown since the last collection', async () => {
    let collections = 0;
    const stop = collectGarbageWhenIdle({ isIdle: () => true, intervalMs: 5, growthBytes: 1024 ** 3, collect: () => collections++ });
    await looks(4);
    stop();
    expect(collections).to.equal(0);
  });

  it('has V8 collect without node being started with --expose-gc', async () => {
    const stop = collectGarbageWhenIdle({ isIdle: () => true, intervalMs: 5, growthBytes: 0 });
    await looks(3);
    stop();
    expect((globalThis as { gc?: unknown }).gc, 'gc stays off the global object').to.equal(undefined);
  });
});
