/**
 * The Temporal SDK's workflow interceptors, which make a workflow's own spans: bundled with the
 * workflows when tracing is on. Resolved, not loaded, so that `installer-jobs bundle` can build the
 * traced bundle too without starting anything.
 */
export function tracingWorkflowInterceptorModules(): string[] {
  return [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')];
}
