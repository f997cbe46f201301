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

  it('takes only 32-byte keys, and previous keys only beside a current one', () => {
    expect(() => new SecretSealer(randomBytes(16))).to.throw(/32 bytes/);
    expect(() => new SecretSealer(key, [randomBytes(31)])).to.throw(/32 bytes/);
    expect(() => new SecretSealer(undefined, [key])).to.throw(/need a current one/);
  });

  describe('a new key in place of an old one', () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const underOld = new SecretSealer(oldKey).seal(secret);

    it('still opens what the old key sealed while it is a previous key, and seals with the new one', () => {
      const sealer = new SecretSealer(newKey, [oldKey]);
      expect(sealer.open(underOld)).to.equal(secret);
      expect(new SecretSealer(newKey).open(sealer.seal(secret)), 'sealed under the new key alone').to.equal(secret);
      expect(() => new SecretSealer(newKey, [randomBytes(32)]).open(underOld)).to.throw(
        SealedSecretError,
        /neither WEBHOOK_SECRETS_KEY nor/,
      );
    });

    it('reseals what the old key sealed, and what was stored as it is, but not what the new key sealed', () => {
      const sealer = new SecretSealer(newKey, [oldKey]);
      const resealed = sealer.resealed(underOld)!;
      expect(new SecretSealer(newKey).open(resealed)).to.equal(secret);
      expect(() => new SecretSealer(oldKey).open(resealed), 'no longer under the old key').to.throw(SealedSecretError);
      expect(new SecretSealer(newKey).open(sealer.resealed(secret)!), 'a secret stored as it is').to.equal(secret);
      expect(sealer.resealed(resealed)).to.equal(undefined);
      expect(() => new SecretSealer().resealed(secret)).to.throw(SealedSecretError, /no WEBHOOK_SECRETS_KEY/);
    });
  });
});
