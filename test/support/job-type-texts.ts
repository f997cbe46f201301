// Helpers for tests of job types (definitions/, workflows/, cli/; pure, so unit tests may use them):
// a small definition that uses every feature, and a way to break it one edit at a time and read the
// problems as the author would.
import { expect } from 'chai';
import type { CompiledJobType } from '../../definitions/compiled-job-type';
import { formatProblem, JobTypeError } from '../../definitions/errors';
import { checkJobTypeText, loadJobTypeFromText } from '../../definitions/loader';

export const TEST_FILE = 'job-types/test-type.yaml';

/** The steps block of BASE_YAML (lines 30-38), for tests that replace it whole. */
export const BASE_STEPS = `steps:
  - id: mount
    title: Mount
    collect: [boxSerial, odometerKm]
    checklist: [Power, CAN bus]
  - id: configure
    title: Configure
    action: cloudboxx.applyConfiguration
    qnrField: boxQnr
`;

/** Line numbers matter: tests assert positions in this text. */
export const BASE_YAML = `id: test-type
version: 1
title: Test type
sections:
  - id: setup
    title: Setup
fields:
  - key: operation
    label: Operation
    section: setup
    type: enum
    preset: required
    validation:
      options:
        - { value: install, label: Install }
        - { value: swap, label: Swap }
  - key: boxSerial
    label: Box serial
    section: setup
    type: string
    required: true
    validation:
      pattern: "^[A-Z0-9]{8,12}$"
  - key: odometerKm
    label: Odometer
    section: setup
    type: integer
    validation: { minimum: 0 }
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
${BASE_STEPS}cloudboxx:
  configuration:
    serial: \${boxSerial}
access:
  permissions: [lock, unlock, configure]
  maxDuration: PT8H
deadlines:
  startWithin: P7D
  completeWithin: P14D
vehicle:
  qnrField: boxQnr
`;

/** BASE_YAML with `from` (which must occur exactly once) replaced by `to`. */
export function variant(from: string, to: string, base: string = BASE_YAML): string {
  const first = base.indexOf(from);
  expect(first, `"${from}" in the base definition`).to.be.greaterThan(-1);
  expect(base.indexOf(from, first + 1), `"${from}" occurs once`).to.equal(-1);
  return base.slice(0, first) + to + base.slice(first + from.length);
}

/** The end of BASE_YAML's boxQnr field line: fields inserted here come after it. */
const QNR_FIELD_END = 'validation: { pattern: "^[0-9A-F]{16}$" } }\n';

/** BASE_YAML (or `base`) with more fields, each a flow mapping, after boxQnr. */
export function withFields(lines: readonly string[], base: string = BASE_YAML): string {
  return variant(QNR_FIELD_END, `${QNR_FIELD_END}${lines.map((line) => `  - ${line}\n`).join('')}`, base);
}

/**
 * BASE_YAML with `fieldLines` added after boxQnr and a step "read" after configure that reads the
 * vehicle's state and fills `fills` (a flow mapping, e.g. "{ km: odometerKm }"); `when` (e.g.
 * "{ field: operation, equals: swap }") makes the step conditional.
 */
export function withReadStep(fills: string, fieldLines: readonly string[], when?: string): string {
  const condition = when === undefined ? '' : `\n    when: ${when}`;
  const configure = '    action: cloudboxx.applyConfiguration\n    qnrField: boxQnr';
  const read = `\n  - id: read\n    title: Read${condition}\n    action: cloudboxx.readVehicleState\n    fills: ${fills}`;
  return variant(configure, `${configure}${read}`, withFields(fieldLines)).replace(
    '[lock, unlock, configure]',
    '[lock, unlock, readState, configure]',
  );
}

/** The problem lines for a definition text, warnings included; [] when it loads without a word. */
export function problemsOf(text: string, file: string = TEST_FILE): string[] {
  const { compiled, problems } = checkJobTypeText(file, text);
  // compiled is there iff no problem is an error, and loading agrees.
  expect(compiled !== undefined, 'compiled iff no error').to.equal(problems.every((problem) => problem.severity === 'warning'));
  try {
    loadJobTypeFromText(file, text);
  } catch (error) {
    if (!(error instanceof JobTypeError)) throw error;
    expect(error.problems).to.deep.equal(problems);
  }
  return problems.map(formatProblem);
}

export function compileText(text: string = BASE_YAML, file: string = TEST_FILE): CompiledJobType {
  return loadJobTypeFromText(file, text);
}

/**
 * One definition and what its author reads about it: the test's title; the text, given whole, as
 * an edit [from, to] of BASE_YAML (applied with variant, so `from` must occur exactly once) or as
 * a function building it; and the problem lines expected, each "line:column message" without the
 * file name ([] when it loads).
 */
export type ProblemCase = [title: string, text: string | [from: string, to: string] | (() => string), expected: string[]];

/** One `it` per case: the problems of its text are exactly the expected lines, in order. */
export function itReportsProblems(cases: ProblemCase[]): void {
  for (const [title, text, expected] of cases) {
    it(title, () => {
      const source = typeof text === 'string' ? text : typeof text === 'function' ? text() : variant(...text);
      expect(problemsOf(source)).to.deep.equal(expected.map((line) => `${TEST_FILE}:${line}`));
    });
  }
}

/** One `describe` per group, holding one `it` per case (see itReportsProblems). */
export function describeProblems(groups: Record<string, ProblemCase[]>): void {
  for (const [title, cases] of Object.entries(groups)) {
    describe(title, () => itReportsProblems(cases));
  }
}
