// Lint rules that keep the codebase as it should read. The workflow rules matter most: workflow
// code runs in Temporal's deterministic sandbox, so it may not touch Node or do I/O, and a promise
// it forgets is a step that silently never happens.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert',
  'buffer',
  'child_process',
  'crypto',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'https',
  'net',
  'os',
  'path',
  'process',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

/** Test helpers and test libraries stay out of production code (a later block's own list repeats it). */
const TEST_ONLY = {
  group: ['chai', 'mocha', 'fast-check', '**/test/**'],
  message: 'Production code imports no test helpers or test libraries.',
};
const PRODUCTION_IGNORES = ['test/**', '**/*.test.ts', 'bench/**', 'scripts/**'];

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.tools/**',
      '.data/**',
      '.test-data/**',
      'test/workflows/histories/**',
      'definitions/job-type.generated.ts',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // chai's property assertions (`.to.be.empty`) are expressions by design.
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    // The environment is read in one place, typed and checked; the tests' TEST_* variables in test/support.
    files: ['**/*.ts'],
    // runtime/tools.ts looks up PATH and PYTHON, the system's, and hands them to pip.
    ignores: ['common/config.ts', 'runtime/tools.ts', 'test/**', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through common/config.ts (loadConfig).' },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: PRODUCTION_IGNORES,
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_ONLY] }] },
  },
  {
    // Job-type definitions are the ground floor: grammar, loader, compiler. Queries belong in db/.
    files: ['definitions/**/*.ts'],
    ignores: ['definitions/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [TEST_ONLY, { group: ['knex', 'pg', '**/db/*'], message: 'definitions/ reads no database: put the query in db/.' }] },
      ],
    },
  },
  {
    // Workflow code: deterministic, no Node, no I/O; activities are imported as types only.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.flatMap((name) => [
            { name, message: 'Workflow code runs in the Temporal sandbox: no Node built-ins.' },
            { name: `node:${name}`, message: 'Workflow code runs in the Temporal sandbox: no Node built-ins.' },
          ]),
          patterns: [
            TEST_ONLY,
            {
              group: [
                'knex',
                'pg',
                '**/db/*',
                '**/gateway/oneapi-client',
                '**/gateway/simulator/*',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'Workflow code does no I/O: that belongs in activities/.',
            },
            {
              group: ['**/activities', '**/activities/*'],
              allowTypeImports: true,
              message: 'Workflows import activities as types only (proxyActivities).',
            },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
);
