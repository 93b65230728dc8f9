import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { VaultBackedCredentialsExample } from '../examples/main';
import { EnterpriseExample } from '../examples/enterprise';

/**
 * Logical ids are public contract: they are the Terraform addresses of every Vault role, policy and variable set a
 * user already has. Renaming an internal construct id makes Terraform destroy and re-create them, cutting runs off
 * mid-way. This test pins the addresses of both example stacks; a change is a breaking change (see CHANGELOG.md).
 */
const expectedFile = path.join(__dirname, 'logical-ids.expected.json');

function addresses(json: { resource?: Record<string, object>; data?: Record<string, object>; variable?: object }): string[] {
  const out: string[] = [];
  for (const [section, prefix] of [[json.resource, ''], [json.data, 'data.']] as const) {
    for (const [type, blocks] of Object.entries(section ?? {})) {
      for (const name of Object.keys(blocks)) out.push(`${prefix}${type}.${name}`);
    }
  }
  for (const name of Object.keys(json.variable ?? {})) out.push(`var.${name}`);
  return out.sort();
}

const actual = {
  'vault-backed-credentials': addresses(JSON.parse(Testing.synth(new VaultBackedCredentialsExample(Testing.app(), 'vault-backed-credentials')))),
  'vault-backed-credentials-enterprise': addresses(JSON.parse(Testing.synth(new EnterpriseExample(Testing.app(), 'vault-backed-credentials-enterprise')))),
};

test.each(Object.keys(actual))('logical ids of the %s example are unchanged', (stack) => {
  if (process.env.UPDATE_LOGICAL_IDS === '1') {
    const current = fs.existsSync(expectedFile) ? JSON.parse(fs.readFileSync(expectedFile, 'utf8')) : {};
    fs.writeFileSync(expectedFile, JSON.stringify({ ...current, [stack]: actual[stack as keyof typeof actual] }, null, 2) + '\n');
  }
  const expected: string[] = JSON.parse(fs.readFileSync(expectedFile, 'utf8'))[stack];
  const got = actual[stack as keyof typeof actual];
  const removed = expected.filter((a) => !got.includes(a));
  const added = got.filter((a) => !expected.includes(a));
  expect({ removed, added }).toEqual({ removed: [], added: [] });
});

test('the pinned list is not empty', () => {
  const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
  expect(expected['vault-backed-credentials'].length).toBeGreaterThan(50);
  expect(expected['vault-backed-credentials'].filter((a: string) => a.startsWith('vault_jwt_auth_backend_role.'))).toEqual([
    'vault_jwt_auth_backend_role.trust_network_apply_role_FA1D32FE',
    'vault_jwt_auth_backend_role.trust_network_plan_role_37A4ECA4',
    expect.stringMatching(/^vault_jwt_auth_backend_role\.trust_platform_apply_role_[0-9A-F]{8}$/),
    expect.stringMatching(/^vault_jwt_auth_backend_role\.trust_platform_plan_role_[0-9A-F]{8}$/),
    'vault_jwt_auth_backend_role.trust_sandbox_run_role_A068795F',
  ]);
});
