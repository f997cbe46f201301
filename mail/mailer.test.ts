import { expect } from 'chai';
import { deliveryError, withoutTokens } from './mailer';

describe('SMTP failures', () => {
  it('counts a 5xx answer as permanent and anything else as worth retrying', () => {
    expect(deliveryError(Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 no such user' }))).to.include({
      permanent: true,
      message: 'SMTP 550: 550 5.1.1 no such user',
    });
    expect(deliveryError(Object.assign(new Error('try later'), { responseCode: 451, response: '451 4.3.0 try later' })).permanent).to.equal(
      false,
    );
    expect(deliveryError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ECONNECTION' }))).to.include({
      permanent: false,
      message: 'connect ECONNREFUSED 127.0.0.1:2525',
    });
  });

  it('blots out tokens a server quotes back', () => {
    expect(withoutTokens('554 rejected: https://x/v1/invitations/inv_AbCdEf0123456789_- and ijt_zzzzzzzzzz')).to.equal(
      '554 rejected: https://x/v1/invitations/inv_… and ijt_…',
    );
  });
});
