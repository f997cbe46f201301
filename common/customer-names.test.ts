import { expect } from 'chai';
import { customerKey, isOwnCustomer, ownCustomer, tidyName } from './customer-names';

describe('customer names', () => {
  it('tidies a name as people type it: no blanks at either end, one space between words', () => {
    expect(tidyName('  Demo \t Stadtwerke\n')).to.equal('Demo Stadtwerke');
    expect(tidyName('Demo\u00a0Stadtwerke')).to.equal('Demo Stadtwerke');
    expect(tidyName('   ')).to.equal('');
  });

  it('takes one customer in any case and spacing', () => {
    for (const spelling of ['demo stadtwerke', 'Demo Stadtwerke ', ' Demo Stadtwerke', 'DEMO  STADTWERKE'])
      expect(customerKey(spelling), spelling).to.equal(customerKey('Demo Stadtwerke'));
    expect(customerKey('Demo Stadtwerke Süd')).to.not.equal(customerKey('Demo Stadtwerke'));
  });

  it("answers a customer-limited user's own spelling, and nothing for another customer or none", () => {
    const customers = ['Demo Stadtwerke', 'Klinikum Nord'];
    expect(ownCustomer(customers, ' demo  stadtwerke ')).to.equal('Demo Stadtwerke');
    expect(ownCustomer(customers, 'Demo Stadtwerke Süd')).to.equal(undefined);
    expect(isOwnCustomer(customers, 'KLINIKUM NORD')).to.equal(true);
    expect(isOwnCustomer(customers, null)).to.equal(false);
    expect(isOwnCustomer([' Demo Stadtwerke'], 'demo stadtwerke'), 'a name stored untidy before').to.equal(true);
  });
});
