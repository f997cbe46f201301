// The steps as a Mermaid flowchart: every edge one a job can take, and no other.
import { expect } from 'chai';
import { stepsAsMermaid } from './mermaid';
import { BASE_STEPS, compileText, variant, withFields } from '../test/support/job-type-texts';

/** BASE_YAML with a third operation, a towbar field, and two steps between mount and configure with these conditions. */
function withMiddleSteps(first: string, second: string): string {
  const options = '        - { value: swap, label: Swap }\n';
  const base = variant(
    options,
    `${options}        - { value: replace, label: Replace }\n`,
    withFields(['{ key: towbar, label: Towbar, section: setup, type: boolean, preset: required }']),
  );
  const middle = `  - id: first\n    title: First\n    when: ${first}\n  - id: second\n    title: Second\n    when: ${second}\n`;
  return variant(BASE_STEPS, BASE_STEPS.replace('  - id: configure\n', `${middle}  - id: configure\n`), base);
}

describe('stepsAsMermaid', () => {
  const cases: [title: string, text: string, edges: string[]][] = [
    [
      'two successive conditional steps on different values: neither is reachable from the other',
      withMiddleSteps('{ field: operation, equals: swap }', '{ field: operation, equals: replace }'),
      [
        'start --> step1',
        'step1 -- "operation = swap" --> step2',
        'step1 -- "operation = replace" --> step3',
        'step1 -- "otherwise" --> step4',
        'step2 --> step4',
        'step3 --> step4',
        'step4 --> done',
      ],
    ],
    [
      'a step for several values, then one for a value among them',
      withMiddleSteps('{ field: operation, in: [swap, replace] }', '{ field: operation, equals: swap }'),
      [
        'start --> step1',
        'step1 -- "operation in swap, replace" --> step2',
        'step1 -- "otherwise" --> step4',
        'step2 -- "operation = swap" --> step3',
        'step2 -- "otherwise" --> step4',
        'step3 --> step4',
        'step4 --> done',
      ],
    ],
    [
      'conditions on two fields: an edge says every value it needs',
      withMiddleSteps('{ field: towbar, equals: true }', '{ field: operation, equals: swap }'),
      [
        'start --> step1',
        'step1 -- "towbar = true" --> step2',
        'step1 -- "towbar = false and operation = swap" --> step3',
        'step1 -- "otherwise" --> step4',
        'step2 -- "operation = swap" --> step3',
        'step2 -- "otherwise" --> step4',
        'step3 --> step4',
        'step4 --> done',
      ],
    ],
    [
      'a step for most values after one for a single value: the edges say which jobs go where',
      withMiddleSteps('{ field: operation, equals: swap }', '{ field: operation, in: [install, swap] }'),
      [
        'start --> step1',
        'step1 -- "operation = swap" --> step2',
        'step1 -- "operation = install" --> step3',
        'step1 -- "otherwise" --> step4',
        'step2 --> step3',
        'step3 --> step4',
        'step4 --> done',
      ],
    ],
    [
      'a step for most of many values: the edges name the fewer values',
      (() => {
        const extra = ['check', 'repair', 'upgrade'].map((value) => `        - { value: ${value}, label: ${value} }\n`).join('');
        const many = withMiddleSteps(
          '{ field: operation, in: [install, swap, replace, check, repair] }',
          '{ field: towbar, equals: true }',
        );
        return variant('        - { value: replace, label: Replace }\n', `        - { value: replace, label: Replace }\n${extra}`, many);
      })(),
      [
        'start --> step1',
        'step1 -- "operation ≠ upgrade" --> step2',
        'step1 -- "operation = upgrade and towbar = true" --> step3',
        'step1 -- "otherwise" --> step4',
        'step2 -- "towbar = true" --> step3',
        'step2 -- "otherwise" --> step4',
        'step3 --> step4',
        'step4 --> done',
      ],
    ],
  ];
  for (const [title, text, edges] of cases) {
    it(title, () => {
      const lines = stepsAsMermaid(compileText(text)).split('\n');
      expect(lines.filter((line) => line.includes('-->')).map((line) => line.trim())).to.deep.equal(edges);
    });
  }
});
