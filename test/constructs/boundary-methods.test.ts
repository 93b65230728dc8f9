/**
 * The input boundary for method parameters (issue 10): names and identifiers passed to public methods are checked
 * against their grammar at synthesis, like struct props, with messages that name the construct, the parameter and the
 * value; each mistake is reported once, where it enters.
 */
import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformVariable } from 'cdktf';
import { DynamicCredentialsConsumer, HcpTerraformLookups, VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { blocksOf, leaf, synthError, synthWith } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/runner';
const TRUST = { organization: 'acme', vaultAddress: 'https://vault.example.com' };
const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';
const INJECTED = '${file("/etc/passwd")}';

/** The lines of a validation error that report a problem (without the header and footer). */
function problemLines(error: string): string[] {
  return error.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('['));
}

describe('shared look-ups called directly', () => {
  test('lookupProject refuses a name outside the project grammar, naming the method, the parameter and the value', () => {
    const error = synthError((stack) => {
      new HcpTerraformLookups(stack, 'lookups', { organization: 'acme' }).lookupProject(INJECTED);
    });
    expect(problemLines(error)).toEqual([
      expect.stringMatching(/^\[test\/lookups\] lookupProject name: HCP Terraform project name "\$\{file\(\\"\/etc\/passwd\\"\)\}" contains "\$"/),
    ]);
  });

  test('lookupWorkspace refuses a workspace name and a project name outside their grammars, each once', () => {
    const error = synthError((stack) => {
      const lookups = new HcpTerraformLookups(stack, 'lookups', { organization: 'acme' });
      lookups.lookupWorkspace('net${var.x}', 'Plat%{ if true }x%{ endif }');
      // The same names again: still one error each.
      lookups.lookupWorkspace('net${var.x}', 'Plat%{ if true }x%{ endif }');
      lookups.lookupProject('Plat%{ if true }x%{ endif }');
    });
    const lines = problemLines(error);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[test\/lookups\] lookupWorkspace name: HCP Terraform workspace name "net\$\{var\.x\}"/);
    expect(lines[1]).toMatch(/^\[test\/lookups\] lookupWorkspace projectName: HCP Terraform project name "Plat%\{ if true \}x%\{ endif \}"/);
  });

  test('valid names and references are looked up as given', () => {
    const { json } = synthWith((stack) => {
      const lookups = new HcpTerraformLookups(stack, 'lookups', { organization: 'acme' });
      const project = new TerraformVariable(stack, 'project', { type: 'string' });
      lookups.lookupWorkspace('network', 'Default Project');
      lookups.lookupProject(project.stringValue);
    });
    const names = blocksOf<{ name: string }>(json, 'data', 'tfe_project').map((p) => p.name).sort();
    expect(names).toEqual(['${var.project}', 'Default Project']);
    expect(blocksOf<{ name: string }>(json, 'data', 'tfe_workspace')[0].name).toBe('network');
  });

  test('a bad project name given to a grant is reported once, by the grant, not again by the shared look-ups', () => {
    const error = synthError((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('g', { project: 'Plat${var.x}', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role } });
    });
    const lines = problemLines(error).filter((l) => l.includes('Plat${var.x}'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/lookup/);
  });
});

describe('consumer provider configurations', () => {
  test('region, project, subscription and tenant outside their grammars are refused, naming method, parameter and value', () => {
    const error = synthError((stack) => {
      const consumer = new DynamicCredentialsConsumer(stack, 'consumer');
      new AwsProvider(stack, 'aws', consumer.aws.providerConfig(INJECTED, 'PROD'));
      new GoogleProvider(stack, 'google', consumer.google.providerConfig('acme-data${var.x}'));
      new AzurermProvider(stack, 'azurerm', consumer.azure.azurermProviderConfig('%{ if true }x%{ endif }', 'tenant', 'PROD'));
      consumer.azure.azureadProviderConfig('tenant', 'PROD');
    });
    expect(problemLines(error)).toEqual([
      expect.stringMatching(/^\[test\/consumer\] aws\.providerConfig region "\$\{file\(\\"\/etc\/passwd\\"\)\}" is not an AWS region code such as "us-east-1"$/),
      expect.stringMatching(/^\[test\/consumer\] google\.providerConfig project "acme-data\$\{var\.x\}" is not a GCP project id/),
      expect.stringMatching(/^\[test\/consumer\] azure\.azurermProviderConfig subscriptionId "%\{ if true \}x%\{ endif \}" is not a GUID/),
      expect.stringMatching(/^\[test\/consumer\] azure\.azurermProviderConfig tenantId "tenant" is not a GUID/),
      expect.stringMatching(/^\[test\/consumer\] azure\.azureadProviderConfig tenantId "tenant" is not a GUID/),
    ]);
  });

  test('one bad tag used by several configurations, or one bad region passed twice, is reported once', () => {
    const error = synthError((stack) => {
      const consumer = new DynamicCredentialsConsumer(stack, 'consumer');
      consumer.vaultProviderConfig('prod-${var.x}');
      consumer.aws.providerConfig('eu-west-1', 'prod-${var.x}');
      consumer.aws.providerConfig('EU', 'SECOND');
      consumer.aws.providerConfig('EU', 'THIRD');
    });
    expect(problemLines(error)).toEqual([
      expect.stringMatching(/^\[test\/consumer\] configuration tag "prod-\$\{var\.x\}" may contain only/),
      expect.stringMatching(/^\[test\/consumer\] aws\.providerConfig region "EU" is not an AWS region code/),
    ]);
  });

  test('valid literals, domain-scoped GCP projects and references pass unchanged', () => {
    const { json } = synthWith((stack) => {
      const consumer = new DynamicCredentialsConsumer(stack, 'consumer');
      const region = new TerraformVariable(stack, 'region', { type: 'string' });
      new AwsProvider(stack, 'aws', consumer.aws.providerConfig(region.stringValue, 'PROD'));
      new AwsProvider(stack, 'aws-gov', consumer.aws.providerConfig('us-gov-west-1', 'GOV'));
      new GoogleProvider(stack, 'google', consumer.google.providerConfig('example.com:acme-data'));
      new AzurermProvider(stack, 'azurerm', consumer.azure.azurermProviderConfig(SUBSCRIPTION, TENANT, 'PROD'));
    });
    expect(leaf<Array<{ region: string }>>(json.provider.aws).map((p) => p.region).sort()).toEqual(['${var.region}', 'us-gov-west-1']);
    expect(json.provider.google[0].project).toBe('example.com:acme-data');
    expect(json.provider.azurerm[0]).toMatchObject({ subscription_id: SUBSCRIPTION, tenant_id: TENANT });
  });
});

