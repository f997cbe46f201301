// previewJobType: what an admin sees before publishing, for sample provider values.
import { expect } from 'chai';
import type { JobTypePreview } from './preview';
import { previewJobType } from './preview';
import { compileText, variant } from '../test/support/job-type-texts';

/** BASE_YAML with both steps only for swaps: mount collects boxSerial, the configuration's placeholder. */
const SWAP_MOUNT = variant(
  '    collect: [boxSerial, odometerKm]',
  '    when: { field: operation, equals: swap }\n    collect: [boxSerial, odometerKm]',
).replace(
  '    action: cloudboxx.applyConfiguration',
  '    when: { field: operation, equals: swap }\n    action: cloudboxx.applyConfiguration',
);
const QNR = '0123456789ABCDEF';
const steps = (swap: boolean): JobTypePreview['steps'] => [
  { id: 'mount', title: 'Mount', applies: swap },
  { id: 'configure', title: 'Configure', applies: swap },
];

describe('previewJobType', () => {
  const cases: [title: string, text: string, values: Record<string, unknown>, expected: JobTypePreview][] = [
    [
      'a swap: the mount step applies, and the serial it collects is still a placeholder',
      SWAP_MOUNT,
      { operation: 'swap', boxQnr: QNR },
      {
        steps: steps(true),
        lockedFields: ['operation', 'boxQnr'],
        configuration: { serial: '${boxSerial}' },
        unresolvedPlaceholders: ['boxSerial'],
        problems: [],
      },
    ],
    [
      'an install with the serial preset: no step applies, the serial is locked and rendered',
      SWAP_MOUNT,
      { operation: 'install', boxQnr: QNR, boxSerial: 'ABCD1234' },
      {
        steps: steps(false),
        lockedFields: ['operation', 'boxSerial', 'boxQnr'],
        configuration: { serial: 'ABCD1234' },
        unresolvedPlaceholders: [],
        problems: [],
      },
    ],
    [
      'no values: the fields the provider must give are the problems',
      SWAP_MOUNT,
      {},
      {
        steps: steps(false),
        lockedFields: [],
        configuration: { serial: '${boxSerial}' },
        unresolvedPlaceholders: ['boxSerial'],
        problems: [
          { pointer: '/values/operation', rule: 'required', message: 'Operation must be given when the job is created' },
          { pointer: '/values/boxQnr', rule: 'required', message: 'CloudBoxx QNR must be given when the job is created' },
        ],
      },
    ],
    [
      'wrong values: each refused by its rule, rendered all the same',
      SWAP_MOUNT,
      { operation: 'swop', boxQnr: QNR, boxSerial: 'short' },
      {
        steps: steps(false),
        lockedFields: ['operation', 'boxSerial', 'boxQnr'],
        configuration: { serial: 'short' },
        unresolvedPlaceholders: [],
        problems: [
          { pointer: '/values/operation', rule: 'enum', message: 'Operation must be one of "install" or "swap" (did you mean "swap"?)' },
          { pointer: '/values/boxSerial', rule: 'pattern', message: 'Box serial must match the pattern ^[A-Z0-9]{8,12}$' },
        ],
      },
    ],
    [
      'a type that configures nothing',
      variant('cloudboxx:\n  configuration:\n    serial: ${boxSerial}\n', '', SWAP_MOUNT).replace(
        '    action: cloudboxx.applyConfiguration\n    qnrField: boxQnr\n',
        '',
      ),
      { operation: 'swap', boxQnr: QNR },
      { steps: steps(true), lockedFields: ['operation', 'boxQnr'], configuration: null, unresolvedPlaceholders: [], problems: [] },
    ],
  ];
  for (const [title, text, values, expected] of cases) {
    it(title, () => {
      expect(previewJobType(compileText(text), values)).to.deep.equal(expected);
    });
  }
});
