// The feed's pure rules: cursor order and who may see an event, one case a row.
import { expect } from 'chai';
import { compareFeedCursors, isFeedCursor, maySeeFeedEvent, type FeedEvent } from './feed';
import type { Principal } from './tenancy';

const PROVIDER = 'p-1';
const COMPANY = 'c-1';

const user = (overrides: Partial<Principal>): Principal => ({
  userId: 'u',
  email: 'u@example.com',
  role: 'provider_admin',
  organisationId: PROVIDER,
  organisationKind: 'provider',
  ...overrides,
});
const admin = user({});
const dispatcher = user({ role: 'provider_dispatcher', customers: ['ACME'] });
const portal = user({ role: 'provider_customer', customers: ['ACME'] });
const technician = user({ role: 'installer_technician', organisationId: COMPANY, organisationKind: 'installer_company' });
const stranger = user({ organisationId: 'p-2' });

type Audience = Pick<FeedEvent, 'jobId' | 'providerId' | 'installerCompanyId' | 'customerName'>;
const job = (overrides: Partial<Audience> = {}): Audience => ({
  jobId: 'J-1',
  providerId: PROVIDER,
  installerCompanyId: null,
  customerName: null,
  ...overrides,
});
const invitationAnswer: Audience = { jobId: null, providerId: PROVIDER, installerCompanyId: COMPANY, customerName: null };

describe('maySeeFeedEvent', () => {
  const cases: Array<[string, Principal, Audience, boolean]> = [
    ['an admin, a job of its provider', admin, job(), true],
    ['an admin, an invitation answer', admin, invitationAnswer, true],
    ['an admin of another provider', stranger, job(), false],
    ['a dispatcher, a job of its customer', dispatcher, job({ customerName: 'ACME' }), true],
    ['a dispatcher, a job of another customer', dispatcher, job({ customerName: 'Globex' }), false],
    ['a dispatcher, a job of no customer', dispatcher, job(), false],
    ['a dispatcher, an invitation answer (customer-limited)', dispatcher, invitationAnswer, false],
    ['a customer portal, its customer', portal, job({ customerName: 'ACME' }), true],
    // One customer in any case, as the job list and GET /v1/jobs/{id} take it (common/customer-names.ts).
    ['a customer portal, its customer written in another case', portal, job({ customerName: 'acme' }), true],
    ['a customer portal, a longer name', portal, job({ customerName: 'ACME Nord' }), false],
    ['a provider user without customers who may not assign', user({ role: 'provider_customer' }), invitationAnswer, false],
    ['the company, a job assigned to it then', technician, job({ installerCompanyId: COMPANY }), true],
    ['the company, a job before its assignment', technician, job(), false],
    ['the company, a job of another company', technician, job({ installerCompanyId: 'c-2' }), false],
    ['the company, its own invitation answer', technician, invitationAnswer, true],
  ];
  for (const [name, principal, event, expected] of cases)
    it(`${name}: ${expected ? 'sees' : 'does not see'} it`, () => expect(maySeeFeedEvent(principal, event)).to.equal(expected));
});

describe('compareFeedCursors', () => {
  const cases: Array<[string, string, number]> = [
    ['9-5', '10-1', -1],
    ['10-1', '9-5', 1],
    ['10-9', '10-10', -1],
    ['10-10', '10-10', 0],
    ['9999999999999999999-1', '9999999999999999998-999999999999999999', 1],
  ];
  for (const [a, b, expected] of cases) it(`${a} against ${b}: ${expected}`, () => expect(compareFeedCursors(a, b)).to.equal(expected));

  it('refuses what is no cursor, naming it', () => {
    expect(() => compareFeedCursors('10-1', '10-1; drop')).to.throw('not a feed cursor: 10-1; drop');
  });
});

describe('isFeedCursor', () => {
  it('takes only digits Postgres can compare a cursor with', () => {
    expect(isFeedCursor('9999999999999999999-999999999999999999'), 'below 2^64 and 2^63').to.equal(true);
    expect(isFeedCursor('18446744073709551616-1'), 'over 2^64 - 1').to.equal(false);
    expect(isFeedCursor('1-9223372036854775808'), 'over 2^63 - 1').to.equal(false);
    expect(isFeedCursor('12-3; drop')).to.equal(false);
    expect(isFeedCursor('0-0'), 'the head of an empty feed').to.equal(true);
    expect(isFeedCursor('012-3'), 'a leading zero: octal to xid8').to.equal(false);
    expect(isFeedCursor('12-03')).to.equal(false);
    expect(isFeedCursor('')).to.equal(false);
  });
});
