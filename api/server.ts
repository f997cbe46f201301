import http from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_TYPE_BASE, type Problem } from './problem-schema';

/** How long a refused connection's remaining upload is read and dropped before the socket closes. */
const DRAIN_MS = 2_000;

/**
 * The API's HTTP server. Requests Node refuses before Koa sees them — headers over Node's limit
 * (16 KB), a malformed request line — get a problem+json answer like every other refusal, instead
 * of Node's bare status line or a reset. `onClose` runs as close() begins: open event streams end
 * then, rather than hold close() until the shutdown grace period cuts them off.
 */
export function createApiServer(handle: http.RequestListener, options: { onClose?: () => void } = {}): http.Server {
  const server = http.createServer(handle);
  server.on('clientError', answerClientError);
  const { onClose } = options;
  if (onClose) {
    const close = server.close.bind(server);
    server.close = (callback) => {
      onClose();
      return close(callback);
    };
  }
  return server;
}

function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // The client went away, or an answer has begun on this connection: nothing can be said any more.
  const inProgress = (socket as Duplex & { _httpMessage?: http.ServerResponse })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inProgress?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, reason, type, title] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          'headers-too-large',
          `The request headers are larger than the API accepts (${Math.round(http.maxHeaderSize / 1024)} KB in all).`,
        ]
      : error.code === 'HPE_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'request-timeout', 'The request did not arrive in time.']
        : [400, 'Bad Request', 'invalid-request', 'The request is not well-formed HTTP.'];
  const problem: Problem = { type: `${PROBLEM_TYPE_BASE}${type}`, title, status, instance: requestPath(error) };
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  // Closing while the client still uploads would reset the connection and lose the answer: read
  // and drop the rest for a moment, then let go.
  socket.on('error', () => {});
  socket.resume();
  setTimeout(() => socket.destroy(), DRAIN_MS).unref();
}

/** The path of the refused request, read from what Node had received of it; `/` if it got no further. */
function requestPath(error: Error & { rawPacket?: Buffer }): string {
  const requestLine = error.rawPacket?.subarray(0, 8192).toString('latin1').split('\r\n', 1)[0] ?? '';
  return /^[A-Z]+ (\/[^\s?]*)/.exec(requestLine)?.[1] ?? '/';
}
