#!/usr/bin/env node
// Proves the AWS, Google and AzureRM provider packages are optional peers: with their resolution blocked (as on a
// machine where only cdktf, constructs and the Vault and TFE providers are installed), the built package's root
// entry point loads, and the Vault- and TFE-side constructs synthesize a complete trust. Run after build.
'use strict';
const Module = require('module');
const fs = require('fs');
const os = require('os');
const path = require('path');

const blocked = /^@cdktf\/provider-(aws|google|azurerm)(\/|$)/;
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  if (blocked.test(request)) {
    const error = new Error(`Cannot find module '${request}' (blocked: optional peer not installed)`);
    error.code = 'MODULE_NOT_FOUND';
    throw error;
  }
  return originalResolve.call(this, request, ...rest);
};

const root = path.resolve(__dirname, '..');
const started = process.hrtime.bigint();
const lib = require(path.join(root, 'build', 'index.js'));
const loadMs = Number(process.hrtime.bigint() - started) / 1e6;
const { Testing, TerraformStack } = require('cdktf');
const { VaultProvider } = require('@cdktf/provider-vault/lib/provider');
const { TfeProvider } = require('@cdktf/provider-tfe/lib/provider');

// The app's output folder is never written (Testing.synth renders in memory); it is removed when the check ends.
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vbdc-optional-peers-'));
process.on('exit', () => fs.rmSync(outdir, { recursive: true, force: true }));
const stack = new TerraformStack(Testing.app({ outdir }), 'optional-peers');
new VaultProvider(stack, 'vault', {});
new TfeProvider(stack, 'tfe', {});
const trust = new lib.VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
const aws = trust.addAwsSecretsEngine('aws');
const role = aws.addAssumedRole('deploy', { roleArns: ['arn:aws:iam::123456789012:role/deploy'] });
const grants = { aws: { plan: role, apply: role } };
if (typeof lib.GcpSecretsEngine.fromMountPath === 'function') {
  const gcp = lib.GcpSecretsEngine.fromMountPath(trust, 'gcp', { mountPath: 'gcp' });
  const roleset = gcp.addRoleset('viewer', {
    project: 'my-project',
    tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'],
    bindings: [{ resource: '//cloudresourcemanager.googleapis.com/projects/my-project', roles: ['roles/viewer'] }],
  });
  grants.gcp = { plan: roleset, apply: roleset };
}
trust.grantWorkspaces('app', { project: 'Platform', workspaces: lib.WorkspaceSelector.names('app'), ...grants });
const json = JSON.parse(Testing.synth(stack, true));

const loaded = Object.keys(require.cache).filter((file) => /node_modules\/@cdktf\/provider-(aws|google|azurerm)\//.test(file));
const failures = [];
if (loaded.length > 0) failures.push(`cloud provider modules were loaded: ${loaded.slice(0, 5).join(', ')}`);
const roles = Object.keys(json.resource.vault_jwt_auth_backend_role ?? {}).length;
if (roles !== 2) failures.push(`expected 2 JWT roles, found ${roles}`);
if (!json.resource.tfe_variable_set) failures.push('no variable set was synthesized');
if (failures.length > 0) {
  console.error('optional peer check failed:');
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`optional peers: root entry point loaded in ${loadMs.toFixed(0)} ms with aws/google/azurerm providers unavailable; Vault/TFE-side trust synthesized (${Object.keys(grants).join(', ')} credentials)`);
