import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';
import { TerraformConfiguration } from '../lib/report/terraform-json';
import { runCanRead, simulateLogin, simulateWorkspaceRun, workspaceRunClaims, WorkspaceRun } from '../lib/report/simulate';
import { VaultBackedCredentialsExample } from '../examples/main';
import { checkProviderSchemas } from './support/provider-schema';

const app = Testing.app();
const example = new VaultBackedCredentialsExample(app, 'example');
const text = Testing.synth(example, true);
const json = JSON.parse(text);
const config = new TerraformConfiguration(json);

const NETWORK_PLAN_PATH = 'aws/sts/network-read-only';
const NETWORK_APPLY_PATH = 'aws/sts/network-admin';
const SANDBOX_PATH = 'aws/sts/sandbox';
const ALL_ROLE_NAMES: string[] = Object.values<any>(json.resource.vault_jwt_auth_backend_role).map((r) => r.role_name);

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

describe('example app: synthesized configuration', () => {
  test('every block and argument exists in the provider schemas', () => {
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('matches the reviewed snapshot', () => {
    expect(text).toMatchSnapshot();
  });
});
