// Every check beyond the grammar, failing once: the exact line the author reads.
import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { JobTypeError } from './errors';
import { loadJobTypeFiles } from './loader';
import { IMPORT_META_COLUMN_MEANINGS, IMPORT_META_COLUMNS } from '../common/import-columns';
import {
  BASE_YAML,
  describeProblems,
  itReportsProblems,
  problemsOf,
  TEST_FILE,
  variant,
  withFields,
  withReadStep,
  type ProblemCase,
} from '../test/support/job-type-texts';

const CONFIGURE_STEP = '    action: cloudboxx.applyConfiguration';
/** The configure step's action and the CloudBoxx it talks to. */
const CONFIGURE_ACTION = `${CONFIGURE_STEP}\n    qnrField: boxQnr`;
const withVerifyStep = (permissions: string): string =>
  variant(
    CONFIGURE_ACTION,
    `${CONFIGURE_ACTION}\n  - id: verify\n    title: Verify\n    action: cloudboxx.verifyLockUnlock\n    qnrField: boxQnr`,
  ).replace('[lock, unlock, configure]', permissions);

/** BASE_YAML with boxQnr no longer preset: `attributes` replace `preset: required` in its line. */
const qnrFieldAs = (attributes: string): string => variant('type: string, preset: required', `type: string${attributes}`);
/** `base` with a step inserted before configure. */
const withStepBeforeConfigure = (step: string, base: string): string => variant('  - id: configure\n', `${step}  - id: configure\n`, base);
const READ_LABEL = '  - id: read-label\n    title: Read the label\n    collect: [boxQnr]\n';
const READ_LABEL_FOR_SWAPS =
  '  - id: read-label\n    title: Read the label\n    when: { field: operation, equals: swap }\n    collect: [boxQnr]\n';

/** The vehicle block of BASE_YAML, and the configure step's explicit qnrField. */
const VEHICLE = 'vehicle:\n  qnrField: boxQnr\n';
const STEP_QNR = '    qnrField: boxQnr';
/** BASE_YAML with a text field vin (`attributes` added to its line) and `vehicle` as the vehicle block. */
const withVin = (vehicle: string, attributes = ', preset: required'): string =>
  variant(VEHICLE, vehicle, withFields([`{ key: vin, label: VIN, section: setup, type: string${attributes} }`]));
/** The vehicle block with a VIN compared before configuring. */
const VIN_CHECKED = `${VEHICLE}  vinField: vin\n`;
const READ_VIN = '  - id: read-vin\n    title: Read the VIN\n    collect: [vin]\n';
/** `base` with vin collected by mount, the step before configure. */
const collectVin = (base: string): string => variant('collect: [boxSerial, odometerKm]', 'collect: [boxSerial, odometerKm, vin]', base);
const KM = '{ key: km, label: Km, section: setup, type: integer, preset: forbidden }';
const LOCK_OPTIONS = '{ value: locked, label: Locked }, { value: unlocked, label: Unlocked }';

