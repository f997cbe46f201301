/** A cloudboxx-install job as the tests run it: where the vehicle stands and what the installer fills in. */
import { expect } from 'chai';
import { DEMO_CUSTOMER_NAME, type DemoTenant } from '../../db/demo-tenant';
import type { TestStack } from './stack';

export const INSTALL_QNR = '0123456789ABCDEF';

export const INSTALL_PRESETS = { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin', lat: 52.5219, lng: 13.4132 } };

/** The installer's values for each step of cloudboxx-install, for the box INSTALL_QNR. */
export const INSTALL_STEP_VALUES: Record<string, Record<string, unknown>> = {
  'check-in': {
    vin: 'WVWZZZ1JZXW000001',
    licensePlate: 'B-IJ 1234',
    brand: 'Volkswagen',
    model: 'Golf',
    fuelType: 'petrol',
    odometerKm: 12345,
    photoOdometer: { photoId: 'ph-odo-1' },
  },
  mount: { boxQnr: INSTALL_QNR, boxSerial: 'CBX12345', keyHolderType: 'rfid', photoMountedBox: { photoId: 'ph-box-1' } },
  configure: {},
  verify: {},
  handover: { installerNotes: 'Box behind the glovebox.' },
};

/**
 * The audit trail of a cloudboxx-install job run through its five steps, without the vehicle calls
 * (`vehicle.call`, one per attempt): check-in and mount, then configure and verify each started and
 * completed by their action, then the hand-over.
 */
export const INSTALL_STEPS_TRAIL = [
  'step.completed',
  'step.completed',
  'step.action.started',
  'step.completed',
  'step.action.started',
  'step.completed',
  'step.completed',
] as const;

/**
 * A cloudboxx-install job of the demo customer, saved and assigned to the demo company through the
 * API, and started unless `status` says ASSIGNED: its id.
 */
export async function demoInstallJob(
  stack: Pick<TestStack, 'call'>,
  demo: DemoTenant,
  status: 'ASSIGNED' | 'RUNNING' = 'RUNNING',
): Promise<string> {
  const created = await stack.call('POST', '/v1/jobs', demo.tokens.providerAdmin, {
    jobTypeId: 'cloudboxx-install',
    fleetId: demo.fleetId,
    installerCompanyId: demo.installerCompanyId,
    customerName: DEMO_CUSTOMER_NAME,
    values: INSTALL_PRESETS,
  });
  expect(created.status, created.text).to.equal(201);
  if (status === 'RUNNING') {
    const started = await stack.call('POST', `/v1/jobs/${created.body.id}/start`, demo.tokens.installerTechnician);
    expect(started.body.status, started.text).to.equal('RUNNING');
  }
  return created.body.id as string;
}
