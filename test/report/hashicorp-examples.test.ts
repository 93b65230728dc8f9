/**
 * The report on configurations this library did not write: HashiCorp's official vault-backed examples, transcribed
 * into Terraform JSON, read with the example repository's tfvars.
 */
import { explain } from '../../packages/report/src/explain';
import { simulateLogin, workspaceRunClaims } from '../../packages/report/src/simulate';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { fixture, HASHICORP_VARIABLES, TerraformJson } from './support';

const report = (file: string, change?: (json: TerraformJson) => void) => {
  const json = fixture(`hashicorp-examples/${file}`);
  change?.(json);
  return explain(json, { variables: HASHICORP_VARIABLES });
};
const errors = (r: ReturnType<typeof report>) => r.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.subject}`).sort();
const WORKSPACE = (cloud: string) => `workspace vault-backed-${cloud}-auth (project Default Project)`;

describe("HashiCorp's vault-backed/aws", () => {
  const r = report('vault-backed-aws.json');

  test('both phases log in with tfc-role in namespace admin and read aws/sts/edu-app', () => {
    expect(r.rows.map((row) => [row.selector.label, row.phase, row.namespace, row.role, row.login, row.credentials.map((c) => `${c.path} ${c.read}`)])).toEqual(
      [
        [WORKSPACE('aws'), 'plan', 'admin', 'tfc-role', 'admitted', ['aws/sts/edu-app allowed']],
        [WORKSPACE('aws'), 'apply', 'admin', 'tfc-role', 'admitted', ['aws/sts/edu-app allowed']],
      ],
    );
  });

  test('no errors; the warnings are the shared plan/apply role and the name-only binding', () => {
    expect(errors(r)).toEqual([]);
    expect(r.findings.filter((f) => f.severity === 'warning').map((f) => f.rule).sort()).toEqual(['name-only-binding', 'plan-apply-shared']);
  });

  test('another organization with the same workspace and project names is refused', () => {
    const config = new TerraformConfiguration(fixture('hashicorp-examples/vault-backed-aws.json'), { variables: HASHICORP_VARIABLES });
    const run = {
      organization: 'vault-backed-dynamic-creds-testing',
      project: 'Default Project',
      workspace: 'vault-backed-aws-auth',
      runPhase: 'apply',
    } as const;
    expect(simulateLogin(config, { roleName: 'tfc-role', namespace: 'admin' }, workspaceRunClaims(run)).verdict).toBe('admitted');
    const evil = simulateLogin(
      config,
      { roleName: 'tfc-role', namespace: 'admin' },
      workspaceRunClaims({ ...run, organization: 'vault-backed-dynamic-creds-testing-evil' }),
    );
    expect(evil).toMatchObject({ verdict: 'refused', reason: 'claim "sub" does not match any associated bound claim values' });
  });
});

describe.each(['gcp', 'azure'])("HashiCorp's vault-backed/%s", (cloud) => {
  const r = report(`vault-backed-${cloud}.json`);
  const path = cloud === 'gcp' ? 'gcp/roleset/project_viewer/token' : 'azure/creds/edu-app';

  test('runs log in to namespace admin, where the JWT mount does not exist: every run fails', () => {
    for (const row of r.rows) {
      expect(row).toMatchObject({ namespace: 'admin', role: 'tfc-role', login: 'refused' });
      expect(row.reason).toMatch(/the JWT auth mount vault_jwt_auth_backend\.tfc_jwt is in the root namespace, not namespace "admin"/);
      expect(row.credentials.map((c) => `${c.path} ${c.read}`)).toEqual([`${path} denied`]);
    }
    expect(r.rows.map((row) => row.phase)).toEqual(['plan', 'apply']);
  });

  test('the defect is named on every block that is out of place', () => {
    const engineRole = cloud === 'gcp' ? 'vault_gcp_secret_roleset.gcp_secret_roleset' : 'vault_azure_secret_backend_role.azure_secret_backend_role';
    expect(errors(r)).toEqual([
      `namespace-mismatch ${engineRole}`,
      'namespace-mismatch vault_jwt_auth_backend.tfc_jwt',
      'namespace-mismatch vault_jwt_auth_backend_role.tfc_role',
      'namespace-mismatch vault_policy.tfc_policy',
      `phase-cannot-log-in ${WORKSPACE(cloud)} apply`,
      `phase-cannot-log-in ${WORKSPACE(cloud)} plan`,
    ]);
  });

  test('with the namespace set on the mount, policy and engine role (the fix AWS got in PR #31), it works', () => {
    const fixed = report(`vault-backed-${cloud}.json`, (json) => {
      json.resource.vault_jwt_auth_backend.tfc_jwt.namespace = '${var.vault_namespace}';
      json.resource.vault_policy.tfc_policy.namespace = '${var.vault_namespace}';
      const engineRoles = json.resource.vault_gcp_secret_roleset ?? json.resource.vault_azure_secret_backend_role;
      for (const role of Object.values(engineRoles)) role.namespace = '${var.vault_namespace}';
    });
    expect(errors(fixed)).toEqual([]);
    expect(fixed.rows.map((row) => [row.phase, row.login, row.credentials.map((c) => `${c.path} ${c.read}`)])).toEqual([
      ['plan', 'admitted', [`${path} allowed`]],
      ['apply', 'admitted', [`${path} allowed`]],
    ]);
  });
});
