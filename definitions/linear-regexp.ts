// A job type's validation.pattern is a tenant's input that the API and the workflows run against
// values: matched by a backtracking engine, `^(a+)+$` against "aaaa…!" would hold a process for
// minutes. Patterns are matched with RE2 (re2js, pure JS: no Node built-in, deterministic, so also
// in the workflow sandbox), whose time is linear in the input whatever the pattern. RE2 has no
// backreferences and no lookaround; the loader refuses patterns that use them.
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types';
import { RE2JS } from 're2js';

/**
 * Why `pattern` cannot be matched in linear time, in the author's words, or undefined when it can.
 * `pattern` must already be a valid ECMAScript (Unicode) regular expression.
 */
export function linearTimeProblem(pattern: string): string | undefined {
  const construct = backtrackingConstruct(pattern);
  if (construct === undefined) {
    try {
      compileLinear(pattern);
      return undefined;
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^error parsing regexp: /, '') : String(error);
      const repeat = /^invalid repeat count: `(.*)`$/.exec(reason);
      // RE2 counts nested repetitions multiplied: (a{100}){100} is 10,000.
      if (repeat !== null) return unsupported(`repetition ${repeat[1]}: repetitions, multiplied when nested, may count at most 1000`);
      if (reason === 'expression too large') return unsupported('an expression too large to match in linear time');
      return unsupported(reason);
    }
  }
  return unsupported(construct);
}

function unsupported(construct: string): string {
  return `uses a construct (${construct}) that is not supported; patterns are matched in linear time, so backreferences and lookaround are not available`;
}

/** The first backreference or lookaround in a (valid, Unicode) pattern, described; undefined when there is none. */
function backtrackingConstruct(pattern: string): string | undefined {
  let inClass = false;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      // In a Unicode pattern, \1-\9 and \k<name> outside a class can only be backreferences.
      if (!inClass && /[1-9]/.test(next)) return `backreference \\${/^\d+/.exec(pattern.slice(index + 1))?.[0] ?? next}`;
      if (!inClass && next === 'k' && pattern[index + 2] === '<')
        return `backreference ${pattern.slice(index, pattern.indexOf('>', index) + 1)}`;
      index++;
    } else if (inClass) {
      if (char === ']') inClass = false;
    } else if (char === '[') {
      inClass = true;
    } else if (char === '(') {
      for (const [opening, name] of LOOKAROUND) if (pattern.startsWith(opening, index)) return `${name} ${opening}…)`;
    }
  }
  return undefined;
}

const LOOKAROUND: readonly [string, string][] = [
  ['(?=', 'lookahead'],
  ['(?!', 'negative lookahead'],
  ['(?<=', 'lookbehind'],
  ['(?<!', 'negative lookbehind'],
];

function compileLinear(pattern: string): RE2JS {
  // ECMAScript spellings RE2 writes otherwise: \u{…}, (?<name>…), an escaped slash.
  return RE2JS.compile(RE2JS.translateRegExp(pattern));
}

/**
 * ajv's `code.regExp`: compiles schema patterns with RE2. The loader has refused every pattern RE2
 * cannot compile, so a throw here means a definition that bypassed it.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string): RegExpLike => {
    const compiled = compileLinear(pattern);
    // ajv shares one compiled pattern per toString(): it must tell patterns apart.
    const engine: RegExpLike & { toString(): string } = { test: (text: string) => compiled.test(text), toString: () => `re2:${pattern}` };
    return engine;
  },
  // Only used by ajv's standalone code generation, which this project does not use.
  { code: 'linearRegExp' },
);
