#!/usr/bin/env node
// Synthesizes the example app the way a newcomer does (`npm run synth`, i.e. `cdktf synth` with cdktf.json) and
// checks that the stack file is written and holds the whole trust chain. No network, no terraform binary.
'use strict';
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const stackFile = path.join(root, 'cdktf.out', 'stacks', 'vault-backed-credentials', 'cdk.tf.json');
fs.rmSync(path.join(root, 'cdktf.out'), { recursive: true, force: true });
const started = Date.now();
execSync('npm run --silent synth', { cwd: root, stdio: 'inherit' });
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const failures = [];
if (!fs.existsSync(stackFile)) {
  failures.push(`${path.relative(root, stackFile)} was not written`);
} else {
  const json = JSON.parse(fs.readFileSync(stackFile, 'utf8'));
  const count = (type) => Object.keys((json.resource ?? {})[type] ?? {}).length;
  const expected = {
    vault_jwt_auth_backend: 1,
    vault_jwt_auth_backend_role: 5,
    vault_policy: 5,
    vault_aws_secret_backend: 1,
    vault_aws_secret_backend_role: 5,
    vault_gcp_secret_backend: 1,
    vault_gcp_secret_roleset: 2,
    vault_azure_secret_backend: 1,
    vault_azure_secret_backend_role: 2,
    tfe_variable_set: 3,
    tfe_workspace_variable_set: 4,
    tfe_project_variable_set: 1,
    aws_iam_user: 1,
    aws_iam_user_policy: 1,
    aws_iam_role: 2,
    google_service_account: 1,
    google_project_iam_member: 3,
    azurerm_role_assignment: 1,
  };
  for (const [type, n] of Object.entries(expected)) {
    if (count(type) !== n) failures.push(`expected ${n} ${type}, found ${count(type)}`);
  }
  const providers = Object.keys(json.terraform?.required_providers ?? {}).sort().join(',');
  if (providers !== 'aws,azurerm,google,tfe,vault') failures.push(`expected required_providers aws,azurerm,google,tfe,vault, found ${providers}`);
}
const enterpriseFile = path.join(root, 'cdktf.out', 'stacks', 'vault-backed-credentials-enterprise', 'cdk.tf.json');
if (!fs.existsSync(enterpriseFile)) {
  failures.push(`${path.relative(root, enterpriseFile)} was not written`);
} else {
  const json = JSON.parse(fs.readFileSync(enterpriseFile, 'utf8'));
  const roles = Object.keys(json.resource?.vault_jwt_auth_backend_role ?? {}).length;
  if (roles !== 5) failures.push(`expected 5 JWT roles in the enterprise example, found ${roles}`);
  if (!json.output?.stack_provider_configuration) failures.push('the enterprise example lacks the Stack provider configuration output');
}
const adoptFile = path.join(root, 'cdktf.out', 'stacks', 'vault-backed-credentials-adopt', 'cdk.tf.json');
if (!fs.existsSync(adoptFile)) {
  failures.push(`${path.relative(root, adoptFile)} was not written`);
} else {
  const json = JSON.parse(fs.readFileSync(adoptFile, 'utf8'));
  const ids = (json.import ?? []).map((i) => i.id).sort().join(',');
  const expectedIds = ['auth/jwt/role/tfc-role', 'aws', 'aws/roles/edu-app', 'jwt', 'tfc-policy'].join(',');
  if (ids !== expectedIds) failures.push(`expected import blocks ${expectedIds} in the adoption example, found ${ids || 'none'}`);
}
if (failures.length > 0) {
  console.error('example synth check failed:');
  for (const f of failures) console.error(`  ${f}`);
  process.exit(1);
}
console.log(`example synth check: ${path.relative(root, stackFile)} written in ${seconds}s and complete`);
