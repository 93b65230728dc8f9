import { TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, VaultBackedDynamicCredentialsProps, WorkspaceSelector } from '../../lib';
import { literalText } from '../../lib/private/terraform-literals';
import { RefusalCase, refusalTable } from '../support/refusals';
import { at, byPath, synthWith } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/runner';
const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';
const SCOPE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/data`;
const PAYLOAD = '${file("/etc/passwd")} %{ if true }x%{ endif }';
const ESCAPED = '$${file("/etc/passwd")} %%{ if true }x%%{ endif }';

function trustWith(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
}

describe('the input boundary: free text is escaped so Terraform reads it literally', () => {
  test('literalText escapes interpolations and directives and leaves references alone', () => {
    expect(literalText(PAYLOAD)).toBe(ESCAPED);
    expect(literalText('plain $ and % and {braces}')).toBe('plain $ and % and {braces}');
    const reference = '${TfToken[TOKEN.42]}';
    expect(literalText(`${reference} then \${x}`)).toBe(`${reference} then $\${x}`);
  });

  test('descriptions of the AWS, GCP and Azure engines and Azure role names, groups and descriptions reach the JSON escaped', () => {
    const { json } = synthWith((stack) => {
      const trust = trustWith(stack);
      trust.addAwsSecretsEngine('aws', { description: PAYLOAD });
      trust.addGcpSecretsEngine('gcp', { description: PAYLOAD });
      const azure = trust.addAzureSecretsEngine('azure', { subscriptionId: SUBSCRIPTION, tenantId: TENANT, description: PAYLOAD });
      const role = azure.addRole('r', { azureRoles: [{ roleName: PAYLOAD, scope: SCOPE }], azureGroups: [PAYLOAD], description: PAYLOAD });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), azure: { plan: role, apply: role } });
    });
    expect(Object.values(byPath(json, 'vault_aws_secret_backend'))[0].description).toBe(ESCAPED);
    expect(Object.values(byPath(json, 'vault_gcp_secret_backend'))[0].description).toBe(ESCAPED);
    expect(Object.values(byPath(json, 'vault_azure_secret_backend'))[0].description).toBe(ESCAPED);
    const azureRole = Object.values(byPath(json, 'vault_azure_secret_backend_role'))[0];
    expect(azureRole.description).toBe(ESCAPED);
    expect(at(azureRole, 'azure_roles', 0, 'role_name')).toBe(ESCAPED);
    expect(at(azureRole, 'azure_groups', 0, 'group_name')).toBe(ESCAPED);
  });
});

/** Names and identifiers outside their grammar: refused, naming the prop and the value. */
const GRAMMAR: RefusalCase[] = [
  ['AWS engine region', (s) => trustWith(s).addAwsSecretsEngine('aws', { region: '${var.x}' }), 'test/trust/aws', /\[test\/trust\/aws\] region "\$\{var\.x\}" is not an AWS region code such as "us-east-1"/, ['AwsSecretsEngineProps.region']],
  [
    'AWS engine identityTokenAudience',
    (s) => trustWith(s).addAwsSecretsEngine('aws', { workloadIdentity: { roleArn: ARN, identityTokenAudience: '%{ if true }x%{ endif }' } }),
    'test/trust/aws',
    /workloadIdentity\.identityTokenAudience "%\{ if true \}x%\{ endif \}" is not an audience/,
  ],
  [
    'assumed_role sessionTags key',
    (s) => trustWith(s).addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN], sessionTags: { '${file("/etc/passwd")}': 'x' } }),
    'test/trust/aws/r',
    /sessionTags key "\$\{file\(\\"\/etc\/passwd\\"\)\}" is not an AWS tag key/, ['AwsAssumedRoleProps.sessionTags'],
  ],
  [
    'assumed_role sessionTags value',
    (s) => trustWith(s).addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN], sessionTags: { team: '${var.x}' } }),
    'test/trust/aws/r',
    /sessionTags value of "team" "\$\{var\.x\}" is not an AWS tag value/,
  ],
  [
    'iam_user iamGroups',
    (s) =>
      trustWith(s).addAwsSecretsEngine('aws').addIamUser('u', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], iamGroups: ['ops', '${var.x}'] }),
    'test/trust/aws/u',
    /iamGroups\[1\] "\$\{var\.x\}" is not an IAM group name/, ['AwsEngineRoleOptions.iamGroups'],
  ],
  [
    'iam_user iamTags key and value',
    (s) => trustWith(s).addAwsSecretsEngine('aws').addIamUser('u', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'], iamTags: { '%{x}': '${y}' } }),
    'test/trust/aws/u',
    /iamTags key "%\{x\}" is not an AWS tag key/, ['AwsIamUserRoleProps.iamTags'],
  ],
  [
    'Azure engine environment',
    (s) => trustWith(s).addAzureSecretsEngine('azure', { subscriptionId: SUBSCRIPTION, tenantId: TENANT, environment: '${var.cloud}' }),
    'test/trust/azure',
    /environment "\$\{var\.cloud\}" is not one of AzurePublicCloud/, ['AzureSecretsEngineProps.environment'],
  ],
  [
    'AWS engine region that is not a string (from JavaScript)',
    (s) => trustWith(s).addAwsSecretsEngine('aws', { region: 42 as unknown as string }),
    'test/trust/aws',
    /\[test\/trust\/aws\] region 42 is not a string; give an AWS region code such as "us-east-1"$/,
  ],
];

/** Structural checks: each message names the prop, the value and the fix. */
const grant = (s: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}, roleName?: string, sharedRunRole?: boolean) => {
  const trust = trustWith(s, props);
  const role = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
  trust.grantWorkspaces('g', {
    project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role }, roleName, sharedRunRole,
  });
};
const STRUCTURAL: RefusalCase[] = [
  ['namespace with a ".." segment', (s) => grant(s, { vaultNamespace: 'acme/../sys' }), 'test/trust/auth', /vaultNamespace "acme\/\.\.\/sys" has a "\.\." segment; .*Write the namespace path without "\." or "\.\." segments/],
  [
    'namespace with a "." segment',
    (s) => grant(s, { vaultNamespace: 'acme/./team' }),
    'test/trust/auth',
    new RegExp(
      'vaultNamespace "acme/\\./team" has a "\\." segment; namespaces are not resolved like file paths, so runs and resources would land in a ' +
        'namespace you did not name\\. Write the namespace path without "\\." or "\\.\\." segments \\(for example "admin/team-a"\\)$',
    ),
  ],
  [
    'namespace ending in a slash',
    (s) => grant(s, { vaultNamespace: 'acme/' }),
    'test/trust/auth',
    new RegExp(
      'vaultNamespace "acme/" is not a Vault namespace path; use segments of letters, digits, "_", "\\." and "-" joined by single "/", with no "/" ' +
        'at either end \\(for example "admin/team-a"\\)$',
    ),
  ],
  ['namespace with a reserved segment', (s) => grant(s, { vaultNamespace: 'acme/sys' }), 'test/trust/auth', /vaultNamespace "acme\/sys" has the segment "sys", a name Vault reserves/],
  ['engine mount under auth/', (s) => trustWith(s).addAwsSecretsEngine('aws', { path: 'auth/token/create' }), 'test/trust/aws', /\[test\/trust\/aws\] mount path "auth\/token\/create" of the AWS secrets engine is under "auth\/", which Vault reserves .* choose a path such as "aws"/],
  ['engine mount under sys/', (s) => trustWith(s).addGcpSecretsEngine('gcp', { path: 'sys' }), 'test/trust/gcp', /mount path "sys" of the GCP secrets engine is under "sys\/", which Vault reserves .* choose a path such as "gcp"$/],
  ['JWT mount at auth/token', (s) => grant(s, { authMountPath: 'token' }), 'test/trust/auth', /mount path "token" would mount the JWT auth method at auth\/token, which Vault's built-in token auth method occupies; choose another path such as "jwt"$/],
  ['hostname with a port', (s) => grant(s, { hostname: 'app.terraform.io:443' }), 'test/trust/auth', /hostname "app\.terraform\.io:443" includes a port; .* Give the bare host "app\.terraform\.io"/],
  ['empty roleName', (s) => grant(s, {}, ''), 'test/trust/g', /\[test\/trust\/g\] roleName "" is empty, so the roles would be named "-plan" and "-apply"; give a base name/],
  [
    'reserved policy name default',
    (s) => grant(s, {}, 'default', true),
    'test/trust/g',
    new RegExp(
      'Vault role name "default" \\(from roleName\\) is reserved: the default policy is attached to every Vault token, so writing it would grant these ' +
        'credentials to every token; set roleName to another name\\. Use letters, digits, "-" and "_" in the id, roleName and roleNamePrefix$',
    ),
  ],
  ['reserved policy name root', (s) => grant(s, {}, 'Root', true), 'test/trust/g', /Vault role name "Root" \(from roleName\) is reserved: Vault refuses to write the root policy/],
];

describe('the input boundary: names outside their grammar and structural mistakes are refused, naming the path, the prop and the fix', () => {
  refusalTable([...GRAMMAR, ...STRUCTURAL]);
});
