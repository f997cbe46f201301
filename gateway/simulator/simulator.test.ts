import { expect } from 'chai';
import { TEST_CLIENT, randomQnr, vehicleModel } from '../testing';
import { demoVehicles } from './demo-vehicles';
import { FaultInjector, ONEAPI_ROUTES } from './fault-injector';
import { startSimulator, type RunningSimulator } from './server';
import { findVehicleModel } from './vehicle-models';

describe('the OneAPI simulator over HTTP', () => {
  let simulator: RunningSimulator;
  let now: number;
  beforeEach(async () => {
    now = Date.parse('2025-03-03T08:00:00Z');
    simulator = await startSimulator({ clients: [TEST_CLIENT], now: () => now });
  });
  afterEach(() => simulator.close());

  const call = (path: string, init: RequestInit = {}) => fetch(simulator.url + path, init);
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  async function token(): Promise<string> {
    const response = await call('/auth/oauth/token?grant_type=client_credentials', {
      method: 'POST',
      headers: { authorization: basic(TEST_CLIENT.id, TEST_CLIENT.secret) },
    });
    return ((await response.json()) as { access_token: string }).access_token;
  }

  describe('token endpoint', () => {
    it('issues 15-minute bearer tokens for known client credentials', async () => {
      const response = await call('/auth/oauth/token?grant_type=client_credentials', {
        method: 'POST',
        headers: { authorization: basic(TEST_CLIENT.id, TEST_CLIENT.secret) },
      });
      expect(response.status).to.equal(200);
      expect(await response.json()).to.include({ token_type: 'bearer', expires_in: 900 });
    });

    it('answers 401 invalid_client for a wrong secret and 400 for another grant type', async () => {
      const wrongSecret = await call('/auth/oauth/token?grant_type=client_credentials', {
        method: 'POST',
        headers: { authorization: basic(TEST_CLIENT.id, 'guess') },
      });
      const otherGrant = await call('/auth/oauth/token?grant_type=password', {
        method: 'POST',
        headers: { authorization: basic(TEST_CLIENT.id, TEST_CLIENT.secret) },
      });
      expect(wrongSecret.status).to.equal(401);
      expect(await wrongSecret.json()).to.include({ error: 'invalid_client' });
      expect(otherGrant.status).to.equal(400);
    });

    it('answers 401 once a token has expired', async () => {
      const bearer = { authorization: `Bearer ${await token()}` };
      expect((await call('/vehicles', { headers: bearer })).status).to.equal(200);
      now += 15 * 60_000;
      const expired = await call('/vehicles', { headers: bearer });
      expect(expired.status).to.equal(401);
      expect(expired.headers.get('www-authenticate')).to.include('invalid_token');
    });

    it('answers 401 without a bearer token', async () => {
      expect((await call('/vehicles')).status).to.equal(401);
    });
  });

  describe('OneAPI routes', () => {
    it('serves the demo fleet in the documented vehicle shape', async () => {
      const response = await call('/vehicles?limit=2', { headers: { authorization: `Bearer ${await token()}` } });
      const page = (await response.json()) as { data: Array<Record<string, unknown>>; next_cursor: string | null };
      expect(page.data).to.have.lengthOf(2);
      expect(page.next_cursor).to.be.a('string');
      expect(page.data[0]).to.have.all.keys('id', 'master_data', 'telematics_unit', 'capabilities', 'state');
    });

    it('refuses a cursor it did not issue', async () => {
      const response = await call('/vehicles?cursor=bogus', { headers: { authorization: `Bearer ${await token()}` } });
      expect(response.status).to.equal(400);
      expect(await response.json()).to.include({ error: 'INVALID_CURSOR' });
    });

    it('requires an Idempotency-Key to change a configuration', async () => {
      const [vehicle] = demoVehicles();
      const response = await call(
        `/telematics-units/${vehicle!.telematicsUnitId}/configuration`,
        json('PUT', { configuration: { keyHolder: 'rfid' } }, { authorization: `Bearer ${await token()}` }),
      );
      expect(response.status).to.equal(400);
      expect(await response.json()).to.include({ error: 'IDEMPOTENCY_KEY_MISSING' });
    });
  });

  describe('admin surface', () => {
    it('seeds a vehicle and shows its full simulated state', async () => {
      const telematicsUnitId = randomQnr();
      const created = await call(
        '/_sim/vehicles',
        json('POST', { telematicsUnitId, vehicleModelId: vehicleModel(true).id, centralLock: 'unlocked' }),
      );
      expect(created.status).to.equal(201);
      const { id } = (await created.json()) as { id: string };

      const state = await (await call(`/_sim/vehicles/${id}`)).json();
      expect(state).to.deep.include({ telematicsUnitId, centralLock: 'unlocked', drivingEnabled: false, configuration: null });
      expect(state).to.have.property('capabilities').that.includes('disable-driving');
    });

    it('refuses a vehicle of an unknown model', async () => {
      const response = await call('/_sim/vehicles', json('POST', { telematicsUnitId: randomQnr(), vehicleModelId: 'nope' }));
      expect(response.status).to.equal(400);
    });

    it('fails only the routes a fault plan names, then behaves again', async () => {
      const bearer = { authorization: `Bearer ${await token()}` };
      const planned = await call('/_sim/faults', json('POST', { failNext: { count: 1, routes: ['list-vehicles'], status: 502 } }));
      expect(planned.status).to.equal(200);

      const [vehicle] = demoVehicles();
      expect((await call(`/vehicles/${vehicle!.id}`, { headers: bearer })).status).to.equal(200);
      expect((await call('/vehicles', { headers: bearer })).status).to.equal(502);
      expect((await call('/vehicles', { headers: bearer })).status).to.equal(200);
    });

    it('refuses an impossible fault setting and resets on DELETE', async () => {
      expect((await call('/_sim/faults', json('POST', { failureRate: 2 }))).status).to.equal(400);
      expect((await call('/_sim/faults', json('POST', { failNext: { routes: ['nowhere'] } }))).status).to.equal(400);
      await call('/_sim/faults', json('POST', { latencyMs: 5, failureRate: 0.2 }));

      expect((await call('/_sim/faults', { method: 'DELETE' })).status).to.equal(204);
      expect(simulator.state.faults).to.include({ latencyMs: 0, failureRate: 0 });
    });
  });
});

