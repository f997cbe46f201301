import { ServiceUnavailableError } from '../common/errors';
import { isDatabaseUnreachable, type Db } from '../db/connection';
import type { OutageCheck } from './problem';
import { isTransportFailure } from './temporal-calls';

const RETRY_AFTER_SECONDS = 5;
/** How long the database gets to answer `select 1` when an error is not recognisable by itself. */
const PROBE_MS = 1_500;

const DETAIL = 'Retry in a few seconds, with the same Idempotency-Key if the request had one: the retry finishes what this request began.';

/**
 * Tells an outage from a fault of ours, for api/problem.ts: by the error's class and code (no
 * pooled connection, a refused or cut socket, a server shutting down; a Temporal call without an
 * answer); and for an error that says nothing of its cause — pg reports a connection cut mid-query
 * as a bare Error — by asking Postgres whether it answers at all.
 */
export function outageCheck(db: Db): OutageCheck {
  return async (error) => {
    if (isDatabaseUnreachable(error)) return postgresDown(error);
    if (isTransportFailure(error))
      return new ServiceUnavailableError('Temporal, which runs the jobs, cannot be reached.', 'temporal', RETRY_AFTER_SECONDS, {
        detail: DETAIL,
        cause: error,
      });
    if (!(await answers(db))) return postgresDown(error);
    return undefined;
  };
}

function postgresDown(cause: unknown): ServiceUnavailableError {
  return new ServiceUnavailableError('The database cannot be reached, or is too busy to answer.', 'postgres', RETRY_AFTER_SECONDS, {
    detail: DETAIL,
    cause,
  });
}

async function answers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_MS)));
  try {
    return await Promise.race([
      db.raw('select 1').then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
