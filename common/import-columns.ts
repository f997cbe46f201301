// The columns a CSV import of jobs (POST /v1/jobs/import) reads besides a job type's field keys:
// what POST /v1/jobs takes besides `values`. One list for the import, which reads them, and the
// job-type checks, which refuse a field key equal to one (the column would fill the field instead).

/** The columns besides the job type's field keys: what POST /v1/jobs takes besides `values`. */
export const IMPORT_META_COLUMNS = ['customerName', 'requestedStartAt', 'installerCompanyId'] as const;

export type ImportMetaColumn = (typeof IMPORT_META_COLUMNS)[number];

/** What each of those columns gives a job, in words. */
export const IMPORT_META_COLUMN_MEANINGS: Readonly<Record<ImportMetaColumn, string>> = {
  customerName: "the job's customer",
  requestedStartAt: 'when the job is to start',
  installerCompanyId: 'the installer company it is assigned to',
};
