import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { parse } from '@cdktf/hcl2json';
import { GcpSecretBackend } from '@cdktf/provider-vault/lib/gcp-secret-backend';
import {
  CredentialCloud,
  GcpBinding,
  GcpSecretsEngine,
  GcpSecretType,
  ISecretsEngineRole,
  VaultBackedDynamicCredentials,
  VaultBackedDynamicCredentialsProps,
  WorkspaceSelector,
} from '../../lib';
import { GCP_AUTH_TYPES, gcpCredentialPath, gcpRunVariables, phaseValues } from '../../packages/report/src/env/variables';
import { evaluateAcl } from '../../packages/report/src/policy/acl';
import { simulateLogin, workspaceRunClaims, WorkspaceRun } from '../../packages/report/src/simulate';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { checkProviderSchemas } from '../support/provider-schema';
import { RefusalCase, refusalTable } from '../support/refusals';
import { byPath, leaf, stringAt, synthWith, variablesUnder, warnings } from '../support/synth';

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const PROJECT_RESOURCE = '//cloudresourcemanager.googleapis.com/projects/acme-data';
const VIEWER: GcpBinding[] = [{ resource: PROJECT_RESOURCE, roles: ['roles/viewer'] }];
const EDITOR_LIKE: GcpBinding[] = [{ resource: PROJECT_RESOURCE, roles: ['roles/bigquery.admin', 'roles/storage.admin'] }];
const SA_EMAIL = 'deployer@acme-data.iam.gserviceaccount.com';

function trustWith(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
}

