import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../common/config';
import { demoVehicles } from '../gateway/simulator/demo-vehicles';
import { findFreePort } from './ports';
import { simulatorStateFile, startVehicleService } from './vehicle-service';

describe('the OneAPI simulator that npm start runs', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'installer-jobs-data-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its vehicles under the data dir, so a restart finds them as they were', async () => {
    const config = loadConfig({ INSTALLER_JOBS_DATA_DIR: dataDir, ONEAPI_SIMULATOR_PORT: String(await findFreePort()) });
    const [golf] = demoVehicles();

    const first = await startVehicleService(config);
    try {
      expect((await first.gateway.sendCommand(golf!.id!, 'unlock-central-lock')).centralLock).to.equal('unlocked');
    } finally {
      await first.stop();
    }
    expect(simulatorStateFile(config)).to.equal(path.join(dataDir, 'oneapi-simulator.json'));

    // Another port: fetch's pool may still hold a keep-alive socket to the old one, closed under it.
    const restarted = await startVehicleService({ ...config, oneApiSimulatorPort: await findFreePort() });
    try {
      expect((await restarted.gateway.getVehicle(golf!.id!)).state.centralLock).to.equal('unlocked');
      const history = restarted.simulator!.state.fleet.get(golf!.id!)!.history;
      expect(history.map((entry) => entry.command ?? entry.event)).to.deep.equal(['vehicle-added', 'unlock-central-lock']);
    } finally {
      await restarted.stop();
    }
  });
});
