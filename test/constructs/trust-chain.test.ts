import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, Testing } from 'cdktf';
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Workspace } from '@cdktf/provider-tfe/lib/workspace';
import { parse } from '@cdktf/hcl2json';
import {
  VaultBackedDynamicCredentials,
  WorkspaceSelector,
} from '../../lib';
import { explain } from '../../packages/report/src/explain';
import { runCanRead, simulateWorkspaceRun } from '../../packages/report/src/simulate';
import { at, bodiesOf, byPath, stringAt, synthWith, variablesUnder, vaultProviderOf, warnings } from '../support/synth';

/**
 * The chain from a run's token to its credentials, through the facade: the JWT roles and policies a grant writes,
 * who can log in with them, escape hatches and the provider namespace. The parts have their own files: the JWT mount
 * (jwt-auth-mount), the AWS engine (aws-secrets-engine), the variable set (credential-variable-set).
 */

const ARN_READ = 'arn:aws:iam::123456789012:role/read';
const ARN_ADMIN = 'arn:aws:iam::123456789012:role/admin';

function basicTrust(stack: TerraformStack, extra: Partial<ConstructorParameters<typeof VaultBackedDynamicCredentials>[2]> = {}) {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
    organization: 'acme',
    vaultAddress: 'https://vault.example.com:8200',
    ...extra,
  });
  const aws = trust.addAwsSecretsEngine('aws');
  const read = aws.addAssumedRole('read', { roleArns: [ARN_READ] });
  const admin = aws.addAssumedRole('admin', { roleArns: [ARN_ADMIN] });
  return { trust, aws, read, admin };
}

