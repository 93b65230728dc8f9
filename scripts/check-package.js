#!/usr/bin/env node
// Checks what consumers get: `npm pack` must contain only compiled JavaScript, declarations, the jsii assembly,
// README, API.md, LICENSE, the CLI entry points named in package.json "bin", the documents the README links to
// (docs/*.md, examples/*.ts) and the jsii-rosetta fixtures, and all of those. Run after build.
// The trust report package (packages/report) is bundled: its build output, README, LICENSE and package.json, and the
// packages it depends on, under node_modules/. scripts/check-install.js checks that every relative link of the shipped
// Markdown resolves inside the package.
'use strict';
const { execFileSync } = require('child_process');
const path = require('path');
const { packedLibrary } = require('./packed-library');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const report = process.env.VBDC_PACKED_DIR
  ? packedLibrary(undefined).packed
  : JSON.parse(execFileSync(npm, ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0];
const files = report.files.map((f) => f.path).sort();
const bins = Object.values(typeof pkg.bin === 'string' ? { [pkg.name]: pkg.bin } : pkg.bin ?? {}).map((p) => path.posix.normalize(p));

// The documents shipped for reading: every docs/*.md and examples/*.ts of the repository, nothing below them; and the
// jsii-rosetta fixtures, since package.json declares the examples strict and whoever runs rosetta on the published
// package (documentation sites do) needs them to compile the examples.
const fs = require('fs');
const listed = (dir, ext) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(ext)).map((f) => `${dir}/${f}`);
const documents = [...listed('docs', '.md'), ...listed('examples', '.ts'), ...listed('rosetta', '.ts-fixture')];

// Bundled dependencies: the report package's published files, and whole packages it depends on (prepack copies them).
const report_ = 'node_modules/vault-backed-credentials-report/';
const bundledReport = (file) =>
  file.startsWith(report_) && (['package.json', 'README.md', 'LICENSE'].includes(file.slice(report_.length)) || /^build\/.+\.(js|d\.ts)$/.test(file.slice(report_.length)));
const bundledOther = (file) =>
  (report.bundled ?? []).some((name) => name !== 'vault-backed-credentials-report' && file.startsWith(`node_modules/${name}/`));
const allowed = (file) =>
  bundledReport(file) ||
  bundledOther(file) ||
  ['package.json', 'README.md', 'API.md', 'LICENSE', '.jsii'].includes(file) ||
  /^build\/.+\.(js|d\.ts)$/.test(file) ||
  documents.includes(file) ||
  bins.includes(file);
const required = [
  'package.json', 'README.md', 'API.md', 'LICENSE', '.jsii', 'build/index.js', 'build/index.d.ts', ...documents, ...bins,
  `${report_}package.json`, `${report_}build/index.js`, `${report_}build/cli.js`, 'node_modules/@cdktf/hcl2json/package.json',
];

const unexpected = files.filter((f) => !allowed(f));
const missing = required.filter((f) => !files.includes(f));
const sources = files.filter((f) => !documents.includes(f) && !bundledOther(f) && (/(^|\/)(test|examples|scripts)\//.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts'))));

if (unexpected.length || missing.length || sources.length) {
  console.error('package contents check failed:');
  for (const f of unexpected) console.error(`  unexpected file in the package: ${f}`);
  for (const f of missing) console.error(`  missing from the package: ${f}`);
  for (const f of sources) console.error(`  source or test file in the package: ${f}`);
  process.exit(1);
}
console.log(`package contents: ${files.length} files, ${(report.size / 1024).toFixed(0)} KiB packed, ${(report.unpackedSize / 1024).toFixed(0)} KiB unpacked; only build output, .jsii, README.md, API.md, LICENSE, ${documents.length} documents and fixtures${bins.length ? ', bin entries' : ''} and the bundled report package (${files.filter(bundledReport).length} files) with its dependencies`);
