import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { combineConfigurations, defaultFormKey } from '../../packages/report/src/env/configurations';
import { evaluateAcl } from '../../packages/report/src/policy/acl';
import { simulateLogin, workspaceRunClaims } from '../../packages/report/src/simulate';
import { RefusalCase, refusalTable } from '../support/refusals';
import { synthWith, variablesUnder } from '../support/synth';

const arn = (name: string, account = '111111111111') => `arn:aws:iam::${account}:role/${name}`;

function twoAccounts(stack: TerraformStack, extra: Record<string, unknown> = {}) {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
  const accountA = trust.addAwsSecretsEngine('aws-a', { path: 'aws-a' });
  const accountB = trust.addAwsSecretsEngine('aws-b', { path: 'aws-b' });
  return trust.grantWorkspaces('net', {
    project: 'Net',
    workspaces: WorkspaceSelector.names('net-prod'),
    aws: { plan: accountA.addAssumedRole('a-read', { roleArns: [arn('read')] }), apply: accountA.addAssumedRole('a-admin', { roleArns: [arn('admin')] }) },
    additionalConfigurations: [
      {
        tag: 'ACCOUNT_B',
        aws: {
          plan: accountB.addAssumedRole('b-read', { roleArns: [arn('read', '222222222222')] }),
          apply: accountB.addAssumedRole('b-admin', { roleArns: [arn('admin', '222222222222')] }),
        },
      },
    ],
    ...extra,
  });
}

