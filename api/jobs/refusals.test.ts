import { WorkflowUpdateFailedError } from '@temporalio/client';
import { CancelledFailure } from '@temporalio/common';
import { expect } from 'chai';
import { ConflictError } from '../../common/errors';
import { refusalsAsProblems } from './refusals';

describe('refusalsAsProblems', () => {
  // Seen under load: an installer's unlock and an operator's cancel of the run reached a restarted
  // worker in one workflow task; the update failed with the run's cancellation and the API answered 500.
  it("a change whose update failed with the run's cancellation by an operator: 409 wrong-status, not a fault", async () => {
    const cancelled = new WorkflowUpdateFailedError('Workflow Update failed', new CancelledFailure('Workflow cancelled'));
    const answer = await refusalsAsProblems({ id: 'J-1', status: 'RUNNING' }, () => Promise.reject(cancelled)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(answer).to.be.instanceOf(ConflictError);
    expect((answer as ConflictError).type).to.equal('wrong-status');
    expect((answer as ConflictError).message).to.contain('cancelled by an operator');
  });

  it('any other failure of an update is passed on as it is', async () => {
    const other = new WorkflowUpdateFailedError('Workflow Update failed', new Error('boom'));
    const answer = await refusalsAsProblems({ id: 'J-1', status: 'RUNNING' }, () => Promise.reject(other)).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(answer).to.equal(other);
  });
});
