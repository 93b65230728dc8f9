import 'cdktf/lib/testing/adapters/jest';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { HcpTerraformJwtAuthMount, VaultBackedDynamicCredentials, VaultBackedDynamicCredentialsProps, WorkspaceSelector } from '../../lib';
import { RefusalCase, refusalTable } from '../support/refusals';
import { synthError, synthWith, vaultProviderOf } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/runner';

function trustWith(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  return new VaultBackedDynamicCredentials(stack, 'trust', {
    organization: 'acme',
    vaultAddress: 'https://vault.example.com',
    ...props,
  });
}

/** A complete, valid grant, with one part replaced by the case under test. */
function grantWith(
  stack: TerraformStack,
  options: { props?: Partial<VaultBackedDynamicCredentialsProps>; project?: string; workspaces?: WorkspaceSelector; roleArns?: string[] } = {},
) {
  const trust = trustWith(stack, options.props);
  const aws = trust.addAwsSecretsEngine('aws');
  const role = aws.addAssumedRole('runner', { roleArns: options.roleArns ?? [ARN] });
  return trust.grantWorkspaces('grant', {
    project: options.project ?? 'Platform',
    workspaces: options.workspaces ?? WorkspaceSelector.names('app'),
    aws: { plan: role, apply: role },
  });
}

/**
 * The facade's validation catalogue: the settings of VaultBackedDynamicCredentials, the basics of a grant made through
 * it, and the checks across the grants of one trust (role names, variable sets, workspaces). Each case is a stack that
 * must not synthesize, the construct path the message must name, and what the message must say (the offending value
 * and the fix). Each construct's own catalogue is in its file: aws-secrets-engine, azure-secrets-engine,
 * gcp-secrets-engine, jwt-auth-mount, workload-role, workspace-grant, configurations, stack-deployment-grant,
 * credential-variable-set (test/constructs), test/clouds/*-identities and test/consumer/consumer.
 */
