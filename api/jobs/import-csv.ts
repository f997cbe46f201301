// The pure half of POST /v1/jobs/import: a CSV's rows read as new jobs of one job type, each cell
// converted from text to its field's type and every row held to the job type's rules by the same
// validator POST /v1/jobs uses. What needs the database or Temporal is in import.ts.
import { CsvError, parse } from 'csv-parse/sync';
import { tidyName } from '../../common/customer-names';
import { dateTimeProblem, textProblem } from '../../common/storable';
import type { CompiledField, CompiledJobType, ValueIssue } from '../../definitions/compiled-job-type';
import { suggestionBudget } from '../../definitions/suggest';
import { newValueIssues, validateProviderValues } from '../../definitions/value-validation';
import { isUuid } from '../validate';
import { IMPORT_META_COLUMNS, MAX_IMPORT_ROWS, csvDelimiter, isBlankRecord, type ImportMetaColumn } from './import-format';

/** One thing wrong with the file, a row, or a cell. */
export interface ImportProblem {
  /** As in the file, the header being row 1; a quoted cell over several lines is still one row. */
  row: number;
  /** As the header names it, or the field a missing value belongs to; absent for the row as a whole. */
  column?: string;
  message: string;
  rule: string;
}

/** A row read as a job: its values typed, its own problems (none: it can be created). */
export interface ImportRow {
  row: number;
  values: Record<string, unknown>;
  customerName?: string;
  requestedStartAt?: string;
  installerCompanyId?: string;
  problems: ImportProblem[];
}

export interface ReadImport {
  /** Problems of the file as a whole (its header, its size, its syntax): with any, nothing is created. */
  fileProblems: ImportProblem[];
  /** The rows under the header, blank lines left out. */
  rows: ImportRow[];
}

/** Unknown columns compared with the known ones for a "did you mean", at most: a header may come from anyone. */
const SUGGESTION_BUDGET = 20_000;

/**
 * Reads a CSV (the header naming the columns) as rows of new jobs of `jobType`. Never throws on
 * what the file holds: everything wrong is a problem, by row and column.
 */
