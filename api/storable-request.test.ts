import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import { expect } from 'chai';
import Koa from 'koa';
import { problemDetails } from './problem';
import { refuseUnstorableRequest } from './storable-request';

describe('refuseUnstorableRequest', () => {
  let server: http.Server;
  let base: string;
  before(async () => {
    const app = new Koa();
    app.use(problemDetails(() => {}));
    app.use(refuseUnstorableRequest());
    const router = new Router();
    router.get('/v1/jobs/:id', (ctx) => void (ctx.body = { id: ctx.params.id, query: ctx.query }));
    app.use(router.routes());
    server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      body: (await response.json()) as Record<string, unknown>,
    };
  };

  it('answers a path segment with a NUL as a resource that does not exist', async () => {
    for (const path of ['/v1/jobs/%00', '/v1/jobs/J-1%00', '/v1/%00/x']) {
      const answer = await get(path);
      expect(answer.status, path).to.equal(404);
      expect(answer.type).to.equal('application/problem+json');
      expect(answer.body.title).to.match(/must not contain the NUL character/);
    }
  });

  it('names each query parameter with a NUL, and each item of a repeated one', async () => {
    const answer = await get('/v1/jobs/J-1?q=a%00b&status=RUNNING&status=%00&x%00=1');
    expect(answer.status).to.equal(400);
    expect(answer.body.errors).to.deep.equal([
      { pointer: '/q', message: 'must not contain the NUL character (U+0000), found at position 1', rule: 'storable' },
      { pointer: '/status/1', message: 'must not contain the NUL character (U+0000), found at position 0', rule: 'storable' },
      {
        pointer: '/x\u0000',
        message: 'has a name that must not contain the NUL character (U+0000), found at position 1',
        rule: 'storable',
      },
    ]);
  });

  it('lets through text that can be stored, emoji included, and bytes that do not decode (they arrive as sent)', async () => {
    expect(await get('/v1/jobs/%F0%9F%93%A6?q=%F0%9F%93%A6')).to.deep.include({ status: 200, body: { id: '📦', query: { q: '📦' } } });
    // A lone surrogate's UTF-8 bytes: the router keeps the segment undecoded, the query reads U+FFFD.
    const lone = await get('/v1/jobs/%ED%A0%80?q=%ED%A0%80');
    expect(lone.status).to.equal(200);
    expect(lone.body.id).to.equal('%ED%A0%80');
  });
});
