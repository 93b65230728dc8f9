#!/usr/bin/env node
// The construct library as `npm pack` writes it, for the checks that look at the tarball (check-package.js,
// check-install.js, check-getting-started.js). Packing swaps the report package's link in node_modules for a copy
// and back (scripts/bundle-report.js), so nothing that resolves that package may run meanwhile. `npm test`
// (scripts/run-tests.js) therefore packs once, before the steps that run side by side, with
// `node scripts/packed-library.js --into <dir>`, and hands the directory to those checks in VBDC_PACKED_DIR; run on
// their own, they pack for themselves.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const RECORD = 'packed.json';

/** Packs into `dir` and records npm's description of the tarball (name, files, sizes) beside it. */
function pack(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const [packed] = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  fs.writeFileSync(path.join(dir, RECORD), JSON.stringify(packed));
  return packed;
}

/**
 * npm's description of the packed library and the tarball's path: the one `npm test` packed when VBDC_PACKED_DIR
 * names it, else a fresh pack into `work`.
 */
function packedLibrary(work) {
  const shared = process.env.VBDC_PACKED_DIR;
  if (shared) {
    const packed = JSON.parse(fs.readFileSync(path.join(shared, RECORD), 'utf8'));
    return { packed, tarball: path.join(shared, packed.filename) };
  }
  const packed = pack(work);
  return { packed, tarball: path.join(work, packed.filename) };
}

module.exports = { packedLibrary };

if (require.main === module) {
  const at = process.argv.indexOf('--into');
  if (at < 0 || !process.argv[at + 1]) {
    console.error('usage: node scripts/packed-library.js --into <dir>');
    process.exit(2);
  }
  const packed = pack(path.resolve(process.argv[at + 1]));
  console.log(`packed ${packed.filename}: ${packed.files.length} files, ${(packed.size / 1024).toFixed(0)} KiB`);
}
