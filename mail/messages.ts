import type { MailMessage } from './mailer';

/**
 * The e-mails we send, each in plain text and HTML. Pure: what goes in (names typed by people,
 * escaped for the HTML) and the link decide what comes out, so they are tested as text.
 */

export interface InvitationMailInput {
  to: string;
  providerName: string;
  fleetName: string;
  /** The registration link, with the e-mail's own token. */
  link: string;
  /** The first e-mail, or the one reminder while it is unanswered. */
  kind: 'invitation' | 'reminder';
}

export function invitationMail(input: InvitationMailInput): MailMessage {
  const { providerName, fleetName, link } = input;
  const reminder = input.kind === 'reminder';
  const subject = `${reminder ? 'Reminder: ' : ''}${providerName} invites you to install for fleet ${fleetName}`;
  const lead = reminder
    ? `${providerName} invited you to install telematics units in the vehicles of its fleet ${fleetName}, and has not had your answer yet.`
    : `${providerName} invites your company to install telematics units in the vehicles of its fleet ${fleetName}.`;
  const how =
    'Open the link to see the invitation, then register your company (or accept with your company admin token if you already work with installer-jobs), or decline it.';
  const note = reminder ? 'This link works as well as the one in our first e-mail.' : 'The link is yours: do not forward it.';
  return {
    to: input.to,
    subject,
    text: [lead, '', how, '', link, '', note].join('\n'),
    html: page(subject, [paragraph(lead), paragraph(how), `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`, paragraph(note)]),
  };
}

export function invitationWithdrawnMail(input: { to: string; providerName: string; fleetName: string }): MailMessage {
  const subject = `${input.providerName} has withdrawn its invitation for fleet ${input.fleetName}`;
  const lead = `${input.providerName} has withdrawn the invitation to install for its fleet ${input.fleetName}: its link no longer works.`;
  const more = 'If you think this is a mistake, ask them to invite you again.';
  return { to: input.to, subject, text: [lead, '', more].join('\n'), html: page(subject, [paragraph(lead), paragraph(more)]) };
}

export interface WelcomeMailInput {
  to: string;
  organisationName: string;
  role: keyof typeof ROLE_PHRASES;
  /** The customers a customer-limited user acts for. */
  customers?: string[];
  /** The sign-in link, with the e-mail's own token: it gets the person an API token of their own, once. */
  link: string;
  /** How long the link works (ACCOUNT_LINK_VALID_HOURS). */
  validHours: number;
  /** Where the API describes itself (PUBLIC_URL/docs). */
  docsUrl: string;
}

/**
 * To someone added to an organisation, with a link that gets them their own API token. The link,
 * not a token: a bearer token in an e-mail would work for as long as the e-mail is kept, while the
 * link works once and for a while, and opening it (GET) shows who it signs in without using it.
 */
export function welcomeMail(input: WelcomeMailInput): MailMessage {
  const subject = `Your installer-jobs account at ${input.organisationName}`;
  const lead = `${input.organisationName} has added you to installer-jobs as ${ROLE_PHRASES[input.role]}${
    input.customers?.length ? ` for ${input.customers.join(', ')}` : ''
  }.`;
  const how = `Open the link to see your account, then claim your API token there (POST to the link followed by /claim). The link works once, for ${duration(input.validHours)}, and is yours: do not forward it.`;
  const otherwise =
    'If it has expired or was used, ask the administrator who added you: they were shown a token for you too. We never send a token by e-mail.';
  const docs = 'What you can do, and how:';
  return {
    to: input.to,
    subject,
    text: [lead, '', how, '', input.link, '', otherwise, '', docs, input.docsUrl].join('\n'),
    html: page(subject, [
      paragraph(lead),
      paragraph(how),
      `<p><a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>`,
      paragraph(otherwise),
      `<p>${escapeHtml(docs)} <a href="${escapeHtml(input.docsUrl)}">${escapeHtml(input.docsUrl)}</a></p>`,
    ]),
  };
}

/** Whole days when the hours make them (168: 7 days), else hours. */
function duration(hours: number): string {
  if (hours % 24 !== 0) return hours === 1 ? '1 hour' : `${hours} hours`;
  return hours === 24 ? '1 day' : `${hours / 24} days`;
}

/** The roles of people added by an admin, as a sentence says them. */
const ROLE_PHRASES = {
  provider_admin: 'an admin',
  provider_dispatcher: 'a dispatcher',
  provider_customer: 'a customer-portal user',
  installer_technician: 'a technician',
} as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

function page(title: string, body: string[]): string {
  return `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
