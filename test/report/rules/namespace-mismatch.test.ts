import { namespaceMismatch } from '../../../packages/report/src/rules/namespace-mismatch';
import { check, fixture, HASHICORP_VARIABLES, providerBlocks, soundApp, soundWith, TerraformJson } from '../support';

function subjects(json: TerraformJson, variables?: Record<string, string>): string[] {
  const findings = check(namespaceMismatch, json, { variables });
  expect(findings.every((f) => f.severity === 'error')).toBe(true);
  return findings.map((f) => f.subject).sort();
}

describe('namespace-mismatch', () => {
  test.each<[string, TerraformJson, string[]]>([
    ['everything in "ops"', soundApp(), []],
    ['everything in the root namespace, TFC_VAULT_NAMESPACE unset', soundWith((j) => {
      for (const type of Object.keys(j.resource)) for (const block of Object.values(j.resource[type])) delete block.namespace;
      delete j.resource.tfe_variable.namespace;
    }), []],
    ['namespace from the provider, resources relative to it', soundWith((j) => {
      providerBlocks(j, 'vault')[0].namespace = 'ops';
      for (const type of Object.keys(j.resource)) for (const block of Object.values(j.resource[type])) delete block.namespace;
    }), []],
    ['policy left in the root namespace', soundWith((j) => delete j.resource.vault_policy.plan.namespace), ['vault_policy.plan']],
    [
      'engine role in another namespace than its engine',
      soundWith((j) => (j.resource.vault_aws_secret_backend_role.deploy.namespace = 'ops/child')),
      ['vault_aws_secret_backend_role.deploy'],
    ],
    [
      'JWT mount outside the namespace runs log in to',
      soundWith((j) => delete j.resource.vault_jwt_auth_backend.tfc.namespace),
      ['vault_jwt_auth_backend.tfc', 'vault_jwt_auth_backend_role.apply', 'vault_jwt_auth_backend_role.plan'],
    ],
    [
      'TFC_VAULT_NAMESPACE names another namespace than everything else',
      soundWith((j) => (j.resource.tfe_variable.namespace.value = 'admin')),
      [
        'vault_aws_secret_backend.aws',
        'vault_aws_secret_backend_role.deploy',
        'vault_aws_secret_backend_role.read',
        'vault_jwt_auth_backend.tfc',
        'vault_jwt_auth_backend_role.apply',
        'vault_jwt_auth_backend_role.plan',
        // Moving the roles alone would not be enough: their policies must follow.
        'vault_policy.apply',
        'vault_policy.plan',
      ],
    ],
    [
      'a provider alias in another namespace',
      soundWith((j) => {
        providerBlocks(j, 'vault').push({ alias: 'root', address: 'https://vault.acme.example:8200', namespace: 'other' });
        j.resource.vault_policy.apply.provider = 'vault.root';
      }),
      ['vault_policy.apply'],
    ],
  ])('%s', (_label, json, expected) => {
    expect(subjects(json)).toEqual(expected);
  });

  test.each([
    ['vault-backed-aws.json', []],
    [
      'vault-backed-gcp.json',
      ['vault_gcp_secret_roleset.gcp_secret_roleset', 'vault_jwt_auth_backend.tfc_jwt', 'vault_jwt_auth_backend_role.tfc_role', 'vault_policy.tfc_policy'],
    ],
    [
      'vault-backed-azure.json',
      [
        'vault_azure_secret_backend_role.azure_secret_backend_role',
        'vault_jwt_auth_backend.tfc_jwt',
        'vault_jwt_auth_backend_role.tfc_role',
        'vault_policy.tfc_policy',
      ],
    ],
  ])("HashiCorp's %s", (file, expected) => {
    expect(subjects(fixture(`hashicorp-examples/${file}`), HASHICORP_VARIABLES)).toEqual(expected);
  });

  test('the message says where each side is and what to do', () => {
    const [finding] = check(namespaceMismatch, soundWith((j) => delete j.resource.vault_policy.plan.namespace));
    expect(finding.message).toMatch(/role vault_jwt_auth_backend_role\.plan in namespace "ops" attaches it, but it is in the root namespace/);
    expect(finding.message).toMatch(/set TFC_VAULT_NAMESPACE/);
  });
});
