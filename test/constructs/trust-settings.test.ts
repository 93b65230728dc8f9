import { TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, VaultBackedDynamicCredentialsProps, WorkspaceSelector } from '../../lib';
import { AuditTokenKind, defaultAuditClaimMappings } from 'vault-backed-credentials-report/catalogue';
import { claimMappingSourceProblems, claimMappingTargetProblems } from '../../lib/private/trust-setting-checks';
import { TokenKind } from '../../lib/trust-settings';
import { refusalTable } from '../support/refusals';
import { at, byPath, JsonObject, synthError, synthWith } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/runner';
const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n').toString('base64');

/** The synthesized JWT roles by Vault role name. */
function rolesByName(json: unknown): Record<string, JsonObject> {
  return Object.fromEntries(Object.values(byPath(json, 'vault_jwt_auth_backend_role')).map((role) => [String(role.role_name), role]));
}

/** A facade with one grant of each kind: workspace (plan + apply), Stack (plan + apply) and module test (one role). */
function everyKind(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}, stackMappings = true): VaultBackedDynamicCredentials {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
  const engine = trust.addAwsSecretsEngine('aws');
  const role = engine.addAssumedRole('runner', { roleArns: [ARN] });
  trust.grantWorkspaces('ws', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role } });
  if (stackMappings)
    trust.grantStackDeployments('st', { project: 'Platform', stack: 'network', deployments: ['prod'], planCredentials: [role], applyCredentials: [role] });
  trust.grantModuleTests('mt', { module: 'terraform-aws-vpc', moduleProvider: 'aws', aws: role });
  return trust;
}

