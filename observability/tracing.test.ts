import { execFile, execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadTracingSettings } from '../common/config';

const PROJECT_DIR = path.resolve(__dirname, '..');

/**
 * What a process of ours loads, given its environment: the entry point's tracing call, then the
 * modules that take their interceptors from it (the API app, the Temporal client, the worker and
 * its bundle). Prints the OpenTelemetry modules loaded and whether tracing is active.
 */
function loadedWith(env: Record<string, string>): { otelModules: number; active: boolean } {
  const script = `
    const tracing = require('./observability/tracing.ts');
    tracing.startTracingFor('api');
    require('./api/app.ts'); require('./temporal/connection.ts'); require('./worker/worker.ts'); require('./worker/bundle.ts');
    const otelModules = Object.keys(require.cache).filter((file) => /[\\\\/]@opentelemetry[\\\\/]|interceptors-opentelemetry/.test(file)).length;
    console.log(JSON.stringify({ otelModules, active: tracing.activeTracing() !== undefined }));
    void tracing.stopTracing();
  `;
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')));
  const output = execFileSync(process.execPath, ['--require', 'tsx/cjs', '--eval', script], {
    cwd: PROJECT_DIR,
    env: { ...clean, ...env },
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').pop()!) as { otelModules: number; active: boolean };
}

describe('tracing settings (OTEL_EXPORTER_OTLP_ENDPOINT)', function () {
  this.timeout(60_000);

  it('without an endpoint, starts nothing and loads no OpenTelemetry module', () => {
    expect(loadedWith({})).to.deep.equal({ otelModules: 0, active: false });
  });

  it('with one, starts the SDK with the instrumentations and the Temporal interceptors', () => {
    const loaded = loadedWith({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' });
    expect(loaded.active).to.equal(true);
    expect(loaded.otelModules).to.be.greaterThan(0);
  });

  it('sends the spans to the endpoint as OTLP http/protobuf, the last ones when it stops', async () => {
    const received: Array<{ url?: string; contentType?: string; body: Buffer }> = [];
    const collector = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ url: request.url, contentType: request.headers['content-type'], body: Buffer.concat(chunks) });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const script = `
        const tracing = require('./observability/tracing.ts');
        tracing.startTracingFor('worker');
        require('@opentelemetry/api').trace.getTracer('probe').startSpan('probe-span').end();
        void tracing.stopTracing();
      `;
      const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('OTEL_')));
      await promisify(execFile)(process.execPath, ['--require', 'tsx/cjs', '--eval', script], {
        cwd: PROJECT_DIR,
        env: { ...clean, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}` },
      });
    } finally {
      collector.close();
    }
    expect(received.map(({ url, contentType }) => ({ url, contentType }))).to.deep.equal([
      { url: '/v1/traces', contentType: 'application/x-protobuf' },
    ]);
    expect(received[0]!.body.includes('probe-span'), 'the span').to.equal(true);
    expect(received[0]!.body.includes('installer-jobs-worker'), 'its service').to.equal(true);
  });

  const table: Array<[string, string | undefined, NodeJS.ProcessEnv, string | undefined]> = [
    ['no endpoint', 'api', {}, undefined],
    ['an empty endpoint', 'api', { OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }, undefined],
    ['the API', 'api', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, 'installer-jobs-api'],
    [
      'the worker, by the traces endpoint',
      'worker',
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' },
      'installer-jobs-worker',
    ],
    ['npm start', 'start', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, 'installer-jobs'],
    ['a service name of its own', 'api', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_SERVICE_NAME: 'jobs-eu' }, 'jobs-eu'],
    ['a command that serves nothing', 'migrate', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }, undefined],
    ['the SDK switched off', 'api', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }, undefined],
    [
      'http/protobuf said outright',
      'api',
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf' },
      'installer-jobs-api',
    ],
  ];
  for (const [what, command, env, serviceName] of table) {
    it(`${what}: ${serviceName ?? 'off'}`, () => {
      expect(loadTracingSettings(command, env)?.serviceName).to.equal(serviceName);
    });
  }

  it('refuses a protocol it does not send, naming the variable', () => {
    expect(() =>
      loadTracingSettings('api', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }),
    ).to.throw(/OTEL_EXPORTER_OTLP_PROTOCOL=grpc: traces are sent as http\/protobuf only/);
  });
});
