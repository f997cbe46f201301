// checkJobTypeText: what the API answers for a posted source, errors and warnings, never a throw.
import { expect } from 'chai';
import { formatProblem } from './errors';
import { checkJobTypeText } from './loader';
import { BASE_YAML, TEST_FILE, variant } from '../test/support/job-type-texts';

describe('checkJobTypeText', () => {
  const cases: [title: string, text: string, expectedId: string | undefined, compiles: boolean, problems: string[]][] = [
    ['a valid source compiles with no problem', BASE_YAML, 'test-type', true, []],
    [
      'an id other than the expected one is an error at the id',
      BASE_YAML,
      'other-type',
      false,
      [
        '1:5 id: "test-type" is not the job type being published ("other-type", from the URL): the id in the source and in the URL must be the same',
      ],
    ],
    [
      'warnings alone still compile',
      variant('maxDuration: PT8H', 'maxDuration: P20D'),
      undefined,
      true,
      [
        "44:16 access.maxDuration: warning: P20D can never end a job: the access counts from the job's start and deadlines.completeWithin (P14D) from its creation, so the deadline always ends the job first; to limit how long an installer holds the vehicle, make maxDuration shorter than P14D",
      ],
    ],
    [
      'an error next to a warning: nothing compiles, both are listed in file order',
      variant('maxDuration: PT8H', 'maxDuration: P20D').replace('version: 1', 'version: 0'),
      undefined,
      false,
      ['2:10 version: must be at least 1, but is 0', '44:16 access.maxDuration: warning: P20D can never end a job'],
    ],
    [
      'a list instead of a definition',
      '- id: test-type\n',
      'test-type',
      false,
      ['1:1 a job type must be a mapping of keys such as id, version and title, but this file holds a list'],
    ],
  ];
  for (const [title, text, expectedId, compiles, expected] of cases) {
    it(title, () => {
      const result = checkJobTypeText(TEST_FILE, text, expectedId === undefined ? {} : { expectedId });
      expect(result.compiled !== undefined, 'compiled').to.equal(compiles);
      const lines = result.problems.map(formatProblem);
      expect(lines).to.have.length(expected.length);
      // Long messages are asserted by their start.
      expected.forEach((line, index) =>
        expect(lines[index]).to.satisfy(
          (actual: string) => actual.startsWith(`${TEST_FILE}:${line}`),
          `${lines[index]} starts with ${line}`,
        ),
      );
      for (const problem of result.problems) expect(problem.severity).to.equal(problem.message.startsWith('P20D') ? 'warning' : 'error');
    });
  }
});