describe('one trust model: the facade hands every setting to every grant kind', () => {
  test('organizationId binds terraform_organization_id on every JWT role of every kind (5 of 5)', () => {
    const { json } = synthWith((stack) => everyKind(stack, { organizationId: 'org-GRNbCjYNpBB6NEH9' }));
    const roles = rolesByName(json);
    expect(Object.keys(roles).sort()).toEqual(['tfc-module-mt', 'tfc-stack-st-apply', 'tfc-stack-st-plan', 'tfc-ws-apply', 'tfc-ws-plan']);
    for (const [name, role] of Object.entries(roles)) {
      expect([name, at(role, 'bound_claims', 'terraform_organization_id')]).toEqual([name, 'org-GRNbCjYNpBB6NEH9']);
    }
  });

  test('without organizationId no role binds terraform_organization_id', () => {
    const { json } = synthWith((stack) => everyKind(stack));
    for (const role of Object.values(byPath(json, 'vault_jwt_auth_backend_role'))) {
      expect(at(role, 'bound_claims', 'terraform_organization_id')).toBeUndefined();
    }
  });

  test('module test runs get the Vault CA, client timeout, token TTLs and claim mappings of the facade', () => {
    const { json } = synthWith((stack) =>
      everyKind(stack, {
        vaultEncodedCaCert: CA,
        vaultClientTimeoutSeconds: 120,
        tokenTtlSeconds: 900,
        tokenMaxTtlSeconds: 3600,
        claimMappings: { terraform_run_id: 'run_id', terraform_organization_name: 'organization' },
      }, false),
    );
    const testVariables = Object.values(byPath(json, 'tfe_test_variable'));
    const byKey = new Map(testVariables.map((v) => [v.key, v]));
    expect(byKey.get('TFC_VAULT_ENCODED_CACERT')).toMatchObject({ value: CA, sensitive: true, module_name: 'terraform-aws-vpc' });
    expect(byKey.get('TFC_VAULT_CLIENT_TIMEOUT')).toMatchObject({ value: '120' });
    const roles = byPath(json, 'vault_jwt_auth_backend_role');
    for (const path of ['trust/mt/role', 'trust/ws/plan/role', 'trust/ws/apply/role']) {
      expect([path, roles[path].token_ttl, roles[path].token_max_ttl, roles[path].claim_mappings]).toEqual([
        path,
        900,
        3600,
        { terraform_run_id: 'run_id', terraform_organization_name: 'organization' },
      ]);
    }
  });

  test('Stack roles get the token TTLs and claim mappings their tokens carry', () => {
    const { json } = synthWith((stack) => everyKind(stack, { tokenTtlSeconds: 600, claimMappings: { terraform_organization_name: 'organization' } }));
    const roles = rolesByName(json);
    expect(roles['tfc-stack-st-plan']).toMatchObject({ token_ttl: 600, claim_mappings: { terraform_organization_name: 'organization' } });
    expect(roles['tfc-stack-st-apply']).toMatchObject({ token_ttl: 600, claim_mappings: { terraform_organization_name: 'organization' } });
  });

  test('a claim mapping of terraform_run_phase is refused for Stack tokens, which carry terraform_operation', () => {
    const error = synthError((stack) => everyKind(stack, { claimMappings: { terraform_run_phase: 'phase' } }));
    const lines = error.split('\n').filter((l) => l.includes('terraform_run_phase'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\s*\[test\/trust\/st\/plan\] claimMappings maps "terraform_run_phase", which Stacks deployment tokens do not carry \(Stack tokens name the phase in terraform_operation\)/);
  });

  const stackGrant = (stackMappings: Record<string, string>) => (stack: TerraformStack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
      organization: 'acme',
      vaultAddress: 'https://vault.example.com',
      claimMappings: { terraform_run_phase: 'phase', terraform_workspace_name: 'workspace' },
    });
    const role = trust.addAwsSecretsEngine('aws').addAssumedRole('runner', { roleArns: [ARN] });
    const credentials = { planCredentials: [role], applyCredentials: [role] };
    trust.grantStackDeployments('st', { project: 'Platform', stack: 'network', deployments: ['prod'], ...credentials, claimMappings: stackMappings });
  };
  const moduleGrant = (moduleMappings: Record<string, string>) => (stack: TerraformStack) => {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
      organization: 'acme',
      vaultAddress: 'https://vault.example.com',
      claimMappings: { terraform_workspace_name: 'workspace' },
    });
    const role = trust.addAwsSecretsEngine('aws').addAssumedRole('runner', { roleArns: [ARN] });
    trust.grantModuleTests('mt', { module: 'terraform-aws-vpc', moduleProvider: 'aws', aws: role, claimMappings: moduleMappings });
  };

  test("a Stack grant's own claimMappings replace the trust's", () => {
    const { json } = synthWith(stackGrant({ terraform_operation: 'phase' }));
    expect(rolesByName(json)['tfc-stack-st-apply'].claim_mappings).toEqual({ terraform_operation: 'phase' });
  });

  test("a module test grant's own claimMappings replace the trust's", () => {
    const { json } = synthWith(moduleGrant({ terraform_run_id: 'run_id' }));
    expect(rolesByName(json)['tfc-module-mt'].claim_mappings).toEqual({ terraform_run_id: 'run_id' });
  });

  describe('a grant\'s own claimMappings are checked against the tokens of its kind', () => {
    refusalTable([
      [
        'a Stack grant mapping a claim Stack tokens lack',
        stackGrant({ terraform_workspace_name: 'workspace' }),
        'test/trust/st/plan',
        /claimMappings maps "terraform_workspace_name", which Stacks deployment tokens do not carry; remove it or use one of .* \(set claimMappings on th/,
        ['StackDeploymentGrantOptions.claimMappings'],
      ],
      [
        'a module test grant mapping a claim test-run tokens lack',
        moduleGrant({ terraform_project_name: 'project' }),
        'test/trust/mt',
        /claimMappings maps "terraform_project_name", which registry module test-run tokens do not carry/,
        ['ModuleTestGrantOptions.claimMappings'],
      ],
    ]);
  });

  test('terraform_run_phase is accepted for workspace runs and module tests alone', () => {
    const { json } = synthWith((stack) => everyKind(stack, { claimMappings: { terraform_run_phase: 'phase' } }, false));
    expect(byPath(json, 'vault_jwt_auth_backend_role')['trust/mt/role'].claim_mappings).toEqual({ terraform_run_phase: 'phase' });
  });
});