describe('workload roles and policies', () => {
  test('a name grant yields a plan role and an apply role with exact subjects and string matching', () => {
    const { json } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack);
      trust.grantWorkspaces('net', { project: 'Default Project', workspaces: WorkspaceSelector.names('b-ws', 'a-ws'), aws: { plan: read, apply: admin } });
    });
    const roles = byPath(json, 'vault_jwt_auth_backend_role');
    expect(Object.keys(roles).sort()).toEqual(['trust/net/apply/role', 'trust/net/plan/role']);
    expect(roles['trust/net/plan/role']).toMatchObject({
      role_name: 'tfc-net-plan',
      role_type: 'jwt',
      user_claim: 'terraform_full_workspace',
      bound_audiences: ['vault.workload.identity'],
      bound_claims_type: 'string',
      bound_claims: {
        sub: 'organization:acme:project:Default Project:workspace:a-ws:run_phase:plan,organization:acme:project:Default Project:workspace:b-ws:run_phase:plan',
      },
      token_ttl: 1200,
      token_type: 'service',
    });
    expect(roles['trust/net/plan/role'].token_max_ttl).toBeUndefined();
    expect(at(roles['trust/net/apply/role'], 'bound_claims', 'sub')).toBe(
      'organization:acme:project:Default Project:workspace:a-ws:run_phase:apply,organization:acme:project:Default Project:workspace:b-ws:run_phase:apply',
    );
    expect(roles['trust/net/apply/role'].token_policies).toEqual([expect.stringMatching(/^\$\{vault_policy\..+\.name\}$/)]);
  });

  test('policies hold the token self paths and exactly the phase credential path, and parse as HCL', async () => {
    const { json } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack);
      trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin } });
    });
    const policies = byPath(json, 'vault_policy');
    expect(policies['trust/net/plan/policy'].name).toBe('tfc-net-plan');
    const parsed = await parse('policy.hcl', stringAt(policies['trust/net/plan/policy'], 'policy'));
    expect(parsed).toEqual({
      path: {
        'auth/token/lookup-self': [{ capabilities: ['read'] }],
        'auth/token/renew-self': [{ capabilities: ['update'] }],
        'auth/token/revoke-self': [{ capabilities: ['update'] }],
        'aws/sts/read': [{ capabilities: ['read'] }],
      },
    });
    const apply = await parse('policy.hcl', stringAt(policies['trust/net/apply/policy'], 'policy'));
    expect(Object.keys(apply.path)).toEqual(['auth/token/lookup-self', 'auth/token/renew-self', 'auth/token/revoke-self', 'aws/sts/admin']);
  });

  test('policy names are lower-case even when the role name is not', () => {
    const { text } = synthWith((stack) => {
      const { trust, read } = basicTrust(stack);
      trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: read }, roleName: 'Team-Net' });
    });
    expect(bodiesOf(text, 'vault_policy').map((p) => p.name).sort()).toEqual(['team-net-apply', 'team-net-plan']);
  });

  test('a project-wide grant uses a glob on the workspace segment only, and warns', () => {
    let warned: string[] = [];
    const { json } = synthWith((stack) => {
      const { trust, read } = basicTrust(stack);
      const grant = trust.grantWorkspaces('all', { project: 'Sandbox', workspaces: WorkspaceSelector.allInProject(), aws: { plan: read, apply: read } });
      warned = warnings(grant);
    });
    const roles = byPath(json, 'vault_jwt_auth_backend_role');
    expect(roles['trust/all/plan/role']).toMatchObject({
      bound_claims_type: 'glob',
      bound_claims: { sub: 'organization:acme:project:Sandbox:workspace:*:run_phase:plan' },
    });
    expect(warned.join('\n')).toMatch(/every workspace of project "Sandbox"/);
  });

  test('a shared run role admits both phases explicitly, never run_phase:*', () => {
    const { json } = synthWith((stack) => {
      const { trust, read } = basicTrust(stack);
      trust.grantWorkspaces('one', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: read }, sharedRunRole: true });
    });
    const roles = byPath(json, 'vault_jwt_auth_backend_role');
    expect(Object.keys(roles)).toEqual(['trust/one/run/role']);
    expect(at(roles['trust/one/run/role'], 'bound_claims', 'sub')).toBe(
      'organization:acme:project:Net:workspace:a:run_phase:plan,organization:acme:project:Net:workspace:a:run_phase:apply',
    );
    const vars = variablesUnder(json, 'trust/one/');
    expect(vars.TFC_VAULT_RUN_ROLE.value).toMatch(/role_name\}$/);
    expect(vars.TFC_VAULT_PLAN_ROLE).toBeUndefined();
    expect(vars.TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE.value).toMatch(/\.name\}$/);
  });

  test('a shared role over different plan and apply credentials warns that plan can read apply credentials', () => {
    let warned: string[] = [];
    synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack);
      warned = warnings(
        trust.grantWorkspaces('one', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin }, sharedRunRole: true }),
      );
    });
    expect(warned.filter((w) => w.startsWith('[plan-apply-shared]'))).toEqual([
      '[plan-apply-shared] plan and apply log in with the same role "tfc-one", so plan runs (any pull request) hold everything applies hold ' +
        '(aws/sts/admin, aws/sts/read); use separate plan and apply roles',
    ]);
  });

  test('synthesis and the report flag plan/apply sharing by the same rule and id, and only when it exists', () => {
    const cases = [
      { name: 'shared role', options: { aws: 'read/admin', sharedRunRole: true }, shared: true },
      { name: 'same engine role in both phases', options: { aws: 'read/read' }, shared: true },
      { name: 'separate roles and credentials', options: { aws: 'read/admin' }, shared: false },
    ];
    for (const c of cases) {
      let warned: string[] = [];
      const { json } = synthWith((stack) => {
        const { trust, read, admin } = basicTrust(stack);
        const [plan, apply] = c.options.aws.split('/').map((k) => (k === 'read' ? read : admin));
        warned = warnings(
          trust.grantWorkspaces('one', {
            project: 'Net',
            workspaces: WorkspaceSelector.names('a'),
            aws: { plan, apply },
            sharedRunRole: c.options.sharedRunRole,
          }),
        );
      });
      const synthesized = warned.filter((w) => w.startsWith('[plan-apply-shared] ')).map((w) => w.slice('[plan-apply-shared] '.length));
      const reported = explain(json).findings.filter((f) => f.rule === 'plan-apply-shared').map((f) => f.message);
      expect({ case: c.name, synthesized }).toEqual({ case: c.name, synthesized: reported });
      expect({ case: c.name, flagged: reported.length > 0 }).toEqual({ case: c.name, flagged: c.shared });
    }
  });

  test('workspace ids bind the terraform_workspace_id claim and attach by id', () => {
    const { json, text, config } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack);
      trust.grantWorkspaces('ids', { project: 'Net', workspaces: WorkspaceSelector.ids('ws-abc123', 'ws-Zz9'), aws: { plan: read, apply: admin } });
    });
    const role = byPath(json, 'vault_jwt_auth_backend_role')['trust/ids/plan/role'];
    expect(role.bound_claims).toEqual({
      sub: 'organization:acme:project:Net:workspace:*:run_phase:plan',
      terraform_workspace_id: 'ws-Zz9,ws-abc123',
    });
    expect(bodiesOf(text, 'tfe_workspace_variable_set').map((a) => a.workspace_id).sort()).toEqual(['ws-Zz9', 'ws-abc123']);
    const granted = { organization: 'acme', project: 'Net', workspace: 'renamed-later', workspaceId: 'ws-abc123', runPhase: 'plan' as const };
    expect(simulateWorkspaceRun(config, granted).awsAllowed).toBe(true);
    expect(simulateWorkspaceRun(config, { ...granted, workspaceId: 'ws-other' }).variableSets).toEqual([]);
  });

  test('tfe_workspace objects bind name and id by reference', () => {
    const { json, text } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack);
      const ws = new Workspace(stack, 'ws', { name: 'net-prod', organization: 'acme' });
      trust.grantWorkspaces('refs', { project: 'Net', workspaces: WorkspaceSelector.references(ws), aws: { plan: read, apply: admin } });
    });
    const role = byPath(json, 'vault_jwt_auth_backend_role')['trust/refs/apply/role'];
    expect(at(role, 'bound_claims', 'sub')).toMatch(/^organization:acme:project:Net:workspace:\$\{tfe_workspace\.ws\.name\}:run_phase:apply$/);
    expect(at(role, 'bound_claims', 'terraform_workspace_id')).toBe('${tfe_workspace.ws.id}');
    expect(role.bound_claims_type).toBe('string');
    expect(bodiesOf(text, 'tfe_workspace_variable_set')[0].workspace_id).toBe('${tfe_workspace.ws.id}');
  });

  test('audience, user claim and TTLs flow to the role and, when not default, to the variables', () => {
    const { json } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack, {
        audience: 'vault.acme',
        userClaim: 'terraform_workspace_id',
        tokenTtlSeconds: 900,
        tokenMaxTtlSeconds: 7200,
      });
      trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin } });
    });
    expect(byPath(json, 'vault_jwt_auth_backend_role')['trust/net/plan/role']).toMatchObject({
      bound_audiences: ['vault.acme'],
      user_claim: 'terraform_workspace_id',
      token_ttl: 900,
      token_max_ttl: 7200,
    });
    expect(variablesUnder(json, 'trust/net/').TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE.value).toBe('vault.acme');
  });
});

