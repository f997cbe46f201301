import type { MetricMeter } from '@temporalio/common';
import type { VehicleGateway } from '../gateway/vehicle-gateway';

const CALLS: ReadonlyArray<keyof VehicleGateway> = [
  'getVehicle',
  'listVehicles',
  'findVehicleByTelematicsUnit',
  'addVehicle',
  'sendCommand',
  'applyConfiguration',
];

/**
 * The gateway, counting and timing each call to the vehicle side (OneAPI) by call and outcome
 * (`succeeded`, `failed`): `installer_jobs_vehicle_calls` and `installer_jobs_vehicle_call_duration`
 * (milliseconds), through the Temporal Runtime's meter — exported with the SDK's own metrics on
 * WORKER_METRICS_ADDRESS (under these names: the SDK prefixes only its own with `temporal_`).
 * Measured here, in the worker, around the I/O itself: workflow code counts nothing.
 */
export function measuredGateway(gateway: VehicleGateway, meter: MetricMeter): VehicleGateway {
  const calls = meter.createCounter('installer_jobs_vehicle_calls', 'calls', 'Calls to the vehicle side (OneAPI) by call and outcome.');
  const duration = meter.createHistogram(
    'installer_jobs_vehicle_call_duration',
    'int',
    'ms',
    'How long a call to the vehicle side (OneAPI) took, by call and outcome.',
  );
  const measured = Object.create(gateway) as Record<string, unknown>;
  for (const call of CALLS) {
    if (typeof gateway[call] !== 'function') continue;
    const original = (gateway[call] as (...args: unknown[]) => Promise<unknown>).bind(gateway);
    measured[call] = async (...args: unknown[]) => {
      const started = performance.now();
      let outcome = 'failed';
      try {
        const answer = await original(...args);
        outcome = 'succeeded';
        return answer;
      } finally {
        const tags = { call, outcome };
        calls.add(1, tags);
        duration.record(Math.round(performance.now() - started), tags);
      }
    };
  }
  return measured as unknown as VehicleGateway;
}