describe('multiple configurations in one grant', () => {
  test('a second AWS account gets the _<TAG> form of every AWS variable, and the roles read both accounts per phase', () => {
    const { json, config } = synthWith((stack) => twoAccounts(stack));
    const vars = variablesUnder(json, 'trust/net/');
    expect(Object.keys(vars).filter((k) => k.endsWith('_ACCOUNT_B')).sort()).toEqual([
      'TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN_ACCOUNT_B',
      'TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE_ACCOUNT_B',
      'TFC_VAULT_BACKED_AWS_AUTH_ACCOUNT_B',
      'TFC_VAULT_BACKED_AWS_AUTH_TYPE_ACCOUNT_B',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH_ACCOUNT_B',
      'TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN_ACCOUNT_B',
      'TFC_VAULT_BACKED_AWS_PLAN_VAULT_ROLE_ACCOUNT_B',
    ]);
    expect(vars.TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN_ACCOUNT_B.value).toBe(arn('read', '222222222222'));
    expect(vars.TFC_VAULT_BACKED_AWS_AUTH.value).toBe('true');
    expect(vars.TFC_VAULT_BACKED_AWS_VAULT_CONFIG).toBeUndefined();

    const plan = simulateLogin(
      config,
      { roleName: 'tfc-net-plan' },
      workspaceRunClaims({ organization: 'acme', project: 'Net', workspace: 'net-prod', runPhase: 'plan' }),
    );
    expect(plan.admitted).toBe(true);
    expect(evaluateAcl(plan.policies, 'aws-a/sts/a-read', 'read').allowed).toBe(true);
    expect(evaluateAcl(plan.policies, 'aws-b/sts/b-read', 'read').allowed).toBe(true);
    expect(evaluateAcl(plan.policies, 'aws-b/sts/b-admin', 'read').allowed).toBe(false);
    expect(evaluateAcl(plan.policies, 'aws-a/sts/a-admin', 'read').allowed).toBe(false);
  });

  test('a tagged Vault configuration tags every Vault variable and maps each cloud configuration to it', () => {
    const { json } = synthWith((stack) => twoAccounts(stack, { vaultConfigurationTag: 'SECOND' }));
    const vars = variablesUnder(json, 'trust/net/');
    expect(Object.keys(vars).filter((k) => k.startsWith('TFC_VAULT_') && !k.startsWith('TFC_VAULT_BACKED_')).sort()).toEqual([
      'TFC_VAULT_ADDR_SECOND',
      'TFC_VAULT_APPLY_ROLE_SECOND',
      'TFC_VAULT_PLAN_ROLE_SECOND',
      'TFC_VAULT_PROVIDER_AUTH_SECOND',
    ]);
    // Alias-only Vault: without these mappings HCP Terraform finds no Vault configuration for the cloud credentials.
    expect(vars.TFC_VAULT_BACKED_AWS_VAULT_CONFIG.value).toBe('SECOND');
    expect(vars.TFC_VAULT_BACKED_AWS_VAULT_CONFIG_ACCOUNT_B.value).toBe('SECOND');
  });

  test('shared values collapse into TFC_DEFAULT_* forms on request, enable flags never', () => {
    const { json } = synthWith((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const aws = trust.addAwsSecretsEngine('aws');
      const read = aws.addIamUser('read', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
      const other = aws.addIamUser('other', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
      trust.grantWorkspaces('net', {
        project: 'Net',
        workspaces: WorkspaceSelector.names('a'),
        aws: { plan: read, apply: read, sleepSeconds: 15 },
        additionalConfigurations: [{ tag: 'OTHER', aws: { plan: other, apply: other, sleepSeconds: 15 } }],
        useDefaultForms: true,
      });
    });
    const vars = variablesUnder(json, 'trust/net/');
    expect(vars.TFC_DEFAULT_VAULT_BACKED_AWS_MOUNT_PATH).toBeDefined();
    // The auth types are the literal credential type of each engine role, here equal, so they collapse too.
    expect(vars.TFC_DEFAULT_VAULT_BACKED_AWS_AUTH_TYPE.value).toBe('iam_user');
    expect(vars.TFC_VAULT_BACKED_AWS_AUTH_TYPE).toBeUndefined();
    expect(vars.TFC_VAULT_BACKED_AWS_AUTH_TYPE_OTHER).toBeUndefined();
    expect(vars.TFC_DEFAULT_VAULT_BACKED_AWS_SLEEP_SECONDS.value).toBe('15');
    expect(vars.TFC_VAULT_BACKED_AWS_MOUNT_PATH).toBeUndefined();
    expect(vars.TFC_VAULT_BACKED_AWS_MOUNT_PATH_OTHER).toBeUndefined();
    expect(vars.TFC_VAULT_BACKED_AWS_AUTH.value).toBe('true');
    expect(vars.TFC_VAULT_BACKED_AWS_AUTH_OTHER.value).toBe('true');
    expect(vars.TFC_DEFAULT_VAULT_BACKED_AWS_AUTH).toBeUndefined();
    // The roles differ, so they stay per configuration.
    expect(vars.TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE).toBeDefined();
    expect(vars.TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE_OTHER).toBeDefined();
  });

  test('a default grant and a tagged grant can share a workspace without colliding', () => {
    const { json } = synthWith((stack) => {
      const first = new VaultBackedDynamicCredentials(stack, 'first', { organization: 'acme', vaultAddress: 'https://vault-a.example.com' });
      const second = new VaultBackedDynamicCredentials(stack, 'second', {
        organization: 'acme',
        vaultAddress: 'https://vault-b.example.com',
        authMountPath: 'jwt-b',
      });
      const a = first.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [arn('r')] });
      const b = second.addAwsSecretsEngine('aws', { path: 'aws-b' }).addAssumedRole('r', { roleArns: [arn('r', '222222222222')] });
      first.grantWorkspaces('app', { project: 'Apps', workspaces: WorkspaceSelector.names('app'), aws: { plan: a, apply: a } });
      second.grantWorkspaces('app', {
        project: 'Apps',
        workspaces: WorkspaceSelector.names('app'),
        aws: { plan: b, apply: b },
        vaultConfigurationTag: 'B',
        cloudConfigurationTag: 'B',
        variableSetName: 'vault-backed-app-b',
        roleName: 'tfc-app-b',
      });
    });
    const second = variablesUnder(json, 'second/app/');
    expect(second.TFC_VAULT_ADDR_B.value).toBe('https://vault-b.example.com');
    expect(second.TFC_VAULT_AUTH_PATH_B).toBeDefined();
    expect(second.TFC_VAULT_BACKED_AWS_VAULT_CONFIG_B.value).toBe('B');
    expect(Object.keys(second).every((k) => k.endsWith('_B'))).toBe(true);
  });
});

/** Tagged configurations are checked as the default one is: the same checks, named after the tag. */
const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const GCP_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const VIEWER = [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data', roles: ['roles/viewer'] }];
const trustOf = (stack: TerraformStack) =>
  new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });

