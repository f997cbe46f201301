import net from 'node:net';

export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

/** Fails fast with a message a person can act on, instead of a server dying with EADDRINUSE later. */
export async function assertPortFree(port: number, host: string, what: string, envVar: string): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new PortInUseError(
      `Port ${port} on ${host} is already in use, so ${what} cannot listen there. ` +
        `Stop whatever holds it (see \`ss -ltnp 'sport = :${port}'\`), or choose another port with ${envVar}=<port>.`,
    );
  }
}

/** A port the OS just handed out: for test servers that must not collide with a running `npm start`. */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
