/**
 * The report on two more of HashiCorp's official setups, transcribed into Terraform JSON: the Vault-provider-only
 * example of terraform-dynamic-credentials-setup-examples (`vault`), and the variable-set pattern of the no-code
 * tutorial (`learn-terraform-dynamic-credentials-no-code`, project "S3 Websites"). Read with the same tfvars as the
 * other HashiCorp fixtures.
 */
import { explain } from '../../packages/report/src/explain';
import { reachableCredentials, simulateLogin, simulateWorkspaceRun, WorkspaceRun, workspaceRunClaims } from '../../packages/report/src/simulate';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { expectRunCanRead, expectRunCannotRead } from '../../packages/report/src/testing';
import { fixture, HASHICORP_VARIABLES, providerBlocks, TerraformJson } from './support';

const ORG = HASHICORP_VARIABLES.tfc_organization_name;

const load = (file: string, change?: (json: TerraformJson) => void, variables: Record<string, string> = {}) => {
  const json = fixture(`hashicorp-examples/${file}`);
  change?.(json);
  return new TerraformConfiguration(json, { variables: { ...HASHICORP_VARIABLES, ...variables } });
};
type Report = ReturnType<typeof explain>;
const findings = (r: Report, severity: 'error' | 'warning') => r.findings.filter((f) => f.severity === severity).map((f) => `${f.rule} ${f.subject}`).sort();
const matrix = (r: Report) =>
  r.rows.map((row) => [row.selector.label, row.phase, row.namespace, row.role, row.login, row.policies, row.credentials.map((c) => `${c.path} ${c.read}`)]);

