/**
 * How the API sends changes to job workflows so that an outage gets an honest answer within
 * seconds: first a (cached) look whether a worker polls the task queue, so that nothing is sent
 * that nobody would run; then the update in one call that Temporal answers with its outcome. Only
 * when that has not come within the accept deadline is Temporal asked whether a worker accepted
 * the update — then its outcome is awaited until the complete deadline (or the caller's window). A
 * failure before anything was sent is 503 `service-unavailable`; a deadline passed after sending is
 * 503 `outcome-unknown`, because the change may still be applied.
 */
import { randomUUID } from 'node:crypto';
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type Client,
  type WithStartWorkflowOperation,
  type WorkflowHandle,
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
  /** For a worker to accept (or refuse) the update; a live worker does, and mostly answers, in milliseconds. */
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
/** For Temporal to say whether a worker accepted an update whose outcome did not come with the first call. */
const ACCEPTED_CHECK_MS = 1_000;

/** Sends an update to a running workflow and answers its result (or the workflow's refusal, as thrown by the SDK). */
export function sendUpdate<Ret, Args extends unknown[]>(
  deps: TemporalCallDeps,
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  options: WorkflowUpdateOptions & { args: Args },
): Promise<Ret> {
  return send(deps, updateCall(handle, update, options));
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
  return send(deps, updateCall(handle, update, options), withinMs);
}

/** Update-with-start: starts the workflow unless it runs (per the operation's conflict policy) and sends the update. */
export function sendUpdateWithStart<T extends Workflow, Ret, Args extends unknown[]>(
  deps: TemporalCallDeps,
  update: UpdateDefinition<Ret, Args>,
  options: WorkflowUpdateOptions & { args?: Args; startWorkflowOperation: WithStartWorkflowOperation<T> },
): Promise<Ret> {
  const updateId = options.updateId ?? randomUUID();
  return send(deps, {
    workflowId: options.startWorkflowOperation.options.workflowId,
    updateId,
    execute: () => deps.temporal.workflow.executeUpdateWithStart(update, { ...options, updateId }),
  });
}

/** One update, sent so that its outcome can be asked for again by its id. */
interface UpdateCall<Ret> {
  workflowId: string;
  updateId: string;
  /** Sends the update and answers its outcome, in one call to Temporal when the outcome comes soon. */
  execute(): Promise<Ret>;
}

function updateCall<Ret, Args extends unknown[]>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, Args>,
  options: WorkflowUpdateOptions & { args: Args },
): UpdateCall<Ret> {
  // Our own id when the caller has none: the outcome of a slow update is asked for by it.
  const updateId = options.updateId ?? randomUUID();
  // executeUpdate's overloads tell updates with and without arguments apart; ours always sends its `args`.
  const execute = handle.executeUpdate as (
    def: UpdateDefinition<Ret, Args>,
    options: WorkflowUpdateOptions & { args: Args },
  ) => Promise<Ret>;
  return { workflowId: handle.workflowId, updateId, execute: () => execute.call(handle, update, { ...options, updateId }) };
}

async function send<Ret>(deps: TemporalCallDeps, call: UpdateCall<Ret>): Promise<Ret>;
async function send<Ret>(deps: TemporalCallDeps, call: UpdateCall<Ret>, withinMs: number): Promise<Ret | undefined>;
async function send<Ret>(deps: TemporalCallDeps, call: UpdateCall<Ret>, withinMs?: number): Promise<Ret | undefined> {
  const deadlines = { ...DEFAULT_DEADLINES, ...deps.temporalDeadlines };
  await assertWorkerPolling(deps, deadlines.checkMs);
  const sentAt = Date.now();
  const window = withinMs ?? deadlines.completeMs;
  // One round trip: Temporal holds the call until the outcome, which a live worker gives in milliseconds.
  try {
    return await deps.temporal.withDeadline(sentAt + Math.min(deadlines.acceptMs, window), call.execute);
  } catch (error) {
    if (!isTransportFailure(error)) throw error;
  }
  // No outcome yet: either a worker runs a slow change (a step's vehicle action), or none took it.
  if (!(await accepted(deps, call))) throw outcomeUnknown(new Error(`update ${call.updateId} was not accepted in time`));
  try {
    return await deps.temporal.withDeadline(sentAt + window, () =>
      deps.temporal.workflow.getHandle(call.workflowId).getUpdateHandle<Ret>(call.updateId).result(),
    );
  } catch (error) {
    if (!isTransportFailure(error)) throw error;
    // Past the window the change goes on in the workflow; past the complete deadline nobody knows how it ended.
    if (withinMs === undefined) throw outcomeUnknown(error);
    return undefined;
  }
}

/**
 * Whether a worker has accepted the update (or already finished it): asked once the first call
 * brought no outcome. Not known to Temporal, or no answer in time: not accepted.
 */
async function accepted(deps: TemporalCallDeps, call: UpdateCall<unknown>): Promise<boolean> {
  const { temporal: client } = deps;
  try {
    const polled = await client.withDeadline(Date.now() + ACCEPTED_CHECK_MS, () =>
      client.workflowService.pollWorkflowExecutionUpdate({
        namespace: client.options.namespace,
        updateRef: { workflowExecution: { workflowId: call.workflowId }, updateId: call.updateId },
        identity: client.options.identity,
        waitPolicy: {
          lifecycleStage: temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED,
        },
      }),
    );
    return (
      (polled.stage ?? 0) >= temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED
    );
  } catch {
    return false;
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
