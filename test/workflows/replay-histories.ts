/**
 * Records the histories that test/workflows/replay.test.ts replays against the current
 * workflows/ code, so that a change to workflows/job.ts which would break jobs already running
 * fails a test instead of production.
 *
 *   npx tsx test/workflows/replay-histories.ts record            # every scenario
 *   npx tsx test/workflows/replay-histories.ts record succeeded  # just the named ones
 *
 * Each scenario drives one job through the same harness as job-workflow.test.ts (time-skipping
 * Temporal server, real activities, real Postgres, the OneAPI simulator) and writes the
 * workflow's history to test/workflows/histories/<name>.json.
 *
 * Re-record ONLY when no run started by the old code can exist anywhere (see replay.test.ts):
 * the recorded files are what "a job already running" looks like to the next deploy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowUpdateStage, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import {
  assignJobUpdate,
  completeJobUpdate,
  completeStepUpdate,
  deleteJobUpdate,
  editJobUpdate,
  failJobUpdate,
  startJobUpdate,
} from '../../common/job-messages';
import { findRefusal } from '../../common/job-refusal';
import { seedVehicle } from '../support/oneapi';
import { stopSharedServices } from '../support/services';
import { INSTALL_PRESETS, INSTALL_QNR, INSTALL_STEP_VALUES } from '../support/install-job';
import { JobWorkflowEnv } from '../support/workflow-env';

export const HISTORIES_DIR = path.join(__dirname, 'histories');

const HOUR = 3600_000;
const QNR = INSTALL_QNR;
const LOCATION = INSTALL_PRESETS;

type Scenario = (t: JobWorkflowEnv, taskQueue: string) => Promise<WorkflowHandle>;

async function assignAndStart(t: JobWorkflowEnv, handle: WorkflowHandle): Promise<void> {
  await handle.executeUpdate(assignJobUpdate, { args: [{ actor: t.providerAdmin, installerCompanyId: t.tenant.installerCompanyId }] });
  await handle.executeUpdate(startJobUpdate, { args: [{ actor: t.technician }] });
}

async function runSteps(t: JobWorkflowEnv, handle: WorkflowHandle, until?: string): Promise<void> {
  for (const step of t.jobType('cloudboxx-install').steps) {
    if (step.id === until) return;
    await handle.executeUpdate(completeStepUpdate, {
      args: [{ actor: t.technician, stepId: step.id, values: INSTALL_STEP_VALUES[step.id], checklist: [...step.checklist] }],
    });
  }
}

async function expectOutcome(handle: WorkflowHandle, status: string): Promise<void> {
  const outcome = (await handle.result()) as { status: string };
  if (outcome.status !== status) throw new Error(`${handle.workflowId} ended ${JSON.stringify(outcome)}, expected ${status}`);
}

/** The scenarios, by file name. Add one when workflows/job.ts grows a path none of these takes. */
export const SCENARIOS: Record<string, Scenario> = {
  /** PENDING → ASSIGNED → RUNNING → all five steps (the configure and verify actions call the box) → SUCCEEDED. */
  async succeeded(t, taskQueue) {
    const { handle } = await t.createJob(taskQueue, 'cloudboxx-install', { ...LOCATION, keyHolderType: 'rfid' });
    await assignAndStart(t, handle);
    await runSteps(t, handle);
    await handle.executeUpdate(completeJobUpdate, { args: [{ actor: t.technician }] });
    await expectOutcome(handle, 'SUCCEEDED');
    return handle;
  },

  /** RUNNING, check-in done, then the installer gives up: FAILED with a reason, access revoked. */
  async 'failed-by-installer'(t, taskQueue) {
    const { handle } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
    await assignAndStart(t, handle);
    await runSteps(t, handle, 'mount');
    await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'CAN bus connector missing on this model year.' }] });
    await expectOutcome(handle, 'FAILED');
    return handle;
  },

  /** PENDING, edited by the provider, then deleted. */
  async 'edited-then-deleted'(t, taskQueue) {
    const { handle } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
    await handle.executeUpdate(editJobUpdate, {
      args: [{ actor: t.providerAdmin, values: { licensePlate: 'B-IJ 1234' }, customerName: 'Sharing GmbH' }],
    });
    await handle.executeUpdate(deleteJobUpdate, { args: [{ actor: t.providerAdmin }] });
    await expectOutcome(handle, 'DELETED');
    return handle;
  },

  /** RUNNING, two steps done, then the 8-hour access window runs out (time skipped): FAILED by the deadline timer. */
  async 'access-window-expired'(t, taskQueue) {
    const { handle } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
    await assignAndStart(t, handle);
    await runSteps(t, handle, 'configure');
    await t.env.sleep(8 * HOUR + 60_000);
    await expectOutcome(handle, 'FAILED');
    return handle;
  },

  /**
   * RUNNING, up to the verify step, whose lock-and-unlock check is slow (the simulator holds each
   * command 1.5 s); the installer gives up while it runs. The job's end stops the check and waits
   * for it before securing the car, so the securing is the car's last word.
   */
  async 'failed-during-action'(t, taskQueue) {
    const { handle } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
    await assignAndStart(t, handle);
    await runSteps(t, handle, 'verify');
    t.oneApi.simulator.state.faults.configure({ routeLatencyMs: { 'vehicle-command': 1_500 } });
    try {
      const verify = t.jobType('cloudboxx-install').steps.find((step) => step.id === 'verify')!;
      await handle.startUpdate(completeStepUpdate, {
        args: [{ actor: t.technician, stepId: verify.id, values: INSTALL_STEP_VALUES[verify.id], checklist: [...verify.checklist] }],
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'The customer needs the car now.' }] });
      await expectOutcome(handle, 'FAILED');
    } finally {
      t.oneApi.simulator.state.faults.reset();
    }
    return handle;
  },

  /**
   * RUNNING, check-in completed with its checklist plus an item it does not have, then the installer
   * gives up. The code before the rule took the item (recorded in before-known-checklist-items/, as
   * running jobs may hold one); today's refuses it, and the step is completed with its own items.
   */
  async 'extra-checklist-item'(t, taskQueue) {
    const { handle } = await t.createJob(taskQueue, 'cloudboxx-install', LOCATION);
    await assignAndStart(t, handle);
    const checkIn = t.jobType('cloudboxx-install').steps[0]!;
    const complete = (checklist: string[]) =>
      handle.executeUpdate(completeStepUpdate, {
        args: [{ actor: t.technician, stepId: checkIn.id, values: INSTALL_STEP_VALUES[checkIn.id], checklist }],
      });
    await complete([...checkIn.checklist, 'Bogus']).catch(async (error: unknown) => {
      if (findRefusal(error)?.reason !== 'unknownChecklistItem') throw error;
      await complete([...checkIn.checklist]);
    });
    await handle.executeUpdate(failJobUpdate, { args: [{ actor: t.technician, reason: 'CAN bus connector missing on this model year.' }] });
    await expectOutcome(handle, 'FAILED');
    return handle;
  },
};

