import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  AwsSecretsEngine,
  CredentialCloud,
  HcpTerraformJwtAuthMount,
  ISecretsEngineRole,
  RunPhase,
  WorkloadRole,
  WorkloadRoleProps,
  WorkspaceSelector,
} from '../../lib';
import { RefusalCase, refusalTable } from '../support/refusals';
import { byPath, synthWith } from '../support/synth';

/**
 * Workload roles built directly (WorkloadRole: a JWT role and its policy): what they refuse. The roles grants make
 * are tested through their grants (trust-chain.test.ts, workspace-grant.test.ts).
 */

const ARN = 'arn:aws:iam::123456789012:role/runner';

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

const CATALOGUE: RefusalCase[] = [
  ['workload role without run phases', (s) => workloadRole(s, { runPhases: [] }), 'test/role', /runPhases is empty; give RunPhase\.PLAN, RunPhase\.APPLY or both/, ['WorkloadRoleProps.runPhases']],
  ['workload role without credentials', (s) => workloadRole(s, { credentials: [] }), 'test/role', /the role grants no credentials; add at least one secrets-engine role/, ['WorkloadRoleProps.credentials']],
  ['workload role policy name with a space', (s) => workloadRole(s, { policyName: 'my policy' }), 'test/role', /Vault policy name "my policy" contains " ", which is not allowed/, ['WorkloadRoleProps.policyName']],
  ['workload role name with a slash', (s) => workloadRole(s, { roleName: 'team/app' }), 'test/role', /Vault role name "team\/app" contains "\/", which is not allowed/, ['WorkloadRoleProps.roleName']],
  ['workload role organization with a glob', (s) => workloadRole(s, { organization: 'acme*' }), 'test/role', /organization name "acme\*" contains "\*"/],
  [
    'workload role organization given by reference',
    (s) => workloadRole(s, { organization: new TerraformVariable(s, 'org', { type: 'string' }).stringValue }),
    'test/role',
    /organization must be a literal name: it anchors every subject pattern and cannot be checked when it is a reference$/,
  ],
  [
    'workload role project given by reference',
    (s) => workloadRole(s, { project: new TerraformVariable(s, 'project', { type: 'string' }).stringValue }),
    'test/role',
    /project must be a literal name: it is part of every subject pattern$/,
  ],
  ['workload role project id with a prefix before prj-', (s) => workloadRole(s, { projectId: 'xprj-abc1' }), 'test/role', /projectId "xprj-abc1" is not "prj-" followed/],
  ['workload role project id with a character after the id', (s) => workloadRole(s, { projectId: 'prj-abc1!' }), 'test/role', /projectId "prj-abc1!" is not "prj-" followed/],
  // Built on its own, the role validates the trust settings a grant would have validated for it.
  [
    'workload role organization id without the org- prefix',
    (s) => workloadRole(s, { organizationId: 'not-an-id' }),
    'test/role',
    /\] organizationId "not-an-id" is not "org-" followed by letters and digits; copy it from the organization settings$/,
  ],
  [
    'workload role claim mapping target with a space',
    (s) => workloadRole(s, { claimMappings: { terraform_run_id: 'run id' } }),
    'test/role',
    /\] claimMappings target "run id" \(of claim "terraform_run_id"\) must be 1-64 letters, digits or "_"$/,
  ],
  [
    'workload role name given by reference',
    (s) => workloadRole(s, { roleName: new TerraformVariable(s, 'role_name', { type: 'string' }).stringValue }),
    'test/role',
    /\] Vault role name must be a literal string: Vault's naming rules and name collisions are checked at synthesis$/,
  ],
  [
    'workload role reading an engine role of a namespace, its mount in the root namespace',
    (s) => {
      const teamEngine = new AwsSecretsEngine(s, 'team-aws', { path: 'team-aws', vaultNamespace: 'team' });
      workloadRole(s, { credentials: [teamEngine.addAssumedRole('r', { roleArns: [ARN] })] });
    },
    'test/role',
    /\] secrets-engine role "r" is in namespace "team" but the JWT auth mount is in the root namespace; a run token can only read paths of its own namespace, so put both in the same namespace$/,
  ],
  [
    'workload role in a namespaced mount reading an engine role of the root namespace',
    (s) => workloadRole(s, { authMount: new HcpTerraformJwtAuthMount(s, 'team-jwt', { vaultNamespace: 'team' }) }),
    'test/role',
    /\] secrets-engine role "r" is in the root namespace but the JWT auth mount is in namespace "team"; a run token can only read paths of its own namespace, so put both in the same namespace$/,
  ],
];

test('a workload role admits each run phase once, plan before apply, whatever the order given', () => {
  let role!: WorkloadRole;
  synthWith((stack) => {
    role = workloadRole(stack, { runPhases: [RunPhase.APPLY, RunPhase.PLAN, RunPhase.APPLY] });
  });
  expect(role.runPhases).toEqual([RunPhase.PLAN, RunPhase.APPLY]);
});

test('a secrets-engine role of its own making keeps its credential path in the policy, even under a name this library refuses for its engine roles', () => {
  // Only the library's engine roles refuse a bad name themselves; the policy leaves their path out to avoid a second
  // message. A role implemented outside the library is not checked that way, so its path must stay in the policy.
  const own: ISecretsEngineRole = {
    cloud: CredentialCloud.AWS,
    roleName: 'team/deploy',
    roleNameReference: 'team/deploy',
    mountPath: 'aws',
    mountPathReference: 'aws',
    credentialPath: 'aws/sts/team/deploy',
    credentialType: 'assumed_role',
  };
  const { json } = synthWith((stack) => {
    workloadRole(stack, { credentials: [own] });
  });
  const policy = byPath(json, 'vault_policy')['role/policy'];
  expect(String(policy.policy)).toContain('path "aws/sts/team/deploy" {');
});

describe('workload role validation catalogue: each case fails synthesis naming the construct path, the value and the fix', () => {
  refusalTable(CATALOGUE);
});
