import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  AwsPhaseCredentials,
  AwsRunRole,
  AwsSecretsEngine,
  AzureEngineRoleProps,
  GcpBinding,
  GcpSecretType,
  HcpTerraformJwtAuthMount,
  VaultBackedDynamicCredentials,
  WorkspaceGrant,
  WorkspaceGrantOptions,
  WorkspaceGrantProps,
  WorkspaceSelector,
} from '../../lib';
import { synthWithClouds } from '../clouds/cloud-synth';
import { RefusalCase, refusalTable } from '../support/refusals';
import { bodiesOf, leaf, stringAt, synthError, synthWith, warnings } from '../support/synth';

/**
 * Workspace grants (WorkspaceGrant, made by grantWorkspaces or built directly): the validation of their own options,
 * the warnings about what they reach, and what they adopt. What a grant synthesizes is tested in trust-chain.test.ts
 * and the cloud engine files; tagged configurations in configurations.test.ts.
 */

const ARN = 'arn:aws:iam::123456789012:role/runner';
const OTHER_ARN = 'arn:aws:iam::123456789012:role/elsewhere';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const IAM_FULL = 'arn:aws:iam::aws:policy/IAMFullAccess';
const VAULT_USER = 'arn:aws:iam::123456789012:user/vault';
const GCP_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const GCP_VIEWER: GcpBinding[] = [{ resource: '//cloudresourcemanager.googleapis.com/projects/acme-data', roles: ['roles/viewer'] }];
const GCP_SA_EMAIL = 'deployer@acme-data.iam.gserviceaccount.com';
const AZURE_SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const AZURE_TENANT = '22222222-2222-4222-8222-222222222222';
const AZURE_READER: AzureEngineRoleProps = {
  azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${AZURE_SUBSCRIPTION}/resourceGroups/data` }],
  ttlSeconds: 3600,
};

function trustWith(stack: TerraformStack) {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
}

/**
 * A trust with one assumed_role engine role `r`, and a grant `g` of it for plan and apply, with `options` merged into
 * the grant and `aws` into its AWS credentials.
 */
function awsGrant(stack: TerraformStack, options: Partial<WorkspaceGrantOptions> = {}, aws: Partial<AwsPhaseCredentials> = {}) {
  const trust = trustWith(stack);
  const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
  return trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: r, apply: r, ...aws }, ...options });
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

const CATALOGUE: RefusalCase[] = [
  // Credentials
  [
    'grant without credentials',
    (s) => trustWith(s).grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app') }),
    'test/trust/g',
    /the grant hands out no credentials/,
  ],
  [
    'plan and apply engine roles of different credential types',
    (s) => {
      const trust = trustWith(s);
      const aws = trust.addAwsSecretsEngine('aws');
      trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('app'),
        aws: {
          plan: aws.addAssumedRole('ro', { roleArns: [ARN] }),
          apply: aws.addIamUser('rw', { policyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] }),
        },
      });
    },
    'test/trust/g',
    /plan role "ro" issues assumed_role but apply role "rw" issues iam_user/, ['AwsPhaseCredentials.apply', 'WorkspaceGrantOptions.aws'],
  ],
  [
    'plan and apply engine roles in different mounts',
    (s) => {
      const trust = trustWith(s);
      const a = trust.addAwsSecretsEngine('a', { path: 'aws-a' }).addAssumedRole('ro', { roleArns: [ARN] });
      const b = trust.addAwsSecretsEngine('b', { path: 'aws-b' }).addAssumedRole('rw', { roleArns: [ARN] });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: a, apply: b } });
    },
    'test/trust/g',
    /\] plan role "ro" is in mount "aws-a" but apply role "rw" is in mount "aws-b"; HCP Terraform takes one AWS mount path per configuration, so put both roles in one engine$/,
    ['AwsPhaseCredentials.plan'],
  ],
  [
    'several role ARNs and no choice',
    (s) => {
      const trust = trustWith(s);
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('runner', { roleArns: [ARN, 'arn:aws:iam::123456789012:role/other'] });
      trust.grantWorkspaces('grant', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: r, apply: r } });
    },
    'test/trust/grant',
    /\] engine role "runner" has 2 role ARNs; set planRoleArn to the one plan runs should assume$/,
  ],
  [
    'chosen role ARN not among the role ARNs',
    (s) => awsGrant(s, {}, { planRoleArn: OTHER_ARN }),
    'test/trust/g',
    /planRoleArn "arn:aws:iam::123456789012:role\/elsewhere" is not one of the roleArns/, ['AwsPhaseCredentials.planRoleArn'],
  ],
  [
    'applyRoleArn not among the role ARNs',
    (s) => awsGrant(s, {}, { applyRoleArn: OTHER_ARN }),
    'test/trust/g',
    /\] applyRoleArn "arn:aws:iam::123456789012:role\/elsewhere" is not one of the roleArns of engine role "r"; Vault would refuse to assume it$/,
    ['AwsPhaseCredentials.applyRoleArn'],
  ],
  [
    'planRoleArn for an iam_user engine role',
    (s) => {
      const trust = trustWith(s);
      const u = trust.addAwsSecretsEngine('aws').addIamUser('u', { policyArns: [READ_ONLY] });
      const aws = { plan: u, apply: u, planRoleArn: ARN, sleepSeconds: 15 };
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws });
    },
    'test/trust/g',
    /\] planRoleArn applies only to assumed_role engine roles; remove it$/,
  ],
  [
    'GCP phases of a tagged configuration with different auth types',
    (s) => {
      const trust = trustWith(s);
      const aws = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      const gcp = trust.addGcpSecretsEngine('gcp');
      const rs = gcp.addRoleset('rs', { project: 'acme-data', tokenScopes: [GCP_SCOPE], bindings: GCP_VIEWER });
      const sa = gcp.addStaticAccount('sa', { serviceAccountEmail: GCP_SA_EMAIL, secretType: GcpSecretType.SERVICE_ACCOUNT_KEY });
      trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('app'),
        aws: { plan: aws, apply: aws },
        additionalConfigurations: [{ tag: 'DATA', gcp: { plan: rs, apply: sa } }],
      });
    },
    'test/trust/g',
    new RegExp('\\] configuration DATA: GCP plan role "rs" uses auth type roleset/access_token but apply role "sa" uses static_account/service_account_key; ' +
      'HCP Terraform takes one TFC_VAULT_BACKED_GCP_AUTH_TYPE per configuration, so give both phases the same kind \\(roleset or static account\\) ' +
      'and secret type$'),
  ],
  [
    'GCP plan and apply rolesets of the default configuration in different engines',
    (s) => {
      const trust = trustWith(s);
      const a = trust.addGcpSecretsEngine('a', { path: 'gcp-a' }).addRoleset('r', { project: 'acme-data', tokenScopes: [GCP_SCOPE], bindings: GCP_VIEWER });
      const b = trust.addGcpSecretsEngine('b', { path: 'gcp-b' }).addRoleset('r', { project: 'acme-data', tokenScopes: [GCP_SCOPE], bindings: GCP_VIEWER });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), gcp: { plan: a, apply: b } });
    },
    'test/trust/g',
    /\] GCP plan role "r" is in mount "gcp-a" but apply role "r" is in mount "gcp-b"; HCP Terraform takes one GCP mount path per configuration, so put both in one engine$/,
  ],
  [
    'Azure phases of a tagged configuration in different engines',
    (s) => {
      const trust = trustWith(s);
      const engine = { subscriptionId: AZURE_SUBSCRIPTION, tenantId: AZURE_TENANT };
      const a = trust.addAzureSecretsEngine('a', { ...engine, path: 'azure-a' }).addRole('r', AZURE_READER);
      const b = trust.addAzureSecretsEngine('b', { ...engine, path: 'azure-b' }).addRole('r', AZURE_READER);
      trust.grantWorkspaces('g', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('app'),
        cloudConfigurationTag: 'SUB',
        azure: { plan: a, apply: b },
      });
    },
    'test/trust/g',
    new RegExp('\\] configuration SUB: Azure plan role "r" is in mount "azure-a" but apply role "r" is in mount "azure-b"; HCP Terraform takes one Azure ' +
      'mount path per configuration, so put both roles in one engine$'),
  ],
  [
    'sleep seconds above 1500',
    (s) => {
      const trust = trustWith(s);
      const r = trust.addAwsSecretsEngine('aws').addIamUser('u', { policyArns: [READ_ONLY] });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: r, apply: r, sleepSeconds: 1501 } });
    },
    'test/trust/g',
    /sleep seconds 1501 must be a whole number from 0 to 1500/, ['AwsPhaseCredentials.sleepSeconds'],
  ],

  // Names and workspaces
  ['grant role name with a slash', (s) => awsGrant(s, { roleName: 'team/app' }), 'test/trust/g', /Vault role name "team\/app-plan" contains "\/", which is not allowed/, ['WorkspaceGrantOptions.roleName']],
  ['variable set name with a slash', (s) => awsGrant(s, { variableSetName: 'a/b' }), 'test/trust/g/variables', /variable set name "a\/b" must be 1-128 letters, digits, spaces or/, ['CredentialVariableSetProps.name', 'WorkspaceGrantOptions.variableSetName']],
  [
    'workspace reference with a malformed id',
    (s) => awsGrant(s, { workspaces: WorkspaceSelector.references({ name: 'app', id: 'prj-1' }) }),
    'test/trust/g/plan',
    /workspace id "prj-1" is not "ws-" followed by letters and digits/, ['WorkspaceReference.id'],
  ],
  [
    'workspace reference with a glob in its name',
    (s) => awsGrant(s, { workspaces: WorkspaceSelector.references({ name: 'app*', id: 'ws-abc' }) }),
    'test/trust/g/plan',
    /workspace name "app\*" contains "\*"/, ['WorkspaceReference.name'],
  ],

  // Built directly, the grant checks the trust settings the facade would have checked
  ['credential grant built directly with an organization glob', (s) => directGrant(s, { organization: 'acme*' }), 'test/g/plan', /organization name "acme\*" contains "\*"/],
  [
    'credential grant built directly with a role name prefix holding a slash',
    (s) => directGrant(s, { roleNamePrefix: 'a/b' }),
    'test/g',
    /Vault role name "a\/b-g-plan" contains "\/"/,
  ],
];

describe('workspace grant validation catalogue: each case fails synthesis naming the construct path, the value and the fix', () => {
  refusalTable(CATALOGUE);
});

describe('warnings about what a grant reaches: rule id and whole text, by workspace selector', () => {
  /** The warnings of a grant with separate plan and apply engine roles (so nothing else warns) selecting `workspaces`. */
  const warnedFor = (project: string | undefined, workspaces: WorkspaceSelector) => {
    let warned: string[] = [];
    synthWith((s) => {
      const trust = trustWith(s);
      const aws = trust.addAwsSecretsEngine('aws');
      const plan = aws.addAssumedRole('read', { roleArns: [ARN] });
      const apply = aws.addAssumedRole('deploy', { roleArns: [OTHER_ARN] });
      warned = warnings(trust.grantWorkspaces('g', { project, workspaces, aws: { plan, apply } }));
    });
    return warned;
  };

  test('names: name-only-binding lists every name, comma separated', () => {
    expect(warnedFor('Platform', WorkspaceSelector.names('app', 'app-canary'))).toEqual([
      '[name-only-binding] the grant trusts workspace names only (app, app-canary); a workspace that is later renamed to one of them, or deleted and ' +
        're-created, inherits these credentials. Bind ids with WorkspaceSelector.ids() or WorkspaceSelector.references() where that matters',
    ]);
  });

  test('prefix: workspace-prefix-grant names the project and the prefix', () => {
    expect(warnedFor('Platform', WorkspaceSelector.prefix('app-'))).toEqual([
      '[workspace-prefix-grant] every workspace of project "Platform" whose name starts with "app-", including ones created later, can obtain these ' +
        'credentials; new workspaces receive the variables on the next apply of this stack',
    ]);
  });

  test('all in the organization: project-wide-grant about the global variable set', () => {
    expect(warnedFor(undefined, WorkspaceSelector.allInOrganization())).toEqual([
      '[project-wide-grant] every workspace of the organization, in every project and including ones created later, can obtain these credentials ' +
        'through a global variable set; grant only what every workspace may hold, and prefer a project or named workspaces',
    ]);
  });

  test('all in a project: project-wide-grant names the project', () => {
    expect(warnedFor('Platform', WorkspaceSelector.allInProject())).toEqual([
      '[project-wide-grant] every workspace of project "Platform", including ones created later, can obtain these credentials; list workspaces by ' +
        'name or id to narrow the grant',
    ]);
  });

  test('ids: no selector warning', () => {
    expect(warnedFor('Platform', WorkspaceSelector.ids('ws-abc123'))).toEqual([]);
  });
});

describe('plan run role against apply run role (plan-broader-than-apply)', () => {
  /**
   * The plan-broader-than-apply warnings of a grant whose plan and apply engine roles assume `plan` and `apply`: an
   * AwsRunRole of the stack with those managed policies (a `TerraformVariable` stands for a referenced policy), or
   * an IAM role ARN given as text.
   */
  const broaderWarnings = (plan: string[] | string, apply: string[] | string) => {
    let warned: string[] = [];
    synthWithClouds(['aws'], (s) => {
      const referenced = new TerraformVariable(s, 'policy', { type: 'string' }).stringValue;
      const roleArn = (id: string, policies: string[] | string) => typeof policies === 'string'
        ? policies
        : new AwsRunRole(s, id, { trustedPrincipalArn: VAULT_USER, managedPolicyArns: policies.map((p) => (p === 'referenced' ? referenced : p)) }).arn;
      const trust = trustWith(s);
      const aws = trust.addAwsSecretsEngine('aws');
      warned = warnings(
        trust.grantWorkspaces('app', {
          project: 'Apps',
          workspaces: WorkspaceSelector.ids('ws-abc123'),
          aws: {
            plan: aws.addAssumedRole('read', { roleArns: [roleArn('plan-role', plan)] }),
            apply: aws.addAssumedRole('deploy', { roleArns: [roleArn('apply-role', apply)] }),
          },
        }),
      );
    });
    return warned.filter((w) => w.startsWith('[plan-broader-than-apply]'));
  };

  test('every policy only the plan role has is named, a referenced one as such, comma separated', () => {
    expect(broaderWarnings([READ_ONLY, 'referenced', IAM_FULL], [READ_ONLY])).toEqual([
      `[plan-broader-than-apply] plan run role test/plan-role has managed policies that apply run role test/apply-role lacks (a referenced policy, ` +
        `${IAM_FULL}), so plan runs, which any pull request starts, can do what applies cannot; give the plan role a subset of the apply role's policies`,
    ]);
  });

  test('mixed: a run role of the stack in one phase and an IAM role ARN given as text in the other is not compared', () => {
    expect(broaderWarnings([READ_ONLY, IAM_FULL], OTHER_ARN)).toEqual([]);
    expect(broaderWarnings(ARN, [READ_ONLY])).toEqual([]);
  });
});

