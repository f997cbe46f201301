import { expect } from 'chai';
import { loadJobTypeFromText } from '../../definitions/loader';
import { readImport } from './import-csv';
import { importCsvBody } from './schema';

const QNR = 'C693EE96ADAEF932';
// An enum option with blanks around it: a job type may have one (publishing warns, and takes it).
const TYPE = loadJobTypeFromText(
  'job-types/acme-blanks.yaml',
  `id: acme-blanks
version: 1
title: ACME blanks
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
  - { key: grade, label: Grade, section: setup, type: enum, validation: { options: [{ value: " x ", label: Padded }, { value: y, label: Plain }] } }
  - { key: plate, label: Plate, section: setup, type: string }
  - { key: seats, label: Seats, section: setup, type: integer }
vehicle: { qnrField: boxQnr }
steps:
  - { id: look, title: Look at the box, collect: [] }
access: { permissions: [readState], maxDuration: PT2H }
`,
);

const read = (csv: string) => readImport(csv, TYPE).rows.map(({ values, customerName, problems }) => ({ values, customerName, problems }));

/** The CSV import's rule for blanks: an unquoted cell is read without blanks at either end, a quoted one as written. */
describe('blanks in a CSV import', () => {
  it('reads header and value cells alike: without blanks at either end when unquoted', () => {
    expect(read(` boxQnr , grade ,plate, seats ,customerName\n ${QNR} , y , B-X 1 , 2 ,  Kunde   Nord \n`)).to.deep.equal([
      { values: { boxQnr: QNR, grade: 'y', plate: 'B-X 1', seats: 2 }, customerName: 'Kunde Nord', problems: [] },
    ]);
  });

  it('takes a quoted cell as written, so an option with blanks can be imported', () => {
    expect(read(`boxQnr,grade,plate\n${QNR}," x ","  B-X 1"\n`)).to.deep.equal([
      { values: { boxQnr: QNR, grade: ' x ', plate: '  B-X 1' }, customerName: undefined, problems: [] },
    ]);
    // Unquoted, the blanks go: "x" is no option.
    expect(read(`boxQnr,grade\n${QNR}, x \n`)[0]!.problems.map((problem) => problem.rule)).to.deep.equal(['enum']);
  });

  it('says so when a quoted cell breaks a rule with blanks it kept, and refuses one of blanks only as empty', () => {
    const [padded, blank] = read(`boxQnr,plate,seats\n" ${QNR} ",," 3 "\n${QNR},"   ",\n`);
    expect(padded!.problems).to.deep.equal([
      {
        row: 2,
        column: 'boxQnr',
        message:
          'CloudBoxx QNR must match the pattern ^[0-9A-F]{16}$ (the cell is quoted, so its blanks at either end are kept as part of the value)',
        rule: 'pattern',
      },
    ]);
    expect(padded!.values.seats, 'a number never keeps blanks').to.equal(3);
    expect(blank!.problems).to.deep.equal([
      { row: 3, column: 'plate', message: 'Plate must not be empty: it holds only blanks', rule: 'minLength' },
    ]);
  });

  it('refuses a quoted customer name of blanks only as empty', () => {
    expect(read(`boxQnr,customerName\n${QNR},"   "\n`)[0]!.problems).to.deep.equal([
      { row: 2, column: 'customerName', message: 'customerName must not be empty: it holds only blanks', rule: 'minLength' },
    ]);
  });

  it('tells in the OpenAPI document which separators it reads, and its rule for blanks', () => {
    expect(importCsvBody.description).to.include('comma, semicolon or tab');
    expect(importCsvBody.description).to.include('unless it is quoted');
  });
});
