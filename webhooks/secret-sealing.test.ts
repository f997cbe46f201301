import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { SealedSecretError, SecretSealer } from './secret-sealing';

describe('webhook secrets sealed at rest', () => {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const key = randomBytes(32);

  it('stores no trace of the secret, a fresh nonce each time, and opens to it again', () => {
    const sealer = new SecretSealer(key);
    const stored = sealer.seal(secret);
    expect(stored).to.match(/^sealed:v1:/);
    expect(stored).not.to.include(secret.slice(6, 20));
    expect(sealer.seal(secret), 'sealed twice, stored differently').not.to.equal(stored);
    expect(sealer.open(stored)).to.equal(secret);
  });

  it('without a key stores the secret as it is, and with one still reads secrets stored before it was set', () => {
    expect(new SecretSealer().seal(secret)).to.equal(secret);
    expect(new SecretSealer(key).open(secret)).to.equal(secret);
  });

  it('refuses a sealed secret it cannot open: no key, another key, or a changed byte', () => {
    const stored = new SecretSealer(key).seal(secret);
    expect(() => new SecretSealer().open(stored)).to.throw(SealedSecretError, /WEBHOOK_SECRETS_KEY is not set/);
    expect(() => new SecretSealer(randomBytes(32)).open(stored)).to.throw(SealedSecretError, /another WEBHOOK_SECRETS_KEY/);
    const flipped = `${stored.slice(0, -3)}${stored.at(-3) === 'A' ? 'B' : 'A'}${stored.slice(-2)}`;
    expect(() => new SecretSealer(key).open(flipped)).to.throw(SealedSecretError);
    expect(() => new SecretSealer(key).open('sealed:v1:nonsense')).to.throw(SealedSecretError, /form/);
  });

  it('takes only a 32-byte key', () => {
    expect(() => new SecretSealer(randomBytes(16))).to.throw(/32 bytes/);
  });
});
