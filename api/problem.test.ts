import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import { expect } from 'chai';
import Koa from 'koa';
import { problemDetails } from './problem';

/** A route table answered through problemDetails, the way api/app.ts wires its routers. */
describe('problem details for requests no route takes', () => {
  let server: http.Server;
  let baseUrl: string;

  before(async () => {
    const app = new Koa();
    app.use(problemDetails(() => {}));
    const router = new Router({ prefix: '/v1/things' });
    router.get('/', (ctx) => void (ctx.body = []));
    router.post('/', (ctx) => void (ctx.status = 201));
    router.post('/json', bodyParser({ enableTypes: ['json'] }), (ctx) => void (ctx.status = 201));
    app.use(router.routes()).use(router.allowedMethods());
    server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers a body that is not JSON with a 400 saying so, and where, not only in the parser's words", async () => {
    const response = await fetch(`${baseUrl}/v1/things/json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jobTypeId":',
    });
    expect(response.status).to.equal(400);
    const body = (await response.json()) as { type: string; title: string; errors: unknown[] };
    expect(body.type).to.equal('https://installer-jobs.dev/problems/invalid-request');
    expect(body.title).to.match(/^The request body is not valid JSON: /);
    expect(body.errors).to.have.length(1);
    expect(body.errors[0]).to.deep.include({ pointer: '/', rule: 'json' });
  });

  it('answers a method the path does not take with a 405 problem and keeps the Allow header', async () => {
    const response = await fetch(`${baseUrl}/v1/things`, { method: 'PUT' });
    expect(response.status).to.equal(405);
    expect(response.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(response.headers.get('allow')).to.equal('HEAD, GET, POST');
    expect(await response.json()).to.deep.equal({
      type: 'https://installer-jobs.dev/problems/method-not-allowed',
      title: 'PUT is not allowed on /v1/things; allowed: HEAD, GET, POST.',
      status: 405,
      instance: '/v1/things',
    });
  });

  it('answers a method no router implements (TRACE, PROPFIND) on a known path like one the path does not take: 405 with Allow', async () => {
    for (const method of ['TRACE', 'PROPFIND']) {
      const response = await request(method, '/v1/things');
      expect(response.status, method).to.equal(405);
      expect(response.headers['content-type']).to.match(/^application\/problem\+json/);
      expect(response.headers.allow).to.equal('HEAD, GET, POST');
      expect(JSON.parse(response.body)).to.deep.include({ type: 'https://installer-jobs.dev/problems/method-not-allowed', status: 405 });
    }
  });

  it('answers a method no router implements on an unknown path with a 404 problem and no Allow header', async () => {
    const response = await fetch(`${baseUrl}/v1/nothing`, { method: 'PROPFIND' });
    expect(response.status).to.equal(404);
    expect(response.headers.has('allow')).to.equal(false);
    expect(await response.json()).to.deep.include({ type: 'https://installer-jobs.dev/problems/not-found', status: 404 });
  });

  it('still answers an unknown path with a 404 problem, and OPTIONS with the allowed methods', async () => {
    const missing = await fetch(`${baseUrl}/v1/nothing`);
    expect(missing.status).to.equal(404);
    expect(((await missing.json()) as { type: string }).type).to.equal('https://installer-jobs.dev/problems/not-found');
    const options = await fetch(`${baseUrl}/v1/things`, { method: 'OPTIONS' });
    expect(options.status).to.equal(200);
    expect(options.headers.get('allow')).to.equal('HEAD, GET, POST');
  });

  /** fetch() refuses TRACE; node:http sends any method. */
  function request(method: string, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
    return new Promise((resolve, reject) => {
      http
        .request(`${baseUrl}${path}`, { method }, (response) => {
          let body = '';
          response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body }));
        })
        .on('error', reject)
        .end();
    });
  }
});
