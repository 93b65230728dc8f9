#!/usr/bin/env node
// Terraform loads every configuration this repository synthesizes or renders (the example app, every complete README
// program, a generated fleet, one app per construct kind, and the HCL that HclEject writes of each): one process
// synthesizes them all (scripts/terraform/synthesize.ts), then `terraform init -backend=false` runs on each, two at a
// time. init parses and decodes the whole configuration before it looks for providers, so any configuration error
// (an interpolated depends_on, a malformed block, a bad import block) shows here. Providers are not installed: the CLI
// configuration points at an empty filesystem mirror, so nothing is downloaded, and the one expected failure per
// provider ("Failed to query available provider packages ... not found in any of the search locations") is told apart
// from configuration errors by Terraform's own JSON diagnostics. `npm run test:terraform-validate` goes further with
// real provider binaries where they can be had.
//
// Needs the terraform CLI (or TERRAFORM=/path/to/terraform); fails with the install instruction when it is missing.
'use strict';
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const terraform = process.env.TERRAFORM || 'terraform';
const PARALLEL = 2;
const PROVIDER_NOT_INSTALLED = 'Failed to query available provider packages';

const INSTALL = [
  `terraform check: the Terraform CLI (${terraform}) is not available. Install Terraform 1.11 or later, for example:`,
  '  Debian/Ubuntu: wget -O- https://apt.releases.hashicorp.com/gpg | sudo gpg --dearmor -o /usr/share/keyrings/hashicorp-archive-keyring.gpg',
  '    echo "deb [signed-by=/usr/share/keyrings/hashicorp-archive-keyring.gpg] https://apt.releases.hashicorp.com $(lsb_release -cs) main" \\',
  '      | sudo tee /etc/apt/sources.list.d/hashicorp.list && sudo apt-get update && sudo apt-get install terraform',
  '  or unzip a release from https://releases.hashicorp.com/terraform/ onto PATH, or set TERRAFORM=/path/to/terraform.',
].join('\n');

/** Environment for every terraform command: a CLI config we wrote (no warning about a missing one), no telemetry. */
function terraformEnv(cliConfig) {
  return { ...process.env, TF_CLI_CONFIG_FILE: cliConfig, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0' };
}

function terraformVersion(env) {
  const result = spawnSync(terraform, ['version', '-json'], { env, encoding: 'utf8' });
  if (result.error || result.status !== 0) return undefined;
  try {
    return JSON.parse(result.stdout).terraform_version;
  } catch {
    return undefined;
  }
}

/** Runs `terraform init -backend=false -json` in `dir`; resolves to its diagnostics. */
function init(dir, env) {
  return new Promise((resolve) => {
    const child = spawn(terraform, ['init', '-backend=false', '-input=false', '-json', '-no-color'], { cwd: dir, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => {
      const diagnostics = [];
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const message = JSON.parse(line);
          if (message.type === 'diagnostic') diagnostics.push(message.diagnostic);
        } catch {
          diagnostics.push({ severity: 'error', summary: 'unreadable terraform output', detail: line });
        }
      }
      if (code !== 0 && diagnostics.length === 0) diagnostics.push({ severity: 'error', summary: `terraform init exited ${code}`, detail: stderr.trim() });
      resolve(diagnostics);
    });
  });
}

/** A provider that init could not install because the mirror is empty: expected, not a configuration error. */
function isProviderNotInstalled(d) {
  return d.summary === PROVIDER_NOT_INSTALLED && /was not found in any of the search locations/.test(d.detail || '');
}

