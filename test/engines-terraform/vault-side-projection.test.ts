import { Testing } from 'cdktf';
import { VaultBackedCredentialsExample } from '../../examples/main';
import { project, TerraformJson, templateSpans } from '../../scripts/engines/terraform-validate';

// The Vault-side projection that `npm run test:terraform-validate` hands to `terraform validate` with the real Vault
// provider: what it keeps, what stands in for the objects of providers that cannot be built, and what it drops.

describe('template spans', () => {
  test.each([
    ['no template', 'plain text', []],
    ['one reference', 'a ${x.y} b', ['x.y']],
    ['nested braces and a string with a brace', '${jsonencode({"a" = "}"})}', ['jsonencode({"a" = "}"})']],
    ['an escaped sequence is literal text', '$${not.a_ref} ${real_ref.x}', ['real_ref.x']],
  ])('%s', (_name, text, expected) => {
    expect(templateSpans(text).map(([s, e]) => text.slice(s, e))).toEqual(expected);
  });
});

describe('projecting a configuration onto its Vault side', () => {
  const json: TerraformJson = {
    terraform: { required_providers: { vault: { source: 'hashicorp/vault', version: '5.6.0' }, google: { source: 'google' } } },
    provider: { vault: [{ address: '${var.vault_address}' }], google: [{ project: 'p' }] },
    variable: { vault_address: { type: 'string' }, unused: { type: 'string' } },
    resource: {
      google_service_account: { sa: { account_id: 'x' } },
      google_project_iam_member: { m: { role: 'r' } },
      vault_gcp_secret_backend: {
        b: {
          path: 'gcp',
          service_account_email: '${google_service_account.sa.email}',
          description: 'made by google_service_account.sa, not a reference',
          depends_on: ['google_project_iam_member.m', 'vault_policy.p'],
        },
      },
      vault_policy: { p: { name: 'p', policy: 'path "${vault_gcp_secret_backend.b.path}/x" {}' } },
    },
    data: { tfe_project: { t: { name: 'x' } }, vault_policy_document: { d: { rule: [] } } },
    import: [{ to: 'vault_policy.p', id: 'p' }, { to: 'google_service_account.sa', id: 'sa' }],
  };
  const result = project(json, '5.9.0');
  const p = result.projection as Record<string, Record<string, Record<string, Record<string, unknown>>>>;

  test('keeps the vault provider, resources, data sources and imports, at the built provider version', () => {
    expect(p.terraform).toEqual({ required_providers: { vault: { source: 'hashicorp/vault', version: '5.9.0' } } });
    expect(Object.keys(p.provider)).toEqual(['vault']);
    expect(Object.keys(p.resource).sort()).toEqual(['vault_gcp_secret_backend', 'vault_policy']);
    expect(Object.keys(p.data)).toEqual(['vault_policy_document']);
    expect(p.import).toEqual([{ to: 'vault_policy.p', id: 'p' }]);
    expect(result).toMatchObject({ resources: 2, dataSources: 1, imports: 1 });
  });

  test('a reference to another provider\'s object becomes an untyped variable; text outside templates and vault references stay', () => {
    const backend = p.resource.vault_gcp_secret_backend.b;
    expect(backend.service_account_email).toBe('${var.external_google_service_account_sa.email}');
    expect(backend.description).toBe('made by google_service_account.sa, not a reference');
    expect(p.resource.vault_policy.p.policy).toBe('path "${vault_gcp_secret_backend.b.path}/x" {}');
    expect(p.variable.external_google_service_account_sa).toEqual({ description: expect.stringContaining('google_service_account.sa') });
    expect(result.externals).toBe(1);
  });

  test('depends_on keeps only Vault objects; referenced variables come along, others do not', () => {
    expect(p.resource.vault_gcp_secret_backend.b.depends_on).toEqual(['vault_policy.p']);
    expect(result.droppedDependsOn).toBe(1);
    expect(p.variable.vault_address).toEqual({ type: 'string' });
    expect(p.variable.unused).toBeUndefined();
  });
});

test('the example app projects to Vault objects only, and every variable it reads is declared', () => {
  const json = JSON.parse(Testing.synth(new VaultBackedCredentialsExample(Testing.app(), 'example'), true)) as TerraformJson;
  const { projection, resources } = project(json, '5.9.0');
  const vaultTypes = Object.keys(json.resource ?? {}).filter((t) => t.startsWith('vault_'));
  expect(resources).toBe(vaultTypes.reduce((n, t) => n + Object.keys(json.resource![t]).length, 0));
  const text = JSON.stringify(projection);
  const { variable: _variables, ...blocks } = projection;
  expect(JSON.stringify(blocks)).not.toMatch(/[^A-Za-z0-9_.](aws|google|azurerm|tfe)_[a-z_]+\.[A-Za-z]/);
  const declared = Object.keys((projection.variable ?? {}) as object);
  const read = [...new Set([...text.matchAll(/var\.([A-Za-z0-9_-]+)/g)].map((m) => m[1]))];
  expect(read.length).toBeGreaterThan(0);
  expect(read.filter((v) => !declared.includes(v))).toEqual([]);
});
