import type { FromSchema } from 'json-schema-to-ts';
import { JOB_PROPERTIES, type JobRow } from '../../db/job-table';
import { JOB_FIELDS, type JobField, type jobListItem } from './list-schema';
import type { jobResource } from './schema';

export type JobResource = FromSchema<typeof jobResource>;
export type JobListItem = FromSchema<typeof jobListItem>;

/**
 * The jobs table's readers (db/job-table.ts), held to the resource schema: a property of the schema
 * without an entry there, or read as another type, does not compile, so the answer cannot drift
 * from the API docs. Each reads only its own columns, so a list page with `fields` selects those.
 */
const PROPERTIES: { [K in JobField]-?: { columns: Partial<Record<keyof JobRow, unknown>>; read: (row: JobRow) => JobResource[K] } } =
  JOB_PROPERTIES;

export function toJobResource(row: JobRow): JobResource {
  // JOB_FIELDS is every property of the schema, so this is the whole job.
  return jobProperties(row, JOB_FIELDS) as JobResource;
}

/** id and the given properties, in that order: an item of a list page with `fields`. */
export function jobProperties(row: JobRow, fields: readonly JobField[]): JobListItem {
  const properties: Record<string, unknown> = { id: row.id };
  for (const field of fields) properties[field] = PROPERTIES[field].read(row);
  return properties as JobListItem;
}

/** The columns a page with these `fields` reads. */
export function jobColumns(fields: readonly JobField[]): Array<keyof JobRow> {
  return fields.flatMap((field) => Object.keys(PROPERTIES[field].columns) as Array<keyof JobRow>);
}
