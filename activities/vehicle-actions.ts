import { createHash } from 'node:crypto';
import { Context, log } from '@temporalio/activity';
import { securingWords, type Actor, type JobEvent, type SecuringCommandOutcome } from '../common/job';
import type { InstallerVehicleCommand } from '../common/job-messages';
import { refusal } from '../common/job-refusal';
import type { Db } from '../db/connection';
import { vehicleAccessEnded } from '../db/access-grants';
import { recordJobEvents } from '../db/jobs';
import { canonicalJson } from '../definitions/canonical-json';
import type { ConfigurationMode, JsonObject, StepAction } from '../definitions/compiled-job-type';
import {
  VehicleGatewayError,
  VehicleNotFoundError,
  type Vehicle,
  type VehicleCommand,
  type VehicleGateway,
  type VehicleState,
} from '../gateway/vehicle-gateway';

export interface StepActionRequest {
  jobId: string;
  stepId: string;
  action: StepAction;
  /** The CloudBoxx the action talks to. */
  qnr: string;
  actor: Actor;
  /** applyConfiguration: the rendered document, and whether it replaces the box's or is merged into it. */
  configuration?: JsonObject;
  configurationMode?: ConfigurationMode;
  vin?: JobVin;
  /** False: the box goes into a vehicle OneAPI does not know yet, so there is nothing to look up. */
  knownToOneApi: boolean;
}

/**
 * The job's VIN (and the field holding it), compared with the one OneAPI has for the box's vehicle
 * before anything is sent to the box; absent (no VIN yet, none in the job type, a vehicle OneAPI
 * does not know): nothing to compare. A QNR mistyped or preset wrong may name a box in another
 * car, which may be out on a rental: that car must not be configured, unlocked or locked.
 */
export interface JobVin {
  value: string;
  field: string;
}

export type StepActionResult =
  | {
      action: 'cloudboxx.applyConfiguration';
      version: number;
      appliedAt: string;
      pushed: JsonObject;
      pushedSha256: string;
      mode: ConfigurationMode;
      configuration?: Record<string, unknown>;
    }
  | { action: 'cloudboxx.verifyLockUnlock'; locked: VehicleState; unlocked: VehicleState }
  | { action: 'cloudboxx.readVehicleState'; state: VehicleState };

export interface InstallerCommandRequest {
  jobId: string;
  qnr: string;
  command: InstallerVehicleCommand;
  actor: Actor;
  vin?: JobVin;
}

/** The job type's permission vocabulary in OneAPI's command names. */
const GATEWAY_COMMANDS: Record<InstallerVehicleCommand, VehicleCommand> = {
  lock: 'lock-central-lock',
  unlock: 'unlock-central-lock',
  enableDriving: 'enable-driving',
  disableDriving: 'disable-driving',
  readState: 'request-vehicle-state',
};

export interface SecureVehicleRequest {
  jobId: string;
  qnr: string;
  commands: ReadonlyArray<'lock' | 'disableDriving'>;
  vin?: JobVin;
}

export type SecureVehicleResult = { reached: true; commands: SecuringCommandOutcome[] } | { reached: false; detail: string };

const SECURING: Record<
  'lock' | 'disableDriving',
  { command: VehicleCommand; property: 'centralLock' | 'drivingEnabled'; holds: (state: VehicleState) => boolean }
> = {
  lock: { command: 'lock-central-lock', property: 'centralLock', holds: (state) => state.centralLock === 'locked' },
  disableDriving: { command: 'disable-driving', property: 'drivingEnabled', holds: (state) => state.drivingEnabled === false },
};

/** What a securing outcome shows of the car's state. */
function reportedOf(state: VehicleState): SecuringCommandOutcome['reported'] {
  return {
    ...(state.centralLock !== undefined && { centralLock: state.centralLock }),
    ...(state.drivingEnabled !== undefined && { drivingEnabled: state.drivingEnabled }),
  };
}

const SYSTEM: Actor = { kind: 'system', reason: 'vehicle secured when access ended' };

/** Well within the heartbeat time-out the job workflow gives vehicle calls (10 s). */
const HEARTBEAT_EVERY_MS = 2_000;

