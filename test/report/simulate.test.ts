import {
  knownCredentialPaths,
  reachableCredentials,
  runCanRead,
  simulateLogin,
  simulateTokenRun,
  simulateWorkspaceRun,
  workspaceRunClaims,
  WorkspaceRun,
} from '../../packages/report/src/simulate';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { providerBlocks, soundApp, soundWith, TerraformJson } from './support';
import { arrayAt } from '../support/synth';

const APP: WorkspaceRun = { organization: 'acme', project: 'Apps', workspace: 'app-prod', runPhase: 'plan' };
const config = (json: TerraformJson) => new TerraformConfiguration(json);

describe('Vault login as the simulator sees it', () => {
  const sound = config(soundApp());
  const claims = workspaceRunClaims({ ...APP, workspaceId: 'ws-x' });

  test('a role is found by namespace, mount and name together', () => {
    expect(simulateLogin(sound, { roleName: 'app-plan' }, claims)).toMatchObject({
      verdict: 'refused',
      reason: expect.stringMatching(
        /could not be found at auth\/jwt in the root namespace; vault_jwt_auth_backend_role\.plan has that name at auth\/jwt in namespace "ops"/,
      ),
    });
    expect(simulateLogin(sound, { roleName: 'app-plan', namespace: 'ops', authPath: 'oidc' }, claims).verdict).toBe('refused');
  });

  test("an id known only after apply is that workspace's id and no other", () => {
    expect(simulateLogin(sound, { roleName: 'app-plan', namespace: 'ops' }, claims)).toMatchObject({
      verdict: 'refused',
      reason: 'claim "terraform_workspace_id" does not match any associated bound claim values',
    });
    const own = workspaceRunClaims({ ...APP, workspaceId: '${tfe_workspace.app_prod.id}' });
    expect(simulateLogin(sound, { roleName: 'app-plan', namespace: '/ops/' }, own)).toMatchObject({
      verdict: 'admitted',
      policyNames: ['app-plan', 'default'],
      policySources: ['vault_policy.plan', 'default'],
      unresolved: [],
    });
  });

  test('token_no_default_policy leaves Vault\'s default policy out', () => {
    const c = config(soundWith((j) => (j.resource.vault_jwt_auth_backend_role.plan.token_no_default_policy = true)));
    const own = workspaceRunClaims({ ...APP, workspaceId: '${tfe_workspace.app_prod.id}' });
    expect(simulateLogin(c, { roleName: 'app-plan', namespace: 'ops' }, own).policyNames).toEqual(['app-plan']);
  });

  test('policy names are matched lower-cased, as Vault stores them', () => {
    const c = config(soundWith((j) => (j.resource.vault_jwt_auth_backend_role.plan.token_policies = ['App-Plan'])));
    const own = workspaceRunClaims({ ...APP, workspaceId: '${tfe_workspace.app_prod.id}' });
    expect(simulateLogin(c, { roleName: 'app-plan', namespace: 'ops' }, own)).toMatchObject({
      policyNames: ['app-plan', 'default'],
      policySources: ['vault_policy.plan', 'default'],
    });
  });

  test('a resource namespace is relative to its provider\'s namespace', () => {
    const c = config(soundWith((j) => {
      providerBlocks(j, 'vault')[0].namespace = 'root-team';
      j.resource.tfe_variable.namespace.value = 'root-team/ops';
    }));
    const outcome = simulateWorkspaceRun(c, { ...APP, workspaceId: '${tfe_workspace.app_prod.id}' });
    expect(outcome.login).toMatchObject({ verdict: 'admitted', namespace: 'root-team/ops' });
  });

  test('a symbolic binding leaves the verdict unknown, never guessed', () => {
    const c = config(soundWith((j) => (j.resource.vault_jwt_auth_backend_role.plan.bound_audiences = ['${var.audience}'])));
    expect(simulateLogin(c, { roleName: 'app-plan', namespace: 'ops' }, claims)).toMatchObject({ verdict: 'unknown', admitted: false });
  });

  test('a policy that is not in the file leaves a denial uncertain', () => {
    const c = config(soundWith((j) => arrayAt(j.resource.vault_jwt_auth_backend_role.plan, 'token_policies').push('shared')));
    const outcome = simulateWorkspaceRun(c, { ...APP, workspaceId: '${tfe_workspace.app_prod.id}' });
    expect(outcome.login?.policiesIncomplete).toBe(true);
    expect(outcome.credentials[0].read).toBe('allowed');
    expect(runCanRead(c, { ...APP, workspaceId: '${tfe_workspace.app_prod.id}' }, 'secret/x')).toBe(false);
  });
});

