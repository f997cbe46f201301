import { refusal } from '../common/job-refusal';
import type { JsonObject } from '../definitions/compiled-job-type';
import { VehicleGatewayError, VehicleNotFoundError, type VehicleCommand, type VehicleGateway, type VehicleState } from '../gateway/vehicle-gateway';

export interface ApplyConfigurationRequest {
  jobId: string;
  stepId: string;
  qnr: string;
  configuration: JsonObject;
}

export interface VehicleCommandRequest {
  qnr: string;
  command: VehicleCommand;
}

/**
 * What install steps do to the vehicle, one remote side effect per activity so that a retry
 * repeats only what failed. A call either lands, fails for a reason a retry can cure (thrown as
 * is: the activity's retry policy tries again), or fails for one it cannot (no such box, no such
 * capability): that becomes a non-retryable `JobRefused.actionFailed` the installer reads.
 */
export function createVehicleActionActivities(gateway: VehicleGateway) {
  return {
    async applyCloudBoxxConfiguration(request: ApplyConfigurationRequest): Promise<{ version: number; appliedAt: string }> {
      const applied = await refusingPermanentFailures(request.qnr, () =>
        gateway.applyConfiguration({
          target: { telematicsUnitId: request.qnr },
          configuration: request.configuration,
          // Stable across attempts: a retry after a lost answer applies the configuration once.
          idempotencyKey: `${request.jobId}/${request.stepId}`,
        }),
      );
      return { version: applied.version, appliedAt: applied.appliedAt };
    },

    async sendVehicleCommand(request: VehicleCommandRequest): Promise<VehicleState> {
      return refusingPermanentFailures(request.qnr, async () => {
        const vehicle = await gateway.findVehicleByTelematicsUnit(request.qnr);
        if (!vehicle) throw new VehicleNotFoundError(`no vehicle carries telematics unit ${request.qnr}`);
        return gateway.sendCommand(vehicle.id, request.command);
      });
    },
  };
}

async function refusingPermanentFailures<T>(qnr: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof VehicleNotFoundError) {
      throw refusal('actionFailed', `No vehicle in the fleet carries CloudBoxx ${qnr}. Check the QNR on the box label, or ask the provider to add the vehicle first.`, [
        { pointer: '/values', message: `no vehicle with CloudBoxx ${qnr}`, rule: 'vehicleNotFound' },
      ]);
    }
    if (error instanceof VehicleGatewayError && !error.retryable) throw refusal('actionFailed', `CloudBoxx ${qnr}: ${error.message}`);
    throw error;
  }
}
