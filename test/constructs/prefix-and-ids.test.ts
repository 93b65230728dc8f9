import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, VaultBackedDynamicCredentialsProps, WorkspaceSelector } from '../../lib';
import { explain } from '../../packages/report/src/explain';
import { simulateLogin, simulateWorkspaceRun, workspaceRunClaims } from '../../packages/report/src/simulate';
import { checkProviderSchemas } from '../support/provider-schema';
import { refusalTable } from '../support/refusals';
import { at, byPath, stringAt, synthError, synthWith, warnings } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/r';

function grantFor(
  stack: TerraformStack,
  selector: WorkspaceSelector,
  extra: Record<string, unknown> = {},
  trustProps: Partial<VaultBackedDynamicCredentialsProps> = {},
) {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...trustProps });
  const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
  return trust.grantWorkspaces('net', { project: 'Net', workspaces: selector, aws: { plan: r, apply: r }, ...extra });
}

describe('prefix selector', () => {
  const { json, config } = synthWith((stack) => grantFor(stack, WorkspaceSelector.prefix('network-')));

  test('the role binds the prefix inside the workspace segment', () => {
    const role = byPath(json, 'vault_jwt_auth_backend_role')['trust/net/plan/role'];
    expect(role.bound_claims).toEqual({ sub: 'organization:acme:project:Net:workspace:network-*:run_phase:plan' });
    expect(role.bound_claims_type).toBe('glob');
  });

  test.each([
    ['network-prod', 'Net', true],
    ['network-', 'Net', true],
    ['networks', 'Net', false],
    ['Network-prod', 'Net', false],
    ['my-network-prod', 'Net', false],
    ['network-prod', 'Net2', false],
  ])('workspace %s of project %s can log in: %s', (workspace, project, admitted) => {
    const claims = workspaceRunClaims({ organization: 'acme', project, workspace, runPhase: 'plan' });
    expect(simulateLogin(config, { roleName: 'tfc-net-plan' }, claims).admitted).toBe(admitted);
  });

  test('the variable set reaches exactly the prefixed workspaces of the project', () => {
    const ids = Object.values(byPath(json, 'tfe_workspace_ids', true));
    expect(ids).toEqual([{ names: ['network-*'], organization: 'acme' }]);
    const details = byPath(json, 'tfe_workspace', true)['trust/net/variables/prefix-workspaces'];
    expect(details.for_each).toMatch(/^\$\{data\.tfe_workspace_ids\..+\.ids\}$/);
    expect(details.name).toBe('${each.key}');
    const [attachment] = Object.values(byPath(json, 'tfe_workspace_variable_set'));
    expect(attachment.for_each).toMatch(
      /^\$\{\{ for name, workspace in data\.tfe_workspace\.trust_net_variables_prefix-workspaces_[0-9A-F]+ : name => workspace\.id if workspace\.project_id == data\.tfe_project\.trust_lookups_project-Net_[0-9A-F]+\.id \}\}$/,
    );
    expect(attachment.workspace_id).toBe('${each.value}');
    // The addresses in the raw expression are blocks that exist in the configuration.
    const [, detailsId, projectId] = /data\.tfe_workspace\.(\S+) :.*data\.tfe_project\.(\S+)\.id/.exec(stringAt(attachment, 'for_each'))!;
    expect(json.data.tfe_workspace[detailsId]).toBeDefined();
    expect(json.data.tfe_project[projectId]).toBeDefined();
  });

  test.each([
    ['network-prod', 'Net', true],
    ['network-', 'Net', true],
    ['network-prod', 'Net2', false],
    ['networks', 'Net', false],
    ['Network-prod', 'Net', false],
  ])('the report sees the variable set reach %s of project %s: %s', (workspace, project, reached) => {
    const outcome = simulateWorkspaceRun(config, { organization: 'acme', project, workspace, runPhase: 'plan' });
    expect(outcome.variableSets.length).toBe(reached ? 1 : 0);
    expect(outcome.awsAllowed).toBe(reached);
  });

  test('the trust report lists the prefix selector with the role and credentials it gets', () => {
    const report = explain(json);
    const rows = report.rows.filter((row) => row.selector.label.includes('network-*'));
    expect(rows.map((row) => `${row.selector.label} ${row.phase} ${row.login}`)).toEqual([
      'workspaces network-* (project Net) plan admitted',
      'workspaces network-* (project Net) apply admitted',
    ]);
    expect(rows.map((row) => row.credentials.map((c) => `${c.path} ${c.read}`).join('; '))).toEqual(['aws/sts/r allowed', 'aws/sts/r allowed']);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('every block and argument, for_each included, exists in the provider schemas', () => {
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('a prefix grant overlapping a named grant on the same workspace is refused', () => {
    const error = synthError((s) => {
      const trust = new VaultBackedDynamicCredentials(s, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const aws = trust.addAwsSecretsEngine('aws');
      const a = aws.addAssumedRole('a', { roleArns: [ARN] });
      const b = aws.addAssumedRole('b', { roleArns: [ARN] });
      trust.grantWorkspaces('p', { project: 'Net', workspaces: WorkspaceSelector.prefix('network-'), aws: { plan: a, apply: a } });
      trust.grantWorkspaces('n', { project: 'Net', workspaces: WorkspaceSelector.names('network-prod', 'other'), aws: { plan: b, apply: b } });
    });
    expect(error).toMatch(/grants test\/trust\/p and test\/trust\/n both reach workspace "network-prod" of project "Net"/);
  });

  test('a prefix with a glob or separator is refused', () => {
    expect(synthError((s) => grantFor(s, WorkspaceSelector.prefix('net*')))).toMatch(/workspace name prefix "net\*" contains "\*"/);
    expect(synthError((s) => grantFor(s, WorkspaceSelector.prefix('')))).toMatch(/prefix "" is empty/);
  });
});

describe('binding immutable ids', () => {
  test('a project id replaces the project name in sub and binds terraform_project_id; an organization id is bound too', () => {
    const { json, config } = synthWith((stack) =>
      grantFor(stack, WorkspaceSelector.names('a'), { projectId: 'prj-abc123' }, { organizationId: 'org-XYZ9' }),
    );
    const role = byPath(json, 'vault_jwt_auth_backend_role')['trust/net/plan/role'];
    expect(role.bound_claims).toEqual({
      sub: 'organization:acme:project:*:workspace:a:run_phase:plan',
      terraform_project_id: 'prj-abc123',
      terraform_organization_id: 'org-XYZ9',
    });
    const run = {
      organization: 'acme',
      project: 'Renamed Project',
      workspace: 'a',
      runPhase: 'plan' as const,
      projectId: 'prj-abc123',
      organizationId: 'org-XYZ9',
    };
    expect(simulateLogin(config, { roleName: 'tfc-net-plan' }, workspaceRunClaims(run)).admitted).toBe(true);
    expect(simulateLogin(config, { roleName: 'tfc-net-plan' }, workspaceRunClaims({ ...run, projectId: 'prj-other' })).admitted).toBe(false);
    expect(simulateLogin(config, { roleName: 'tfc-net-plan' }, workspaceRunClaims({ ...run, organizationId: 'org-other' })).admitted).toBe(false);
  });

  test('the project id can come from the trust stack\'s own look-up', () => {
    const { json } = synthWith((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('net', {
        project: 'Net',
        projectId: trust.lookups.lookupProject('Net').id,
        workspaces: WorkspaceSelector.ids('ws-1a'),
        aws: { plan: r, apply: r },
      });
    });
    const role = byPath(json, 'vault_jwt_auth_backend_role')['trust/net/apply/role'];
    expect(at(role, 'bound_claims', 'terraform_project_id')).toMatch(/^\$\{data\.tfe_project\.trust_lookups_project-Net_[0-9A-F]+\.id\}$/);
    expect(at(role, 'bound_claims', 'terraform_workspace_id')).toBe('ws-1a');
  });

  test('a project-owned variable set names its project as parent', () => {
    const { json } = synthWith((stack) => grantFor(stack, WorkspaceSelector.names('a'), { variableSetOwnedByProject: true }));
    const [set] = Object.values(byPath(json, 'tfe_variable_set'));
    expect(set.parent_project_id).toMatch(/^\$\{data\.tfe_project\..+\.id\}$/);
  });

  test('a name-only grant warns that renames and re-creations inherit access', () => {
    let warned: string[] = [];
    synthWith((stack) => {
      warned = warnings(grantFor(stack, WorkspaceSelector.names('a')));
    });
    expect(warned.join('\n')).toMatch(/trusts workspace names only \(a\)/);
  });
});

describe('organization-wide grant', () => {
  function orgWide(stack: TerraformStack, extra: Record<string, unknown> = {}) {
    const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
    const r = trust.addAwsSecretsEngine('aws').addAssumedRole('audit', { roleArns: [ARN] });
    return { trust, grant: trust.grantWorkspaces('audit', { workspaces: WorkspaceSelector.allInOrganization(), aws: { plan: r, apply: r }, ...extra }) };
  }
  const { json, config } = synthWith((stack) => orgWide(stack));

  test('the role admits every project and workspace of the organization only', () => {
    const role = byPath(json, 'vault_jwt_auth_backend_role')['trust/audit/plan/role'];
    expect(role.bound_claims).toEqual({ sub: 'organization:acme:project:*:workspace:*:run_phase:plan' });
    for (const [organization, admitted] of [['acme', true], ['acme-evil', false], ['evil', false]] as const) {
      const claims = workspaceRunClaims({ organization, project: 'Any Project', workspace: 'any', runPhase: 'plan' });
      expect(simulateLogin(config, { roleName: 'tfc-audit-plan' }, claims).admitted).toBe(admitted);
    }
  });

  test('a run of any workspace receives the global set and reads the credentials', () => {
    const outcome = simulateWorkspaceRun(config, { organization: 'acme', project: 'Whatever', workspace: 'w1', runPhase: 'apply' });
    expect(outcome.variableSets).toHaveLength(1);
    expect(outcome.awsAllowed).toBe(true);
  });

  test('the variable set is global, with no attachments and no look-ups', () => {
    const [set] = Object.values(byPath(json, 'tfe_variable_set'));
    expect(set).toMatchObject({ global: true, organization: 'acme' });
    expect(json.resource.tfe_workspace_variable_set).toBeUndefined();
    expect(json.resource.tfe_project_variable_set).toBeUndefined();
    // No project or workspace look-ups; only the plan-time check of the organization's spelling.
    expect(Object.keys(json.data)).toEqual(['tfe_organization']);
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('it warns that every workspace of the organization can obtain the credentials', () => {
    let warned: string[] = [];
    synthWith((stack) => {
      warned = warnings(orgWide(stack).grant);
    });
    expect(warned.join('\n')).toMatch(/every workspace of the organization, in every project/);
  });

  test('a malformed project id is reported once for the grant, not again by each of its roles', () => {
    const error = synthError((s) => grantFor(s, WorkspaceSelector.names('a'), { projectId: 'project-1' }));
    expect(error.split('\n').filter((line) => line.includes('projectId "project-1"'))).toEqual([
      expect.stringMatching(/^\s*\[test\/trust\/net\/plan\] projectId "project-1" is not "prj-"/),
    ]);
  });

  describe('grant refusal table: each row fails synthesis naming the construct path, the value and the fix', () => {
    refusalTable([
      [
        'a malformed project id',
        (s) => grantFor(s, WorkspaceSelector.names('a'), { projectId: 'project-1' }),
        'test/trust/net/plan',
        /projectId "project-1" is not "prj-"/,
        ['WorkloadRoleProps.projectId', 'WorkspaceGrantOptions.projectId'],
      ],
      [
        'a malformed organization id',
        (s) => grantFor(s, WorkspaceSelector.names('a'), {}, { organizationId: 'acme' }),
        'test/trust',
        /organizationId "acme" is not "org-"/,
        ['RoleTrustSettings.organizationId'],
      ],
      [
        'a project with an organization-wide selector',
        (s) => orgWide(s, { project: 'Net' }),
        'test/trust/audit/plan',
        /allInOrganization\(\) covers every project; remove project "Net"/,
      ],
      [
        'a project-owned organization-wide set',
        (s) => orgWide(s, { variableSetOwnedByProject: true }),
        'test/trust/audit/variables',
        /ownedByProject needs a project/,
      ],
      [
        'a named grant without a project',
        (s) => grantFor(s, WorkspaceSelector.names('a'), { project: undefined }),
        'test/trust/net/plan',
        /project is required/,
      ],
      [
        'another grant that sets different values on any workspace',
        (s) => {
          const { trust } = orgWide(s);
          const other = trust.addAwsSecretsEngine('aws2', { path: 'aws2' }).addAssumedRole('r', { roleArns: [ARN] });
          trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: other, apply: other } });
        },
        'test',
        /grants test\/trust\/audit and test\/trust\/net both reach every workspace of project "Net" that the other grant selects/,
      ],
    ]);
  });
});
