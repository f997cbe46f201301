import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { GENERATED_TYPES_FILE, renderJobTypeTypes } from './generate-types';

describe('generated job-type types', () => {
  it('match the schema (else run: npx tsx definitions/generate-types.ts)', async function () {
    this.timeout(20_000); // prettier's first run is slow
    const committed = await readFile(GENERATED_TYPES_FILE, 'utf8');
    expect(
      committed === (await renderJobTypeTypes()),
      'definitions/job-type.generated.ts is stale: run npx tsx definitions/generate-types.ts',
    ).to.equal(true);
  });
});
