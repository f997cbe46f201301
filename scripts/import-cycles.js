#!/usr/bin/env node
// Usage: node scripts/import-cycles.js   (part of `npm run lint`)
// Fails when modules of ours import each other in a circle, type-only imports included: a circle
// means two modules are one idea split in two, or one of them holds something both need.
// Reads only relative imports of the .ts files; takes a second, as TypeScript's pre-processor
// does not type-check.
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const SKIP = new Set(['node_modules', '.git', '.tools', '.data', '.test-data']);

function tsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolve(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier.replace(/\.js$/, ''));
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate));
}

const imports = new Map();
for (const file of tsFiles(ROOT)) {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  imports.set(
    file,
    importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolve(file, specifier))
      .filter(Boolean),
  );
}

// Depth-first: an import back into the path being walked closes a circle.
const cycles = [];
const done = new Set();
function walk(file, trail) {
  const at = trail.indexOf(file);
  if (at >= 0) return void cycles.push([...trail.slice(at), file]);
  if (done.has(file)) return;
  for (const next of imports.get(file) ?? []) walk(next, [...trail, file]);
  done.add(file);
}
for (const file of imports.keys()) walk(file, []);

if (cycles.length > 0) {
  for (const cycle of cycles) console.error(`import circle: ${cycle.map((file) => path.relative(ROOT, file)).join(' > ')}`);
  process.exitCode = 1;
}
