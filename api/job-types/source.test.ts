import { expect } from 'chai';
import { parse } from 'yaml';
import { checkApiSource } from './source';

/** A type without `version:`, as an admin may send it through the API. */
const SOURCE = `id: acme-check
title: ACME quick check
sections:
  - { id: setup, title: Setup }
fields:
  - { key: boxQnr, label: CloudBoxx QNR, section: setup, type: string, preset: required }
vehicle: { qnrField: boxQnr }
steps:
  - id: look
    title: Look at the box
    description: |
      Open the glovebox.
access: { permissions: [readState], maxDuration: PT2H }
`;

describe('a job type source as the API checks it', () => {
  it('takes a source without version: and compiles it under the version the API assigns', () => {
    const checked = checkApiSource(SOURCE, { expectedId: 'acme-check' });
    expect(checked.problems).to.deep.equal([]);
    expect(checked.requestedVersion).to.equal(undefined);
    expect(checked.compileAs(7).version).to.equal(7);
    // The version is content: another version, another hash.
    expect(checked.compileAs(7).contentHash).not.to.equal(checked.compileAs(8).contentHash);
    // The block scalar at the end is closed, not extended, by the version line added after it.
    expect(checked.compileAs(7).steps[0]!.description).to.equal('Open the glovebox.\n');
  });

  it('keeps the version the source names, and refuses to compile it as another', () => {
    const checked = checkApiSource(`${SOURCE}version: 3\n`);
    expect(checked.requestedVersion).to.equal(3);
    expect(checked.compileAs(3).version).to.equal(3);
    expect(() => checked.compileAs(4)).to.throw();
  });

  it('points every problem into the text as written, never at the line it adds', () => {
    const checked = checkApiSource(SOURCE.replace('qnrField: boxQnr', 'qnrField: boxQrn'), { expectedId: 'acme-other' });
    expect(checked.compiled).to.equal(undefined);
    expect(checked.problems.map(({ line, path, severity }) => ({ line, path, severity }))).to.deep.equal([
      { line: 1, path: 'id', severity: 'error' },
      { line: 7, path: 'vehicle.qnrField', severity: 'error' },
    ]);
  });

  it('takes a source that is one { … } mapping, e.g. JSON, without version: too', () => {
    const json = JSON.stringify(parse(SOURCE), null, 2);
    const checked = checkApiSource(json, { expectedId: 'acme-check' });
    expect(checked.problems).to.deep.equal([]);
    expect(checked.compileAs(7).version).to.equal(7);
    // What it lacks is named, but not the version.
    expect(checkApiSource('{ id: acme-check, title: T }').problems.map((problem) => problem.message)).not.to.include('missing "version"');
  });

  it('keeps the version a JSON source names on no line of its own (it was compiled as another: a 500)', () => {
    const json = JSON.stringify({ ...(parse(SOURCE) as object), version: 3 });
    const checked = checkApiSource(json, { expectedId: 'acme-check' });
    expect(checked.problems).to.deep.equal([]);
    expect(checked.requestedVersion).to.equal(3);
    expect(checked.compileAs(3).version).to.equal(3);
  });

  it('names every key the grammar requires for an empty source, and that the API numbers the version', () => {
    for (const text of ['', '# nothing yet\n']) {
      expect(checkApiSource(text, { expectedId: 'acme-check' }).problems).to.deep.equal([
        {
          line: 1,
          column: 1,
          path: '',
          message:
            'the file is empty; a job type needs id, title, sections, fields, vehicle, steps and access (and version, which may be left out: the API numbers it)',
          severity: 'error',
        },
      ]);
    }
  });

  it('refuses text Postgres cannot store, with its line and column', () => {
    const checked = checkApiSource(`${SOURCE}# a NUL \u0000 here\n`);
    expect(checked.problems).to.deep.equal([
      {
        line: 14,
        column: 9,
        path: '',
        message:
          'the source must not contain the NUL character (U+0000), found at position 364; job types are stored in a database that cannot hold it',
        severity: 'error',
      },
    ]);
  });

  it('passes warnings on without blocking', () => {
    const checked = checkApiSource(`${SOURCE}deadlines: { completeWithin: PT1H }\n`);
    expect(checked.compiled).not.to.equal(undefined);
    expect(checked.problems.map(({ path, severity }) => ({ path, severity }))).to.deep.equal([
      { path: 'access.maxDuration', severity: 'warning' },
    ]);
  });
});
