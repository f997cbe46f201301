import { expect } from 'chai';
import {
  GatewayAuthError,
  GatewayRateLimitedError,
  GatewayRequestRejectedError,
  GatewayUnavailableError,
  VehicleCapabilityMissingError,
  VehicleGatewayError,
  VehicleNotFoundError,
} from './errors';
import { OneApiClient } from './oneapi-client';
import {
  randomQnr,
  rejectionOf,
  seedVehicle,
  startSimulatedOneApi,
  TEST_CLIENT,
  vehicleModel,
  type SimulatedOneApi,
} from '../test/support/oneapi';
import { demoVehicles } from './simulator/demo-vehicles';
import { commandsOf, findVehicleModel, VEHICLE_MODELS, type FuelType } from './simulator/vehicle-models';
import { eachVehicle } from './vehicle-gateway';

const MINUTE = 60_000;

function modelRunningOn(fuelType: FuelType) {
  return VEHICLE_MODELS.find((model) => model.fuelType === fuelType && model.immobiliser)!;
}

describe('OneApiClient against the simulator', () => {
  let oneApi: SimulatedOneApi;
  afterEach(() => oneApi?.simulator.close());

  describe('access tokens', () => {
    beforeEach(async () => {
      oneApi = await startSimulatedOneApi();
    });

    it('fetches one token for concurrent first calls and reuses it until shortly before expiry', async () => {
      const { client, simulator, clock } = oneApi;
      const vehicle = seedVehicle(simulator);

      await Promise.all([1, 2, 3, 4, 5].map(() => client.getVehicle(vehicle.id)));
      clock.advance(13 * MINUTE);
      await client.getVehicle(vehicle.id);
      expect(simulator.state.tokens.issuedCount).to.equal(1);

      clock.advance(MINUTE + 30_000); // 14.5 minutes in: inside the renewal margin, not yet expired
      await client.getVehicle(vehicle.id);
      expect(simulator.state.tokens.issuedCount).to.equal(2);
      expect(simulator.state.requests.filter((request) => request.status === 401)).to.be.empty;
    });

    it('renews once and repeats the call when the service refuses a token the client still trusts', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator);
      await client.getVehicle(vehicle.id);

      simulator.state.tokens.revokeAll();
      await Promise.all([1, 2, 3].map(() => client.getVehicle(vehicle.id)));

      expect(simulator.state.tokens.issuedCount, 'one renewal shared by the refused callers').to.equal(2);
      const gets = simulator.state.requests.filter((request) => request.route === 'get-vehicle');
      expect(gets.map((request) => request.status)).to.deep.equal([200, 401, 401, 401, 200, 200, 200]);
    });

    it('renews a token the service holds expired, however the client clock reads', async () => {
      const lagging = oneApi.clock.now(); // a client clock that stands still: skew
      await oneApi.simulator.close();
      oneApi = await startSimulatedOneApi({ client: { now: () => lagging } });
      const { client, simulator, clock } = oneApi;
      const vehicle = seedVehicle(simulator);
      await client.getVehicle(vehicle.id);

      clock.advance(15 * MINUTE);
      const fetched = await client.getVehicle(vehicle.id);

      expect(fetched.id).to.equal(vehicle.id);
      expect(simulator.state.tokens.issuedCount).to.equal(2);
    });

    it('gives up with a non-retryable GatewayAuthError when the renewed token is refused as well', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator);
      simulator.state.faults.failNext({ count: 2, routes: ['get-vehicle'], status: 401 });

      const error = await rejectionOf(client.getVehicle(vehicle.id), GatewayAuthError);

      expect(error.retryable).to.equal(false);
      expect(error.status).to.equal(401);
      expect(simulator.state.tokens.issuedCount, 'exactly one renewal').to.equal(2);
    });

    it('does not renew on 403: the client lacks a permission, a new token would not add it', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator);
      simulator.state.faults.failNext({ count: 1, routes: ['vehicle-command'], status: 403 });

      const error = await rejectionOf(client.sendCommand(vehicle.id, 'unlock-central-lock'), GatewayAuthError);

      expect(error.status).to.equal(403);
      expect(simulator.state.tokens.issuedCount).to.equal(1);
    });

    it('reports wrong client credentials as a non-retryable GatewayAuthError', async () => {
      const client = new OneApiClient({ baseUrl: oneApi.simulator.url, clientId: TEST_CLIENT.id, clientSecret: 'wrong' });

      const error = await rejectionOf(client.listVehicles(), GatewayAuthError);

      expect(error.retryable).to.equal(false);
      expect(error.message).to.include('Unknown client or wrong secret');
    });

    it('reports a failing token endpoint as retryable', async () => {
      const { client, simulator } = oneApi;
      simulator.state.faults.failNext({ count: 1, routes: ['token'] });

      const error = await rejectionOf(client.listVehicles(), GatewayUnavailableError);

      expect(error.retryable).to.equal(true);
      expect(await client.listVehicles()).to.have.property('vehicles');
    });
  });

  describe('vehicles', () => {
    beforeEach(async () => {
      oneApi = await startSimulatedOneApi();
    });

    it('walks every page of the fleet with the cursor', async () => {
      const { client, simulator } = oneApi;
      const seeded = Array.from({ length: 13 }, () => seedVehicle(simulator).id);
      const pageSize = 5;

      const walked: string[] = [];
      let pages = 0;
      let cursor: string | undefined;
      do {
        const page = await client.listVehicles({ cursor, limit: pageSize });
        expect(page.vehicles.length).to.be.at.most(pageSize);
        walked.push(...page.vehicles.map((vehicle) => vehicle.id));
        pages += 1;
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);

      expect(walked).to.have.members(seeded).and.to.have.lengthOf(seeded.length);
      expect(pages).to.equal(Math.ceil(seeded.length / pageSize));
      const iterated: string[] = [];
      for await (const vehicle of eachVehicle(client, pageSize)) iterated.push(vehicle.id);
      expect(iterated).to.deep.equal(walked);
    });

    it('finds a vehicle by the QNR of its CloudBoxx, on whatever page it is', async () => {
      const { client, simulator } = oneApi;
      const fleet = Array.from({ length: 120 }, () => seedVehicle(simulator)); // more than one page of the maximum size
      const last = [...fleet].sort((a, b) => (a.id < b.id ? -1 : 1)).at(-1)!;

      const found = await client.findVehicleByTelematicsUnit(last.telematicsUnitId.toLowerCase());

      expect(found?.id).to.equal(last.id);
      expect(await client.findVehicleByTelematicsUnit(randomQnr())).to.equal(null);
    });

    it('adds a CloudBoxx vehicle whose capabilities follow its model', async () => {
      const { client } = oneApi;
      const model = vehicleModel(false);
      const qnr = randomQnr();

      const vehicle = await client.addVehicle({
        telematicsUnitId: qnr,
        vehicleModelId: model.id,
        vin: 'WF0YXXTTGYMK51873',
        licensePlate: 'S-TC 4410',
      });

      expect(vehicle.telematicsUnit).to.deep.equal({ id: qnr, brand: 'CLOUDBOXX' });
      expect(vehicle.masterData).to.deep.equal({
        vin: 'WF0YXXTTGYMK51873',
        licensePlate: 'S-TC 4410',
        brand: model.brand,
        model: model.model,
      });
      expect(vehicle.capabilities.commands).to.not.include('disable-driving');
      expect(vehicle.state).to.not.have.property('drivingEnabled');
      expect(await client.getVehicle(vehicle.id)).to.deep.equal(vehicle);
    });

    it('refuses, without retry, a box already in the fleet or a QNR that is not one', async () => {
      const { client, simulator } = oneApi;
      const existing = seedVehicle(simulator);

      const duplicate = await rejectionOf(
        client.addVehicle({ telematicsUnitId: existing.telematicsUnitId, vehicleModelId: existing.model.id }),
        GatewayRequestRejectedError,
      );
      const malformed = await rejectionOf(
        client.addVehicle({ telematicsUnitId: 'QNR-123', vehicleModelId: existing.model.id }),
        GatewayRequestRejectedError,
      );

      expect([duplicate.status, duplicate.retryable]).to.deep.equal([409, false]);
      expect([malformed.status, malformed.retryable]).to.deep.equal([400, false]);
    });

    it('reports the odometer, and the fuel level of a combustion car or the battery level of an electric one', async () => {
      const { client, simulator, clock } = oneApi;
      const golf = seedVehicle(simulator, { vehicleModelId: modelRunningOn('PETROL').id, odometerKm: 48_213, fuelLevelPercent: 62 });
      const zoe = seedVehicle(simulator, { vehicleModelId: modelRunningOn('ELECTRIC').id, odometerKm: 12_870, batteryLevelPercent: 81 });
      clock.advance(MINUTE);

      expect((await client.getVehicle(golf.id)).state).to.deep.include({ odometerKm: 48_213, fuelLevelPercent: 62 });
      const reported = await client.sendCommand(zoe.id, 'request-vehicle-state');

      expect(reported).to.deep.include({ odometerKm: 12_870, batteryLevelPercent: 81 });
      expect(reported).to.not.have.property('fuelLevelPercent');
      expect(reported.modifiedAt).to.equal(new Date(clock.now()).toISOString());
    });

    it('brings the VIN and the command capabilities of every demo vehicle', async () => {
      await oneApi.simulator.close();
      oneApi = await startSimulatedOneApi({ vehicles: demoVehicles() });

      for (const seed of demoVehicles()) {
        const vehicle = await oneApi.client.getVehicle(seed.id!);
        const model = findVehicleModel(seed.vehicleModelId)!;
        expect(vehicle.masterData.vin, seed.licensePlate).to.equal(seed.vin);
        expect(vehicle.capabilities.commands, seed.licensePlate).to.have.members(commandsOf(model));
        expect(vehicle.state.odometerKm, seed.licensePlate).to.be.a('number');
        expect(vehicle.state, seed.licensePlate).to.have.property(
          model.fuelType === 'ELECTRIC' ? 'batteryLevelPercent' : 'fuelLevelPercent',
        );
      }
      const transit = await oneApi.client.findVehicleByTelematicsUnit('2DDA7CBD3A6CD76B');
      expect(transit?.masterData.model).to.equal('Transit Custom');
      expect(transit?.capabilities.commands).to.not.include.members(['enable-driving', 'disable-driving']);
    });

    it('reports an unknown vehicle as VehicleNotFoundError', async () => {
      const error = await rejectionOf(oneApi.client.getVehicle('01HZZZZZZZZZZZZZZZZZZZZZZZ'), VehicleNotFoundError);
      expect(error.retryable).to.equal(false);
    });
  });

  describe('commands', () => {
    beforeEach(async () => {
      oneApi = await startSimulatedOneApi();
    });

    it('unlocks and locks the central lock, answering the new state', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator, { centralLock: 'locked' });

      const unlocked = await client.sendCommand(vehicle.id, 'unlock-central-lock');
      expect(unlocked.centralLock).to.equal('unlocked');
      expect(simulator.state.fleet.get(vehicle.id)?.centralLock).to.equal('unlocked');

      const locked = await client.sendCommand(vehicle.id, 'lock-central-lock');
      expect(locked.centralLock).to.equal('locked');
      expect((await client.getVehicle(vehicle.id)).state.centralLock).to.equal('locked');
    });

    it('enables and disables driving through the immobiliser', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator, { drivingEnabled: false });

      expect((await client.sendCommand(vehicle.id, 'enable-driving')).drivingEnabled).to.equal(true);
      expect((await client.sendCommand(vehicle.id, 'disable-driving')).drivingEnabled).to.equal(false);
    });

    it('maps 409 for a missing capability to a non-retryable VehicleCapabilityMissingError', async () => {
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator, { vehicleModelId: vehicleModel(false).id });

      const error = await rejectionOf(client.sendCommand(vehicle.id, 'disable-driving'), VehicleCapabilityMissingError);

      expect(error).to.include({ retryable: false, status: 409, vehicleId: vehicle.id, command: 'disable-driving' });
      expect(error.name).to.equal('VehicleCapabilityMissingError');
    });

    it('reports a command to an unknown vehicle as VehicleNotFoundError', async () => {
      await rejectionOf(oneApi.client.sendCommand('01HZZZZZZZZZZZZZZZZZZZZZZZ', 'lock-central-lock'), VehicleNotFoundError);
    });
  });

  describe('an unreliable service', () => {
    it('maps an injected 503 to a retryable error, and the retry lands', async () => {
      oneApi = await startSimulatedOneApi();
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator, { centralLock: 'locked' });
      simulator.state.faults.failNext({ count: 1, routes: ['vehicle-command'] });

      const error = await rejectionOf(client.sendCommand(vehicle.id, 'unlock-central-lock'), GatewayUnavailableError);
      expect([error.status, error.retryable]).to.deep.equal([503, true]);
      expect(simulator.state.fleet.get(vehicle.id)?.centralLock, 'refused before it took effect').to.equal('locked');

      expect((await client.sendCommand(vehicle.id, 'unlock-central-lock')).centralLock).to.equal('unlocked');
    });

    it('maps 429 to GatewayRateLimitedError with the Retry-After hint', async () => {
      oneApi = await startSimulatedOneApi();
      oneApi.simulator.state.faults.failNext({ count: 1, routes: ['list-vehicles'], status: 429 });

      const error = await rejectionOf(oneApi.client.listVehicles(), GatewayRateLimitedError);

      expect(error).to.include({ retryable: true, retryAfterMs: 1000 });
    });

    it('aborts a request that outlives its timeout, as a retryable error', async () => {
      oneApi = await startSimulatedOneApi({ latencyMs: 300, client: { requestTimeoutMs: 50 } });

      const error = await rejectionOf(oneApi.client.listVehicles(), GatewayUnavailableError);

      expect(error.retryable).to.equal(true);
      expect(error.message).to.include('no answer within 50 ms');
      expect((error.cause as Error).name).to.equal('TimeoutError');
    });

    it('reports a service that cannot be reached as retryable', async () => {
      oneApi = await startSimulatedOneApi();
      await oneApi.simulator.close();

      const error = await rejectionOf(oneApi.client.listVehicles(), GatewayUnavailableError);

      expect(error.retryable).to.equal(true);
    });

    it('reports the gateway down (503, dropped connections, refused connections) as retryable, and lands once it is back', async () => {
      oneApi = await startSimulatedOneApi();
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator, { centralLock: 'unlocked' });

      for (const outage of ['unavailable', 'connection-drop'] as const) {
        simulator.state.faults.configure({ outage });
        const error = await rejectionOf(client.sendCommand(vehicle.id, 'lock-central-lock'), GatewayUnavailableError);
        expect(error.retryable, outage).to.equal(true);
      }
      simulator.state.faults.configure({ outage: null });
      await simulator.stopListening();
      const refused = await rejectionOf(client.sendCommand(vehicle.id, 'lock-central-lock'), GatewayUnavailableError);
      expect(refused.message).to.include('the connection failed');
      expect(simulator.state.fleet.get(vehicle.id)?.centralLock, 'nothing reached the box').to.equal('unlocked');

      await simulator.listenAgain();
      expect((await client.sendCommand(vehicle.id, 'lock-central-lock')).centralLock).to.equal('locked');
    });

    it('times out on a slow box for the routes made slow, and only those', async () => {
      oneApi = await startSimulatedOneApi({ routeLatencyMs: { 'vehicle-command': 300 }, client: { requestTimeoutMs: 100 } });
      const { client, simulator } = oneApi;
      const vehicle = seedVehicle(simulator);

      await rejectionOf(client.sendCommand(vehicle.id, 'unlock-central-lock'), GatewayUnavailableError);
      expect((await client.getVehicle(vehicle.id)).id).to.equal(vehicle.id);
    });

    it('lands every command through a seeded failure rate when retryable errors are retried', async () => {
      const run = async () => {
        const { client, simulator } = await startSimulatedOneApi({ failureRate: 0.5, seed: 20250303 });
        const vehicles = Array.from({ length: 4 }, () => seedVehicle(simulator, { centralLock: 'locked' }));
        let failures = 0;
        for (const vehicle of vehicles) {
          failures += await untilItLands(() => client.sendCommand(vehicle.id, 'unlock-central-lock'));
          failures += await untilItLands(() => client.sendCommand(vehicle.id, 'lock-central-lock'));
        }
        const unlocks = simulator.state.requests.filter((request) => request.path.endsWith('/unlock-central-lock') && !request.injected);
        const outcome = {
          failures,
          injected: simulator.state.requests.filter((request) => request.injected).length,
          unlocksThatLanded: unlocks.length,
          finalLocks: vehicles.map((vehicle) => simulator.state.fleet.get(vehicle.id)?.centralLock),
          answers: simulator.state.requests.map((request) => `${request.route} ${request.status}`),
        };
        await simulator.close();
        return outcome;
      };

      const first = await run();
      expect(first.failures).to.be.greaterThan(0).and.to.equal(first.injected);
      expect(first.unlocksThatLanded).to.equal(4);
      expect(first.finalLocks).to.deep.equal(['locked', 'locked', 'locked', 'locked']);
      expect((await run()).answers, 'the same seed fails the same requests').to.deep.equal(first.answers);
    });
  });
});

/** What a Temporal retry policy does for an activity: retry while the error says it may help. */
async function untilItLands(attempt: () => Promise<unknown>): Promise<number> {
  for (let failures = 0; ; failures += 1) {
    try {
      await attempt();
      return failures;
    } catch (error) {
      if (!(error instanceof VehicleGatewayError && error.retryable) || failures >= 50) throw error;
    }
  }
}
