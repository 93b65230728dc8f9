import 'cdktf/lib/testing/adapters/jest';
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { TerraformStack } from 'cdktf';
import { ModuleTestGrant, ModuleTestGrantOptions, VaultBackedDynamicCredentials } from '../../lib';
import { evaluateAcl } from '../../packages/report/src/policy/acl';
import { simulateLogin } from '../../packages/report/src/simulate';
import { checkProviderSchemas } from '../support/provider-schema';
import { refusalTable } from '../support/refusals';
import { byPath, synthWith, warnings } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/module-test';

function moduleGrant(stack: TerraformStack, module = 'vpc', moduleProvider = 'aws', more: Partial<ModuleTestGrantOptions> = {}): ModuleTestGrant {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', vaultNamespace: 'admin' });
  const role = trust.addAwsSecretsEngine('aws').addAssumedRole('module-test', { roleArns: [ARN] });
  return trust.grantModuleTests('vpc', { module, moduleProvider, aws: role, ...more });
}

const claims = (module: string, organization = 'acme') => ({
  iss: 'https://app.terraform.io',
  aud: 'vault.workload.identity',
  sub: `organization:${organization}:module:${module}:operation:test_run`,
  terraform_organization_name: organization,
  terraform_organization_id: 'org-1',
  terraform_run_id: 'trun-abc',
  terraform_run_phase: 'plan',
});

