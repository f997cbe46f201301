// The grammar's JSON Schema as editors see it: identified, described, with examples that are
// themselves valid, and in step with the actions the engine knows.
import { expect } from 'chai';
import Ajv2020 from 'ajv/dist/2020';
import schema from '../job-types/schema/job-type.schema.json';
import { STEP_ACTION_NAMES } from './actions';

type SchemaNode = Record<string, unknown>;

/** Every subschema with its JSON pointer. */
function subschemas(node: unknown, pointer = ''): Array<[string, SchemaNode]> {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
  const found: Array<[string, SchemaNode]> = [[pointer, node as SchemaNode]];
  for (const keyword of ['properties', '$defs']) {
    const children = (node as SchemaNode)[keyword] as Record<string, unknown> | undefined;
    for (const [name, child] of Object.entries(children ?? {})) found.push(...subschemas(child, `${pointer}/${keyword}/${name}`));
  }
  const items = (node as SchemaNode).items;
  if (items !== undefined) found.push(...subschemas(items, `${pointer}/items`));
  return found;
}

describe('job-type JSON Schema', () => {
  it('is a draft 2020-12 schema with an $id', () => {
    expect(schema.$schema).to.equal('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).to.match(/^https:\/\/.+\/job-type\.schema\.json$/);
  });

  it('describes every property and definition, for editor hovers', () => {
    const undescribed = subschemas(schema)
      .filter(([pointer]) => /\/(properties|\$defs)\/[^/]+$/.test(pointer))
      .filter(([, node]) => typeof node.description !== 'string' && typeof node.$ref !== 'string')
      .map(([pointer]) => pointer);
    expect(undescribed).to.deep.equal([]);
  });

  it('has examples that its own rules accept', () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addFormat('duration', true);
    ajv.addSchema(schema);
    const withExamples = subschemas(schema).filter(([, node]) => Array.isArray(node.examples));
    expect(withExamples.length).to.be.greaterThan(10);
    for (const [pointer, node] of withExamples) {
      const validate = ajv.compile({ $ref: `${schema.$id}#${pointer}` });
      for (const example of node.examples as unknown[]) expect(validate(example), `${pointer}: ${JSON.stringify(example)}`).to.equal(true);
    }
  });

  it('lists exactly the step actions the engine implements', () => {
    expect(schema.$defs.StepAction.enum).to.deep.equal(STEP_ACTION_NAMES);
  });
});
