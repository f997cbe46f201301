import { expect } from 'chai';
import type { MetricMeter, MetricTags } from '@temporalio/common';
import type { VehicleGateway } from '../gateway/vehicle-gateway';
import { measuredGateway } from './vehicle-metrics';

/** A meter that keeps what is recorded: name, value, tags. */
function recordingMeter() {
  const recorded: Array<{ name: string; value: number; tags: MetricTags }> = [];
  const metric = (name: string) => ({
    add: (value: number, tags: MetricTags = {}) => recorded.push({ name, value, tags }),
    record: (value: number, tags: MetricTags = {}) => recorded.push({ name, value, tags }),
  });
  const meter = { createCounter: metric, createHistogram: metric } as unknown as MetricMeter;
  return { meter, recorded };
}

describe('the measured vehicle gateway', () => {
  it('counts and times each call by call and outcome, and answers or fails as the gateway does', async () => {
    const { meter, recorded } = recordingMeter();
    const gateway = {
      sendCommand: async () => ({ centralLock: 'locked' }),
      findVehicleByTelematicsUnit: async () => {
        throw new Error('OneAPI answered 503');
      },
    } as unknown as VehicleGateway;
    const measured = measuredGateway(gateway, meter);

    expect(await measured.sendCommand('v-1', 'lock-central-lock')).to.deep.equal({ centralLock: 'locked' });
    let failure: unknown;
    await measured.findVehicleByTelematicsUnit('QNR-1').catch((error: unknown) => (failure = error));
    expect((failure as Error).message).to.equal('OneAPI answered 503');

    expect(recorded.map(({ name, tags }) => ({ name, tags }))).to.deep.equal([
      { name: 'installer_jobs_vehicle_calls', tags: { call: 'sendCommand', outcome: 'succeeded' } },
      { name: 'installer_jobs_vehicle_call_duration', tags: { call: 'sendCommand', outcome: 'succeeded' } },
      { name: 'installer_jobs_vehicle_calls', tags: { call: 'findVehicleByTelematicsUnit', outcome: 'failed' } },
      { name: 'installer_jobs_vehicle_call_duration', tags: { call: 'findVehicleByTelematicsUnit', outcome: 'failed' } },
    ]);
    expect(recorded.filter((r) => r.name === 'installer_jobs_vehicle_calls').map((r) => r.value)).to.deep.equal([1, 1]);
  });
});
