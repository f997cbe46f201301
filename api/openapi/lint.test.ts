import { createConfig, lintFromString } from '@redocly/openapi-core';
import { expect } from 'chai';
import { openApiDocument } from './document';

/** The document as any OpenAPI tool reads it: Redocly's `recommended` rules, the ones Redocly's CLI and most portals apply. */
describe('the OpenAPI document under a standard linter', () => {
  it("breaks none of Redocly's recommended rules", async () => {
    const config = await createConfig({
      extends: ['recommended'],
      rules: {
        // The API is private (package.json: UNLICENSED): there is no licence to name, and a made-up one would mislead.
        'info-license': 'off',
      },
    });
    const problems = await lintFromString({ source: JSON.stringify(openApiDocument()), absoluteRef: 'openapi.json', config });
    const described = problems.map(
      (problem) => `${problem.severity} ${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`,
    );
    expect(described).to.deep.equal([]);
  });
});