/** A trust with a GCP engine and a plan and an apply roleset, both access tokens. */
function gcpTrust(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  const trust = trustWith(stack, props);
  const gcp = trust.addGcpSecretsEngine('gcp');
  const viewer = gcp.addRoleset('viewer', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
  const deployer = gcp.addRoleset('deployer', { project: 'acme-data', tokenScopes: [SCOPE], bindings: EDITOR_LIKE });
  return { trust, gcp, viewer, deployer };
}

/** The ACL verdicts of a run that logs in with `roleName`, on each of `paths`. */
function readable(config: TerraformConfiguration, run: WorkspaceRun, roleName: string, paths: string[]): string[] {
  const login = simulateLogin(config, { roleName }, workspaceRunClaims(run));
  if (!login.admitted) return [];
  return paths.filter((path) => evaluateAcl(login.policies, path, 'read').allowed);
}

describe('GCP env contract (pure)', () => {
  test.each([
    ['roleset/access_token', 'gcp/roleset/rs/token'],
    ['roleset/service_account_key', 'gcp/roleset/rs/key'],
    ['static_account/access_token', 'gcp/static-account/rs/token'],
    ['static_account/service_account_key', 'gcp/static-account/rs/key'],
  ] as const)('auth type %s reads %s', (authType, path) => {
    expect(gcpCredentialPath('gcp', authType, 'rs')).toBe(path);
  });

  test('there are exactly the four auth types HCP Terraform knows, and no impersonated account', () => {
    expect([...GCP_AUTH_TYPES].sort()).toEqual([
      'roleset/access_token',
      'roleset/service_account_key',
      'static_account/access_token',
      'static_account/service_account_key',
    ]);
    expect(GCP_AUTH_TYPES.some((t) => t.includes('impersonat'))).toBe(false);
  });

  test('rolesets per phase use _PLAN_/_APPLY_VAULT_ROLESET; a shared static account uses _RUN_VAULT_STATIC_ACCOUNT', () => {
    const perPhase = gcpRunVariables({ authType: 'roleset/access_token', vaultRoles: phaseValues('v', 'd'), mountPath: 'gcp' });
    expect(perPhase.map((s) => [s.key, s.value])).toEqual([
      ['TFC_VAULT_BACKED_GCP_AUTH', 'true'],
      ['TFC_VAULT_BACKED_GCP_AUTH_TYPE', 'roleset/access_token'],
      ['TFC_VAULT_BACKED_GCP_PLAN_VAULT_ROLESET', 'v'],
      ['TFC_VAULT_BACKED_GCP_APPLY_VAULT_ROLESET', 'd'],
      ['TFC_VAULT_BACKED_GCP_MOUNT_PATH', 'gcp'],
    ]);
    const shared = gcpRunVariables({ authType: 'static_account/service_account_key', vaultRoles: phaseValues('s', 's'), mountPath: 'cloud/gcp' });
    expect(shared.map((s) => s.key)).toEqual([
      'TFC_VAULT_BACKED_GCP_AUTH',
      'TFC_VAULT_BACKED_GCP_AUTH_TYPE',
      'TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT',
      'TFC_VAULT_BACKED_GCP_MOUNT_PATH',
    ]);
    expect(shared.every((s) => !s.sensitive)).toBe(true);
  });
});

describe('GCP secrets engine mount', () => {
  test('credentials from a sensitive variable are referenced, never copied, and a state warning is raised', () => {
    let warned: string[] = [];
    const { json } = synthWith((stack) => {
      const key = new TerraformVariable(stack, 'gcp_key', { type: 'string', sensitive: true });
      const engine = new GcpSecretsEngine(stack, 'gcp', { path: 'gcp-prod', credentials: key, defaultLeaseTtlSeconds: 900, maxLeaseTtlSeconds: 3600 });
      warned = warnings(engine);
    });
    expect(JSON.stringify(json)).toHaveResourceWithProperties(GcpSecretBackend, {
      path: 'gcp-prod',
      credentials: '${var.gcp_key}',
      default_lease_ttl_seconds: 900,
      max_lease_ttl_seconds: 3600,
    });
    expect(byPath(json, 'vault_gcp_secret_backend')['gcp/backend'].credentials_wo).toBeUndefined();
    expect(warned).toEqual([
      '[secret-in-state] The GCP secrets engine service-account key will be stored in Terraform state (the credentials argument is persisted). ' +
        'Protect the state, or pass the key through writeOnlyCredentials (Terraform 1.11+) or use workloadIdentity.',
    ]);
  });

  test('a default lease TTL equal to the maximum is accepted and written as given', () => {
    const { json } = synthWith((stack) => {
      new GcpSecretsEngine(stack, 'gcp', { defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 3600 });
    });
    expect(byPath(json, 'vault_gcp_secret_backend')['gcp/backend']).toMatchObject({ default_lease_ttl_seconds: 3600, max_lease_ttl_seconds: 3600 });
  });

  test('a roleset and a static account may share a name: Vault keeps them apart', () => {
    const { json } = synthWith((stack) => {
      const gcp = new GcpSecretsEngine(stack, 'gcp');
      gcp.addRoleset('ci-roleset', { name: 'ci', project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      gcp.addStaticAccount('ci-account', { name: 'ci', serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE] });
    });
    expect(byPath(json, 'vault_gcp_secret_roleset')['gcp/ci-roleset'].roleset).toBe('ci');
    expect(byPath(json, 'vault_gcp_secret_static_account')['gcp/ci-account/static-account'].static_account).toBe('ci');
  });

  test('the mount description defaults to one naming HCP Terraform runs; a given description is written as given', () => {
    const { json } = synthWith((stack) => {
      new GcpSecretsEngine(stack, 'plain');
      new GcpSecretsEngine(stack, 'described', { path: 'gcp-data', description: 'Data team GCP credentials' });
    });
    const backends = byPath(json, 'vault_gcp_secret_backend');
    expect(backends['plain/backend'].description).toBe('GCP credentials for HCP Terraform runs');
    expect(backends['described/backend'].description).toBe('Data team GCP credentials');
  });

  test('adopting imports the mount, the roleset and the static account by their Vault ids, and nothing that is not adopted', () => {
    const { json } = synthWith((stack) => {
      const engine = new GcpSecretsEngine(stack, 'gcp', { path: 'gcp-prod', adopt: true });
      engine.addRoleset('viewer', { adopt: true, project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      engine.addStaticAccount('ci', { adopt: true, serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE] });
      engine.addRoleset('fresh', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      engine.addStaticAccount('new', { serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE] });
    });
    const imports = leaf<Array<{ to: string; id: string }>>(json.import).map((i) => [i.to.replace(/_[0-9A-F]{8}$/, ''), i.id]);
    expect(imports.sort()).toEqual([
      ['vault_gcp_secret_backend.gcp_backend', 'gcp-prod'],
      ['vault_gcp_secret_roleset.gcp_viewer_roleset', 'gcp-prod/roleset/viewer'],
      ['vault_gcp_secret_static_account.gcp_ci_static-account', 'gcp-prod/static-account/ci'],
    ]);
  });

  test('write-only credentials go to credentials_wo with a version, and nothing lands in the credentials argument', () => {
    let warned: string[] = [];
    const { json } = synthWith((stack) => {
      const key = new TerraformVariable(stack, 'gcp_key', { type: 'string', sensitive: true });
      warned = warnings(new GcpSecretsEngine(stack, 'gcp', { writeOnlyCredentials: { credentialsJson: key.stringValue, version: 3 } }));
    });
    const backend = byPath(json, 'vault_gcp_secret_backend')['gcp/backend'];
    expect(backend).toMatchObject({ path: 'gcp', credentials_wo: '${var.gcp_key}', credentials_wo_version: 3 });
    expect(backend.credentials).toBeUndefined();
    expect(warned).toEqual([]);
  });

  test('plugin workload identity sets the audience and the service account, and no key', () => {
    const { json } = synthWith((stack) =>
      new GcpSecretsEngine(stack, 'gcp', {
        workloadIdentity: {
          identityTokenAudience: '//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/vault/providers/vault',
          serviceAccountEmail: SA_EMAIL,
          identityTokenTtlSeconds: 600,
        },
      }),
    );
    const backend = byPath(json, 'vault_gcp_secret_backend')['gcp/backend'];
    expect(backend).toMatchObject({
      identity_token_audience: '//iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/vault/providers/vault',
      service_account_email: SA_EMAIL,
      identity_token_ttl: 600,
    });
    expect(backend.credentials).toBeUndefined();
    expect(backend.credentials_wo).toBeUndefined();
  });

  test('an existing mount is referenced by path: no mount resource, roles written into it', () => {
    const { json } = synthWith((stack) => {
      const engine = GcpSecretsEngine.fromMountPath(stack, 'gcp', { mountPath: 'cloud/gcp' });
      engine.addRoleset('viewer', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
    });
    expect(json.resource.vault_gcp_secret_backend).toBeUndefined();
    expect(byPath(json, 'vault_gcp_secret_roleset')['gcp/viewer/roleset'].backend).toBe('cloud/gcp');
  });

  test('the facade puts the engine and its roles into the trust namespace', () => {
    const { json } = synthWith((stack) => {
      const { trust, viewer, deployer } = gcpTrust(stack, { vaultNamespace: 'admin' });
      trust.addGcpSecretsEngine('other', { path: 'gcp-static' }).addStaticAccount('sa', { serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE] });
      trust.grantWorkspaces('data', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: viewer, apply: deployer } });
      expect(trust.gcpEngines.map((e) => e.mountPath)).toEqual(['gcp', 'gcp-static']);
    });
    for (const type of ['vault_gcp_secret_backend', 'vault_gcp_secret_roleset', 'vault_gcp_secret_static_account']) {
      for (const body of Object.values(byPath(json, type))) {
        expect({ type, namespace: body.namespace }).toEqual({ type, namespace: 'admin' });
      }
    }
  });
});

describe('GCP rolesets and static accounts', () => {
  test('a roleset carries its project, secret type, scopes and every binding', () => {
    let path = '';
    const { json } = synthWith((stack) => {
      const engine = new GcpSecretsEngine(stack, 'gcp');
      const rs = engine.addRoleset('deployer', {
        name: 'data-deployer',
        project: 'acme-data',
        tokenScopes: [SCOPE],
        bindings: [...EDITOR_LIKE, { resource: '//storage.googleapis.com/projects/_/buckets/acme-raw', roles: ['roles/storage.objectAdmin'] }],
      });
      path = rs.credentialPath;
    });
    expect(path).toBe('gcp/roleset/data-deployer/token');
    expect(byPath(json, 'vault_gcp_secret_roleset')['gcp/deployer/roleset']).toMatchObject({
      backend: expect.stringMatching(/^\$\{vault_gcp_secret_backend\..+\.path\}$/),
      roleset: 'data-deployer',
      project: 'acme-data',
      secret_type: 'access_token',
      token_scopes: [SCOPE],
      binding: [
        { resource: PROJECT_RESOURCE, roles: ['roles/bigquery.admin', 'roles/storage.admin'] },
        { resource: '//storage.googleapis.com/projects/_/buckets/acme-raw', roles: ['roles/storage.objectAdmin'] },
      ],
    });
  });

  test('a static account issuing keys has no scopes, optional bindings, and reads .../key', () => {
    let path = '';
    const { json } = synthWith((stack) => {
      const engine = new GcpSecretsEngine(stack, 'gcp');
      path = engine.addStaticAccount('ci', { serviceAccountEmail: SA_EMAIL, secretType: GcpSecretType.SERVICE_ACCOUNT_KEY }).credentialPath;
    });
    expect(path).toBe('gcp/static-account/ci/key');
    const account = byPath(json, 'vault_gcp_secret_static_account')['gcp/ci/static-account'];
    expect(account).toMatchObject({ static_account: 'ci', service_account_email: SA_EMAIL, secret_type: 'service_account_key' });
    expect(account.token_scopes).toBeUndefined();
    expect(account.binding).toBeUndefined();
  });

  test('a static account with bindings writes each binding with its resource and roles', () => {
    const { json } = synthWith((stack) => {
      new GcpSecretsEngine(stack, 'gcp').addStaticAccount('ci', {
        serviceAccountEmail: SA_EMAIL,
        tokenScopes: [SCOPE],
        bindings: [...EDITOR_LIKE, { resource: '//storage.googleapis.com/projects/_/buckets/acme-raw', roles: ['roles/storage.objectViewer'] }],
      });
    });
    expect(byPath(json, 'vault_gcp_secret_static_account')['gcp/ci/static-account'].binding).toEqual([
      { resource: PROJECT_RESOURCE, roles: ['roles/bigquery.admin', 'roles/storage.admin'] },
      { resource: '//storage.googleapis.com/projects/_/buckets/acme-raw', roles: ['roles/storage.objectViewer'] },
    ]);
  });

  test('a roleset project given as a reference is written as that reference and not checked as a project id', () => {
    const { json } = synthWith((stack) => {
      const project = new TerraformVariable(stack, 'gcp_project', { type: 'string' });
      new GcpSecretsEngine(stack, 'gcp').addRoleset('viewer', { project: project.stringValue, tokenScopes: [SCOPE], bindings: VIEWER });
    });
    expect(byPath(json, 'vault_gcp_secret_roleset')['gcp/viewer/roleset'].project).toBe('${var.gcp_project}');
  });

  test('basic roles in bindings are legal but warned about, each basic role named once', () => {
    let warned: string[] = [];
    synthWith((stack) => {
      const engine = new GcpSecretsEngine(stack, 'gcp');
      warned = warnings(
        engine.addRoleset('wide', {
          project: 'acme-data',
          tokenScopes: [SCOPE],
          bindings: [
            { resource: PROJECT_RESOURCE, roles: ['roles/editor', 'roles/viewer'] },
            { resource: '//cloudresourcemanager.googleapis.com/projects/acme-logs', roles: ['roles/owner', 'roles/editor'] },
          ],
        }),
      );
    });
    expect(warned).toEqual([
      '[gcp-basic-role] bindings grant the basic role(s) "roles/editor", "roles/owner", which cover nearly every service in the resource; grant ' +
        'predefined roles for the services the runs manage instead',
    ]);
  });

  test('bindings with predefined roles only raise no basic-role warning', () => {
    // Warnings are printed at synthesis, so read the engine's (roleset and static account included) after it.
    let warned: string[] = [];
    synthWith((stack) => {
      const engine = new GcpSecretsEngine(stack, 'gcp');
      engine.addRoleset('deployer', { project: 'acme-data', tokenScopes: [SCOPE], bindings: EDITOR_LIKE });
      engine.addStaticAccount('ci', { serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE], bindings: VIEWER });
      warned = warnings(engine);
    });
    expect(warned).toEqual([]);
  });

  test('a roleset and a static account may share a name in one mount; the pipeline policy manages both', () => {
    const { json } = synthWith((stack) => {
      const trust = trustWith(stack);
      const gcp = trust.addGcpSecretsEngine('gcp');
      gcp.addRoleset('ci', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      gcp.addStaticAccount('ci-account', { name: 'ci', serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE] });
      new TerraformOutput(stack, 'vault_pipeline_policy', { value: trust.pipelinePolicy });
    });
    const policy = stringAt(json.output?.vault_pipeline_policy, 'value');
    const paths = [...policy.matchAll(/^path "([^"]+)"/gm)].map((m) => m[1]);
    expect(paths.filter((p) => p.startsWith('gcp/'))).toEqual(['gcp/config', 'gcp/roleset/ci', 'gcp/static-account/ci']);
  });

  test.each([
    ['roleset', /test\/trust\/gcp\/ci\/roleset: its roleset "ci-renamed" was changed after the construct wrote "ci"/],
    ['static_account', /test\/trust\/gcp\/ci\/static-account: its static_account "ci-renamed" was changed after the construct wrote "ci"/],
  ] as const)('the pipeline policy reports a %s name changed through an escape hatch', (field, message) => {
    expect(() =>
      synthWith((stack) => {
        const trust = trustWith(stack);
        const gcp = trust.addGcpSecretsEngine('gcp');
        const role =
          field === 'roleset'
            ? gcp.addRoleset('ci', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER })
            : gcp.addStaticAccount('ci', { serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE] });
        role.resource.addOverride(field, 'ci-renamed');
        new TerraformOutput(stack, 'vault_pipeline_policy', { value: trust.pipelinePolicy });
      }),
    ).toThrow(message);
  });

  test('rolesets, static accounts and the mount use only arguments of the Vault provider schema', () => {
    const { json } = synthWith((stack) => {
      const { trust, viewer, deployer } = gcpTrust(stack);
      const key = new TerraformVariable(stack, 'gcp_key', { type: 'string', sensitive: true });
      const other = trust.addGcpSecretsEngine('other', { path: 'gcp-wo', writeOnlyCredentials: { credentialsJson: key.stringValue } });
      const sa = other.addStaticAccount('sa', { serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE], bindings: VIEWER });
      trust.grantWorkspaces('a', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: viewer, apply: deployer } });
      trust.grantWorkspaces('b', { project: 'Data', workspaces: WorkspaceSelector.names('ci'), gcp: { plan: sa, apply: sa } });
    });
    expect(checkProviderSchemas(json)).toEqual([]);
  });
});

