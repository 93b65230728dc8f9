import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack } from 'cdktf';
import { AwsRunRole, AwsSecretsEngineUser, VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { checkProviderSchemas } from '../support/provider-schema';
import { RefusalCase, refusalTable } from '../support/refusals';
import { byPath, JsonValue, printedWarnings, stringAt, warnings } from '../support/synth';
import { only, synthErrorWithClouds, synthWithClouds } from './cloud-synth';

const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const VAULT_USER = 'arn:aws:iam::123456789012:user/vault';
const DEPLOY_POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });

/** The engine user, a plan and an apply run role trusting it, and the Vault roles that assume them, in one grant. */
function awsChain(externalId?: string) {
  return synthWithClouds(['aws'], (stack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
    const engineUser = new AwsSecretsEngineUser(stack, 'engine-user', { assumableRoleArns: ['arn:aws:iam::222222222222:role/elsewhere'] });
    const plan = new AwsRunRole(stack, 'plan-role', { engineUser, roleName: 'app-plan', managedPolicyArns: [READ_ONLY], externalId });
    const apply = new AwsRunRole(stack, 'apply-role', {
      engineUser,
      roleName: 'app-apply',
      inlinePolicies: { deploy: DEPLOY_POLICY },
      externalId,
      maxSessionDurationSeconds: 7200,
    });
    const aws = trust.addAwsSecretsEngine('aws');
    trust.grantWorkspaces('app', {
      project: 'Apps',
      workspaces: WorkspaceSelector.names('app'),
      aws: {
        plan: aws.addAssumedRole('app-read', { roleArns: [plan.arn], externalId: plan.externalId }),
        apply: aws.addAssumedRole('app-deploy', { roleArns: [apply.arn], externalId: apply.externalId }),
      },
    });
  });
}

/** A JSON policy string whose `${...}` references are kept as text. */
interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Principal?: Record<string, string | string[]>;
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}
const policyOf = (text: JsonValue | undefined): { Version: string; Statement: PolicyStatement[] } => {
  if (typeof text !== 'string') throw new Error(`expected a policy document, found ${JSON.stringify(text)}`);
  return JSON.parse(text);
};

describe('AWS run roles', () => {
  test('each role trusts exactly the engine user (by reference) with sts:AssumeRole and the external id', () => {
    const { json } = awsChain('acme-app');
    const roles = byPath(json, 'aws_iam_role');
    const userArn = expect.stringMatching(/^\$\{aws_iam_user\.engine-user_[0-9A-F]{8}\.arn\}$/);
    for (const path of ['plan-role', 'apply-role']) {
      const trust = policyOf(stringAt(roles[path], 'assume_role_policy'));
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0]).toEqual({
        Sid: 'VaultSecretsEngine',
        Effect: 'Allow',
        Principal: { AWS: userArn },
        Action: ['sts:AssumeRole'],
        Condition: { StringEquals: { 'sts:ExternalId': 'acme-app' } },
      });
    }
    expect(roles['plan-role'].name).toBe('app-plan');
    expect(roles['apply-role'].max_session_duration).toBe(7200);
  });

  test('without an external id the trust has no condition at all', () => {
    const { json } = awsChain();
    const trust = policyOf(stringAt(byPath(json, 'aws_iam_role')['plan-role'], 'assume_role_policy'));
    expect(trust.Statement[0].Condition).toBeUndefined();
    expect(trust.Statement[0].Principal).toEqual({ AWS: expect.stringMatching(/^\$\{aws_iam_user\..+\.arn\}$/) });
  });

  test('managed policies are attached and inline documents are role policies', () => {
    const { json } = awsChain();
    const attachment = only(json, 'aws_iam_role_policy_attachment');
    expect(attachment).toEqual(expect.objectContaining({ policy_arn: READ_ONLY, role: expect.stringMatching(/^\$\{aws_iam_role\.plan-role_.+\.name\}$/) }));
    const inline = only(json, 'aws_iam_role_policy');
    expect(inline).toEqual(expect.objectContaining({ name: 'deploy', policy: DEPLOY_POLICY, role: expect.stringMatching(/apply-role_.+\.name\}$/) }));
  });

  test('the Vault roles receive the role ARNs and external ids by reference, and so do the run variables', () => {
    const { json } = awsChain('acme-app');
    const vaultRoles = byPath(json, 'vault_aws_secret_backend_role');
    expect(vaultRoles['trust/aws/app-read/role']).toMatchObject({
      credential_type: 'assumed_role',
      role_arns: [expect.stringMatching(/^\$\{aws_iam_role\.plan-role_[0-9A-F]{8}\.arn\}$/)],
      external_id: 'acme-app',
    });
    const vars = Object.fromEntries(Object.values(byPath(json, 'tfe_variable')).map((v) => [String(v.key), v.value]));
    expect(vars.TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN).toMatch(/^\$\{aws_iam_role\.plan-role_[0-9A-F]{8}\.arn\}$/);
    expect(vars.TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN).toMatch(/^\$\{aws_iam_role\.apply-role_[0-9A-F]{8}\.arn\}$/);
  });

  test('a workload identity engine is trusted through its role ARN, and session tags add sts:TagSession', () => {
    const { json } = synthWithClouds(['aws'], (stack) => {
      new AwsRunRole(stack, 'run', {
        trustedPrincipalArn: 'arn:aws:iam::123456789012:role/vault-plugin-wif',
        allowSessionTags: true,
        managedPolicyArns: [READ_ONLY],
      });
    });
    const trust = policyOf(only(json, 'aws_iam_role').assume_role_policy);
    expect(trust.Statement[0]).toMatchObject({
      Principal: { AWS: 'arn:aws:iam::123456789012:role/vault-plugin-wif' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    });
    expect(json.resource.aws_iam_user).toBeUndefined();
  });
});

