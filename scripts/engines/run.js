#!/usr/bin/env node
/**
 * `npm run test:engines`: installs the pinned OpenBao when it is not there (scripts/engines/install-openbao.sh), runs
 * the engine suite (jest -c jest.engines.config.js: test/engines), kills any OpenBao server a crashed test worker left
 * behind, and prints, last, one line:
 *
 *   engines: S stacks, L logins (A admitted, R refused), C capability checks, X attack tokens refused, D disagreements
 *
 * Before it, on stderr: the pipeline-policy proof and the adoption proof (test/engines/adoption.test.ts).
 *
 * Exits non-zero when OpenBao cannot be installed, when a test fails, or on any disagreement. Extra arguments go to
 * jest (for example a test file, or -t <name>).
 */
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { killLeftovers } = require('./kill-leftovers');

const root = path.resolve(__dirname, '..', '..');
const results = path.join(root, '.engines', 'results');
const started = Date.now();

function summary(t) {
  return `engines: ${t.stacks} stacks, ${t.logins} logins (${t.admitted} admitted, ${t.refused} refused), ${t.capabilityChecks} capability checks, ` +
    `${t.attacksRefused} attack tokens refused, ${t.disagreements.length} disagreements`;
}

const install = spawnSync(path.join(root, 'scripts', 'engines', 'install-openbao.sh'), { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const bao = (install.stdout || '').trim().split('\n').pop();
if (install.status !== 0 || !bao) {
  console.error('test:engines: OpenBao (bao) is missing and could not be installed; install it with: scripts/engines/install-openbao.sh');
  console.log('engines: not run: bao is missing (run scripts/engines/install-openbao.sh)');
  process.exit(1);
}

fs.rmSync(results, { recursive: true, force: true });
const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), '-c', 'jest.engines.config.js', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BAO_BIN: bao },
});

// Servers whose worker died before its exit hook ran (jest's globalTeardown does the same).
killLeftovers();

let pipeline;
let adoption;
const total = { stacks: 0, logins: 0, admitted: 0, refused: 0, capabilityChecks: 0, attacksRefused: 0, undecided: 0, disagreements: [] };
for (const file of fs.existsSync(results) ? fs.readdirSync(results).sort() : []) {
  const t = JSON.parse(fs.readFileSync(path.join(results, file), 'utf8'));
  if (t.pipeline) pipeline = t.pipeline;
  if (t.adoption) adoption = t.adoption;
  for (const key of Object.keys(total)) {
    if (key === 'disagreements') total.disagreements.push(...t.disagreements);
    else total[key] += t[key];
  }
}
if (total.disagreements.length > 0) {
  console.error(`\ntest:engines: ${total.disagreements.length} disagreements between the report and OpenBao (see test/engines/KNOWN-DISAGREEMENTS.md):`);
  for (const d of total.disagreements) console.error(`- ${d}`);
}
if (pipeline) {
  console.error(
    `test:engines: pipeline policy: ${pipeline.sufficient} of ${pipeline.stacks} example policies sufficient as written; ` +
      `${pipeline.necessary} of ${pipeline.paths} paths proven necessary`,
  );
}
if (adoption) {
  console.error(
    `test:engines: adoption: ${adoption.imported} of ${adoption.objects} adopted objects (${adoption.kinds} kinds) imported by terraform plan, ` +
      `${adoption.updatedInPlace} updated in place, ${adoption.replaced} replaced, ${adoption.destroyed} destroyed`,
  );
}
console.error(`test:engines: ${((Date.now() - started) / 1000).toFixed(1)} s wall; ${total.undecided} verdicts the report leaves unknown were not compared`);
console.log(summary(total));
process.exit(jest.status === 0 && total.disagreements.length === 0 ? 0 : 1);
