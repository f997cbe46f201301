// What POST /v1/jobs/import takes, in one place for the route, its schemas and the CLI (which
// splits a file the way the route reads it). Pure: no Node built-ins, nothing heavy to load.

/** Rows under the header, blank lines not counted: 1 000 rows are created in about 25 s on the 2-core dev machine (bench/bulk-create.ts). */
export const MAX_IMPORT_ROWS = 1000;

/** The largest CSV body; a larger one answers 413 before it is read. 1 000 rows of a full job type fit with room to spare. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

/** Problems listed in an answer; `problemCount` says how many there are in all. */
export const MAX_LISTED_PROBLEMS = 10_000;

/** The columns besides the job type's field keys, which no field key may be (definitions/semantic-checks.ts). */
export { IMPORT_META_COLUMNS, type ImportMetaColumn } from '../../common/import-columns';

/** The media type a CSV is sent as (with a charset parameter if not UTF-8). */
export const CSV_TYPES = ['text/csv'];

/**
 * The cell separator: a comma, or the semicolon a spreadsheet in a German locale writes, or a tab —
 * whichever the header row holds most of (a comma when none).
 */
export function csvDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const header = end < 0 ? text : text.slice(0, end);
  const count = (delimiter: string) => header.split(delimiter).length - 1;
  const [best] = [',', ';', '\t'].sort((a, b) => count(b) - count(a));
  return best!;
}

/** A row that holds nothing (a blank line, or a spreadsheet's row of empty cells): skipped, still counted in the row numbers. */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}