describe("HashiCorp's vault (Vault provider only)", () => {
  const config = load('vault.json');
  const r = explain(config);
  const WORKSPACE = 'workspace my-vault-workspace (project Default Project)';
  const run = (runPhase: 'plan' | 'apply', change: Partial<WorkspaceRun> = {}): WorkspaceRun => ({
    organization: ORG,
    project: 'Default Project',
    workspace: 'my-vault-workspace',
    runPhase,
    ...change,
  });

  test('the workspace logs in with the one role in both phases, in the root namespace, and fetches no cloud credential', () => {
    expect(matrix(r)).toEqual([
      [WORKSPACE, 'plan', '', 'vault-runs', 'admitted', ['vault-runs', 'default'], []],
      [WORKSPACE, 'apply', '', 'vault-runs', 'admitted', ['vault-runs', 'default'], []],
    ]);
    expect(r.rows.map((row) => row.roleAddress)).toEqual(['vault_jwt_auth_backend_role.workspace_runs', 'vault_jwt_auth_backend_role.workspace_runs']);
  });

  test('no errors; warnings: one role for plan and apply, names only, and the secret/* wildcard', () => {
    expect(findings(r, 'error')).toEqual([]);
    expect(findings(r, 'warning')).toEqual([
      'name-only-binding vault_jwt_auth_backend_role.workspace_runs',
      `plan-apply-shared ${WORKSPACE}`,
      'policy-wildcard vault_policy.workspace_runs',
      // No Vault-backed cloud configuration reads secret/*: the runs read it with the Vault provider, which the
      // message allows for ("unless runs read it through the Vault provider on purpose").
      'unused-policy-path vault_policy.workspace_runs',
    ]);
    const byRule = (rule: string) => r.findings.find((f) => f.rule === rule)!.message;
    expect(byRule('plan-apply-shared')).toMatch(/same role "vault-runs"/);
    expect(byRule('policy-wildcard')).toMatch(/path "secret\/\*" \(read\) is a wildcard/);
    expect(byRule('unused-policy-path')).toMatch(/"secret\/\*", which no Vault-backed credential configuration in the root namespace uses/);
  });

  test.each(['plan', 'apply'] as const)('%s: the run reads secret/data/x through secret/*, and nothing outside secret/', (phase) => {
    expectRunCanRead(config, run(phase), 'secret/data/x');
    expectRunCanRead(config, run(phase), 'secret/metadata/app/db');
    expectRunCannotRead(config, run(phase), 'kv/data/x');
    expectRunCannotRead(config, run(phase), 'sys/policies/acl/vault-runs');
  });

  test('a run of the same names in another organization gets no variables and cannot log in', () => {
    const evil = run('apply', { organization: `${ORG}-evil` });
    const outcome = simulateWorkspaceRun(config, evil);
    expect(outcome).toMatchObject({ variableSets: [], workspaceVariables: [], vaultAuth: false, vault: [] });
    expect(simulateLogin(config, { roleName: 'vault-runs' }, workspaceRunClaims(evil))).toMatchObject({
      verdict: 'refused',
      reason: 'claim "sub" does not match any associated bound claim values',
    });
    expectRunCannotRead(config, evil, 'secret/data/x');
  });

  test('another workspace of the organization is refused too', () => {
    const other = run('plan', { workspace: 'my-vault-workspace-2' });
    expect(simulateLogin(config, { roleName: 'vault-runs' }, workspaceRunClaims(other)).verdict).toBe('refused');
    expectRunCannotRead(config, other, 'secret/data/x');
  });

  test('on Terraform Enterprise (tfc_hostname), the issuer follows the host and runs still log in', () => {
    const tfe = explain(load('vault.json', undefined, { tfc_hostname: 'tfe.example.com' }));
    expect(tfe.rows.map((row) => [row.selector.hostname, row.login])).toEqual([
      ['tfe.example.com', 'admitted'],
      ['tfe.example.com', 'admitted'],
    ]);
    expect(findings(tfe, 'error')).toEqual([]);
  });

  describe('the optional TFC_VAULT_NAMESPACE = "my-vault-namespace"', () => {
    const withNamespace = (json: TerraformJson) => {
      json.resource.tfe_variable.vault_namespace = {
        workspace_id: '${tfe_workspace.vault_runs.id}',
        key: 'TFC_VAULT_NAMESPACE',
        value: 'my-vault-namespace',
        category: 'env',
      };
    };

    test('turned on while the Vault provider names no namespace: admitted only if VAULT_NAMESPACE puts the Vault side there', () => {
      // The provider falls back to VAULT_NAMESPACE where the Vault side is applied, which no file shows: the
      // verdict is conditional on it, never a refusal and never an error (issue 20, item 3).
      const open = explain(load('vault.json', withNamespace));
      expect(open.rows.map((row) => [row.phase, row.namespace, row.login, row.condition])).toEqual([
        ['plan', 'my-vault-namespace', 'admitted', 'if VAULT_NAMESPACE is "my-vault-namespace" where the Vault side is applied'],
        ['apply', 'my-vault-namespace', 'admitted', 'if VAULT_NAMESPACE is "my-vault-namespace" where the Vault side is applied'],
      ]);
      expect(open.rows[0].conditions).toEqual([expect.objectContaining({ claim: 'VAULT_NAMESPACE', values: ['my-vault-namespace'] })]);
      expect(findings(open, 'error')).toEqual([]);
      const notes = open.findings.filter((f) => f.rule === 'unresolved').map((f) => f.message);
      expect(notes).toContainEqual(expect.stringMatching(/^assumed VAULT_NAMESPACE = "my-vault-namespace" where the Vault side is applied/));
      expect(notes).not.toContainEqual(expect.stringMatching(/^assumed the root namespace/));
      expect(open.roles.map((role) => role.namespace)).toEqual(['my-vault-namespace']);
      // A testing helper does not pass on the condition.
      expect(() => expectRunCanRead(load('vault.json', withNamespace), run('plan'), 'secret/data/x')).toThrow(
        /the verdict is conditional: only if VAULT_NAMESPACE is "my-vault-namespace"/,
      );
    });

    test('with the Vault provider in another namespace (stated), every run fails', () => {
      const broken = explain(
        load('vault.json', (json) => {
          withNamespace(json);
          providerBlocks(json, 'vault')[0].namespace = 'elsewhere';
        }),
      );
      expect(broken.rows.map((row) => [row.phase, row.namespace, row.login, row.condition])).toEqual([
        ['plan', 'my-vault-namespace', 'refused', undefined],
        ['apply', 'my-vault-namespace', 'refused', undefined],
      ]);
      expect(broken.rows[0].reason).toMatch(/role "vault-runs" could not be found at auth\/jwt in namespace "my-vault-namespace"; .* in namespace "elsewhere"/);
      expect(findings(broken, 'error')).toEqual([
        'namespace-mismatch vault_jwt_auth_backend.hcp_terraform',
        'namespace-mismatch vault_jwt_auth_backend_role.workspace_runs',
        'namespace-mismatch vault_policy.workspace_runs',
        `phase-cannot-log-in ${WORKSPACE} apply`,
        `phase-cannot-log-in ${WORKSPACE} plan`,
      ]);
    });

    test('with the Vault provider in that namespace (the README: VAULT_NAMESPACE set when applying), it works', () => {
      const fixed = explain(
        load('vault.json', (json) => {
          withNamespace(json);
          providerBlocks(json, 'vault')[0].namespace = 'my-vault-namespace';
        }),
      );
      expect(fixed.rows.map((row) => [row.phase, row.namespace, row.login])).toEqual([
        ['plan', 'my-vault-namespace', 'admitted'],
        ['apply', 'my-vault-namespace', 'admitted'],
      ]);
      expect(findings(fixed, 'error')).toEqual([]);
    });
  });
});

