#!/usr/bin/env node
// Generates the Python bindings (jsii-pacmak, code only: the full wheel build needs PyPI) into a temporary folder
// and byte-compiles them with python3, so a jsii-incompatible public API fails here and not at release. Run after build.
// jsii-pacmak packs the package with `npm pack` and embeds the tarball in the bindings; only the generated code is
// checked here, and the tarball is thrown away with the folder. So npm runs no pack scripts (npm_config_ignore_scripts):
// prepack would swap the report package's link in node_modules for a copy (scripts/bundle-report.js), and without
// that swap this check can run while jest resolves the package (scripts/run-tests.js runs them side by side).
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'pacmak-python-'));
const started = Date.now();
execFileSync(process.execPath, [require.resolve('jsii-pacmak/bin/jsii-pacmak'), '--targets', 'python', '--code-only', '--outdir', out], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20', npm_config_ignore_scripts: 'true' },
});
const pkg = require(path.join(root, 'package.json'));
const pythonModule = pkg.jsii.targets.python.module;
const found = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else found.push(full);
  }
};
walk(out);
const init = found.find((f) => f.endsWith(path.join(pythonModule, '__init__.py')));
const setup = found.find((f) => path.basename(f) === 'setup.py');
if (!init || !setup) {
  console.error(`python bindings incomplete: __init__.py ${init ? 'found' : 'missing'}, setup.py ${setup ? 'found' : 'missing'}`);
  process.exit(1);
}
const source = fs.readFileSync(init, 'utf8');
for (const name of ['class VaultBackedDynamicCredentials', 'class WorkspaceSelector', 'class AwsSecretsEngine']) {
  if (!source.includes(name)) {
    console.error(`python bindings lack ${name}`);
    process.exit(1);
  }
}
execFileSync('python3', ['-m', 'py_compile', init, setup], { stdio: 'inherit' });
fs.rmSync(out, { recursive: true, force: true });
console.log(`python bindings: generated and byte-compiled (${pythonModule}) in ${((Date.now() - started) / 1000).toFixed(1)}s`);
