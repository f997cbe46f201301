import { expect } from 'chai';
import { dateProblem, dateTimeProblem, textProblem, unstorableStrings } from './storable';

describe('storable', () => {
  describe('textProblem', () => {
    const cases: Array<[string, string, RegExp | undefined]> = [
      ['plain text', 'Kunde Nord', undefined],
      ['the empty string', '', undefined],
      ['umlauts and CJK', 'Müller 東京', undefined],
      ['an emoji (a surrogate pair)', 'Box 📦 ok', undefined],
      ['only surrogate pairs', '😀😀', undefined],
      ['a NUL', 'Po\u0000ison', /NUL character \(U\+0000\), found at position 2/],
      ['a NUL at the end', 'broken\u0000', /NUL/],
      ['a lone high surrogate', 'a\uD83Db', /lone surrogate \(U\+D83D\) at position 1/],
      ['a lone high surrogate at the end', 'ab\uD800', /lone surrogate \(U\+D800\) at position 2/],
      ['a lone low surrogate', '\uDE00x', /lone surrogate \(U\+DE00\) at position 0/],
      ['a pair turned round', '\uDE00\uD83D', /lone surrogate \(U\+DE00\)/],
      ['two high surrogates', '\uD83D\uD83D\uDE00', /lone surrogate \(U\+D83D\) at position 0/],
    ];
    for (const [what, text, expected] of cases) {
      it(`${expected ? 'refuses' : 'accepts'} ${what}`, () => {
        const problem = textProblem(text);
        if (expected) expect(problem).to.match(expected);
        else expect(problem).to.equal(undefined);
      });
    }
  });

  describe('dateProblem', () => {
    const cases: Array<[string, RegExp | undefined]> = [
      ['2026-11-23', undefined],
      ['1900-01-01', undefined],
      ['9999-12-31', undefined],
      ['2024-02-29', undefined],
      ['2000-02-29', undefined],
      ['0000-01-01', /year between 1900 and 9999, not 0000/],
      ['1899-12-31', /year between 1900 and 9999, not 1899/],
      ['1900-02-29', /1900-02 has no day 29/],
      ['2026-02-30', /2026-02 has no day 30/],
      ['2026-04-31', /has no day 31/],
      ['2026-13-01', /no month 13/],
      ['2026-00-10', /no month 00/],
      ['2026-01-00', /has no day 00/],
      ['10000-01-01', /a date like 2026-11-23/],
      ['2026-1-1', /a date like/],
      ['2026-11-23T00:00:00Z', /a date like/],
      ['', /a date like/],
    ];
    for (const [text, expected] of cases) {
      it(`${expected ? 'refuses' : 'accepts'} "${text}"`, () => {
        const problem = dateProblem(text);
        if (expected) expect(problem).to.match(expected);
        else expect(problem).to.equal(undefined);
      });
    }
  });

  describe('dateTimeProblem', () => {
    const cases: Array<[string, RegExp | undefined]> = [
      ['2026-11-23T14:30:00Z', undefined],
      ['2026-11-23T14:30:00.123456Z', undefined],
      ['2026-11-23T14:30:00.123456789+01:00', undefined],
      ['2026-11-23t14:30:00z', undefined],
      ['2026-11-23 14:30:00Z', undefined],
      ['2026-11-23T14:30:00+14:00', undefined],
      ['2026-11-23T14:30:00-14:00', undefined],
      ['2026-11-23T14:30:00-00:00', undefined],
      ['1900-01-01T00:00:00Z', undefined],
      ['9999-12-31T23:59:59.999999Z', undefined],
      ['0000-01-01T00:00:00Z', /year between 1900 and 9999, not 0000/],
      ['1899-12-31T23:59:59Z', /year between 1900 and 9999/],
      ['10000-01-01T00:00:00Z', /a date and time with time zone/],
      ['2026-11-23T14:30:00-23:59', /offset between -14:00 and \+14:00, not -23:59/],
      ['2026-11-23T14:30:00+14:01', /offset between -14:00 and \+14:00, not \+14:01/],
      ['2026-11-23T14:30:00+01:60', /offset between/],
      ['2026-11-23T14:30:00+01', /a date and time with time zone/],
      ['2026-11-23T14:30:00+0100', /a date and time with time zone/],
      ['2026-11-23T14:30:00', /a date and time with time zone/],
      ['2026-11-23T14:30Z', /a date and time with time zone/],
      ['2026-11-23T14:30:00.1234567890Z', /a date and time with time zone/],
      ['2026-11-23\t14:30:00Z', /a date and time with time zone/],
      ['2026-02-30T10:00:00Z', /2026-02 has no day 30/],
      ['2026-11-23T24:00:00Z', /real time of day: 24:00:00/],
      ['2026-12-31T23:59:60Z', /real time of day/],
      ['2026-11-23T14:60:00Z', /real time of day/],
      // In range as written, but not in UTC: Postgres and Date would carry the year over.
      ['9999-12-31T23:00:00-14:00', /also in UTC/],
      ['1900-01-01T00:00:00+01:00', /also in UTC/],
      ['', /a date and time with time zone/],
    ];
    for (const [text, expected] of cases) {
      it(`${expected ? 'refuses' : 'accepts'} "${text}"`, () => {
        const problem = dateTimeProblem(text);
        if (expected) expect(problem).to.match(expected);
        else expect(problem).to.equal(undefined);
      });
    }
  });

  describe('unstorableStrings', () => {
    it('finds nothing in storable JSON', () => {
      expect(unstorableStrings({ a: 'x', b: [1, true, null, { c: '📦' }], 'd/e': 'f' })).to.deep.equal([]);
      expect(unstorableStrings('ok')).to.deep.equal([]);
      expect(unstorableStrings(42)).to.deep.equal([]);
    });

    it('names every offending value and property name by its JSON pointer, in document order', () => {
      const found = unstorableStrings(
        { customerName: 'Po\u0000ison', values: { 'a/b': ['ok', 'x\uD800'], 'k\u0000': 'fine value' }, tail: '\uDC00' },
        '/body',
      );
      expect(found.map((problem) => problem.pointer)).to.deep.equal([
        '/body/customerName',
        '/body/values/a~1b/1',
        '/body/values/k\u0000',
        '/body/tail',
      ]);
      expect(found[2]!.message).to.match(/^has a name that must not contain the NUL character/);
      expect(found[3]!.message).to.match(/lone surrogate \(U\+DC00\)/);
    });

    it('reports a string at the root with the pointer it is given', () => {
      expect(unstorableStrings('\u0000', '/q')).to.deep.equal([
        { pointer: '/q', message: 'must not contain the NUL character (U+0000), found at position 0' },
      ]);
    });

    it('walks nesting deeper than the call stack, and stops at 50 problems', () => {
      let deep: unknown = 'bottom\u0000';
      for (let i = 0; i < 200_000; i += 1) deep = [deep];
      const found = unstorableStrings(deep);
      expect(found).to.have.length(1);
      expect(found[0]!.pointer).to.equal('/0'.repeat(200_000));
      expect(unstorableStrings(Array.from({ length: 500 }, () => '\u0000'))).to.have.length(50);
    });
  });
});