describe('AWS secrets engine user', () => {
  test('its policy lets it manage only its own keys and assume only the run roles', () => {
    const { json } = awsChain('acme-app');
    const user = only(json, 'aws_iam_user');
    expect(user.name).toBe('vault-secrets-engine');
    expect(json.resource.aws_iam_access_key).toBeUndefined();
    const policy = only(json, 'aws_iam_user_policy');
    expect(policy.user).toMatch(/^\$\{aws_iam_user\.engine-user_[0-9A-F]{8}\.name\}$/);
    const document = policyOf(policy.policy);
    expect(document.Statement).toEqual([
      {
        Sid: 'ManageOwnAccessKeys',
        Effect: 'Allow',
        Action: ['iam:GetUser', 'iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys'],
        Resource: expect.stringMatching(/^\$\{aws_iam_user\.engine-user_[0-9A-F]{8}\.arn\}$/),
      },
      {
        Sid: 'AssumeRunRoles',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: [
          'arn:aws:iam::222222222222:role/elsewhere',
          expect.stringMatching(/^\$\{aws_iam_role\.plan-role_[0-9A-F]{8}\.arn\}$/),
          expect.stringMatching(/^\$\{aws_iam_role\.apply-role_[0-9A-F]{8}\.arn\}$/),
        ],
      },
    ]);
    const actions = document.Statement.flatMap((s) => [s.Action].flat());
    expect(actions.some((a) => a.includes('*'))).toBe(false);
  });

  test('session-tagging run roles add sts:TagSession for exactly those roles', () => {
    const { json } = synthWithClouds(['aws'], (stack) => {
      const engineUser = new AwsSecretsEngineUser(stack, 'engine-user');
      new AwsRunRole(stack, 'tagged', { engineUser, allowSessionTags: true, managedPolicyArns: [READ_ONLY] });
      new AwsRunRole(stack, 'plain', { engineUser, managedPolicyArns: [READ_ONLY] });
    });
    const statements = policyOf(only(json, 'aws_iam_user_policy').policy).Statement;
    expect(statements.find((s) => s.Sid === 'TagRunRoleSessions')?.Resource).toEqual([expect.stringMatching(/aws_iam_role\.tagged_/)]);
    expect(statements.find((s) => s.Sid === 'AssumeRunRoles')?.Resource).toHaveLength(2);
  });

  test('the chain uses only arguments of the AWS and Vault provider schemas', () => {
    const { json } = awsChain('acme-app');
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('no warnings: the user holds no key in state', () => {
    let warned: string[] = ['unset'];
    synthWithClouds(['aws'], (stack) => {
      warned = warnings(new AwsSecretsEngineUser(stack, 'engine-user'));
    });
    expect(warned).toEqual([]);
  });
});

const CATALOGUE: RefusalCase[] = [
  [
    'run role trusting nobody',
    (s) => new AwsRunRole(s, 'run', { managedPolicyArns: [READ_ONLY] }),
    'test/run',
    /must trust exactly one principal.*not neither/,
  ],
  [
    'run role trusting two principals',
    (s) =>
      new AwsRunRole(s, 'run', {
        engineUser: new AwsSecretsEngineUser(s, 'u'),
        trustedPrincipalArn: 'arn:aws:iam::123456789012:role/x',
        managedPolicyArns: [READ_ONLY],
      }),
    'test/run',
    /must trust exactly one principal.*not both/, ['AwsRunRoleProps.engineUser'],
  ],
  [
    'run role without policies',
    (s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: 'arn:aws:iam::123456789012:user/vault' }),
    'test/run',
    /the role has no policies/,
  ],
  [
    'trusted principal that is not an IAM ARN',
    (s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: 'vault', managedPolicyArns: [READ_ONLY] }),
    'test/run',
    /trustedPrincipalArn "vault" is not an IAM user or role ARN \(arn:aws:iam::<12-digit account>:user\/<name> or :role\/<name>\)$/m, ['AwsRunRoleProps.trustedPrincipalArn'],
  ],
  [
    'inline policy that is not JSON',
    (s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: 'arn:aws:iam::123456789012:user/vault', inlinePolicies: { deploy: 'Allow s3:*' } }),
    'test/run',
    /inlinePolicies value of "deploy", "Allow s3:\*", is not valid JSON; pass an IAM policy document \(for example JSON\.stringify\(\{\.\.\.\}\)\)$/m, ['AwsRunRoleProps.inlinePolicies'],
  ],
  [
    'inline policy name with an interpolation',
    (s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: 'arn:aws:iam::123456789012:user/vault', inlinePolicies: { '${var.injected}': DEPLOY_POLICY } }),
    'test/run',
    /inlinePolicies key "\$\{var\.injected\}" is not an inline policy name/,
  ],
  [
    'engine user allowed to assume an ARN with an interpolation',
    (s) => new AwsSecretsEngineUser(s, 'u').allowAssumeRole('arn:aws:iam::123456789012:role/run${var.injected}'),
    'test/u',
    /assumable role ARN "arn:aws:iam::123456789012:role\/run\$\{var\.injected\}" is not an IAM role ARN/,
  ],
  [
    'managed policy that is not a policy ARN',
    (s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: 'arn:aws:iam::123456789012:user/vault', managedPolicyArns: ['ReadOnlyAccess'] }),
    'test/run',
    /managed policy ARN "ReadOnlyAccess" is not an IAM policy ARN \(arn:aws:iam::<account or "aws">:policy\/<name>\)$/m, ['AwsRunRoleProps.managedPolicyArns'],
  ],
  [
    'session longer than IAM allows',
    (s) =>
      new AwsRunRole(s, 'run', {
        trustedPrincipalArn: 'arn:aws:iam::123456789012:user/vault',
        managedPolicyArns: [READ_ONLY],
        maxSessionDurationSeconds: 86400,
      }),
    'test/run',
    /maxSessionDurationSeconds is 86400; use a whole number of seconds from 3600 to 43200/, ['AwsRunRoleProps.maxSessionDurationSeconds'],
  ],
  [
    'external id with a space',
    (s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: 'arn:aws:iam::123456789012:user/vault', managedPolicyArns: [READ_ONLY], externalId: 'a b' }),
    'test/run',
    /externalId "a b" must be 2-1224 letters/, ['AwsRunRoleProps.externalId'],
  ],
  [
    'engine user name with a space',
    (s) => new AwsSecretsEngineUser(s, 'u', { userName: 'vault engine' }),
    'test/u',
    /userName "vault engine" is not an IAM user name/,
    ['AwsSecretsEngineUserProps.userName'],
  ],
  [
    'engine user assuming something that is not a role',
    (s) => new AwsSecretsEngineUser(s, 'u', { assumableRoleArns: ['arn:aws:iam::123456789012:user/x'] }),
    'test/u',
    /assumable role ARN "arn:aws:iam::123456789012:user\/x" is not an IAM role ARN/, ['AwsSecretsEngineUserProps.assumableRoleArns'],
  ],
  [
    'run role name with a space',
    (s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: VAULT_USER, managedPolicyArns: [READ_ONLY], roleName: 'my role' }),
    'test/run',
    /roleName "my role" is not an IAM role name/, ['AwsRunRoleProps.roleName'],
  ],
  [
    'run role path without a trailing slash',
    (s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: VAULT_USER, managedPolicyArns: [READ_ONLY], path: '/vault' }),
    'test/run',
    /path "\/vault" is not an IAM path; it must start and end with "\/"/, ['AwsRunRoleProps.path'],
  ],
  [
    'run role permissions boundary that is not a policy ARN',
    (s) => new AwsRunRole(s, 'run', { trustedPrincipalArn: VAULT_USER, managedPolicyArns: [READ_ONLY], permissionsBoundaryArn: 'boundary' }),
    'test/run',
    /permissionsBoundaryArn "boundary" is not an IAM policy ARN \(arn:aws:iam::<account or "aws">:policy\/<name>\)$/m, ['AwsRunRoleProps.permissionsBoundaryArn'],
  ],
  [
    'engine user path without slashes',
    (s) => new AwsSecretsEngineUser(s, 'u', { path: 'vault' }),
    'test/u',
    /path "vault" is not an IAM path; it must start and end with "\/"/,
    ['AwsSecretsEngineUserProps.path'],
  ],
  [
    'engine user permissions boundary that is not a policy ARN',
    (s) => new AwsSecretsEngineUser(s, 'u', { permissionsBoundaryArn: 'boundary' }),
    'test/u',
    /permissionsBoundaryArn "boundary" is not an IAM policy ARN \(arn:aws:iam::<account or "aws">:policy\/<name>\)$/m, ['AwsSecretsEngineUserProps.permissionsBoundaryArn'],
  ],
];

