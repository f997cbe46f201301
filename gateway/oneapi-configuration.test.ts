import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { GatewayRequestRejectedError, GatewayUnavailableError, VehicleNotFoundError } from './errors';
import { randomQnr, rejectionOf, seedVehicle, startSimulatedOneApi, type SimulatedOneApi } from '../test/support/oneapi';

const configuration = { keyHolder: 'rfid', vehicle: { vin: 'WVWZZZCDZMW072341' } };

describe('applying a CloudBoxx configuration through OneApiClient', () => {
  let oneApi: SimulatedOneApi;
  beforeEach(async () => {
    oneApi = await startSimulatedOneApi();
  });
  afterEach(() => oneApi.simulator.close());

  it('applies a configuration once, however often the same idempotency key is sent', async () => {
    const { client, simulator } = oneApi;
    const vehicle = seedVehicle(simulator);
    const request = { target: { telematicsUnitId: vehicle.telematicsUnitId }, configuration, idempotencyKey: randomUUID() };

    const first = await client.applyConfiguration(request);
    const second = await client.applyConfiguration(request);

    expect(first).to.include({ telematicsUnitId: vehicle.telematicsUnitId, version: 1, replayed: false });
    expect(second).to.deep.equal({ ...first, replayed: true });
    expect(simulator.state.fleet.get(vehicle.id)?.configuration).to.deep.include({ version: 1, value: configuration });
  });

  it('resolves a vehicle id to the telematics unit it carries', async () => {
    const { client, simulator } = oneApi;
    const vehicle = seedVehicle(simulator);

    const applied = await client.applyConfiguration({ target: { vehicleId: vehicle.id }, configuration, idempotencyKey: randomUUID() });

    expect(applied.telematicsUnitId).to.equal(vehicle.telematicsUnitId);
    expect(simulator.state.fleet.get(vehicle.id)?.configuration?.value).to.deep.equal(configuration);
  });

  it('applies once when the answer is lost and the call is retried with the same key', async () => {
    const { client, simulator } = oneApi;
    const vehicle = seedVehicle(simulator);
    const request = { target: { telematicsUnitId: vehicle.telematicsUnitId }, configuration, idempotencyKey: randomUUID() };
    simulator.state.faults.failNext({ count: 1, routes: ['apply-configuration'], phase: 'after-handler' });

    await rejectionOf(client.applyConfiguration(request), GatewayUnavailableError);
    expect(simulator.state.fleet.get(vehicle.id)?.configuration?.version, 'it landed although the caller saw 503').to.equal(1);
    const retried = await client.applyConfiguration(request);

    expect(retried).to.include({ version: 1, replayed: true });
    expect(simulator.state.fleet.get(vehicle.id)?.configuration?.version).to.equal(1);
  });

  it('counts up the version for each new key', async () => {
    const { client, simulator } = oneApi;
    const vehicle = seedVehicle(simulator);
    const target = { telematicsUnitId: vehicle.telematicsUnitId };

    await client.applyConfiguration({ target, configuration, idempotencyKey: randomUUID() });
    const second = await client.applyConfiguration({ target, configuration: { keyHolder: 'ble' }, idempotencyKey: randomUUID() });

    expect(second.version).to.equal(2);
    expect(simulator.state.fleet.get(vehicle.id)?.configuration?.value).to.deep.equal({ keyHolder: 'ble' });
  });

  it('refuses, without retry, a key reused for a different configuration', async () => {
    const { client, simulator } = oneApi;
    const vehicle = seedVehicle(simulator);
    const target = { telematicsUnitId: vehicle.telematicsUnitId };
    const idempotencyKey = randomUUID();
    await client.applyConfiguration({ target, configuration, idempotencyKey });

    const error = await rejectionOf(
      client.applyConfiguration({ target, configuration: { keyHolder: 'none' }, idempotencyKey }),
      GatewayRequestRejectedError,
    );

    expect(error).to.include({ status: 422, retryable: false });
    expect(simulator.state.fleet.get(vehicle.id)?.configuration?.value).to.deep.equal(configuration);
  });

  it('answers the whole configuration the unit runs after a replace', async () => {
    const { client, simulator } = oneApi;
    const vehicle = seedVehicle(simulator);

    const applied = await client.applyConfiguration({ target: { vehicleId: vehicle.id }, configuration, idempotencyKey: randomUUID() });

    expect(applied.configuration).to.deep.equal(configuration);
  });

  describe('merge', () => {
    const base = { keyHolder: 'rfid', vehicle: { vin: 'WVWZZZCDZMW072341', plate: 'B-IJ 1234' }, accessories: ['fuel-card'] };

    it('changes only the keys the patch names, removes those set to null and answers the whole result', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator);
      const target = { telematicsUnitId: vehicle.telematicsUnitId };
      await client.applyConfiguration({ target, configuration: base, idempotencyKey: randomUUID() });

      const merged = await client.applyConfiguration({
        target,
        mode: 'merge',
        configuration: { keyHolder: null, vehicle: { plate: 'B-IJ 4321' }, accessories: ['fuel-card', 'charging-card'] },
        idempotencyKey: randomUUID(),
      });

      const expected = { vehicle: { vin: 'WVWZZZCDZMW072341', plate: 'B-IJ 4321' }, accessories: ['fuel-card', 'charging-card'] };
      expect(merged).to.deep.include({ version: 2, replayed: false, configuration: expected });
      expect(simulator.state.fleet.get(vehicle.id)?.configuration?.value).to.deep.equal(expected);
      const patch = simulator.state.requests.at(-1);
      expect([patch?.method, patch?.route]).to.deep.equal(['PATCH', 'apply-configuration']);
    });

    it('starts from an empty configuration on a unit that runs none yet', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator);

      const merged = await client.applyConfiguration({
        target: { vehicleId: vehicle.id },
        mode: 'merge',
        configuration: { keyHolder: 'ble', unknown: null },
        idempotencyKey: randomUUID(),
      });

      expect(merged).to.deep.include({ version: 1, configuration: { keyHolder: 'ble' } });
    });

    it('applies a merge once when its answer is lost, and replays the configuration it produced', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator);
      const target = { telematicsUnitId: vehicle.telematicsUnitId };
      await client.applyConfiguration({ target, configuration: base, idempotencyKey: randomUUID() });
      const request = { target, mode: 'merge' as const, configuration: { keyHolder: 'ble' }, idempotencyKey: randomUUID() };
      simulator.state.faults.failNext({ count: 1, routes: ['apply-configuration'], phase: 'after-handler' });

      await rejectionOf(client.applyConfiguration(request), GatewayUnavailableError);
      // Another change in between: the replay must still answer what this key produced.
      await client.applyConfiguration({ target, mode: 'merge', configuration: { extra: true }, idempotencyKey: randomUUID() });
      const retried = await client.applyConfiguration(request);

      expect(retried).to.deep.include({ version: 2, replayed: true, configuration: { ...base, keyHolder: 'ble' } });
      expect(simulator.state.fleet.get(vehicle.id)?.configuration).to.deep.include({
        version: 3,
        value: { ...base, keyHolder: 'ble', extra: true },
      });
    });

    it('refuses a key first used to replace when it comes back to merge the same body', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator);
      const target = { telematicsUnitId: vehicle.telematicsUnitId };
      const idempotencyKey = randomUUID();
      await client.applyConfiguration({ target, configuration: base, idempotencyKey });

      const error = await rejectionOf(
        client.applyConfiguration({ target, mode: 'merge', configuration: base, idempotencyKey }),
        GatewayRequestRejectedError,
      );

      expect(error).to.include({ status: 422, retryable: false });
      expect(simulator.state.fleet.get(vehicle.id)?.configuration?.version).to.equal(1);
    });
  });

  it('reports an unknown telematics unit as VehicleNotFoundError', async () => {
    await rejectionOf(
      oneApi.client.applyConfiguration({ target: { telematicsUnitId: randomQnr() }, configuration, idempotencyKey: randomUUID() }),
      VehicleNotFoundError,
    );
  });
});
