/**
 * Replays recorded job histories (test/workflows/histories/*.json) against the current
 * workflows/ code. Jobs live for days: a deploy must let runs started by the old code finish.
 *
 * WHEN THIS FAILS with a DeterminismViolationError, your change to workflows/ (job.ts or
 * job-machine.ts) would break jobs that are running right now — it adds, removes, reorders or
 * renames activities, timers, search-attribute upserts or other commands on a path old runs take.
 *   - Guard it: `if (patched('short-change-id')) { new code } else { old code }` (from
 *     @temporalio/workflow). Old histories take the old branch, new runs the new one; this test
 *     then passes. Once no run without the patch can exist anywhere (all older jobs have ended and
 *     their retention has passed), replace it with `deprecatePatch('short-change-id')` + new code
 *     only, and after one more such period remove that too.
 *     https://docs.temporal.io/develop/typescript/versioning
 *   - Only if the change is intentional AND no run of the old code exists anywhere (nothing is
 *     deployed yet, or every environment was drained): re-record with
 *     `npx tsx test/workflows/replay-histories.ts record` and commit the new histories.
 * A new path through the workflow deserves a scenario of its own in replay-histories.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON, type History } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { expect } from 'chai';
import { jobWorkflowId } from '../../common/job';
import { workflowBundle } from '../support/services';

const HISTORIES_DIR = path.join(__dirname, 'histories');

interface Recorded {
  name: string;
  history: History;
  workflowId: string;
}

/** The job's workflow ID is not in its history; the workflow's input carries the job ID it derives from. */
function workflowIdOf(history: History, name: string): string {
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  const input = payload?.data ? (JSON.parse(Buffer.from(payload.data).toString('utf8')) as { jobId?: unknown }) : undefined;
  return typeof input?.jobId === 'string' ? jobWorkflowId(input.jobId) : `replay-${name}`;
}

/**
 * Every history under histories/, those of older workflow code included: the recordings of code
 * before a patch are kept in a folder named for it (e.g. before-lean-history/), as the runs they
 * stand for must still replay.
 */
function recordedHistories(): Recorded[] {
  if (!fs.existsSync(HISTORIES_DIR)) return [];
  return fs
    .readdirSync(HISTORIES_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.json'.length);
      const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8')));
      return { name, history, workflowId: workflowIdOf(history, name) };
    });
}

describe('replaying recorded job histories (workflow changes stay deterministic for running jobs)', function () {
  this.timeout(120_000);
  const recorded = recordedHistories();

  it('has histories to replay', () => {
    expect(
      recorded.map((r) => r.name),
      `no histories in ${HISTORIES_DIR}: run npx tsx test/workflows/replay-histories.ts record`,
    ).to.not.be.empty;
  });

  for (const { name, history, workflowId } of recorded) {
    it(`replays ${name}.json against the current workflows/`, async () => {
      await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowId);
    });
  }

  describe('can fail', () => {
    let divergent: WorkflowBundle;
    before(async () => {
      divergent = await bundleWorkflowCode({
        workflowsPath: require.resolve('./fixtures/replay-divergent-job'),
        logger: {
          log: () => {},
          trace: () => {},
          debug: () => {},
          info: () => {},
          warn: () => {},
          error: (message) => console.error(message),
        },
      });
    });

    it('rejects a jobWorkflow that schedules a different first activity with a DeterminismViolationError', async () => {
      // A history of the generation the fixture imitates (its first activity was recordJobState).
      const first = recorded.find((r) => r.name.startsWith('before-lean-history/'));
      if (!first) throw new Error('no recorded history of the first generation to replay');
      let thrown: unknown;
      try {
        await Worker.runReplayHistory({ workflowBundle: divergent }, first.history, first.workflowId);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, 'replay against incompatible code must throw').to.be.instanceOf(DeterminismViolationError);
      expect((thrown as Error).message).to.match(
        /Activity type of scheduled event .recordJobState. does not match .* .assertCompanyInvited./,
      );
    });
  });
});
