import { ActivityFailure, ApplicationFailure, condition, log } from '@temporalio/workflow';
import type { Actor, JobEvent } from '../common/job';
import { refusal } from '../common/job-refusal';

/**
 * Keeps the Postgres read model in step with the job, off the path of everything else: a change is
 * applied in the workflow at once and queued here; one loop writes the job as it then stands with
 * every event queued since the last write. So a slow or failing write never holds a job: a
 * deadline, a failure or the end of vehicle access goes ahead, and the read model catches up when
 * Postgres is back. A write Postgres refuses for its content is not retried (it cannot pass); the
 * callers waiting for it are told, and later writes carry the job's newer state. An event that
 * need not show at once (`note`) waits for the next write, so that one write carries both.
 */
export class ReadModelRecorder {
  private revision = 0;
  private recordedRevision = 0;
  /** The revision the write under way (or the last one) brings the read model to. */
  private writtenRevision = 0;
  private queued: JobEvent[] = [];
  private writing = false;
  /** Someone waits for what is queued: write it. */
  private wanted = false;
  private readonly rejected = new Map<number, string>();

  constructor(
    /** Writes the job as it stands at `revision` together with `events`. */
    private readonly write: (revision: number, events: JobEvent[]) => Promise<void>,
    private readonly now: () => string,
  ) {}

  get currentRevision(): number {
    return this.revision;
  }

  /** Queues an event of the change just applied, to be written now; its revision is what `recorded` waits for. */
  add(type: string, actor: Actor, data: Record<string, unknown> = {}): number {
    this.wanted = true;
    return this.note(type, actor, data);
  }

  /** Queues an event to be written with the next write (or when someone waits for it). */
  note(type: string, actor: Actor, data: Record<string, unknown> = {}): number {
    this.revision += 1;
    this.queued.push({ key: `${this.revision}:${type}`, type, actor, data, occurredAt: this.now() });
    return this.revision;
  }

  /** Resolves once the read model holds `revision`; a refusal says why it never will. */
  async recorded(revision: number): Promise<void> {
    if (revision > this.writtenRevision) this.wanted = true;
    await condition(() => this.recordedRevision >= revision);
    const why = this.rejected.get(revision);
    if (why !== undefined) throw refusal('notStored', `The change was made, but the job list cannot show it: ${why}`);
  }

  /** Nothing queued and nothing being written: the workflow may end. */
  async drained(): Promise<void> {
    if (this.queued.length > 0) this.wanted = true;
    await condition(() => this.queued.length === 0 && !this.writing);
  }

  /** The writing loop; runs for the workflow's life. */
  async run(): Promise<never> {
    for (;;) {
      await condition(() => this.wanted && this.queued.length > 0);
      const events = this.queued;
      const revision = this.revision;
      this.queued = [];
      this.wanted = false;
      this.writtenRevision = revision;
      this.writing = true;
      try {
        await this.write(revision, events);
      } catch (error) {
        const why = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause.message : String(error);
        log.error('The read model refused a write of this job', { revision, events: events.map((event) => event.type), why });
        for (let refused = this.recordedRevision + 1; refused <= revision; refused++) this.rejected.set(refused, why);
      } finally {
        this.writing = false;
      }
      this.recordedRevision = revision;
    }
  }
}
