import type * as TracingSdk from './tracing-sdk';
import type { Tracing, TracingOptions } from './tracing-sdk';
import { loadTracingSettings } from '../common/config';

/**
 * OpenTelemetry tracing, on when an OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT, or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: common/config.ts). This module is all that loads when it is
 * not: no OpenTelemetry package, no hook on require(), nothing on the request or workflow path.
 * The SDK itself, with the instrumentations and the Temporal interceptors, is in tracing-sdk.ts
 * (its types are imported as types only: they load nothing).
 */
export type { Tracing, TracingOptions };

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