describe('GCP grants', () => {
  test('the variable set carries exactly the GCP variables, each name and path derived from its resource', () => {
    const { json } = synthWith((stack) => {
      const { trust, viewer, deployer } = gcpTrust(stack);
      trust.grantWorkspaces('data', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: viewer, apply: deployer } });
    });
    const vars = variablesUnder(json, 'trust/data/');
    expect(Object.keys(vars).sort()).toEqual([
      'TFC_VAULT_ADDR',
      'TFC_VAULT_APPLY_ROLE',
      'TFC_VAULT_BACKED_GCP_APPLY_VAULT_ROLESET',
      'TFC_VAULT_BACKED_GCP_AUTH',
      'TFC_VAULT_BACKED_GCP_AUTH_TYPE',
      'TFC_VAULT_BACKED_GCP_MOUNT_PATH',
      'TFC_VAULT_BACKED_GCP_PLAN_VAULT_ROLESET',
      'TFC_VAULT_PLAN_ROLE',
      'TFC_VAULT_PROVIDER_AUTH',
    ]);
    expect(vars.TFC_VAULT_BACKED_GCP_AUTH_TYPE.value).toBe('roleset/access_token');
    expect(vars.TFC_VAULT_BACKED_GCP_PLAN_VAULT_ROLESET.value).toMatch(/^\$\{vault_gcp_secret_roleset\.trust_gcp_viewer_roleset_[0-9A-F]+\.roleset\}$/);
    expect(vars.TFC_VAULT_BACKED_GCP_APPLY_VAULT_ROLESET.value).toMatch(/^\$\{vault_gcp_secret_roleset\.trust_gcp_deployer_roleset_[0-9A-F]+\.roleset\}$/);
    expect(vars.TFC_VAULT_BACKED_GCP_MOUNT_PATH.value).toMatch(/^\$\{vault_gcp_secret_backend\.trust_gcp_backend_[0-9A-F]+\.path\}$/);
  });

  test('static accounts per phase use the static-account variables and paths', async () => {
    const { json } = synthWith((stack) => {
      const trust = trustWith(stack);
      const gcp = trust.addGcpSecretsEngine('gcp');
      const reader = gcp.addStaticAccount('reader', {
        serviceAccountEmail: 'reader@acme-data.iam.gserviceaccount.com',
        secretType: GcpSecretType.SERVICE_ACCOUNT_KEY,
      });
      const writer = gcp.addStaticAccount('writer', {
        serviceAccountEmail: 'writer@acme-data.iam.gserviceaccount.com',
        secretType: GcpSecretType.SERVICE_ACCOUNT_KEY,
      });
      trust.grantWorkspaces('sa', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: reader, apply: writer } });
    });
    const vars = variablesUnder(json, 'trust/sa/');
    expect(vars.TFC_VAULT_BACKED_GCP_AUTH_TYPE.value).toBe('static_account/service_account_key');
    expect(vars.TFC_VAULT_BACKED_GCP_PLAN_VAULT_STATIC_ACCOUNT.value).toMatch(/\.static_account\}$/);
    expect(vars.TFC_VAULT_BACKED_GCP_APPLY_VAULT_STATIC_ACCOUNT.value).toMatch(/\.static_account\}$/);
    expect(vars.TFC_VAULT_BACKED_GCP_PLAN_VAULT_ROLESET).toBeUndefined();
    const plan = await parse('policy.hcl', stringAt(byPath(json, 'vault_policy')['trust/sa/plan/policy'], 'policy'));
    expect(Object.keys(plan.path)).toEqual(['auth/token/lookup-self', 'auth/token/renew-self', 'auth/token/revoke-self', 'gcp/static-account/reader/key']);
  });

  test('each phase logs in and reads exactly its own roleset path; other workspaces, projects and organizations read nothing', () => {
    const { config } = synthWith((stack) => {
      const { trust, viewer, deployer } = gcpTrust(stack);
      trust.grantWorkspaces('data', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: viewer, apply: deployer } });
    });
    const paths = [
      'gcp/roleset/viewer/token',
      'gcp/roleset/deployer/token',
      'gcp/roleset/viewer/key',
      'gcp/roleset/deployer/key',
      'gcp/static-account/viewer/token',
      'gcp/config',
      'gcp/roleset/viewer',
    ];
    const run = (runPhase: 'plan' | 'apply', overrides: Partial<WorkspaceRun> = {}): WorkspaceRun => ({
      organization: 'acme',
      project: 'Data',
      workspace: 'etl',
      runPhase,
      ...overrides,
    });
    expect(readable(config, run('plan'), 'tfc-data-plan', paths)).toEqual(['gcp/roleset/viewer/token']);
    expect(readable(config, run('apply'), 'tfc-data-apply', paths)).toEqual(['gcp/roleset/deployer/token']);
    expect(simulateLogin(config, { roleName: 'tfc-data-apply' }, workspaceRunClaims(run('plan'))).admitted).toBe(false);
    for (const overrides of [{ workspace: 'etl-2' }, { project: 'Data Two' }, { organization: 'acme-evil' }]) {
      for (const phase of ['plan', 'apply'] as const) {
        for (const role of ['tfc-data-plan', 'tfc-data-apply']) {
          expect(readable(config, run(phase, overrides), role, paths)).toEqual([]);
        }
      }
    }
  });

  test('a grant mixing AWS and GCP gives each phase one path per cloud', () => {
    const { config } = synthWith((stack) => {
      const { trust, viewer, deployer } = gcpTrust(stack);
      const aws = trust.addAwsSecretsEngine('aws');
      const read = aws.addAssumedRole('read', { roleArns: ['arn:aws:iam::123456789012:role/read'] });
      const admin = aws.addAssumedRole('admin', { roleArns: ['arn:aws:iam::123456789012:role/admin'] });
      trust.grantWorkspaces('mix', {
        project: 'Data',
        workspaces: WorkspaceSelector.names('etl'),
        aws: { plan: read, apply: admin },
        gcp: { plan: viewer, apply: deployer },
      });
    });
    const paths = ['aws/sts/read', 'aws/sts/admin', 'gcp/roleset/viewer/token', 'gcp/roleset/deployer/token'];
    const run = (runPhase: 'plan' | 'apply'): WorkspaceRun => ({ organization: 'acme', project: 'Data', workspace: 'etl', runPhase });
    expect(readable(config, run('plan'), 'tfc-mix-plan', paths)).toEqual(['aws/sts/read', 'gcp/roleset/viewer/token']);
    expect(readable(config, run('apply'), 'tfc-mix-apply', paths)).toEqual(['aws/sts/admin', 'gcp/roleset/deployer/token']);
  });

  test('a shared run role over different GCP rolesets warns that plan can read apply credentials', () => {
    let warned: string[] = [];
    synthWith((stack) => {
      const { trust, viewer, deployer } = gcpTrust(stack);
      warned = warnings(
        trust.grantWorkspaces('one', {
          project: 'Data',
          workspaces: WorkspaceSelector.names('etl'),
          gcp: { plan: viewer, apply: deployer },
          sharedRunRole: true,
        }),
      );
    });
    expect(warned.join('\n')).toMatch(/\[plan-apply-shared\] plan and apply log in with the same role "[^"]+", so plan runs \(any pull request\) hold everything applies hold \(gcp\/roleset\/deployer\/token, gcp\/roleset\/viewer\/token\)/);
  });
});

