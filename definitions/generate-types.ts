// Writes definitions/job-type.generated.ts from the grammar's JSON Schema, so the TypeScript
// types can never drift from what ajv and editors check. Run: npx tsx definitions/generate-types.ts
// (definitions/generate-types.test.ts fails while the committed file is stale).
import { compile } from 'json-schema-to-typescript';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const GRAMMAR_SCHEMA_FILE = path.join(__dirname, '..', 'job-types', 'schema', 'job-type.schema.json');
export const GENERATED_TYPES_FILE = path.join(__dirname, 'job-type.generated.ts');

const BANNER = `/* eslint-disable */
// GENERATED from job-types/schema/job-type.schema.json by definitions/generate-types.ts.
// Do not edit: change the schema and run \`npx tsx definitions/generate-types.ts\`.`;

export async function renderJobTypeTypes(): Promise<string> {
  const schema = JSON.parse(await readFile(GRAMMAR_SCHEMA_FILE, 'utf8')) as Parameters<typeof compile>[0];
  return compile(schema, 'JobTypeDefinition', {
    bannerComment: BANNER,
    cwd: path.dirname(GRAMMAR_SCHEMA_FILE),
    strictIndexSignatures: true,
    style: { singleQuote: true, printWidth: 110, trailingComma: 'all' },
  });
}

if (require.main === module) {
  renderJobTypeTypes()
    .then((source) => writeFile(GENERATED_TYPES_FILE, source))
    .then(() => console.log(`wrote ${path.relative(process.cwd(), GENERATED_TYPES_FILE)}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
