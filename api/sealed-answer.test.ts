import { expect } from 'chai';
import { sealAnswer, unsealAnswer } from './sealed-answer';

describe('sealed answers (kept for idempotent retries)', () => {
  const answer = { installerCompanyId: 'c1', adminToken: 'ijt_secret-token-value' };

  it('opens with the same credential and key, whole', () => {
    const box = sealAnswer(answer, 'inv_link-token', 'key-1');
    expect(unsealAnswer(box, 'inv_link-token', 'key-1')).to.deep.equal(answer);
  });

  it('holds nothing readable of the answer', () => {
    const box = sealAnswer(answer, 'inv_link-token', 'key-1');
    expect(box.toString('latin1')).not.to.include('ijt_secret-token-value');
    expect(box.toString('latin1')).not.to.include('installerCompanyId');
  });

  it('seals the same answer differently each time', () => {
    expect(sealAnswer(answer, 's', 'k').equals(sealAnswer(answer, 's', 'k'))).to.equal(false);
  });

  it('does not open with another credential, another key, or after a change', () => {
    const box = sealAnswer(answer, 'inv_link-token', 'key-1');
    expect(() => unsealAnswer(box, 'inv_other-token', 'key-1')).to.throw();
    expect(() => unsealAnswer(box, 'inv_link-token', 'key-2')).to.throw();
    const altered = Buffer.from(box);
    altered[altered.length - 1]! ^= 1;
    expect(() => unsealAnswer(altered, 'inv_link-token', 'key-1')).to.throw();
  });
});
