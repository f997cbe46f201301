import { expect } from 'chai';
import { oneLine } from './worker-log';

describe('the worker log on the terminal', () => {
  it('is one line a warning, with the fields that say where it happened', () => {
    expect(
      oneLine({
        level: 'WARN',
        message: 'Activity failed\n    at stack …',
        meta: { workflowId: 'installer-job-J-1', activityType: 'secureVehicle', attempt: 3 },
      }),
    ).to.equal('WARN  Activity failed (workflowId=installer-job-J-1, activityType=secureVehicle)');
  });
});
