// Field keys named like members of Object.prototype (constructor, toString, valueOf …): a job has
// a value for one only when it was given, never because every object inherits the name.
import { expect } from 'chai';
import type { CompiledJobType } from './compiled-job-type';
import { loadJobTypeFromText } from './loader';
import {
  lockedFieldKeys,
  lockViolations,
  missingRequiredFields,
  renderCloudBoxxConfiguration,
  stepApplies,
  unresolvedPlaceholders,
} from './rules';
import { validateProviderValues, validateStepValues } from './value-validation';

const PROTOTYPE_KEYS_YAML = `id: prototype-keys
version: 1
title: Keys like Object.prototype's members
sections: [{ id: main, title: Main }]
fields:
  - { key: isPrototypeOf, label: CloudBoxx QNR, section: main, type: string, preset: required }
  - { key: hasOwnProperty, label: Operation, section: main, type: enum, preset: required, validation: { options: [{ value: install, label: Install }, { value: swap, label: Swap }] } }
  - { key: constructor, label: Constructor, section: main, type: string }
  - { key: toString, label: To string, section: main, type: string, required: true, default: plain }
  - { key: valueOf, label: Value of, section: main, type: integer, required: true }
  - { key: toLocaleString, label: Locale, section: main, type: string, required: true }
vehicle: { qnrField: isPrototypeOf }
steps:
  - { id: check, title: Check, collect: [constructor, toString, valueOf] }
  - { id: swap, title: Swap, when: { field: hasOwnProperty, equals: swap }, collect: [toLocaleString] }
  - { id: configure, title: Configure, action: cloudboxx.applyConfiguration }
cloudboxx: { configuration: { name: "\${toString}", note: "\${valueOf}" } }
access: { permissions: [configure], maxDuration: PT2H }
`;

describe('field keys named like members of Object.prototype', () => {
  let compiled: CompiledJobType;
  const presets = { isPrototypeOf: '0123456789ABCDEF', hasOwnProperty: 'install' };
  before(() => {
    compiled = loadJobTypeFromText('job-types/prototype-keys.yaml', PROTOTYPE_KEYS_YAML);
  });

  it('creates a job without values for them, and checks them when given', () => {
    expect(validateProviderValues(compiled, presets)).to.deep.equal([]);
    expect(validateProviderValues(compiled, { ...presets, constructor: 'given', toString: 'mine' })).to.deep.equal([]);
    expect(validateProviderValues(compiled, { ...presets, constructor: 5 })).to.deep.equal([
      { pointer: '/values/constructor', field: 'constructor', rule: 'type', message: 'Constructor must be text' },
    ]);
    // Required at creation, and missing: the prototype's member is no value.
    expect(validateProviderValues(compiled, {}).map((issue) => `${issue.pointer} ${issue.rule}`)).to.deep.equal([
      '/values/isPrototypeOf required',
      '/values/hasOwnProperty required',
    ]);
  });

  it('requires in a step exactly what the step lacks, and locks only what was given', () => {
    expect(validateStepValues(compiled, 'check', {}, presets)).to.deep.equal([
      { pointer: '/values/toString', field: 'toString', rule: 'required', message: 'To string is required in this step' },
      { pointer: '/values/valueOf', field: 'valueOf', rule: 'required', message: 'Value of is required in this step' },
    ]);
    expect(validateStepValues(compiled, 'check', { toString: 'x', valueOf: 3 }, presets)).to.deep.equal([]);
    expect(lockedFieldKeys(compiled, presets)).to.deep.equal(['isPrototypeOf', 'hasOwnProperty']);
    expect(lockViolations(compiled, presets, {})).to.deep.equal([]);
    const withConstructor = { ...presets, constructor: 'given' };
    expect(lockedFieldKeys(compiled, withConstructor)).to.deep.equal(['isPrototypeOf', 'hasOwnProperty', 'constructor']);
    expect(validateStepValues(compiled, 'check', { constructor: 'other', toString: 'x', valueOf: 3 }, withConstructor)).to.deep.equal([
      {
        pointer: '/values/constructor',
        field: 'constructor',
        rule: 'locked',
        message: 'Constructor was set when the job was created and cannot be changed',
      },
    ]);
  });

  it('counts them as blank until given: required fields, step conditions, the configuration', () => {
    expect(missingRequiredFields(compiled, presets)).to.deep.equal(['toString', 'valueOf']);
    expect(missingRequiredFields(compiled, { ...presets, hasOwnProperty: 'swap' })).to.deep.equal([
      'toString',
      'valueOf',
      'toLocaleString',
    ]);
    expect(stepApplies(compiled.steps[1]!, {})).to.equal(false);
    expect(stepApplies(compiled.steps[1]!, { hasOwnProperty: 'swap' })).to.equal(true);
    expect(unresolvedPlaceholders(compiled, presets)).to.deep.equal(['valueOf']);
    expect(renderCloudBoxxConfiguration(compiled, { ...presets, valueOf: 3 })).to.deep.equal({ name: 'plain', note: 3 });
  });
});
