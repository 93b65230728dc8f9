import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { TerraformConfiguration } from '../packages/report/src/terraform-json';
import { runCanRead, simulateLogin, simulateWorkspaceRun, workspaceRunClaims, WorkspaceRun } from '../packages/report/src/simulate';
import { VaultBackedCredentialsExample } from '../examples/main';
import { azureCredentialPath, FORBIDDEN_AZURE_RUN_VARIABLES, gcpCredentialPath, GcpAuthTypeName } from '../packages/report/src/env/variables';
import { evaluateAcl } from '../packages/report/src/policy/acl';
import { parsePolicy } from '../packages/report/src/policy/parse';
import { checkProviderSchemas } from './support/provider-schema';
import { bodiesOf, stringAt, synthesizedOrFailing } from './support/synth';

const text = synthesizedOrFailing('the example app', () => Testing.synth(new VaultBackedCredentialsExample(Testing.app(), 'example'), true));
const json = JSON.parse(text);
const config = new TerraformConfiguration(json);

const NETWORK_PLAN_PATH = 'aws/sts/network-read-only';
const NETWORK_APPLY_PATH = 'aws/sts/network-admin';
const SANDBOX_PATH = 'aws/sts/sandbox';
const ALL_ROLE_NAMES: string[] = bodiesOf(text, 'vault_jwt_auth_backend_role').map((r) => stringAt(r, 'role_name'));

function run(workspace: string, runPhase: 'plan' | 'apply', overrides: Partial<WorkspaceRun> = {}): WorkspaceRun {
  return { organization: 'acme', project: 'Networking', workspace, runPhase, ...overrides };
}

describe('example app: who can log in and what they can read', () => {
  test.each([
    ['network-prod', 'plan', NETWORK_PLAN_PATH],
    ['network-prod', 'apply', NETWORK_APPLY_PATH],
    ['network-stage', 'plan', NETWORK_PLAN_PATH],
    ['network-stage', 'apply', NETWORK_APPLY_PATH],
  ] as const)('%s %s logs in and reads exactly %s', (workspace, phase, path) => {
    const outcome = simulateWorkspaceRun(config, run(workspace, phase));
    expect(outcome.variableSets).toHaveLength(1);
    expect(outcome.conflicts).toEqual([]);
    expect(outcome.login?.admitted).toBe(true);
    expect(outcome.login?.roleName).toBe(`tfc-network-${phase}`);
    expect(outcome.login?.namespace).toBe('admin');
    expect(outcome.login?.unresolved).toEqual([]);
    expect(outcome.awsCredentialPath).toBe(path);
    expect(outcome.awsAllowed).toBe(true);
    for (const other of [NETWORK_PLAN_PATH, NETWORK_APPLY_PATH, SANDBOX_PATH].filter((p) => p !== path)) {
      expect(runCanRead(config, run(workspace, phase), other)).toBe(false);
    }
    // Nothing else of the engine either: the role list, the creds endpoint, other mounts.
    for (const other of ['aws/roles/network-admin', 'aws/creds/network-admin', 'aws/config/root', 'secret/data/x', 'sys/policies/acl/x']) {
      expect(runCanRead(config, run(workspace, phase), other)).toBe(false);
    }
  });

  test('a plan token cannot log in with the apply role, even if it asks for it', () => {
    const claims = workspaceRunClaims(run('network-prod', 'plan'));
    const attempt = simulateLogin(config, { roleName: 'tfc-network-apply', namespace: 'admin' }, claims);
    expect(attempt.admitted).toBe(false);
    expect(attempt.reason).toMatch(/bound claim/);
  });

  test.each([
    ['another organization', { organization: 'evil' }],
    ['an organization whose name starts with ours', { organization: 'acme-evil' }],
    ['an organization whose name is ours plus letters', { organization: 'acmeinc' }],
    ['an organization whose name differs in case', { organization: 'ACME' }],
    ['another project', { project: 'Networking Two' }],
    ['an ungranted workspace of the project', { workspace: 'network-dev' }],
    ['a workspace whose name starts with a granted one', { workspace: 'network-prod-2' }],
    ['another issuer', { hostname: 'tfe.evil.example' }],
  ])('a token from %s cannot log in with any role of the configuration', (_label, overrides) => {
    for (const runPhase of ['plan', 'apply'] as const) {
      const claims = workspaceRunClaims(run('network-prod', runPhase, overrides as Partial<WorkspaceRun>));
      for (const roleName of ALL_ROLE_NAMES) {
        const attempt = simulateLogin(config, { roleName, namespace: 'admin' }, claims);
        expect({ roleName, admitted: attempt.admitted }).toEqual({ roleName, admitted: false });
      }
    }
  });

  test('a token with the wrong audience cannot log in', () => {
    const claims = workspaceRunClaims(run('network-prod', 'plan'), 'aws.workload.identity');
    const attempt = simulateLogin(config, { roleName: 'tfc-network-plan', namespace: 'admin' }, claims);
    expect(attempt).toMatchObject({ admitted: false, reason: expect.stringMatching(/aud/) });
  });

  test('roles exist only in the namespace the runs are told to use', () => {
    const claims = workspaceRunClaims(run('network-prod', 'plan'));
    expect(simulateLogin(config, { roleName: 'tfc-network-plan' }, claims).admitted).toBe(false);
    expect(simulateLogin(config, { roleName: 'tfc-network-plan', namespace: 'admin' }, claims).admitted).toBe(true);
  });

  test('an ungranted workspace receives no variables', () => {
    const outcome = simulateWorkspaceRun(config, run('network-dev', 'plan'));
    expect(outcome.variableSets).toEqual([]);
    expect(outcome.vaultAuth).toBe(false);
  });

  test.each(['plan', 'apply'] as const)('every workspace of project Sandbox reads the sandbox role at %s', (runPhase) => {
    for (const workspace of ['sandbox-a', 'anything_else']) {
      const outcome = simulateWorkspaceRun(config, { organization: 'acme', project: 'Sandbox', workspace, runPhase });
      expect(outcome.login).toMatchObject({ admitted: true, roleName: 'tfc-sandbox' });
      expect(outcome.awsCredentialPath).toBe(SANDBOX_PATH);
      expect(outcome.awsAllowed).toBe(true);
      expect(runCanRead(config, { organization: 'acme', project: 'Sandbox', workspace, runPhase }, NETWORK_PLAN_PATH)).toBe(false);
    }
  });

  test('a Networking workspace cannot use the project-wide Sandbox role', () => {
    const claims = workspaceRunClaims(run('network-prod', 'apply'));
    expect(simulateLogin(config, { roleName: 'tfc-sandbox', namespace: 'admin' }, claims).admitted).toBe(false);
  });
});

