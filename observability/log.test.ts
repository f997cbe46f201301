import { expect } from 'chai';
import { Writable } from 'node:stream';
import { createLogger, inRequest } from './log';

function capture(format: 'json' | 'pretty') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ format, level: 'info' }, destination);
  return { logger, lines };
}

describe('the logger', () => {
  it('writes JSON lines with level names, and the request id of the request it is written in', () => {
    const { logger, lines } = capture('json');
    inRequest('req-1', () => logger.warn({ jobId: 'J-1' }, 'slow'));
    logger.info('outside');
    const [inside, outside] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(inside).to.include({ level: 'warn', msg: 'slow', jobId: 'J-1', reqId: 'req-1' });
    expect(outside).to.include({ level: 'info', msg: 'outside' }).and.not.to.have.property('reqId');
  });

  it('redacts a credential someone logs by mistake', () => {
    const { logger, lines } = capture('json');
    logger.info({ token: 'tok_1', request: { headers: { authorization: 'Bearer tok_2' } }, user: { password: 'pw' } }, 'oops');
    expect(lines.join('')).not.to.match(/tok_1|tok_2|"pw"/);
  });

  it('writes one human line a request on a terminal', () => {
    const { logger, lines } = capture('pretty');
    logger.info({ reqId: 'r-9', method: 'POST', route: '/v1/jobs/:id/assign', status: 200, durationMs: 12.3 }, 'request');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.match(/INFO.*POST \/v1\/jobs\/:id\/assign 200 12\.3 ms/);
    expect(lines[0]).to.include('r-9');
    expect(lines[0]!.trimEnd().split('\n')).to.have.length(1);
  });
});
