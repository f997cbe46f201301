import { expect } from 'chai';
import { Supervisor, type Child, type GaveUp } from './supervisor';

/** A child that ends when told to `die`, as a killed process does. */
class FakeChild implements Child {
  private end!: (how: string) => void;
  readonly ended = new Promise<string>((resolve) => (this.end = resolve));
  stopped = false;
  die(how = 'was killed by SIGKILL'): void {
    this.end(how);
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Supervisor', () => {
  function supervisor(options: { maxDeaths?: number } = {}) {
    const lines: string[] = [];
    const gaveUp: GaveUp[] = [];
    const made: FakeChild[] = [];
    const s = new Supervisor({ log: (line) => lines.push(line), onGiveUp: (g) => gaveUp.push(g), backoffMs: () => 5, ...options });
    const restart = async () => {
      const child = new FakeChild();
      made.push(child);
      return child;
    };
    return { s, lines, gaveUp, made, restart };
  }

  it('starts a child that died again, saying so in one line and once it is back', async () => {
    const { s, lines, made, restart } = supervisor();
    const first = new FakeChild();
    const kept = s.supervise({ name: 'Postgres', restart }, first);
    first.die();
    await tick();
    expect(made).to.have.length(1);
    expect(kept.current).to.equal(made[0]);
    expect(lines[0]).to.match(/^✖ Postgres was killed by SIGKILL; restarting it in 5 ms \(1 of 5 deaths allowed in 60 s\)$/);
    expect(lines[1]).to.match(/^✔ Postgres is back/);
  });

  it('gives up on a child that dies maxDeaths times within the window, and starts it no more', async () => {
    const { s, gaveUp, made, restart } = supervisor({ maxDeaths: 3 });
    const first = new FakeChild();
    s.supervise({ name: 'worker', logFile: '/x/worker.log', restart }, first);
    first.die();
    await tick();
    made[0]!.die('exited with code 1');
    await tick();
    made[1]!.die('exited with code 2');
    await tick();
    expect(made).to.have.length(2);
    expect(gaveUp).to.deep.equal([{ name: 'worker', reason: 'exited with code 2', deaths: 3, windowMs: 60_000, logFile: '/x/worker.log' }]);
  });

  it('counts a restart that fails as a death and tries again', async () => {
    const lines: string[] = [];
    let attempts = 0;
    const s = new Supervisor({ log: (line) => lines.push(line), onGiveUp: () => {}, backoffMs: () => 5 });
    const first = new FakeChild();
    const kept = s.supervise(
      {
        name: 'API',
        restart: async () => {
          if (++attempts === 1) throw new Error('Port 3000 is in use\nmore');
          return new FakeChild();
        },
      },
      first,
    );
    first.die();
    await tick(50);
    expect(attempts).to.equal(2);
    expect(kept.current).not.to.equal(first);
    expect(lines[1]).to.equal('✖ API could not be restarted: Port 3000 is in use; restarting it in 5 ms (2 of 5 deaths allowed in 60 s)');
  });

  it("a restart that fails quoting its log names the log's last line, not an empty colon", async () => {
    const lines: string[] = [];
    let attempts = 0;
    const s = new Supervisor({ log: (line) => lines.push(line), onGiveUp: () => {}, backoffMs: () => 5 });
    const first = new FakeChild();
    s.supervise(
      {
        name: 'API',
        restart: async () => {
          attempts++;
          if (attempts === 1)
            throw new Error(
              'installer-jobs api exited with code 1 before it was ready. Last lines of /d/api.log:\n{"msg":"API stopped"}\n\n✖ Cannot reach Postgres at postgres://…: the database system is shutting down.\n',
            );
          if (attempts === 2) throw new Error('Embedded Postgres did not start. Last lines of /d/postgres.log:\n' + 'x'.repeat(400));
          if (attempts === 3) throw new Error('Embedded Postgres did not start. Last lines of /d/postgres.log:\n(no log written)');
          return new FakeChild();
        },
      },
      first,
    );
    first.die();
    await tick(100);
    expect(attempts).to.equal(4);
    expect(lines[1]).to.equal(
      '✖ API could not be restarted: installer-jobs api exited with code 1 before it was ready. Last lines of /d/api.log: … Cannot reach Postgres at postgres://…: the database system is shutting down.; restarting it in 5 ms (2 of 5 deaths allowed in 60 s)',
    );
    expect(lines[2]).to.equal(
      `✖ API could not be restarted: Embedded Postgres did not start. Last lines of /d/postgres.log: … ${'x'.repeat(299)}…; restarting it in 5 ms (3 of 5 deaths allowed in 60 s)`,
    );
    expect(lines[3]).to.match(/Last lines of \/d\/postgres.log: … \(no log written\); restarting/);
  });

  it('restarts nothing once stopping, and stops the child running', async () => {
    const { s, made, restart } = supervisor();
    const first = new FakeChild();
    const kept = s.supervise({ name: 'Temporal dev server', restart }, first);
    s.stopRestarting();
    first.die();
    await tick();
    expect(made).to.have.length(0);
    await kept.stop();
    expect(first.stopped).to.equal(true);
  });

  it('a stop during the pause before a restart ends the pause at once', async () => {
    const lines: string[] = [];
    const s = new Supervisor({ log: (line) => lines.push(line), onGiveUp: () => {}, backoffMs: () => 60_000 });
    let restarted = false;
    const first = new FakeChild();
    const kept = s.supervise(
      {
        name: 'Postgres',
        restart: async () => {
          restarted = true;
          return new FakeChild();
        },
      },
      first,
    );
    first.die();
    await tick();
    const began = Date.now();
    await kept.stop();
    expect(Date.now() - began).to.be.below(1_000);
    expect(restarted).to.equal(false);
  });
});
