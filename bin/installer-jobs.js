#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so the CLI, `npm start` and the tests share one code path with no build step.
require('tsx/cjs');
require('../cli/main.ts');