/**
 * What jobs do to vehicles. A call either lands, fails for a reason a retry can cure (thrown as is:
 * the activity's retry policy tries again), or fails for one it cannot (no such box, another
 * vehicle, a missing capability): that becomes a non-retryable `JobRefused.<reason>` the installer
 * reads. Every call to the vehicle, each attempt, succeeded or failed, lands in the job's audit
 * trail as a `vehicle.call` event: a call whose answer was lost may still have reached the car.
 */
export function createVehicleActionActivities(gateway: VehicleGateway, db: Db) {
  /**
   * Sends one call and writes the attempt to the trail, whatever its outcome. The record is written
   * while the activity goes on with its next call (one after another, so the trail keeps their
   * order); `withTrail` waits for them all before the activity answers.
   */
  async function call<T>(
    trail: CallTrail,
    actor: Actor,
    what: { purpose: string; call: string; qnr: string },
    send: () => Promise<T>,
  ): Promise<T> {
    const context = Context.current();
    if (trail.stoppable) {
      // Once the job's end has cancelled the activity, nothing more goes to the car: the securing follows.
      if (context.cancellationSignal.aborted) await context.cancelled;
      // A worker cut off from Temporal never hears of that cancellation: the access record, written with
      // the job's end, stops it. A call that cannot read the record is not sent (the attempt fails).
      const ended = await vehicleAccessEnded(db, trail.jobId);
      if (ended !== undefined)
        throw refusal('accessDenied', `Vehicle access has ended (${ended}), so nothing more is sent to CloudBoxx ${what.qnr}.`);
    }
    const info = context.info;
    const key = `call:${info.workflowExecution?.runId}:${info.activityId}:${info.attempt}:${what.call}`;
    const record = (data: Record<string, unknown>) =>
      trail.record({
        key,
        type: 'vehicle.call',
        actor,
        data: { ...what, attempt: info.attempt, ...data },
        occurredAt: new Date().toISOString(),
      });
    try {
      const answer = await send();
      record({ outcome: 'succeeded', answer });
      return answer;
    } catch (error) {
      record({ outcome: 'failed', error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /**
   * Runs an activity's calls with a trail of its own, and answers once every record is written.
   * It heartbeats meanwhile, through slow calls too: the workflow learns that a worker died within
   * the heartbeat time-out, and a stoppable activity (a step's action, an installer's command)
   * learns that the job's end cancelled it, and sends nothing more.
   */
  async function withTrail<T>(jobId: string, run: (trail: CallTrail) => Promise<T>, stoppable = true): Promise<T> {
    const context = Context.current();
    const trail = new CallTrail(db, jobId, stoppable);
    const beat = setInterval(() => context.heartbeat(), HEARTBEAT_EVERY_MS);
    try {
      return await run(trail);
    } finally {
      clearInterval(beat);
      await trail.written();
    }
  }

  async function vehicleOf(trail: CallTrail, request: { qnr: string; actor: Actor }, purpose: string): Promise<Vehicle> {
    const vehicle = await call(trail, request.actor, { purpose, call: 'find-vehicle', qnr: request.qnr }, () =>
      gateway.findVehicleByTelematicsUnit(request.qnr),
    );
    if (!vehicle) throw new VehicleNotFoundError(`no vehicle carries telematics unit ${request.qnr}`);
    return vehicle;
  }

  return {
    /** A step's automated action, checked against the vehicle OneAPI knows before anything is sent. */
    async runStepAction(request: StepActionRequest): Promise<StepActionResult> {
      const purpose = `step ${request.stepId}`;
      return withTrail(request.jobId, (trail) =>
        refusingPermanentFailures(request.qnr, async () => {
          if (request.action === 'cloudboxx.applyConfiguration') {
            if (request.knownToOneApi)
              refuseOtherVehicle(
                request,
                await vehicleOf(trail, request, purpose),
                'Check the QNR on the box label and the VIN before configuring.',
              );
            const pushed = request.configuration ?? {};
            const mode = request.configurationMode ?? 'replace';
            const applied = await call(trail, request.actor, { purpose, call: `apply-configuration (${mode})`, qnr: request.qnr }, () =>
              gateway.applyConfiguration({
                target: { telematicsUnitId: request.qnr },
                configuration: pushed,
                mode,
                // Stable across attempts: a retry after a lost answer applies the configuration once.
                idempotencyKey: `${request.jobId}/${request.stepId}/${Context.current().info.workflowExecution?.runId}/${Context.current().info.activityId}`,
              }),
            );
            return {
              action: request.action,
              version: applied.version,
              appliedAt: applied.appliedAt,
              pushed,
              pushedSha256: sha256(pushed),
              mode,
              ...(applied.configuration && { configuration: applied.configuration }),
            };
          }
          const vehicle = await vehicleOf(trail, request, purpose);
          refuseOtherVehicle(request, vehicle, NOTHING_SENT);
          const send = (command: VehicleCommand) => {
            requireCapability(vehicle, command);
            return call(trail, request.actor, { purpose, call: command, qnr: request.qnr }, () => gateway.sendCommand(vehicle.id, command));
          };
          if (request.action === 'cloudboxx.readVehicleState')
            return { action: request.action, state: await send('request-vehicle-state') };
          requireCapability(vehicle, 'unlock-central-lock');
          const locked = await send('lock-central-lock');
          if (locked.centralLock !== 'locked')
            throw refusal(
              'actionFailed',
              `CloudBoxx ${request.qnr} was told to lock, but reports the central lock ${locked.centralLock ?? 'in no state'}. Check the wiring of the central lock.`,
            );
          const unlocked = await send('unlock-central-lock');
          if (unlocked.centralLock !== 'unlocked')
            throw refusal(
              'actionFailed',
              `CloudBoxx ${request.qnr} was told to unlock, but reports the central lock ${unlocked.centralLock ?? 'in no state'}. Check the wiring of the central lock.`,
            );
          return { action: request.action, locked, unlocked };
        }),
      );
    },

    /** A command the installer sends through the job's access grant. */
    async sendVehicleCommand(request: InstallerCommandRequest): Promise<VehicleState> {
      return withTrail(request.jobId, (trail) =>
        refusingPermanentFailures(request.qnr, async () => {
          const vehicle = await vehicleOf(trail, request, 'installer');
          refuseOtherVehicle(request, vehicle, NOTHING_SENT);
          const command = GATEWAY_COMMANDS[request.command];
          return call(trail, request.actor, { purpose: 'installer', call: command, qnr: request.qnr }, () =>
            gateway.sendCommand(vehicle.id, command),
          );
        }),
      );
    },

    /**
     * Leaves the vehicle as the job type's access.onEnd says, once access has ended. Retried until
     * the vehicle answers (an outage of OneAPI must not leave a car unlocked); a command the model
     * cannot do is skipped, a state other than the one commanded is reported, not retried.
     */
    async secureVehicle(request: SecureVehicleRequest): Promise<SecureVehicleResult> {
      const purpose = 'securing';
      // Never stopped: it is what the job's end is waiting for.
      return withTrail(
        request.jobId,
        async (trail): Promise<SecureVehicleResult> => {
          let vehicle: Vehicle;
          try {
            vehicle = await vehicleOf(trail, { ...request, actor: SYSTEM }, purpose);
          } catch (error) {
            if (error instanceof VehicleNotFoundError)
              return {
                reached: false,
                detail: `No vehicle in OneAPI carries CloudBoxx ${request.qnr}, so it could not be ${securingWords(request.commands, 'done').join(' or ')}.`,
              };
            throw error;
          }
          const other = otherVehicleVin(request.vin, vehicle);
          if (other !== undefined)
            return {
              reached: false,
              detail: `CloudBoxx ${request.qnr} is in the vehicle with VIN ${other} in OneAPI, not in this job's vehicle (VIN ${request.vin!.value}), so nothing was sent to it: this job's vehicle was not ${securingWords(request.commands, 'done').join(' or ')}. Check the QNR and the vehicle.`,
            };
          const outcomes: SecuringCommandOutcome[] = [];
          let last: VehicleState | undefined;
          for (const command of request.commands) {
            const { command: gatewayCommand, holds } = SECURING[command];
            if (!vehicle.capabilities.commands.includes(gatewayCommand)) {
              outcomes.push({ command, outcome: 'skipped' });
              continue;
            }
            const state = await call(trail, SYSTEM, { purpose, call: gatewayCommand, qnr: request.qnr }, () =>
              gateway.sendCommand(vehicle.id, gatewayCommand),
            );
            outcomes.push({ command, outcome: holds(state) ? 'done' : 'mismatch', reported: reportedOf(state) });
            last = state;
          }
          // The car's last word counts: a lock undone by a call that landed in between is no lock.
          const undone = (outcome: SecuringCommandOutcome) =>
            outcome.outcome === 'done' &&
            last !== undefined &&
            last[SECURING[outcome.command].property] !== undefined &&
            !SECURING[outcome.command].holds(last);
          return {
            reached: true,
            commands: outcomes.map((outcome) =>
              undone(outcome) ? { ...outcome, outcome: 'mismatch', reported: reportedOf(last!) } : outcome,
            ),
          };
        },
        false,
      );
    },
  };
}

/**
 * One activity's records of its vehicle calls, written one after another in the order of the calls
 * while the activity goes on. A record that cannot be written is logged and left: the trail must not
 * stop a command the car needs (securing it, above all).
 */
class CallTrail {
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    readonly jobId: string,
    /** Whether a cancelled activity sends no further call (all but the securing). */
    readonly stoppable: boolean,
  ) {}

  record(event: JobEvent): void {
    this.writes = this.writes.then(() =>
      recordJobEvents(this.db, this.jobId, [event]).catch((error: unknown) =>
        log.warn('could not record a vehicle call in the audit trail', { jobId: this.jobId, error: String(error) }),
      ),
    );
  }

  /** Resolves once every record so far is written (or given up); never rejects. */
  written(): Promise<void> {
    return this.writes;
  }
}

const NOTHING_SENT = 'Nothing was sent to it. Check the QNR on the box label and the VIN.';

/** OneAPI's VIN for the box's vehicle when it is not the job's, else undefined (also when either is unknown). */
function otherVehicleVin(vin: JobVin | undefined, vehicle: Vehicle): string | undefined {
  const known = vehicle.masterData.vin;
  return vin && known && known.toUpperCase() !== vin.value.toUpperCase() ? known : undefined;
}

/** The box must sit in the job's vehicle: commanding another car is worse than commanding none. */
function refuseOtherVehicle(request: { qnr: string; vin?: JobVin }, vehicle: Vehicle, advice: string): void {
  const other = otherVehicleVin(request.vin, vehicle);
  if (other === undefined) return;
  throw refusal(
    'vehicleMismatch',
    `CloudBoxx ${request.qnr} is in the vehicle with VIN ${other} in OneAPI, but this job is for VIN ${request.vin!.value}. ${advice}`,
    [
      {
        pointer: `/values/${request.vin!.field}`,
        message: `OneAPI has VIN ${other} for CloudBoxx ${request.qnr}`,
        rule: 'vehicleMismatch',
      },
    ],
  );
}

function requireCapability(vehicle: Vehicle, command: VehicleCommand): void {
  if (vehicle.capabilities.commands.includes(command)) return;
  const model = [vehicle.masterData.brand, vehicle.masterData.model].filter(Boolean).join(' ') || `Vehicle ${vehicle.id}`;
  throw refusal(
    'capabilityMissing',
    `${model} (CloudBoxx ${vehicle.telematicsUnit.id}) lacks the capability ${command}, which this step needs; OneAPI lists: ${vehicle.capabilities.commands.join(', ')}.`,
    [{ pointer: '/stepId', message: `the vehicle lacks ${command}`, rule: 'capability' }],
  );
}

async function refusingPermanentFailures<T>(qnr: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof VehicleNotFoundError) {
      throw refusal(
        'actionFailed',
        `No vehicle in the fleet carries CloudBoxx ${qnr}. Check the QNR on the box label, or ask the provider to add the vehicle first.`,
        [{ pointer: '/values', message: `no vehicle with CloudBoxx ${qnr}`, rule: 'vehicleNotFound' }],
      );
    }
    if (error instanceof VehicleGatewayError && !error.retryable)
      throw refusal(
        error.name === 'VehicleCapabilityMissingError' ? 'capabilityMissing' : 'actionFailed',
        `CloudBoxx ${qnr}: ${error.message}`,
      );
    throw error;
  }
}

function sha256(document: JsonObject): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}
