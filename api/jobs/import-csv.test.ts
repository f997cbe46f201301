import { expect } from 'chai';
import { loadJobTypeFromText } from '../../definitions/loader';
import { fromText, readImport } from './import-csv';
import { MAX_IMPORT_ROWS, csvDelimiter } from './import-format';

const QNR = 'C693EE96ADAEF932';
const SURVEY = loadJobTypeFromText(
  'job-types/acme-survey.yaml',
  `id: acme-survey
version: 1
title: ACME survey
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required, validation: { pattern: "^[0-9A-F]{16}$" } }
  - { key: seats, label: Seats, section: setup, type: integer }
  - { key: tankLitres, label: Tank, section: setup, type: number }
  - { key: electric, label: Electric, section: setup, type: boolean }
  - { key: site, label: Site, section: setup, type: address }
  - { key: note, label: Note, section: setup, type: text, preset: forbidden }
vehicle: { qnrField: boxQnr }
steps:
  - { id: look, title: Look at the box, collect: [note] }
access: { permissions: [readState], maxDuration: PT2H }
`,
);

const problemsOf = (csv: string) => {
  const read = readImport(csv, SURVEY);
  return [...read.fileProblems, ...read.rows.flatMap((row) => row.problems)].map(
    ({ row, column, rule }) => `${row} ${column ?? '-'} ${rule}`,
  );
};

describe('reading a CSV import', () => {
  const cases: Array<[type: 'integer' | 'number' | 'boolean' | 'address' | 'string', cell: string, value: unknown]> = [
    ['integer', '42', 42],
    ['integer', ' -7 ', -7],
    ['integer', '4.0', '4.0'],
    ['integer', '99999999999999999999', 1e20],
    ['integer', '9'.repeat(400), '9'.repeat(400)],
    ['number', '1.5', 1.5],
    ['number', '.5', 0.5],
    ['number', '2e3', 2000],
    ['number', '1,5', '1,5'],
    ['number', 'Infinity', 'Infinity'],
    ['boolean', 'TRUE', true],
    ['boolean', 'no', false],
    ['boolean', 'ja', 'ja'],
    ['address', ' Hauptstraße 1 ', { text: ' Hauptstraße 1 ' }],
    ['string', ' as typed ', ' as typed '],
  ];
  for (const [type, cell, value] of cases)
    it(`reads ${JSON.stringify(cell)} in a ${type} field as ${JSON.stringify(value)}`, () => {
      expect(fromText({ type }, cell)).to.deep.equal(value);
    });

  it('takes the delimiter the header holds most of: a comma, a semicolon or a tab', () => {
    expect(csvDelimiter('a,b;c,d\n1;2;3')).to.equal(',');
    expect(csvDelimiter('boxQnr;seats;"a, b"\n')).to.equal(';');
    expect(csvDelimiter('boxQnr\tseats\n')).to.equal('\t');
    expect(csvDelimiter('boxQnr\n')).to.equal(',');
  });

  it('numbers rows as the file does: the header is 1, a blank line counts, a quoted cell over lines is one row', () => {
    const read = readImport(`\uFEFFboxQnr;site;seats\r\n${QNR};"Haupt-\nstraße 1";2\r\n\r\n${QNR};;3\r\n`, SURVEY);
    expect(read.fileProblems).to.deep.equal([]);
    expect(read.rows.map(({ row, values, problems }) => ({ row, values, problems }))).to.deep.equal([
      { row: 2, values: { boxQnr: QNR, site: { text: 'Haupt-\nstraße 1' }, seats: 2 }, problems: [] },
      { row: 4, values: { boxQnr: QNR, seats: 3 }, problems: [] },
    ]);
  });

  it('reads a short row as empty cells, refuses one with cells past the header, and ignores a nameless empty column', () => {
    expect(problemsOf(`boxQnr,seats,\n${QNR}\n${QNR},1,,x\n${QNR},2,,\n`)).to.deep.equal(['3 - columns']);
    expect(problemsOf(`boxQnr,,seats\n${QNR},x,1\n`)).to.deep.equal(['1 - unknownColumn']);
  });

  it('names a column twice (the file is refused: its last cell is read), an unknown one with a did-you-mean, and the rules of the cells, left to right', () => {
    expect(problemsOf(`boxQnr,Seats,seats,electric,seats\nabc,1,x,maybe,2\n`)).to.deep.equal([
      '1 Seats unknownColumn',
      '1 seats duplicateColumn',
      '2 boxQnr pattern',
      '2 electric type',
    ]);
    const [unknown] = readImport('boxQnr,Seats\n', SURVEY).fileProblems;
    expect(unknown!.message).to.match(/^unknown column "Seats" \(did you mean "seats"\?\)/);
  });

  it('refuses a required field left empty, a field only the installer fills, and bad customer, start and company cells', () => {
    expect(
      problemsOf(`boxQnr,note,customerName,requestedStartAt,installerCompanyId\n,hi,${'x'.repeat(201)},2026-02-30T10:00:00Z,acme\n`),
    ).to.deep.equal([
      '2 boxQnr required',
      '2 note presetForbidden',
      '2 customerName maxLength',
      '2 requestedStartAt format',
      '2 installerCompanyId format',
    ]);
  });

  it('refuses a whole number beyond ±(2^53 − 1) in the words of the create form, not as text', () => {
    const read = readImport(`boxQnr,seats\n${QNR},9007199254740993\n${QNR},-9007199254740991\n`, SURVEY);
    expect(read.rows.map(({ problems }) => problems.map(({ column, rule, message }) => [column, rule, message]))).to.deep.equal([
      [['seats', 'maximum', 'Seats must be at most 9007199254740991: a larger whole number is not kept exactly (it would be rounded)']],
      [],
    ]);
  });

  it('refuses an empty file, a header without rows, a broken quote and more rows than an import takes', () => {
    expect(problemsOf('')).to.deep.equal(['1 - empty']);
    expect(problemsOf('boxQnr\n\n')).to.deep.equal(['2 - empty']);
    expect(problemsOf(`boxQnr,seats\n${QNR},1\n"${QNR},2\n`)).to.deep.equal(['3 - csv']);
    const tooMany = `boxQnr\n${`${QNR}\n`.repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(problemsOf(tooMany)).to.deep.equal([`${MAX_IMPORT_ROWS + 2} - maxRows`]);
  });
});
