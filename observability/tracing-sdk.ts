import { context, propagation, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ClientInterceptors } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { tracingWorkflowInterceptorModules } from './tracing-interceptors';

export interface Tracing {
  /** For a Temporal Client: its calls become spans and carry the trace to the workflow in their headers. */
  readonly clientInterceptors: ClientInterceptors;
  /** For Worker.create: a span per activity (the trace taken from its headers), and the sink the workflow's spans leave by. */
  readonly workerOptions: Required<Pick<WorkerOptions, 'interceptors' | 'sinks'>>;
  /** For the workflow bundle: the SDK's workflow interceptors, which make the workflow's own spans. */
  readonly workflowInterceptorModules: string[];
  /** Sends the spans still buffered. */
  forceFlush(): Promise<void>;
  /** Sends what is buffered, then unhooks everything: the instrumentations, the global tracer provider, context and propagator. */
  stop(): Promise<void>;
}

export interface TracingOptions {
  /** `service.name` of the spans (OTEL_SERVICE_NAME, else the process's role). */
  serviceName: string;
  /** Where finished spans go; default: batched to the OTLP endpoint (http/protobuf), as the OTEL_EXPORTER_OTLP_* variables say. */
  spanProcessor?: SpanProcessor;
}

/** Probes and scrapes, every few seconds from an orchestrator or Prometheus: a trace each would bury the requests. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The OpenTelemetry SDK of a process (observability/tracing.ts decides whether to start it), on
 * the 1.x line that @temporalio/interceptors-opentelemetry 1.24 is built on: the workflow's spans
 * are made by that line's SDK inside the sandbox and handed to our processor as such.
 * - http: the API's server span of each request (named by route, api/trace-route.ts) and any outgoing
 *   http(s) call (the S3 photo store);
 * - undici: fetch(), which the OneAPI client uses;
 * - pg: each query knex sends, under the span that sent it (none without one: pool checks and scrapes);
 * - Temporal: the client's calls, the workflow's execution, updates, signals and activity
 *   scheduling (the SDK's workflow interceptors, in the bundle), and each activity's run.
 */
export function startTracingSdk(options: TracingOptions): Tracing {
  // OTEL_RESOURCE_ATTRIBUTES adds to the resource; the service name is ours unless OTEL_SERVICE_NAME set it (loadTracingSettings).
  const resource = new Resource({ 'service.name': options.serviceName }).merge(
    new Resource(Object.fromEntries(Object.entries(envDetectorSync.detect().attributes).filter(([key]) => key !== 'service.name'))),
  );
  // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (+ /v1/traces), _HEADERS, _TIMEOUT…; the batch OTEL_BSP_*; the sampler OTEL_TRACES_SAMPLER.
  const spanProcessor = options.spanProcessor ?? new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register(); // global tracer provider, AsyncLocalStorage context, W3C trace context propagation
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]!),
        // Outgoing calls are part of something traced (a request, an activity), never a trace of their own.
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  // A module loaded before the hooks were set (http by tsx, or in the tests) is patched when required again:
  // its exports are the one object every user of it holds.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  for (const module of ['http', 'https']) require(module);
  return {
    clientInterceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] },
    workerOptions: {
      interceptors: {
        activity: [
          (ctx) => ({
            inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
            // Adds trace_id and span_id to the activity's log lines.
            outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
          }),
        ],
      },
      // Workflow spans cannot leave the sandbox but through a sink (not called on replay: no span twice).
      sinks: { exporter: makeWorkflowExporter(spanProcessor, resource) },
    },
    workflowInterceptorModules: tracingWorkflowInterceptorModules(),
    forceFlush: () => provider.forceFlush(),
    async stop() {
      unregister();
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
