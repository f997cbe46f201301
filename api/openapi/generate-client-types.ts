// Writes api/openapi/client-types.generated.ts: the types openapi-typescript, a common client
// generator, makes of the OpenAPI document. The typed test calls (test/support/typed-call.ts) go
// through them, so `npm run typecheck` fails when the document and what the tests send and read
// disagree. Run: npm run api:generate-types (client-types.test.ts fails while the file is stale).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import prettier from 'prettier';
import { openApiDocument } from './document';

export const CLIENT_TYPES_FILE = path.join(__dirname, 'client-types.generated.ts');

const BANNER = `// GENERATED from the OpenAPI document (api/openapi/document.ts) by api/openapi/generate-client-types.ts
// with openapi-typescript. Do not edit: change the document and run \`npm run api:generate-types\`.
`;

export async function renderClientTypes(): Promise<string> {
  const ast = await openapiTS(openApiDocument() as OpenAPI3, { alphabetize: false, exportType: true });
  const options = await prettier.resolveConfig(CLIENT_TYPES_FILE);
  return prettier.format(BANNER + astToString(ast), { ...options, filepath: CLIENT_TYPES_FILE });
}

if (require.main === module) {
  renderClientTypes()
    .then((source) => writeFile(CLIENT_TYPES_FILE, source))
    .then(() => console.log(`wrote ${path.relative(process.cwd(), CLIENT_TYPES_FILE)}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
