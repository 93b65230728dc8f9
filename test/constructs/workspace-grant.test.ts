import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack } from 'cdktf';
import {
  AwsPhaseCredentials,
  AwsSecretsEngine,
  HcpTerraformJwtAuthMount,
  VaultBackedDynamicCredentials,
  WorkspaceGrant,
  WorkspaceGrantOptions,
  WorkspaceGrantProps,
  WorkspaceSelector,
} from '../../lib';
import { RefusalCase, refusalTable } from '../support/refusals';

/**
 * Workspace grants (WorkspaceGrant, made by grantWorkspaces or built directly): the validation of their own options.
 * What a grant synthesizes is tested in trust-chain.test.ts and the cloud engine files; tagged configurations in
 * configurations.test.ts.
 */

const ARN = 'arn:aws:iam::123456789012:role/runner';
const OTHER_ARN = 'arn:aws:iam::123456789012:role/elsewhere';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

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
    /plan role "ro" is in mount "aws-a" but apply role "rw" is in mount "aws-b"/, ['AwsPhaseCredentials.plan'],
  ],
  [
    'several role ARNs and no choice',
    (s) => {
      const trust = trustWith(s);
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('runner', { roleArns: [ARN, 'arn:aws:iam::123456789012:role/other'] });
      trust.grantWorkspaces('grant', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: r, apply: r } });
    },
    'test/trust/grant',
    /has 2 role ARNs; set planRoleArn/,
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
    /applyRoleArn "arn:aws:iam::123456789012:role\/elsewhere" is not one of the roleArns of engine role "r"/, ['AwsPhaseCredentials.applyRoleArn'],
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