const CATALOGUE: RefusalCase[] = [
  ['organization missing', (s) => grantWith(s, { props: { organization: '' } }), 'test/trust', /HCP Terraform organization name "" is empty/],
  [
    'organization with *',
    (s) => grantWith(s, { props: { organization: 'acme*' } }),
    'test/trust',
    /"acme\*" contains "\*"/,
    ['RoleTrustSettings.organization'],
  ],
  [
    'organization left out (a JavaScript caller)',
    (s) => grantWith(s, { props: { organization: undefined as unknown as string } }),
    'test/trust',
    /organization is missing; set it to the HCP Terraform organization name that may log in$/,
  ],
  [
    "organization given as a jsii language's null",
    (s) => grantWith(s, { props: { organization: null as unknown as string } }),
    'test/trust',
    /organization is missing; set it to the HCP Terraform organization name that may log in$/,
  ],
  ['organization with ,', (s) => grantWith(s, { props: { organization: 'acme,evil' } }), 'test/trust', /"acme,evil" contains ","/],
  ['organization with :', (s) => grantWith(s, { props: { organization: 'acme:project' } }), 'test/trust', /"acme:project" contains ":"/],
  [
    'organization as a reference',
    (s) => grantWith(s, { props: { organization: new TerraformVariable(s, 'org', {}).stringValue } }),
    'test/trust',
    /organization must be a literal name/,
  ],
  [
    'project name too short',
    (s) => grantWith(s, { project: 'ab' }),
    'test/trust/grant/plan',
    /project name "ab" is 2 characters long/,
    ['WorkspaceGrantOptions.project'],
  ],
  [
    'project name with a glob',
    (s) => grantWith(s, { project: 'Plat*' }),
    'test/trust/grant/plan',
    /project name "Plat\*" contains "\*"/,
    ['WorkloadRoleProps.project'],
  ],
  ['project name with a leading space', (s) => grantWith(s, { project: ' Platform' }), 'test/trust/grant/plan', /starts or ends with a space/],
  [
    'workspace name with a colon',
    (s) => grantWith(s, { workspaces: WorkspaceSelector.names('app:run_phase') }),
    'test/trust/grant/plan',
    /workspace name "app:run_phase" contains ":"/,
    ['WorkloadRoleProps.workspaces'],
  ],
  [
    'workspace name with a comma',
    (s) => grantWith(s, { workspaces: WorkspaceSelector.names('a,b') }),
    'test/trust/grant/plan',
    /workspace name "a,b" contains ","/,
    ['WorkspaceGrantOptions.workspaces'],
  ],
  ['workspace name too long', (s) => grantWith(s, { workspaces: WorkspaceSelector.names('w'.repeat(91)) }), 'test/trust/grant/plan', /is 91 characters long/],
  [
    'no workspaces',
    (s) => grantWith(s, { workspaces: WorkspaceSelector.names() }),
    'test/trust/grant/plan',
    /WorkspaceSelector\.names\(\) was given no workspaces/,
  ],
  [
    'malformed workspace id',
    (s) => grantWith(s, { workspaces: WorkspaceSelector.ids('prj-123') }),
    'test/trust/grant/plan',
    /workspace id "prj-123" is not "ws-"/,
  ],
  [
    'reference passed to names()',
    (s) => grantWith(s, { workspaces: WorkspaceSelector.names(new TerraformVariable(s, 'ws', {}).stringValue) }),
    'test/trust/grant/plan',
    /use WorkspaceSelector\.references\(workspace\)/,
  ],
  [
    'hostname with scheme',
    (s) => grantWith(s, { props: { hostname: 'https://app.terraform.io' } }),
    'test/trust/auth',
    /hostname "https:\/\/app\.terraform\.io" includes a scheme/,
    ['HcpTerraformJwtAuthMountProps.hostname'],
  ],
  [
    'hostname with trailing slash',
    (s) => grantWith(s, { props: { hostname: 'tfe.example.com/' } }),
    'test/trust/auth',
    /ends with "\/"; remove it/,
    ['VaultBackedDynamicCredentialsProps.hostname'],
  ],
  ['hostname upper-case', (s) => grantWith(s, { props: { hostname: 'TFE.example.com' } }), 'test/trust/auth', /not a lower-case DNS name/],
  [
    'auth mount path with leading slash',
    (s) => grantWith(s, { props: { authMountPath: '/jwt' } }),
    'test/trust/auth',
    /starts or ends with "\/"/,
    ['HcpTerraformJwtAuthMountProps.path', 'VaultBackedDynamicCredentialsProps.authMountPath'],
  ],
  [
    'vault address without scheme',
    (s) => grantWith(s, { props: { vaultAddress: 'vault.example.com' } }),
    'test/trust',
    /vaultAddress "vault\.example\.com" is not a URL/,
    ['TrustSettings.vaultAddress'],
  ],
  [
    'vault address with a trailing slash',
    (s) => grantWith(s, { props: { vaultAddress: 'https://vault.example.com:8200/' } }),
    'test/trust',
    /vaultAddress "https:\/\/vault\.example\.com:8200\/" ends with "\/"; .* give it without the slash: "https:\/\/vault\.example\.com:8200"/,
  ],
  [
    'vault address with the API path',
    (s) => grantWith(s, { props: { vaultAddress: 'https://vault.example.com:8200/v1' } }),
    'test/trust',
    /vaultAddress "https:\/\/vault\.example\.com:8200\/v1" has a path \("\/v1"\); Vault clients add "\/v1\/\.\.\." to the address themselves, so give scheme, host and port only: "https:\/\/vault\.example\.com:8200"/,
  ],
  [
    'vault namespace with slashes at the ends',
    (s) => grantWith(s, { props: { vaultNamespace: '/admin/' } }),
    'test/trust/auth',
    /vaultNamespace "\/admin\/" is not a Vault namespace path/,
    ['VaultBackedDynamicCredentialsProps.vaultNamespace'],
  ],
  [
    'audience with a space',
    (s) => grantWith(s, { props: { audience: 'vault audience' } }),
    'test/trust',
    /audience "vault audience" must be a literal/,
    ['RoleTrustSettings.audience'],
  ],
  [
    'user claim absent from workspace tokens',
    (s) => grantWith(s, { props: { userClaim: 'terraform_stack_id' } }),
    'test/trust/grant/plan',
    /userClaim "terraform_stack_id" is not a string claim/,
    ['WorkloadRoleProps.userClaim', 'WorkspaceGrantProps.userClaim', 'VaultBackedDynamicCredentialsProps.userClaim'],
  ],
  [
    'token TTL too short',
    (s) => grantWith(s, { props: { tokenTtlSeconds: 10 } }),
    'test/trust',
    /tokenTtlSeconds is 10; use a whole number of seconds from 60 to 86400/,
    ['RoleTrustSettings.tokenTtlSeconds'],
  ],
  [
    'token TTL above max TTL',
    (s) => grantWith(s, { props: { tokenTtlSeconds: 3600, tokenMaxTtlSeconds: 1800 } }),
    'test/trust',
    /tokenMaxTtlSeconds \(1800\) is below tokenTtlSeconds \(3600\)/,
    ['RoleTrustSettings.tokenMaxTtlSeconds'],
  ],
  [
    'role name prefix with upper case',
    (s) => grantWith(s, { props: { roleNamePrefix: 'TFC' } }),
    'test/trust',
    /roleNamePrefix "TFC" must be/,
    ['TrustSettings.roleNamePrefix'],
  ],
  [
    'role name prefix starting with "_"',
    (s) => grantWith(s, { props: { roleNamePrefix: '_ci' } }),
    'test/trust',
    /roleNamePrefix "_ci" must be 1-32 lower-case letters, digits, "-" or "_"$/,
  ],
  ['role name prefix ending with "."', (s) => grantWith(s, { props: { roleNamePrefix: 'ci.' } }), 'test/trust', /roleNamePrefix "ci\." must be 1-32/],
  ['role name prefix of 33 characters', (s) => grantWith(s, { props: { roleNamePrefix: 'p'.repeat(33) } }), 'test/trust', /roleNamePrefix "p{33}" must be 1-32/],
  [
    'encoded CA given as PEM text',
    (s) => grantWith(s, { props: { vaultEncodedCaCert: '-----BEGIN CERTIFICATE-----' } }),
    'test/trust',
    /vaultEncodedCaCert "-----BEGIN CERTIFICATE-----" must be the base64 encoding/,
    ['TrustSettings.vaultEncodedCaCert'],
  ],
  [
    'client timeout out of range',
    (s) => grantWith(s, { props: { vaultClientTimeoutSeconds: 0 } }),
    'test/trust',
    /vaultClientTimeoutSeconds is 0/,
    ['TrustSettings.vaultClientTimeoutSeconds'],
  ],
  [
    'a trust given an existing JWT mount and mount settings',
    (s) =>
      new VaultBackedDynamicCredentials(s, 'trust', {
        organization: 'acme',
        vaultAddress: 'https://vault.example.com',
        authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt' }),
        hostname: 'tfe.example.com',
        discoveryCaPem: '-----BEGIN CERTIFICATE-----',
      }),
    'test/trust',
    /hostname, discoveryCaPem configure the JWT auth mount this trust creates, but authMount test\/jwt is given; set them on that mount \(or on HcpTerraformJwtAuthMount\.fromMountPath\) and remove them here$/,
    ['VaultBackedDynamicCredentialsProps.authMount'],
  ],
  [
    'a trust given an existing JWT mount whose provider namespace differs',
    (s) =>
      new VaultBackedDynamicCredentials(s, 'trust', {
        organization: 'acme',
        vaultAddress: 'https://vault.example.com',
        vaultProviderNamespace: 'admin',
        authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt' }),
      }),
    'test/trust',
    /authMount test\/jwt sends runs to namespace "" but this trust's vaultProviderNamespace and vaultNamespace give "admin"; give the mount the same vaultProviderNamespace/, ['ImportedHcpTerraformJwtAuthMountProps.vaultProviderNamespace'],
  ],
  [
    'a trust in the root namespace given an existing JWT mount in a namespace',
    (s) =>
      new VaultBackedDynamicCredentials(s, 'trust', {
        organization: 'acme',
        vaultAddress: 'https://vault.example.com',
        authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt', vaultNamespace: 'team-b' }),
      }),
    'test/trust',
    /authMount test\/jwt is in Vault namespace "team-b" but vaultNamespace is ""; roles must live in the mount's namespace, so give both the same namespace$/,
  ],
  [
    'a trust in a namespace given an existing JWT mount in the root namespace',
    (s) =>
      new VaultBackedDynamicCredentials(s, 'trust', {
        organization: 'acme',
        vaultAddress: 'https://vault.example.com',
        vaultNamespace: 'team-a',
        authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt' }),
      }),
    'test/trust',
    /authMount test\/jwt is in Vault namespace "" but vaultNamespace is "team-a"; roles must live in the mount's namespace, so give both the same namespace$/,
  ],
  [
    'a trust below a provider namespace given an existing JWT mount that leaves the provider namespace out',
    (s) => {
      vaultProviderOf(s).namespace = 'admin';
      new VaultBackedDynamicCredentials(s, 'trust', {
        organization: 'acme',
        vaultAddress: 'https://vault.example.com',
        vaultProviderNamespace: 'admin',
        vaultNamespace: 'team-a',
        authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt', vaultNamespace: 'team-a' }),
      });
    },
    'test/trust',
    /authMount test\/jwt sends runs to namespace "team-a" but this trust's vaultProviderNamespace and vaultNamespace give "admin\/team-a"; give the mount the same vaultProviderNamespace$/,
  ],
  [
    'a trust given an existing JWT mount in another namespace',
    (s) =>
      new VaultBackedDynamicCredentials(s, 'trust', {
        organization: 'acme',
        vaultAddress: 'https://vault.example.com',
        vaultNamespace: 'team-a',
        authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt', vaultNamespace: 'team-b' }),
      }),
    'test/trust',
    /authMount test\/jwt is in Vault namespace "team-b" but vaultNamespace is "team-a"/, ['ImportedHcpTerraformJwtAuthMountProps.vaultNamespace'],
  ],
  [
    'two grants producing one Vault role name',
    (s) => {
      const trust = trustWith(s);
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('one', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: r, apply: r }, roleName: 'shared' });
      trust.grantWorkspaces('two', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('b'),
        aws: { plan: r, apply: r },
        roleName: 'shared',
        variableSetName: 'other',
      });
    },
    'test',
    /Vault role "shared-plan" in mount "auth\/jwt" is written by both test\/trust\/one\/plan and test\/trust\/two\/plan; the one applied last would silently replace the other. Give one of them a different roleName/,
  ],
  [
    'two grants with one variable set name',
    (s) => {
      const trust = trustWith(s);
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('one', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: r, apply: r }, variableSetName: 'creds' });
      trust.grantWorkspaces('two', { project: 'Platform', workspaces: WorkspaceSelector.names('b'), aws: { plan: r, apply: r }, variableSetName: 'creds' });
    },
    'test',
    /variable set "creds" of organization "acme" is written by both test\/trust\/one\/variables and test\/trust\/two\/variables; .* Set variableSetName on one of the grants/,
  ],
  [
    'two grants setting different roles on one workspace',
    (s) => {
      const trust = trustWith(s);
      const aws = trust.addAwsSecretsEngine('aws');
      const r = aws.addAssumedRole('r', { roleArns: [ARN] });
      const w = aws.addAssumedRole('w', { roleArns: [ARN] });
      trust.grantWorkspaces('one', { project: 'Platform', workspaces: WorkspaceSelector.names('a', 'b'), aws: { plan: r, apply: r } });
      trust.grantWorkspaces('two', { project: 'Platform', workspaces: WorkspaceSelector.allInProject(), aws: { plan: w, apply: w } });
    },
    'test',
    /grants test\/trust\/one and test\/trust\/two both reach every workspace of project "Platform" and set TFC_VAULT_PLAN_ROLE, TFC_VAULT_APPLY_ROLE, .*TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE differently/,
  ],
  [
    'a Stack grant and a module test grant with one role name',
    (s) => {
      const trust = trustWith(s);
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantStackDeployments('st', {
        project: 'Platform',
        stack: 'network',
        deployments: ['prod'],
        planCredentials: [r],
        applyCredentials: [r],
        roleName: 'shared',
      });
      trust.grantModuleTests('mt', { module: 'vpc', moduleProvider: 'aws', aws: r, roleName: 'shared-plan' });
    },
    'test',
    /Vault role "shared-plan" in mount "auth\/jwt" is written by both test\/trust\/st\/plan and test\/trust\/mt;/,
  ],
  [
    'claim mapping to the reserved key role',
    (s) => grantWith(s, { props: { claimMappings: { terraform_run_id: 'role' } } }),
    'test/trust',
    /claimMappings maps "terraform_run_id" to "role", which Vault reserves/,
    ['RoleTrustSettings.claimMappings'],
  ],
  [
    'claim mapping from a claim workspace tokens lack',
    (s) => grantWith(s, { props: { claimMappings: { terraform_stack_id: 'stack' } } }),
    'test/trust/grant/plan',
    /claimMappings maps "terraform_stack_id", which workspace run tokens do not carry/,
  ],
  [
    'claim mappings with a duplicate target',
    (s) => grantWith(s, { props: { claimMappings: { terraform_run_id: 'x', terraform_workspace_id: 'x' } } }),
    'test/trust',
    /maps both "terraform_run_id" and "terraform_workspace_id" to "x"/,
  ],
  [
    'a provider namespace that the trust does not know about',
    (s) => {
      vaultProviderOf(s).namespace = 'admin';
      grantWith(s);
    },
    'test/trust',
    /the Vault provider test\/vault is configured with namespace "admin" but vaultProviderNamespace is ""; .*Set vaultProviderNamespace to "admin"/,
  ],
  [
    'a declared provider namespace with a provider in the root namespace',
    (s) => grantWith(s, { props: { vaultProviderNamespace: 'admin' } }),
    'test/trust',
    /configured with namespace "" but vaultProviderNamespace is "admin"; Vault resources would land under the provider's namespace while TFC_VAULT_NAMESPACE points elsewhere\. Set vaultProviderNamespace to ""$/,
    ['VaultBackedDynamicCredentialsProps.vaultProviderNamespace'],
  ],
  [
    'a Vault provider whose namespace is a reference',
    (s) => {
      vaultProviderOf(s).namespace = new TerraformVariable(s, 'namespace', { type: 'string' }).stringValue;
      grantWith(s);
    },
    'test/trust',
    /the Vault provider test\/vault takes its namespace from a reference, so the namespace runs log in to cannot be checked; set vaultProviderNamespace and give the provider the same literal$/,
  ],
];

describe('validation catalogue: every case fails synthesis with the construct path, the value and the fix', () => {
  refusalTable(CATALOGUE);

  test('validations run only at synthesis: building the tree with bad input does not throw', () => {
    expect(() => synthWith(() => undefined)).not.toThrow();
    const stack = new TerraformStack(new App(), 'lazy');
    expect(() => grantWith(stack, { props: { organization: 'acme*' } })).not.toThrow();
  });

  test('every problem is reported at once, not only the first', () => {
    const error = synthError((s) => grantWith(s, { props: { organization: 'a*', hostname: 'https://x/' }, project: 'x' }));
    expect(error).toMatch(/organization name "a\*"/);
    expect(error).toMatch(/hostname "https:\/\/x\/"/);
    expect(error).toMatch(/project name "x"/);
  });

  test('a clean configuration synthesizes without any error', () => {
    expect(() => synthWith((s) => grantWith(s))).not.toThrow();
  });
});
