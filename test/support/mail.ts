import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { MailCatcher } from '../../mail/catcher';

/**
 * The first e-mail to `address` the catcher has received whose subject matches, parsed as a mail
 * program would; waits for it (the worker sends on its own time) and fails after `timeoutMs`.
 */
export async function receivedMail(
  catcher: MailCatcher,
  address: string,
  options: { subject?: RegExp; timeoutMs?: number } = {},
): Promise<ParsedMail> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const found = (await allMail(catcher)).find(
      (mail) => recipients(mail).includes(address.toLowerCase()) && (!options.subject || options.subject.test(mail.subject ?? '')),
    );
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(`No e-mail to ${address}${options.subject ? ` with a subject like ${options.subject}` : ''} within the time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every e-mail the catcher holds, oldest first. */
export async function allMail(catcher: MailCatcher): Promise<ParsedMail[]> {
  const files = fs
    .readdirSync(catcher.dir)
    .filter((name) => name.endsWith('.eml'))
    .sort();
  return Promise.all(files.map((name) => simpleParser(fs.readFileSync(path.join(catcher.dir, name)))));
}

function recipients(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((a) => (a.address ?? '').toLowerCase()));
}

/** The invitation link in an e-mail's plain text, and the one in its HTML: they must be the same. */
export function invitationLinks(mail: ParsedMail): { text?: string; html?: string } {
  const pattern = /https?:\/\/[^\s"<]+\/v1\/invitations\/inv_[A-Za-z0-9_-]+/;
  return { text: mail.text?.match(pattern)?.[0], html: typeof mail.html === 'string' ? mail.html.match(pattern)?.[0] : undefined };
}

/** The sign-in link in a welcome e-mail's plain text, and the one in its HTML: they must be the same. */
export function accountLinks(mail: ParsedMail): { text?: string; html?: string } {
  const pattern = /https?:\/\/[^\s"<]+\/v1\/account-links\/acl_[A-Za-z0-9_-]+/;
  return { text: mail.text?.match(pattern)?.[0], html: typeof mail.html === 'string' ? mail.html.match(pattern)?.[0] : undefined };
}
