import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createApiServer } from './server';

describe('the API server: requests Node refuses before the app sees them', () => {
  let server: ReturnType<typeof createApiServer>;
  let port: number;

  before(async () => {
    server = createApiServer((_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** What comes back on a raw connection for `request`, until the server closes it. */
  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
      socket.write(request);
    });

  it('answers headers over the limit with a problem+json 431 naming the path', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/v1/jobs?limit=5`, { headers: { authorization: `Bearer ${'x'.repeat(70_000)}` } });
    expect(answer.status).to.equal(431);
    expect(answer.headers.get('content-type')).to.equal('application/problem+json');
    expect(await answer.json()).to.deep.include({
      type: 'https://installer-jobs.dev/problems/headers-too-large',
      status: 431,
      instance: '/v1/jobs',
    });
  });

  it('answers a request that is not HTTP with a problem+json 400', async () => {
    const answer = await raw('HELLO THERE\r\n\r\n');
    expect(answer).to.match(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).to.include('Content-Type: application/problem+json');
    expect(JSON.parse(answer.split('\r\n\r\n')[1]!)).to.deep.include({
      type: 'https://installer-jobs.dev/problems/invalid-request',
      status: 400,
    });
  });

  it('still serves well-formed requests', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).to.equal(200);
  });
});