/** Every credential path some policy of the example grants. */
const GRANTED_PATHS: string[] = [
  ...new Set(
    bodiesOf(text, 'vault_policy')
      .flatMap((policy) => parsePolicy(stringAt(policy, 'policy')).rules.map((rule) => rule.path))
      .filter((path) => !path.startsWith('auth/token/')),
  ),
].sort();

/** The granted paths plus neighbours a run must not reach either. */
const ALL_CREDENTIAL_PATHS: string[] = [
  ...new Set([
    ...GRANTED_PATHS,
    'gcp/roleset/platform-viewer/key',
    'gcp/roleset/platform-deployer/key',
    'gcp/static-account/platform-viewer/token',
    'gcp/config',
    'azure/roles/platform-contributor',
    'azure/config',
  ]),
].sort();

const PLATFORM_PATHS = {
  plan: ['aws/sts/platform-read-only', 'azure/creds/platform-reader', 'gcp/roleset/platform-viewer/token'],
  apply: ['aws/sts/platform-deploy', 'azure/creds/platform-contributor', 'gcp/roleset/platform-deployer/token'],
};

function platformRun(workspace: string, runPhase: 'plan' | 'apply'): WorkspaceRun {
  return { organization: 'acme', project: 'Platform', workspace, runPhase };
}

/** The credential paths of ALL_CREDENTIAL_PATHS a run can read after logging in as its variables direct. */
function readablePaths(run: WorkspaceRun): string[] {
  const outcome = simulateWorkspaceRun(config, run);
  if (outcome.login?.admitted !== true) return [];
  return ALL_CREDENTIAL_PATHS.filter((path) => evaluateAcl(outcome.login!.policies, path, 'read').allowed);
}

