import nodemailer from 'nodemailer';

/** One e-mail, in plain text and HTML (mail/messages.ts builds them). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Resolves once the SMTP server has taken the message; rejects with a MailDeliveryError otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * A refused or failed hand-over to the SMTP server. `permanent` when the server answered 5xx (the
 * address or the message is refused; trying again gives the same answer), so it is not retried.
 */
export class MailDeliveryError extends Error {
  override name = 'MailDeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Sends through the SMTP server of SMTP_URL, as MAIL_FROM. Nodemailer's own logging stays off: it would print the messages. */
export function smtpMailer(settings: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(settings.smtpUrl, { from: settings.from });
  return {
    async send(message) {
      try {
        await transport.sendMail({ ...message, subject: oneLine(message.subject) });
      } catch (error) {
        throw deliveryError(error);
      }
    },
    close: () => transport.close(),
  };
}

/** What a failed send says, fit for the invitation's `lastError` and the logs: no token a link carried. */
export function deliveryError(error: unknown): MailDeliveryError {
  const { responseCode, response, message } = error as { responseCode?: number; response?: string; message?: string };
  const said = withoutTokens(String(response ?? message ?? error)).slice(0, 500);
  const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  return new MailDeliveryError(responseCode ? `SMTP ${responseCode}: ${said}` : said, permanent, { cause: error });
}

/** An SMTP server may quote a line of the message back: whatever looks like one of our tokens is blotted out. */
export function withoutTokens(text: string): string {
  return text.replace(/\b(inv|ijt)_[A-Za-z0-9_-]{8,}/g, '$1_…');
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