async function record(names: string[]): Promise<void> {
  const unknown = names.filter((name) => !(name in SCENARIOS));
  if (unknown.length > 0) throw new Error(`no scenario ${unknown.join(', ')}; there are: ${Object.keys(SCENARIOS).join(', ')}`);
  const selected = names.length > 0 ? names : Object.keys(SCENARIOS);

  Runtime.install({ logger: new DefaultLogger((process.env.TEST_LOG_LEVEL as 'DEBUG' | 'WARN' | undefined) ?? 'ERROR') });
  let t: JobWorkflowEnv | undefined;
  try {
    t = await JobWorkflowEnv.create('replay histories');
    seedVehicle(t.oneApi.simulator, { telematicsUnitId: QNR });
    fs.mkdirSync(HISTORIES_DIR, { recursive: true });
    for (const name of selected) {
      const { worker, taskQueue } = await t.worker();
      const handle = await worker.runUntil(SCENARIOS[name]!(t, taskQueue));
      const history = await handle.fetchHistory();
      const file = path.join(HISTORIES_DIR, `${name}.json`);
      fs.writeFileSync(file, `${historyToJSON(history)}\n`);
      console.log(`${path.relative(process.cwd(), file)}: ${history.events?.length ?? 0} events, ${fs.statSync(file).size} bytes`);
    }
  } finally {
    await t?.teardown().catch(() => {});
    await stopSharedServices();
  }
}

if (require.main === module) {
  const [command, ...names] = process.argv.slice(2);
  if (command !== 'record') {
    console.error('usage: npx tsx test/workflows/replay-histories.ts record [scenario...]');
    console.error(`scenarios: ${Object.keys(SCENARIOS).join(', ')}`);
    process.exit(2);
  }
  record(names).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
