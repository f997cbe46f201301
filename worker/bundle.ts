import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';

/**
 * The workflow bundle (webpack) of workflows/. Built once per process: its INFO output is a page
 * of webpack statistics nobody needs on every start, so only warnings and errors get through.
 */
export function bundleJobWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: {
      log: () => {},
      trace: () => {},
      debug: () => {},
      info: () => {},
      warn: (message, meta) => console.warn(message, meta ?? ''),
      error: (message, meta) => console.error(message, meta ?? ''),
    },
  });
}
