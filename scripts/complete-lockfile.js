#!/usr/bin/env node
// Usage: node scripts/complete-lockfile.js package-lock.json   (npm run lockfile:complete)
// Run it after any install that changes the @swc/core version (it comes with @temporalio/worker).
// The package mirror here lacks @swc/core's binaries for other platforms, so npm leaves them out of
// the lock, and `npm ci` then refuses the lock everywhere. Record them as the optional,
// platform-bound entries they are; npm fetches one only on its own platform.
const fs = require('fs');
const file = process.argv[2];
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const core = lock.packages['node_modules/@swc/core'];
const platforms = {
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'linux-arm-gnueabihf': { os: ['linux'], cpu: ['arm'] },
  'linux-ppc64-gnu': { os: ['linux'], cpu: ['ppc64'], libc: ['glibc'] },
  'linux-s390x-gnu': { os: ['linux'], cpu: ['s390x'], libc: ['glibc'] },
  'win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  'win32-ia32-msvc': { os: ['win32'], cpu: ['ia32'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};
let added = 0;
for (const [suffix, fields] of Object.entries(platforms)) {
  const name = `@swc/core-${suffix}`;
  const key = `node_modules/${name}`;
  if (lock.packages[key] || !core.optionalDependencies?.[name]) continue;
  lock.packages[key] = {
    version: core.optionalDependencies[name],
    ...fields,
    license: 'Apache-2.0 AND MIT',
    optional: true,
    engines: { node: '>=10' },
  };
  added += 1;
}
const sorted = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} entries`);
