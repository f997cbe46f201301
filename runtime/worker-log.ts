import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { Runtime, type LogLevel, type LogMetadata, type Logger as SdkLogger } from '@temporalio/worker';
import { createLogger, type Logger } from '../observability/log';

/**
 * The Temporal SDK's Runtime, installed once per process (the SDK allows one) before the first
 * worker or connection exists: what the SDK and its core say goes through our logger, each line
 * with the ids the SDK gives it (workflowId, runId, workflowType, activityId, activityType,
 * taskQueue); with `metricsAddress` (WORKER_METRICS_ADDRESS), the SDK's metrics and ours
 * (worker/vehicle-metrics.ts) are served for Prometheus at http://<metricsAddress>/metrics.
 */
export function installTemporalRuntime(options: {
  logger: Logger;
  metricsAddress?: string;
  /** `start` stops its parts itself, in order, on Ctrl-C: the SDK must not race it to the worker. Default: the SDK's (SIGINT, SIGTERM …). */
  shutdownSignals?: NodeJS.Signals[];
}): void {
  Runtime.install({
    logger: sdkLogger(options.logger),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(options.metricsAddress ? { metrics: { prometheus: { bindAddress: options.metricsAddress } } } : {}),
    },
    ...(options.shutdownSignals ? { shutdownSignals: options.shutdownSignals } : {}),
  });
}

const LEVELS: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The SDK's logger interface, writing to pino: the SDK's metadata become the line's fields. */
export function sdkLogger(logger: Logger): SdkLogger {
  const log = (level: LogLevel, message: string, meta?: LogMetadata) => logger[LEVELS[level]]({ ...meta }, message);
  return {
    log,
    trace: (message, meta) => log('TRACE', message, meta),
    debug: (message, meta) => log('DEBUG', message, meta),
    info: (message, meta) => log('INFO', message, meta),
    warn: (message, meta) => log('WARN', message, meta),
    error: (message, meta) => log('ERROR', message, meta),
  };
}

/**
 * `npm start`'s logging: everything goes to `logFile`, one JSON object a line; the terminal gets
 * one line for each warning or error, so that the banner stays readable.
 */
export function startLogger(logFile: string, printLine: (line: string) => void, level = 'info'): Logger {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const terminal = {
    write(line: string) {
      const { level: label, msg, time: _time, ...meta } = JSON.parse(line) as Record<string, unknown>;
      printLine(oneLine({ level: String(label).toUpperCase(), message: String(msg ?? ''), meta }));
    },
  };
  return createLogger(
    { format: 'json', level },
    pino.multistream([
      { level: level as pino.Level, stream: pino.destination({ dest: logFile, append: true, sync: true }) },
      { level: 'warn', stream: terminal },
    ]),
  );
}

/** `WARN  Activity failed (workflowId=…, activityType=…)`: the message and the fields that say where. */
export function oneLine(entry: { level: string; message: string; meta?: Record<string, unknown> }): string {
  const meta = entry.meta ?? {};
  const where = ['workflowId', 'activityType', 'taskQueue', 'jobId', 'reqId', 'route']
    .filter((key) => typeof meta[key] === 'string')
    .map((key) => `${key}=${meta[key] as string}`);
  const error = (meta.err as { message?: unknown } | undefined)?.message;
  const message = `${entry.message}${typeof error === 'string' ? `: ${error}` : ''}`.split('\n')[0]!;
  return `${entry.level.padEnd(5)} ${message}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
}
