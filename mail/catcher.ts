import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface MailCatcher {
  /** What SMTP_URL is set to for whoever sends. */
  url: string;
  /** Each message received, as it came, in a `.eml` file of its own. */
  dir: string;
  close(): Promise<void>;
}

/** The largest message taken: our e-mails are a few KB. */
const MAX_BYTES = 1024 * 1024;

/**
 * A real SMTP server on 127.0.0.1 that delivers nowhere: each message is written to `dir` as an
 * `.eml` file (any mail program opens one). For local work (`npm start`) and the tests, so that
 * e-mail is sent as in production, with nothing to set up. An address at the reserved `.invalid`
 * domain is refused with 550, as a real server refuses an address it cannot deliver to: that is how
 * a failed delivery is tried locally. No authentication, no TLS: it listens on loopback only.
 */
export async function startMailCatcher(options: { port: number; dir: string }): Promise<MailCatcher> {
  fs.mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_BYTES,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (/\.invalid$/i.test(address.address)) return callback(smtpError(550, `5.1.2 ${address.address}: no such domain`));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return callback(smtpError(552, '5.3.4 message too large'));
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        // Written whole, then renamed: whoever watches the folder never reads half a message.
        const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${to.replace(/[^A-Za-z0-9@._-]+/g, '_').slice(0, 100)}-${randomBytes(3).toString('hex')}.eml`;
        const file = path.join(options.dir, name);
        try {
          fs.writeFileSync(`${file}.part`, Buffer.concat(chunks));
          fs.renameSync(`${file}.part`, file);
          callback();
        } catch (error) {
          callback(smtpError(451, `4.3.0 could not keep the message: ${(error as Error).message}`));
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      // A client's broken connection ends that connection, not the catcher.
      server.on('error', () => {});
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir: options.dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}
