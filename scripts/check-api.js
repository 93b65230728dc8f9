#!/usr/bin/env node
// Fails when API.md differs from what jsii-docgen produces from the current .jsii assembly.
// Run `npm run build && npm run docgen` to refresh it.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'api-md-'));
const fresh = path.join(scratch, 'API.md');
let expected;
try {
  execFileSync(process.execPath, [require.resolve('jsii-docgen/bin/jsii-docgen'), '-o', fresh], { cwd: root, stdio: 'inherit' });
  expected = fs.readFileSync(fresh, 'utf8');
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
const committedPath = path.join(root, 'API.md');
const committed = fs.existsSync(committedPath) ? fs.readFileSync(committedPath, 'utf8') : '';
if (committed !== expected) {
  const a = committed.split('\n');
  const b = expected.split('\n');
  let line = 0;
  while (line < a.length && line < b.length && a[line] === b[line]) line++;
  console.error(`API.md is stale: first difference at line ${line + 1}`);
  console.error(`  committed: ${JSON.stringify(a[line] ?? '<end of file>')}`);
  console.error(`  generated: ${JSON.stringify(b[line] ?? '<end of file>')}`);
  console.error('Run `npm run build && npm run docgen` and commit API.md.');
  process.exit(1);
}
console.log('API.md is up to date');