test('claim mappings put run id, workspace and phase into token metadata for the audit log', () => {
  const { text } = synthWith((stack) => {
    const { trust, read, admin } = basicTrust(stack, {
      claimMappings: { terraform_run_id: 'run_id', terraform_full_workspace: 'workspace', terraform_run_phase: 'phase' },
    });
    trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin } });
  });
  for (const role of bodiesOf(text, 'vault_jwt_auth_backend_role')) {
    expect(role.claim_mappings).toEqual({ terraform_run_id: 'run_id', terraform_full_workspace: 'workspace', terraform_run_phase: 'phase' });
  }
});

describe('escape hatches', () => {
  test('every created resource is reachable for addOverride', () => {
    const { json, text } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack);
      const grant = trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin } });
      grant.planRole.role.addOverride('token_num_uses', 0);
      grant.applyRole.policy.addOverride('namespace', 'override-ns');
      grant.variableSet.variableSet.addOverride('description', 'overridden');
      trust.authMount.backend!.addOverride('description', 'mount');
      read.resource.addOverride('max_sts_ttl', 3600);
      expect(grant.variableSet.keys).toContain('TFC_VAULT_ADDR');
      grant.variableSet.findVariable('TFC_VAULT_ADDR')!.addOverride('description', 'where Vault is');
    });
    expect(byPath(json, 'vault_jwt_auth_backend_role')['trust/net/plan/role'].token_num_uses).toBe(0);
    expect(byPath(json, 'vault_policy')['trust/net/apply/policy'].namespace).toBe('override-ns');
    expect(bodiesOf(text, 'tfe_variable_set')[0].description).toBe('overridden');
    expect(byPath(json, 'vault_aws_secret_backend_role')['trust/aws/read/role'].max_sts_ttl).toBe(3600);
    expect(variablesUnder(json, 'trust/net/').TFC_VAULT_ADDR.description).toBe('where Vault is');
  });
});

describe('who can log in, for every selector kind', () => {
  test.each([
    ['names', WorkspaceSelector.names('app-1')],
    ['allInProject', WorkspaceSelector.allInProject()],
  ])('%s: granted workspaces read their phase path only; others in the org cannot', (_kind, selector) => {
    const { config } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack);
      trust.grantWorkspaces('g', { project: 'Apps', workspaces: selector, aws: { plan: read, apply: admin } });
    });
    const base = { organization: 'acme', project: 'Apps', workspace: 'app-1' };
    expect(runCanRead(config, { ...base, runPhase: 'plan' }, 'aws/sts/read')).toBe(true);
    expect(runCanRead(config, { ...base, runPhase: 'plan' }, 'aws/sts/admin')).toBe(false);
    expect(runCanRead(config, { ...base, runPhase: 'apply' }, 'aws/sts/admin')).toBe(true);
    expect(runCanRead(config, { ...base, runPhase: 'apply' }, 'aws/sts/read')).toBe(false);
    expect(runCanRead(config, { ...base, project: 'Apps2', runPhase: 'apply' }, 'aws/sts/admin')).toBe(false);
    expect(runCanRead(config, { ...base, organization: 'acme2', runPhase: 'apply' }, 'aws/sts/admin')).toBe(false);
  });
});

test('roles a stack does not create are still type-checked by the provider classes used here', () => {
  // Guards the import style: the submodule classes used above are the real provider classes.
  expect(JwtAuthBackendRole.tfResourceType).toBe('vault_jwt_auth_backend_role');
  expect(Testing).toBeDefined();
});

describe('Vault provider namespace', () => {
  test('runs log in to the provider namespace joined with the resource namespace', () => {
    const { json, text } = synthWith((stack) => {
      vaultProviderOf(stack).namespace = 'admin';
      const { trust, read, admin } = basicTrust(stack, { vaultProviderNamespace: 'admin', vaultNamespace: 'team-a' });
      trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin } });
    });
    expect(variablesUnder(json, 'trust/net/').TFC_VAULT_NAMESPACE.value).toBe('admin/team-a');
    for (const role of bodiesOf(text, 'vault_jwt_auth_backend_role')) expect(role.namespace).toBe('team-a');
  });
});
