import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/** `json`: one object a line, for a log collector; `pretty`: a line a person reads in a terminal. */
export type LogFormat = 'json' | 'pretty';

export interface LogSettings {
  /** LOG_FORMAT; unset: `pretty` when stdout is a terminal, `json` otherwise. */
  format?: LogFormat;
  /** LOG_LEVEL: trace, debug, info (default), warn, error, fatal or silent. */
  level: string;
}

/** What every line written while a request is handled carries: its id, so that one request's lines can be found together. */
const requestContext = new AsyncLocalStorage<{ reqId: string }>();

/** Runs `work` as part of the request `reqId`: every log line written meanwhile, by any code, carries the id. */
export function inRequest<T>(reqId: string, work: () => T): T {
  return requestContext.run({ reqId }, work);
}

/**
 * Credentials must never reach a log. The request log writes only the fields it chooses (no
 * headers, no bodies, the route's pattern instead of its path); this catches the rest, in case
 * someone logs an object carrying one.
 */
const REDACT = [
  'token',
  'password',
  'secret',
  'authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
];

/** The processes' logger, on stdout unless given a `destination` (the tests; `start`, which writes to files). */
export function createLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  const format = settings.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const stream =
    format === 'pretty'
      ? pretty({
          sync: true,
          destination: destination ?? 1,
          colorize: destination === undefined && process.stdout.isTTY,
          translateTime: 'SYS:HH:MM:ss.l',
          singleLine: true,
          // A request reads `GET /v1/jobs/:id 200 12.3 ms`, its other fields after it.
          messageFormat: (log, messageKey) =>
            log[messageKey] === 'request' && log.method
              ? `${String(log.method)} ${String(log.route ?? '(no route)')} ${String(log.status)} ${String(log.durationMs)} ms`
              : String(log[messageKey] ?? ''),
          ignore: 'pid,hostname,method,route,status,durationMs',
        })
      : (destination ?? pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      level: settings.level,
      // Level names, not numbers: what an operator greps for and a collector maps without a table.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => requestContext.getStore() ?? {},
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    stream,
  );
}

/** A logger that writes nothing: the default where a caller (a test) gives none. */
export const silentLogger: Logger = pino({ level: 'silent' });