describe('auditable by default: every role maps the claims that identify the run into token metadata', () => {
  const WORKSPACE_DEFAULT = {
    terraform_run_id: 'run_id',
    terraform_workspace_id: 'workspace_id',
    terraform_workspace_name: 'workspace_name',
    terraform_run_phase: 'run_phase',
  };
  const STACK_DEFAULT = {
    terraform_stack_id: 'stack_id',
    terraform_stack_deployment_name: 'stack_deployment',
    terraform_operation: 'operation',
    terraform_plan_id: 'plan_id',
  };
  const MODULE_TEST_DEFAULT = { terraform_run_id: 'run_id', sub: 'subject' };

  test('without claimMappings each role writes the default of its token kind (5 of 5)', () => {
    const roles = rolesByName(synthWith((stack) => everyKind(stack)).json);
    expect(Object.fromEntries(Object.entries(roles).map(([name, role]) => [name, role.claim_mappings]))).toEqual({
      'tfc-ws-plan': WORKSPACE_DEFAULT,
      'tfc-ws-apply': WORKSPACE_DEFAULT,
      'tfc-stack-st-plan': STACK_DEFAULT,
      'tfc-stack-st-apply': STACK_DEFAULT,
      'tfc-module-mt': MODULE_TEST_DEFAULT,
    });
  });

  test('a shared run role gets the workspace-run default too', () => {
    const { json } = synthWith((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('runner', { roleArns: [ARN] });
      trust.grantWorkspaces('ws', {
        project: 'Platform',
        workspaces: WorkspaceSelector.names('network'),
        aws: { plan: role, apply: role },
        sharedRunRole: true,
      });
    });
    expect(Object.values(rolesByName(json)).map((role) => role.claim_mappings)).toEqual([WORKSPACE_DEFAULT]);
  });

  test("each kind's default obeys Vault's rules for metadata keys and maps only claims its tokens carry", () => {
    const kinds: Array<[TokenKind, AuditTokenKind]> = [
      ['workspace run', 'workspace-run'],
      ['Stacks deployment', 'stack'],
      ['registry module test-run', 'module-test'],
    ];
    for (const [tokenKind, auditKind] of kinds) {
      const mappings = defaultAuditClaimMappings(auditKind);
      expect([auditKind, claimMappingTargetProblems(mappings), claimMappingSourceProblems(mappings, tokenKind)]).toEqual([auditKind, [], []]);
      expect(Object.values(mappings)).not.toContain('role');
    }
  });

  test("a user's claimMappings replace the default whole; {} maps nothing", () => {
    const mapped = rolesByName(synthWith((stack) => everyKind(stack, { claimMappings: { terraform_organization_name: 'organization' } }, false)).json);
    expect(mapped['tfc-ws-plan'].claim_mappings).toEqual({ terraform_organization_name: 'organization' });
    expect(mapped['tfc-module-mt'].claim_mappings).toEqual({ terraform_organization_name: 'organization' });
    const none = rolesByName(synthWith((stack) => everyKind(stack, { claimMappings: {} })).json);
    for (const [name, role] of Object.entries(none)) expect([name, role.claim_mappings]).toEqual([name, undefined]);
  });

  test('mixed: a Stack grant with its own mappings, the workspace and module test grants on the defaults', () => {
    const { json } = synthWith((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('runner', { roleArns: [ARN] });
      trust.grantWorkspaces('ws', { project: 'Platform', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role } });
      trust.grantStackDeployments('st', {
        project: 'Platform', stack: 'network', deployments: ['prod'], planCredentials: [role], applyCredentials: [role],
        claimMappings: { terraform_stack_name: 'stack_name' },
      });
      trust.grantModuleTests('mt', { module: 'terraform-aws-vpc', moduleProvider: 'aws', aws: role });
    });
    const roles = rolesByName(json);
    expect(roles['tfc-stack-st-plan'].claim_mappings).toEqual({ terraform_stack_name: 'stack_name' });
    expect(roles['tfc-stack-st-apply'].claim_mappings).toEqual({ terraform_stack_name: 'stack_name' });
    expect(roles['tfc-ws-apply'].claim_mappings).toEqual(WORKSPACE_DEFAULT);
    expect(roles['tfc-module-mt'].claim_mappings).toEqual(MODULE_TEST_DEFAULT);
  });
});

describe('each input is validated once, where it enters', () => {
  const errorLines = (error: string) => error.split('\n').filter((l) => /^\s*\[/.test(l));

  test("organization 'acme*' produces exactly one error, at the facade", () => {
    const error = synthError((stack) => everyKind(stack, { organization: 'acme*' }));
    const lines = errorLines(error);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\s*\[test\/trust\] HCP Terraform organization name "acme\*"/);
  });

  test('a bad Vault address, TTL, audience and organization id each produce one error across five roles', () => {
    const error = synthError((stack) =>
      everyKind(stack, { vaultAddress: 'vault.example.com', tokenTtlSeconds: 10, audience: 'a b', organizationId: 'nope' }),
    );
    const lines = errorLines(error);
    expect(lines.filter((l) => l.includes('vaultAddress "vault.example.com"'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('tokenTtlSeconds is 10'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('audience "a b"'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('organizationId "nope"'))).toHaveLength(1);
    expect(lines.every((l) => l.trim().startsWith('[test/trust]'))).toBe(true);
  });

  test('a project name with a glob produces one error, not one per role and variable set', () => {
    const error = synthError((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('runner', { roleArns: [ARN] });
      trust.grantWorkspaces('ws', { project: 'Plat*', workspaces: WorkspaceSelector.names('network'), aws: { plan: role, apply: role } });
    });
    expect(errorLines(error).filter((l) => l.includes('"Plat*"'))).toHaveLength(1);
  });
});
