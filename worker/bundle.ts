import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import { activeTracing } from '../observability/tracing';

/**
 * Loaded once per worker and shared by every job in its V8 context, instead of once per job: ajv,
 * RE2 and the value validators compiled per job-type version (a cache of pure functions keyed by
 * the job type's content, so no job's state can leak into another). Rebuilding them for every
 * job was most of a job's workflow CPU (replaying a finished install: 220 ms → 140 ms).
 */
export const SHARED_WORKFLOW_MODULES = [require.resolve('../definitions/value-validation')];

const WORKFLOWS_PATH = require.resolve('../workflows');
const PROJECT_DIR = path.resolve(__dirname, '..');

/**
 * Where built bundles are kept between starts, by default: the usual place for build caches, shared
 * by `npm start`, `installer-jobs worker` and the tests of this checkout, and gone with node_modules.
 */
export const DEFAULT_BUNDLE_CACHE_DIR = path.join(PROJECT_DIR, 'node_modules', '.cache', 'installer-jobs');

export interface BundleOptions {
  /** Keep the bundle here and reuse it while its sources are unchanged; `false`: build in memory every time. */
  cacheDir?: string | false;
  /** Told whether the bundle was built or reused, for start-up output. */
  log?: (line: string) => void;
  /** Where the bundler's warnings and errors go (a process's logger); default: the console, as for the tests. */
  problems?: (level: 'warn' | 'error', message: string, meta?: Record<string, unknown>) => void;
  /** Workflow interceptor modules bundled with the workflows; default: those of the process's tracing (none when it is off). */
  interceptorModules?: string[];
}

/**
 * The workflow bundle (webpack) of workflows/ and everything it imports. Building it takes seconds,
 * so it is kept on disk under a key of its sources and reused until one of them changes; a cache
 * that cannot be written (a read-only deployment) only costs the build.
 */
export async function bundleJobWorkflows(options: BundleOptions = {}): Promise<WorkflowBundle> {
  const cacheDir = options.cacheDir ?? DEFAULT_BUNDLE_CACHE_DIR;
  const interceptorModules = options.interceptorModules ?? activeTracing()?.workflowInterceptorModules ?? [];
  const build = () => buildBundle(interceptorModules, options.problems);
  if (cacheDir === false) return build();
  return cachedBundle({ cacheDir, key: () => workflowBundleKey(PROJECT_DIR, undefined, interceptorModules), build, log: options.log });
}

export interface CachedBundleOptions {
  cacheDir: string;
  /** Names the sources; computed again after a build, which is kept only if they did not change meanwhile. */
  key: () => string;
  build: () => Promise<WorkflowBundle>;
  log?: (line: string) => void;
}

/** The bundle kept for `key()` in cacheDir, else a new build of it, kept there. */
export async function cachedBundle(options: CachedBundleOptions): Promise<WorkflowBundle> {
  const key = options.key();
  const file = path.join(options.cacheDir, `workflow-bundle-${key}.js`);
  try {
    const code = fs.readFileSync(file, 'utf8');
    touch(file);
    options.log?.(`workflow bundle reused from ${file}`);
    return { code };
  } catch {
    // not built yet for these sources
  }
  const bundle = await options.build();
  // A source saved while webpack read the sources may or may not be in this build: use it, keep it not.
  if (options.key() !== key) return bundle;
  try {
    writeAtomically(file, bundle.code);
    removeOldBundles(options.cacheDir);
    options.log?.(`workflow bundle built and kept in ${file}`);
  } catch (error) {
    options.log?.(`workflow bundle built, but not kept (${(error as Error).message})`);
  }
  return bundle;
}

/** Its INFO output is a page of webpack statistics nobody needs on every build: only warnings and errors get through. */
function buildBundle(
  interceptorModules: string[],
  problems: NonNullable<BundleOptions['problems']> = (level, message, meta) => console[level](message, meta ?? ''),
): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    preloadModules: SHARED_WORKFLOW_MODULES,
    workflowInterceptorModules: interceptorModules,
    logger: {
      log: () => {},
      trace: () => {},
      debug: () => {},
      info: () => {},
      warn: (message, meta) => problems('warn', message, meta),
      error: (message, meta) => problems('error', message, meta),
    },
  });
}

