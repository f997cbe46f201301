import type { FromSchema } from 'json-schema-to-ts';
import type { JobRow } from '../../db/jobs';
import { JOB_FIELDS, type JobField, type jobListItem } from './list-schema';
import type { jobResource } from './schema';

export type JobResource = FromSchema<typeof jobResource>;
export type JobListItem = FromSchema<typeof jobListItem>;

/**
 * Each property of a job from its read-model row. One getter per property, so that a list page
 * with `fields` reads only the columns it selected; typed by the schema, so the answer cannot
 * drift from the API docs.
 */
const PROPERTIES: { [K in JobField]-?: (row: JobRow) => JobResource[K] } = {
  id: (row) => row.id,
  status: (row) => row.status,
  jobType: (row) => ({ id: row.job_type_id, version: row.job_type_version }),
  fleetId: (row) => row.fleet_id,
  installerCompanyId: (row) => row.installer_company_id,
  customerName: (row) => row.customer_name,
  requestedStartAt: (row) => isoOrNull(row.requested_start_at),
  values: (row) => row.values,
  lockedFields: (row) => row.locked_fields,
  steps: (row) => row.steps,
  lastCompletedStep: (row) => row.last_completed_step,
  failureReason: (row) => row.failure_reason,
  accessGrant: (row) => row.access_grant ?? null,
  vehicle: (row) => row.vehicle ?? {},
  workflowId: (row) => row.workflow_id,
  createdAt: (row) => row.created_at.toISOString(),
  updatedAt: (row) => row.updated_at.toISOString(),
  assignedAt: (row) => isoOrNull(row.assigned_at),
  startedAt: (row) => isoOrNull(row.started_at),
  finishedAt: (row) => isoOrNull(row.finished_at),
};

export function toJobResource(row: JobRow): JobResource {
  // JOB_FIELDS is every property of the schema, so this is the whole job.
  return jobProperties(row, JOB_FIELDS) as JobResource;
}

/** id and the given properties, in that order: an item of a list page with `fields`. */
export function jobProperties(row: JobRow, fields: readonly JobField[]): JobListItem {
  const properties: Record<string, unknown> = { id: row.id };
  for (const field of fields) properties[field] = PROPERTIES[field](row);
  return properties as JobListItem;
}

/** Timestamps leave as the ISO strings JSON would have made of the Dates: typed as the schema says. */
function isoOrNull(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
