// Helpers for the definitions tests: a small definition that uses every feature, and a way to
// break it one edit at a time and read the problems as the author would.
import { expect } from 'chai';
import type { CompiledJobType } from './compiled-job-type';
import { JobTypeError } from './errors';
import { loadJobTypeFromText } from './loader';

export const TEST_FILE = 'job-types/test-type.yaml';

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
steps:
  - id: mount
    title: Mount
    collect: [boxSerial, odometerKm]
    checklist: [Power, CAN bus]
  - id: configure
    title: Configure
    action: cloudboxx.applyConfiguration
cloudboxx:
  configuration:
    serial: \${boxSerial}
access:
  permissions: [lock, unlock, configure]
  maxDuration: PT8H
deadlines:
  startWithin: P7D
  completeWithin: P14D
`;

/** BASE_YAML with `from` (which must occur exactly once) replaced by `to`. */
export function variant(from: string, to: string, base: string = BASE_YAML): string {
  const first = base.indexOf(from);
  expect(first, `"${from}" in the base definition`).to.be.greaterThan(-1);
  expect(base.indexOf(from, first + 1), `"${from}" occurs once`).to.equal(-1);
  return base.slice(0, first) + to + base.slice(first + from.length);
}

/** The problem lines for a definition text; [] when it loads. */
export function problemsOf(text: string, file: string = TEST_FILE): string[] {
  try {
    loadJobTypeFromText(file, text);
    return [];
  } catch (error) {
    if (error instanceof JobTypeError) return error.toString().split('\n');
    throw error;
  }
}

export function compileText(text: string = BASE_YAML, file: string = TEST_FILE): CompiledJobType {
  return loadJobTypeFromText(file, text);
}
