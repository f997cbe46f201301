import { ServiceError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import { expect } from 'chai';
import { isTransportFailure } from './temporal-calls';

/** A gRPC error as @grpc/grpc-js makes it: code, details, metadata. */
const grpcError = (code: number) => Object.assign(new Error(`${code}`), { code, details: 'details', metadata: {} });

describe('isTransportFailure: a Temporal call that got no answer, as against one that got a refusal', () => {
  const cases: Array<[string, unknown, boolean]> = [
    ['an update call past its deadline', new WorkflowUpdateRPCTimeoutOrCancelledError('timeout'), true],
    ['DEADLINE_EXCEEDED', grpcError(4), true],
    ['UNAVAILABLE', grpcError(14), true],
    ['UNAVAILABLE wrapped by the client', new ServiceError('Update-With-Start failed', { cause: grpcError(14) as never }), true],
    ['INVALID_ARGUMENT', grpcError(3), false],
    ['NOT_FOUND wrapped by the client', new ServiceError('failed', { cause: grpcError(5) as never }), false],
    ['an update the workflow refused', new WorkflowUpdateFailedError('refused', undefined), false],
    ['a workflow that has closed', new WorkflowNotFoundError('gone', 'wf', undefined), false],
    ['a job id already taken', new WorkflowExecutionAlreadyStartedError('taken', 'wf', 'jobWorkflow'), false],
  ];
  for (const [what, error, expected] of cases) {
    it(`${expected ? 'is' : 'is not'}: ${what}`, () => expect(isTransportFailure(error)).to.equal(expected));
  }
});
