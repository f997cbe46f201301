import { expect } from 'chai';
import { createDemoTenantIfMissing } from '../../db/demo-tenant';
import { freshDatabase } from '../support/services';

describe('migrations', function () {
  this.timeout(60_000);

  it('go down with data in the tables and come back up', async () => {
    const { db } = await freshDatabase('migrations up down');
    await createDemoTenantIfMissing(db);
    expect(await db('organisations').count({ n: '*' })).to.deep.equal([{ n: '2' }]);

    await db.migrate.rollback(undefined, true);
    for (const table of ['organisations', 'fleets', 'users', 'api_tokens', 'invitations', 'jobs', 'job_events', 'job_type_versions']) {
      expect(await db.schema.hasTable(table), table).to.equal(false);
    }

    const [, applied] = (await db.migrate.latest()) as [number, string[]];
    expect(applied.length).to.be.greaterThan(1);
    expect(await createDemoTenantIfMissing(db)).to.have.property('fleetId');
  });
});
