// Every check beyond the grammar, failing once: the exact line the author reads.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { JobTypeError } from './errors';
import { loadJobTypeFiles } from './loader';
import { BASE_YAML, describeProblems, itReportsProblems, variant } from './testing';

const CONFIGURE_STEP = '    action: cloudboxx.applyConfiguration';
const withVerifyStep = (permissions: string): string =>
  variant(CONFIGURE_STEP, `${CONFIGURE_STEP}\n  - id: verify\n    title: Verify\n    action: cloudboxx.verifyLockUnlock`).replace(
    '[lock, unlock, configure]',
    permissions,
  );

/** BASE_YAML (or `base`) with a condition on the configure step. */
const when = (condition: string, base: string = BASE_YAML): string => variant(CONFIGURE_STEP, `    when: ${condition}\n${CONFIGURE_STEP}`, base);

describe('job-type semantic checks', () => {
  describeProblems({
    duplicates: [
      [
        'a section id twice',
        ['    title: Setup\n', '    title: Setup\n  - id: setup\n    title: Again\n'],
        ['7:9 sections[1].id: duplicate section id "setup" (already used by sections[0])'],
      ],
      [
        'a field key twice',
        ['  - key: odometerKm', '  - key: boxSerial'],
        ['24:10 fields[2].key: duplicate field key "boxSerial" (already used by fields[1])', '32:26 steps[0].collect[1]: unknown field "odometerKm"'],
      ],
      ['a step id twice', ['  - id: configure', '  - id: mount'], ['34:9 steps[1].id: duplicate step id "mount" (already used by steps[0])']],
      [
        'an option value twice',
        ['{ value: swap, label: Swap }', '{ value: install, label: Swap }'],
        ['16:20 fields[0].validation.options[1].value: duplicate option "install" (already options[0])'],
      ],
      [
        'a field collected twice in one step',
        ['collect: [boxSerial, odometerKm]', 'collect: [boxSerial, odometerKm, boxSerial]'],
        ['32:38 steps[0].collect[2]: field "boxSerial" is listed twice in this step'],
      ],
      [
        'a field collected by two steps',
        [CONFIGURE_STEP, `${CONFIGURE_STEP}\n    collect: [odometerKm]`],
        ['37:15 steps[1].collect[0]: field "odometerKm" is already collected by step "mount"; a field is filled in one step'],
      ],
    ],

    references: [
      [
        'an unknown field in a step, with a suggestion (and no echo about the field it meant)',
        ['collect: [boxSerial, odometerKm]', 'collect: [boxSerail, odometerKm]'],
        ['32:15 steps[0].collect[0]: unknown field "boxSerail" (did you mean "boxSerial"?)'],
      ],
      [
        'a misspelt section',
        ['    section: setup\n    type: integer', '    section: setpu\n    type: integer'],
        ['26:14 fields[2].section: unknown section "setpu" (did you mean "setup"?)'],
      ],
      [
        'an unknown section, listing the known ones',
        ['    section: setup\n    type: integer', '    section: vehicle\n    type: integer'],
        ['26:14 fields[2].section: unknown section "vehicle"; sections: setup'],
      ],
    ],

    'validation rules': [
      [
        'pattern on an integer field',
        ['validation: { minimum: 0 }', 'validation: { minimum: 0, pattern: "^[0-9]+$" }'],
        ['28:31 fields[2].validation.pattern: pattern applies only to string and text fields, not to an integer field'],
      ],
      [
        'options on a string field',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      options: [{ value: a, label: A }]'],
        ['23:7 fields[1].validation.options: options applies only to enum fields, not to a string field'],
      ],
      [
        'minimum on a string field',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      minimum: 3'],
        ['23:7 fields[1].validation.minimum: minimum applies only to integer and number fields, not to a string field'],
      ],
      [
        'an enum without options',
        ['    validation:\n      options:\n        - { value: install, label: Install }\n        - { value: swap, label: Swap }\n', ''],
        ['11:11 fields[0].type: an enum field needs validation.options to choose from'],
      ],
      [
        'a patternMessage without pattern',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      patternMessage: must be upper case'],
        ['23:7 fields[1].validation.patternMessage: explains a pattern, but there is no validation.pattern'],
      ],
      [
        'a pattern that is no regular expression',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^[A-Z0-9{8,12}$"'],
        ['23:16 fields[1].validation.pattern: is not a valid regular expression: Invalid regular expression: /^[A-Z0-9{8,12}$/u: Unterminated character class'],
      ],
      [
        'minLength above maxLength',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      minLength: 12\n      maxLength: 8'],
        ['23:7 fields[1].validation: minLength (12) is greater than maxLength (8), so no value could ever be valid'],
      ],
      [
        'minimum above maximum',
        ['validation: { minimum: 0 }', 'validation: { minimum: 10, maximum: 5 }'],
        ['28:17 fields[2].validation: minimum (10) is greater than maximum (5), so no value could ever be valid'],
      ],
      [
        'a default that is not an option',
        ['    preset: required\n', '    preset: required\n    default: replace\n'],
        ['13:14 fields[0].default: the default must be one of "install" or "swap"'],
      ],
      [
        'a default that breaks the pattern',
        ['    required: true\n', '    required: true\n    default: abc\n'],
        ['22:14 fields[1].default: the default must match the pattern ^[A-Z0-9]{8,12}$'],
      ],
      ['accepts a default that fits', ['    type: integer\n', '    type: integer\n    default: 5\n'], []],
    ],

    'fields somebody must be able to fill': [
      [
        'required, preset forbidden, and no step collects it',
        () => variant('    required: true\n', '    required: true\n    preset: forbidden\n').replace('collect: [boxSerial, odometerKm]', 'collect: [odometerKm]'),
        ['17:5 fields[1]: field "boxSerial" is required, but no step collects it and preset is forbidden, so nobody can ever fill it'],
      ],
      [
        'optional, preset forbidden, and no step collects it',
        () => variant('    type: integer\n', '    type: integer\n    preset: forbidden\n').replace('collect: [boxSerial, odometerKm]', 'collect: [boxSerial]'),
        ['24:5 fields[2]: field "odometerKm" can never be filled: no step collects it and preset is forbidden'],
      ],
      [
        'required, preset allowed, and no step collects it',
        () => variant('    type: integer\n', '    type: integer\n    required: true\n').replace('collect: [boxSerial, odometerKm]', 'collect: [boxSerial]'),
        ['24:5 fields[2]: field "odometerKm" is required, but no step collects it: a job created without it could never succeed (collect it in a step or set preset: required)'],
      ],
    ],

    actions: [
      [
        'an action missing one permission',
        () => withVerifyStep('[lock, configure]'),
        ['39:13 steps[2].action: cloudboxx.verifyLockUnlock needs the "unlock" permission; add it to access.permissions'],
      ],
      [
        'an action missing two permissions',
        () => withVerifyStep('[configure]'),
        ['39:13 steps[2].action: cloudboxx.verifyLockUnlock needs the "lock" and "unlock" permissions; add them to access.permissions'],
      ],
      [
        'applying a configuration that does not exist',
        ['cloudboxx:\n  configuration:\n    serial: ${boxSerial}\n', ''],
        ['36:13 steps[1].action: there is no cloudboxx.configuration to apply'],
      ],
      [
        'a configuration no step applies',
        [CONFIGURE_STEP, '    checklist: [Done]'],
        ['38:3 cloudboxx.configuration: no step applies it; add a step with action: cloudboxx.applyConfiguration'],
      ],
    ],

    'configuration template': [
      [
        'a placeholder naming an unknown field',
        ['serial: ${boxSerial}', 'serial: ${boxSerail}'],
        ['39:13 cloudboxx.configuration.serial: unknown field "boxSerail" in placeholder ${boxSerail} (did you mean "boxSerial"?)'],
      ],
      [
        'a placeholder that is not a field key',
        ['serial: ${boxSerial}', 'serial: "${box serial}"'],
        ['39:13 cloudboxx.configuration.serial: placeholder "${box serial}" must name a field key, e.g. ${vin}'],
      ],
      [
        'an unclosed placeholder',
        ['serial: ${boxSerial}', 'serial: "S-${boxSerial"'],
        ['39:13 cloudboxx.configuration.serial: placeholder "${boxSerial" has no closing "}"'],
      ],
      [
        'an optional field without default',
        ['serial: ${boxSerial}', 'serial: ${boxSerial}\n    km: "${odometerKm} km"'],
        ['40:9 cloudboxx.configuration.km: placeholder ${odometerKm} may resolve to nothing: field "odometerKm" is optional and has no default (make it required or give it a default)'],
      ],
      [
        'a field collected only after the configuration is applied',
        () =>
          variant('  - id: configure\n    title: Configure\n    action: cloudboxx.applyConfiguration\n', '').replace(
            '  - id: mount\n',
            '  - id: configure\n    title: Configure\n    action: cloudboxx.applyConfiguration\n  - id: mount\n',
          ),
        ['39:13 cloudboxx.configuration.serial: placeholder ${boxSerial} may resolve to nothing: step "configure" applies the configuration before step "mount" collects "boxSerial"'],
      ],
      [
        'a field collected by a conditional step, applied for every job',
        ['    collect: [boxSerial, odometerKm]', '    when: { field: operation, equals: swap }\n    collect: [boxSerial, odometerKm]'],
        ['40:13 cloudboxx.configuration.serial: placeholder ${boxSerial} may resolve to nothing: step "mount" collects "boxSerial" only when operation = swap, but step "configure" applies the configuration for every job'],
      ],
      [
        'accepts an optional field with a default',
        () => variant('    type: integer\n', '    type: integer\n    default: 0\n').replace('serial: ${boxSerial}', 'serial: ${boxSerial}\n    km: ${odometerKm}'),
        [],
      ],
      [
        'accepts a conditional field applied under the same condition',
        () =>
          variant('    collect: [boxSerial, odometerKm]', '    when: { field: operation, equals: swap }\n    collect: [boxSerial, odometerKm]').replace(
            CONFIGURE_STEP,
            `    when: { field: operation, equals: swap }\n${CONFIGURE_STEP}`,
          ),
        [],
      ],
    ],

    'step conditions': [
      ['an unknown field', () => when('{ field: operatoin, equals: swap }'), ['36:20 steps[1].when.field: unknown field "operatoin" (did you mean "operation"?)']],
      [
        'a field that is neither enum nor boolean',
        () => when('{ field: odometerKm, equals: "5" }'),
        ['36:20 steps[1].when.field: a step condition needs an enum or boolean field; "odometerKm" is an integer field'],
      ],
      [
        'a field the provider need not preset',
        () => when('{ field: operation, equals: swap }', variant('    preset: required\n', '')),
        ['35:20 steps[1].when.field: field "operation" must have preset: required to decide a step, so that a job\'s steps are known when it is created'],
      ],
      [
        'a value that is not an option',
        () => when('{ field: operation, equals: swp }'),
        ['36:39 steps[1].when.equals: "swp" is not an option of "operation" (did you mean "swap"?); options: install, swap'],
      ],
    ],

    'durations and deadlines': [
      ['a duration that is not ISO 8601', ['maxDuration: PT8H', 'maxDuration: 8h'], ['42:16 access.maxDuration: "8h" is not an ISO 8601 duration (e.g. PT8H, P14D, P1DT12H)']],
      [
        'a duration in months',
        ['completeWithin: P14D', 'completeWithin: P1M'],
        ['45:19 deadlines.completeWithin: "P1M" uses months or years, which have no fixed length; use weeks or days, e.g. P30D'],
      ],
      ['a zero duration', ['maxDuration: PT8H', 'maxDuration: PT0S'], ['42:16 access.maxDuration: "PT0S" must be longer than zero']],
      ['a negative duration', ['startWithin: P7D', 'startWithin: -P7D'], ['44:16 deadlines.startWithin: "-P7D" must be longer than zero']],
      [
        'completing no later than starting',
        ['completeWithin: P14D', 'completeWithin: P7D'],
        ['45:19 deadlines.completeWithin: P7D is not longer than startWithin (P7D): a job could still be started after it must be complete'],
      ],
      [
        'completing before starting, in other units',
        ['completeWithin: P14D', 'completeWithin: PT48H'],
        ['45:19 deadlines.completeWithin: PT48H is not longer than startWithin (P7D): a job could still be started after it must be complete'],
      ],
    ],
  });

  itReportsProblems([
    [
      'reports problems of every kind in one pass, in file order',
      () =>
        variant('version: 1', 'version: 0')
          .replace('collect: [boxSerial, odometerKm]', 'collect: [boxSerail, odometerKm]')
          .replace('serial: ${boxSerial}', 'serial: ${serial}')
          .replace('maxDuration: PT8H', 'maxDuration: 8 hours'),
      [
        '2:10 version: must be at least 1, but is 0',
        '32:15 steps[0].collect[0]: unknown field "boxSerail" (did you mean "boxSerial"?)',
        '39:13 cloudboxx.configuration.serial: unknown field "serial" in placeholder ${serial}',
        '42:16 access.maxDuration: "8 hours" is not an ISO 8601 duration (e.g. PT8H, P14D, P1DT12H)',
      ],
    ],
  ]);

  it('refuses two files defining the same id, naming both', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'job-types-'));
    await writeFile(path.join(dir, 'a.yaml'), BASE_YAML);
    await writeFile(path.join(dir, 'b.yaml'), variant('version: 1', 'version: 2'));
    const error = await loadJobTypeFiles(['a.yaml', 'b.yaml'], { baseDir: dir }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    await rm(dir, { recursive: true, force: true });
    expect(error).to.be.instanceOf(JobTypeError);
    expect(String(error)).to.equal('b.yaml:1:5 id: job type "test-type" is already defined in a.yaml');
  });
});
