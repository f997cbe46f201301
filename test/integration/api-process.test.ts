import { expect } from 'chai';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { findFreePort } from '../../runtime/ports';
import { CliProcess } from '../support/cli';
import { freshDatabase, temporalAddress } from '../support/services';

/** `installer-jobs api` as a deployment runs it, stopped as an orchestrator stops it. */
describe('the API process', function () {
  this.timeout(90_000);
  let api: CliProcess | undefined;
  after(async () => api?.stop('SIGKILL'));

  it('on SIGTERM takes no new connection, answers the request in flight, and exits 0', async () => {
    const { url } = await freshDatabase('api process');
    const port = await findFreePort();
    api = new CliProcess(['api'], {
      TEMPORAL_ADDRESS: await temporalAddress(),
      TEMPORAL_TASK_QUEUE: `api-process-${randomUUID()}`,
      DATABASE_URL: url,
      PORT: String(port),
      LOG_FORMAT: 'json',
    });
    await api.waitFor(/"msg":"API listening"/, 60_000);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);

    // A request whose body is still on its way when the signal comes.
    const body = JSON.stringify({ jobTypeId: 'cloudboxx-install', fleetId: randomUUID(), values: {} });
    const inFlight = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/v1/jobs',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
      inFlight.once('error', reject);
      inFlight.once('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.once('end', () => resolve({ status: response.statusCode!, text }));
      });
    });
    inFlight.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const exited = api.stop('SIGTERM');
    await api.waitFor(/"msg":"API stopping/, 10_000);
    const refused = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      () => 'answered',
      (error: Error & { cause?: { code?: string } }) => error.cause?.code,
    );
    expect(refused, 'a new connection after the signal').to.equal('ECONNREFUSED');

    inFlight.end(body.slice(10));
    const answer = await answered;
    expect(answer.status, 'the request in flight is answered (401: it carried no token)').to.equal(401);
    expect(JSON.parse(answer.text)).to.include({ status: 401 });
    expect(await exited, api.output).to.equal(0);
    expect(api.output).to.match(/"msg":"API stopped"/);
    api = undefined;
  });
});