describe('example app: AWS, GCP and Azure credentials of project Platform', () => {
  test('the only GCP and Azure paths any policy grants are the four Platform phase paths', () => {
    expect(GRANTED_PATHS.filter((p) => /^(gcp|azure)\//.test(p))).toEqual([
      'azure/creds/platform-contributor',
      'azure/creds/platform-reader',
      'gcp/roleset/platform-deployer/token',
      'gcp/roleset/platform-viewer/token',
    ]);
  });

  test.each([
    ['platform-prod', 'plan'],
    ['platform-prod', 'apply'],
    ['platform-stage', 'plan'],
    ['platform-stage', 'apply'],
  ] as const)("%s %s logs in and reads exactly its own phase's GCP and Azure credentials", (workspace, phase) => {
    const outcome = simulateWorkspaceRun(config, platformRun(workspace, phase));
    expect(outcome.conflicts).toEqual([]);
    expect(outcome.login).toMatchObject({ admitted: true, roleName: `tfc-platform-${phase}`, namespace: 'admin' });
    const env = outcome.environment;
    const PHASE = phase.toUpperCase();

    // The variables point at exactly the paths the phase's policy grants.
    expect(env.TFC_VAULT_BACKED_GCP_AUTH).toBe('true');
    expect(env.TFC_VAULT_BACKED_GCP_AUTH_TYPE).toBe('roleset/access_token');
    const gcpPath = gcpCredentialPath(
      env.TFC_VAULT_BACKED_GCP_MOUNT_PATH,
      env.TFC_VAULT_BACKED_GCP_AUTH_TYPE as GcpAuthTypeName,
      env[`TFC_VAULT_BACKED_GCP_${PHASE}_VAULT_ROLESET`],
    );
    expect(env.TFC_VAULT_BACKED_AZURE_AUTH).toBe('true');
    const azurePath = azureCredentialPath(env.TFC_VAULT_BACKED_AZURE_MOUNT_PATH, env[`TFC_VAULT_BACKED_AZURE_${PHASE}_VAULT_ROLE`]);
    expect([gcpPath, azurePath]).toEqual(PLATFORM_PATHS[phase].filter((p) => !p.startsWith('aws/')).reverse());

    // Exactly the own phase's credentials of each cloud: not the other phase's, not another grant's.
    expect(readablePaths(platformRun(workspace, phase))).toEqual(PLATFORM_PATHS[phase]);

    expect(env.ARM_SUBSCRIPTION_ID).toBe('00000000-0000-4000-8000-000000000001');
    expect(env.ARM_TENANT_ID).toBe('00000000-0000-4000-8000-000000000002');
    expect(env.TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS).toBe('60');
    for (const key of FORBIDDEN_AZURE_RUN_VARIABLES) expect(env[key]).toBeUndefined();
  });

  test('a Platform plan token cannot log in with the Platform apply role', () => {
    const claims = workspaceRunClaims(platformRun('platform-prod', 'plan'));
    expect(simulateLogin(config, { roleName: 'tfc-platform-apply', namespace: 'admin' }, claims).admitted).toBe(false);
  });

  test.each([
    ['an ungranted workspace of project Platform', { organization: 'acme', project: 'Platform', workspace: 'platform-dev' }],
    ['a Networking workspace', { organization: 'acme', project: 'Networking', workspace: 'network-prod' }],
    ['a Sandbox workspace', { organization: 'acme', project: 'Sandbox', workspace: 'sandbox-a' }],
  ])('%s reads no GCP or Azure credential in either phase', (_label, where) => {
    for (const runPhase of ['plan', 'apply'] as const) {
      const run = { ...where, runPhase };
      expect(readablePaths(run).filter((p) => /^(gcp|azure)\//.test(p))).toEqual([]);
      const env = simulateWorkspaceRun(config, run).environment;
      expect(env.TFC_VAULT_BACKED_GCP_AUTH).toBeUndefined();
      expect(env.TFC_VAULT_BACKED_AZURE_AUTH).toBeUndefined();
    }
  });

  test('cloud-side identities feed Vault by reference: run roles, the engine user, the GCP key and the Azure assignment', () => {
    const byName = (type: string) => bodiesOf(text, type);
    const userArn = /^\$\{aws_iam_user\.[^.]+\.arn\}$/;
    for (const role of byName('aws_iam_role')) {
      const trust = JSON.parse(stringAt(role, 'assume_role_policy'));
      expect(trust.Statement).toHaveLength(1);
      expect(trust.Statement[0].Principal.AWS).toMatch(userArn);
      expect(trust.Statement[0].Condition.StringEquals['sts:ExternalId']).toBe(`acme-${role.name}`);
    }
    const platformVaultRoles = byName('vault_aws_secret_backend_role').filter((r) => String(r.name).startsWith('platform-'));
    expect(platformVaultRoles.map((r) => r.role_arns)).toEqual([
      [expect.stringMatching(/^\$\{aws_iam_role\..+\.arn\}$/)],
      [expect.stringMatching(/^\$\{aws_iam_role\..+\.arn\}$/)],
    ]);
    const userPolicy = JSON.parse(stringAt(byName('aws_iam_user_policy')[0], 'policy'));
    expect(userPolicy.Statement[0].Resource).toMatch(userArn);
    expect(userPolicy.Statement[1].Resource).toHaveLength(5);

    const [gcpBackend] = byName('vault_gcp_secret_backend');
    expect(gcpBackend.credentials).toBeUndefined();
    expect(gcpBackend.credentials_wo).toMatch(/^\$\{base64decode\(google_service_account_key\..+\.private_key\)\}$/);
    expect(byName('google_project_iam_member').map((m) => m.role).sort()).toEqual([
      'roles/iam.serviceAccountAdmin',
      'roles/iam.serviceAccountKeyAdmin',
      'roles/resourcemanager.projectIamAdmin',
    ]);
    const [assignment] = byName('azurerm_role_assignment');
    expect(assignment).toMatchObject({ role_definition_name: 'User Access Administrator', principal_type: 'ServicePrincipal', condition_version: '2.0' });
    expect(assignment.condition).toContain('{acdd72a7-3385-48ef-bd42-f606fba81ae7, b24988ac-6180-42a0-ab88-20f7382dd24c}');
  });
});

describe('example app: synthesized configuration', () => {
  test('every block and argument exists in the provider schemas', () => {
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('matches the reviewed snapshot', () => {
    expect(text).toMatchSnapshot();
  });
});
