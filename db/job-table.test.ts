// The jobs table's entries: the row written from a snapshot, column by column.
import { expect } from 'chai';
import type { JobSnapshot } from '../common/job';
import { JOB_ROW_COLUMNS, jobRowOf } from './job-table';

const SNAPSHOT: JobSnapshot = {
  jobId: 'J-0123456789',
  workflowId: 'installer-job-J-0123456789',
  providerId: 'provider-1',
  fleetId: 'fleet-1',
  jobTypeId: 'cloudboxx-install',
  jobTypeVersion: 2,
  jobTypeTitle: 'Install CloudBoxx in a new vehicle',
  status: 'PENDING',
  values: { vin: 'WVW123' },
  lockedFields: ['vin'],
  steps: [{ id: 'mount', title: 'Mount', status: 'open' }],
  searchableText: 'WVW123',
  vehicle: {},
  revision: 3,
  createdAt: '2026-01-05T08:00:00.000Z',
};

describe('the jobs table', () => {
  it('writes every column it lists, and only those', () => {
    expect(Object.keys(jobRowOf(SNAPSHOT, '2026-01-05T09:00:00.000Z'))).to.have.members(JOB_ROW_COLUMNS);
  });

  it('writes JSON as text, what the snapshot lacks as null, and updated_at from the last event', () => {
    const row = jobRowOf(SNAPSHOT, '2026-01-05T09:00:00.000Z');
    expect(row).to.deep.include({
      id: 'J-0123456789',
      job_type_version: 2,
      job_type_title: 'Install CloudBoxx in a new vehicle',
      last_completed_step_title: null,
      searchable_text: 'WVW123',
      values: '{"vin":"WVW123"}',
      locked_fields: ['vin'],
      vehicle: '{}',
      access_grant: null,
      installer_company_id: null,
      requested_start_at: null,
      revision: 3,
      created_at: '2026-01-05T08:00:00.000Z',
      updated_at: '2026-01-05T09:00:00.000Z',
    });
  });
});
