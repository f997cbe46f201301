import Router from '@koa/router';
import { InputError } from '../../common/errors';
import type { Db } from '../../db/connection';
import { compareFeedCursors, feedEventExists, feedHead, isFeedCursor } from '../../db/feed';
import { principalForToken, type Principal } from '../../db/tenancy';
import { bearerToken, type AuthState } from '../auth';
import type { SignedInDeps } from '../signed-in';
import { parseQuery } from '../validate';
import type { LiveFeed } from './live-feed';
import { eventStreamQuery } from './schema';

export interface EventsRouterDeps extends SignedInDeps {
  db: Db;
  liveFeed: LiveFeed;
}

/**
 * GET /v1/events/stream: the caller's events as they happen (Server-Sent Events), resumable with
 * Last-Event-ID, so that a portal's job list updates without polling. The streams of this process
 * share one poller (live-feed.ts).
 */
export function eventsRouter(deps: EventsRouterDeps): Router<AuthState> {
  const router = new Router<AuthState>({ prefix: '/v1/events' });
  router.use(deps.signedIn);

  router.get('/stream', async (ctx) => {
    const principal = ctx.state.principal;
    const resumeAfter = lastEventId(ctx.headers['last-event-id'], parseQuery(eventStreamQuery, { ...ctx.query }).lastEventId);
    // Asked before the answer begins, so that a database that does not answer is a 503 like on any route.
    const head = (await feedHead(deps.db)) ?? EMPTY_FEED;
    // Every id a stream gives out is an event's it read, or the head, never past what feedHead then
    // answered; and feedHead never moves back (no event is removed, and it reads below the oldest
    // running transaction, which only grows). So an id past it now was never given out, whatever is
    // being written meanwhile — asked afresh, as another API process may have given it out.
    if (resumeAfter && compareFeedCursors(resumeAfter.id, head) > 0)
      throw notGivenOut(resumeAfter, `is beyond the newest event of the stream (${head}): no message received ever had it`);
    // Below the head, an id given out is an event's (the head of an empty feed, 0-0, aside): one of
    // no event was made up, or kept from a database since restored, and would resume somewhere arbitrary.
    if (resumeAfter && resumeAfter.id !== EMPTY_FEED && !(await feedEventExists(deps.db, resumeAfter.id)))
      throw notGivenOut(resumeAfter, 'names no event of the stream: no message received ever had it');
    const start = resumeAfter?.id ?? head;
    ctx.type = 'text/event-stream';
    // Proxies must pass each message on as it comes, neither buffer nor compress nor cache it.
    ctx.set('Cache-Control', 'no-cache, no-transform');
    ctx.set('X-Accel-Buffering', 'no');
    // The connection ends with the stream: nothing is gained by keeping it, and a closing server would wait for it.
    ctx.set('Connection', 'close');
    if (ctx.method === 'HEAD') {
      ctx.status = 200;
      return;
    }
    ctx.req.socket.setTimeout(0);
    ctx.req.socket.setNoDelay(true);
    const token = bearerToken(ctx)!;
    ctx.body = deps.liveFeed.open(principal, start, async () => sameAccess(principal, await principalForToken(deps.db, token))).body;
  });

  return router;
}

/** Where a stream resumes, and what the client sent it as. */
interface ResumeAfter {
  id: string;
  what: string;
  pointer: string;
}

const HEADER = { what: 'The Last-Event-ID header', pointer: '/headers/last-event-id' };
const QUERY = { what: 'The lastEventId parameter', pointer: '/lastEventId' };

/** The header wins over the query: a reconnecting EventSource sends it, with the URL of its first connection. */
function lastEventId(header: string | string[] | undefined, query: string | undefined): ResumeAfter | undefined {
  if (header === undefined) {
    if (query === undefined) return undefined;
    if (!isFeedCursor(query)) throw notAnEventId(QUERY);
    return { id: query, ...QUERY };
  }
  if (typeof header !== 'string' || !isFeedCursor(header)) throw notAnEventId(HEADER);
  return { id: header, ...HEADER };
}

function notAnEventId({ what, pointer }: Omit<ResumeAfter, 'id'>): InputError {
  return new InputError(
    `${what} is not an event id this stream gave out.`,
    [{ pointer, message: 'must be the id of a message received, as it came (digits, a hyphen, digits)', rule: 'pattern' }],
    { detail: 'Send the id of the last message received, or leave it out to start now.' },
  );
}

/** The head of a feed without events: the id a stream opened then gives out. */
const EMPTY_FEED = '0-0';

/** An id no stream gave out (past the newest event, or of none): kept from before the database was reset or restored, say. */
function notGivenOut({ what, pointer }: ResumeAfter, message: string): InputError {
  return new InputError(`${what} is not an event id this stream gave out.`, [{ pointer, message, rule: 'given-out' }], {
    detail:
      'It may have been kept from before the database was reset. Reconnect without Last-Event-ID (and lastEventId) to start now; reload what you show, as events before now cannot be resumed from this id.',
  });
}

/** Whether a token's principal, asked again, may still read what the stream was opened for: not when revoked, or its role or customers changed. */
function sameAccess(opened: Principal, now: Principal | undefined): boolean {
  return (
    now !== undefined &&
    now.userId === opened.userId &&
    now.role === opened.role &&
    JSON.stringify(now.customers ?? null) === JSON.stringify(opened.customers ?? null)
  );
}
