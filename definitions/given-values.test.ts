// The rules for values given now (newValueIssues), and the words and rules of a value's refusal
// wherever it is judged: creating, editing, saving one on its own.
import { expect } from 'chai';
import type { CompiledJobType } from './compiled-job-type';
import { loadJobTypeFromText } from './loader';
import { fieldValueIssues, givenValueIssues, newValueIssues, validateProviderValues } from './value-validation';
import { MAX_ADDRESS_TEXT_LENGTH, fieldValueSchema, providerValuesSchema } from './value-schemas';

const YAML = `id: given-values
version: 1
title: Given values
sections: [{ id: main, title: Main }]
fields:
  - { key: plate, label: Licence plate, section: main, type: string, validation: { pattern: "^[A-Z]{1,3}-[A-Z]{1,2} [0-9]{1,4}$", patternMessage: "must look like B-AB 1234" } }
  - { key: odometerKm, label: Odometer, section: main, type: integer, preset: forbidden, validation: { minimum: 0 } }
  - { key: hasKeyHolder, label: Key holder fitted, section: main, type: boolean }
  - { key: fuelType, label: Fuel, section: main, type: enum, preset: required, validation: { options: [{ value: petrol, label: Petrol }, { value: electric, label: Electric }] } }
  - { key: location, label: Vehicle location, section: main, type: address }
  - { key: boxQnr, label: CloudBoxx QNR, section: main, type: string }
vehicle: { qnrField: boxQnr }
steps:
  - { id: check-in, title: Check-in, collect: [odometerKm, boxQnr] }
access: { permissions: [readState], maxDuration: PT2H }
`;

describe('values given now', () => {
  let compiled: CompiledJobType;
  before(() => {
    compiled = loadJobTypeFromText('job-types/given-values.yaml', YAML);
  });
  const field = (key: string) => compiled.fields.find((candidate) => candidate.key === key)!;

  it('refuses a text of blanks only as it refuses "": which field, rule minLength', () => {
    const values = { plate: '   ', boxQnr: ' \t ', location: { text: '  ' } };
    const issues = newValueIssues(compiled, values, validateProviderValues(compiled, values));
    expect(issues.map(({ pointer, rule, message }) => [pointer, rule, message])).to.deep.equal([
      ['/values/plate', 'minLength', 'Licence plate must not be empty: it holds only blanks'],
      ['/values/boxQnr', 'minLength', 'CloudBoxx QNR must not be empty: it holds only blanks'],
      ['/values/location/text', 'minLength', 'Vehicle location: text must not be empty: it holds only blanks'],
      // The job type's own rules still speak for everything else.
      ['/values/fuelType', 'required', 'Fuel must be given when the job is created'],
    ]);
    expect(newValueIssues(compiled, { plate: 'B-AB 1234', location: { text: ' Am Markt 1 ' }, fuelType: 'petrol' })).to.deep.equal([]);
  });

  it(`gives an address text at most ${MAX_ADDRESS_TEXT_LENGTH} characters, by the rule's name, and publishes it`, () => {
    const long = 'Am Markt 1, '.repeat(20_000);
    expect(newValueIssues(compiled, { location: { text: long } })).to.deep.equal([
      {
        pointer: '/values/location/text',
        field: 'location',
        rule: 'maxLength',
        message: `Vehicle location: text must be at most ${MAX_ADDRESS_TEXT_LENGTH} characters long (it has ${long.length})`,
      },
    ]);
    expect(newValueIssues(compiled, { location: { text: 'x'.repeat(MAX_ADDRESS_TEXT_LENGTH) } })).to.deep.equal([]);
    expect(fieldValueSchema(field('location'))).to.have.nested.property('properties.text.maxLength', MAX_ADDRESS_TEXT_LENGTH);
  });

  it('leaves values already held to the rules they were accepted under: a workflow re-checks them when it replays', () => {
    const held = { fuelType: 'petrol', location: { text: 'x'.repeat(MAX_ADDRESS_TEXT_LENGTH + 1) }, boxQnr: '   ' };
    expect(validateProviderValues(compiled, held)).to.deep.equal([]);
    expect(providerValuesSchema(compiled, 'kept')).to.not.have.nested.property('properties.location.properties.text.maxLength');
    // An update's validator judges only what the request changes: a form sends every field back.
    expect(givenValueIssues(compiled, held, { values: { ...held, hasKeyHolder: true } })).to.deep.equal([]);
    expect(givenValueIssues(compiled, held, { values: { boxQnr: '  ' } }).map((issue) => issue.pointer)).to.deep.equal(['/values/boxQnr']);
  });

  it('names the rule a value edited on its own breaks, as creating and completing a step name it', () => {
    expect(fieldValueIssues(field('plate'), 'nope', 'Licence plate')).to.deep.equal([
      { message: 'Licence plate must look like B-AB 1234', rule: 'pattern' },
    ]);
    expect(fieldValueIssues(field('fuelType'), 'diesel', 'Fuel').map((issue) => issue.rule)).to.deep.equal(['enum']);
    expect(fieldValueIssues(field('odometerKm'), -1, 'Odometer').map((issue) => issue.rule)).to.deep.equal(['minimum']);
    expect(fieldValueIssues(field('plate'), 'B-AB\u0000', 'Licence plate').map((issue) => issue.rule)).to.deep.equal(['invalid']);
  });

  it("words a refusal of the provider's edit as an edit, not as the job's creation", () => {
    const edit = validateProviderValues(compiled, { odometerKm: 5 }, 'edit').map((issue) => issue.message);
    expect(edit).to.deep.equal([
      'Fuel must be given by the provider and cannot be cleared',
      'Odometer is filled in by the installer and cannot be set by the provider',
    ]);
    const create = validateProviderValues(compiled, { odometerKm: 5 }).map((issue) => issue.message);
    expect(create).to.deep.equal([
      'Fuel must be given when the job is created',
      'Odometer is filled in by the installer and cannot be set when the job is created',
    ]);
  });
});
