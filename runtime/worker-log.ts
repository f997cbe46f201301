import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime, type LogEntry } from '@temporalio/worker';

/**
 * `npm start`'s Temporal logging: everything the SDK and its core say goes to a log file, one JSON
 * object a line; the terminal gets one line for each warning or error, so the banner stays readable.
 * Install before the first worker or connection exists.
 */
export function installWorkerLog(logFile: string, printLine: (line: string) => void): void {
  mkdirSync(path.dirname(logFile), { recursive: true });
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      appendFileSync(
        logFile,
        `${JSON.stringify({ time: new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString(), level: entry.level, message: entry.message, ...entry.meta })}\n`,
      );
      if (entry.level === 'WARN' || entry.level === 'ERROR') printLine(oneLine(entry));
    }),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
    // `npm start` stops its parts itself, in order, on Ctrl-C: the SDK must not race it to the worker.
    shutdownSignals: [],
  });
}

/** `WARN  Activity failed (workflowId=…, activityType=…)`: the message and the fields that say where. */
export function oneLine(entry: Pick<LogEntry, 'level' | 'message' | 'meta'>): string {
  const meta = entry.meta ?? {};
  const where = ['workflowId', 'activityType', 'taskQueue', 'jobId']
    .filter((key) => typeof meta[key] === 'string')
    .map((key) => `${key}=${meta[key] as string}`);
  const message = entry.message.split('\n')[0]!;
  return `${entry.level.padEnd(5)} ${message}${where.length > 0 ? ` (${where.join(', ')})` : ''}`;
}
