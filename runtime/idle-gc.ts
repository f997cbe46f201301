import v8 from 'node:v8';
import vm from 'node:vm';

export interface IdleCollectionOptions {
  /** True while the process has nothing to do (the worker: no activation, no activity in flight). */
  isIdle: () => boolean;
  /** How often to look; the process must have been idle at two looks in a row. */
  intervalMs?: number;
  /** How much the V8 heap must have grown since the last collection to be worth one. */
  growthBytes?: number;
  /** What collects; V8's full collection unless a test gives its own. */
  collect?: () => void;
}

/**
 * V8 collects garbage when JavaScript allocates. A worker that goes quiet after a burst of jobs
 * allocates nothing more, so it keeps the heap the burst grew — measured with `npm run bench:memory`:
 * 200 jobs left the heap at 175 MB (118 MB at rest) and the process at 1.6–1.8× its resting RSS a
 * minute later; one full collection brought the heap back to 84 MB. So once the worker has been
 * idle for a while after its heap grew, this collects once; a busy worker is never interrupted.
 * Returns the function that stops it.
 */
export function collectGarbageWhenIdle(options: IdleCollectionOptions): () => void {
  const gc = options.collect ?? garbageCollector();
  if (!gc) return () => {};
  const growth = options.growthBytes ?? 16 * 1024 * 1024;
  let baseline = process.memoryUsage().heapTotal;
  let idleBefore = false;
  const timer = setInterval(() => {
    const idle = options.isIdle();
    const due = idle && idleBefore && process.memoryUsage().heapTotal >= baseline + growth;
    idleBefore = idle;
    if (!due) return;
    gc();
    baseline = process.memoryUsage().heapTotal;
  }, options.intervalMs ?? 10_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** V8's gc(), without starting node with --expose-gc: a context made while the flag is set has it. */
function garbageCollector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  } finally {
    v8.setFlagsFromString('--no-expose-gc');
  }
}