/** Each case must fail synthesis; the message must name the construct path, the offending value and the fix. */
const CATALOGUE: RefusalCase[] = [
  [
    'roleset without bindings',
    (s) => new GcpSecretsEngine(s, 'gcp').addRoleset('bare', { project: 'acme-data', tokenScopes: [SCOPE], bindings: [] }),
    'test/gcp/bare',
    /roleset "bare" has no bindings; .* add at least one \{ resource, roles \}/, ['GcpRolesetProps.bindings'],
  ],
  [
    'access_token roleset without scopes',
    (s) => new GcpSecretsEngine(s, 'gcp').addRoleset('noscope', { project: 'acme-data', bindings: VIEWER }),
    'test/gcp/noscope',
    /roleset "noscope" issues access_token but has no tokenScopes; .*add one such as "https:\/\/www\.googleapis\.com\/auth\/cloud-platform"/,
  ],
  [
    'access_token static account without scopes',
    (s) => new GcpSecretsEngine(s, 'gcp').addStaticAccount('sa', { serviceAccountEmail: SA_EMAIL }),
    'test/gcp/sa',
    /static account "sa" issues access_token but has no tokenScopes/,
  ],
  [
    'scopes on a service-account key',
    (s) =>
      new GcpSecretsEngine(s, 'gcp').addRoleset('keys', {
        project: 'acme-data',
        secretType: GcpSecretType.SERVICE_ACCOUNT_KEY,
        tokenScopes: [SCOPE],
        bindings: VIEWER,
      }),
    'test/gcp/keys',
    /roleset "keys" issues service_account_key, which has no scopes; remove tokenScopes/, ['GcpEngineRoleOptions.secretType'],
  ],
  [
    'binding without roles',
    (s) =>
      new GcpSecretsEngine(s, 'gcp').addRoleset('empty', { project: 'acme-data', tokenScopes: [SCOPE], bindings: [{ resource: PROJECT_RESOURCE, roles: [] }] }),
    'test/gcp/empty',
    /binding 0 \("\/\/cloudresourcemanager\.googleapis\.com\/projects\/acme-data"\) grants no roles/,
  ],
  [
    'binding role that is not a role name',
    (s) =>
      new GcpSecretsEngine(s, 'gcp').addRoleset('typo', {
        project: 'acme-data',
        tokenScopes: [SCOPE],
        bindings: [{ resource: PROJECT_RESOURCE, roles: ['viewer'] }],
      }),
    'test/gcp/typo',
    /role "viewer" is not a GCP role name \("roles\/<name>"/, ['GcpBinding.roles'],
  ],
  [
    'binding resource that is not a full resource name',
    (s) =>
      new GcpSecretsEngine(s, 'gcp').addRoleset('rel', {
        project: 'acme-data',
        tokenScopes: [SCOPE],
        bindings: [{ resource: 'projects/acme-data', roles: ['roles/viewer'] }],
      }),
    'test/gcp/rel',
    /resource "projects\/acme-data" is not a full resource name such as "\/\/cloudresourcemanager/, ['GcpBinding.resource'],
  ],
  [
    'token scope that is not a URL',
    (s) => new GcpSecretsEngine(s, 'gcp').addRoleset('scope', { project: 'acme-data', tokenScopes: ['cloud-platform'], bindings: VIEWER }),
    'test/gcp/scope',
    /token scope "cloud-platform" is not a Google OAuth scope URL/, ['GcpEngineRoleOptions.tokenScopes'],
  ],
  [
    'roleset project that is not a project id',
    (s) => new GcpSecretsEngine(s, 'gcp').addRoleset('proj', { project: 'Acme Data', tokenScopes: [SCOPE], bindings: VIEWER }),
    'test/gcp/proj',
    /roleset "proj" project "Acme Data" is not a GCP project id \(6-30 lower-case letters, digits and "-", starting with a letter\)$/,
    ['GcpRolesetProps.project'],
  ],
  [
    'static account email that is not a service account',
    (s) => new GcpSecretsEngine(s, 'gcp').addStaticAccount('sa', { serviceAccountEmail: 'me@example.com', tokenScopes: [SCOPE] }),
    'test/gcp/sa',
    /serviceAccountEmail "me@example\.com" is not a service-account email/, ['GcpStaticAccountProps.serviceAccountEmail'],
  ],
  [
    'roleset name with a slash',
    (s) => new GcpSecretsEngine(s, 'gcp').addRoleset('slash', { name: 'a/b', project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER }),
    'test/gcp/slash',
    /GCP engine role name "a\/b" contains "\/"/, ['GcpEngineRoleOptions.name'],
  ],
  [
    'static account name given as a reference',
    (s) =>
      new GcpSecretsEngine(s, 'gcp').addStaticAccount('ref', {
        name: new TerraformVariable(s, 'sa_name', { type: 'string' }).stringValue,
        serviceAccountEmail: SA_EMAIL,
        tokenScopes: [SCOPE],
      }),
    'test/gcp/ref',
    /the name of static account .* must be a literal string: it becomes part of a Vault policy path/,
  ],
  [
    'mixed auth types across the phases of one grant',
    (s) => {
      const trust = trustWith(s);
      const gcp = trust.addGcpSecretsEngine('gcp');
      const rs = gcp.addRoleset('rs', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      const sa = gcp.addStaticAccount('sa', { serviceAccountEmail: SA_EMAIL, secretType: GcpSecretType.SERVICE_ACCOUNT_KEY });
      trust.grantWorkspaces('g', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: rs, apply: sa } });
    },
    'test/trust/g',
    /GCP plan role "rs" uses auth type roleset\/access_token but apply role "sa" uses static_account\/service_account_key; HCP Terraform takes one TFC_VAULT_BACKED_GCP_AUTH_TYPE/, ['GcpPhaseCredentials.apply', 'WorkspaceGrantOptions.gcp'],
  ],
  [
    'mixed secret types across the phases of one grant',
    (s) => {
      const trust = trustWith(s);
      const gcp = trust.addGcpSecretsEngine('gcp');
      const token = gcp.addRoleset('token', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      const key = gcp.addRoleset('key', { project: 'acme-data', secretType: GcpSecretType.SERVICE_ACCOUNT_KEY, bindings: VIEWER });
      trust.grantWorkspaces('g', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: token, apply: key } });
    },
    'test/trust/g',
    /uses auth type roleset\/access_token but apply role "key" uses roleset\/service_account_key/,
  ],
  [
    'plan and apply rolesets in different engines',
    (s) => {
      const trust = trustWith(s);
      const a = trust.addGcpSecretsEngine('a', { path: 'gcp-a' }).addRoleset('r', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      const b = trust.addGcpSecretsEngine('b', { path: 'gcp-b' }).addRoleset('r', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      trust.grantWorkspaces('g', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: a, apply: b } });
    },
    'test/trust/g',
    /is in mount "gcp-a" but apply role "r" is in mount "gcp-b"; HCP Terraform takes one GCP mount path/, ['GcpPhaseCredentials.plan'],
  ],
  [
    'credentials variable that is not sensitive',
    (s) => new GcpSecretsEngine(s, 'gcp', { credentials: new TerraformVariable(s, 'gcp_key', { type: 'string' }) }),
    'test/gcp',
    /service-account key variable "gcp_key" is not sensitive; declare it with sensitive: true/, ['GcpSecretsEngineProps.credentials'],
  ],
  [
    'write-only credentials given as a literal',
    (s) => new GcpSecretsEngine(s, 'gcp', { writeOnlyCredentials: { credentialsJson: 'inline-json-placeholder' } }),
    'test/gcp',
    /writeOnlyCredentials\.credentialsJson is a literal string; .*pass a sensitive variable/, ['GcpEngineWriteOnlyCredentials.credentialsJson'],
  ],
  [
    'two ways to authenticate at once',
    (s) => {
      const key = new TerraformVariable(s, 'gcp_key', { type: 'string', sensitive: true });
      new GcpSecretsEngine(s, 'gcp', { credentials: key, workloadIdentity: { identityTokenAudience: 'aud', serviceAccountEmail: SA_EMAIL } });
    },
    'test/gcp',
    /credentials and workloadIdentity are mutually exclusive/, ['GcpSecretsEngineProps.workloadIdentity'],
  ],
  [
    'existing mount path under a reserved prefix',
    (s) => GcpSecretsEngine.fromMountPath(s, 'gcp', { mountPath: 'sys/gcp' }),
    'test/gcp',
    /sys\/gcp/, ['ImportedGcpSecretsEngineProps.mountPath'],
  ],
  [
    'workload identity email that is not a service account',
    (s) => new GcpSecretsEngine(s, 'gcp', { workloadIdentity: { identityTokenAudience: 'aud', serviceAccountEmail: 'vault' } }),
    'test/gcp',
    /workloadIdentity\.serviceAccountEmail "vault" is not a service-account email/, ['GcpEngineWorkloadIdentity.serviceAccountEmail'],
  ],
  [
    'write-only version zero',
    (s) =>
      new GcpSecretsEngine(s, 'gcp', { writeOnlyCredentials: { credentialsJson: new TerraformVariable(s, 'k', { sensitive: true }).stringValue, version: 0 } }),
    'test/gcp',
    /writeOnlyCredentials\.version 0 must be a whole number of 1 or more/, ['GcpEngineWriteOnlyCredentials.version'],
  ],
  [
    'GCP write-only credentials and a credentials variable at once',
    (s) =>
      new GcpSecretsEngine(s, 'gcp', {
        credentials: new TerraformVariable(s, 'gcp_key', { type: 'string', sensitive: true }),
        writeOnlyCredentials: { credentialsJson: new TerraformVariable(s, 'gcp_key_wo', { type: 'string', sensitive: true }).stringValue },
      }),
    'test/gcp',
    /credentials and writeOnlyCredentials are mutually exclusive/, ['GcpSecretsEngineProps.writeOnlyCredentials'],
  ],
  [
    'GCP mount path with a dot-dot segment',
    (s) => new GcpSecretsEngine(s, 'gcp', { path: 'gcp/..' }),
    'test/gcp',
    /Vault mount path "gcp\/\.\." has the segment "\.\.", which Vault would treat as a relative path/, ['GcpSecretsEngineProps.path'],
  ],
  [
    'GCP lease TTL of zero',
    (s) => new GcpSecretsEngine(s, 'gcp', { defaultLeaseTtlSeconds: 0 }),
    'test/gcp',
    /defaultLeaseTtlSeconds is 0; use a whole number of seconds from 1 to 31536000/, ['GcpSecretsEngineProps.defaultLeaseTtlSeconds'],
  ],
  [
    'GCP maximum lease TTL below the default',
    (s) => new GcpSecretsEngine(s, 'gcp', { defaultLeaseTtlSeconds: 7200, maxLeaseTtlSeconds: 3600 }),
    'test/gcp',
    /defaultLeaseTtlSeconds \(7200\) exceeds maxLeaseTtlSeconds \(3600\); lower the default or raise the maximum/, ['GcpSecretsEngineProps.maxLeaseTtlSeconds'],
  ],
  [
    'two GCP static accounts of one mount with one name',
    (s) => {
      const gcp = new GcpSecretsEngine(s, 'gcp');
      gcp.addStaticAccount('ci', { serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE] });
      gcp.addStaticAccount('ci-again', { name: 'ci', serviceAccountEmail: SA_EMAIL, tokenScopes: [SCOPE] });
    },
    'test/gcp',
    /\] static account name "ci" is used by both test\/gcp\/ci and test\/gcp\/ci-again in mount "gcp"; Vault keeps one static account per name, so give each its own name$/,
  ],
  [
    'GCP workload identity with an empty audience',
    (s) => new GcpSecretsEngine(s, 'gcp', { workloadIdentity: { identityTokenAudience: ' ', serviceAccountEmail: SA_EMAIL } }),
    'test/gcp',
    /workloadIdentity\.identityTokenAudience is empty; use an audience your Workload Identity Pool provider accepts/,
    ['GcpEngineWorkloadIdentity.identityTokenAudience'],
  ],
  [
    'GCP workload identity audience with a space',
    (s) => new GcpSecretsEngine(s, 'gcp', { workloadIdentity: { identityTokenAudience: 'vault pool', serviceAccountEmail: SA_EMAIL } }),
    'test/gcp',
    /\] workloadIdentity\.identityTokenAudience "vault pool" is not an audience of letters, digits and \. _ : \/ @ \+ = \? & # - \(for example "sts\.amazonaws\.com"\)$/,
  ],
  [
    'GCP workload identity token TTL of zero',
    (s) => new GcpSecretsEngine(s, 'gcp', { workloadIdentity: { identityTokenAudience: 'aud', serviceAccountEmail: SA_EMAIL, identityTokenTtlSeconds: 0 } }),
    'test/gcp',
    /workloadIdentity\.identityTokenTtlSeconds is 0; use a whole number of seconds from 1 to 86400/, ['GcpEngineWorkloadIdentity.identityTokenTtlSeconds'],
  ],
  [
    'static account binding without roles',
    (s) =>
      new GcpSecretsEngine(s, 'gcp').addStaticAccount('sa', {
        serviceAccountEmail: SA_EMAIL,
        tokenScopes: [SCOPE],
        bindings: [{ resource: PROJECT_RESOURCE, roles: [] }],
      }),
    'test/gcp/sa',
    /static account "sa" binding 0 \("\/\/cloudresourcemanager\.googleapis\.com\/projects\/acme-data"\) grants no roles/, ['GcpStaticAccountProps.bindings'],
  ],
  [
    'GCP engine in another namespace than the JWT mount',
    (s) => {
      const trust = trustWith(s, { vaultNamespace: 'admin' });
      const r = trust
        .addGcpSecretsEngine('gcp', { vaultNamespace: 'admin/other' })
        .addRoleset('r', { project: 'acme-data', tokenScopes: [SCOPE], bindings: VIEWER });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), gcp: { plan: r, apply: r } });
    },
    'test/trust/g/plan',
    /secrets-engine role "r" is in namespace "admin\/other" but the JWT auth mount is in namespace "admin"/, ['GcpSecretsEngineProps.vaultNamespace'],
  ],
];