/** BASE_YAML (or `base`) with a condition on the configure step. */
const when = (condition: string, base: string = BASE_YAML): string =>
  variant(CONFIGURE_STEP, `    when: ${condition}\n${CONFIGURE_STEP}`, base);

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
        [
          '24:10 fields[2].key: duplicate field key "boxSerial" (already used by fields[1])',
          '33:26 steps[0].collect[1]: unknown field "odometerKm"',
        ],
      ],
      [
        'a step id twice',
        ['  - id: configure', '  - id: mount'],
        ['35:9 steps[1].id: duplicate step id "mount" (already used by steps[0])'],
      ],
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

    // One list of the CSV import's own columns (common/import-columns.ts), each refused as a field key.
    'keys the CSV import reserves': IMPORT_META_COLUMNS.map((column): ProblemCase => [
      `a field key "${column}"`,
      () => withFields([`{ key: ${column}, label: Reserved, section: setup, type: string }`]),
      [
        `30:12 fields[4].key: field key "${column}" is reserved: the CSV import of jobs (POST /v1/jobs/import) reads the column ${column} as ${IMPORT_META_COLUMN_MEANINGS[column]}, which a field of that key would take instead; name the field otherwise (reserved: customerName, requestedStartAt, installerCompanyId)`,
      ],
    ]),

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
        'a searchable photo field',
        [
          '    validation: { minimum: 0 }\n',
          '    validation: { minimum: 0 }\n  - { key: photo, label: Photo, section: setup, type: photo, searchable: true }\n',
        ],
        [
          '29:62 fields[3].searchable: a photo field cannot be searched for by what people type; searchable applies to string, text, enum, integer, number, date, datetime, address fields',
        ],
      ],
      [
        'several values on a string field',
        ['    type: string\n    required: true\n', '    type: string\n    multiple: true\n    required: true\n'],
        ['21:5 fields[1].multiple: only a photo field takes several values; a string field holds one'],
      ],
      [
        'a photo field with minItems but one photo',
        [
          '    validation: { minimum: 0 }\n',
          '    validation: { minimum: 0 }\n  - { key: photo, label: Photo, section: setup, type: photo, validation: { minItems: 2 } }\n',
        ],
        [
          '29:76 fields[3].validation.minItems: minItems counts the photos of a field with multiple: true; add multiple: true or remove minItems',
        ],
      ],
      [
        'a photo field needing more photos than it takes',
        [
          '    validation: { minimum: 0 }\n',
          '    validation: { minimum: 0 }\n  - { key: photo, label: Photo, section: setup, type: photo, multiple: true, validation: { minItems: 4, maxItems: 3 } }\n',
        ],
        ['29:90 fields[3].validation: minItems (4) is greater than maxItems (3), so no value could ever be valid'],
      ],
      [
        'a photo field the provider must give, with a default',
        [
          '    validation: { minimum: 0 }\n',
          '    validation: { minimum: 0 }\n  - { key: photo, label: Photo, section: setup, type: photo, preset: required, default: { photoId: p1 } }\n',
        ],
        [
          '29:70 fields[3].preset: a photo is uploaded by the installer while the job runs, so the provider cannot give one at creation: use preset: forbidden (and required: true if the job needs it)',
          '29:80 fields[3].default: a photo field has no default: its photos are uploaded for each job while it runs',
        ],
      ],
      [
        'integer bounds and a default beyond ±(2^53 − 1), where whole numbers are rounded',
        [
          '    validation: { minimum: 0 }\n',
          '    validation: { minimum: -9007199254740993, maximum: 9007199254740992 }\n    default: 1e300\n',
        ],
        [
          '28:28 fields[2].validation.minimum: must lie within ±9007199254740991 (2^53 − 1) on an integer field: a whole number beyond is not kept exactly (9007199254740993 would be rounded to …992), so the field takes none there',
          '28:56 fields[2].validation.maximum: must lie within ±9007199254740991 (2^53 − 1) on an integer field: a whole number beyond is not kept exactly (9007199254740993 would be rounded to …992), so the field takes none there',
          '29:14 fields[2].default: the default must be at most 9007199254740991: a larger whole number is not kept exactly (it would be rounded)',
        ],
      ],
      [
        'accepts integer bounds at ±(2^53 − 1), and a number field beyond them',
        () =>
          withFields(
            ['{ key: grams, label: Grams, section: setup, type: number, validation: { maximum: 1e300 }, default: 1e20 }'],
            variant(
              '    validation: { minimum: 0 }\n',
              '    validation: { minimum: -9007199254740991, maximum: 9007199254740991 }\n    default: -9007199254740991\n',
            ),
          ),
        [],
      ],
      [
        'minItems on a string field',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      minItems: 2'],
        ['23:7 fields[1].validation.minItems: minItems applies only to photo fields, not to a string field'],
      ],
      [
        'a searchable string field',
        ['    type: string\n    required: true\n', '    type: string\n    searchable: true\n    required: true\n'],
        [],
      ],
      [
        'a patternMessage without pattern',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      patternMessage: must be upper case'],
        ['23:7 fields[1].validation.patternMessage: explains a pattern, but there is no validation.pattern'],
      ],
      [
        'a pattern that is no regular expression',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^[A-Z0-9{8,12}$"'],
        [
          '23:16 fields[1].validation.pattern: is not a valid regular expression: Invalid regular expression: /^[A-Z0-9{8,12}$/u: Unterminated character class',
        ],
      ],
      [
        'a pattern with a backreference: refused, as it could not be matched in linear time',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^(\\\\w)\\\\1$"'],
        [
          '23:16 fields[1].validation.pattern: uses a construct (backreference \\1) that is not supported; patterns are matched in linear time, so backreferences and lookaround are not available',
        ],
      ],
      [
        'a pattern with a named backreference: refused, as it could not be matched in linear time',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^(?<c>\\\\w)\\\\k<c>$"'],
        [
          '23:16 fields[1].validation.pattern: uses a construct (backreference \\k<c>) that is not supported; patterns are matched in linear time, so backreferences and lookaround are not available',
        ],
      ],
      [
        'a pattern with a lookahead: refused, as it could not be matched in linear time',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^(?=.*[0-9])[A-Z0-9]{8}$"'],
        [
          '23:16 fields[1].validation.pattern: uses a construct (lookahead (?=…)) that is not supported; patterns are matched in linear time, so backreferences and lookaround are not available',
        ],
      ],
      [
        'a pattern with a negative lookahead: refused, as it could not be matched in linear time',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^(?!TEST)[A-Z0-9]{8}$"'],
        [
          '23:16 fields[1].validation.pattern: uses a construct (negative lookahead (?!…)) that is not supported; patterns are matched in linear time, so backreferences and lookaround are not available',
        ],
      ],
      [
        'a pattern with a lookbehind: refused, as it could not be matched in linear time',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^[A-Z]+(?<=X)$"'],
        [
          '23:16 fields[1].validation.pattern: uses a construct (lookbehind (?<=…)) that is not supported; patterns are matched in linear time, so backreferences and lookaround are not available',
        ],
      ],
      [
        'a pattern with a repetition RE2 cannot count: refused, as it could not be matched in linear time',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^a{1001}$"'],
        [
          '23:16 fields[1].validation.pattern: uses a construct (repetition {1001}: repetitions, multiplied when nested, may count at most 1000) that is not supported; patterns are matched in linear time, so backreferences and lookaround are not available',
        ],
      ],
      [
        'a pattern with nested repetitions RE2 cannot count',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^(a{100}){100}$"'],
        [
          '23:16 fields[1].validation.pattern: uses a construct (repetition {100}: repetitions, multiplied when nested, may count at most 1000) that is not supported; patterns are matched in linear time, so backreferences and lookaround are not available',
        ],
      ],
      [
        'accepts what only looks like those inside a class or escaped',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      pattern: "^[(?=]+\\\\(\\\\?=$"'],
        [],
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
        'integer bounds with no whole number between them',
        ['validation: { minimum: 0 }', 'validation: { minimum: 0.5, maximum: 0.9 }'],
        [
          '28:17 fields[2].validation: no whole number lies between minimum (0.5) and maximum (0.9), so no value of this integer field could ever be valid',
        ],
      ],
      [
        'accepts integer bounds that are fractions around a whole number',
        ['validation: { minimum: 0 }', 'validation: { minimum: 0.5, maximum: 1.5 }'],
        [],
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
      [
        'a default of blanks only, which no job may be given',
        () => withFields(['{ key: note, label: Note, section: setup, type: string, default: "   " }']),
        ['30:70 fields[4].default: Note must not be empty: it holds only blanks'],
      ],
      [
        "an address default whose text is longer than a job's address may be",
        () => withFields([`{ key: depot, label: Depot, section: setup, type: address, default: { text: "${'x'.repeat(501)}" } }`]),
        ['30:81 fields[4].default.text: Depot: text must be at most 500 characters long (it has 501)'],
      ],
      [
        'an address default whose text is blanks',
        () => withFields(['{ key: depot, label: Depot, section: setup, type: address, default: { text: " " } }']),
        ['30:81 fields[4].default.text: Depot: text must not be empty: it holds only blanks'],
      ],
    ],

    'fields somebody must be able to fill': [
      [
        'required, preset forbidden, and no step collects it',
        () =>
          variant('    required: true\n', '    required: true\n    preset: forbidden\n').replace(
            'collect: [boxSerial, odometerKm]',
            'collect: [odometerKm]',
          ),
        ['17:5 fields[1]: field "boxSerial" is required, but no step collects it and preset is forbidden, so nobody can ever fill it'],
      ],
      [
        'optional, preset forbidden, and no step collects it',
        () =>
          variant('    type: integer\n', '    type: integer\n    preset: forbidden\n').replace(
            'collect: [boxSerial, odometerKm]',
            'collect: [boxSerial]',
          ),
        ['24:5 fields[2]: field "odometerKm" can never be filled: no step collects it and preset is forbidden'],
      ],
      [
        'required, preset allowed, and no step collects it',
        () =>
          variant('    type: integer\n', '    type: integer\n    required: true\n').replace(
            'collect: [boxSerial, odometerKm]',
            'collect: [boxSerial]',
          ),
        [
          '24:5 fields[2]: field "odometerKm" is required, but no step collects it: a job created without it could never succeed (collect it in a step or set preset: required)',
        ],
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

    "the job's vehicle": [
      ['accepts a vehicle OneAPI does not know yet, without a VIN to compare', [VEHICLE, `${VEHICLE}  knownToOneApi: false\n`], []],
      [
        'accepts a VIN field and an old box, each a text field',
        () => withVin(`${VEHICLE}  oldQnrField: boxSerial\n  vinField: vin\n`),
        [
          '51:16 vehicle.oldQnrField: warning: no step talks to the box taken out: "boxSerial" is named here, but no step with an action has qnrField: boxSerial, so the old box is never reached (add such a step, e.g. to read the vehicle\'s state before the removal, or leave oldQnrField out; the field itself stays)',
        ],
      ],
      [
        'an unknown QNR field, with a suggestion (and no echo from the steps)',
        [VEHICLE, 'vehicle:\n  qnrField: boxQrn\n'],
        ['49:13 vehicle.qnrField: unknown field "boxQrn" (did you mean "boxQnr"?)'],
      ],
      [
        'a QNR field that is not text',
        [VEHICLE, 'vehicle:\n  qnrField: odometerKm\n'],
        ['49:13 vehicle.qnrField: a QNR is 16 hexadecimal characters, so qnrField needs a string field; "odometerKm" is an integer field'],
      ],
      [
        'an unknown VIN field',
        [VEHICLE, `${VEHICLE}  vinField: chassisNumber\n`],
        ['50:13 vehicle.vinField: unknown field "chassisNumber"'],
      ],
      [
        'a VIN field that is not text',
        [VEHICLE, `${VEHICLE}  vinField: odometerKm\n`],
        ['50:13 vehicle.vinField: a VIN is 17 letters and digits, so vinField needs a string field; "odometerKm" is an integer field'],
      ],
      [
        'a QNR nobody has to give',
        () => qnrFieldAs(''),
        [
          '49:13 vehicle.qnrField: the QNR in "boxQnr" can never be known: no step collects it and the provider need not set it, so a job created without it could never reach its vehicle (set preset: required, or collect it in a step)',
        ],
      ],
      [
        'a QNR nobody may give: one problem, not also "nobody can fill it"',
        () => qnrFieldAs(', required: true, preset: forbidden'),
        [
          '49:13 vehicle.qnrField: the QNR in "boxQnr" can never be known: no step collects it and preset is forbidden, so no job could ever reach its vehicle (set preset: required, or collect it in a step)',
        ],
      ],
      [
        'an old box nobody has to name',
        () => withVin(`${VEHICLE}  oldQnrField: vin\n`, ''),
        [
          '51:16 vehicle.oldQnrField: the QNR in "vin" can never be known: no step collects it and the provider need not set it, so a job created without it could never reach the box it takes out (set preset: required, or collect it in a step)',
          '51:16 vehicle.oldQnrField: warning: no step talks to the box taken out: "vin" is named here, but no step with an action has qnrField: vin, so the old box is never reached (add such a step, e.g. to read the vehicle\'s state before the removal, or leave oldQnrField out; the field itself stays)',
        ],
      ],
      [
        'the same field for both boxes',
        [VEHICLE, `${VEHICLE}  oldQnrField: boxQnr\n`],
        ['50:16 vehicle.oldQnrField: "boxQnr" is vehicle.qnrField too: the box taken out and the job\'s box need a field each'],
      ],
      [
        'a QNR field as the VIN',
        [VEHICLE, `${VEHICLE}  vinField: boxQnr\n`],
        ['50:13 vehicle.vinField: "boxQnr" holds a QNR (vehicle.qnrField); vinField names the field holding the VIN'],
      ],
      [
        'a VIN for a vehicle OneAPI does not know',
        () => withVin(`${VEHICLE}  vinField: vin\n  knownToOneApi: false\n`),
        [
          '51:3 vehicle.vinField: is never compared: with knownToOneApi: false, OneAPI has no vehicle whose VIN it could be compared with; remove vinField (the field itself stays) or knownToOneApi: false',
        ],
      ],
    ],

    'the CloudBoxx a step talks to (qnrField)': [
      ['accepts an action without qnrField: it talks to vehicle.qnrField', [`${STEP_QNR}\n`, ''], []],
      [
        'accepts a step talking to the old box of a swap',
        () => variant(STEP_QNR, '    qnrField: boxSerial', variant(VEHICLE, `${VEHICLE}  oldQnrField: boxSerial\n`)),
        [],
      ],
      [
        'a misspelt qnrField key',
        [STEP_QNR, '    qnrFeild: boxQnr'],
        ['38:5 steps[1].qnrFeild: unknown key "qnrFeild" (did you mean "qnrField"?)'],
      ],
      [
        'qnrField on a step without action',
        ['    checklist: [Power, CAN bus]\n', '    checklist: [Power, CAN bus]\n    qnrField: boxQnr\n'],
        ['35:5 steps[0].qnrField: step "mount" runs no action, so it talks to no CloudBoxx: remove qnrField (or add an action)'],
      ],
      [
        "a field that is not the vehicle's, with a suggestion",
        [STEP_QNR, '    qnrField: boxQrn'],
        [
          '38:15 steps[1].qnrField: "boxQrn" is not one of the job\'s CloudBoxx fields (did you mean "boxQnr"?); a step talks to the job\'s CloudBoxx, vehicle.qnrField "boxQnr" (name a box taken out in vehicle.oldQnrField)',
        ],
      ],
      [
        "a field that is not the vehicle's, naming both of a swap",
        () => variant(STEP_QNR, '    qnrField: odometerKm', variant(VEHICLE, `${VEHICLE}  oldQnrField: boxSerial\n`)),
        [
          '38:15 steps[1].qnrField: "odometerKm" is not one of the job\'s CloudBoxx fields; a step talks to vehicle.qnrField "boxQnr" or vehicle.oldQnrField "boxSerial"',
          '50:16 vehicle.oldQnrField: warning: no step talks to the box taken out: "boxSerial" is named here, but no step with an action has qnrField: boxSerial, so the old box is never reached (add such a step, e.g. to read the vehicle\'s state before the removal, or leave oldQnrField out; the field itself stays)',
        ],
      ],
      [
        'a field collected only by a later step',
        () =>
          `${qnrFieldAs(', required: true')}`.replace(
            `${STEP_QNR}\n`,
            `${STEP_QNR}\n  - id: finish\n    title: Finish\n    collect: [boxQnr]\n`,
          ),
        [
          '38:15 steps[1].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: step "finish" collects it only later (collect it in this step or an earlier one)',
        ],
      ],
      [
        'the same, for a step that leaves qnrField to the vehicle: points at its action',
        () => `${qnrFieldAs(', required: true')}`.replace(`${STEP_QNR}\n`, `  - id: finish\n    title: Finish\n    collect: [boxQnr]\n`),
        [
          '37:13 steps[1].action: the QNR in "boxQnr" (vehicle.qnrField) may still be blank when step "configure" talks to the CloudBoxx: step "finish" collects it only later (collect it in this step or an earlier one)',
        ],
      ],
      [
        'a field collected by a conditional step, for a step every job has',
        () => withStepBeforeConfigure(READ_LABEL_FOR_SWAPS, qnrFieldAs(', required: true')),
        [
          '42:15 steps[2].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: step "read-label" collects it only when operation = swap, but step "configure" runs for every job',
        ],
      ],
      [
        'a field collected under another condition',
        () => when('{ field: operation, equals: install }', withStepBeforeConfigure(READ_LABEL_FOR_SWAPS, qnrFieldAs(', required: true'))),
        [
          '43:15 steps[2].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: step "read-label" collects it only when operation = swap, but step "configure" runs when operation = install',
        ],
      ],
      [
        'an optional field, collected earlier',
        () => withStepBeforeConfigure(READ_LABEL, qnrFieldAs('')),
        [
          '41:15 steps[2].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: the field is optional, so the installer may leave it empty (make it required: true)',
        ],
      ],
      [
        'accepts a required field collected by an earlier step',
        () => withStepBeforeConfigure(READ_LABEL, qnrFieldAs(', required: true')),
        [],
      ],
      [
        'accepts a required field collected by the step itself',
        () => qnrFieldAs(', required: true').replace(`${STEP_QNR}\n`, `${STEP_QNR}\n    collect: [boxQnr]\n`),
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
            .replace('verifyLockUnlock\n    qnrField: boxQnr', 'verifyLockUnlock\n    qnrField: odometerKm'),
        [
          '35:5 steps[0].qnrField: step "mount" runs no action, so it talks to no CloudBoxx: remove qnrField (or add an action)',
          '43:15 steps[2].qnrField: "odometerKm" is not one of the job\'s CloudBoxx fields; a step talks to the job\'s CloudBoxx, vehicle.qnrField "boxQnr" (name a box taken out in vehicle.oldQnrField)',
        ],
      ],
    ],

    // The VIN is compared with OneAPI's before the configuration is pushed: a blank one would let it go unchecked.
    'the VIN compared before configuring (vinField)': [
      ['accepts a VIN the provider must set', () => withVin(VIN_CHECKED), []],
      ['accepts a required VIN collected by an earlier step', () => collectVin(withVin(VIN_CHECKED, ', required: true')), []],
      [
        'accepts a required VIN collected by the configuring step itself',
        () => variant(`${STEP_QNR}\n`, `${STEP_QNR}\n    collect: [vin]\n`, withVin(VIN_CHECKED, ', required: true')),
        [],
      ],
      [
        'accepts a VIN collected by an earlier step under the same condition',
        () =>
          when(
            '{ field: operation, equals: swap }',
            withStepBeforeConfigure(
              READ_VIN.replace('\n    collect', `\n    when: { field: operation, equals: swap }\n    collect`),
              withVin(VIN_CHECKED, ', required: true'),
            ),
          ),
        [],
      ],
      [
        'an optional VIN',
        () => collectVin(withVin(VIN_CHECKED, '')),
        [
          '38:13 steps[1].action: the VIN in "vin" (vehicle.vinField) may still be blank when step "configure" compares it with OneAPI\'s before pushing the configuration: the field is optional, so the installer may leave it empty (make it required: true)',
        ],
      ],
      [
        'an optional VIN no step collects',
        () => withVin(VIN_CHECKED, ''),
        [
          '38:13 steps[1].action: the VIN in "vin" (vehicle.vinField) may still be blank when step "configure" compares it with OneAPI\'s before pushing the configuration: no step collects it and the provider need not set it (set preset: required, or make it required: true and collect it in this step or an earlier one)',
        ],
      ],
      [
        'a VIN collected only after the configuration is pushed',
        () => variant(`${STEP_QNR}\n`, `${STEP_QNR}\n${READ_VIN}`, withVin(VIN_CHECKED, ', required: true')),
        [
          '38:13 steps[1].action: the VIN in "vin" (vehicle.vinField) may still be blank when step "configure" compares it with OneAPI\'s before pushing the configuration: step "read-vin" collects it only later (collect it in this step or an earlier one)',
        ],
      ],
      [
        'a VIN collected only by a step for other jobs',
        () =>
          withStepBeforeConfigure(
            READ_VIN.replace('\n    collect', `\n    when: { field: operation, equals: swap }\n    collect`),
            withVin(VIN_CHECKED, ', required: true'),
          ),
        [
          '42:13 steps[2].action: the VIN in "vin" (vehicle.vinField) may still be blank when step "configure" compares it with OneAPI\'s before pushing the configuration: step "read-vin" collects it only when operation = swap, but step "configure" runs for every job',
        ],
      ],
      [
        'a VIN nobody collects: one problem, not also "may still be blank"',
        () => withVin(VIN_CHECKED, ', required: true'),
        [
          '30:5 fields[4]: field "vin" is required, but no step collects it: a job created without it could never succeed (collect it in a step or set preset: required)',
        ],
      ],
      [
        'a VIN filled from the vehicle',
        () =>
          variant(
            VEHICLE,
            VIN_CHECKED,
            withReadStep('{ vin: centralLock }', [
              '{ key: vin, label: VIN, section: setup, type: string, required: true, preset: forbidden }',
            ]),
          ),
        [
          '38:13 steps[1].action: the VIN in "vin" (vehicle.vinField) may still be blank when step "configure" compares it with OneAPI\'s before pushing the configuration: step "read" fills it from what the vehicle reports, which holds no VIN (set preset: required, or make it required: true and collect it in this step or an earlier one)',
        ],
      ],
      [
        'a VIN never compared (knownToOneApi: false) is reported as such, whoever gives it',
        () => withVin(`${VIN_CHECKED}  knownToOneApi: false\n`, ''),
        [
          '51:3 vehicle.vinField: is never compared: with knownToOneApi: false, OneAPI has no vehicle whose VIN it could be compared with; remove vinField (the field itself stays) or knownToOneApi: false',
        ],
      ],
    ],

    'how long an action waits (actionTimeout)': [
      [
        'accepts the bounds, PT5S and PT1H',
        () =>
          withVerifyStep('[lock, unlock, configure]')
            .replace(STEP_QNR, `${STEP_QNR}\n    actionTimeout: PT5S`)
            .replace('cloudboxx.verifyLockUnlock', 'cloudboxx.verifyLockUnlock\n    actionTimeout: PT1H'),
        [],
      ],
      [
        'on a step without action',
        ['    checklist: [Power, CAN bus]\n', '    checklist: [Power, CAN bus]\n    actionTimeout: PT1M\n'],
        [
          '35:5 steps[0].actionTimeout: step "mount" runs no action, so nothing waits for the CloudBoxx: remove actionTimeout (or add an action)',
        ],
      ],
      [
        'not an ISO 8601 duration',
        [STEP_QNR, `${STEP_QNR}\n    actionTimeout: 2 minutes`],
        ['39:20 steps[1].actionTimeout: "2 minutes" is not an ISO 8601 duration (e.g. PT8H, P14D, P1DT12H)'],
      ],
      [
        'shorter than PT5S',
        [STEP_QNR, `${STEP_QNR}\n    actionTimeout: PT4S`],
        ['39:20 steps[1].actionTimeout: "PT4S" is shorter than PT5S: a CloudBoxx needs a few seconds to answer even when all is well'],
      ],
      [
        'longer than PT1H',
        [STEP_QNR, `${STEP_QNR}\n    actionTimeout: PT61M`],
        ['39:20 steps[1].actionTimeout: "PT61M" is longer than PT1H, the longest a step may wait for the CloudBoxx'],
      ],
      ['a number', [STEP_QNR, `${STEP_QNR}\n    actionTimeout: 30`], ['39:20 steps[1].actionTimeout: must be text, but is the number 30']],
    ],

    'fields an action fills from the vehicle (fills)': [
      [
        'accepts each vehicle state property in a field of a type that holds it',
        () =>
          withReadStep(
            '{ km: odometerKm, fuel: fuelLevelPercent, lockState: centralLock, lockChoice: centralLock, driving: drivingEnabled }',
            [
              '{ key: km, label: Km, section: setup, type: integer, preset: forbidden }',
              '{ key: fuel, label: Fuel, section: setup, type: number, preset: forbidden }',
              '{ key: lockState, label: Lock, section: setup, type: string, preset: forbidden }',
              `{ key: lockChoice, label: Lock, section: setup, type: enum, preset: forbidden, validation: { options: [${LOCK_OPTIONS}] } }`,
              '{ key: driving, label: Driving, section: setup, type: boolean, preset: forbidden }',
            ],
          ),
        [],
      ],
      [
        'on a step that does not read the vehicle: one problem, not also "nobody can fill it"',
        () => withReadStep('{ km: odometerKm }', [KM]).replace('action: cloudboxx.readVehicleState', 'action: cloudboxx.verifyLockUnlock'),
        [
          '43:5 steps[2].fills: only cloudboxx.readVehicleState reads the vehicle\'s state; step "read" runs cloudboxx.verifyLockUnlock, so nothing fills these fields',
        ],
      ],
      [
        'on a step without action',
        () => withReadStep('{ km: odometerKm }', [KM]).replace('    action: cloudboxx.readVehicleState\n', ''),
        ['42:5 steps[2].fills: step "read" runs no action, so nothing fills these fields: fills needs action: cloudboxx.readVehicleState'],
      ],
      [
        'an unknown field, with a suggestion',
        () => withReadStep('{ kn: odometerKm }', [KM]),
        ['43:14 steps[2].fills.kn: unknown field "kn" (did you mean "km"?)'],
      ],
      [
        'an unknown vehicle state property, with a suggestion',
        () => withReadStep('{ km: odometer }', [KM]),
        [
          '43:18 steps[2].fills.km: unknown vehicle state property "odometer" (did you mean "odometerKm"?); known vehicle state properties: odometerKm, fuelLevelPercent, batteryLevelPercent, centralLock, drivingEnabled',
        ],
      ],
      [
        'a field the provider may preset',
        () => withReadStep('{ km: odometerKm }', ['{ key: km, label: Km, section: setup, type: integer }']),
        [
          '43:14 steps[2].fills.km: field "km" is filled from the vehicle, so it needs preset: forbidden (a value the provider set would lock it)',
        ],
      ],
      [
        'a field a step collects',
        () => withReadStep('{ odometerKm: odometerKm }', []),
        [
          '42:14 steps[2].fills.odometerKm: field "odometerKm" is collected by step "mount": a field is filled either by the installer or from the vehicle, not both',
        ],
      ],
      [
        'a field filled by two steps',
        () =>
          withReadStep('{ km: odometerKm }', [KM]).replace(
            '    fills: { km: odometerKm }\n',
            '    fills: { km: odometerKm }\n  - id: read-again\n    title: Read again\n    action: cloudboxx.readVehicleState\n    fills: { km: odometerKm }\n',
          ),
        ['47:14 steps[3].fills.km: field "km" is already filled by step "read"; a field is filled by one step'],
      ],
      [
        'a number into a text field',
        () =>
          withReadStep('{ lockState: batteryLevelPercent }', [
            '{ key: lockState, label: Lock, section: setup, type: string, preset: forbidden }',
          ]),
        [
          '43:25 steps[2].fills.lockState: the vehicle reports batteryLevelPercent as a number, so it needs an integer or number field; "lockState" is a string field',
        ],
      ],
      [
        'the lock state into a boolean field',
        () =>
          withReadStep('{ driving: centralLock }', ['{ key: driving, label: Driving, section: setup, type: boolean, preset: forbidden }']),
        [
          '43:23 steps[2].fills.driving: the vehicle reports centralLock as "locked" or "unlocked", so it needs a string field or an enum field with those options; "driving" is a boolean field',
        ],
      ],
      [
        'the lock state into an enum without "unlocked"',
        () =>
          withReadStep('{ lockChoice: centralLock }', [
            '{ key: lockChoice, label: Lock, section: setup, type: enum, preset: forbidden, validation: { options: [{ value: locked, label: Locked }, { value: open, label: Open }] } }',
          ]),
        [
          '43:26 steps[2].fills.lockChoice: the vehicle reports centralLock as "locked" or "unlocked", but "lockChoice" has no option "unlocked"',
        ],
      ],
      [
        'driving into a text field',
        () =>
          withReadStep('{ lockState: drivingEnabled }', [
            '{ key: lockState, label: Lock, section: setup, type: string, preset: forbidden }',
          ]),
        [
          '43:25 steps[2].fills.lockState: the vehicle reports drivingEnabled as true or false, so it needs a boolean field; "lockState" is a string field',
        ],
      ],
      [
        'a list instead of a mapping',
        () => withReadStep('[km]', [KM]),
        ['43:12 steps[2].fills: must be a mapping (key: value), but is a list'],
      ],
      [
        'a placeholder of a field filled only after the configuration is applied',
        () =>
          withReadStep('{ km: odometerKm }', [
            '{ key: km, label: Km, section: setup, type: integer, required: true, preset: forbidden }',
          ]).replace('serial: ${boxSerial}', 'serial: ${boxSerial}\n    km: ${km}'),
        [
          '47:9 cloudboxx.configuration.km: placeholder ${km} may resolve to nothing: step "configure" applies the configuration before step "read" fills "km"',
        ],
      ],
    ],

    'configuration template': [
      [
        'values JSON cannot carry as written: infinity, not-a-number, a whole number beyond 2^53 − 1',
        [
          'serial: ${boxSerial}',
          'serial: ${boxSerial}\n    big: .inf\n    odd: [1.5, .nan]\n    iccid: 89490200001234567890\n    fine: 9007199254740991',
        ],
        [
          '42:10 cloudboxx.configuration.big: Infinity is not a number JSON can carry: it would reach the CloudBoxx as null; write a finite number, or text in quotes',
          '43:16 cloudboxx.configuration.odd[1]: NaN is not a number JSON can carry: it would reach the CloudBoxx as null; write a finite number, or text in quotes',
          '44:12 cloudboxx.configuration.iccid: a whole number beyond ±9007199254740991 (2^53 − 1) is not kept exactly: it would reach the CloudBoxx as 89490200001234570000; put it in quotes to send it as text (e.g. an ICCID)',
        ],
      ],
      [
        'infinity in merge mode, where the null it becomes removes the setting',
        [
          'cloudboxx:\n  configuration:\n    serial: ${boxSerial}',
          'cloudboxx:\n  mode: merge\n  configuration:\n    serial: ${boxSerial}\n    limit: -.inf',
        ],
        [
          '43:12 cloudboxx.configuration.limit: -Infinity is not a number JSON can carry: it would reach the CloudBoxx as null, which in merge mode removes the setting; write a finite number, or text in quotes',
        ],
      ],
      [
        'a key JSON services refuse as prototype pollution',
        ['serial: ${boxSerial}', 'serial: ${boxSerial}\n    __proto__: { polluted: true }\n    constructor: { prototype: { x: 1 } }'],
        [
          '42:5 cloudboxx.configuration.__proto__: a key named __proto__ makes JSON services refuse the whole configuration (as an attempt at prototype pollution; the OneAPI simulator answers 400), so no job could apply it; name the setting otherwise',
          '43:20 cloudboxx.configuration.constructor.prototype: a key named constructor.prototype makes JSON services refuse the whole configuration (as an attempt at prototype pollution; the OneAPI simulator answers 400), so no job could apply it; name the setting otherwise',
        ],
      ],
      [
        'a placeholder in a key, which would be pushed as written',
        ['serial: ${boxSerial}', 'serial: ${boxSerial}\n    vehicle: { "${boxSerial}": true, nested: { "id-${boxSerial}": 1 } }'],
        [
          '42:16 cloudboxx.configuration.vehicle["${boxSerial}"]: placeholders are filled in values only: this key would reach the CloudBoxx as written, "${boxSerial}"; use a fixed key, with the placeholder in its value',
          '42:48 cloudboxx.configuration.vehicle.nested["id-${boxSerial}"]: placeholders are filled in values only: this key would reach the CloudBoxx as written, "id-${boxSerial}"; use a fixed key, with the placeholder in its value',
        ],
      ],
      [
        'a photo field as a placeholder, whole or inside text',
        () =>
          variant(
            'serial: ${boxSerial}',
            'serial: ${boxSerial}\n    pic: "${pic}"\n    caption: "see ${pic}"',
            withFields(['{ key: pic, label: Picture, section: setup, type: photo, required: true, preset: forbidden }']),
          ).replace('collect: [boxSerial, odometerKm]', 'collect: [boxSerial, odometerKm, pic]'),
        [
          '43:10 cloudboxx.configuration.pic: placeholder ${pic} names a photo field: a photo stays with the job on this server, and its reference ({photoId}) means nothing to the CloudBoxx; the configuration takes fields of the other types',
          '44:14 cloudboxx.configuration.caption: placeholder ${pic} names a photo field: a photo stays with the job on this server, and its reference ({photoId}) means nothing to the CloudBoxx; the configuration takes fields of the other types',
        ],
      ],
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
        'a placeholder with blanks inside its braces, or an invisible space: the key it meant',
        ['serial: ${boxSerial}', 'serial: "${ boxSerial }"\n    other: "${boxSerial\u00a0}"'],
        [
          '41:13 cloudboxx.configuration.serial: placeholder "${ boxSerial }" has blanks inside its braces: write ${boxSerial}',
          '42:12 cloudboxx.configuration.other: placeholder "${boxSerial\u00a0}" has blanks inside its braces: write ${boxSerial}',
        ],
      ],
      [
        'a placeholder whose key starts with a capital',
        ['serial: ${boxSerial}', 'serial: "${BoxSerial}"'],
        [
          '41:13 cloudboxx.configuration.serial: placeholder "${BoxSerial}" must name a field key, which starts with a lowercase letter: write ${boxSerial}',
        ],
      ],
      [
        'an unclosed placeholder',
        ['serial: ${boxSerial}', 'serial: "S-${boxSerial"'],
        ['41:13 cloudboxx.configuration.serial: placeholder "${boxSerial" has no closing "}"'],
      ],
      [
        'an optional field without default',
        ['serial: ${boxSerial}', 'serial: ${boxSerial}\n    km: "${odometerKm} km"'],
        [
          '42:9 cloudboxx.configuration.km: placeholder ${odometerKm} may resolve to nothing: field "odometerKm" is optional and has no default (make it required or give it a default)',
        ],
      ],
      [
        'a field collected only after the configuration is applied',
        () =>
          variant('  - id: configure\n    title: Configure\n    action: cloudboxx.applyConfiguration\n    qnrField: boxQnr\n', '').replace(
            '  - id: mount\n',
            '  - id: configure\n    title: Configure\n    action: cloudboxx.applyConfiguration\n    qnrField: boxQnr\n  - id: mount\n',
          ),
        [
          '41:13 cloudboxx.configuration.serial: placeholder ${boxSerial} may resolve to nothing: step "configure" applies the configuration before step "mount" collects "boxSerial"',
        ],
      ],
      [
        'a field collected by a conditional step, applied for every job',
        ['    collect: [boxSerial, odometerKm]', '    when: { field: operation, equals: swap }\n    collect: [boxSerial, odometerKm]'],
        [
          '42:13 cloudboxx.configuration.serial: placeholder ${boxSerial} may resolve to nothing: step "mount" collects "boxSerial" only when operation = swap, but step "configure" applies the configuration for every job',
        ],
      ],
      [
        'accepts an optional field with a default',
        () =>
          variant('    type: integer\n', '    type: integer\n    default: 0\n').replace(
            'serial: ${boxSerial}',
            'serial: ${boxSerial}\n    km: ${odometerKm}',
          ),
        [],
      ],
      [
        'accepts a conditional field applied under the same condition',
        () =>
          variant(
            '    collect: [boxSerial, odometerKm]',
            '    when: { field: operation, equals: swap }\n    collect: [boxSerial, odometerKm]',
          ).replace(CONFIGURE_STEP, `    when: { field: operation, equals: swap }\n${CONFIGURE_STEP}`),
        [
          '31:3 steps: warning: every step has a condition, and with operation = install none applies: such a job asks nothing, pushes no configuration, touches no vehicle and succeeds once completed; add a step for that case or one without a condition',
        ],
      ],
    ],

    'step conditions': [
      [
        'an unknown field',
        () => when('{ field: operatoin, equals: swap }'),
        ['37:20 steps[1].when.field: unknown field "operatoin" (did you mean "operation"?)'],
      ],
      [
        'a field that is neither enum nor boolean',
        () => when('{ field: odometerKm, equals: "5" }'),
        ['37:20 steps[1].when.field: a step condition needs an enum or boolean field; "odometerKm" is an integer field'],
      ],
      [
        'a field the provider need not preset',
        () => when('{ field: operation, equals: swap }', variant('    preset: required\n', '')),
        [
          '36:20 steps[1].when.field: field "operation" must have preset: required to decide a step, so that a job\'s steps are known when it is created',
        ],
      ],
      [
        'a value that is not an option',
        () => when('{ field: operation, equals: swp }'),
        ['37:39 steps[1].when.equals: "swp" is not an option of "operation" (did you mean "swap"?); options: install, swap'],
      ],
      [
        'an option written so that YAML reads it as a boolean',
        () => when('{ field: operation, equals: true }', variant('{ value: swap, label: Swap }', '{ value: "true", label: Swap }')),
        ['37:39 steps[1].when.equals: true is read as a boolean; write "true" in quotes to mean the option'],
      ],
      [
        // "1 is not an option (did you mean "01"?)" left the author to guess why 01 is not "01".
        'an option with a leading zero, written unquoted',
        () => when('{ field: operation, in: [01] }', variant('{ value: swap, label: Swap }', '{ value: "01", label: Swap }')),
        [
          '37:36 steps[1].when.in[0]: must be text, but is the number 1',
          '37:36 steps[1].when.in[0]: YAML reads "01" unquoted as the number 1; write "01" in quotes to mean the option',
        ],
      ],
      [
        // It also said "[swap] is read as an object; write "swap" in quotes".
        'a list where one value belongs, once',
        () => when('{ field: operation, equals: [swap] }'),
        ['37:39 steps[1].when.equals: must be text or true or false, but is a list'],
      ],
      ['accepts several values of an enum field', () => when('{ field: operation, in: [install, swap] }'), []],
      [
        'one of several values that is not an option',
        () => when('{ field: operation, in: [swap, instal] }'),
        ['37:42 steps[1].when.in[1]: "instal" is not an option of "operation" (did you mean "install"?); options: install, swap'],
      ],
      [
        'neither equals nor in',
        () => when('{ field: operation }'),
        ['37:11 steps[1].when: says which field, but not for which value: add equals (one value) or in (a list of values)'],
      ],
      [
        'both equals and in',
        () => when('{ field: operation, equals: swap, in: [swap] }'),
        ['37:45 steps[1].when.in: a condition has equals or in, not both: keep equals for one value, or in for a list of values'],
      ],
      [
        'several values of a boolean field',
        () =>
          when(
            '{ field: towbar, in: [yes] }',
            withFields(['{ key: towbar, label: Towbar, section: setup, type: boolean, preset: required }']),
          ),
        ['38:28 steps[1].when.in: "towbar" is a boolean field: use equals: true or equals: false'],
      ],
      [
        'accepts a field collected under a condition that holds whenever the step runs',
        () =>
          when(
            '{ field: operation, equals: swap }',
            withStepBeforeConfigure(READ_LABEL_FOR_SWAPS.replace('equals: swap', 'in: [install, swap]'), qnrFieldAs(', required: true')),
          ),
        [],
      ],
      [
        'a field collected for fewer values than the step runs for',
        () =>
          when('{ field: operation, in: [install, swap] }', withStepBeforeConfigure(READ_LABEL_FOR_SWAPS, qnrFieldAs(', required: true'))),
        [
          '43:15 steps[2].qnrField: the QNR in "boxQnr" may still be blank when step "configure" talks to the CloudBoxx: step "read-label" collects it only when operation = swap, but step "configure" runs when operation = install or swap',
        ],
      ],
    ],

    'plain text': [
      [
        'an HTML tag in a title',
        ['title: Test type', 'title: Test <b>type</b>'],
        [
          '3:8 title: must be plain text, but "<b>" would start an HTML tag; texts are shown as written (a < may be followed by a space, a digit or a sign, e.g. "< 5 km")',
        ],
      ],
      [
        'a script in a checklist item',
        ['checklist: [Power, CAN bus]', 'checklist: [Power, "<script>alert(1)</script>"]'],
        [
          '34:24 steps[0].checklist[1]: must be plain text, but "<script>" would start an HTML tag; texts are shown as written (a < may be followed by a space, a digit or a sign, e.g. "< 5 km")',
        ],
      ],
      [
        'an HTML comment in an option label',
        ['{ value: swap, label: Swap }', '{ value: swap, label: "Swap <!-- x -->" }'],
        [
          '16:33 fields[0].validation.options[1].label: must be plain text, but "<!--" would start an HTML tag; texts are shown as written (a < may be followed by a space, a digit or a sign, e.g. "< 5 km")',
        ],
      ],
      [
        'a line break in a label',
        ['    label: Odometer', '    label: "Odometer\\nin km"'],
        ['25:12 fields[2].label: must be one line: only descriptions may have several lines'],
      ],
      [
        'a control character in a step title',
        ['    title: Mount', '    title: "Mount\\u0007"'],
        [
          '32:12 steps[0].title: must be plain text, but holds the control character U+0007; only descriptions may hold line breaks and tabs',
        ],
      ],
      [
        'a control character in a description, where lines and tabs are fine',
        ['    title: Mount', '    title: Mount\n    description: "Line one\\n\\tLine two\\u001B[31m"'],
        [
          '33:18 steps[0].description: must be plain text, but holds the control character U+001B; only descriptions may hold line breaks and tabs',
        ],
      ],
      [
        'accepts a < that opens no tag, several lines and tabs in a description',
        ['    title: Mount', '    title: Mount if odometer < 5 km, a <= b\n    description: "Line one\\n\\tLine <2>"'],
        [],
      ],
    ],

    'durations and deadlines': [
      [
        'a duration that is not ISO 8601',
        ['maxDuration: PT8H', 'maxDuration: 8h'],
        ['44:16 access.maxDuration: "8h" is not an ISO 8601 duration (e.g. PT8H, P14D, P1DT12H)'],
      ],
      [
        'a duration in months',
        ['completeWithin: P14D', 'completeWithin: P1M'],
        ['47:19 deadlines.completeWithin: "P1M" uses months or years, which have no fixed length; use weeks or days, e.g. P30D'],
      ],
      ['a zero duration', ['maxDuration: PT8H', 'maxDuration: PT0S'], ['44:16 access.maxDuration: "PT0S" must be longer than zero']],
      ['a negative duration', ['startWithin: P7D', 'startWithin: -P7D'], ['46:16 deadlines.startWithin: "-P7D" must be longer than zero']],
      [
        'a duration past ten years, whose dates no store could hold',
        ['startWithin: P7D', 'startWithin: P99999999D'],
        ['46:16 deadlines.startWithin: "P99999999D" is longer than ten years (P3650D), the longest a job type may say'],
      ],
      [
        'an access of more than ten years',
        ['maxDuration: PT8H', 'maxDuration: P3651D'],
        ['44:16 access.maxDuration: "P3651D" is longer than ten years (P3650D), the longest a job type may say'],
      ],
      ['ten years exactly', ['completeWithin: P14D', 'completeWithin: P3650D'], []],
      [
        'completing no later than starting',
        ['completeWithin: P14D', 'completeWithin: P7D'],
        [
          '47:19 deadlines.completeWithin: P7D is not longer than startWithin (P7D): a job could still be started after it must be complete',
        ],
      ],
      [
        'completing before starting, in other units',
        ['completeWithin: P14D', 'completeWithin: PT48H'],
        [
          '47:19 deadlines.completeWithin: PT48H is not longer than startWithin (P7D): a job could still be started after it must be complete',
        ],
      ],
      [
        'an access that outlasts the deadline: a warning, the type still loads',
        ['maxDuration: PT8H', 'maxDuration: P14D'],
        [
          "44:16 access.maxDuration: warning: P14D can never end a job: the access counts from the job's start and deadlines.completeWithin (P14D) from its creation, so the deadline always ends the job first; to limit how long an installer holds the vehicle, make maxDuration shorter than P14D",
        ],
      ],
      ['an access shorter than the deadline, by a second', ['maxDuration: PT8H', 'maxDuration: P13DT23H59M59S'], []],
      [
        // Published, it failed every job a second after the installer started it.
        'an access too short to do anything in',
        ['maxDuration: PT8H', 'maxDuration: PT1S'],
        [
          '44:16 access.maxDuration: "PT1S" is shorter than PT5M: the access starts with the job and its end fails the job, so every job would fail before the installer could do its steps',
        ],
      ],
      ['the shortest access', ['maxDuration: PT8H', 'maxDuration: PT5M'], []],
      [
        'an access shorter than a step may wait for the box',
        () => variant(STEP_QNR, `${STEP_QNR}\n    actionTimeout: PT20M`).replace('maxDuration: PT8H', 'maxDuration: PT10M'),
        [
          '45:16 access.maxDuration: "PT10M" is shorter than step "configure" may wait for the CloudBoxx (actionTimeout PT20M): the access would end, failing the job, while the step still waits; make maxDuration longer or the actionTimeout shorter',
        ],
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
    await writeFile(path.join(dir, 'test-type.yaml'), BASE_YAML);
    await writeFile(path.join(dir, 'test-type.yml'), variant('version: 1', 'version: 2'));
    const error = await loadJobTypeFiles(['test-type.yaml', 'test-type.yml'], { baseDir: dir }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    await rm(dir, { recursive: true, force: true });
    expect(error).to.be.instanceOf(JobTypeError);
    expect(String(error)).to.equal('test-type.yml:1:5 id: job type "test-type" is already defined in test-type.yaml');
  });

  it('refuses a file not named after its id, at the id', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'job-types-'));
    await writeFile(path.join(dir, 'test-typ.yaml'), BASE_YAML);
    const error = await loadJobTypeFiles(['test-typ.yaml'], { baseDir: dir }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    await rm(dir, { recursive: true, force: true });
    expect(String(error)).to.equal(
      'test-typ.yaml:1:5 id: the file is named test-typ, so its id must be "test-typ": a job type\'s file is named after its id (rename the file to test-type.yaml, or change the id)',
    );
  });
});

