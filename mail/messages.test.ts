import { expect } from 'chai';
import { escapeHtml, invitationMail, invitationWithdrawnMail, welcomeMail } from './messages';

describe('e-mail messages', () => {
  const invitation = {
    to: 'office@schrauber.example',
    providerName: 'Car & <Share>',
    fleetName: 'Berlin "Mitte"',
    link: 'https://jobs.example/v1/invitations/inv_abc?x=1&y=2',
  };

  it('says who invites for which fleet, with the link, in text and in HTML', () => {
    const mail = invitationMail({ ...invitation, kind: 'invitation' });
    expect(mail.to).to.equal('office@schrauber.example');
    expect(mail.subject).to.equal('Car & <Share> invites you to install for fleet Berlin "Mitte"');
    expect(mail.text).to.include('Car & <Share> invites your company').and.include(invitation.link);
    expect(mail.html).to.include('Car &amp; &lt;Share&gt; invites your company');
    expect(mail.html).to.include('<a href="https://jobs.example/v1/invitations/inv_abc?x=1&amp;y=2">');
    expect(mail.html, 'names are escaped').not.to.include('<Share>');
  });

  it('tells a reminder from the invitation, and says the earlier link still works', () => {
    const mail = invitationMail({ ...invitation, kind: 'reminder' });
    expect(mail.subject).to.match(/^Reminder: /);
    expect(mail.text).to.include('has not had your answer yet').and.include('as well as the one in our first e-mail');
  });

  it('tells of a withdrawal without a link', () => {
    const mail = invitationWithdrawnMail({ to: 'office@schrauber.example', providerName: 'Car & <Share>', fleetName: 'Berlin' });
    expect(mail.subject).to.equal('Car & <Share> has withdrawn its invitation for fleet Berlin');
    expect(mail.text).not.to.include('http');
    expect(mail.html).to.include('Car &amp; &lt;Share&gt; has withdrawn');
  });

  it('welcomes an added person with their role, customers and sign-in link, and no token', () => {
    const link = 'https://jobs.example/v1/account-links/acl_abc?x=1&y=2';
    const mail = welcomeMail({
      to: 'dispo@share.example',
      organisationName: 'Car <Share>',
      role: 'provider_dispatcher',
      customers: ['Stadtwerke', 'Taxi <Nord>'],
      link,
      validHours: 168,
      docsUrl: 'https://jobs.example/docs',
    });
    expect(mail.text).to.include('Car <Share> has added you to installer-jobs as a dispatcher for Stadtwerke, Taxi <Nord>.');
    expect(mail.text).to.include(`\n${link}\n`).and.include('works once, for 7 days').and.include('https://jobs.example/docs');
    expect(mail.html).to.include('as a dispatcher for Stadtwerke, Taxi &lt;Nord&gt;.');
    expect(mail.html).to.include('<a href="https://jobs.example/v1/account-links/acl_abc?x=1&amp;y=2">');
    expect(mail.html, 'names are escaped').not.to.include('<Nord>').and.not.to.include('<Share>');
    expect(mail.text + mail.html).not.to.match(/ijt_|inv_/);
    const technician = welcomeMail({
      ...mail,
      organisationName: 'X',
      role: 'installer_technician',
      link,
      validHours: 36,
      docsUrl: 'https://d',
    });
    expect(technician.text).to.include('as a technician.').and.include('works once, for 36 hours');
    expect(
      welcomeMail({ ...mail, organisationName: 'X', role: 'provider_admin', link, validHours: 24, docsUrl: 'https://d' }).text,
    ).to.include('for 1 day,');
  });

  it('escapes every character that could open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).to.equal('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
