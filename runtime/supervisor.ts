/**
 * Keeps `start`'s child processes alive: a child that ends without being asked to is started again
 * after a pause that doubles with each death (250 ms, 500 ms, … at most 8 s), with one line saying
 * so. A child that dies `maxDeaths` times within `windowMs` is not started again: the supervisor
 * tells its owner, who stops everything (a crash loop restarted forever would only hide the fault).
 */
export interface Child {
  /** Settles when the process ended without being asked to, saying how ("killed by SIGKILL"); never when stopped. */
  readonly ended: Promise<string>;
  /** Stops it, and returns at once when it has already ended. */
  stop(): Promise<void>;
}

export interface GaveUp {
  name: string;
  /** How it ended the last time, or why it could not be started again. */
  reason: string;
  deaths: number;
  windowMs: number;
  /** Where its output went, to quote the end of. */
  logFile?: string;
}

export interface SupervisorOptions {
  log: (line: string) => void;
  /** Called once, for the first child that keeps dying; restarts end then. */
  onGiveUp: (gaveUp: GaveUp) => void;
  maxDeaths?: number;
  windowMs?: number;
  /** The pause before the nth restart (1-based). */
  backoffMs?: (death: number) => number;
}

export interface Supervised<T extends Child> {
  /** The child running now (the first, or the one that replaced it). */
  readonly current: T;
  /** Stops restarting it and stops the one running; waits for a restart in progress first. */
  stop(): Promise<void>;
}

export const DEFAULT_MAX_DEATHS = 5;
export const DEFAULT_WINDOW_MS = 60_000;

export function defaultBackoffMs(death: number): number {
  return Math.min(250 * 2 ** (death - 1), 8_000);
}

export class Supervisor {
  private stopped = false;
  private gaveUp = false;
  private readonly wakeUps = new Set<() => void>();
  /** Aborted when restarts end: a child still starting is stopped rather than waited for. */
  private readonly restarts = new AbortController();

  constructor(private readonly options: SupervisorOptions) {}

  /** No more restarts from now on (the owner is stopping everything); pauses before a restart end at once. */
  stopRestarting(): void {
    this.stopped = true;
    this.restarts.abort();
    for (const wake of this.wakeUps) wake();
  }

  /**
   * Watches `first` and, each time it ends, runs `restart` for a new one. `onRestarted` is told of
   * each new child, e.g. to say that it is back.
   */
  supervise<T extends Child>(
    spec: { name: string; logFile?: string; restart: (signal: AbortSignal) => Promise<T> },
    first: T,
  ): Supervised<T> {
    const { log, onGiveUp } = this.options;
    const maxDeaths = this.options.maxDeaths ?? DEFAULT_MAX_DEATHS;
    const windowMs = this.options.windowMs ?? DEFAULT_WINDOW_MS;
    const backoff = this.options.backoffMs ?? defaultBackoffMs;
    const deaths: number[] = [];
    let current = first;
    let handleStopped = false;
    let reviving: Promise<void> | undefined;
    let wakeUp: (() => void) | undefined;
    const stopped = new AbortController();
    const signal = AbortSignal.any([this.restarts.signal, stopped.signal]);
    const giveUpNow = () => this.stopped || this.gaveUp || handleStopped;

    const revive = async (how: string) => {
      let reason = how;
      for (;;) {
        const now = Date.now();
        deaths.push(now);
        while (deaths[0]! <= now - windowMs) deaths.shift();
        if (deaths.length >= maxDeaths) {
          if (giveUpNow()) return;
          this.gaveUp = true;
          onGiveUp({ name: spec.name, reason, deaths: deaths.length, windowMs, logFile: spec.logFile });
          return;
        }
        const pauseMs = backoff(deaths.length);
        log(
          `✖ ${spec.name} ${reason}; restarting it in ${seconds(pauseMs)} (${deaths.length} of ${maxDeaths} deaths allowed in ${seconds(windowMs)})`,
        );
        await this.pause(pauseMs, (wake) => (wakeUp = wake));
        if (giveUpNow()) return;
        const began = Date.now();
        try {
          const child = await spec.restart(signal);
          if (giveUpNow()) {
            await child.stop();
            return;
          }
          current = child;
          watch(child);
          log(`✔ ${spec.name} is back (${seconds(Date.now() - began)})`);
          return;
        } catch (error) {
          if (giveUpNow()) return;
          reason = `could not be restarted: ${oneLineReason((error as Error).message)}`;
        }
      }
    };
    const watch = (child: T) => {
      void child.ended.then((how) => {
        if (giveUpNow() || child !== current) return;
        reviving = revive(how).finally(() => (reviving = undefined));
      });
    };
    watch(first);

    return {
      get current() {
        return current;
      },
      async stop() {
        handleStopped = true;
        stopped.abort();
        wakeUp?.();
        await reviving;
        await current.stop();
      },
    };
  }

  private pause(ms: number, onWake: (wake: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakeUps.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakeUps.add(wake);
      onWake(wake);
    });
  }
}

/** How a child process ended, for the notice: `exited with code 1`, `killed by SIGKILL`. */
export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code}`;
}

function seconds(ms: number): string {
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(ms % 1_000 === 0 ? 0 : 1)} s`;
}

/**
 * Why a restart failed, in one line. A start error quotes its log under "… Last lines of <log>:"
 * (cli-child.ts, postgres.ts): its first line ends at that colon and says nothing of why, and the
 * log's last line most often does ("✖ Cannot reach Postgres …"): that line is kept.
 */
function oneLineReason(message: string): string {
  const [first = '', ...rest] = message.split('\n');
  if (!first.endsWith(':')) return first;
  const last = rest
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .at(-1);
  if (last === undefined) return first.slice(0, -1);
  const said = last.replace(/^✖\s*/, '');
  return `${first} … ${said.length > MAX_QUOTED ? `${said.slice(0, MAX_QUOTED - 1)}…` : said}`;
}

/** The most of a log line quoted in one (a request's JSON line runs to 400 characters). */
const MAX_QUOTED = 300;