describe('a job left without a step', () => {
  const mountWhen = (when: string) => variant('    checklist: [Power, CAN bus]\n', `    checklist: [Power, CAN bus]\n    when: ${when}\n`);
  const bothWhen = (mount: string, configure: string) =>
    variant('    qnrField: boxQnr\n', `    qnrField: boxQnr\n    when: ${configure}\n`, mountWhen(mount));
  const linesOf = (text: string) => problemsOf(text).map((line) => line.replace(`${TEST_FILE}:`, ''));
  const warning = (cases: string) =>
    `31:3 steps: warning: every step has a condition, and with ${cases} none applies: such a job asks nothing, pushes no configuration, touches no vehicle and succeeds once completed; add a step for that case or one without a condition`;

  it('is warned of when every step has a condition and some value of the deciding field meets none', () => {
    const text = bothWhen('{ field: operation, equals: swap }', '{ field: operation, in: [swap] }');
    expect(linesOf(text)).to.deep.equal([warning('operation = install')]);
  });

  it('names each combination of several deciding fields that meets no step', () => {
    const text = withFields(
      ['{ key: alarm, label: Alarm, section: setup, type: boolean, preset: required }'],
      bothWhen('{ field: operation, equals: swap }', '{ field: alarm, equals: true }'),
    );
    const warnings = linesOf(text).filter((line) => line.includes('none applies'));
    expect(warnings).to.deep.equal([warning('operation = install, alarm = false').replace('31:3', '32:3')]);
  });

  it('is not warned of when each value has a step, or a step has no condition', () => {
    const covered = bothWhen('{ field: operation, equals: swap }', '{ field: operation, in: [install, swap] }');
    expect(linesOf(covered).filter((line) => line.includes('none applies'))).to.deep.equal([]);
    expect(linesOf(mountWhen('{ field: operation, equals: swap }')).filter((line) => line.includes('none applies'))).to.deep.equal([]);
  });
});