describe('GCP binding resources', () => {
  test('a full resource name with an interpolation after a valid start is refused', () => {
    const error = synthError((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      trust.addGcpSecretsEngine('gcp').addRoleset('rs', {
        project: 'acme-data',
        tokenScopes: ['https://www.googleapis.com/auth/cloud-platform'],
        bindings: [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data${var.x}', roles: ['roles/viewer'] }],
      });
    });
    expect(problemLines(error)).toEqual([
      expect.stringMatching(/^\[test\/trust\/gcp\/rs\] .*binding 0 resource "\/\/cloudresourcemanager\.googleapis\.com\/projects\/acme-data\$\{var\.x\}" is not a full resource name/),
    ]);
  });
});

describe('construct ids that become names', () => {
  test('an engine role id outside the Vault name grammar is reported once, by the engine role, not again by the policies that read it', () => {
    const error = synthError((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('r${var.x}', { roleArns: [ARN] });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role } });
    });
    expect(problemLines(error)).toEqual([
      expect.stringMatching(/^\[test\/trust\/aws\/r\$\{var\.x\}\] Vault role name "r\$\{var\.x\}" contains "\$"/),
    ]);
  });

  test('a grant id outside the grammar is reported for each role it names, not again for the policy named after the role', () => {
    const error = synthError((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantModuleTests('m${var.x}', { module: 'terraform-aws-vpc', moduleProvider: 'aws', aws: role });
    });
    expect(problemLines(error)).toEqual([
      expect.stringMatching(/^\[test\/trust\/m\$\{var\.x\}\] Vault role name "tfc-module-m\$\{var\.x\}" contains "\$"/),
    ]);
  });
});

describe('a grant id or roleName that cannot name the grant: one error, at the grant', () => {
  const grantWith = (id: string, extra: { roleName?: string; variableSetName?: string } = {}) =>
    synthError((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces(id, { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role }, ...extra });
    });

  test('a grant id with a slash: plan role, apply role and variable set would each refuse it; the grant reports it once', () => {
    expect(problemLines(grantWith('team/app'))).toEqual([
      expect.stringMatching(/^\[test\/trust\/team--app\] the role name derived from roleNamePrefix and grant id "team\/app" cannot name the grant's Vault roles: Vault role name "tfc-team\/app-plan" contains "\/"/),
    ]);
  });

  test('a roleName with a slash is reported once, naming roleName', () => {
    expect(problemLines(grantWith('g', { roleName: 'team/app' }))).toEqual([
      expect.stringMatching(/^\[test\/trust\/g\] roleName "team\/app" cannot name the grant's Vault roles: Vault role name "team\/app-plan" contains "\/"/),
    ]);
  });

  test('a roleName short enough for the plan role but one character too long for the apply role is still refused, naming the apply role', () => {
    const base = 'r'.repeat(123); // "<base>-plan" is 128 characters, the limit; "<base>-apply" is 129
    expect(problemLines(grantWith('g', { roleName: base }))).toEqual([
      `[test/trust/g] roleName "${base}" cannot name the grant's Vault roles: Vault role name "${base}-apply" is 129 characters long; a Vault role name ` +
        'is 1 to 128 characters of ASCII letters, digits, "_", "." and "-", so shorten it. Use letters, digits, "-" and "_" in the id, roleName and ' +
        'roleNamePrefix',
    ]);
  });

  test('an id long enough for the role names but not for the variable set name: the grant names the id and the fix', () => {
    const id = 'n'.repeat(116); // "tfc-<id>-apply" is 126 characters, "vault-backed-<id>" 129 (the limit is 128)
    expect(problemLines(grantWith(id))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^\\[test/trust/${id}\\] grant id "${id}" cannot name the grant's variable set: ` +
            `variable set name "vault-backed-${id}" must be .* set variableSetName$`,
        ),
      ),
    ]);
  });

  test('a Stack grant id with a slash: one error at the grant, not one per role', () => {
    const error = synthError((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', TRUST);
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      const credentials = { planCredentials: [role], applyCredentials: [role] };
      trust.grantStackDeployments('net/work', { project: 'Platform', stack: 'network', deployments: ['prod'], ...credentials });
    });
    expect(problemLines(error)).toEqual([
      expect.stringMatching(/^\[test\/trust\/net--work\] the role name derived from roleNamePrefix and grant id "net\/work" cannot name the Stack's Vault roles: Vault role name "tfc-stack-net\/work-plan" contains "\/"/),
    ]);
  });
});
