import path from 'node:path';
import type { Config } from '../common/config';
import type { MailDependencies } from '../activities/mail';
import { startMailCatcher } from '../mail/catcher';
import { smtpMailer } from '../mail/mailer';
import { assertPortFree } from './ports';

export interface MailService {
  /** What the worker's mail activities send with. */
  dependencies: MailDependencies;
  /** SMTP_URL for a worker process of its own (`start --processes`); unset when the environment names the server already. */
  workerEnv?: Record<string, string>;
  describe: string;
  stop(): Promise<void>;
}

/**
 * Where e-mail goes: the SMTP server SMTP_URL names, or else (local work) a catcher started here
 * that keeps each message as a `.eml` file under the data directory (mail/catcher.ts).
 */
export async function startMailService(config: Config): Promise<MailService> {
  if (config.mail.smtpUrl) {
    const dependencies = mailDependencies(config);
    // Not the URL itself: it may hold the server's password.
    return { dependencies, describe: 'sent through SMTP_URL', stop: async () => dependencies.mailer?.close() };
  }
  // Any free port unless one is asked for: a second stack (the tests' `start`) never collides with yours.
  if (config.mail.catcherPort !== 0) await assertPortFree(config.mail.catcherPort, '127.0.0.1', 'the mail catcher', 'MAIL_CATCHER_PORT');
  const catcher = await startMailCatcher({ port: config.mail.catcherPort, dir: mailCatcherDir(config) });
  const mailer = smtpMailer({ smtpUrl: catcher.url, from: config.mail.from });
  return {
    dependencies: { mailer, publicUrl: config.mail.publicUrl, accountLinkValidHours: config.mail.accountLinkValidHours },
    workerEnv: { SMTP_URL: catcher.url },
    describe: `caught at ${catcher.url}, each e-mail a .eml file in ${path.relative(config.projectDir, catcher.dir)}/ (set SMTP_URL to send for real)`,
    stop: async () => {
      mailer.close();
      await catcher.close();
    },
  };
}

/** Where `npm start`'s catcher keeps what it received; delete the files at will. */
export function mailCatcherDir(config: Config): string {
  return path.join(config.dataDir, 'mail');
}

/** A process that starts no catcher (`installer-jobs worker`) sends through SMTP_URL, or sends nothing and says so on each invitation. */
export function mailDependencies(config: Config): MailDependencies {
  const { smtpUrl, from, publicUrl, accountLinkValidHours } = config.mail;
  return { mailer: smtpUrl ? smtpMailer({ smtpUrl, from }) : undefined, publicUrl, accountLinkValidHours };
}
