// What the compiler adds beyond the checks: the compiled shape of a step's CloudBoxx, and a
// content hash that follows it.
import { expect } from 'chai';
import path from 'node:path';
import { loadJobTypeFile } from './loader';
import { compileText, variant } from './testing';

describe('compiling a job type', () => {
  it('names the field holding the QNR of the CloudBoxx each action talks to, and null for manual steps', () => {
    const compiled = compileText();
    expect(compiled.steps.map((step) => [step.id, step.qnrField])).to.deep.equal([
      ['mount', null],
      ['configure', 'boxQnr'],
    ]);
  });

  it('talks to the old box before a swap and to the new one after it', async () => {
    const compiled = await loadJobTypeFile(path.join(__dirname, '..', 'job-types', 'cloudboxx-remove-or-swap.yaml'));
    expect(compiled.steps.filter((step) => step.action !== null).map((step) => [step.id, step.qnrField])).to.deep.equal([
      ['check-in', 'oldBoxQnr'],
      ['configure-new', 'newBoxQnr'],
      ['verify-new', 'newBoxQnr'],
    ]);
  });

  it('changes the content hash when a step talks to another CloudBoxx', () => {
    const other = variant('    qnrField: boxQnr\n', '    qnrField: boxSerial\n');
    expect(compileText(other).contentHash).to.not.equal(compileText().contentHash);
  });
});
