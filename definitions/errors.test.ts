import { expect } from 'chai';
import { formatPath, formatProblem, JobTypeError } from './errors';
import type { JobTypeProblem } from './errors';

describe('JobTypeError', () => {
  const problems: JobTypeProblem[] = [
    {
      file: 'job-types/cloudboxx-install.yaml',
      line: 14,
      column: 7,
      path: 'steps[1].collect[0]',
      message: 'unknown field "boxSerail" (did you mean "boxSerial"?)',
      severity: 'error',
    },
    { file: 'job-types/cloudboxx-install.yaml', line: 1, column: 1, path: '', message: 'missing "title"', severity: 'error' },
  ];

  it('prints one line per problem, file:line:column path: message', () => {
    expect(new JobTypeError(problems).toString()).to.equal(
      [
        'job-types/cloudboxx-install.yaml:14:7 steps[1].collect[0]: unknown field "boxSerail" (did you mean "boxSerial"?)',
        'job-types/cloudboxx-install.yaml:1:1 missing "title"',
      ].join('\n'),
    );
  });

  it('says "warning: " before the message of a warning, after the location', () => {
    const at = { file: 'a.yaml', line: 3, column: 5, message: 'never ends a job' };
    expect(formatProblem({ ...at, path: 'access.maxDuration', severity: 'warning' })).to.equal(
      'a.yaml:3:5 access.maxDuration: warning: never ends a job',
    );
    expect(formatProblem({ ...at, path: '', severity: 'warning' })).to.equal('a.yaml:3:5 warning: never ends a job');
  });

  it('is an Error with a name, a message naming the files, the problems and a cause', () => {
    const cause = new Error('disk on fire');
    const error = new JobTypeError(problems, { cause });
    expect(error).to.be.instanceOf(Error);
    expect(error.name).to.equal('JobTypeError');
    expect(error.cause).to.equal(cause);
    expect(error.problems).to.deep.equal(problems);
    expect(error.message.split('\n')[0]).to.equal('2 problems in job type file job-types/cloudboxx-install.yaml:');
  });
});

describe('formatPath', () => {
  it('writes paths the way the YAML reads', () => {
    expect(formatPath([])).to.equal('');
    expect(formatPath(['steps', 1, 'collect', 0])).to.equal('steps[1].collect[0]');
    expect(formatPath(['cloudboxx', 'configuration', 'x-y', 'a b'])).to.equal('cloudboxx.configuration["x-y"]["a b"]');
  });
});
