import { Connection } from '@temporalio/client';
import { expect } from 'chai';
import { freshDatabase, temporalAddress } from '../support/services';

describe('the real services of the test run', () => {
  it('has a Temporal dev server that answers for the default namespace', async () => {
    const connection = await Connection.connect({ address: await temporalAddress() });
    try {
      const { namespaceInfo } = await connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(namespaceInfo?.name).to.equal('default');
    } finally {
      await connection.close();
    }
  });

  it('registers the custom search attributes on the dev server', async () => {
    const connection = await Connection.connect({ address: await temporalAddress() });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      expect(Object.keys(customAttributes ?? {})).to.include.members(['JobId', 'JobStatus', 'JobType', 'FleetId', 'InstallerCompanyId']);
    } finally {
      await connection.close();
    }
  });

  it('gives each suite its own migrated Postgres database', async () => {
    const first = await freshDatabase('isolation a');
    const second = await freshDatabase('isolation b');
    await first.db('organisations').insert({ kind: 'provider', name: 'Only in A' });
    expect(await second.db('organisations').count({ n: '*' })).to.deep.equal([{ n: '0' }]);
    const [{ server_version: version }] = (await first.db.raw('show server_version')).rows;
    expect(Number.parseInt(version, 10)).to.be.at.least(15);
  });
});
