// Every YAML file in job-types/ is checked here, found at run time: a new job type is tested
// the moment it is added, with no code change.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem } from './errors';
import { checkJobTypeText, loadJobTypeFile, loadJobTypesDirectory } from './loader';
import { stepsAsMermaid } from './mermaid';
import { validateProviderValues, validateStepValues } from './value-validation';

const JOB_TYPES_DIR = path.join(__dirname, '..', 'job-types');
const FILES = readdirSync(JOB_TYPES_DIR)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();
const MODELINE = '# yaml-language-server: $schema=./schema/job-type.schema.json';

describe('shipped job types', () => {
  it('ship at least the three CloudBoxx job types', () => {
    expect(FILES).to.include.members(['cloudboxx-install.yaml', 'cloudboxx-reconfigure.yaml', 'cloudboxx-remove-or-swap.yaml']);
  });

  it('load together, with no id defined twice', async () => {
    const compiled = await loadJobTypesDirectory(JOB_TYPES_DIR);
    expect(compiled.map((jobType) => `${jobType.id}.yaml`)).to.deep.equal(FILES.map((file) => file.replace(/\.yml$/, '.yaml')));
  });

  for (const file of FILES) {
    describe(file, () => {
      const fullPath = path.join(JOB_TYPES_DIR, file);

      it('starts with the schema line, so editors check and complete it', () => {
        expect(readFileSync(fullPath, 'utf8').split('\n')[0]).to.equal(MODELINE);
      });

      it('is valid, and named after its id', async () => {
        const compiled = await loadJobTypeFile(fullPath);
        expect(path.basename(file, path.extname(file))).to.equal(compiled.id);
      });

      it('draws no warning either: providers copy these', () => {
        expect(checkJobTypeText(file, readFileSync(fullPath, 'utf8')).problems.map(formatProblem)).to.deep.equal([]);
      });

      it('compiles to plain JSON (it travels as workflow input)', async () => {
        const compiled = await loadJobTypeFile(fullPath);
        expect(JSON.parse(JSON.stringify(compiled))).to.deep.equal(compiled);
      });

      it('yields value schemas for creation and for every step', async () => {
        const compiled = await loadJobTypeFile(fullPath);
        const mustPreset = compiled.fields.filter((field) => field.preset === 'required').map((field) => `/values/${field.key}`);
        expect(validateProviderValues(compiled, {}).map((issue) => issue.pointer)).to.deep.equal(mustPreset);
        for (const step of compiled.steps) {
          const required = compiled.fields
            .filter((field) => field.required && step.collect.includes(field.key))
            .map((field) => `/values/${field.key}`);
          expect(
            validateStepValues(compiled, step.id, {}).map((issue) => issue.pointer),
            step.id,
          ).to.deep.equal(required);
        }
      });

      it('draws one node per step', async () => {
        const compiled = await loadJobTypeFile(fullPath);
        const diagram = stepsAsMermaid(compiled);
        for (const [index, step] of compiled.steps.entries())
          expect(diagram)
            .to.include(`step${index + 1}`)
            .and.include(step.title);
      });
    });
  }
});
