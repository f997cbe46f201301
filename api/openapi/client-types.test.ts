import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { CLIENT_TYPES_FILE, renderClientTypes } from './generate-client-types';

describe('the client types generated from the OpenAPI document', () => {
  it('are those the document gives today (else run: npm run api:generate-types)', async function () {
    this.timeout(20_000); // prettier's first run is slow
    const committed = await readFile(CLIENT_TYPES_FILE, 'utf8');
    expect(
      committed === (await renderClientTypes()),
      'api/openapi/client-types.generated.ts is stale: run npm run api:generate-types',
    ).to.equal(true);
  });
});
