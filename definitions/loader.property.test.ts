// Property-based tests: whatever the text, the loader answers with a compiled job type or a
// JobTypeError whose problems are located and phrased for the author, and never crashes.
import { expect } from 'chai';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { CompiledJobType } from './compiled-job-type';
import { JobTypeError } from './errors';
import { loadJobTypeFromText } from './loader';
import { validateProviderValues, validateStepValues } from './value-validation';

const FILE = 'job-types/fuzzed.yaml';
const JOB_TYPES_DIR = path.join(__dirname, '..', 'job-types');
const SHIPPED = readdirSync(JOB_TYPES_DIR)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => readFileSync(path.join(JOB_TYPES_DIR, name), 'utf8'));
const SHIPPED_DATA = SHIPPED.map((text) => parseYaml(text) as unknown);

/** Loads `text`; fails the test on anything thrown but a JobTypeError with well-formed problems. */
function loadOrProblems(text: string): CompiledJobType | JobTypeError {
  let outcome: CompiledJobType | JobTypeError;
  try {
    outcome = loadJobTypeFromText(FILE, text);
  } catch (error) {
    if (!(error instanceof JobTypeError)) throw new Error(`threw ${String(error)} for:\n${text}`, { cause: error });
    outcome = error;
  }
  if (outcome instanceof JobTypeError) {
    const lastLine = text.split('\n').length + 1;
    expect(outcome.problems).to.not.be.empty;
    for (const problem of outcome.problems) {
      expect(problem.file).to.equal(FILE);
      expect(problem.line, problem.message).to.be.within(1, lastLine);
      expect(problem.column, problem.message).to.be.at.least(1);
      expect(problem.message).to.be.a('string').and.not.be.empty;
      expect(problem.message, 'a bug of ours surfaced as a problem').to.not.include('internal error');
      expect(problem.message, 'an ajv keyword left untranslated').to.not.match(/is not valid here \(/);
    }
  } else {
    expect(JSON.parse(JSON.stringify(outcome))).to.deep.equal(outcome);
  }
  return outcome;
}

const yamlSoup = fc
  .array(
    fc.constantFrom(
      'id:',
      'version:',
      'fields:',
      'steps:',
      'collect:',
      'key:',
      ' ',
      '  ',
      '\n',
      '\t',
      '- ',
      '? ',
      ': ',
      '[',
      ']',
      '{',
      '}',
      ',',
      '"',
      "'",
      '&a ',
      '*a',
      '!!str ',
      '!x ',
      '# c',
      '---',
      '...',
      '${',
      '}',
      'PT8H',
      'P1M',
      '1',
      '-1',
      'true',
      'null',
      '~',
      '|',
      '>',
      'é',
      '\u0000',
    ),
    { maxLength: 60 },
  )
  .map((tokens) => tokens.join(''));

type Mutation = { at: number; op: 'delete' | 'replace' | 'duplicate' | 'rename' | 'pool'; value: unknown };

const POOL = [
  'vin',
  'boxQnr',
  'boxSerail',
  '${vin}',
  '${nope}',
  '${',
  'PT8H',
  'P1M',
  '-P1D',
  'PT0S',
  'cloudboxx.applyConfiguration',
  'cloudboxx.nope',
  'enum',
  'required',
  'forbidden',
  'swap',
  0,
  -1,
  1.5,
  true,
  null,
  [],
  {},
  'x'.repeat(70),
];

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('delete', 'replace', 'duplicate', 'rename', 'pool'),
  value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(...POOL)),
});

/** Every [container, key] in a definition, outermost first. */
function slots(root: unknown): Array<[Record<string, unknown> | unknown[], string | number]> {
  const found: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach((child, index) => (found.push([node, index]), walk(child)));
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) (found.push([node as Record<string, unknown>, key]), walk(child));
    }
  };
  walk(root);
  return found;
}

function mutate(definition: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(definition);
  for (const { at, op, value } of mutations) {
    const all = slots(copy);
    const slot = all[at % Math.max(1, all.length)];
    if (slot === undefined) break;
    const [container, key] = slot;
    if (Array.isArray(container)) {
      const index = key as number;
      if (op === 'delete') container.splice(index, 1);
      else if (op === 'duplicate') container.splice(index, 0, structuredClone(container[index]));
      else container[index] = op === 'rename' ? `${String(container[index])}x` : value;
    } else {
      const name = key as string;
      if (op === 'delete') delete container[name];
      else if (op === 'rename')
        ((container[`${name.slice(0, -1)}${name.slice(-1) === 'e' ? 'a' : 'e'}`] = container[name]), delete container[name]);
      else if (op === 'duplicate') container[`${name}2`] = structuredClone(container[name]);
      else container[name] = value;
    }
  }
  return copy;
}

