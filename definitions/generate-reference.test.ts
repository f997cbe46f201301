import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { REFERENCE_FILE, renderJobTypeReference } from './generate-reference';

describe('the generated job type reference (job-types/REFERENCE.md)', () => {
  it('matches the schema (else run: npm run job-types:generate-types)', async () => {
    const committed = await readFile(REFERENCE_FILE, 'utf8');
    expect(
      committed === (await renderJobTypeReference()),
      'job-types/REFERENCE.md is stale: run npm run job-types:generate-types',
    ).to.equal(true);
  });

  it('lists every key of every part of the grammar, with whether it is required', async () => {
    const reference = await renderJobTypeReference();
    expect(reference).to.include('| `vehicle` | yes |');
    expect(reference).to.include('| `deadlines` | no |');
    expect(reference).to.match(/\| `qnrField` \| yes \|/);
    expect(reference).to.include('## AccessPolicy');
    expect(reference, 'enums are spelled out').to.include('`lock`, `unlock`, `enableDriving`, `disableDriving`, `readState`, `configure`');
  });
});