describe('a grant built directly reports each bad trust setting once, where the grant validates it', () => {
  /** The error lines of synthesizing a direct grant with `props`. */
  const errorLines = (props: Partial<WorkspaceGrantProps>) =>
    synthError((s) => directGrant(s, props)).split('\n').filter((l) => /^\s*\[/.test(l)).map((l) => l.trim());

  test('a Vault address that is not a URL: once, at the grant', () => {
    expect(errorLines({ vaultAddress: 'vault.example.com' })).toEqual([
      '[test/g] vaultAddress "vault.example.com" is not a URL such as "https://vault.example.com:8200"',
    ]);
  });

  test('an organization with a glob: once, at the plan role, not again at the apply role or the variable set', () => {
    expect(errorLines({ organization: 'acme*' })).toEqual([
      '[test/g/plan] HCP Terraform organization name "acme*" contains "*", and a "*" is the Vault glob wildcard and would widen the subject pattern to ' +
        'names you did not intend; organization names may contain only ASCII letters, digits, "-" and "_", so use the organization name exactly as ' +
        'HCP Terraform shows it',
    ]);
  });

  test('an audience with a space: once, at the plan role, not again at the apply role', () => {
    expect(errorLines({ audience: 'a b' })).toEqual([
      '[test/g/plan] audience "a b" must be a literal of letters, digits and . _ : / - (for example "vault.workload.identity")',
    ]);
  });

  test('a claim mapping of a claim run tokens do not carry: once, at the plan role, not again at the apply role', () => {
    expect(errorLines({ claimMappings: { no_such_claim: 'x' } })).toEqual([
      '[test/g/plan] claimMappings maps "no_such_claim", which workspace run tokens do not carry; remove it or use one of terraform_full_workspace, ' +
        'terraform_workspace_id, terraform_workspace_name, terraform_project_id, terraform_project_name, terraform_organization_id, ' +
        'terraform_organization_name, terraform_run_id, sub, terraform_run_phase',
    ]);
  });
});

describe('adoption by a grant', () => {
  /** A grant `id` with separate plan and apply engine roles that adopts `adopt`; its import blocks and JWT role names. */
  const adopting = (id: string, adopt: WorkspaceGrantOptions['adopt']) => {
    const { json, text } = synthWith((s) => {
      const trust = trustWith(s);
      const aws = trust.addAwsSecretsEngine('aws');
      const plan = aws.addAssumedRole('read', { roleArns: [ARN] });
      const apply = aws.addAssumedRole('deploy', { roleArns: [OTHER_ARN] });
      trust.grantWorkspaces(id, { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan, apply }, adopt });
    });
    return {
      imports: leaf<Array<{ to: string; id: string }>>(json.import).map((i) => `${i.to.split('.')[0]} ${i.id}`).sort(),
      roles: bodiesOf(text, 'vault_jwt_auth_backend_role').map((r) => stringAt(r, 'role_name')).sort(),
      policies: bodiesOf(text, 'vault_policy').map((p) => stringAt(p, 'name')).sort(),
    };
  };

  test('adopting only the policies imports the policies; the JWT roles are created under their generated names, not imported', () => {
    expect(adopting('net', { planPolicyName: 'net-plan-policy', applyPolicyName: 'net-apply-policy' })).toEqual({
      imports: ['vault_policy net-apply-policy', 'vault_policy net-plan-policy'],
      roles: ['tfc-net-apply', 'tfc-net-plan'],
      policies: ['net-apply-policy', 'net-plan-policy'],
    });
  });

  test('mixed: the plan role adopted, the apply role created; only the plan role is imported', () => {
    expect(adopting('net', { planRoleName: 'net-plan-legacy' })).toEqual({
      imports: ['vault_jwt_auth_backend_role auth/jwt/role/net-plan-legacy'],
      roles: ['net-plan-legacy', 'tfc-net-apply'],
      policies: ['net-plan-legacy', 'tfc-net-apply'],
    });
  });

  test('a grant id that could not name a role is fine when both roles are adopted: the names it would derive are not used', () => {
    expect(adopting('legacy app', { planRoleName: 'legacy-plan', applyRoleName: 'legacy-apply' })).toEqual({
      imports: ['vault_jwt_auth_backend_role auth/jwt/role/legacy-apply', 'vault_jwt_auth_backend_role auth/jwt/role/legacy-plan'],
      roles: ['legacy-apply', 'legacy-plan'],
      policies: ['legacy-apply', 'legacy-plan'],
    });
  });
});