async function main() {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'terraform-check-'));
  const emptyMirror = path.join(work, 'empty-mirror');
  fs.mkdirSync(emptyMirror);
  const cliConfig = path.join(work, 'terraformrc.hcl');
  fs.writeFileSync(cliConfig, `provider_installation {\n  filesystem_mirror {\n    path = ${JSON.stringify(emptyMirror)}\n  }\n}\n`);
  const env = terraformEnv(cliConfig);

  const version = terraformVersion(env);
  if (version === undefined) {
    console.error(INSTALL);
    process.exit(1);
  }

  // The constructs import the report package by name, which resolves to its build.
  if (!fs.existsSync(path.join(root, 'packages', 'report', 'build'))) {
    const build = spawnSync('npm', ['run', '--silent', 'build', '--workspace', 'vault-backed-credentials-report'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }

  const out = path.join(work, 'configurations');
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const synth = spawnSync(tsx, [path.join(root, 'scripts', 'terraform', 'synthesize.ts'), out], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const synthSeconds = (Date.now() - started) / 1000;
  if (synth.status !== 0) {
    console.error(synth.stdout);
    console.error(synth.stderr);
    console.error('terraform check: synthesizing the configurations failed (above)');
    process.exit(1);
  }
  const configurations = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));

  const terraformStarted = Date.now();
  const results = new Array(configurations.length);
  let next = 0;
  async function worker() {
    while (next < configurations.length) {
      const i = next++;
      results[i] = await init(configurations[i].dir, env);
    }
  }
  // A canary that Terraform must refuse (the defect of issue 19): proves that configuration errors do reach this check.
  const canary = path.join(work, 'canary');
  fs.mkdirSync(canary);
  fs.writeFileSync(
    path.join(canary, 'cdk.tf.json'),
    JSON.stringify({ resource: { vault_policy: { a: { name: 'a', policy: '' }, b: { name: 'b', policy: '', depends_on: ['${vault_policy.a}'] } } } }),
  );
  const [canaryDiagnostics] = await Promise.all([init(canary, env), ...Array.from({ length: PARALLEL }, worker)]);
  const terraformSeconds = (Date.now() - terraformStarted) / 1000;
  if (!canaryDiagnostics.some((d) => d.severity === 'error' && d.summary === 'Invalid expression')) {
    console.error(`terraform check: Terraform ${version} accepted an interpolated depends_on; this check cannot see configuration errors:`);
    console.error(JSON.stringify(canaryDiagnostics, null, 2));
    process.exit(1);
  }

  let errors = 0;
  let warnings = 0;
  let providersNotInstalled = 0;
  configurations.forEach((c, i) => {
    const file = c.format === 'json' ? 'cdk.tf.json' : 'main.tf';
    for (const d of results[i]) {
      if (d.severity === 'error' && isProviderNotInstalled(d)) {
        providersNotInstalled++;
        continue;
      }
      const where = d.range ? `${c.name}/${path.basename(d.range.filename)}:${d.range.start.line}` : `${c.name}/${file}`;
      const text = `${where}: ${d.severity}: ${d.summary}${d.detail ? ` - ${d.detail}` : ''}`;
      if (d.severity === 'error') {
        errors++;
        console.error(text);
      } else {
        warnings++;
        console.warn(text);
      }
    }
  });
  // Each configuration must have reached provider resolution: otherwise init stopped before the configuration was read.
  const unreached = configurations.filter((c, i) => !results[i].some(isProviderNotInstalled) && results[i].every((d) => d.severity !== 'error'));
  for (const c of unreached) {
    console.error(`${c.name}: terraform init neither failed nor looked for providers; the check proves nothing for it`);
    errors++;
  }

  fs.rmSync(work, { recursive: true, force: true });
  const sum = (key) => configurations.reduce((n, c) => n + c[key], 0);
  const json = configurations.filter((c) => c.format === 'json').length;
  console.log(
    `terraform check: ${configurations.length} configurations (${json} cdk.tf.json, ${configurations.length - json} ejected HCL; ` +
      `${sum('resources')} resources, ${sum('dataSources')} data sources, ${sum('imports')} import blocks) loaded by Terraform ${version}: ` +
      `${errors} configuration errors, ${warnings} warnings (${providersNotInstalled} providers not installed, as intended); ` +
      `synth ${synthSeconds.toFixed(1)}s, terraform ${terraformSeconds.toFixed(1)}s, total ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
  process.exit(errors === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
