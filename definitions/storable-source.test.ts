// What Postgres cannot store, wherever a YAML escape puts it in a job type: refused by the checks
// every caller runs (validate, preview, the CLI, publish), at its line, column and path.
import { describeProblems, variant, withFields } from '../test/support/job-type-texts';

const CONFIGURATION = '    serial: ${boxSerial}';
const WHY = 'job types are stored in a database that cannot hold it';
const NUL = (position: number) => `must not contain the NUL character (U+0000), found at position ${position}; ${WHY}`;

describe('job-type texts that cannot be stored', () => {
  describeProblems({
    'in a configuration': [
      [
        'a NUL in a value',
        [CONFIGURATION, `${CONFIGURATION}\n    vehicle: { note: "a\\u0000b" }`],
        [`42:22 cloudboxx.configuration.vehicle.note: ${NUL(1)}`],
      ],
      [
        'a NUL in a mapping key, pointed at as a key',
        [CONFIGURATION, `${CONFIGURATION}\n    vehicle: { "k\\u0000": 1 }`],
        [`42:16 cloudboxx.configuration.vehicle["k\\u0000"]: has a name that ${NUL(1)}`],
      ],
      [
        'a lone surrogate in a value',
        [CONFIGURATION, `${CONFIGURATION}\n    vehicle: { note: "a\\uD800b" }`],
        [
          `42:22 cloudboxx.configuration.vehicle.note: must be valid Unicode: it has a lone surrogate (U+D800) at position 1, half of a character without its other half; ${WHY}`,
        ],
      ],
      [
        "a NUL written as YAML's \\0, in a list",
        [CONFIGURATION, `${CONFIGURATION}\n    tags: [a, "b\\0"]`],
        [`42:15 cloudboxx.configuration.tags[1]: ${NUL(1)}`],
      ],
    ],
    'in the fields': [
      [
        'a NUL in a validation pattern',
        ['pattern: "^[A-Z0-9]{8,12}$"', 'pattern: "^[A-Z0-9\\u0000]{8,12}$"'],
        [`23:16 fields[1].validation.pattern: ${NUL(8)}`],
      ],
      [
        'a NUL in an option value',
        ['{ value: swap, label: Swap }', '{ value: "swap\\u0000", label: Swap }'],
        [`16:20 fields[0].validation.options[1].value: ${NUL(4)}`],
      ],
      [
        'a NUL in a label: once, as what cannot be stored (not also as a control character)',
        ['    label: Box serial', '    label: "Box\\u0000serial"'],
        [`18:12 fields[1].label: ${NUL(3)}`],
      ],
      [
        'a lone surrogate in a default',
        () => withFields(['{ key: note, label: Note, section: setup, type: string, default: "\\uDC00" }']),
        [
          `30:70 fields[4].default: must be valid Unicode: it has a lone surrogate (U+DC00) at position 0, half of a character without its other half; ${WHY}`,
        ],
      ],
    ],
    'in the text itself': [
      [
        'a NUL typed into a comment, as a file may hold it',
        () => variant('title: Test type\n', 'title: Test type # a \u0000 here\n'),
        [`3:22 the source ${NUL(46)}`],
      ],
    ],
  });
});
