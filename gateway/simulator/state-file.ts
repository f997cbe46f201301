/**
 * The simulator's whole state (fleet, configurations, idempotency keys, history) in one JSON file,
 * so that a restart of `npm start` finds the vehicles as they were. Tokens, faults and the request
 * log are not kept: a restarted OneAPI has forgotten its tokens too, and clients renew them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FleetSnapshot } from './simulated-fleet';

const FORMAT = 'installer-jobs/oneapi-simulator-state';
const VERSION = 1;

interface StateFileContent {
  format: typeof FORMAT;
  version: typeof VERSION;
  savedAt: string;
  fleet: FleetSnapshot;
}

export class SimulatorStateFileError extends Error {
  override readonly name = 'SimulatorStateFileError';
}

/** Null when there is no file yet; a file that is there but unreadable is an error, not a fresh start. */
export function loadStateFile(file: string): FleetSnapshot | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new SimulatorStateFileError(`Cannot read the simulator state file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new SimulatorStateFileError(
      `The simulator state file ${file} is not valid JSON (${(error as Error).message}); delete it to start from the demo fleet`,
      { cause: error },
    );
  }
  return checkContent(file, content).fleet;
}

/**
 * Written to a temporary file beside it and renamed over it: a reader, or a process killed
 * mid-write, sees the old state or the new one, never half of one. No fsync: a killed process
 * loses nothing the kernel already has; only a power cut could.
 */
export function saveStateFile(file: string, fleet: FleetSnapshot, savedAt: string): void {
  const content: StateFileContent = { format: FORMAT, version: VERSION, savedAt, fleet };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(content, null, 1)}\n`);
  fs.renameSync(temporary, file);
}

function checkContent(file: string, content: unknown): StateFileContent {
  const refuse = (why: string) =>
    new SimulatorStateFileError(`The simulator state file ${file} ${why}; delete it to start from the demo fleet`);
  if (!isRecord(content) || content.format !== FORMAT) throw refuse(`is not a simulator state file (format is not "${FORMAT}")`);
  if (content.version !== VERSION) throw refuse(`has version ${String(content.version)}, this simulator reads version ${VERSION}`);
  const fleet = content.fleet;
  if (!isRecord(fleet) || !Array.isArray(fleet.vehicles) || !Array.isArray(fleet.idempotencyKeys)) {
    throw refuse('has no fleet with vehicles and idempotencyKeys arrays');
  }
  fleet.vehicles.forEach((vehicle: unknown, index) => {
    const ok =
      isRecord(vehicle) &&
      typeof vehicle.id === 'string' &&
      typeof vehicle.telematicsUnitId === 'string' &&
      typeof vehicle.vehicleModelId === 'string' &&
      (vehicle.centralLock === 'locked' || vehicle.centralLock === 'unlocked') &&
      typeof vehicle.drivingEnabled === 'boolean' &&
      typeof vehicle.odometerKm === 'number' &&
      Array.isArray(vehicle.history);
    if (!ok)
      throw refuse(
        `has a vehicle at fleet.vehicles[${index}] without id, telematicsUnitId, vehicleModelId, centralLock, drivingEnabled, odometerKm or history`,
      );
  });
  return content as unknown as StateFileContent;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