describe('registry module test runs', () => {
  const { json, text, config } = synthWith((stack) => moduleGrant(stack));

  test('one role binds the exact test-run subject, terraform-<provider>-<name>, and uses the run id as user claim', () => {
    expect(Object.keys(byPath(json, 'vault_jwt_auth_backend_role'))).toHaveLength(1);
    expect(text).toHaveResourceWithProperties(JwtAuthBackendRole, {
      role_name: 'tfc-module-vpc',
      role_type: 'jwt',
      bound_claims_type: 'string',
      bound_claims: { sub: 'organization:acme:module:terraform-aws-vpc:operation:test_run' },
      user_claim: 'terraform_run_id',
      namespace: 'admin',
    });
  });

  test('the module\'s test runs read the credentials; other modules and organizations cannot log in', () => {
    const at = { roleName: 'tfc-module-vpc', namespace: 'admin' };
    const login = simulateLogin(config, at, claims('terraform-aws-vpc'));
    expect(login.admitted).toBe(true);
    expect(evaluateAcl(login.policies, 'aws/sts/module-test', 'read').allowed).toBe(true);
    expect(simulateLogin(config, at, claims('terraform-aws-vpc-evil')).admitted).toBe(false);
    expect(simulateLogin(config, at, claims('terraform-aws-vpc', 'acme-evil')).admitted).toBe(false);
    // The bare registry name is not the subject's module segment.
    expect(simulateLogin(config, at, claims('vpc')).admitted).toBe(false);
  });

  test('the variables go to the module\'s test variables, with the run role and the AWS settings', () => {
    const vars = Object.values(byPath(json, 'tfe_test_variable'));
    expect(vars.map((v) => v.key).sort()).toEqual([
      'TFC_VAULT_ADDR',
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_AUTH_TYPE',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH',
      'TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN',
      'TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE',
      'TFC_VAULT_NAMESPACE',
      'TFC_VAULT_PROVIDER_AUTH',
      'TFC_VAULT_RUN_ROLE',
    ]);
    // The registry name, not the subject's terraform-aws-vpc, addresses the module's test configuration.
    for (const v of vars) expect(v).toMatchObject({ organization: 'acme', module_name: 'vpc', module_provider: 'aws', category: 'env' });
    expect(vars.find((v) => v.key === 'TFC_VAULT_ADDR')).toMatchObject({ sensitive: true });
    expect(json.resource.tfe_variable_set).toBeUndefined();
  });

  test('every block and argument exists in the provider schemas', () => {
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('emits only the Vault variables the module-test page documents, no plan/apply roles and no CA bundle', () => {
    const keys = Object.values(byPath(json, 'tfe_test_variable')).map((v) => String(v.key));
    for (const key of keys.filter((k) => k.startsWith('TFC_VAULT_') && !k.startsWith('TFC_VAULT_BACKED_'))) {
      expect([
        'TFC_VAULT_PROVIDER_AUTH',
        'TFC_VAULT_ADDR',
        'TFC_VAULT_RUN_ROLE',
        'TFC_VAULT_NAMESPACE',
        'TFC_VAULT_AUTH_PATH',
        'TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE',
      ]).toContain(key);
    }
  });
});

describe('every module of one provider', () => {
  const { json, config } = synthWith((stack) => moduleGrant(stack, 'vpc', 'aws', { allModulesOfProvider: true, additionalModules: ['eks', 'vpc'] }));
  const at = { roleName: 'tfc-module-vpc', namespace: 'admin' };

  test('the role binds the documented terraform-<provider>-* selector as a glob', () => {
    expect(byPath(json, 'vault_jwt_auth_backend_role')['trust/vpc/role']).toMatchObject({
      bound_claims_type: 'glob',
      bound_claims: { sub: 'organization:acme:module:terraform-aws-*:operation:test_run' },
    });
  });

  test('test runs of every AWS module log in; modules of other providers and organizations do not', () => {
    expect(simulateLogin(config, at, claims('terraform-aws-vpc')).admitted).toBe(true);
    expect(simulateLogin(config, at, claims('terraform-aws-ec2-instance')).admitted).toBe(true);
    expect(simulateLogin(config, at, claims('terraform-awscc-vpc')).admitted).toBe(false);
    expect(simulateLogin(config, at, claims('terraform-google-vpc')).admitted).toBe(false);
    expect(simulateLogin(config, at, claims('terraform-aws-vpc', 'acme-evil')).admitted).toBe(false);
  });

  test('each named module\'s test configuration receives the variables once', () => {
    const vars = Object.values(byPath(json, 'tfe_test_variable'));
    const byModule = (m: string) => vars.filter((v) => v.module_name === m).map((v) => v.key).sort();
    expect(byModule('eks')).toEqual(byModule('vpc'));
    expect(byModule('vpc')).toContain('TFC_VAULT_RUN_ROLE');
    expect(vars).toHaveLength(byModule('vpc').length * 2);
  });

  test('every block and argument exists in the provider schemas', () => {
    expect(checkProviderSchemas(json)).toEqual([]);
  });
});

describe('a module test grant with GCP and Azure credentials', () => {
  const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
  const TENANT = '22222222-2222-4222-8222-222222222222';
  const GROUP_SCOPE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/data`;
  const { json, config } = synthWith((stack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
    const gcp = trust.addGcpSecretsEngine('gcp').addRoleset('viewer', {
      project: 'acme-data',
      tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'],
      bindings: [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data', roles: ['roles/viewer'] }],
    });
    const azure = trust.addAzureSecretsEngine('azure', { subscriptionId: SUBSCRIPTION, tenantId: TENANT })
      .addRole('reader', { azureRoles: [{ roleName: 'Reader', scope: GROUP_SCOPE }], ttlSeconds: 3600 });
    trust.grantModuleTests('net', { module: 'network', moduleProvider: 'google', gcp, azure });
  });

  test('the module\'s test variables carry the Vault-backed GCP and Azure settings, each cloud\'s run role for the one test phase', () => {
    const bodies = Object.values(byPath(json, 'tfe_test_variable'));
    for (const v of bodies) expect(v).toMatchObject({ organization: 'acme', module_name: 'network', module_provider: 'google', category: 'env' });
    const ref = (type: string, path: string, attribute: string) => expect.stringMatching(new RegExp(`^\\$\\{${type}\\.${path}_[0-9A-F]{8}\\.${attribute}\\}$`));
    expect(Object.fromEntries(bodies.map((v) => [String(v.key), v.value]))).toEqual({
      TFC_VAULT_PROVIDER_AUTH: 'true',
      TFC_VAULT_ADDR: 'https://vault.example.com',
      TFC_VAULT_RUN_ROLE: ref('vault_jwt_auth_backend_role', 'trust_net_role', 'role_name'),
      TFC_VAULT_BACKED_GCP_AUTH: 'true',
      TFC_VAULT_BACKED_GCP_AUTH_TYPE: 'roleset/access_token',
      TFC_VAULT_BACKED_GCP_MOUNT_PATH: ref('vault_gcp_secret_backend', 'trust_gcp_backend', 'path'),
      TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET: ref('vault_gcp_secret_roleset', 'trust_gcp_viewer_roleset', 'roleset'),
      TFC_VAULT_BACKED_AZURE_AUTH: 'true',
      TFC_VAULT_BACKED_AZURE_MOUNT_PATH: ref('vault_azure_secret_backend', 'trust_azure_backend', 'path'),
      TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE: ref('vault_azure_secret_backend_role', 'trust_azure_reader_role', 'role'),
      TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS: '60',
      ARM_SUBSCRIPTION_ID: ref('vault_azure_secret_backend', 'trust_azure_backend', 'subscription_id'),
      ARM_TENANT_ID: ref('vault_azure_secret_backend', 'trust_azure_backend', 'tenant_id'),
    });
  });

  test('the module\'s test runs log in and read the GCP token and the Azure credentials', () => {
    const login = simulateLogin(config, { roleName: 'tfc-module-net' }, claims('terraform-google-network'));
    expect(login.admitted).toBe(true);
    expect(evaluateAcl(login.policies, 'gcp/roleset/viewer/token', 'read').allowed).toBe(true);
    expect(evaluateAcl(login.policies, 'azure/creds/reader', 'read').allowed).toBe(true);
  });

  test('every block and argument exists in the provider schemas', () => {
    expect(checkProviderSchemas(json)).toEqual([]);
  });
});

describe('module test grant validation', () => {
  const ro = (stack: TerraformStack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
    return { trust, role: trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] }) };
  };
  const direct = (stack: TerraformStack, overrides: Record<string, unknown>) => {
    const { trust, role } = ro(stack);
    return new ModuleTestGrant(stack, 'direct', {
      organization: 'acme',
      authMount: trust.authMount,
      vaultAddress: 'https://vault.example.com',
      module: 'vpc',
      moduleProvider: 'aws',
      aws: role,
      ...overrides,
    });
  };
  refusalTable([
    [
      'a module name with a glob',
      (s) => moduleGrant(s, 'vpc*', 'aws'),
      'test/trust/vpc',
      /registry module name "vpc\*" contains "\*"/,
      ['ModuleTestGrantOptions.module'],
    ],
    [
      'an upper-case module provider',
      (s) => moduleGrant(s, 'vpc', 'AWS'),
      'test/trust/vpc',
      /moduleProvider "AWS" must be a registry provider name/,
      ['ModuleTestGrantOptions.moduleProvider'],
    ],
    ['a module provider with a hyphen', (s) => moduleGrant(s, 'vpc', 'aws-x'), 'test/trust/vpc', /moduleProvider "aws-x" .* no room for "-"/],
    [
      'additional modules without the provider-wide selector',
      (s) => moduleGrant(s, 'vpc', 'aws', { additionalModules: ['eks'] }),
      'test/trust/vpc',
      /additionalModules \(eks\) need allModulesOfProvider: the role binds only "terraform-aws-vpc"/,
      ['ModuleTestGrantOptions.additionalModules'],
    ],
    [
      'two additional modules without the provider-wide selector',
      (s) => moduleGrant(s, 'vpc', 'aws', { additionalModules: ['eks', 'rds'] }),
      'test/trust/vpc',
      /\] additionalModules \(eks, rds\) need allModulesOfProvider: the role binds only "terraform-aws-vpc" and would refuse their test runs; set allModulesOfProvider or make one grant per module$/,
    ],
    [
      'a module test role name with a slash',
      (s) => {
        const { trust, role } = ro(s);
        trust.grantModuleTests('m', { module: 'vpc', moduleProvider: 'aws', aws: role, roleName: 'team/vpc' });
      },
      'test/trust/m',
      /Vault role name "team\/vpc" contains "\/"/,
      ['ModuleTestGrantOptions.roleName'],
    ],
    [
      'a module test grant without credentials',
      (s) => ro(s).trust.grantModuleTests('m', { module: 'vpc', moduleProvider: 'aws' }),
      'test/trust/m',
      /the role grants no credentials/,
      ['ModuleTestGrantOptions.aws', 'ModuleTestGrantOptions.gcp', 'ModuleTestGrantOptions.azure'],
    ],
    [
      'a module test grant built directly with an organization glob',
      (s) => direct(s, { organization: 'acme*' }),
      'test/direct',
      /organization name "acme\*" contains "\*"/,
    ],
    [
      'a module test grant built directly with a Vault address without scheme',
      (s) => direct(s, { vaultAddress: 'vault.example.com' }),
      'test/direct',
      /vaultAddress "vault\.example\.com" is not a URL/,
    ],
    [
      'a module test grant with a Vault address ending in a slash',
      (s) => direct(s, { vaultAddress: 'https://vault.example.com/' }),
      'test/direct',
      /vaultAddress "https:\/\/vault\.example\.com\/" ends with "\/"/,
    ],
    [
      'a module test grant audience with a space',
      (s) => direct(s, { audience: 'my audience' }),
      'test/direct',
      /audience "my audience" must be a literal/,
    ],
    [
      'a module test grant role name prefix with a slash',
      (s) => direct(s, { roleNamePrefix: 'a/b' }),
      'test/direct',
      /Vault role name "a\/b-module-direct" contains "\/"/,
    ],
  ]);
});


describe('module test grant bound by name or by id (name-only-binding)', () => {
  function grantFor(stack: TerraformStack, organizationId?: string): ModuleTestGrant {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', organizationId, vaultAddress: 'https://vault.example.com' });
    const role = trust.addAwsSecretsEngine('aws').addAssumedRole('module-test', { roleArns: [ARN] });
    return trust.grantModuleTests('vpc', { module: 'vpc', moduleProvider: 'aws', aws: role });
  }

  test('without organizationId on the trust the grant warns that it trusts names only, and says the module has no id claim', () => {
    let printed: string[] = [];
    synthWith((stack) => {
      printed = warnings(grantFor(stack));
    });
    expect(printed).toEqual([
      '[name-only-binding] the grant trusts names only (organization "acme", module "terraform-aws-vpc"); an organization that later takes the name ' +
        '"acme" can run tests that obtain these credentials. Set organizationId on the trust to bind terraform_organization_id (test-run tokens carry ' +
        'no module id, so the module stays bound by name)',
    ]);
  });

  test('with organizationId the role binds terraform_organization_id, nothing is printed, and a same-named organization is refused', () => {
    let printed: string[] = [];
    const { json, config } = synthWith((stack) => {
      printed = warnings(grantFor(stack, 'org-AcmeId1'));
    });
    expect(printed).toEqual([]);
    expect(byPath(json, 'vault_jwt_auth_backend_role')['trust/vpc/role'].bound_claims).toEqual({
      sub: 'organization:acme:module:terraform-aws-vpc:operation:test_run',
      terraform_organization_id: 'org-AcmeId1',
    });
    const login = (organizationId: string) =>
      simulateLogin(config, { roleName: 'tfc-module-vpc' }, { ...claims('terraform-aws-vpc'), terraform_organization_id: organizationId }).admitted;
    expect(login('org-AcmeId1')).toBe(true);
    expect(login('org-Other')).toBe(false);
  });
});
