// Every grammar rule, broken once: the exact line the author reads, with file:line:column.
import { expect } from 'chai';
import { BASE_STEPS, BASE_YAML, describeProblems, itReportsProblems, problemsOf, variant } from '../test/support/job-type-texts';
import { YAML_LIMITS } from './yaml-source';

const CONFIGURATION = '  configuration:\n    serial: ${boxSerial}\n';
const VEHICLE = 'vehicle:\n  qnrField: boxQnr\n';
const PERMISSIONS = '[lock, unlock, configure]';

describe('job-type grammar', () => {
  itReportsProblems([['accepts the base definition used by these tests', BASE_YAML, []]]);

  describeProblems({
    'the file as a whole': [
      ['an empty file', '', ['1:1 the file is empty; a job type needs id, version, title, sections, fields, vehicle, steps and access']],
      [
        'a file with only the schema comment',
        '# yaml-language-server: $schema=./schema/job-type.schema.json\n',
        ['1:1 the file is empty; a job type needs id, version, title, sections, fields, vehicle, steps and access'],
      ],
      [
        'a list instead of a mapping',
        '- a\n- b\n',
        ['1:1 a job type must be a mapping of keys such as id, version and title, but this file holds a list'],
      ],
      [
        'a bare word',
        'hello\n',
        ['1:1 a job type must be a mapping of keys such as id, version and title, but this file holds text "hello"'],
      ],
      ['a required key missing', ['title: Test type\n', ''], ['1:1 missing "title"']],
      [
        // It said only: unknown key "5"; allowed here: key, label, …
        'a decimal comma inside { … }',
        ['    validation: { minimum: 0 }', '    validation: { minimum: 0,5 }'],
        [
          '28:30 fields[2].validation["5"]: unknown key "5": inside { … } a comma separates entries, so a decimal comma splits a number there (its decimals 5 become this key); write a decimal point, e.g. 0.5',
        ],
      ],
      [
        'an unknown key, listing the allowed ones',
        ['title: Test type\n', 'title: Test type\ncolour: red\n'],
        [
          '4:1 colour: unknown key "colour"; allowed here: id, version, title, description, sections, fields, vehicle, steps, cloudboxx, access, deadlines',
        ],
      ],
      [
        'a misspelt key: one problem, with a suggestion, not also "missing"',
        ['title: Test type\n', 'titel: Test type\n'],
        ['3:1 titel: unknown key "titel" (did you mean "title"?)'],
      ],
    ],

    'id, version, title': [
      [
        'id not kebab-case',
        ['id: test-type', 'id: Test_Type'],
        ['1:5 id: "Test_Type" must be kebab-case: lowercase letters and digits separated by single hyphens, e.g. cloudboxx-install'],
      ],
      ['id too long', ['id: test-type', `id: ${'a'.repeat(65)}`], ['1:5 id: must be at most 64 characters long (is 65)']],
      ['version 0', ['version: 1', 'version: 0'], ['2:10 version: must be at least 1, but is 0']],
      ['version as text', ['version: 1', 'version: "1"'], ['2:10 version: must be a whole number, but is text "1"']],
      ['version with a fraction', ['version: 1', 'version: 1.5'], ['2:10 version: must be a whole number, but is the number 1.5']],
      ['an empty title', ['title: Test type', 'title: ""'], ['3:8 title: must not be empty']],
      ['a title with no value (points at the key)', ['title: Test type', 'title:'], ['3:1 title: must be text, but is empty']],
    ],

    sections: [
      ['no sections', ['sections:\n  - id: setup\n    title: Setup\n', 'sections: []\n'], ['4:11 sections: must list at least one item']],
      ['a section without title', ['    title: Setup\n', ''], ['5:5 sections[0]: missing "title"']],
      [
        'a section id with a space (fields referring to the old id are named too)',
        ['  - id: setup', '  - id: Setup Area'],
        [
          '5:9 sections[0].id: "Setup Area" must start with a lowercase letter and contain only letters, digits and single hyphens, e.g. master-data or masterData',
          '10:14 fields[0].section: unknown section "setup"; sections: Setup Area',
          '19:14 fields[1].section: unknown section "setup"; sections: Setup Area',
          '26:14 fields[2].section: unknown section "setup"; sections: Setup Area',
          '29:51 fields[3].section: unknown section "setup"; sections: Setup Area',
        ],
      ],
    ],

    fields: [
      ['a field without label', ['    label: Box serial\n', ''], ['17:5 fields[1]: missing "label"']],
      [
        'a key that is not camelCase',
        ['  - key: odometerKm', '  - key: odometer_km'],
        [
          '24:10 fields[2].key: "odometer_km" must be camelCase: a lowercase letter followed by letters and digits, e.g. boxSerial',
          '33:26 steps[0].collect[1]: unknown field "odometerKm" (did you mean "odometer_km"?)',
        ],
      ],
      [
        'an unknown type, listing the known ones',
        ['    type: integer', '    type: int'],
        [
          '27:11 fields[2].type: unknown field type "int"; known field types: string, text, integer, number, boolean, enum, date, datetime, address, photo',
        ],
      ],
      [
        'a misspelt type, with a suggestion',
        ['    type: integer', '    type: integr'],
        [
          '27:11 fields[2].type: unknown field type "integr" (did you mean "integer"?); known field types: string, text, integer, number, boolean, enum, date, datetime, address, photo',
        ],
      ],
      [
        'an unknown preset',
        ['    preset: required', '    preset: mandatory'],
        ['12:13 fields[0].preset: unknown preset "mandatory"; known presets: allowed, forbidden, required'],
      ],
      [
        'required as text',
        ['    required: true', '    required: "yes"'],
        ['21:15 fields[1].required: must be true or false, but is text "yes"'],
      ],
      [
        'a default that is a list',
        ['    type: integer\n', '    type: integer\n    default: [1, 2]\n'],
        ['28:14 fields[2].default: must be text, a number, true or false or a mapping (key: value), but is a list'],
      ],
      [
        'an unknown validation rule',
        ['validation: { minimum: 0 }', 'validation: { min: 0 }'],
        [
          '28:19 fields[2].validation.min: unknown key "min"; allowed here: pattern, patternMessage, minLength, maxLength, minimum, maximum, minItems, maxItems, options',
        ],
      ],
      [
        'a negative minLength',
        ['      pattern: "^[A-Z0-9]{8,12}$"', '      minLength: -1'],
        ['23:18 fields[1].validation.minLength: must be at least 0, but is -1'],
      ],
      [
        'an empty options list',
        ['      options:\n        - { value: install, label: Install }\n        - { value: swap, label: Swap }\n', '      options: []\n'],
        ['14:16 fields[0].validation.options: must list at least one item'],
      ],
      [
        'an option without label',
        ['        - { value: swap, label: Swap }', '        - { value: swap }'],
        ['16:11 fields[0].validation.options[1]: missing "label"'],
      ],
    ],

    steps: [
      [
        'no steps (and so nobody collects a required field, nothing applies the configuration)',
        [BASE_STEPS, 'steps: []\n'],
        [
          '17:5 fields[1]: field "boxSerial" is required, but no step collects it: a job created without it could never succeed (collect it in a step or set preset: required)',
          '30:8 steps: must list at least one item',
          '32:3 cloudboxx.configuration: no step applies it; add a step with action: cloudboxx.applyConfiguration',
        ],
      ],
      [
        'a misspelt step key',
        ['    title: Mount', '    titel: Mount'],
        ['32:5 steps[0].titel: unknown key "titel" (did you mean "title"?)'],
      ],
      [
        'collect as a single word',
        ['collect: [boxSerial, odometerKm]', 'collect: boxSerial'],
        ['33:14 steps[0].collect: must be a list, but is text "boxSerial"'],
      ],
      [
        'a checklist item twice',
        ['checklist: [Power, CAN bus]', 'checklist: [Power, CAN bus, Power]'],
        ['34:33 steps[0].checklist[2]: "Power" is listed twice (first as [0])'],
      ],
      [
        'an unknown action, listing the known ones',
        ['action: cloudboxx.applyConfiguration', 'action: cloudboxx.configure'],
        [
          '37:13 steps[1].action: unknown action "cloudboxx.configure"; known actions: cloudboxx.applyConfiguration, cloudboxx.verifyLockUnlock, cloudboxx.readVehicleState',
        ],
      ],
      [
        'a condition without value',
        ['    title: Configure\n', '    title: Configure\n    when: { field: operation }\n'],
        ['37:11 steps[1].when: says which field, but not for which value: add equals (one value) or in (a list of values)'],
      ],
      [
        'a condition on an empty list',
        ['    title: Configure\n', '    title: Configure\n    when: { field: operation, in: [] }\n'],
        ['37:35 steps[1].when.in: must list at least one item'],
      ],
      [
        'an action timeout given as a number',
        ['    qnrField: boxQnr\n', '    qnrField: boxQnr\n    actionTimeout: 30\n'],
        ['39:20 steps[1].actionTimeout: must be text, but is the number 30'],
      ],
    ],

    vehicle: [
      ['no vehicle', [VEHICLE, ''], ['1:1 missing "vehicle"']],
      ['a vehicle without its QNR field', [VEHICLE, 'vehicle:\n  vinField: boxSerial\n'], ['49:3 vehicle: missing "qnrField"']],
      [
        'a misspelt key: one problem, with a suggestion',
        [VEHICLE, 'vehicle:\n  qnrFeild: boxQnr\n'],
        ['49:3 vehicle.qnrFeild: unknown key "qnrFeild" (did you mean "qnrField"?)'],
      ],
      [
        'knownToOneApi as text',
        [VEHICLE, `${VEHICLE}  knownToOneApi: "no"\n`],
        ['50:18 vehicle.knownToOneApi: must be true or false, but is text "no"'],
      ],
      [
        'a QNR field given as a list',
        [VEHICLE, 'vehicle:\n  qnrField: [boxQnr]\n'],
        ['49:13 vehicle.qnrField: must be text, but is a list'],
      ],
    ],

    'cloudboxx, access, deadlines': [
      [
        'a misspelt configuration key',
        [CONFIGURATION, '  config:\n    serial: ${boxSerial}\n'],
        [
          '37:13 steps[1].action: there is no cloudboxx.configuration to apply',
          '40:3 cloudboxx: missing "configuration"',
          '40:3 cloudboxx.config: unknown key "config"; allowed here: configuration, mode',
        ],
      ],
      ['an empty configuration', [CONFIGURATION, '  configuration: {}\n'], ['40:18 cloudboxx.configuration: must not be empty']],
      [
        'a configuration that is not a mapping',
        [CONFIGURATION, '  configuration: serial\n'],
        ['40:18 cloudboxx.configuration: must be a mapping (key: value), but is text "serial"'],
      ],
      ['access without maxDuration', ['  maxDuration: PT8H\n', ''], ['43:3 access: missing "maxDuration"']],
      [
        'an unknown permission',
        [PERMISSIONS, '[lock, unlok, configure]'],
        [
          '43:23 access.permissions[1]: unknown permission "unlok" (did you mean "unlock"?); known permissions: lock, unlock, enableDriving, disableDriving, readState, configure',
        ],
      ],
      [
        'a permission twice',
        [PERMISSIONS, '[lock, unlock, configure, lock]'],
        ['43:42 access.permissions[3]: "lock" is listed twice (first as [0])'],
      ],
      [
        'no permissions',
        [PERMISSIONS, '[]'],
        [
          '37:13 steps[1].action: cloudboxx.applyConfiguration needs the "configure" permission; add it to access.permissions',
          '43:16 access.permissions: must list at least one item',
        ],
      ],
      [
        'a misspelt deadline',
        ['  startWithin: P7D', '  startWithn: P7D'],
        ['46:3 deadlines.startWithn: unknown key "startWithn" (did you mean "startWithin"?)'],
      ],
      [
        'a duration given as a number',
        ['maxDuration: PT8H', 'maxDuration: 8'],
        ['44:16 access.maxDuration: must be text, but is the number 8'],
      ],
      [
        'an unknown configuration mode',
        [CONFIGURATION, `${CONFIGURATION}  mode: patch\n`],
        ['42:9 cloudboxx.mode: unknown configuration mode "patch"; known configuration modes: replace, merge'],
      ],
      ['accepts an explicit opt-out of securing the vehicle', ['  maxDuration: PT8H\n', '  maxDuration: PT8H\n  onEnd: []\n'], []],
      [
        'a command the engine does not send when access ends',
        ['  maxDuration: PT8H\n', '  maxDuration: PT8H\n  onEnd: [lock, unlock]\n'],
        ['45:17 access.onEnd[1]: unknown command "unlock" (did you mean "lock"?); known commands when access ends: lock, disableDriving'],
      ],
      [
        'a command twice',
        ['  maxDuration: PT8H\n', '  maxDuration: PT8H\n  onEnd: [lock, lock]\n'],
        ['45:17 access.onEnd[1]: "lock" is listed twice (first as [0])'],
      ],
      [
        'onEnd as a single word',
        ['  maxDuration: PT8H\n', '  maxDuration: PT8H\n  onEnd: lock\n'],
        ['45:10 access.onEnd: must be a list, but is text "lock"'],
      ],
    ],
  });

  describe('stated limits, at the first item or character too many', () => {
    const items = (count: number, make: (index: number) => string, separator = ', '): string =>
      Array.from({ length: count }, (_, index) => make(index + 1)).join(separator);
    itReportsProblems([
      [
        '31 checklist items in one step',
        ['checklist: [Power, CAN bus]', `checklist: [${items(31, (n) => `item ${n}`)}]`],
        ['34:278 steps[0].checklist[30]: one too many: this list may hold at most 30 items (it holds 31)'],
      ],
      ['30 checklist items', ['checklist: [Power, CAN bus]', `checklist: [${items(30, (n) => `item ${n}`)}]`], []],
      [
        '201 options of an enum field',
        [
          '        - { value: swap, label: Swap }\n',
          `${items(199, (n) => `        - { value: v${n}, label: V${n} }`, '\n')}\n        - { value: swap, label: Swap }\n`,
        ],
        ['215:11 fields[0].validation.options[200]: one too many: this list may hold at most 200 items (it holds 201)'],
      ],
      [
        '51 steps',
        ['  - id: configure\n', `${items(49, (n) => `  - { id: s${n}, title: S${n} }`, '\n')}\n  - id: configure\n`],
        ['84:5 steps[50]: one too many: this list may hold at most 50 items (it holds 51)'],
      ],
      [
        'a label of 201 characters',
        ['    label: Odometer', `    label: ${'x'.repeat(201)}`],
        ['25:12 fields[2].label: must be at most 200 characters long (is 201)'],
      ],
      [
        'a step description of 2001 characters',
        ['    title: Mount', `    title: Mount\n    description: ${'x'.repeat(2001)}`],
        ['33:18 steps[0].description: must be at most 2000 characters long (is 2001)'],
      ],
    ]);
  });

  describe('YAML itself', () => {
    itReportsProblems([
      [
        'an unclosed flow list',
        ['collect: [boxSerial, odometerKm]', 'collect: [boxSerial, odometerKm'],
        ['34:5 YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]'],
      ],
      [
        'a duplicate key',
        ['    required: true\n', '    required: true\n    type: text\n'],
        ['22:5 fields[1]: duplicate key "type" (first used on line 20)'],
      ],
      [
        'a tab as indentation (and nothing guessed after it)',
        ['  - id: setup\n    title: Setup', '  - id: setup\n\ttitle: Setup'],
        ['6:1 YAML syntax error: Tabs are not allowed as indentation'],
      ],
      [
        'a tab before a list item: the one error, not four guesses at what the tab meant',
        ['fields:\n  - key: operation', 'fields:\n\t- key: operation'],
        ['8:1 YAML syntax error: Tabs are not allowed as indentation'],
      ],
      [
        'a second document',
        `${BASE_YAML}---\nid: other\n`,
        [
          '50:1 YAML syntax error: a job-type file holds one definition; remove the "---" line and what follows (or move it to a file of its own)',
        ],
      ],
      [
        'a %YAML 1.1 directive, under which yes would be true and 0815 the number 815',
        `%YAML 1.1\n---\n${BASE_YAML}`,
        [
          '1:1 YAML: this file asks for YAML 1.1 (%YAML 1.1); job types are read as YAML 1.2, where only true and false are yes/no and 0815 stays as written only in quotes: remove the %YAML line',
        ],
      ],
      [
        'a file saved as UTF-16 (Notepad\'s "Unicode"), read as UTF-8: not a NUL the author never wrote',
        `\uFFFD\uFFFD${[...BASE_YAML].map((character) => `${character}\0`).join('')}`,
        [
          '1:1 the file is saved as UTF-16 (what Windows Notepad calls "Unicode"); job types are UTF-8: save it again choosing UTF-8 as the encoding',
        ],
      ],
      [
        'a number as a key on a line of its own: no braces, so no word of a decimal comma',
        `${BASE_YAML}1: x\n`,
        [
          '50:1 ["1"]: unknown key "1"; allowed here: id, version, title, description, sections, fields, vehicle, steps, cloudboxx, access, deadlines',
        ],
      ],
      [
        'a key of ~ (no key), at its line rather than 1:1 as the key ""',
        `${BASE_YAML}~: x\n`,
        ['50:1 a key is missing before the ":" (or is ~, which YAML reads as no key): write its name'],
      ],
      [
        'an alias without anchor',
        ['    title: Mount', '    title: *mountTitle'],
        ['32:12 steps[0].title: YAML: alias *mountTitle refers to no anchor defined before it'],
      ],
      [
        'a YAML merge key, in one sentence rather than a cascade of unknown and missing keys',
        ['    title: Mount', '    <<: { title: Mount }'],
        ['32:5 steps[0]: YAML merge keys (<<) are not supported: write the keys out here (anchors and aliases, &name and *name, work)'],
      ],
      [
        'a list as a key',
        ['title: Test type', '? [a, b]\n: x\ntitle: Test type'],
        ['3:3 a key must be a plain name, not a list or a mapping'],
      ],
      [
        'an unknown tag',
        ['title: Test type', 'title: !fancy Test type'],
        [
          '3:8 YAML: the tag !fancy is not supported: a job type holds text, numbers, true or false, lists and mappings; remove the tag (to make a value text, put it in quotes)',
        ],
      ],
      [
        // Resolved, they became a Set, a Buffer or a Date, which JSON stores as {}, bytes or another text.
        "YAML 1.1's known tags, which JSON would turn into something else",
        [
          'serial: ${boxSerial}',
          'serial: ${boxSerial}\n    models: !!set { a, b }\n    key: !!binary aGk=\n    since: !!timestamp 2026-12-01',
        ],
        [
          '42:13 YAML: the tag !!set is not supported: a job type holds text, numbers, true or false, lists and mappings; remove the tag (to make a value text, put it in quotes)',
          '43:10 YAML: the tag !!binary is not supported: a job type holds text, numbers, true or false, lists and mappings; remove the tag (to make a value text, put it in quotes)',
          '44:12 YAML: the tag !!timestamp is not supported: a job type holds text, numbers, true or false, lists and mappings; remove the tag (to make a value text, put it in quotes)',
        ],
      ],
      [
        'accepts the core tags, e.g. !!str to make a number text',
        ['serial: ${boxSerial}', 'serial: ${boxSerial}\n    pin: !!str 0815'],
        [],
      ],
      [
        // The parser reads every token after the unexpected one as unexpected too: 150 lines of them.
        'an unquoted brace in a flow mapping, once and saying to quote it',
        ['pattern: "^[0-9A-F]{16}$"', 'pattern: ^[0-9A-F]{16}$'],
        [
          '29:114 YAML syntax error: unexpected "[" after a value: inside { … } or [ … ] a value holding {, }, [, ] or a comma must be in quotes, e.g. pattern: "^[0-9]{4}$"',
        ],
      ],
      [
        'an unclosed quote (found at the end of the file)',
        ['title: Test type', "title: 'Test type"],
        ["50:1 YAML syntax error: Missing closing 'quote"],
      ],
      [
        'resolves anchors and aliases like any YAML',
        () => variant('    title: Setup', '    title: &setupTitle Setup').replace('    title: Mount', '    title: *setupTitle'),
        [],
      ],
    ]);

    it('refuses an alias bomb at its first nested alias instead of expanding it', () => {
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a]', 'c: &c [*b, *b]', 'd: [*c, *c]'];
      expect(problemsOf(`${bomb.join('\n')}\n`)).to.deep.equal([
        'job-types/test-type.yaml:3:8 c[0]: YAML: alias *b refers to a node that holds aliases itself; aliases may not be nested, as each level multiplies the document',
        'job-types/test-type.yaml:3:12 c[1]: YAML: alias *b refers to a node that holds aliases itself; aliases may not be nested, as each level multiplies the document',
        'job-types/test-type.yaml:4:5 d[0]: YAML: alias *c refers to a node that holds aliases itself; aliases may not be nested, as each level multiplies the document',
        'job-types/test-type.yaml:4:9 d[1]: YAML: alias *c refers to a node that holds aliases itself; aliases may not be nested, as each level multiplies the document',
      ]);
    });

    it('refuses more aliases than the limit, at the first one too many', () => {
      const aliases = Array.from({ length: YAML_LIMITS.maxAliases + 5 }, (_, index) => `k${index}: *a`);
      expect(problemsOf(`a: &a x\n${aliases.join('\n')}\n`)).to.deep.equal([
        `job-types/test-type.yaml:22:6 k20: YAML: more than 20 aliases (*a is one too many); a job type may use at most 20`,
      ]);
    });

    it('refuses nesting deeper than the limit, where it gets too deep, quickly and without a stack overflow', () => {
      const tooDeep = [
        'job-types/test-type.yaml:1:35 x[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]: YAML: nested more than 32 levels deep; a job type may nest at most 32',
      ];
      // The root mapping is the first level, each list one more.
      expect(problemsOf(`x: ${'['.repeat(32)}${']'.repeat(32)}\n`)).to.deep.equal(tooDeep);
      expect(problemsOf(`x: ${'['.repeat(31)}${']'.repeat(31)}\n`).join('\n')).to.not.include('nested');
      const started = performance.now();
      // Deep enough to overflow the parser's stack: refused before parsing, at the same bracket.
      expect(problemsOf(`x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)).to.deep.equal([
        'job-types/test-type.yaml:1:35 YAML: nested more than 32 levels deep; a job type may nest at most 32',
      ]);
      expect(problemsOf(`x:\n  - ${'{ a: '.repeat(30_000)}1${' }'.repeat(30_000)}\n`)).to.deep.equal([
        'job-types/test-type.yaml:2:160 YAML: nested more than 32 levels deep; a job type may nest at most 32',
      ]);
      expect(performance.now() - started).to.be.below(5000);
    });

    it('refuses a source over 256 KiB at line 1, column 1, without parsing it', () => {
      const comment = `# ${'é'.repeat(64)}\n`; // 131 bytes a line
      const big = `${BASE_YAML}${comment.repeat(Math.ceil((256 * 1024 - BASE_YAML.length) / comment.length))}`;
      expect(problemsOf(big)).to.deep.equal([
        'job-types/test-type.yaml:1:1 the source is 257 KiB; a job type may be at most 256 KiB (262144 bytes)',
      ]);
      expect(problemsOf(`${'x'.repeat(10_000_000)}`)).to.deep.equal([
        'job-types/test-type.yaml:1:1 the source is 9766 KiB; a job type may be at most 256 KiB (262144 bytes)',
      ]);
    });
  });
});
