import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { expect } from 'chai';
import { ALL_SEARCH_ATTRIBUTES } from '../../common/search-attributes';
import { findFreePort } from '../../runtime/ports';
import { CliProcess, runCli } from '../support/cli';
import { freshDatabase, temporalAddress } from '../support/services';

/** Production's shape: an existing Temporal cluster and Postgres, named by the environment. */
describe('installer-jobs against existing Temporal and Postgres', function () {
  this.timeout(120_000);

  it('registers the search attributes in a namespace that lacks them, and a second run changes nothing', async () => {
    const address = await temporalAddress();
    const namespace = `ops-${Date.now().toString(36)}`;
    const connection = await Connection.connect({ address });
    try {
      await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
      const env = { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace };
      const first = runCli(['temporal', 'register-search-attributes'], env);
      expect(first.status, first.stderr).to.equal(0);
      expect(first.stdout).to.include(`Namespace ${namespace} on ${address}: added JobId, JobStatus`);

      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      expect(Object.keys(customAttributes ?? {})).to.include.members(ALL_SEARCH_ATTRIBUTES.map((key) => key.name));

      const second = runCli(['temporal', 'register-search-attributes'], env);
      expect(second.status, second.stderr).to.equal(0);
      expect(second.stdout).to.include('added nothing');
    } finally {
      await connection.close();
    }
  });

  it('migrate brings an empty DATABASE_URL database up to date, and a second run finds nothing to do', async () => {
    const { db, url } = await freshDatabase('migrate command', { migrate: false });
    const first = runCli(['migrate'], { DATABASE_URL: url });
    expect(first.status, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/Applied: 20261123140000_tenancy_and_jobs\.ts, 20261123150000_job_type_versions\.ts/);
    expect(await db.schema.hasTable('jobs')).to.equal(true);
    const second = runCli(['migrate'], { DATABASE_URL: url });
    expect(second.stdout).to.include('The schema is up to date.');
  });

  it('start uses TEMPORAL_ADDRESS and DATABASE_URL and runs no server of its own', async () => {
    const { url } = await freshDatabase('external start');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-ext-'));
    const port = await findFreePort();
    const start = new CliProcess(['start'], {
      TEMPORAL_ADDRESS: await temporalAddress(),
      DATABASE_URL: url,
      PORT: String(port),
      ONEAPI_SIMULATOR_PORT: String(await findFreePort()),
      INSTALLER_JOBS_DATA_DIR: dataDir,
      TEMPORAL_TASK_QUEUE: `ext-${port}`,
    });
    try {
      await start.waitFor(/Ready\./);
      expect(start.output).to.match(/Postgres {4}DATABASE_URL/);
      expect(start.output).not.to.include('Temporal UI');
      expect(fs.readdirSync(dataDir)).not.to.include.members(['postgres', 'temporal']);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).to.equal(200);
    } finally {
      expect(await start.stop(), start.output).to.equal(0);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