/**
 * What the bundle is made of, hashed: every file of workflows/, definitions/ and common/ but their tests, every other
 * file of ours the bundle imports (followed from the workflows and the preloaded modules), this file
 * (the bundler options), the workflow interceptor modules (tracing's: a bundle with them and one without are two
 * bundles), and the packages (package-lock.json and the @temporalio/workflow version).
 * A change to any of them makes a new key and so a new build. Type-only imports are not followed:
 * they leave nothing in the bundle.
 */
export function workflowBundleKey(
  projectDir = PROJECT_DIR,
  entries = [WORKFLOWS_PATH, ...SHARED_WORKFLOW_MODULES],
  interceptorModules: string[] = [],
): string {
  const files = new Set<string>([__filename]);
  for (const dir of ['workflows', 'definitions', 'common']) {
    for (const file of listFiles(path.join(projectDir, dir))) files.add(file);
  }
  for (const file of importClosure(entries, projectDir)) files.add(file);
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(`${path.relative(projectDir, file)}\0`);
    hash.update(readOrMissing(file));
    hash.update('\0');
  }
  hash.update(readOrMissing(path.join(projectDir, 'package-lock.json')));
  hash.update(`@temporalio/workflow@${temporalWorkflowVersion()}`);
  // Named from the project, not the disk: checkouts elsewhere with the same sources share a key.
  for (const module of interceptorModules) hash.update(`\0interceptors:${path.relative(projectDir, module)}`);
  return hash.digest('hex').slice(0, 16);
}

function temporalWorkflowVersion(): string {
  const manifest = require.resolve('@temporalio/workflow/package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

const IMPORT_PATTERNS = [
  // import x from '…', import { a } from '…', export { a } from '…', export * from '…', import '…' (not `import type`)
  /(?:^|[;\n}])\s*(?:import|export)\s+(?!type\s)(?:[^'"`;]*?\bfrom\s*)?['"]([^'"]+)['"]/g,
  /\brequire(?:\.resolve)?\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Our own files (not node_modules) that the entries import, directly or further down. */
function importClosure(entries: string[], projectDir: string): Set<string> {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.[cm]?[jt]sx?$/.test(file)) continue;
    const source = readOrMissing(file).toString('utf8');
    for (const pattern of IMPORT_PATTERNS) {
      for (const match of source.matchAll(pattern)) {
        const specifier = match[1]!;
        if (!specifier.startsWith('.')) continue; // a package: keyed by package-lock.json
        const resolved = resolveSource(path.resolve(path.dirname(file), specifier));
        if (resolved && resolved.startsWith(projectDir) && !resolved.includes(`${path.sep}node_modules${path.sep}`)) pending.push(resolved);
      }
    }
  }
  return seen;
}

function resolveSource(base: string): string | undefined {
  const candidates = [
    base,
    ...['.ts', '.tsx', '.js', '.json'].map((ext) => base + ext),
    path.join(base, 'index.ts'),
    path.join(base, 'index.js'),
  ];
  return candidates.find((candidate) => fs.statSync(candidate, { throwIfNoEntry: false })?.isFile());
}

function listFiles(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    // A test is no part of the bundle unless something bundled imports it (then importClosure finds it).
    return entry.isFile() && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Marks a bundle as used now, so that removeOldBundles keeps it. */
function touch(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // read-only: it is only about which bundles to keep
  }
}

function readOrMissing(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    return Buffer.from('(missing)');
  }
}

/** Another process starting at the same moment reads either no bundle or a whole one, never half of one. */
function writeAtomically(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, file);
}

/**
 * Bundles of other sources (a few MB each) go, but for the few used last: switching branches back
 * and forth, or two checkouts sharing node_modules, then reuse theirs instead of building again.
 */
const BUNDLES_KEPT = 4;

function removeOldBundles(cacheDir: string): void {
  const bundles = fs
    .readdirSync(cacheDir)
    .filter((name) => /^workflow-bundle-[0-9a-f]+\.js$/.test(name))
    .map((name) => ({ file: path.join(cacheDir, name), used: fs.statSync(path.join(cacheDir, name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { file } of bundles.slice(BUNDLES_KEPT)) fs.rmSync(file, { force: true });
}