describe('GCP validation catalogue', () => {
  refusalTable(CATALOGUE);

  test('a grant with only GCP credentials is not "a grant without credentials"', () => {
    expect(() =>
      synthWith((stack) => {
        const { trust, viewer, deployer } = gcpTrust(stack);
        trust.grantWorkspaces('data', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: { plan: viewer, apply: deployer } });
      }),
    ).not.toThrow();
  });
});

describe('GCP access tokens last one hour and cannot be renewed', () => {
  const accessTokenWarnings = (props: Partial<VaultBackedDynamicCredentialsProps>, keyBased = false, stack = false) => {
    let warned: string[] = [];
    synthWith((s) => {
      const { trust, gcp, viewer, deployer } = gcpTrust(s, props);
      if (stack) {
        warned = warnings(
          trust.grantStackDeployments('st', { project: 'Data', stack: 'etl', deployments: ['prod'], planCredentials: [viewer], applyCredentials: [deployer] }),
        );
        return;
      }
      const keys = keyBased
        ? {
            plan: gcp.addStaticAccount('reader', {
              serviceAccountEmail: 'reader@acme-data.iam.gserviceaccount.com',
              secretType: GcpSecretType.SERVICE_ACCOUNT_KEY,
            }),
            apply: gcp.addStaticAccount('writer', {
              serviceAccountEmail: 'writer@acme-data.iam.gserviceaccount.com',
              secretType: GcpSecretType.SERVICE_ACCOUNT_KEY,
            }),
          }
        : { plan: viewer, apply: deployer };
      warned = warnings(trust.grantWorkspaces('etl', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), gcp: keys }));
    });
    return warned.filter((w) => w.startsWith('[gcp-access-token-one-hour]'));
  };

  test('a tokenMaxTtlSeconds above an hour on a grant with access tokens warns, naming the token paths', () => {
    expect(accessTokenWarnings({ tokenMaxTtlSeconds: 14400 })).toEqual([
      '[gcp-access-token-one-hour] tokenMaxTtlSeconds is 14400 s, so runs may last longer than an hour, but the GCP access tokens ' +
        '(gcp/roleset/viewer/token, gcp/roleset/deployer/token) last one hour and cannot be renewed: Google calls fail after the first hour. Keep runs ' +
        'under an hour, or use a service_account_key secret type for long runs',
    ]);
  });

  test('Stack grants are checked the same way', () => {
    expect(accessTokenWarnings({ tokenMaxTtlSeconds: 7200 }, false, true)).toHaveLength(1);
  });

  test('a credential of another cloud is not counted as a GCP access token, whatever its credential type', () => {
    // A secrets-engine role of the caller's own making may name any credential type; only GCP roles issue GCP tokens.
    const own: ISecretsEngineRole = {
      cloud: CredentialCloud.AWS,
      roleName: 'deploy',
      roleNameReference: 'deploy',
      mountPath: 'aws-custom',
      mountPathReference: 'aws-custom',
      credentialPath: 'aws-custom/creds/deploy',
      credentialType: 'session/access_token',
    };
    let warned: string[] = [];
    synthWith((s) => {
      const trust = trustWith(s, { tokenMaxTtlSeconds: 7200 });
      warned = warnings(
        trust.grantStackDeployments('st', { project: 'Data', stack: 'etl', deployments: ['prod'], planCredentials: [own], applyCredentials: [own] }),
      );
    });
    expect(warned.filter((w) => w.startsWith('[gcp-access-token-one-hour]'))).toEqual([]);
  });

  test('no warning at one hour or less, without tokenMaxTtlSeconds, or with service account keys', () => {
    expect(accessTokenWarnings({ tokenMaxTtlSeconds: 3600 })).toEqual([]);
    expect(accessTokenWarnings({})).toEqual([]);
    expect(accessTokenWarnings({ tokenMaxTtlSeconds: 14400 }, true)).toEqual([]);
  });
});
