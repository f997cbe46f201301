// What a delivery says of each event type, and which types an organisation can ever receive.
import { expect } from 'chai';
import type { FeedEvent } from '../db/feed';
import { WEBHOOK_EVENT_TYPES, webhookPayload, whyNeverReceived } from './event-types';

const jobEvent = (type: string, data: Record<string, unknown>): FeedEvent => ({
  cursor: '10-1',
  id: '1',
  type,
  jobId: 'J-1',
  invitationId: null,
  providerId: 'p-1',
  installerCompanyId: 'c-1',
  customerName: 'ACME',
  actor: { kind: 'system', reason: 'access ended' },
  data,
  occurredAt: new Date('2026-12-01T09:30:00Z'),
});
const dataOf = (event: FeedEvent) => (JSON.parse(webhookPayload(event)) as { data: Record<string, unknown> }).data;

describe('webhook payloads', () => {
  it('says a car was left unsecured, and why, as the job workflow records it', () => {
    const recorded = {
      state: 'notSecured',
      detail: 'lock was sent, the vehicle reports {"centralLock":"unlocked"}. Check the vehicle.',
      commands: [{ command: 'lock', outcome: 'mismatch', reported: { centralLock: 'unlocked' } }],
    };
    expect(dataOf(jobEvent('vehicle.not-secured', recorded))).to.deep.equal({
      jobId: 'J-1',
      state: 'notSecured',
      detail: recorded.detail,
    });
  });

  it('says securing is overdue: the box and after how long', () => {
    expect(dataOf(jobEvent('vehicle.securing.overdue', { qnr: '0123456789ABCDEF', after: '15 minutes' }))).to.deep.equal({
      jobId: 'J-1',
      qnr: '0123456789ABCDEF',
      after: '15 minutes',
    });
  });

  it('keeps what it sent before for the other types', () => {
    expect(JSON.parse(webhookPayload(jobEvent('vehicle.secured', { state: 'secured', securedAt: 'x', commands: [] })))).to.deep.equal({
      type: 'vehicle.secured',
      timestamp: '2026-12-01T09:30:00.000Z',
      data: { jobId: 'J-1', state: 'secured' },
    });
    expect(dataOf(jobEvent('job.created', { values: { vin: 'W' }, jobType: 'cloudboxx-install@3' }))).to.deep.equal({
      jobId: 'J-1',
      jobType: 'cloudboxx-install@3',
    });
    const answer = {
      ...jobEvent('invitation.accepted', { invitationId: 'i-1', email: 'a@b.example', fleetId: 'f-1', installerCompanyId: 'c-1' }),
    };
    expect(dataOf({ ...answer, jobId: null, invitationId: 'i-1' })).to.deep.equal({
      invitationId: 'i-1',
      fleetId: 'f-1',
      installerCompanyId: 'c-1',
    });
  });
});

describe('who can receive a webhook event type', () => {
  it('a provider every type', () => {
    expect(WEBHOOK_EVENT_TYPES.filter((type) => whyNeverReceived('provider', type) !== undefined)).to.deep.equal([]);
  });

  it('an installer company all but what happens before an assignment, or names no company', () => {
    expect(WEBHOOK_EVENT_TYPES.filter((type) => whyNeverReceived('installer_company', type) !== undefined)).to.deep.equal([
      'job.created',
      'job.deleted',
      'invitation.declined',
    ]);
  });
});
