import { expect } from 'chai';
import { jsonPointer } from './errors';

describe('jsonPointer', () => {
  it('joins segments, escaping ~ as ~0 and / as ~1 (RFC 6901)', () => {
    expect(jsonPointer('values', 'vin')).to.equal('/values/vin');
    expect(jsonPointer('values', 'a/b', '~tilde', 0)).to.equal('/values/a~1b/~0tilde/0');
    expect(jsonPointer('~1')).to.equal('/~01', 'an escape sequence in a name is escaped, not kept');
    expect(jsonPointer('')).to.equal('/');
    expect(jsonPointer()).to.equal('');
  });
});
