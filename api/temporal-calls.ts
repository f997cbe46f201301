/**
 * How the API sends changes to job workflows so that an outage gets an honest answer within
 * seconds: first a (cached) look whether a worker polls the task queue, so that nothing is sent
 * that nobody would run; then the update with deadlines — one for a worker to accept it, one for
 * its outcome. A failure before anything was sent is 503 `service-unavailable`; a deadline passed
 * after sending is 503 `outcome-unknown`, because the change may still be applied.
 */
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WithStartWorkflowOperation,
  type WorkflowHandle,
  type WorkflowUpdateHandle,
  type WorkflowUpdateOptions,
} from '@temporalio/client';
import type { UpdateDefinition, Workflow } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ServiceUnavailableError } from '../common/errors';

/** What a call needs: the routers' deps (the app's own, so `temporalDeadlines` reaches here from AppDeps). */
export interface TemporalCallDeps {
  temporal: Client;
  taskQueue: string;
  /** Tests shorten these; see DEFAULT_DEADLINES. */
  temporalDeadlines?: Partial<TemporalDeadlines>;
}

export interface TemporalDeadlines {
  /** For Temporal to answer whether a worker polls the task queue. */
  checkMs: number;
  /** For a worker to accept (or refuse) the update; a live worker does in milliseconds. */
  acceptMs: number;
  /** For the update's outcome, counted from sending it: a step's vehicle action may take a while. */
  completeMs: number;
}

export const DEFAULT_DEADLINES: TemporalDeadlines = { checkMs: 3_000, acceptMs: 5_000, completeMs: 15_000 };

/**
 * A poller Temporal saw within this long counts as a live worker. Temporal refreshes a poller's
 * last access only when it polls anew, which an idle worker does about once a minute (the long
 * poll's length); a worker that died is listed, unrefreshed, for minutes.
 */
export const LIVE_POLLER_MS = 75_000;
/** A worker seen polling is believed there this long before Temporal is asked again. */
const POLLERS_CACHE_MS = 2_000;
const RETRY_AFTER_SECONDS = 5;

/** Sends an update to a running workflow and answers its result (or the workflow's refusal, as thrown by the SDK). */
export function sendUpdate<Ret, Args extends unknown[]>(
  deps: TemporalCallDeps,
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  options: WorkflowUpdateOptions & { args: Args },
): Promise<Ret> {
  // startUpdate's overloads tell updates with and without arguments apart; ours always sends its `args`.
  const start = handle.startUpdate as (
    def: UpdateDefinition<Ret, Args>,
    options: WorkflowUpdateOptions & { args: Args; waitForStage: 'ACCEPTED' },
  ) => Promise<WorkflowUpdateHandle<Ret>>;
  return send(deps, () => start.call(handle, update, { ...options, waitForStage: 'ACCEPTED' }));
}

/**
 * Like sendUpdate, but waits for the outcome only `withinMs` from sending and answers `undefined`
 * if it has not come by then: the update goes on in the workflow (a step's vehicle action) and the
 * caller tells its user so. A refusal or an outage within the window is thrown as by sendUpdate.
 */
export function sendUpdateAnsweringWithin<Ret, Args extends unknown[]>(
  deps: TemporalCallDeps,
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  options: WorkflowUpdateOptions & { args: Args },
  withinMs: number,
): Promise<Ret | undefined> {
  const start = handle.startUpdate as (
    def: UpdateDefinition<Ret, Args>,
    options: WorkflowUpdateOptions & { args: Args; waitForStage: 'ACCEPTED' },
  ) => Promise<WorkflowUpdateHandle<Ret>>;
  return send(deps, () => start.call(handle, update, { ...options, waitForStage: 'ACCEPTED' }), withinMs);
}

/** Update-with-start: starts the workflow unless it runs (per the operation's conflict policy) and sends the update. */
export function sendUpdateWithStart<T extends Workflow, Ret, Args extends unknown[]>(
  deps: TemporalCallDeps,
  update: UpdateDefinition<Ret, Args>,
  options: WorkflowUpdateOptions & { args?: Args; startWorkflowOperation: WithStartWorkflowOperation<T> },
): Promise<Ret> {
  return send(deps, () => deps.temporal.workflow.startUpdateWithStart(update, { ...options, waitForStage: 'ACCEPTED' }));
}

async function send<Ret>(deps: TemporalCallDeps, accept: () => Promise<WorkflowUpdateHandle<Ret>>): Promise<Ret>;
async function send<Ret>(
  deps: TemporalCallDeps,
  accept: () => Promise<WorkflowUpdateHandle<Ret>>,
  withinMs: number,
): Promise<Ret | undefined>;
async function send<Ret>(
  deps: TemporalCallDeps,
  accept: () => Promise<WorkflowUpdateHandle<Ret>>,
  withinMs?: number,
): Promise<Ret | undefined> {
  const deadlines = { ...DEFAULT_DEADLINES, ...deps.temporalDeadlines };
  await assertWorkerPolling(deps, deadlines.checkMs);
  const sentAt = Date.now();
  let window: NodeJS.Timeout | undefined;
  try {
    const accepted = await deps.temporal.withDeadline(sentAt + deadlines.acceptMs, accept);
    const outcome = deps.temporal.withDeadline(sentAt + deadlines.completeMs, () => accepted.result());
    if (withinMs === undefined) return await outcome;
    outcome.catch(() => undefined); // after the window, nobody waits for it
    const windowPassed = new Promise<undefined>((resolve) => {
      window = setTimeout(() => resolve(undefined), Math.max(sentAt + withinMs - Date.now(), 0));
    });
    return await Promise.race([outcome, windowPassed]);
  } catch (error) {
    throw isTransportFailure(error) ? outcomeUnknown(error) : error;
  } finally {
    clearTimeout(window);
  }
}

