// The pure rules a running job follows (used by the workflow), on small definitions.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CompiledJobType } from './compiled-job-type';
import {
  applicableSteps,
  checkStepOrder,
  completionBlockers,
  ConfigurationRenderError,
  lockedFieldKeys,
  lockViolations,
  missingChecklistItems,
  missingRequiredFields,
  nextStep,
  renderCloudBoxxConfiguration,
  unresolvedPlaceholders,
} from './rules';
import { compileText, variant, withReadStep } from '../test/support/job-type-texts';

/** The QNR preset for the jobs below (BASE_YAML's boxQnr has preset: required). */
const QNR = '0123456789ABCDEF';

/** BASE_YAML with the mount step only for swaps, and the configuration applied only then too. */
const SWAP_ONLY = variant(
  '    collect: [boxSerial, odometerKm]',
  '    when: { field: operation, equals: swap }\n    collect: [boxSerial, odometerKm]',
).replace(
  '    action: cloudboxx.applyConfiguration',
  '    when: { field: operation, equals: swap }\n    action: cloudboxx.applyConfiguration',
);

describe('job rules', () => {
  let job: CompiledJobType;
  let swapOnly: CompiledJobType;
  before(() => {
    job = compileText();
    swapOnly = compileText(SWAP_ONLY);
  });

  describe('step order', () => {
    it('goes through the steps strictly in order', () => {
      expect(nextStep(job, [], {})?.id).to.equal('mount');
      expect(checkStepOrder(job, [], 'mount', {})).to.equal(null);
      expect(checkStepOrder(job, [], 'configure', {})).to.deep.equal({
        rule: 'outOfOrder',
        message: 'step "Configure" cannot be completed before step "Mount"',
      });
      expect(nextStep(job, ['mount'], {})?.id).to.equal('configure');
      expect(nextStep(job, ['mount', 'configure'], {})).to.equal(null);
    });

    it('refuses a step twice, and a step the type does not have', () => {
      expect(checkStepOrder(job, ['mount'], 'mount', {})).to.deep.equal({
        rule: 'alreadyCompleted',
        message: 'step "Mount" is already completed',
      });
      expect(checkStepOrder(job, [], 'verify', {})).to.deep.equal({
        rule: 'unknownStep',
        message: 'job type test-type@1 has no step "verify"',
      });
    });

    it('leaves out the steps whose condition the job does not meet', () => {
      expect(applicableSteps(swapOnly, { operation: 'install' }).map((step) => step.id)).to.deep.equal([]);
      expect(applicableSteps(swapOnly, { operation: 'swap' }).map((step) => step.id)).to.deep.equal(['mount', 'configure']);
      expect(checkStepOrder(swapOnly, [], 'mount', { operation: 'install' })).to.deep.equal({
        rule: 'notApplicable',
        message: 'step "Mount" is not part of this job (only when operation is swap)',
      });
    });

    it('takes a step whose condition lists several values when the job has any of them', () => {
      const options = '        - { value: swap, label: Swap }\n';
      const several = compileText(
        variant(options, `${options}        - { value: replace, label: Replace }\n`, SWAP_ONLY).replace(
          /equals: swap/g,
          'in: [swap, replace]',
        ),
      );
      const stepsOf = (operation: string): string[] => applicableSteps(several, { operation }).map((step) => step.id);
      expect([stepsOf('install'), stepsOf('swap'), stepsOf('replace')]).to.deep.equal([[], ['mount', 'configure'], ['mount', 'configure']]);
      expect(checkStepOrder(several, [], 'mount', { operation: 'install' })).to.deep.equal({
        rule: 'notApplicable',
        message: 'step "Mount" is not part of this job (only when operation is swap or replace)',
      });
    });

    it('lists the checklist items not ticked', () => {
      const mount = job.steps[0];
      if (mount === undefined) throw new Error('no step');
      expect(missingChecklistItems(mount, ['Power'])).to.deep.equal(['CAN bus']);
      expect(missingChecklistItems(mount, ['CAN bus', 'Power'])).to.deep.equal([]);
    });
  });

  describe('required fields and locks', () => {
    it('lists required fields without a value; "" and null are no value', () => {
      expect(missingRequiredFields(job, {})).to.deep.equal(['operation', 'boxSerial', 'boxQnr']);
      expect(missingRequiredFields(job, { operation: 'install', boxQnr: QNR, boxSerial: '' })).to.deep.equal(['boxSerial']);
      expect(missingRequiredFields(job, { operation: 'install', boxQnr: null, boxSerial: 'AB123456' })).to.deep.equal(['boxQnr']);
      expect(missingRequiredFields(job, { operation: 'install', boxQnr: QNR, boxSerial: 'AB123456' })).to.deep.equal([]);
    });

    it('does not require what a skipped step would have collected', () => {
      expect(missingRequiredFields(swapOnly, { operation: 'install', boxQnr: QNR })).to.deep.equal([]);
      expect(missingRequiredFields(swapOnly, { operation: 'swap', boxQnr: QNR })).to.deep.equal(['boxSerial']);
    });

    it('tells what still stands between the job and success', () => {
      expect(completionBlockers(job, { completedStepIds: ['mount'], values: { operation: 'install', boxQnr: QNR } })).to.deep.equal({
        pendingSteps: ['configure'],
        missingFields: ['boxSerial'],
      });
      expect(completionBlockers(swapOnly, { completedStepIds: [], values: { operation: 'install', boxQnr: QNR } })).to.deep.equal({
        pendingSteps: [],
        missingFields: [],
      });
    });

    it('requires a field an action fills only of jobs that have the filling step, and until it is filled', () => {
      const km = '{ key: km, label: Km, section: setup, type: integer, required: true, preset: forbidden }';
      const readForSwaps = compileText(withReadStep('{ km: odometerKm }', [km], '{ field: operation, equals: swap }'));
      const values = { operation: 'swap', boxQnr: QNR, boxSerial: 'AB123456' };
      expect(completionBlockers(readForSwaps, { completedStepIds: ['mount', 'configure', 'read'], values })).to.deep.equal({
        pendingSteps: [],
        missingFields: ['km'],
      });
      expect(
        completionBlockers(readForSwaps, { completedStepIds: ['mount', 'configure', 'read'], values: { ...values, km: 48_210 } }),
      ).to.deep.equal({
        pendingSteps: [],
        missingFields: [],
      });
      expect(
        completionBlockers(readForSwaps, { completedStepIds: ['mount', 'configure'], values: { ...values, operation: 'install' } }),
      ).to.deep.equal({
        pendingSteps: [],
        missingFields: [],
      });
    });

    it('locks the fields given a value at creation', () => {
      const preset = { operation: 'swap', boxSerial: 'AB123456', odometerKm: null };
      expect(lockedFieldKeys(job, preset)).to.deep.equal(['operation', 'boxSerial']);
      expect(lockViolations(job, preset, { boxSerial: 'AB123456', odometerKm: 4 })).to.deep.equal([]);
      expect(lockViolations(job, preset, { boxSerial: 'ZZ999999' })).to.deep.equal([
        {
          pointer: '/values/boxSerial',
          field: 'boxSerial',
          rule: 'locked',
          message: 'Box serial was set when the job was created and cannot be changed',
        },
      ]);
    });
  });

  describe('the CloudBoxx configuration', () => {
    const TEMPLATE = variant('    type: integer\n', '    type: integer\n    default: 0\n').replace(
      'serial: ${boxSerial}',
      'serial: ${boxSerial}\n    label: "Box ${boxSerial} in ${operation} job"\n    odometerKm: ${odometerKm}\n    fixed: [1, true, null]',
    );

    it('fills every placeholder, keeping numbers numbers and spelling values inside text', () => {
      const compiled = compileText(TEMPLATE);
      expect(renderCloudBoxxConfiguration(compiled, { operation: 'swap', boxSerial: 'AB123456', odometerKm: 4711 })).to.deep.equal({
        serial: 'AB123456',
        label: 'Box AB123456 in swap job',
        odometerKm: 4711,
        fixed: [1, true, null],
      });
    });

    it('falls back to a field default when the field is blank', () => {
      const compiled = compileText(TEMPLATE);
      expect(renderCloudBoxxConfiguration(compiled, { operation: 'swap', boxSerial: 'AB123456' })).to.include({ odometerKm: 0 });
    });

    it('refuses to render with placeholders left empty, naming the fields', () => {
      const compiled = compileText(TEMPLATE);
      expect(unresolvedPlaceholders(compiled, { operation: 'swap' })).to.deep.equal(['boxSerial']);
      expect(() => renderCloudBoxxConfiguration(compiled, { operation: 'swap' }))
        .to.throw(ConfigurationRenderError, 'the CloudBoxx configuration needs values for "boxSerial"')
        .with.property('missingFields')
        .that.deep.equals(['boxSerial']);
    });

    it('renders an address inside text as its text', () => {
      const compiled = compileText(
        variant(
          '  - key: odometerKm\n    label: Odometer\n    section: setup\n    type: integer\n    validation: { minimum: 0 }\n',
          '  - key: site\n    label: Site\n    section: setup\n    type: address\n    required: true\n    preset: required\n',
        )
          .replace('collect: [boxSerial, odometerKm]', 'collect: [boxSerial]')
          .replace('serial: ${boxSerial}', 'serial: ${boxSerial}\n    site: "at ${site}"\n    where: ${site}'),
      );
      const site = { text: 'Hauptstraße 1, Berlin', lat: 52.5, lng: 13.4 };
      expect(renderCloudBoxxConfiguration(compiled, { boxSerial: 'AB123456', site })).to.deep.equal({
        serial: 'AB123456',
        site: 'at Hauptstraße 1, Berlin',
        where: site,
      });
    });

    it('gives an empty configuration for a type without one', () => {
      const compiled = compileText(
        variant('cloudboxx:\n  configuration:\n    serial: ${boxSerial}\n', '').replace(
          '    action: cloudboxx.applyConfiguration\n    qnrField: boxQnr',
          '    checklist: [Done]',
        ),
      );
      expect(renderCloudBoxxConfiguration(compiled, {})).to.deep.equal({});
      expect(unresolvedPlaceholders(compiled, {})).to.deep.equal([]);
    });
  });

  describe('fit for the workflow sandbox', () => {
    /** Module specifiers imported by `file` and, transitively, by the local modules it imports. */
    function importClosure(entry: string): { local: string[]; external: string[] } {
      const local = new Set<string>();
      const external = new Set<string>();
      const visit = (file: string): void => {
        if (local.has(file)) return;
        local.add(file);
        const source = readFileSync(file, 'utf8');
        for (const match of source.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)) {
          const specifier = match[1] as string;
          if (specifier.startsWith('.')) visit(path.resolve(path.dirname(file), `${specifier}.ts`));
          else external.add(specifier);
        }
      };
      visit(path.join(__dirname, entry));
      return { local: [...local].map((file) => path.relative(__dirname, file)), external: [...external] };
    }

    it('rules.ts and everything it imports use no Node built-in and no package', () => {
      const closure = importClosure('rules.ts');
      expect(closure.external).to.deep.equal([]);
      expect(closure.local).to.include('template.ts');
    });

    it('value-validation.ts adds only ajv, RE2 (pure JS) and the suggestion library', () => {
      expect(importClosure('value-validation.ts').external.sort()).to.deep.equal([
        'ajv',
        'ajv/dist/2020',
        'ajv/dist/types',
        'fastest-levenshtein',
        're2js',
      ]);
    });
  });
});
