import { expect } from 'chai';
import { loadJobTypeFromText } from '../../definitions/loader';
import { readImport } from './import-csv';

const TYPE = loadJobTypeFromText(
  'job-types/acme-numbers.yaml',
  `id: acme-numbers
version: 1
title: ACME numbers
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required }
  - { key: ratio, label: Ratio, section: setup, type: number }
  - { key: seats, label: Seats, section: setup, type: integer }
vehicle: { qnrField: boxQnr }
steps:
  - { id: look, title: Look at the box, collect: [] }
access: { permissions: [readState], maxDuration: PT2H }
`,
);

const problems = (csv: string) => readImport(csv, TYPE).rows.map((row) => row.problems.map(({ column, message }) => ({ column, message })));

/** A spreadsheet set to German saves "CSV" with semicolons and decimal commas: the refusal says which to change. */
describe('decimal commas in a CSV import', () => {
  it('names the decimal point when a number cell has a comma instead', () => {
    expect(problems('boxQnr;ratio\nC693EE96ADAEF932;4,5\nC693EE96ADAEF932;-1.234,5\n')).to.deep.equal([
      [
        {
          column: 'ratio',
          message:
            'Ratio must be a number (write 4.5 for 4,5: numbers take a decimal point and no thousands separator, as a spreadsheet set to a language such as German does not)',
        },
      ],
      [
        {
          column: 'ratio',
          message:
            'Ratio must be a number (write -1234.5 for -1.234,5: numbers take a decimal point and no thousands separator, as a spreadsheet set to a language such as German does not)',
        },
      ],
    ]);
  });

  it('leaves other refusals as they were', () => {
    expect(problems('boxQnr;ratio\nC693EE96ADAEF932;many\n')).to.deep.equal([[{ column: 'ratio', message: 'Ratio must be a number' }]]);
  });
});