/** Whether a worker polls the task queue: `ok`, or why not and whose fault (Temporal's, or no worker). For /healthz too. */
export async function workerPolling(
  client: Client,
  taskQueue: string,
  checkMs = DEFAULT_DEADLINES.checkMs,
): Promise<{ ok: true } | { ok: false; dependency: 'temporal' | 'worker'; error: string }> {
  let pollers: temporal.api.taskqueue.v1.IPollerInfo[];
  let timer: NodeJS.Timeout | undefined;
  try {
    const described = client.withDeadline(Date.now() + checkMs, () =>
      client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: taskQueue, kind: temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    // The SDK's retry of an unreachable server waits out its backoff (up to 5 s) past the deadline.
    const late = new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${checkMs} ms`)), checkMs)),
    );
    pollers = (await Promise.race([described, late])).pollers ?? [];
  } catch (error) {
    return { ok: false, dependency: 'temporal', error: `Temporal did not answer: ${grpcDetails(error)}` };
  } finally {
    clearTimeout(timer);
  }
  const seen = pollers.map((poller) => Number(poller.lastAccessTime?.seconds ?? 0) * 1000);
  if (!seen.some((at) => Date.now() - at < LIVE_POLLER_MS)) {
    return {
      ok: false,
      dependency: 'worker',
      error:
        pollers.length === 0
          ? `no worker polls task queue ${taskQueue}`
          : `no worker has polled task queue ${taskQueue} for ${Math.round(LIVE_POLLER_MS / 1000)} s`,
    };
  }
  return { ok: true };
}

/** Per client and task queue: when a worker was last seen polling. */
const lastSeenPolling = new WeakMap<Client, Map<string, number>>();

async function assertWorkerPolling(deps: TemporalCallDeps, checkMs: number): Promise<void> {
  const seen = lastSeenPolling.get(deps.temporal) ?? new Map<string, number>();
  lastSeenPolling.set(deps.temporal, seen);
  if (Date.now() - (seen.get(deps.taskQueue) ?? 0) < POLLERS_CACHE_MS) return;
  const polling = await workerPolling(deps.temporal, deps.taskQueue, checkMs);
  if (polling.ok) {
    seen.set(deps.taskQueue, Date.now());
    return;
  }
  // Not cached: the first request after the worker is back goes through.
  seen.delete(deps.taskQueue);
  const detail =
    'Nothing of this change was sent. Retry in a few seconds, with the same Idempotency-Key if the request had one: the retry finishes what this request began.';
  throw polling.dependency === 'temporal'
    ? new ServiceUnavailableError('Temporal, which runs the jobs, cannot be reached.', 'temporal', RETRY_AFTER_SECONDS, { detail })
    : new ServiceUnavailableError('No worker is running the jobs right now.', 'worker', RETRY_AFTER_SECONDS, { detail });
}

/**
 * gRPC outcomes that say nothing about whether the server applied the call: a deadline, a cut or
 * refused connection, an overloaded server. The codes are fixed by the gRPC specification.
 */
const NO_ANSWER_CODES = new Map<number, string>([
  [1, 'CANCELLED'],
  [2, 'UNKNOWN'],
  [4, 'DEADLINE_EXCEEDED'],
  [8, 'RESOURCE_EXHAUSTED'],
  [10, 'ABORTED'],
  [13, 'INTERNAL'],
  [14, 'UNAVAILABLE'],
]);

/** Whether a Temporal call failed for want of an answer (rather than with one, like a refusal). */
export function isTransportFailure(error: unknown): boolean {
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  if (isGrpcServiceError(error)) return NO_ANSWER_CODES.has(error.code);
  return error instanceof ServiceError && isGrpcServiceError(error.cause) && NO_ANSWER_CODES.has(error.cause.code);
}

function outcomeUnknown(cause: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError(
    'The change was sent, but no outcome came back in time: it may or may not have been applied.',
    'temporal',
    RETRY_AFTER_SECONDS,
    {
      type: 'outcome-unknown',
      detail:
        'Retry with the same Idempotency-Key: the retry answers with the outcome of this very change and never applies it twice. ' +
        'Without an Idempotency-Key, read the resource before sending the change again.',
      cause,
    },
  );
}

function grpcDetails(error: unknown): string {
  const grpc = isGrpcServiceError(error)
    ? error
    : error instanceof ServiceError && isGrpcServiceError(error.cause)
      ? error.cause
      : undefined;
  return grpc ? `${NO_ANSWER_CODES.get(grpc.code) ?? `gRPC status ${grpc.code}`}: ${grpc.details}` : (error as Error).message;
}
