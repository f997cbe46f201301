import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { cachedBundle, workflowBundleKey } from './bundle';

/**
 * The workflow bundle is built once and reused while its sources stay as they are. A fixture
 * project stands in for ours, and a counting build for webpack, so the tests take milliseconds.
 */
describe('the workflow bundle cache', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const key = () => workflowBundleKey(dir, [path.join(dir, 'workflows', 'index.ts')]);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ij-bundle-'));
    write('workflows/index.ts', "export { jobWorkflow } from './job';\n");
    write(
      'workflows/job.ts',
      [
        "import type { JobActivities } from '../activities';",
        "import { plan } from '../lib/plan';",
        'export async function jobWorkflow(): Promise<string> { return plan; }',
        '',
      ].join('\n'),
    );
    write('lib/plan.ts', "export const plan = 'one';\n");
    write('lib/unused.ts', 'export const unused = 1;\n');
    write('activities/index.ts', 'export interface JobActivities { write(): Promise<void> }\n');
    write('definitions/rules.ts', 'export const rules = [];\n');
    write('common/job.ts', 'export type Job = { id: string };\n');
    write('package-lock.json', '{"lockfileVersion": 3}\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is reused while the sources are unchanged, and built again when one changes', async () => {
    const cacheDir = path.join(dir, 'cache');
    let builds = 0;
    const bundle = () =>
      cachedBundle({
        cacheDir,
        key,
        build: async () => ({ code: `// build ${++builds} of ${fs.readFileSync(path.join(dir, 'lib', 'plan.ts'), 'utf8')}` }),
      });

    const first = await bundle();
    expect(builds).to.equal(1);
    expect(await bundle()).to.deep.equal(first);
    expect(builds, 'unchanged sources: the kept bundle').to.equal(1);

    write('lib/plan.ts', "export const plan = 'two';\n");
    const second = await bundle();
    expect(builds, 'a changed source: a new build').to.equal(2);
    expect(second.code).to.include("'two'");
    expect(await bundle()).to.deep.equal(second);
    expect(builds).to.equal(2);
  });

  it('changes its key with every file the bundle is made of', () => {
    const changes: Array<[string, string]> = [
      ['workflows/job.ts', '// edited\n'],
      ['lib/plan.ts', '// an imported file outside the three folders\n'],
      ['definitions/rules.ts', '// edited\n'],
      ['common/job.ts', '// edited\n'],
      ['common/new-file.ts', 'export const added = 1;\n'],
      ['package-lock.json', '{"lockfileVersion": 3, "packages": {}}\n'],
    ];
    for (const [file, text] of changes) {
      const before = key();
      write(file, fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file), 'utf8') + text : text);
      expect(key(), file).not.to.equal(before);
    }
  });

  it('changes its key with the workflow interceptor modules bundled (tracing on or off), and only then', () => {
    const entries = [path.join(dir, 'workflows', 'index.ts')];
    const interceptors = [path.join(dir, 'node_modules', '@temporalio', 'interceptors-opentelemetry', 'lib', 'workflow-interceptors.js')];
    expect(workflowBundleKey(dir, entries, []), 'none is the key of old').to.equal(key());
    expect(workflowBundleKey(dir, entries, interceptors)).not.to.equal(key());
    expect(workflowBundleKey(dir, entries, interceptors), 'the same modules, the same key').to.equal(
      workflowBundleKey(dir, entries, interceptors),
    );
  });

  it('keeps its key when only files outside the bundle change: tests, type-only imports, unused files', () => {
    const before = key();
    write('workflows/job.test.ts', "it('runs', () => {});\n");
    write('activities/index.ts', 'export interface JobActivities { write(): Promise<void>; read(): Promise<void> }\n');
    write('lib/unused.ts', 'export const unused = 2;\n');
    expect(key()).to.equal(before);
  });

  it('keeps the bundles used last and removes older ones', async () => {
    const cacheDir = path.join(dir, 'cache');
    for (const [index, hex] of ['a1', 'b2', 'c3', 'd4', 'e5', 'f6'].entries()) {
      await cachedBundle({ cacheDir, key: () => hex, build: async () => ({ code: hex }) });
      const when = new Date(Date.now() - (10 - index) * 1000);
      fs.utimesSync(path.join(cacheDir, `workflow-bundle-${hex}.js`), when, when);
    }
    expect(fs.readdirSync(cacheDir).sort()).to.deep.equal(['c3', 'd4', 'e5', 'f6'].map((hex) => `workflow-bundle-${hex}.js`));
  });
});
