// Writes job-types/REFERENCE.md from the grammar's JSON Schema: every key of a job type, whether it
// is required, what it takes and what it does, in the schema's own words — so the reference an
// author reads can never drift from what ajv and editors check. Run: npm run job-types:generate-types
// (definitions/generate-reference.test.ts fails while the committed file is stale).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GRAMMAR_SCHEMA_FILE } from './generate-types';

export const REFERENCE_FILE = path.join(__dirname, '..', 'job-types', 'REFERENCE.md');

interface SchemaNode {
  $ref?: string;
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  patternErrorMessage?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  uniqueItems?: boolean;
  items?: SchemaNode;
  additionalProperties?: boolean | SchemaNode;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  examples?: unknown[];
  $defs?: Record<string, SchemaNode>;
}

/** Where a definition of the schema is described in the reference. */
const anchor = (name: string) => `#${name.toLowerCase()}`;
const defName = (ref: string) => ref.replace('#/$defs/', '');
const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
/** A table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');

/** What a value takes, in a few words: its type, bounds, allowed values, or a link to its definition. */
function describeValue(node: SchemaNode, defs: Record<string, SchemaNode>): string {
  if (node.$ref) {
    const name = defName(node.$ref);
    const target = defs[name]!;
    // Small definitions of one string read better inline than as a link.
    if (target.enum) return `one of ${target.enum.map(code).join(', ')} ([${name}](${anchor(name)}))`;
    return `[${name}](${anchor(name)})`;
  }
  const parts: string[] = [];
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (node.enum) parts.push(`one of ${node.enum.map(code).join(', ')}`);
  else if (types.includes('array') && node.items) {
    const count =
      node.minItems !== undefined && node.maxItems !== undefined
        ? `${node.minItems}–${node.maxItems}`
        : node.maxItems !== undefined
          ? `at most ${node.maxItems}`
          : node.minItems !== undefined
            ? `at least ${node.minItems}`
            : '';
    parts.push(`list${count ? ` (${count})` : ''}${node.uniqueItems ? ', no repeats' : ''} of ${describeValue(node.items, defs)}`);
  } else if (types.includes('object') && node.additionalProperties && typeof node.additionalProperties === 'object') {
    parts.push(`mapping of field key → ${describeValue(node.additionalProperties, defs)}`);
  } else if (types.length > 0) parts.push(types.join(' or '));
  if (node.format) parts.push(`format ${node.format}`);
  if (node.pattern) parts.push(`pattern ${code(node.pattern)}`);
  if (node.minLength !== undefined && node.maxLength !== undefined) parts.push(`${node.minLength}–${node.maxLength} characters`);
  else if (node.maxLength !== undefined) parts.push(`at most ${node.maxLength} characters`);
  else if (node.minLength) parts.push(`at least ${node.minLength} character${node.minLength === 1 ? '' : 's'}`);
  if (node.minimum !== undefined) parts.push(`≥ ${node.minimum}`);
  if (node.maximum !== undefined) parts.push(`≤ ${node.maximum}`);
  if (node.minProperties !== undefined) parts.push(`at least ${node.minProperties} key${node.minProperties === 1 ? '' : 's'}`);
  if (node.maxProperties !== undefined) parts.push(`at most ${node.maxProperties} keys`);
  return parts.join(', ');
}

function describeKeys(node: SchemaNode, defs: Record<string, SchemaNode>): string[] {
  const required = new Set(node.required ?? []);
  const lines = ['| key | required | takes | default | what it is |', '| --- | --- | --- | --- | --- |'];
  for (const [key, property] of Object.entries(node.properties ?? {})) {
    const target = property.$ref ? defs[defName(property.$ref)] : undefined;
    const description = property.description ?? target?.description ?? '';
    const fallback = property.default ?? target?.default;
    lines.push(
      `| \`${key}\` | ${required.has(key) ? 'yes' : 'no'} | ${cell(describeValue(property, defs))} | ${
        fallback === undefined ? '' : code(fallback)
      } | ${cell(description)} |`,
    );
  }
  return lines;
}

export async function renderJobTypeReference(): Promise<string> {
  const schema = JSON.parse(await readFile(GRAMMAR_SCHEMA_FILE, 'utf8')) as SchemaNode;
  const defs = schema.$defs ?? {};
  const out: string[] = [
    '<!-- GENERATED from job-types/schema/job-type.schema.json by definitions/generate-reference.ts.',
    '     Do not edit: change the schema and run `npm run job-types:generate-types`. -->',
    '',
    '# Job type reference',
    '',
    "Every key a job type file may have, generated from the grammar's JSON Schema",
    '([`schema/job-type.schema.json`](schema/job-type.schema.json)), which the loader, the API and editors check',
    'against. A key not listed is refused. [`README.md`](README.md) explains how the parts work together; the',
    'checks that span several keys (a step collecting an unknown field, a placeholder of an optional field, an',
    'action without its permission …) are described there and in the main README ("Authoring a job type").',
    '',
    '## Top level',
    '',
    ...(schema.description ? [schema.description, ''] : []),
    ...describeKeys(schema, defs),
  ];
  for (const [name, node] of Object.entries(defs)) {
    out.push('', `## ${name}`, '');
    if (node.description) out.push(node.description, '');
    if (node.properties) out.push(...describeKeys(node, defs));
    else {
      const takes = describeValue(node, defs);
      if (takes) out.push(`Takes: ${takes}.`);
      if (node.patternErrorMessage) out.push('', `Otherwise refused: it ${node.patternErrorMessage}.`);
    }
    if (node.examples) out.push('', `Examples: ${node.examples.map(code).join(', ')}.`);
  }
  return `${out.join('\n')}\n`;
}

if (require.main === module) {
  renderJobTypeReference()
    .then((text) => writeFile(REFERENCE_FILE, text))
    .then(() => console.log(`wrote ${path.relative(process.cwd(), REFERENCE_FILE)}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
