#!/usr/bin/env node
// The trust report on its own, as a team with hand-written HCL installs it: `npm pack` of packages/report, unpacked
// into node_modules of an empty directory with nothing else but its one dependency (@cdktf/hcl2json, linked from this
// repository, as npm would place it). cdktf and the provider bindings must not be reachable from there. Its bin then
// explains a directory of .tf files and a synthesized cdk.tf.json, and the library entry points load. Offline.
// Run after build.
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const packageDir = path.join(root, 'packages', 'report');
const pkg = require(path.join(packageDir, 'package.json'));
const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vbcr-install-'));
const problems = [];
const ran = [];

try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const [packed] = JSON.parse(
    execFileSync(npm, ['pack', '--json', '--pack-destination', work], { cwd: packageDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
  );
  const app = path.join(work, 'hcl-team');
  const installed = path.join(app, 'node_modules', pkg.name);
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', installed, '--strip-components', '1']);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'hcl-team', private: true, devDependencies: { [pkg.name]: pkg.version } }));
  for (const dependency of Object.keys(pkg.dependencies ?? {})) {
    const target = path.join(app, 'node_modules', dependency);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', dependency), target, 'dir');
  }
  const declared = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
  for (const forbidden of ['cdktf', 'constructs', '@cdktf/provider-vault', '@cdktf/provider-tfe']) {
    if (declared.includes(forbidden)) problems.push(`${pkg.name} declares ${forbidden}; it must run without cdktf`);
    try {
      require.resolve(forbidden, { paths: [app] });
      problems.push(`${forbidden} is reachable from the test directory, so the check proves nothing`);
    } catch {
      // expected: not installed
    }
  }
  const shipped = packed.files.map((f) => f.path);
  const strays = shipped.filter((f) => !/^build\/.+\.(js|d\.ts)$/.test(f) && !['package.json', 'README.md', 'LICENSE'].includes(f));
  if (strays.length > 0) problems.push(`unexpected files in the tarball: ${strays.join(', ')}`);

  const bin = path.join(installed, pkg.bin[pkg.name]);
  const explainJson = (label, input, expectedStatus) => {
    const result = spawnSync(process.execPath, [bin, 'explain', input, '--format', 'json'], { cwd: app, encoding: 'utf8' });
    if (result.status !== expectedStatus) {
      problems.push(`explain ${label}: exit ${result.status}, expected ${expectedStatus}: ${result.stderr.split('\n')[0]}`);
      return undefined;
    }
    const parsed = JSON.parse(result.stdout);
    ran.push(label);
    return parsed;
  };

  // A hand-written module of .tf files (read with @cdktf/hcl2json) and a synthesized stack (plain JSON).
  const hcl = explainJson('a directory of .tf files', path.join(root, 'test', 'fixtures', 'hcl', 'sound'), 0);
  if (hcl && hcl.stacks[0].roles.length < 2) problems.push(`explain on the .tf directory found ${hcl.stacks[0].roles.length} Vault roles, expected the plan and apply roles`);
  const json = explainJson('a synthesized stack', path.join(root, 'test', 'fixtures', 'sound', 'app.json'), 0);
  if (json && json.stacks[0].matrix.length === 0) problems.push('explain on the synthesized stack found no run');
  const broken = explainJson('a broken stack', path.join(root, 'test', 'fixtures', 'broken', 'unanchored-role.json'), 1);
  if (broken && broken.counts.error === 0) problems.push('explain on a broken stack exited 1 without an error-level finding');

  const usage = spawnSync(process.execPath, [bin, '--help'], { cwd: app, encoding: 'utf8' });
  if (!usage.stdout.includes(`Usage: ${pkg.name} explain`)) problems.push(`--help does not name the command ${pkg.name}`);

  // The library entry points, from the test directory (what `require('vault-backed-credentials-report/testing')` reaches).
  for (const [spec, exportName] of [[pkg.name, 'explain'], [`${pkg.name}/testing`, 'expectRunCanRead'], [`${pkg.name}/policy`, 'parsePolicy']]) {
    try {
      const loaded = require(require.resolve(spec, { paths: [app] }));
      if (typeof loaded[exportName] !== 'function') problems.push(`${spec} does not export ${exportName}`);
    } catch (error) {
      problems.push(`${spec} does not resolve from the test directory: ${error.message.split('\n')[0]}`);
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error('report install check failed:');
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(`report install check: ${pkg.name} packed and installed without cdktf; explain ran on ${ran.join(', ')}; 3 entry points load (${((Date.now() - started) / 1000).toFixed(1)}s)`);
