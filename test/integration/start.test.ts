import fs from 'node:fs';
import path from 'node:path';
import { Connection, WorkflowClient } from '@temporalio/client';
import { expect } from 'chai';
import { CliProcess, newStartStack, processesNaming } from '../support/cli';

/**
 * `installer-jobs start` as a newcomer runs it: everything comes up, Ctrl-C (SIGINT) or SIGTERM
 * stops everything, and the next start finds the jobs again.
 */
describe('installer-jobs start', function () {
  this.timeout(240_000);
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let apiUrl: string;
  let temporalAddress: string;

  before(async () => {
    const stack = await newStartStack('ij-start-');
    ({ dataDir, env, apiUrl } = stack);
    temporalAddress = `127.0.0.1:${stack.temporalPort}`;
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('brings up the stack with a demo tenant, stops cleanly, and finds its data again', async () => {
    const first = new CliProcess(['start'], env);
    let jobId: string;
    try {
      await first.waitFor(/Ready\./);
      expect(first.output).to.match(/Temporal UI http:\/\/127\.0\.0\.1:\d+/);
      expect(first.output).to.include('Demo tenant (created now)');

      const health = await fetch(`${apiUrl}/healthz`);
      expect(health.status).to.equal(200);
      expect(await health.json()).to.deep.include({ status: 'ok' });

      const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-tenant.json'), 'utf8'));
      const created = await fetch(`${apiUrl}/v1/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${demo.tokens.providerAdmin}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          jobTypeId: 'cloudboxx-install',
          fleetId: demo.fleetId,
          values: { vehicleLocation: { text: 'Alexanderplatz 1, 10178 Berlin' } },
        }),
      });
      expect(created.status, await created.clone().text()).to.equal(201);
      jobId = ((await created.json()) as { id: string }).id;
    } finally {
      expect(await first.stop('SIGINT'), first.output).to.equal(0);
    }
    expect(first.output).to.match(/SIGINT: shutting down/);
    expectNothingLeftRunning(dataDir);

    const second = new CliProcess(['start'], env);
    try {
      await second.waitFor(/Ready\./);
      expect(second.output).not.to.include('(created now)');
      const demo = JSON.parse(fs.readFileSync(path.join(dataDir, 'demo-tenant.json'), 'utf8'));
      const again = await fetch(`${apiUrl}/v1/jobs/${jobId}`, { headers: { authorization: `Bearer ${demo.tokens.providerAdmin}` } });
      expect(again.status).to.equal(200);
      expect(await again.json()).to.deep.include({ id: jobId, status: 'PENDING' });

      const connection = await Connection.connect({ address: temporalAddress });
      try {
        const description = await new WorkflowClient({ connection }).getHandle(`installer-job-${jobId}`).describe();
        expect(description.status.name, 'the workflow survived the restart').to.equal('RUNNING');
      } finally {
        await connection.close();
      }
    } finally {
      expect(await second.stop('SIGTERM')).to.equal(0);
    }
    expectNothingLeftRunning(dataDir);
  });
});

/** No postgres or temporal process that belongs to this data folder outlives `start`. */
function expectNothingLeftRunning(dataDir: string): void {
  expect(processesNaming(dataDir)).to.deep.equal([]);
  expect(fs.existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), 'postgres pid file').to.equal(false);
}
