import { expect } from 'chai';
import { isJobId } from './job';
import { jobIdFrom, newJobId } from './job-id';

describe('job ids', () => {
  it('are J- and ten Crockford characters, random or derived', () => {
    for (let i = 0; i < 200; i += 1) {
      expect(isJobId(newJobId())).to.equal(true);
      expect(isJobId(jobIdFrom(`seed-${i}`))).to.equal(true);
    }
  });

  it('derive the same id from the same seed and different ids from different seeds', () => {
    expect(jobIdFrom('user:1\0key:0')).to.equal(jobIdFrom('user:1\0key:0'));
    const ids = new Set(Array.from({ length: 1000 }, (_, i) => jobIdFrom(`request:${i}`)));
    expect(ids.size).to.equal(1000);
  });
});
