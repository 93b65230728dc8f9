import 'cdktf/lib/testing/adapters/jest';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import {
  AwsRunRole,
  AwsSecretsEngine,
  AwsSecretsEngineUser,
  AzureEngineRoleProps,
  AzureSecretsEngine,
  AzureSecretsEngineProps,
  WorkspaceGrant,
  WorkspaceGrantProps,
  CredentialVariableSet,
  CredentialVariableSetProps,
  DynamicCredentialsConsumer,
  GcpBinding,
  GcpSecretsEngine,
  HcpTerraformJwtAuthMount,
  RunPhase,
  StackDeploymentGrant,
  StackDeploymentGrantProps,
  VaultBackedDynamicCredentials,
  VaultBackedDynamicCredentialsProps,
  WorkloadRole,
  WorkloadRoleProps,
  WorkspaceSelector,
} from '../../lib';
import { synthError } from '../support/synth';

/**
 * More of the validation catalogue (see validation.test.ts): the props whose checks had no test of their own. Each
 * case feeds one bad value to one prop; the message must name the construct path, the value and the fix.
 * test/validation-coverage.ts maps every public prop to a case here or elsewhere, or says why it is free-form.
 */

const ARN = 'arn:aws:iam::123456789012:role/runner';
const OTHER_ARN = 'arn:aws:iam::123456789012:role/elsewhere';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const VAULT_USER = 'arn:aws:iam::123456789012:user/vault';
const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';
const CLIENT = '33333333-3333-4333-8333-333333333333';
const GROUP_SCOPE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/data`;
const READER: AzureEngineRoleProps = { azureRoles: [{ roleName: 'Reader', scope: GROUP_SCOPE }] };
const ENGINE: AzureSecretsEngineProps = { subscriptionId: SUBSCRIPTION, tenantId: TENANT };
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const PROJECT_RESOURCE = '//cloudresourcemanager.googleapis.com/projects/acme-data';
const VIEWER: GcpBinding[] = [{ resource: PROJECT_RESOURCE, roles: ['roles/viewer'] }];
const SA_EMAIL = 'deployer@acme-data.iam.gserviceaccount.com';

function trustWith(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
}

/** A trust with one assumed_role engine role, and a grant `g` of it with `options` merged in. */
function awsGrant(stack: TerraformStack, options: Record<string, unknown> = {}, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  const trust = trustWith(stack, props);
  const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
  return trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: r, apply: r }, ...options });
}

/** A grant whose roles read from an engine in `namespace` while the trust (and its JWT mount) is in "admin". */
function grantAcrossNamespaces(stack: TerraformStack, cloud: 'gcp' | 'azure', namespace: string) {
  const trust = trustWith(stack, { vaultNamespace: 'admin' });
  const base = { project: 'Platform', workspaces: WorkspaceSelector.names('app') };
  if (cloud === 'gcp') {
    const r = trust.addGcpSecretsEngine('gcp', { vaultNamespace: namespace }).addRoleset('r', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
    trust.grantWorkspaces('g', { ...base, gcp: { plan: r, apply: r } });
  } else {
    const r = trust.addAzureSecretsEngine('azure', { ...ENGINE, vaultNamespace: namespace }).addRole('r', READER);
    trust.grantWorkspaces('g', { ...base, azure: { plan: r, apply: r } });
  }
}

/** A workload role built directly, with one prop replaced. */
function workloadRole(stack: TerraformStack, props: Partial<WorkloadRoleProps> = {}) {
  const r = new AwsSecretsEngine(stack, 'aws').addAssumedRole('r', { roleArns: [ARN] });
  return new WorkloadRole(stack, 'role', {
    authMount: new HcpTerraformJwtAuthMount(stack, 'jwt'),
    organization: 'acme',
    project: 'Platform',
    workspaces: WorkspaceSelector.names('app'),
    runPhases: [RunPhase.PLAN],
    credentials: [r],
    roleName: 'tfc-app-plan',
    ...props,
  });
}

/** A credential grant built directly (not through the facade), with one prop replaced. */
function directGrant(stack: TerraformStack, props: Partial<WorkspaceGrantProps> = {}) {
  const r = new AwsSecretsEngine(stack, 'aws').addAssumedRole('r', { roleArns: [ARN] });
  return new WorkspaceGrant(stack, 'g', {
    organization: 'acme',
    authMount: new HcpTerraformJwtAuthMount(stack, 'jwt'),
    vaultAddress: 'https://vault.example.com',
    project: 'Platform',
    workspaces: WorkspaceSelector.names('app'),
    aws: { plan: r, apply: r },
    ...props,
  });
}

/** A Stacks grant built directly (not through the facade), with one prop replaced. */
function directStackGrant(stack: TerraformStack, props: Partial<StackDeploymentGrantProps> = {}) {
  const r = new AwsSecretsEngine(stack, 'aws').addAssumedRole('r', { roleArns: [ARN] });
  return new StackDeploymentGrant(stack, 'sg', {
    organization: 'acme',
    authMount: new HcpTerraformJwtAuthMount(stack, 'jwt'),
    vaultAddress: 'https://vault.example.com',
    project: 'Platform',
    stack: 'network',
    deployments: ['prod'],
    planCredentials: [r],
    applyCredentials: [r],
    ...props,
  });
}

/** A Stacks grant made through the facade, with one option replaced. */
function facadeStackGrant(stack: TerraformStack, options: Record<string, unknown> = {}) {
  const trust = trustWith(stack);
  const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
  return trust.grantStackDeployments('net', { project: 'Platform', stack: 'network', deployments: ['prod'], planCredentials: [r], applyCredentials: [r], ...options });
}

/** A variable set built directly, with one prop replaced. */
function variableSet(stack: TerraformStack, props: Partial<CredentialVariableSetProps> = {}) {
  return new CredentialVariableSet(stack, 'vars', {
    organization: 'acme',
    name: 'creds',
    project: 'Platform',
    workspaces: WorkspaceSelector.names('app'),
    variables: [{ key: 'TFC_VAULT_PROVIDER_AUTH', value: 'true' }],
    ...props,
  });
}

/** `build` in a stack that also configures the AWS provider, for the cloud-side AWS constructs. */
function withAws(build: (stack: TerraformStack) => void): (stack: TerraformStack) => void {
  return (stack) => {
    new AwsProvider(stack, 'aws-provider', { region: 'eu-west-1' });
    build(stack);
  };
}

type Case = [title: string, build: (stack: TerraformStack) => void, path: string, message: RegExp];

const CATALOGUE: Case[] = [
  // AWS engine roles
  ['maxStsTtl above the assumed_role limit', (s) => new AwsSecretsEngine(s, 'aws').addAssumedRole('r', { roleArns: [ARN], maxStsTtl: 50000 }), 'test/aws/r', /maxStsTtl is 50000; use a whole number of seconds from 900 to 43200/],
  ['federation_token defaultStsTtl above 129600', (s) => new AwsSecretsEngine(s, 'aws').addFederationToken('f', { policyArns: [READ_ONLY], defaultStsTtl: 200000 }), 'test/aws/f', /defaultStsTtl is 200000; use a whole number of seconds from 900 to 129600/],
  ['federation_token maxStsTtl below 900', (s) => new AwsSecretsEngine(s, 'aws').addFederationToken('f', { policyArns: [READ_ONLY], maxStsTtl: 60 }), 'test/aws/f', /maxStsTtl is 60; use a whole number of seconds from 900 to 129600/],
  ['engine role policy ARN that is not a policy ARN', (s) => new AwsSecretsEngine(s, 'aws').addIamUser('u', { policyArns: ['ReadOnlyAccess'] }), 'test/aws/u', /policy ARN "ReadOnlyAccess" is not an IAM policy ARN \(arn:aws:iam::<account or "aws">:policy\/<name>\)/],
  ['assumed_role external id with a space', (s) => new AwsSecretsEngine(s, 'aws').addAssumedRole('r', { roleArns: [ARN], externalId: 'a b' }), 'test/aws/r', /externalId "a b" must be 2-1224 letters, digits and/],
  ['iam_user permissions boundary that is not a policy ARN', (s) => new AwsSecretsEngine(s, 'aws').addIamUser('u', { policyArns: [READ_ONLY], permissionsBoundaryArn: 'boundary' }), 'test/aws/u', /permissionsBoundaryArn "boundary" is not an IAM policy ARN/],
  ['iam_user path without slashes', (s) => new AwsSecretsEngine(s, 'aws').addIamUser('u', { policyArns: [READ_ONLY], userPath: 'vault' }), 'test/aws/u', /userPath "vault" is not an IAM path; it must start and end with "\/"/],
  [
    'a federation_token role on an engine with workload identity',
    (s) =>
      new AwsSecretsEngine(s, 'aws', { workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'arn:aws:iam::123456789012:role/vault' } }).addFederationToken('f', {
        policyArns: [READ_ONLY],
      }),
    'test/aws/f',
    /federation token role "f" cannot work on an engine that uses workloadIdentity: Vault then holds role credentials, and AWS refuses sts:GetFederationToken to role credentials\. Use addAssumedRole/,
  ],

  // AWS engine mount
  ['AWS mount path with a trailing slash', (s) => new AwsSecretsEngine(s, 'aws', { path: 'aws/' }), 'test/aws', /Vault mount path "aws\/" starts or ends with "\/"/],
  ['existing AWS mount path with a space', (s) => AwsSecretsEngine.fromMountPath(s, 'aws', { mountPath: 'aws prod' }), 'test/aws', /Vault mount path "aws prod" contains " ", which is not allowed/],
  ['AWS lease TTL of zero', (s) => new AwsSecretsEngine(s, 'aws', { defaultLeaseTtlSeconds: 0 }), 'test/aws', /defaultLeaseTtlSeconds is 0; use a whole number of seconds from 1 to 31536000/],
  ['AWS maximum lease TTL that is not a whole number', (s) => new AwsSecretsEngine(s, 'aws', { maxLeaseTtlSeconds: 1.5 }), 'test/aws', /maxLeaseTtlSeconds is 1\.5; use a whole number of seconds/],
  [
    'AWS workload identity role ARN that is not a role ARN',
    (s) => new AwsSecretsEngine(s, 'aws', { workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'vault' } }),
    'test/aws',
    /workloadIdentity\.roleArn "vault" is not an IAM role ARN/,
  ],
  [
    'AWS workload identity with an empty audience',
    (s) => new AwsSecretsEngine(s, 'aws', { workloadIdentity: { identityTokenAudience: '', roleArn: ARN } }),
    'test/aws',
    /workloadIdentity\.identityTokenAudience "" is empty; use the audience of the IAM OIDC provider/,
  ],
  [
    'AWS workload identity token TTL of zero',
    (s) => new AwsSecretsEngine(s, 'aws', { workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: ARN, identityTokenTtl: 0 } }),
    'test/aws',
    /workloadIdentity\.identityTokenTtl is 0; use a whole number of seconds from 1 to 86400/,
  ],

  // AWS grants
  ['applyRoleArn not among the role ARNs', (s) => {
    const trust = trustWith(s);
    const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
    trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: r, apply: r, applyRoleArn: OTHER_ARN } });
  }, 'test/trust/g', /applyRoleArn "arn:aws:iam::123456789012:role\/elsewhere" is not one of the roleArns of engine role "r"/],
  [
    'tagged AWS configuration mixing credential types',
    (s) => {
      const trust = trustWith(s);
      const aws = trust.addAwsSecretsEngine('aws');
      const ro = aws.addAssumedRole('ro', { roleArns: [ARN] });
      const rw = aws.addIamUser('rw', { policyArns: [READ_ONLY] });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: ro, apply: ro }, additionalConfigurations: [{ tag: 'B', aws: { plan: ro, apply: rw, sleepSeconds: 10 } }] });
    },
    'test/trust/g',
    /configuration B: plan role "ro" issues assumed_role but apply role "rw" issues iam_user/,
  ],
  [
    'tagged GCP configuration across two engines',
    (s) => {
      const trust = trustWith(s);
      const a = trust.addGcpSecretsEngine('a', { path: 'gcp-a' }).addRoleset('r', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      const b = trust.addGcpSecretsEngine('b', { path: 'gcp-b' }).addRoleset('r', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), gcp: { plan: a, apply: a }, additionalConfigurations: [{ tag: 'B', gcp: { plan: a, apply: b } }] });
    },
    'test/trust/g',
    /configuration B: GCP plan role "r" is in mount "gcp-a" but apply role "r" is in mount "gcp-b"/,
  ],
  [
    'tagged Azure configuration with a sleep above 1500',
    (s) => {
      const trust = trustWith(s);
      const r = trust.addAzureSecretsEngine('azure', ENGINE).addRole('r', READER);
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), azure: { plan: r, apply: r }, additionalConfigurations: [{ tag: 'B', azure: { plan: r, apply: r, sleepSeconds: 1501 } }] });
    },
    'test/trust/g',
    /configuration B: Azure sleep seconds 1501 must be a whole number from 0 to 1500/,
  ],
  ['grant role name with a slash', (s) => awsGrant(s, { roleName: 'team/app' }), 'test/trust/g', /Vault role name "team\/app-plan" contains "\/", which is not allowed/],
  ['variable set name with a slash', (s) => awsGrant(s, { variableSetName: 'a/b' }), 'test/trust/g/variables', /variable set name "a\/b" must be 1-128 letters, digits, spaces or/],
  ['workspace reference with a malformed id', (s) => awsGrant(s, { workspaces: WorkspaceSelector.references({ name: 'app', id: 'prj-1' }) }), 'test/trust/g/plan', /workspace id "prj-1" is not "ws-" followed by letters and digits/],
  ['workspace reference with a glob in its name', (s) => awsGrant(s, { workspaces: WorkspaceSelector.references({ name: 'app*', id: 'ws-abc' }) }), 'test/trust/g/plan', /workspace name "app\*" contains "\*"/],
  ['credential grant built directly with an organization glob', (s) => directGrant(s, { organization: 'acme*' }), 'test/g/plan', /organization name "acme\*" contains "\*"/],
  ['credential grant built directly with a role name prefix holding a slash', (s) => directGrant(s, { roleNamePrefix: 'a/b' }), 'test/g', /Vault role name "a\/b-g-plan" contains "\/"/],

  // Azure
  ['Azure role name with a slash', (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { ...READER, name: 'a/b' }), 'test/azure/r', /Vault role name "a\/b" contains "\/"/],
  ['Azure maxTtl that is not a Vault duration', (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { ...READER, maxTtl: '2 hours' }), 'test/azure/r', /Azure role "r" maxTtl "2 hours" is not a Vault duration; use a literal such as "1h"/],
  ['empty Azure group name', (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { azureGroups: [' '] }), 'test/azure/r', /Azure role "r" azureGroups\[0\] is empty; give the display name of a Microsoft Entra group/],
  [
    'Azure roleId that is not a role definition id',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { azureRoles: [{ scope: GROUP_SCOPE, roleId: 'Reader' }] }),
    'test/azure/r',
    /azureRoles\[0\] roleId "Reader" is not a role definition id/,
  ],
  ['Azure tenant id that is not a GUID', (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, tenantId: 'acme' }), 'test/azure', /tenantId "acme" is not a GUID/],
  [
    'Azure client id that is not a GUID',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, clientCredentials: { clientId: 'vault', clientSecret: new TerraformVariable(s, 'secret', { sensitive: true }) } }),
    'test/azure',
    /client id "vault" is not a GUID; use the application \(client\) id/,
  ],
  [
    'Azure workload identity client id that is not a GUID',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, workloadIdentity: { clientId: 'vault', identityTokenAudience: 'api://AzureADTokenExchange' } }),
    'test/azure',
    /client id "vault" is not a GUID; use the application \(client\) id/,
  ],
  [
    'Azure workload identity with an empty audience',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, workloadIdentity: { clientId: CLIENT, identityTokenAudience: ' ' } }),
    'test/azure',
    /workloadIdentity\.identityTokenAudience " " is empty; use the audience of the federated credential/,
  ],
  [
    'Azure workload identity token TTL above a day',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, workloadIdentity: { clientId: CLIENT, identityTokenAudience: 'api://AzureADTokenExchange', identityTokenTtl: 90000 } }),
    'test/azure',
    /workloadIdentity\.identityTokenTtl is 90000; use a whole number of seconds from 1 to 86400/,
  ],
  ['Azure mount path with a double slash', (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, path: 'azure//prod' }), 'test/azure', /Vault mount path "azure\/\/prod" contains "\/\/", an empty segment/],
  ['existing Azure mount path with a leading slash', (s) => AzureSecretsEngine.fromMountPath(s, 'azure', { mountPath: '/azure', subscriptionId: ENGINE.subscriptionId, tenantId: ENGINE.tenantId }), 'test/azure', /Vault mount path "\/azure" starts or ends with "\/"/],
  ['negative Azure lease TTL', (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, defaultLeaseTtlSeconds: -1 }), 'test/azure', /defaultLeaseTtlSeconds is -1; use a whole number of seconds from 1 to 31536000/],
  ['Azure maximum lease TTL above a year', (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, maxLeaseTtlSeconds: 40000000 }), 'test/azure', /maxLeaseTtlSeconds is 40000000; use a whole number of seconds from 1 to 31536000/],
  ['Azure engine in another namespace than the JWT mount', (s) => grantAcrossNamespaces(s, 'azure', 'admin/other'), 'test/trust/g/plan', /secrets-engine role "r" is in namespace "admin\/other" but the JWT auth mount is in "admin"/],

  // GCP
  ['GCP mount path with a dot-dot segment', (s) => new GcpSecretsEngine(s, 'gcp', { path: 'gcp/..' }), 'test/gcp', /Vault mount path "gcp\/\.\." has the segment "\.\.", which Vault would treat as a relative path/],
  ['GCP lease TTL of zero', (s) => new GcpSecretsEngine(s, 'gcp', { defaultLeaseTtlSeconds: 0 }), 'test/gcp', /defaultLeaseTtlSeconds is 0; use a whole number of seconds from 1 to 31536000/],
  ['GCP maximum lease TTL below the default', (s) => new GcpSecretsEngine(s, 'gcp', { defaultLeaseTtlSeconds: 7200, maxLeaseTtlSeconds: 3600 }), 'test/gcp', /defaultLeaseTtlSeconds \(7200\) exceeds maxLeaseTtlSeconds \(3600\); lower the default or raise the maximum/],
  [
    'GCP workload identity with an empty audience',
    (s) => new GcpSecretsEngine(s, 'gcp', { workloadIdentity: { identityTokenAudience: ' ', serviceAccountEmail: SA_EMAIL } }),
    'test/gcp',
    /workloadIdentity\.identityTokenAudience is empty; use an audience your Workload Identity Pool provider accepts/,
  ],
  [
    'GCP workload identity token TTL of zero',
    (s) => new GcpSecretsEngine(s, 'gcp', { workloadIdentity: { identityTokenAudience: 'aud', serviceAccountEmail: SA_EMAIL, identityTokenTtl: 0 } }),
    'test/gcp',
    /workloadIdentity\.identityTokenTtl is 0; use a whole number of seconds from 1 to 86400/,
  ],
  [
    'GCP write-only credentials and a credentials variable at once',
    (s) => new GcpSecretsEngine(s, 'gcp', {
      credentials: new TerraformVariable(s, 'gcp_key', { type: 'string', sensitive: true }),
      writeOnlyCredentials: { credentialsJson: new TerraformVariable(s, 'gcp_key_wo', { type: 'string', sensitive: true }).stringValue },
    }),
    'test/gcp',
    /credentials and writeOnlyCredentials are mutually exclusive/,
  ],
  ['GCP engine in another namespace than the JWT mount', (s) => grantAcrossNamespaces(s, 'gcp', 'admin/other'), 'test/trust/g/plan', /secrets-engine role "r" is in namespace "admin\/other" but the JWT auth mount is in "admin"/],
  [
    'static account binding without roles',
    (s) => new GcpSecretsEngine(s, 'gcp').addStaticAccount('sa', { serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE], bindings: [{ resource: PROJECT_RESOURCE, roles: [] }] }),
    'test/gcp/sa',
    /static account "sa" binding 0 \("\/\/cloudresourcemanager\.googleapis\.com\/projects\/acme-data"\) grants no roles/,
  ],

  // JWT auth mount
  ['discovery CA that is not PEM', (s) => new HcpTerraformJwtAuthMount(s, 'jwt', { discoveryCaPem: 'ca.pem' }), 'test/jwt', /discoveryCaPem "ca\.pem" does not contain a PEM certificate \("-----BEGIN CERTIFICATE-----"\); pass the PEM text/],
  ['facade discovery CA that is not PEM', (s) => awsGrant(s, {}, { discoveryCaPem: 'ca.pem' }), 'test/trust/auth', /discoveryCaPem "ca\.pem" does not contain a PEM certificate/],
  ['existing JWT mount path with a trailing slash', (s) => HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt/' }), 'test/jwt', /Vault mount path "jwt\/" starts or ends with "\/"/],
  ['facade given an existing auth mount whose path has a space', (s) => awsGrant(s, {}, { authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt prod' }) }), 'test/jwt', /Vault mount path "jwt prod" contains " ", which is not allowed/],
  ['JWT mount namespace with a trailing slash', (s) => new HcpTerraformJwtAuthMount(s, 'jwt', { vaultNamespace: 'admin/' }), 'test/jwt', /JWT auth mount vaultNamespace "admin\/" is not a Vault namespace path; use segments of letters/],
  ['JWT mount provider namespace with a space', (s) => new HcpTerraformJwtAuthMount(s, 'jwt', { vaultProviderNamespace: 'my ns' }), 'test/jwt', /JWT auth mount vaultProviderNamespace "my ns" is not a Vault namespace path/],

  // Workload roles built directly
  ['workload role without run phases', (s) => workloadRole(s, { runPhases: [] }), 'test/role', /runPhases is empty; give RunPhase\.PLAN, RunPhase\.APPLY or both/],
  ['workload role without credentials', (s) => workloadRole(s, { credentials: [] }), 'test/role', /the role grants no credentials; add at least one secrets-engine role/],
  ['workload role policy name with a space', (s) => workloadRole(s, { policyName: 'my policy' }), 'test/role', /Vault policy name "my policy" contains " ", which is not allowed/],
  ['workload role name with a slash', (s) => workloadRole(s, { roleName: 'team/app' }), 'test/role', /Vault role name "team\/app" contains "\/", which is not allowed/],
  ['workload role organization with a glob', (s) => workloadRole(s, { organization: 'acme*' }), 'test/role', /organization name "acme\*" contains "\*"/],

  // Variable sets built directly
  ['variable set with an invalid environment variable name', (s) => variableSet(s, { variables: [{ key: '1BAD', value: 'x' }] }), 'test/vars', /environment variable key "1BAD" is not a valid name/],
  ['variable set with a multi-line value', (s) => variableSet(s, { variables: [{ key: 'A', value: 'a\nb' }] }), 'test/vars', /the value "a\\nb" of A contains a line break or NUL; environment variable values must be one line/],
  ['variable set with a key set twice', (s) => variableSet(s, { variables: [{ key: 'A', value: 'a' }, { key: 'A', value: 'b' }] }), 'test/vars', /environment variable A is set twice in one variable set/],
  ['variable set with an organization glob', (s) => variableSet(s, { organization: 'acme*' }), 'test/vars', /organization name "acme\*" contains "\*"/],
  ['variable set with a project name too short', (s) => variableSet(s, { project: 'ab' }), 'test/vars', /project name "ab" is 2 characters long/],
  ['variable set for a workspace name with a comma', (s) => variableSet(s, { workspaces: WorkspaceSelector.names('a,b') }), 'test/vars', /workspace name "a,b" contains ","/],

  // Stacks
  ['Stack name with a colon', (s) => facadeStackGrant(s, { stack: 'net:work' }), 'test/trust/net', /Stack name "net:work" contains ":"/],
  ['Stack project name with a glob', (s) => facadeStackGrant(s, { project: 'Plat*' }), 'test/trust/net', /project name "Plat\*" contains "\*"/],
  ['Stack grant without plan credentials', (s) => facadeStackGrant(s, { planCredentials: [] }), 'test/trust/net/plan', /the role grants no credentials/],
  ['Stack grant without apply credentials', (s) => facadeStackGrant(s, { applyCredentials: [] }), 'test/trust/net/apply', /the role grants no credentials/],
  ['Stack role name with a slash', (s) => facadeStackGrant(s, { roleName: 'a/b' }), 'test/trust/net', /Vault role name "a\/b-plan" contains "\/"/],
  ['Stack grant built directly with an organization glob', (s) => directStackGrant(s, { organization: 'acme*' }), 'test/sg', /organization name "acme\*" contains "\*"/],
  ['Stack grant built directly with a Vault address without scheme', (s) => directStackGrant(s, { vaultAddress: 'vault.example.com' }), 'test/sg', /vaultAddress "vault\.example\.com" is not a URL such as "https:\/\/vault\.example\.com:8200"/],
  ['Stack grant provider namespace with a trailing slash', (s) => directStackGrant(s, { runNamespace: 'admin/' }), 'test/sg', /runNamespace "admin\/" is not a Vault namespace path/],
  ['Stack grant role name prefix with a slash', (s) => directStackGrant(s, { roleNamePrefix: 'a/b' }), 'test/sg', /Vault role name "a\/b-stack-sg-plan" contains "\/"/],
  ['Stack grant audience with a space', (s) => directStackGrant(s, { audience: 'my aud' }), 'test/sg/plan', /audience "my aud" must be a literal of letters, digits and/],
  ['Stack grant token TTL above a day', (s) => directStackGrant(s, { tokenTtl: 100000 }), 'test/sg/plan', /tokenTtl is 100000; use a whole number of seconds from 60 to 86400/],
  ['Stack grant token max TTL below the TTL', (s) => directStackGrant(s, { tokenTtl: 3600, tokenMaxTtl: 1800 }), 'test/sg/plan', /tokenMaxTtl \(1800\) is below tokenTtl \(3600\)/],

  // Consumer
  ['Google consumer tag that is reserved', (s) => new DynamicCredentialsConsumer(s, 'creds').googleProviderConfig('acme-data', { tag: 'TYPE' }), 'test/creds', /configuration tag "TYPE" is reserved by HCP Terraform/],

  // Cloud-side identities
  ['run role name with a space', withAws((s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: VAULT_USER, managedPolicyArns: [READ_ONLY], roleName: 'my role' })), 'test/run', /roleName "my role" is not an IAM role name/],
  ['run role path without a trailing slash', withAws((s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: VAULT_USER, managedPolicyArns: [READ_ONLY], path: '/vault' })), 'test/run', /path "\/vault" is not an IAM path; it must start and end with "\/"/],
  [
    'run role permissions boundary that is not a policy ARN',
    withAws((s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: VAULT_USER, managedPolicyArns: [READ_ONLY], permissionsBoundaryArn: 'boundary' })),
    'test/run',
    /permissionsBoundaryArn "boundary" is not an IAM policy ARN/,
  ],
  ['engine user path without slashes', withAws((s) => new AwsSecretsEngineUser(s, 'u', { path: 'vault' })), 'test/u', /path "vault" is not an IAM path; it must start and end with "\/"/],
  ['engine user permissions boundary that is not a policy ARN', withAws((s) => new AwsSecretsEngineUser(s, 'u', { permissionsBoundaryArn: 'boundary' })), 'test/u', /permissionsBoundaryArn "boundary" is not an IAM policy ARN/],
];

describe('validation catalogue, continued: every case fails synthesis with the construct path, the value and the fix', () => {
  test('case titles are unique', () => {
    const titles = CATALOGUE.map(([title]) => title);
    expect(titles.filter((title, index) => titles.indexOf(title) !== index)).toEqual([]);
  });

  test.each(CATALOGUE)('%s', (_title, build, path, message) => {
    const error = synthError(build);
    expect(error).toMatch(/^Validation failed with the following errors:/);
    const line = error.split('\n').find((l) => message.test(l));
    expect({ found: line !== undefined, error }).toMatchObject({ found: true });
    expect(line!.trim().startsWith(`[${path}]`)).toBe(true);
  });
});

describe('Stacks HCL cannot be interpolated', () => {
  test('a value holding ${ or %{ is written escaped into the generated HCL', () => {
    // The checks refuse such an address at synthesis; the escaping is a second line of defence for the HCL text itself.
    const grant = directStackGrant(new TerraformStack(Testing.app(), 'hcl'), { vaultAddress: 'https://vault.example.com/${var.x}%{if true}' });
    expect(grant.providerConfiguration).toContain('address          = "https://vault.example.com/$${var.x}%%{if true}"');
  });
});