describe("HashiCorp's no-code tutorial (variable sets, project S3 Websites)", () => {
  const config = load('no-code-s3-websites.json');
  const r = explain(config);
  const PROJECT = 'project S3 Websites, every workspace';
  const ROLE = 'vault_jwt_auth_backend_role.s3_websites';
  const run = (runPhase: 'plan' | 'apply', change: Partial<WorkspaceRun> = {}): WorkspaceRun => ({
    organization: ORG,
    project: 'S3 Websites',
    workspace: 'marketing-site',
    runPhase,
    ...change,
  });

  test('both projects receive a set; only S3 Websites turns Vault on, and every workspace of it logs in in both phases', () => {
    expect(r.model.selectors.map((s) => [s.label, s.sources])).toEqual([
      ['project Trust Relationships, every workspace', ['tfe_project_variable_set.trust']],
      [PROJECT, ['tfe_project_variable_set.s3_websites']],
    ]);
    expect(matrix(r)).toEqual([
      [PROJECT, 'plan', 'admin', 'tfc-role-s3', 'admitted', ['trust-relationships', 'default'], ['aws/sts/secret-engine-role-s3 allowed']],
      [PROJECT, 'apply', 'admin', 'tfc-role-s3', 'admitted', ['trust-relationships', 'default'], ['aws/sts/secret-engine-role-s3 allowed']],
    ]);
    expect(r.rows.flatMap((row) => row.credentials.map((c) => c.engineRole))).toEqual([
      'vault_aws_secret_backend_role.s3_websites',
      'vault_aws_secret_backend_role.s3_websites',
    ]);
  });

  test('no errors; warnings: project-wide grant, names only, shared plan/apply role, and the aws/sts/* wildcard', () => {
    expect(findings(r, 'error')).toEqual([]);
    expect(findings(r, 'warning')).toEqual([
      `name-only-binding ${ROLE}`,
      `plan-apply-shared ${PROJECT}`,
      'policy-wildcard vault_policy.trust_relationships',
      `project-wide-grant ${ROLE}`,
    ]);
    const byRule = (rule: string) => r.findings.find((f) => f.rule === rule)!.message;
    const subject = `"organization:${ORG}:project:S3 Websites:workspace:\\*:run_phase:\\*"`;
    expect(byRule('project-wide-grant')).toMatch(new RegExp(`${subject} admits every workspace of project S3 Websites`));
    expect(byRule('policy-wildcard')).toMatch(/path "aws\/sts\/\*" \(read\) is a wildcard .*; the runs use only aws\/sts\/secret-engine-role-s3;/);
    expect(byRule('plan-apply-shared')).toMatch(/same role "tfc-role-s3"/);
    // aws/sts/* covers the path the set names, so it is not an unused grant; the wildcard finding is the one to act on.
    expect(r.findings.filter((f) => f.rule === 'unused-policy-path')).toEqual([]);
  });

  test.each([
    ['marketing-site', 'plan'],
    ['marketing-site', 'apply'],
    ['created-tomorrow', 'plan'],
    ['created-tomorrow', 'apply'],
  ] as const)('workspace %s of S3 Websites, %s: the S3 set reaches it and it reads aws/sts/secret-engine-role-s3', (workspace, phase) => {
    const outcome = simulateWorkspaceRun(config, run(phase, { workspace }));
    expect(outcome).toMatchObject({
      variableSets: ['tfe_variable_set.s3_websites'],
      vaultAuth: true,
      awsCredentialPath: 'aws/sts/secret-engine-role-s3',
      awsAllowed: true,
    });
    expect(outcome.login).toMatchObject({ verdict: 'admitted', roleAddress: ROLE, policyNames: ['trust-relationships', 'default'] });
    expect(outcome.environment).toMatchObject({
      TFC_VAULT_RUN_ROLE: 'tfc-role-s3',
      TFC_VAULT_NAMESPACE: 'admin',
      TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE: 'secret-engine-role-s3',
    });
  });

  test('aws/sts/* hands every S3 Websites run the STS credentials of any engine role, including ones no variable set names', () => {
    expectRunCanRead(config, run('plan'), 'aws/sts/secret-engine-role-ec2');
    expectRunCanRead(config, run('apply'), 'aws/sts/any-future-role');
    // The engine also serves the role at aws/creds/, which the policy does not grant.
    expectRunCannotRead(config, run('apply'), 'aws/creds/secret-engine-role-s3');

    // Add another relationship's engine role to the file: the S3 role can read it, and the wildcard finding says the
    // runs use only their own path.
    const withEc2 = load('no-code-s3-websites.json', (json) => {
      json.resource.vault_aws_secret_backend_role.ec2 = {
        backend: '${vault_aws_secret_backend.aws.path}',
        name: 'secret-engine-role-ec2',
        credential_type: 'assumed_role',
        role_arns: ['arn:aws:iam::111111111111:role/ec2-runs'],
      };
    });
    const report = explain(withEc2);
    expect(report.roles.map((role) => [role.address, role.readable])).toEqual([[ROLE, ['aws/sts/secret-engine-role-ec2', 'aws/sts/secret-engine-role-s3']]]);
    expect(reachableCredentials(withEc2, (audience) => workspaceRunClaims(run('plan'), audience))).toEqual([
      { roleAddress: ROLE, namespace: 'admin', path: 'aws/sts/secret-engine-role-s3', capability: 'read' },
      { roleAddress: ROLE, namespace: 'admin', path: 'aws/sts/secret-engine-role-ec2', capability: 'read' },
    ]);
    expect(report.findings.find((f) => f.rule === 'policy-wildcard')!.message).toMatch(/the runs use only aws\/sts\/secret-engine-role-s3;/);
    expect(findings(report, 'error')).toEqual([]);
  });

  test('a trust project workspace gets the trust set (VAULT_NAMESPACE, not TFC_VAULT_NAMESPACE), but no Vault login', () => {
    const trust = run('apply', { project: 'Trust Relationships', workspace: 'trust-relationship-s3' });
    const outcome = simulateWorkspaceRun(config, trust);
    expect(outcome).toMatchObject({ variableSets: ['tfe_variable_set.trust'], vaultAuth: false, vault: [], credentials: [] });
    expect(outcome.environment.VAULT_NAMESPACE).toBe('admin');
    expect(outcome.environment.TFC_VAULT_NAMESPACE).toBeUndefined();
    expect(simulateLogin(config, { roleName: 'tfc-role-s3', namespace: 'admin' }, workspaceRunClaims(trust)).verdict).toBe('refused');
    expect(reachableCredentials(config, (audience) => workspaceRunClaims(trust, audience))).toEqual([]);
  });

  test.each([
    ['another project of the organization', { project: 'EC2 Instances', workspace: 'web' }],
    ['the same project name in another organization', { organization: `${ORG}-evil` }],
  ])('%s: no variables and no login', (_label, change) => {
    const other = run('apply', change);
    const outcome = simulateWorkspaceRun(config, other);
    expect(outcome).toMatchObject({ variableSets: [], workspaceVariables: [], environment: {}, vaultAuth: false, vault: [] });
    expect(simulateLogin(config, { roleName: 'tfc-role-s3', namespace: 'admin' }, workspaceRunClaims(other))).toMatchObject({
      verdict: 'refused',
      reason: 'claim "sub" does not match any associated bound claim values',
    });
    expectRunCannotRead(config, other, 'aws/sts/secret-engine-role-s3');
  });

  test('with the Vault provider in another namespace than the runs\' (stated), every S3 Websites run fails', () => {
    const elsewhere = explain(load('no-code-s3-websites.json', (json) => (providerBlocks(json, 'vault')[0].namespace = 'admin/sandbox')));
    expect(elsewhere.rows.map((row) => [row.phase, row.namespace, row.login])).toEqual([
      ['plan', 'admin', 'refused'],
      ['apply', 'admin', 'refused'],
    ]);
    expect(elsewhere.rows[0].reason).toMatch(/role "tfc-role-s3" could not be found at auth\/jwt in namespace "admin"/);
    const errors = findings(elsewhere, 'error');
    expect(errors.filter((e) => e.startsWith('phase-cannot-log-in'))).toEqual([`phase-cannot-log-in ${PROJECT} apply`, `phase-cannot-log-in ${PROJECT} plan`]);
    expect(errors).toEqual(
      expect.arrayContaining([
        'namespace-mismatch vault_aws_secret_backend.aws',
        'namespace-mismatch vault_aws_secret_backend_role.s3_websites',
        'namespace-mismatch vault_jwt_auth_backend.hcp_terraform',
        `namespace-mismatch ${ROLE}`,
      ]),
    );
  });

  test('with no namespace on the Vault provider, the runs are admitted only if VAULT_NAMESPACE=admin where it is applied', () => {
    const unstated = explain(load('no-code-s3-websites.json', (json) => delete providerBlocks(json, 'vault')[0].namespace));
    expect(unstated.rows.map((row) => [row.phase, row.namespace, row.login, row.conditions.map((c) => `${c.claim}=${c.values.join('|')}`)])).toEqual([
      ['plan', 'admin', 'admitted', ['VAULT_NAMESPACE=admin']],
      ['apply', 'admin', 'admitted', ['VAULT_NAMESPACE=admin']],
    ]);
    expect(findings(unstated, 'error')).toEqual([]);
  });
});