describe('AWS identity validation catalogue', () => {
  refusalTable(CATALOGUE, (b) => synthErrorWithClouds(['aws'], b));
});

describe('STS session length against the IAM role\'s maximum session', () => {
  const VAULT_USER = 'arn:aws:iam::123456789012:user/vault';
  /** An assumed role on a run role of this stack, with the given TTLs and role maximum. */
  type StsTtls = { maxTtlSeconds?: number; ttlSeconds?: number };
  const chain = (ttls: StsTtls, maxSessionDurationSeconds?: number) => (s: TerraformStack) => {
    const run = new AwsRunRole(s, 'run', { trustedPrincipalArn: VAULT_USER, managedPolicyArns: [READ_ONLY], maxSessionDurationSeconds });
    new VaultBackedDynamicCredentials(s, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' })
      .addAwsSecretsEngine('aws')
      .addAssumedRole('deploy', { roleArns: [run.arn], ...ttls });
  };

  test.each<[keyof StsTtls, StsTtls, number | undefined, number]>([
    ['maxTtlSeconds', { maxTtlSeconds: 7200 }, undefined, 3600],
    ['ttlSeconds', { ttlSeconds: 5400, maxTtlSeconds: 5400 }, 3600, 3600],
    ['maxTtlSeconds', { maxTtlSeconds: 14400 }, 7200, 7200],
  ])('%s above the run role\'s maximum session (built in this stack) fails synthesis', (name, ttls, roleMax, shown) => {
    const error = synthErrorWithClouds(['aws'], chain(ttls, roleMax));
    const ttl = ttls[name];
    const line = error.split('\n').find((l) => l.includes(`${name} ${ttl} exceeds`));
    expect(line?.trim()).toBe(
      `[test/trust/aws/deploy] ${name} ${ttl} exceeds the maximum session of run role test/run (${shown} s): AWS refuses to assume a role for longer ` +
        `than that, so credential requests would fail. Set maxSessionDurationSeconds of the run role to at least ${ttl}, or lower ${name}`,
    );
  });

  test('a run role whose maximum session covers the TTL passes, without a warning', () => {
    const { stack, json } = synthWithClouds(['aws'], chain({ maxTtlSeconds: 7200, ttlSeconds: 7200 }, 7200));
    expect(byPath(json, 'vault_aws_secret_backend_role')['trust/aws/deploy/role']).toMatchObject({ max_sts_ttl: 7200 });
    expect(printedWarnings(stack).filter((w) => w.startsWith('[sts-ttl-exceeds-role-session]'))).toEqual([]);
  });

  test('a role ARN from elsewhere: a TTL above one hour warns, one hour or less does not', () => {
    const build = (maxTtlSeconds: number) => (s: TerraformStack) =>
      new VaultBackedDynamicCredentials(s, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' })
        .addAwsSecretsEngine('aws')
        .addAssumedRole('deploy', { roleArns: ['arn:aws:iam::123456789012:role/elsewhere'], maxTtlSeconds });
    const long = synthWithClouds(['aws'], build(7200));
    expect(printedWarnings(long.stack).filter((w) => w.startsWith('[sts-ttl-exceeds-role-session]'))).toEqual([
      "[sts-ttl-exceeds-role-session] maxTtlSeconds is 7200 s, above AWS's default maximum session of 3600 s; unless the IAM role " +
        "(arn:aws:iam::123456789012:role/elsewhere) has its maximum session duration raised to at least 7200 s, AWS refuses the session and runs get no " +
        "credentials",
    ]);
    const short = synthWithClouds(['aws'], build(3600));
    expect(printedWarnings(short.stack).filter((w) => w.startsWith('[sts-ttl-exceeds-role-session]'))).toEqual([]);
  });
});

describe('plan run role broader than the apply run role', () => {
  const VAULT_USER = 'arn:aws:iam::123456789012:user/vault';
  const IAM_FULL = 'arn:aws:iam::aws:policy/IAMFullAccess';
  const POWER = 'arn:aws:iam::aws:policy/PowerUserAccess';
  const grantWith = (planPolicies: string[], applyPolicies: string[]) => {
    let warned: string[] = [];
    synthWithClouds(['aws'], (s) => {
      const plan = new AwsRunRole(s, 'plan-role', { trustedPrincipalArn: VAULT_USER, managedPolicyArns: planPolicies });
      const apply = new AwsRunRole(s, 'apply-role', { trustedPrincipalArn: VAULT_USER, managedPolicyArns: applyPolicies });
      const trust = new VaultBackedDynamicCredentials(s, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const aws = trust.addAwsSecretsEngine('aws');
      warned = warnings(
        trust.grantWorkspaces('app', {
          project: 'Apps',
          workspaces: WorkspaceSelector.names('app'),
          aws: { plan: aws.addAssumedRole('read', { roleArns: [plan.arn] }), apply: aws.addAssumedRole('deploy', { roleArns: [apply.arn] }) },
        }),
      );
    });
    return warned.filter((w) => w.startsWith('[plan-broader-than-apply]'));
  };

  test('a managed policy only the plan role has warns, naming it', () => {
    expect(grantWith([READ_ONLY, IAM_FULL], [READ_ONLY, POWER])).toEqual([
      `[plan-broader-than-apply] plan run role test/plan-role has managed policies that apply run role test/apply-role lacks (${IAM_FULL}), so plan ` +
        `runs, which any pull request starts, can do what applies cannot; give the plan role a subset of the apply role's policies`,
    ]);
  });

  test('plan policies that are a subset of apply\'s do not warn', () => {
    expect(grantWith([READ_ONLY], [READ_ONLY, POWER])).toEqual([]);
    expect(grantWith([READ_ONLY], [READ_ONLY])).toEqual([]);
  });
});