export function readImport(text: string, jobType: CompiledJobType): ReadImport {
  let records: Array<{ record: string[]; info: { records: number } }>;
  // Cells quoted with blanks at either end, by record (0-based) and column: kept as written.
  const quotedWithBlanks = new Set<string>();
  try {
    records = parse(text, {
      bom: true,
      delimiter: csvDelimiter(text),
      // Cell counts are checked here, per row, so that one short row does not refuse the file.
      relax_column_count: true,
      // A quote inside an unquoted cell (12" rim) is part of the text, as a spreadsheet means it.
      relax_quotes: true,
      info: true,
      // The rule for blanks: an unquoted cell is read without blanks at either end (as a spreadsheet
      // shows it), a quoted one as written — blanks an enum option or a text starts with included.
      cast: (value, context) => {
        if (!context.quoting) return value.trim();
        if (value !== value.trim()) quotedWithBlanks.add(`${context.records}:${context.index}`);
        return value;
      },
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const row = ((error as CsvError & { records?: number }).records ?? 0) + 1;
    return { fileProblems: [{ row, message: `the file is not valid CSV: ${error.message}`, rule: 'csv' }], rows: [] };
  }
  const [header, ...body] = records;
  if (!header)
    return { fileProblems: [{ row: 1, message: 'the file is empty; its first row names the columns', rule: 'empty' }], rows: [] };
  const dataRecords = body.filter(({ record }) => !isBlankRecord(record));
  const columns = header.record.map((name) => name.trim());
  const fileProblems = headerProblems(columns, jobType, dataRecords);
  if (dataRecords.length === 0) fileProblems.push({ row: 2, message: 'the file has no rows under its header', rule: 'empty' });
  if (dataRecords.length > MAX_IMPORT_ROWS)
    fileProblems.push({
      row: dataRecords[MAX_IMPORT_ROWS]!.info.records,
      message: `the file has ${dataRecords.length} rows; an import takes at most ${MAX_IMPORT_ROWS} (split it in several)`,
      rule: 'maxRows',
    });
  const fields = new Map(jobType.fields.map((field) => [field.key, field]));
  const rows = dataRecords.map(({ record, info }) =>
    readRow(info.records, record, columns, fields, jobType, (index) => quotedWithBlanks.has(`${info.records - 1}:${index}`)),
  );
  return { fileProblems, rows };
}

function headerProblems(columns: string[], jobType: CompiledJobType, rows: Array<{ record: string[] }>): ImportProblem[] {
  const known = [...jobType.fields.map((field) => field.key), ...IMPORT_META_COLUMNS];
  const { didYouMean } = suggestionBudget(SUGGESTION_BUDGET);
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  columns.forEach((name, index) => {
    if (name === '') {
      // A spreadsheet's trailing empty columns say nothing; a nameless column with values does.
      if (rows.some(({ record }) => (record[index] ?? '').trim() !== ''))
        problems.push({ row: 1, message: `column ${index + 1} has values but no name`, rule: 'unknownColumn' });
      return;
    }
    if (seen.has(name)) problems.push({ row: 1, column: name, message: `column "${name}" appears twice`, rule: 'duplicateColumn' });
    seen.add(name);
    if (!known.includes(name)) {
      problems.push({
        row: 1,
        column: name,
        message: `unknown column "${name}"${didYouMean(name, known)}; the columns are the field keys of job type ${jobType.id} and ${IMPORT_META_COLUMNS.join(', ')}`,
        rule: 'unknownColumn',
      });
    }
  });
  return problems;
}

function readRow(
  row: number,
  record: string[],
  columns: string[],
  fields: ReadonlyMap<string, CompiledField>,
  jobType: CompiledJobType,
  quotedWithBlanks: (index: number) => boolean,
): ImportRow {
  const read: ImportRow = { row, values: {}, problems: [] };
  if (record.length > columns.length && record.slice(columns.length).some((cell) => cell.trim() !== '')) {
    read.problems.push({ row, message: `the row has ${record.length} cells; the header names ${columns.length}`, rule: 'columns' });
    return read;
  }
  columns.forEach((column, index) => {
    // A short row (a spreadsheet leaves trailing empty cells out) has nothing in the cells it lacks.
    const cell = record[index] ?? '';
    if (cell === '') return;
    const field = fields.get(column);
    if (field) read.values[column] = fromText(field, cell);
    else if ((IMPORT_META_COLUMNS as readonly string[]).includes(column)) {
      const problem = metaProblem(column as ImportMetaColumn, cell);
      if (problem) read.problems.push({ row, column, ...problem });
      else read[column as ImportMetaColumn] = column === 'customerName' ? tidyName(cell) : cell.trim();
    }
  });
  // The rules of the create form, word for word: values the cell could not be read as go in as text and fail the type rule.
  const issues = newValueIssues(jobType, read.values, validateProviderValues(jobType, read.values));
  for (const problem of issues.map((issue) => cellProblem(row, issue))) {
    const at = problem.column === undefined ? -1 : columns.indexOf(problem.column);
    // Blanks kept in a quoted cell are easily missed: a refusal of its value says they were kept.
    if (at >= 0 && quotedWithBlanks(at) && problem.rule !== 'minLength')
      problem.message += ' (the cell is quoted, so its blanks at either end are kept as part of the value)';
    // A spreadsheet set to German saves 4,5 and 1.234,5; "must be a number" alone does not say what is wrong with them.
    const cell = at >= 0 ? (record[at] ?? '').trim() : '';
    if (
      problem.rule === 'type' &&
      fields.get(problem.column!)?.type === 'number' &&
      /^[+-]?\d{1,3}(\.\d{3})*,\d+$|^[+-]?\d+,\d+$/.test(cell)
    )
      problem.message += ` (write ${cell.replace(/\./g, '').replace(',', '.')} for ${cell}: numbers take a decimal point and no thousands separator, as a spreadsheet set to a language such as German does not)`;
    read.problems.push(problem);
  }
  // Left to right as in the file; a field the header lacks (a required one) after the columns it has.
  const place = (problem: ImportProblem) => {
    const at = problem.column === undefined ? -1 : columns.indexOf(problem.column);
    return at < 0 ? columns.length : at;
  };
  read.problems.sort((a, b) => place(a) - place(b));
  return read;
}

/**
 * A cell as its field's value: a number, true or false where the field takes one, an address from
 * its text. Text that is not one stays text, so that the field's rule refuses it in its own words.
 */
export function fromText(field: Pick<CompiledField, 'type'>, cell: string): unknown {
  const trimmed = cell.trim();
  switch (field.type) {
    case 'integer':
      // Beyond ±(2^53 − 1) too: the field's schema refuses it as the API does, not as text.
      return /^[+-]?\d+$/.test(trimmed) && Number.isFinite(Number(trimmed)) ? Number(trimmed) : cell;
    case 'number':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : cell;
    case 'boolean': {
      const word = trimmed.toLowerCase();
      return word === 'true' || word === 'yes' ? true : word === 'false' || word === 'no' ? false : cell;
    }
    // An enum option is text as the job type writes it: a quoted cell keeps its blanks (" x ").
    case 'enum':
      return cell;
    case 'date':
    case 'datetime':
      return trimmed;
    case 'address':
      return { text: cell };
    case 'photo':
      return { photoId: cell };
    default:
      return cell;
  }
}

/** The rules POST /v1/jobs holds these to in its body schema, for a cell. */
function metaProblem(column: ImportMetaColumn, cell: string): { message: string; rule: string } | undefined {
  const unstorable = textProblem(cell);
  if (unstorable) return { message: `${column} ${unstorable}`, rule: 'storable' };
  switch (column) {
    case 'customerName': {
      // As POST /v1/jobs takes it: tidied (common/customer-names.ts), blanks alone are no name.
      const name = tidyName(cell);
      if (name === '') return { message: 'customerName must not be empty: it holds only blanks', rule: 'minLength' };
      return name.length > 200 ? { message: 'customerName must be at most 200 characters long', rule: 'maxLength' } : undefined;
    }
    case 'requestedStartAt': {
      const problem = dateTimeProblem(cell.trim());
      return problem ? { message: `requestedStartAt ${problem}`, rule: 'format' } : undefined;
    }
    case 'installerCompanyId':
      return isUuid(cell.trim())
        ? undefined
        : { message: 'installerCompanyId must be the id (a UUID) of an installer company', rule: 'format' };
  }
}

/** A value's issue at its cell: `/values/vehicleLocation/text` is the vehicleLocation column. */
function cellProblem(row: number, issue: ValueIssue): ImportProblem {
  const column = issue.field ?? issue.pointer.split('/')[2]?.replace(/~1/g, '/').replace(/~0/g, '~');
  return { row, ...(column ? { column } : {}), message: issue.message, rule: issue.rule };
}