const TAGGED: RefusalCase[] = [
  [
    'tagged AWS configuration mixing credential types',
    (s) => {
      const trust = trustOf(s);
      const aws = trust.addAwsSecretsEngine('aws');
      const ro = aws.addAssumedRole('ro', { roleArns: [arn('runner')] });
      const rw = aws.addIamUser('rw', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
      trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('app'),
        aws: { plan: ro, apply: ro },
        additionalConfigurations: [{ tag: 'B', aws: { plan: ro, apply: rw, sleepSeconds: 10 } }],
      });
    },
    'test/trust/g',
    /configuration B: plan role "ro" issues assumed_role but apply role "rw" issues iam_user/, ['TaggedCredentials.aws'],
  ],
  [
    'tagged GCP configuration across two engines',
    (s) => {
      const trust = trustOf(s);
      const a = trust.addGcpSecretsEngine('a', { path: 'gcp-a' }).addRoleset('r', { project: 'acme-data', tokenScopes: [GCP_SCOPE], bindings: VIEWER });
      const b = trust.addGcpSecretsEngine('b', { path: 'gcp-b' }).addRoleset('r', { project: 'acme-data', tokenScopes: [GCP_SCOPE], bindings: VIEWER });
      trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('app'),
        gcp: { plan: a, apply: a },
        additionalConfigurations: [{ tag: 'B', gcp: { plan: a, apply: b } }],
      });
    },
    'test/trust/g',
    /configuration B: GCP plan role "r" is in mount "gcp-a" but apply role "r" is in mount "gcp-b"/, ['TaggedCredentials.gcp'],
  ],
  [
    'tagged Azure configuration with a sleep above 1500',
    (s) => {
      const trust = trustOf(s);
      const r = trust
        .addAzureSecretsEngine('azure', { subscriptionId: SUBSCRIPTION, tenantId: '22222222-2222-4222-8222-222222222222' })
        .addRole('r', { azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/data` }] });
      trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('app'),
        azure: { plan: r, apply: r },
        additionalConfigurations: [{ tag: 'B', azure: { plan: r, apply: r, sleepSeconds: 1501 } }],
      });
    },
    'test/trust/g',
    /configuration B: Azure sleep seconds 1501 must be a whole number from 0 to 1500/, ['TaggedCredentials.azure'],
  ],
  [
    'a reserved tag',
    (s) => twoAccounts(s, { additionalConfigurations: [{ tag: 'TYPE' }] }),
    'test/trust/net',
    /configuration tag "TYPE" is reserved/,
    ['TaggedCredentials.tag'],
  ],
  [
    'a tag with a dash',
    (s) => twoAccounts(s, { cloudConfigurationTag: 'acct-b' }),
    'test/trust/net',
    /configuration tag "acct-b" may contain only/,
    ['WorkspaceGrantOptions.cloudConfigurationTag'],
  ],
  [
    'a Vault tag with a space',
    (s) => twoAccounts(s, { vaultConfigurationTag: 'A B' }),
    'test/trust/net',
    /vaultConfigurationTag: configuration tag "A B" may contain only/,
    ['WorkspaceGrantOptions.vaultConfigurationTag'],
  ],
  [
    'a tagged configuration without credentials',
    (s) => twoAccounts(s, { additionalConfigurations: [{ tag: 'EMPTY' }] }),
    'test/trust/net',
    /configuration EMPTY: the configuration hands out no credentials/,
    ['WorkspaceGrantOptions.additionalConfigurations'],
  ],
  [
    'the same tag twice',
    (s) => twoAccounts(s, { cloudConfigurationTag: 'ACCOUNT_B' }),
    'test/trust/net',
    /configuration tag "ACCOUNT_B" is used twice in one grant/,
  ],
  [
    'the same tag twice, as the variable set sees it',
    (s) => twoAccounts(s, { cloudConfigurationTag: 'ACCOUNT_B' }),
    'test/trust/net/variables',
    /environment variable TFC_VAULT_BACKED_AWS_AUTH_ACCOUNT_B is set twice/,
  ],
  [
    'the same tag twice in two grants whose settings would be shared',
    (s) => {
      // Equal settings in two grants make them share a set; the repeated keys must not reach it.
      const trust = new VaultBackedDynamicCredentials(s, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const engine = trust.addAwsSecretsEngine('aws');
      const role = engine.addAssumedRole('deploy', { roleArns: [arn('deploy')] });
      for (const name of ['one', 'two']) {
        trust.grantWorkspaces(name, {
          project: 'Net',
          workspaces: WorkspaceSelector.names(`${name}-a`, `${name}-b`),
          aws: { plan: role, apply: role },
          cloudConfigurationTag: 'EXTRA',
          additionalConfigurations: [{ tag: 'EXTRA', aws: { plan: role, apply: role } }],
        });
      }
    },
    'test/trust/one',
    /configuration tag "EXTRA" is used twice in one grant; give each configuration its own tag$/,
  ],
];

describe('a tagged configuration is validated like the default one, and the message names its tag', () => {
  refusalTable(TAGGED);
});

describe('combineConfigurations (pure)', () => {
  const spec = (key: string, value: string) => ({ key, value, sensitive: false, description: key });

  test('tags keys, drops provider variables from tagged configurations, keeps order', () => {
    const out = combineConfigurations(
      [
        { kind: 'azure', variables: [spec('TFC_VAULT_BACKED_AZURE_AUTH', 'true'), spec('ARM_TENANT_ID', 't')] },
        { kind: 'azure', tag: 'X', variables: [spec('TFC_VAULT_BACKED_AZURE_AUTH', 'true'), spec('ARM_TENANT_ID', 't')] },
      ],
      false,
    );
    expect(out.map((s) => s.key)).toEqual(['TFC_VAULT_BACKED_AZURE_AUTH', 'ARM_TENANT_ID', 'TFC_VAULT_BACKED_AZURE_AUTH_X']);
  });

  test('collapses only values identical in every configuration of a kind', () => {
    const out = combineConfigurations(
      [
        { kind: 'gcp', variables: [spec('TFC_VAULT_BACKED_GCP_MOUNT_PATH', 'gcp'), spec('TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET', 'a')] },
        { kind: 'gcp', tag: 'T', variables: [spec('TFC_VAULT_BACKED_GCP_MOUNT_PATH', 'gcp'), spec('TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET', 'b')] },
      ],
      true,
    );
    expect(out.map((s) => s.key)).toEqual([
      'TFC_DEFAULT_VAULT_BACKED_GCP_MOUNT_PATH',
      'TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET',
      'TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET_T',
    ]);
    expect(defaultFormKey('TFC_VAULT_ADDR')).toBe('TFC_DEFAULT_VAULT_ADDR');
  });
});

describe('GCP and Azure configurations of a grant', () => {
  test('a tagged Vault configuration maps the GCP and the Azure configuration to it, and one role for both phases is one RUN variable', () => {
    const { json } = synthWith((s) => {
      const trust = trustOf(s);
      const viewer = trust.addGcpSecretsEngine('gcp').addRoleset('viewer', { project: 'acme-data', tokenScopes: [GCP_SCOPE], bindings: VIEWER });
      const reader = trust
        .addAzureSecretsEngine('azure', { subscriptionId: SUBSCRIPTION, tenantId: '22222222-2222-4222-8222-222222222222' })
        .addRole('reader', { azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` }] });
      trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('app'),
        gcp: { plan: viewer, apply: viewer },
        azure: { plan: reader, apply: reader },
        vaultConfigurationTag: 'SECOND',
      });
    });
    const vars = variablesUnder(json, 'trust/g/');
    expect(Object.keys(vars).filter((k) => k.endsWith('_VAULT_CONFIG')).sort()).toEqual([
      'TFC_VAULT_BACKED_AZURE_VAULT_CONFIG',
      'TFC_VAULT_BACKED_GCP_VAULT_CONFIG',
    ]);
    expect(vars.TFC_VAULT_BACKED_GCP_VAULT_CONFIG.value).toBe('SECOND');
    expect(vars.TFC_VAULT_BACKED_AZURE_VAULT_CONFIG.value).toBe('SECOND');
    expect(Object.keys(vars).filter((k) => /_(RUN|PLAN|APPLY)_VAULT_(ROLESET|ROLE)$/.test(k)).sort()).toEqual([
      'TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE',
      'TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET',
    ]);
  });
});