function shuffleKeys(node: unknown, order: number[]): unknown {
  if (Array.isArray(node)) return node.map((child) => shuffleKeys(child, order));
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node);
  const shuffled = entries
    .map((entry, index) => [order[index % Math.max(1, order.length)] ?? 0, entry] as const)
    .sort((a, b) => a[0] - b[0]);
  return Object.fromEntries(shuffled.map(([, [key, child]]) => [key, shuffleKeys(child, order)]));
}

describe('job-type loader, property-based', function () {
  this.timeout(60_000);

  it('never throws anything but JobTypeError on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => void loadOrProblems(text)),
      { numRuns: 300 },
    );
  });

  it('never throws anything but JobTypeError on YAML-like token soup', () => {
    fc.assert(
      fc.property(yamlSoup, (text) => void loadOrProblems(text)),
      { numRuns: 400 },
    );
  });

  it('never throws anything but JobTypeError on random YAML data', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (data) => void loadOrProblems(stringifyYaml(data))),
      { numRuns: 300 },
    );
  });

  it('reports mutated shipped definitions as located problems, or compiles them', () => {
    fc.assert(
      fc.property(fc.nat(SHIPPED_DATA.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (which, mutations) => {
        const outcome = loadOrProblems(stringifyYaml(mutate(SHIPPED_DATA[which], mutations)));
        if (!(outcome instanceof JobTypeError)) {
          expect(validateProviderValues(outcome, {})).to.be.an('array');
          for (const step of outcome.steps) expect(validateStepValues(outcome, step.id, {})).to.be.an('array');
        }
      }),
      { numRuns: 400 },
    );
  });

  it('reports broken lines of shipped files as located problems', () => {
    const edit = fc.record({
      which: fc.nat(SHIPPED.length - 1),
      line: fc.nat(),
      op: fc.constantFrom('delete', 'duplicate', 'indent', 'dedent', 'insert'),
      text: yamlSoup,
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let lines = (SHIPPED[edits[0]?.which ?? 0] ?? '').split('\n');
        for (const { line, op, text } of edits) {
          const at = line % lines.length;
          const current = lines[at] ?? '';
          if (op === 'delete') lines = [...lines.slice(0, at), ...lines.slice(at + 1)];
          else if (op === 'duplicate') lines = [...lines.slice(0, at), current, ...lines.slice(at)];
          else if (op === 'indent') lines[at] = `  ${current}`;
          else if (op === 'dedent') lines[at] = current.replace(/^ {1,2}/, '');
          else
            lines[at] =
              `${current.slice(0, text.length % (current.length + 1))}${text}${current.slice(text.length % (current.length + 1))}`;
        }
        loadOrProblems(lines.join('\n'));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes content, not key order or formatting', () => {
    const hashes = SHIPPED.map((text) => (loadJobTypeFromText(FILE, text) as CompiledJobType).contentHash);
    fc.assert(
      fc.property(
        fc.nat(SHIPPED_DATA.length - 1),
        fc.array(fc.nat(20), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        (which, order, flow) => {
          const reordered = shuffleKeys(SHIPPED_DATA[which], order);
          const text = stringifyYaml(reordered, flow ? { collectionStyle: 'flow' } : {});
          expect(loadJobTypeFromText(FILE, text).contentHash).to.equal(hashes[which]);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('checks any job values without throwing, addressing every issue under /values', () => {
    const compiled = SHIPPED.map((text) => loadJobTypeFromText(FILE, text));
    const keys = [...new Set(compiled.flatMap((jobType) => jobType.fields.map((field) => field.key))), 'unknown'];
    const values = fc.oneof(
      fc.anything(),
      fc.dictionary(
        fc.constantFrom(...keys),
        fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('', 'AB12345678', '0123456789ABCDEF', { text: 'x' }, { photoId: 'p' })),
      ),
    );
    fc.assert(
      fc.property(fc.nat(compiled.length - 1), values, values, (which, submitted, preset) => {
        const jobType = compiled[which] as CompiledJobType;
        const issues = [
          ...validateProviderValues(jobType, submitted),
          ...jobType.steps.flatMap((step) => validateStepValues(jobType, step.id, submitted, (preset ?? {}) as Record<string, unknown>)),
        ];
        for (const issue of issues) {
          expect(issue.pointer).to.match(/^\/values(\/|$)/);
          expect(issue.message).to.be.a('string').and.not.be.empty;
        }
      }),
      { numRuns: 200 },
    );
  });
});
