#!/usr/bin/env node
// npm bundles a dependency from node_modules, but a workspace dependency there is a symlink, which `npm pack` leaves
// out (npm/cli#3466). Before packing the construct library this replaces the link with a copy of the report package's
// published files; after packing it puts the link back. Usage: node scripts/bundle-report.js copy|link
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'packages', 'report');
const target = path.join(root, 'node_modules', 'vault-backed-credentials-report');

function copyPublished() {
  const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
  if (!fs.existsSync(path.join(source, 'build', 'index.js'))) {
    throw new Error('packages/report is not built; run `npm run build` first');
  }
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  fs.copyFileSync(path.join(source, 'package.json'), path.join(target, 'package.json'));
  // The published files: build output (JavaScript and declarations only), README and LICENSE.
  const wanted = (file) => /\.(js|d\.ts)$/.test(file);
  fs.cpSync(path.join(source, 'build'), path.join(target, 'build'), {
    recursive: true,
    filter: (file) => fs.statSync(file).isDirectory() || wanted(file),
  });
  for (const extra of ['README.md', 'LICENSE']) {
    if (fs.existsSync(path.join(source, extra))) fs.copyFileSync(path.join(source, extra), path.join(target, extra));
  }
  if (manifest.name !== 'vault-backed-credentials-report') throw new Error(`unexpected package ${manifest.name}`);
}

function relink() {
  fs.rmSync(target, { recursive: true, force: true });
  fs.symlinkSync(path.relative(path.dirname(target), source), target, 'dir');
}

const mode = process.argv[2];
if (mode === 'copy') copyPublished();
else if (mode === 'link') relink();
else {
  process.stderr.write('usage: node scripts/bundle-report.js copy|link\n');
  process.exitCode = 2;
}
