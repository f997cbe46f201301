import type { ClientInterceptors } from '@temporalio/client';
import type { WorkerOptions } from '@temporalio/worker';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type * as TracingSdk from './tracing-sdk';
import { loadTracingSettings } from '../common/config';

/**
 * OpenTelemetry tracing, on when an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT, or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: common/config.ts). This module is all that loads when it is not: no
 * OpenTelemetry package, no hook on require(), nothing on the request or workflow path.
 * The SDK itself, with the instrumentations and the Temporal interceptors, is in tracing-sdk.ts.
 */
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

let active: Tracing | undefined;

/** The tracing this process started, if any: the Temporal client, worker and bundle take their interceptors from it. */
export function activeTracing(): Tracing | undefined {
  return active;
}

/**
 * Starts the SDK: before the modules it instruments are loaded (pg is hooked on require), so
 * bin/installer-jobs.js calls it first. Once per process, until stopped.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (active) throw new Error('Tracing has been started already in this process.');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when tracing is on
  const sdk = require('./tracing-sdk') as typeof TracingSdk;
  const tracing = sdk.startTracingSdk(options);
  active = {
    ...tracing,
    stop: async () => {
      active = undefined;
      await tracing.stop();
    },
  };
  return active;
}

/** Sends the spans still buffered and stops tracing; nothing to do when it is off. */
export async function stopTracing(): Promise<void> {
  await active?.stop();
}

/** Starts tracing if the environment asks for it (loadTracingSettings); the CLI's entry point calls it before anything else loads. */
export function startTracingFor(command: string | undefined): Tracing | undefined {
  const settings = loadTracingSettings(command);
  return settings && startTracing(settings);
}