describe('whole runs', () => {
  const own = { ...APP, workspaceId: '${tfe_workspace.app_prod.id}' };

  test.each([
    ['plan', 'aws/sts/app-read', 'app-plan'],
    ['apply', 'aws/sts/app-deploy', 'app-apply'],
  ] as const)('%s reads %s through %s', (runPhase, path, role) => {
    const outcome = simulateWorkspaceRun(config(soundApp()), { ...own, runPhase });
    expect(outcome.variableSets).toEqual(['tfe_variable_set.app']);
    expect(outcome.vault).toHaveLength(1);
    expect(outcome.login).toMatchObject({ roleName: role, namespace: 'ops', authPath: 'jwt', verdict: 'admitted' });
    expect(outcome.credentials).toHaveLength(1);
    expect(outcome.credentials[0]).toMatchObject({
      path,
      read: 'allowed',
      problems: [],
      engineRole: expect.stringMatching(/^vault_aws_secret_backend_role\./),
    });
    expect(outcome.awsCredentialPath).toBe(path);
    expect(outcome.awsAllowed).toBe(true);
  });

  test('GCP and Azure configurations alongside AWS, each with its path', () => {
    const c = config(
      soundWith((j) => {
        const v = (key: string, value: string) =>
          (j.resource.tfe_variable[key] = { variable_set_id: '${tfe_variable_set.app.id}', category: 'env', key, value });
        v('TFC_VAULT_BACKED_GCP_AUTH', 'true');
        v('TFC_VAULT_BACKED_GCP_AUTH_TYPE', 'static_account/service_account_key');
        v('TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT', 'deployer');
        v('TFC_VAULT_BACKED_AZURE_AUTH', 'true');
        v('TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE', 'contributor');
        v('TFC_VAULT_BACKED_AZURE_MOUNT_PATH', 'azure-prod');
        j.resource.vault_gcp_secret_backend = { g: { namespace: 'ops', path: 'gcp' } };
        j.resource.vault_gcp_secret_static_account = {
          d: {
            namespace: 'ops',
            backend: '${vault_gcp_secret_backend.g.path}',
            static_account: 'deployer',
            service_account_email: 'd@p.iam.gserviceaccount.com',
            secret_type: 'service_account_key',
          },
        };
        j.resource.vault_policy.apply.policy +=
          'path "gcp/static-account/deployer/key" {\n  capabilities = ["read"]\n}\npath "azure-prod/creds/contributor" {\n  capabilities = ["read"]\n}\n';
      }),
    );
    const apply = simulateWorkspaceRun(c, { ...own, runPhase: 'apply' });
    expect(apply.credentials.map((r) => [r.configuration.cloud, r.path, r.read, r.engineRole])).toEqual([
      ['aws', 'aws/sts/app-deploy', 'allowed', 'vault_aws_secret_backend_role.deploy'],
      ['gcp', 'gcp/static-account/deployer/key', 'allowed', 'vault_gcp_secret_static_account.d'],
      ['azure', 'azure-prod/creds/contributor', 'allowed', undefined],
    ]);
    const plan = simulateWorkspaceRun(c, { ...own, runPhase: 'plan' });
    expect(plan.credentials.map((r) => r.read)).toEqual(['allowed', 'denied', 'denied']);
    expect(knownCredentialPaths(c)).toContainEqual({ namespace: 'ops', path: 'gcp/static-account/deployer/key' });
  });

  test('a tagged configuration logs in with its own Vault configuration', () => {
    const c = config(
      soundWith((j) => {
        for (const v of Object.values(j.resource.tfe_variable))
          if (String(v.key).startsWith('TFC_VAULT_BACKED_AWS_'))
            v.key = String(v.key).replace('TFC_VAULT_BACKED_AWS_AUTH', 'TFC_VAULT_BACKED_AWS_AUTH') + '_SECOND';
        j.resource.tfe_variable.second = {
          variable_set_id: '${tfe_variable_set.app.id}',
          category: 'env',
          key: 'TFC_VAULT_BACKED_AWS_VAULT_CONFIG_SECOND',
          value: 'SECOND',
        };
        for (const key of ['TFC_VAULT_PROVIDER_AUTH', 'TFC_VAULT_ADDR', 'TFC_VAULT_NAMESPACE', 'TFC_VAULT_PLAN_ROLE', 'TFC_VAULT_APPLY_ROLE']) {
          const original = Object.values(j.resource.tfe_variable).find((v) => v.key === key);
          j.resource.tfe_variable[`${key}_SECOND`] = { ...original, key: `${key}_SECOND` };
        }
      }),
    );
    const outcome = simulateWorkspaceRun(c, own);
    expect(outcome.vault.map((v) => [v.configuration.tag, v.login?.verdict])).toEqual([
      [undefined, 'admitted'],
      ['SECOND', 'admitted'],
    ]);
    expect(outcome.credentials.map((r) => [r.configuration.tag, r.configuration.vaultTag, r.path, r.read])).toEqual([
      ['SECOND', 'SECOND', 'aws/sts/app-read', 'allowed'],
    ]);
  });

  test('an unattached workspace gets nothing, and its token reaches nothing', () => {
    const c = config(soundApp());
    const outcome = simulateWorkspaceRun(c, { ...APP, workspace: 'other' });
    expect(outcome).toMatchObject({ variableSets: [], vaultAuth: false, vault: [], credentials: [], awsAllowed: false });
    expect(reachableCredentials(c, (aud) => workspaceRunClaims({ ...APP, workspace: 'other' }, aud))).toEqual([]);
  });

  test('the attacker\'s view: the plan token reaches exactly the plan path', () => {
    const c = config(soundApp());
    expect(reachableCredentials(c, workspaceRunClaims(own))).toEqual([
      { roleAddress: 'vault_jwt_auth_backend_role.plan', namespace: 'ops', path: 'aws/sts/app-read', capability: 'read' },
    ]);
  });

  test('simulateTokenRun takes the run from the token\'s claims', () => {
    const token = workspaceRunClaims({ ...own, runPhase: 'apply' });
    expect(simulateTokenRun(config(soundApp()), token).credentials[0]).toMatchObject({ path: 'aws/sts/app-deploy', read: 'allowed' });
    expect(() => simulateTokenRun(config(soundApp()), { ...token, terraform_run_phase: 'destroy' })).toThrow(/not plan or apply/);
  });
});