describe('the simulator fault injector', () => {
  const decisions = (injector: FaultInjector) =>
    Array.from({ length: 200 }, (_, index) => injector.decide(ONEAPI_ROUTES[index % ONEAPI_ROUTES.length]!) !== null);

  it('fails the same requests for the same seed, and roughly the requested share of them', () => {
    const first = decisions(new FaultInjector({ failureRate: 0.3, seed: 42 }));
    expect(decisions(new FaultInjector({ failureRate: 0.3, seed: 42 }))).to.deep.equal(first);
    expect(decisions(new FaultInjector({ failureRate: 0.3, seed: 43 }))).to.not.deep.equal(first);
    expect(first.filter(Boolean).length).to.be.within(40, 80);
  });
});

describe('the demo fleet', () => {
  const vehicles = demoVehicles();

  it('looks like real CloudBoxx vehicles on German plates', () => {
    for (const vehicle of vehicles) {
      expect(vehicle.telematicsUnitId).to.match(/^[0-9A-F]{16}$/);
      expect(vehicle.vin).to.match(/^[A-HJ-NPR-Z0-9]{17}$/);
      expect(vehicle.licensePlate).to.match(/^[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} [1-9]\d{0,3}E?$/);
      expect(findVehicleModel(vehicle.vehicleModelId), vehicle.vehicleModelId).to.not.equal(undefined);
    }
    expect(new Set(vehicles.map((vehicle) => vehicle.telematicsUnitId)).size).to.equal(vehicles.length);
  });

  it('includes a model without immobiliser, to show a missing capability', () => {
    expect(vehicles.some((vehicle) => findVehicleModel(vehicle.vehicleModelId)?.immobiliser === false)).to.equal(true);
  });
});
