import net from 'node:net';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Fails fast with a message a person can act on, instead of a server dying with EADDRINUSE later. */
export async function assertPortFree(port: number, host: string, what: string, envVar: string): Promise<void> {
  if (!(await canListen(port, host))) {
    throw new PortInUseError(
      `Port ${port} on ${host} is already in use, so ${what} cannot listen there. ` +
        `Stop whatever holds it (see \`ss -ltnp 'sport = :${port}'\`), or choose another port with ${envVar}=<port>.`,
    );
  }
}

/**
 * A free port for a test or bench server that must not collide with a running `npm start`. Taken
 * below Linux's ephemeral range (32768–60999), not from it: a port the OS hands out for listening is
 * also one it may give the next outgoing connection (the Temporal dev server makes many) before the
 * server that was to listen on it has started. Falls back to any port the OS gives.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    // A port handed out before may not be listened on yet: never the same twice in a process.
    if (handedOut.has(candidate) || !(await canListen(candidate, host))) continue;
    handedOut.add(candidate);
    return candidate;
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const handedOut = new Set<number>();

function canListen(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
