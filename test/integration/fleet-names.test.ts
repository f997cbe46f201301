import { expect } from 'chai';
import { onboardProvider } from '../../db/tenancy';
import { startTestStack, type TestStack } from '../support/stack';

/** Unique names hold under concurrency: the database decides, not a check before the insert. */
describe('fleet names, in parallel', function () {
  this.timeout(120_000);
  let stack: TestStack;

  before(async () => {
    stack = await startTestStack('fleet names');
  });
  after(async () => stack?.stop());

  it('creates one fleet of ten requests sent at once whose names differ only in case and blanks', async () => {
    const stamp = Date.now().toString(36);
    const provider = await onboardProvider(stack.db, {
      name: `Parallel ${stamp}`,
      adminEmail: `admin-${stamp}@parallel.example`,
      fleetName: 'Berlin',
    });
    // Ten connections open first, so that the ten requests do run side by side (a cold start staggers them).
    await Promise.all(Array.from({ length: 10 }, () => stack.call('GET', '/v1/fleets', provider.adminToken)));

    const created: string[] = [];
    for (const city of ['Hamburg', 'Bremen', 'Kiel']) {
      const spellings = [
        city,
        city.toUpperCase(),
        city.toLowerCase(),
        ` ${city.toLowerCase()} `,
        city,
        ...[...Array(5).keys()].map((i) => city.slice(0, i + 1).toUpperCase() + city.slice(i + 1)),
      ];
      const answers = await Promise.all(spellings.map((name) => stack.call('POST', '/v1/fleets', provider.adminToken, { name })));

      expect(answers.map((answer) => answer.status).sort(), `${city}: ${answers.map((answer) => answer.text).join('\n')}`).to.deep.equal([
        201,
        ...Array(9).fill(409),
      ]);
      const fleet = answers.find((answer) => answer.status === 201)!.body as { name: string };
      for (const refused of answers.filter((answer) => answer.status === 409)) {
        expect(refused.body).to.include({
          type: 'https://installer-jobs.dev/problems/fleet-name-taken',
          title: `You already have a fleet called ${fleet.name}.`,
        });
        expect(refused.body.errors).to.deep.equal([{ pointer: '/name', message: 'already used by one of your fleets', rule: 'unique' }]);
      }
      created.push(fleet.name);
    }
    const rows = await stack.db('fleets').where({ provider_id: provider.providerId }).pluck('name');
    expect(rows.sort()).to.deep.equal(['Berlin', ...created].sort());
  });
});
