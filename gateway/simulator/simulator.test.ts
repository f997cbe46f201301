import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_CLIENT, randomQnr, vehicleModel } from '../../test/support/oneapi';
import { demoVehicles } from './demo-vehicles';
import { FaultInjector, ONEAPI_ROUTES } from './fault-injector';
import { startSimulator, type RunningSimulator } from './server';
import { SimulatedFleet } from './simulated-fleet';
import { loadStateFile, saveStateFile, SimulatorStateFileError } from './state-file';
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

describe('what happened to each simulated vehicle', () => {
  let simulator: RunningSimulator;
  beforeEach(async () => {
    simulator = await startSimulator({ clients: [TEST_CLIENT] });
  });
  afterEach(() => simulator.close());

  const [golf, , , , , transit] = demoVehicles();
  const admin = async (path: string) => (await fetch(simulator.url + path)).json() as Promise<Record<string, any>>;
  const oneApi = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(simulator.url + path, {
      method,
      headers: { authorization: `Bearer ${await bearerToken(simulator.url)}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('records every command with the API client that sent it, what it changed and the state after', async () => {
    await oneApi('POST', `/vehicles/${golf!.id}/commands/unlock-central-lock`);
    await oneApi('POST', `/vehicles/${golf!.id}/commands/enable-driving`);
    await oneApi('POST', `/vehicles/${golf!.id}/commands/enable-driving`);

    const { history } = await admin(`/_sim/vehicles/${golf!.telematicsUnitId}`);

    expect(history.map((entry: any) => [entry.event, entry.command, entry.clientId, entry.changed])).to.deep.equal([
      ['vehicle-added', undefined, 'simulator', []],
      ['command', 'unlock-central-lock', TEST_CLIENT.id, ['centralLock']],
      ['command', 'enable-driving', TEST_CLIENT.id, ['drivingEnabled']],
      ['command', 'enable-driving', TEST_CLIENT.id, []],
    ]);
    expect(history.at(-1).state).to.deep.equal({ centralLock: 'unlocked', drivingEnabled: true, configurationVersion: null });
    expect(Date.parse(history.at(-1).at)).to.be.a('number').and.not.NaN;
  });

  it('records a command the model cannot do as refused, with the reason', async () => {
    const refused = await oneApi('POST', `/vehicles/${transit!.id}/commands/disable-driving`);
    expect(refused.status).to.equal(409);

    const { history } = await admin(`/_sim/vehicles/${transit!.id}`);

    expect(history.at(-1)).to.deep.include({ event: 'command', command: 'disable-driving', changed: [] });
    expect(history.at(-1).refused).to.include('cannot execute disable-driving');
  });

  it('records each configuration with its mode, key, what was sent and the version it made', async () => {
    const path = `/telematics-units/${golf!.telematicsUnitId}/configuration`;
    await oneApi('PUT', path, { configuration: { keyHolder: 'rfid', tracking: true } }, { 'idempotency-key': 'k1' });
    const merged = await oneApi(
      'PATCH',
      path,
      { configuration: { tracking: null } },
      { 'idempotency-key': 'k2', 'content-type': 'application/merge-patch+json' },
    );
    expect(await merged.json()).to.deep.include({ version: 2, configuration: { keyHolder: 'rfid' } });

    const vehicle = await admin(`/_sim/vehicles/${golf!.id}`);

    expect(vehicle.configuration).to.deep.include({ version: 2, value: { keyHolder: 'rfid' } });
    expect(vehicle.history.slice(-2).map((entry: any) => entry.configuration)).to.deep.equal([
      { mode: 'replace', idempotencyKey: 'k1', sent: { keyHolder: 'rfid', tracking: true }, version: 1 },
      { mode: 'merge', idempotencyKey: 'k2', sent: { tracking: null }, version: 2 },
    ]);
  });

  it('refuses a PATCH that is not a JSON Merge Patch', async () => {
    const response = await oneApi(
      'PATCH',
      `/telematics-units/${golf!.telematicsUnitId}/configuration`,
      { configuration: {} },
      { 'idempotency-key': 'k3' },
    );
    expect(response.status).to.equal(415);
    expect(await response.json()).to.include({ error: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('lists every vehicle with its current state and last event', async () => {
    await oneApi('POST', `/vehicles/${golf!.id}/commands/unlock-central-lock`);

    const { vehicles } = await admin('/_sim/vehicles');

    expect(vehicles).to.have.lengthOf(demoVehicles().length);
    const listed = vehicles.find((vehicle: any) => vehicle.telematicsUnitId === golf!.telematicsUnitId);
    expect(listed).to.deep.include({ id: golf!.id, model: 'Volkswagen Golf 8', centralLock: 'unlocked', drivingEnabled: false });
    expect(listed.lastEvent).to.deep.include({ command: 'unlock-central-lock', clientId: TEST_CLIENT.id });
    expect(listed.fuelLevelPercent).to.be.within(0, 100);
  });

  it('changes a vehicle from outside the OneAPI, and a stuck lock answers commands without moving', async () => {
    const patch = (body: unknown) =>
      fetch(`${simulator.url}/_sim/vehicles/${golf!.telematicsUnitId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const set = await patch({ centralLock: 'unlocked', odometerKm: 50_000, stuck: ['centralLock'] });
    expect(set.status).to.equal(200);
    expect(await set.json()).to.deep.include({ centralLock: 'unlocked', odometerKm: 50_000, stuck: ['centralLock'] });

    const answer = await oneApi('POST', `/vehicles/${golf!.id}/commands/lock-central-lock`);

    expect(answer.status).to.equal(200);
    expect(((await answer.json()) as any).central_lock.value, 'reports what it really is').to.equal('UNLOCKED');
    const { history } = await admin(`/_sim/vehicles/${golf!.id}`);
    expect(history.slice(-2).map((entry: any) => [entry.event, entry.changed, entry.ignored])).to.deep.equal([
      ['state-set', ['centralLock', 'odometerKm', 'stuck'], undefined],
      ['command', [], 'centralLock is stuck'],
    ]);

    await patch({ stuck: [] });
    await oneApi('POST', `/vehicles/${golf!.id}/commands/lock-central-lock`);
    expect(simulator.state.fleet.get(golf!.id!)?.centralLock).to.equal('locked');
  });

  it('refuses to set what the model has not got', async () => {
    const patch = (id: string, body: unknown) =>
      fetch(`${simulator.url}/_sim/vehicles/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    expect((await patch(transit!.id!, { drivingEnabled: false })).status).to.equal(400);
    expect((await patch(golf!.id!, { batteryLevelPercent: 50 })).status, 'a petrol car has no battery level').to.equal(400);
    expect((await patch(golf!.id!, { stuck: ['wheels'] })).status).to.equal(400);
  });

  it('answers 404 for a vehicle id or QNR it does not know', async () => {
    const response = await fetch(`${simulator.url}/_sim/vehicles/${randomQnr()}`);
    expect(response.status).to.equal(404);
  });
});

describe('the simulator state file', () => {
  let directory: string;
  let file: string;
  beforeEach(() => {
    directory = fs.mkdtempSync(path.join(os.tmpdir(), 'oneapi-simulator-'));
    file = path.join(directory, 'nested', 'state.json');
  });
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('gives back the fleet, its configurations, idempotency keys and history as they were saved', () => {
    const fleet = new SimulatedFleet(() => Date.parse('2025-03-03T08:00:00Z'));
    for (const seed of demoVehicles()) fleet.add(seed);
    const [golf] = demoVehicles();
    fleet.execute(golf!.id!, 'unlock-central-lock', TEST_CLIENT.id);
    const first = fleet.applyConfiguration(TEST_CLIENT.id, 'key-1', golf!.telematicsUnitId, { keyHolder: 'rfid' });

    saveStateFile(file, fleet.snapshot(), '2025-03-03T08:00:00Z');
    const restored = new SimulatedFleet(Date.now);
    restored.restore(loadStateFile(file)!);

    expect(restored.snapshot()).to.deep.equal(fleet.snapshot());
    expect(restored.get(golf!.id!)?.model).to.deep.equal(findVehicleModel(golf!.vehicleModelId));
    const replay = restored.applyConfiguration(TEST_CLIENT.id, 'key-1', golf!.telematicsUnitId, { keyHolder: 'rfid' });
    expect(replay).to.deep.equal({ ...first, replayed: true });
    expect(fs.readdirSync(path.dirname(file)), 'no temporary file left behind').to.deep.equal(['state.json']);
  });

  it('is no file at all until the first save, and refuses one that is not a state file, naming it', () => {
    expect(loadStateFile(file)).to.equal(null);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"fleet": ');
    expect(() => loadStateFile(file)).to.throw(SimulatorStateFileError, `${file} is not valid JSON`);
    fs.writeFileSync(file, '{"format": "something-else"}');
    expect(() => loadStateFile(file)).to.throw(SimulatorStateFileError, 'is not a simulator state file');
  });

  it('has each change on disk before its answer leaves, and a restarted server on the same file carries on from it', async () => {
    const [golf] = demoVehicles();
    let simulator = await startSimulator({ clients: [TEST_CLIENT], stateFile: file });
    const headers = async (extra: Record<string, string> = {}) => ({
      authorization: `Bearer ${await bearerToken(simulator.url)}`,
      'content-type': 'application/json',
      ...extra,
    });
    const configure = async () =>
      fetch(`${simulator.url}/telematics-units/${golf!.telematicsUnitId}/configuration`, {
        method: 'PUT',
        headers: await headers({ 'idempotency-key': 'before-restart' }),
        body: JSON.stringify({ configuration: { keyHolder: 'rfid' } }),
      });
    try {
      await fetch(`${simulator.url}/vehicles/${golf!.id}/commands/unlock-central-lock`, { method: 'POST', headers: await headers() });
      expect(loadStateFile(file)?.vehicles.find((vehicle) => vehicle.id === golf!.id)?.centralLock, 'saved before the answer').to.equal(
        'unlocked',
      );
      expect((await configure()).status).to.equal(200);
    } finally {
      await simulator.close();
    }

    simulator = await startSimulator({ clients: [TEST_CLIENT], stateFile: file, vehicles: [] });
    try {
      const vehicle = (await (await fetch(`${simulator.url}/_sim/vehicles/${golf!.telematicsUnitId}`)).json()) as Record<string, any>;
      expect(vehicle).to.deep.include({
        centralLock: 'unlocked',
        configuration: { version: 1, value: { keyHolder: 'rfid' }, appliedAt: vehicle.configuration.appliedAt },
      });
      expect(vehicle.history.map((entry: any) => entry.command ?? entry.event)).to.deep.equal([
        'vehicle-added',
        'unlock-central-lock',
        'configuration',
      ]);
      const replay = await configure();
      expect(replay.headers.get('idempotent-replayed'), 'the idempotency key survived the restart').to.equal('true');
      expect(simulator.state.fleet.list()).to.have.lengthOf(demoVehicles().length);
    } finally {
      await simulator.close();
    }
  });
});

describe('simulator outages and a slow box, steered over HTTP', () => {
  let simulator: RunningSimulator;
  beforeEach(async () => {
    simulator = await startSimulator({ clients: [TEST_CLIENT] });
  });
  afterEach(() => simulator.close());

  const [golf] = demoVehicles();
  const faults = (body: unknown) =>
    fetch(`${simulator.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('makes only the routes it names slow', async () => {
    const bearer = { authorization: `Bearer ${await bearerToken(simulator.url)}` };
    expect((await faults({ routeLatencyMs: { 'vehicle-command': 400 } })).status).to.equal(200);

    const timed = async (path: string, method = 'GET') => {
      const started = performance.now();
      expect((await fetch(simulator.url + path, { method, headers: bearer })).status).to.equal(200);
      return performance.now() - started;
    };
    expect(await timed(`/vehicles/${golf!.id}/commands/lock-central-lock`, 'POST')).to.be.at.least(390);
    expect(await timed(`/vehicles/${golf!.id}`)).to.be.below(300);

    await faults({ routeLatencyMs: { 'vehicle-command': 0 } });
    expect(await timed(`/vehicles/${golf!.id}/commands/lock-central-lock`, 'POST')).to.be.below(300);
  });

  it('answers 503 on every OneAPI route, token included, until the outage is cleared', async () => {
    const bearer = { authorization: `Bearer ${await bearerToken(simulator.url)}` };
    const settings = await (await faults({ outage: 'unavailable' })).json();
    expect(settings).to.include({ outage: 'unavailable' });

    expect((await fetch(`${simulator.url}/vehicles/${golf!.id}`, { headers: bearer })).status).to.equal(503);
    expect(
      (await fetch(`${simulator.url}/vehicles/${golf!.id}/commands/unlock-central-lock`, { method: 'POST', headers: bearer })).status,
    ).to.equal(503);
    expect((await fetch(`${simulator.url}/auth/oauth/token?grant_type=client_credentials`, { method: 'POST' })).status).to.equal(503);
    expect(simulator.state.fleet.get(golf!.id!)?.centralLock, 'nothing acted').to.equal('locked');
    expect((await fetch(`${simulator.url}/_sim/faults`)).status, 'the admin routes stay up').to.equal(200);

    await faults({ outage: null });
    expect((await fetch(`${simulator.url}/vehicles/${golf!.id}`, { headers: bearer })).status).to.equal(200);
  });

  it('drops every OneAPI connection without an answer until DELETE /_sim/faults', async () => {
    await faults({ outage: 'connection-drop' });

    const dropped = await fetch(`${simulator.url}/vehicles`).then(
      () => 'answered',
      (error: Error) => error.name,
    );
    expect(dropped).to.equal('TypeError'); // fetch failed: the socket closed
    expect(simulator.state.requests.at(-1)).to.include({ route: 'list-vehicles', status: 0, injected: true });

    expect((await fetch(`${simulator.url}/_sim/faults`, { method: 'DELETE' })).status).to.equal(204);
    expect((await fetch(`${simulator.url}/vehicles`)).status, 'answers again (401: no token)').to.equal(401);
  });

  it('refuses an outage mode or a route latency it does not know', async () => {
    expect((await faults({ outage: 'sometimes' })).status).to.equal(400);
    expect((await faults({ routeLatencyMs: { nowhere: 5 } })).status).to.equal(400);
    expect((await faults({ routeLatencyMs: { 'get-vehicle': -1 } })).status).to.equal(400);
  });
});

async function bearerToken(url: string): Promise<string> {
  const response = await fetch(`${url}/auth/oauth/token?grant_type=client_credentials`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${TEST_CLIENT.id}:${TEST_CLIENT.secret}`).toString('base64')}` },
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

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
