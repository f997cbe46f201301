import { expect } from 'chai';
import { checkWebhookUrl, isPrivateAddress } from './targets';
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt } from './retry-schedule';

describe('webhook targets', () => {
  it('tells private addresses from public ones, IPv4-mapped and NAT64 IPv6 included', () => {
    const cases: Array<[string, boolean]> = [
      ['127.0.0.1', true],
      ['10.0.0.5', true],
      ['172.31.255.255', true],
      ['172.32.0.1', false],
      ['192.168.1.1', true],
      ['169.254.169.254', true],
      ['100.64.0.1', true],
      ['0.0.0.0', true],
      ['224.0.0.1', true],
      ['93.184.215.14', false],
      ['::1', true],
      ['::', true],
      ['fe80::1', true],
      ['fd12:3456::1', true],
      ['::ffff:127.0.0.1', true],
      ['::ffff:7f00:1', true],
      ['64:ff9b::a00:1', true],
      ['2606:4700::1111', false],
    ];
    expect(cases.map(([address]) => [address, isPrivateAddress(address)])).to.deep.equal(cases);
  });

  it('takes what the installation allows, naming the rule a URL breaks', async () => {
    const rule = (url: string, allowPrivate = false) =>
      checkWebhookUrl(url, { allowPrivate }).then(
        () => 'ok',
        (error: { rule?: string }) => error.rule,
      );
    expect(await rule('http://127.0.0.1:3000/hooks', true)).to.equal('ok');
    expect(await rule('http://127.0.0.1:3000/hooks')).to.equal('scheme');
    expect(await rule('https://0x7f.1/hooks'), 'an odd spelling of 127.0.0.1').to.equal('public-address');
    expect(await rule('https://2130706433/hooks'), 'and another').to.equal('public-address');
    expect(await rule('https://a:b@93.184.215.14/', true)).to.equal('no-credentials');
    expect(await rule('mailto:x@example.com', true)).to.equal('scheme');
    expect(await rule('not a url', true)).to.equal('format');
    expect(await rule('https://93.184.215.14/hooks')).to.equal('ok');
  });
});

describe('webhook retries', () => {
  it('wait longer after each failure, then every 3 hours, and end 3 days after the first attempt', () => {
    const first = new Date('2026-12-01T00:00:00Z');
    const after = (attempts: number, now: Date) => nextAttemptAt(DEFAULT_RETRY_SCHEDULE, attempts, first, now)?.toISOString();
    expect(after(1, first)).to.equal('2026-12-01T00:00:05.000Z');
    expect(after(2, first)).to.equal('2026-12-01T00:00:30.000Z');
    expect(after(6, first)).to.equal('2026-12-01T03:00:00.000Z');
    expect(after(30, first)).to.equal('2026-12-01T03:00:00.000Z');
    expect(after(20, new Date('2026-12-03T21:00:00Z'))).to.equal('2026-12-04T00:00:00.000Z');
    expect(after(20, new Date('2026-12-03T21:00:01Z')), 'past the 3 days: failed').to.equal(undefined);
  });
});
