// Every check beyond the grammar, failing once: the exact line the author reads.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { JobTypeError } from './errors';
import { loadJobTypeFiles } from './loader';
import { BASE_YAML, describeProblems, itReportsProblems, variant } from './testing';

const CONFIGURE_STEP = '    action: cloudboxx.applyConfiguration';
/** The configure step's action and the CloudBoxx it talks to. */
const CONFIGURE_ACTION = `${CONFIGURE_STEP}\n    qnrField: boxQnr`;
const withVerifyStep = (permissions: string): string =>
  variant(CONFIGURE_ACTION, `${CONFIGURE_ACTION}\n  - id: verify\n    title: Verify\n    action: cloudboxx.verifyLockUnlock\n    qnrField: boxQnr`).replace(
    '[lock, unlock, configure]',
    permissions,
  );

/** BASE_YAML with boxQnr no longer preset: `attributes` replace `preset: required` in its line. */
const qnrFieldAs = (attributes: string): string => variant('type: string, preset: required', `type: string${attributes}`);
/** `base` with a step inserted before configure. */
const withStepBeforeConfigure = (step: string, base: string): string => variant('  - id: configure\n', `${step}  - id: configure\n`, base);
const READ_LABEL = '  - id: read-label\n    title: Read the label\n    collect: [boxQnr]\n';
const READ_LABEL_FOR_SWAPS = '  - id: read-label\n    title: Read the label\n    when: { field: operation, equals: swap }\n    collect: [boxQnr]\n';

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
        ['24:10 fields[2].key: duplicate field key "boxSerial" (already used by fields[1])', '33:26 steps[0].collect[1]: unknown field "odometerKm"'],
      ],
      ['a step id twice', ['  - id: configure', '  - id: mount'], ['35:9 steps[1].id: duplicate step id "mount" (already used by steps[0])']],
      [
        'an option value twice',
        ['{ value: swap, label: Swap }', '{ value: install, label: Swap }'],
        ['16:20 fields[0].validation.options[1].value: duplicate option "install" (already options[0])'],
      ],
      [
        'a field collected twice in one step',
        ['collect: [boxSerial, odometerKm]', 'collect: [boxSerial, odometerKm, boxSerial]'],
        ['33:38 steps[0].collect[2]: field "boxSerial" is listed twice in this step'],
      ],
      [
        'a field collected by two steps',
        [CONFIGURE_STEP, `${CONFIGURE_STEP}\n    collect: [odometerKm]`],
        ['38:15 steps[1].collect[0]: field "odometerKm" is already collected by step "mount"; a field is filled in one step'],
      ],
    ],

    references: [
      [
        'an unknown field in a step, with a suggestion (and no echo about the field it meant)',
        ['collect: [boxSerial, odometerKm]', 'collect: [boxSerail, odometerKm]'],
        ['33:15 steps[0].collect[0]: unknown field "boxSerail" (did you mean "boxSerial"?)'],
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
        ['41:13 steps[2].action: cloudboxx.verifyLockUnlock needs the "unlock" permission; add it to access.permissions'],
      ],
      [
        'an action missing two permissions',
        () => withVerifyStep('[configure]'),
        ['41:13 steps[2].action: cloudboxx.verifyLockUnlock needs the "lock" and "unlock" permissions; add them to access.permissions'],
      ],
      [
        'applying a configuration that does not exist',
        ['cloudboxx:\n  configuration:\n    serial: ${boxSerial}\n', ''],
        ['37:13 steps[1].action: there is no cloudboxx.configuration to apply'],
      ],
      [
        'a configuration no step applies',
        [CONFIGURE_ACTION, '    checklist: [Done]'],
        ['39:3 cloudboxx.configuration: no step applies it; add a step with action: cloudboxx.applyConfiguration'],
      ],
    ],

    'the CloudBoxx a step talks to (qnrField)': [
      [
        'an action without qnrField',
        ['    qnrField: boxQnr\n', ''],
        ['35:5 steps[1]: step "configure" runs cloudboxx.applyConfiguration and needs qnrField: the field holding the QNR of the CloudBoxx it talks to'],
      ],
      [
        'a misspelt qnrField key: one problem, not also "needs qnrField"',
        ['    qnrField: boxQnr', '    qnrFeild: boxQnr'],
        ['38:5 steps[1].qnrFeild: unknown key "qnrFeild" (did you mean "qnrField"?)'],
      ],
      [
        'qnrField on a step without action',
        ['    checklist: [Power, CAN bus]\n', '    checklist: [Power, CAN bus]\n    qnrField: boxQnr\n'],
        ['35:5 steps[0].qnrField: step "mount" runs no action, so it talks to no CloudBoxx: remove qnrField (or add an action)'],
      ],
      ['an unknown field, with a suggestion', ['qnrField: boxQnr', 'qnrField: boxQrn'], ['38:15 steps[1].qnrField: unknown field "boxQrn" (did you mean "boxQnr"?)']],
      ['an unknown field, without one', ['qnrField: boxQnr', 'qnrField: telematicsUnit'], ['38:15 steps[1].qnrField: unknown field "telematicsUnit"']],
      [
        'a field that is not a string',
        ['qnrField: boxQnr', 'qnrField: odometerKm'],
        ['38:15 steps[1].qnrField: a QNR is 16 hexadecimal characters, so qnrField needs a string field; "odometerKm" is an integer field'],
      ],
      [
        'a field nobody has to fill',
        () => qnrFieldAs(''),
        ['38:15 steps[1].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: no step collects it and the provider need not fill it (set preset: required, or collect it with required: true in this step or an earlier one)'],
      ],
      [
        'a field collected only by a later step',
        () => `${qnrFieldAs(', required: true')}`.replace('    qnrField: boxQnr\n', '    qnrField: boxQnr\n  - id: finish\n    title: Finish\n    collect: [boxQnr]\n'),
        ['38:15 steps[1].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: step "finish" collects it only later (collect it in this step or an earlier one)'],
      ],
      [
        'a field collected by a conditional step, for a step every job has',
        () => withStepBeforeConfigure(READ_LABEL_FOR_SWAPS, qnrFieldAs(', required: true')),
        ['42:15 steps[2].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: step "read-label" collects it only when operation = swap, but step "configure" runs for every job'],
      ],
      [
        'a field collected under another condition',
        () => when('{ field: operation, equals: install }', withStepBeforeConfigure(READ_LABEL_FOR_SWAPS, qnrFieldAs(', required: true'))),
        ['43:15 steps[2].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: step "read-label" collects it only when operation = swap, but step "configure" runs when operation = install'],
      ],
      [
        'an optional field, collected earlier',
        () => withStepBeforeConfigure(READ_LABEL, qnrFieldAs('')),
        ['41:15 steps[2].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: the field is optional, so the installer may leave it empty (make it required: true)'],
      ],
      [
        'a field nobody can fill: only the coverage problem, not also a blank QNR',
        () => qnrFieldAs(', required: true, preset: forbidden'),
        ['29:5 fields[3]: field "boxQnr" is required, but no step collects it and preset is forbidden, so nobody can ever fill it'],
      ],
      ['accepts a required field collected by an earlier step', () => withStepBeforeConfigure(READ_LABEL, qnrFieldAs(', required: true')), []],
      [
        'accepts a required field collected by the step itself',
        () => qnrFieldAs(', required: true').replace('    qnrField: boxQnr\n', '    qnrField: boxQnr\n    collect: [boxQnr]\n'),
        [],
      ],
      [
        'accepts a field collected by an earlier step under the same condition',
        () => when('{ field: operation, equals: swap }', withStepBeforeConfigure(READ_LABEL_FOR_SWAPS, qnrFieldAs(', required: true'))),
        [],
      ],
      [
        'reports every step in one pass',
        () =>
          withVerifyStep('[lock, unlock, configure]')
            .replace('    checklist: [Power, CAN bus]\n', '    checklist: [Power, CAN bus]\n    qnrField: boxQnr\n')
            .replace('    qnrField: boxQnr\n  - id: verify', '  - id: verify')
            .replace('verifyLockUnlock\n    qnrField: boxQnr', 'verifyLockUnlock\n    qnrField: odometerKm'),
        [
          '35:5 steps[0].qnrField: step "mount" runs no action, so it talks to no CloudBoxx: remove qnrField (or add an action)',
          '36:5 steps[1]: step "configure" runs cloudboxx.applyConfiguration and needs qnrField: the field holding the QNR of the CloudBoxx it talks to',
          '42:15 steps[2].qnrField: a QNR is 16 hexadecimal characters, so qnrField needs a string field; "odometerKm" is an integer field',
        ],
      ],
    ],

    'configuration template': [
      [
        'a placeholder naming an unknown field',
        ['serial: ${boxSerial}', 'serial: ${boxSerail}'],
        ['41:13 cloudboxx.configuration.serial: unknown field "boxSerail" in placeholder ${boxSerail} (did you mean "boxSerial"?)'],
      ],
      [
        'a placeholder that is not a field key',
        ['serial: ${boxSerial}', 'serial: "${box serial}"'],
        ['41:13 cloudboxx.configuration.serial: placeholder "${box serial}" must name a field key, e.g. ${vin}'],
      ],
      [
        'an unclosed placeholder',
        ['serial: ${boxSerial}', 'serial: "S-${boxSerial"'],
        ['41:13 cloudboxx.configuration.serial: placeholder "${boxSerial" has no closing "}"'],
      ],
      [
        'an optional field without default',
        ['serial: ${boxSerial}', 'serial: ${boxSerial}\n    km: "${odometerKm} km"'],
        ['42:9 cloudboxx.configuration.km: placeholder ${odometerKm} may resolve to nothing: field "odometerKm" is optional and has no default (make it required or give it a default)'],
      ],
      [
        'a field collected only after the configuration is applied',
        () =>
          variant('  - id: configure\n    title: Configure\n    action: cloudboxx.applyConfiguration\n    qnrField: boxQnr\n', '').replace(
            '  - id: mount\n',
            '  - id: configure\n    title: Configure\n    action: cloudboxx.applyConfiguration\n    qnrField: boxQnr\n  - id: mount\n',
          ),
        ['41:13 cloudboxx.configuration.serial: placeholder ${boxSerial} may resolve to nothing: step "configure" applies the configuration before step "mount" collects "boxSerial"'],
      ],
      [
        'a field collected by a conditional step, applied for every job',
        ['    collect: [boxSerial, odometerKm]', '    when: { field: operation, equals: swap }\n    collect: [boxSerial, odometerKm]'],
        ['42:13 cloudboxx.configuration.serial: placeholder ${boxSerial} may resolve to nothing: step "mount" collects "boxSerial" only when operation = swap, but step "configure" applies the configuration for every job'],
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
      ['an unknown field', () => when('{ field: operatoin, equals: swap }'), ['37:20 steps[1].when.field: unknown field "operatoin" (did you mean "operation"?)']],
      [
        'a field that is neither enum nor boolean',
        () => when('{ field: odometerKm, equals: "5" }'),
        ['37:20 steps[1].when.field: a step condition needs an enum or boolean field; "odometerKm" is an integer field'],
      ],
      [
        'a field the provider need not preset',
        () => when('{ field: operation, equals: swap }', variant('    preset: required\n', '')),
        ['36:20 steps[1].when.field: field "operation" must have preset: required to decide a step, so that a job\'s steps are known when it is created'],
      ],
      [
        'a value that is not an option',
        () => when('{ field: operation, equals: swp }'),
        ['37:39 steps[1].when.equals: "swp" is not an option of "operation" (did you mean "swap"?); options: install, swap'],
      ],
    ],

    'durations and deadlines': [
      ['a duration that is not ISO 8601', ['maxDuration: PT8H', 'maxDuration: 8h'], ['44:16 access.maxDuration: "8h" is not an ISO 8601 duration (e.g. PT8H, P14D, P1DT12H)']],
      [
        'a duration in months',
        ['completeWithin: P14D', 'completeWithin: P1M'],
        ['47:19 deadlines.completeWithin: "P1M" uses months or years, which have no fixed length; use weeks or days, e.g. P30D'],
      ],
      ['a zero duration', ['maxDuration: PT8H', 'maxDuration: PT0S'], ['44:16 access.maxDuration: "PT0S" must be longer than zero']],
      ['a negative duration', ['startWithin: P7D', 'startWithin: -P7D'], ['46:16 deadlines.startWithin: "-P7D" must be longer than zero']],
      [
        'completing no later than starting',
        ['completeWithin: P14D', 'completeWithin: P7D'],
        ['47:19 deadlines.completeWithin: P7D is not longer than startWithin (P7D): a job could still be started after it must be complete'],
      ],
      [
        'completing before starting, in other units',
        ['completeWithin: P14D', 'completeWithin: PT48H'],
        ['47:19 deadlines.completeWithin: PT48H is not longer than startWithin (P7D): a job could still be started after it must be complete'],
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
        '33:15 steps[0].collect[0]: unknown field "boxSerail" (did you mean "boxSerial"?)',
        '41:13 cloudboxx.configuration.serial: unknown field "serial" in placeholder ${serial}',
        '44:16 access.maxDuration: "8 hours" is not an ISO 8601 duration (e.g. PT8H, P14D, P1DT12H)',
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
