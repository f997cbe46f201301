// Patterns are tenants' input: matching them must take time linear in the value, in the API and in
// the workflow (both validate through value-validation.ts), even for the classic ReDoS patterns.
import { expect } from 'chai';
import { compileText, variant } from '../test/support/job-type-texts';
import { fieldValueProblems, validateProviderValues } from './value-validation';

/** BASE_YAML with boxSerial's pattern replaced (YAML single-quoted, so backslashes stay as they are). */
const withSerialPattern = (pattern: string): string => variant('      pattern: "^[A-Z0-9]{8,12}$"', `      pattern: '${pattern}'`);
const QNR = '0123456789ABCDEF';
const ATTACK = `${'a'.repeat(100_000)}!`;

describe('validation patterns matched in linear time', () => {
  const redos: [pattern: string, matching: string, failing: string][] = [
    ['^(a+)+$', 'aaaa', ATTACK],
    ['^(a|aa)+$', 'aaaa', ATTACK],
    ['^(.*a){20}$', 'a'.repeat(20), `${'a'.repeat(19)}${'b'.repeat(100_000)}`],
    ['^(\\w+\\s?)*$', 'one two', `${'word '.repeat(20_000)}!`],
    // As usually quoted, unanchored: a search through the whole value.
    ['(a|aa)+$', 'xaa', ATTACK],
    ['(.*a){20}', `x${'a'.repeat(20)}`, `${'a'.repeat(19)}${'b'.repeat(100_000)}`],
  ];
  for (const [pattern, matching, failing] of redos) {
    it(`answers ${pattern} against a ${failing.length}-character value within milliseconds, on both sides`, () => {
      const compiled = compileText(withSerialPattern(pattern));
      expect(validateProviderValues(compiled, { operation: 'install', boxQnr: QNR, boxSerial: matching })).to.deep.equal([]);
      const started = performance.now();
      const issues = validateProviderValues(compiled, { operation: 'install', boxQnr: QNR, boxSerial: failing });
      const field = compiled.fields.find((candidate) => candidate.key === 'boxSerial')!;
      const direct = fieldValueProblems(field, failing, field.label);
      const elapsed = performance.now() - started;
      expect(issues.map((issue) => [issue.pointer, issue.rule, issue.message])).to.deep.equal([
        ['/values/boxSerial', 'pattern', `Box serial must match the pattern ${pattern}`],
      ]);
      expect(direct).to.deep.equal([`Box serial must match the pattern ${pattern}`]);
      // A backtracking engine needs minutes (or forever) here; generous for a busy machine.
      expect(elapsed).to.be.below(500);
    });
  }

  it('keeps each field to its own pattern (the engine tells compiled patterns apart)', () => {
    const compiled = compileText();
    expect(validateProviderValues(compiled, { operation: 'install', boxQnr: QNR, boxSerial: QNR.slice(0, 10) })).to.deep.equal([]);
    expect(
      validateProviderValues(compiled, { operation: 'install', boxQnr: 'ABCD1234', boxSerial: QNR }).map((issue) => issue.pointer),
    ).to.deep.equal(['/values/boxSerial', '/values/boxQnr']);
  });

  it('reads ECMAScript spellings as ECMAScript does: \\u{…}, named groups, Unicode properties, whole code points', () => {
    const cases: [pattern: string, valid: string[], invalid: string[]][] = [
      ['^\\u{1F697}+$', ['🚗🚗'], ['car']],
      ['^(?<plate>[A-Z]{1,3})-\\d+$', ['HH-42'], ['hh-42']],
      ['^\\p{Lu}+$', ['ÄÖÜ'], ['äöü']],
      ['^.{2}$', ['🚗x'], ['🚗xy']],
      ['^a\\/b$', ['a/b'], ['a\\/b']],
    ];
    for (const [pattern, valid, invalid] of cases) {
      const field = compileText(withSerialPattern(pattern)).fields.find((candidate) => candidate.key === 'boxSerial')!;
      for (const value of valid) expect(fieldValueProblems(field, value), `${pattern} accepts ${value}`).to.deep.equal([]);
      for (const value of invalid) expect(fieldValueProblems(field, value), `${pattern} refuses ${value}`).to.have.length(1);
    }
  });
});
