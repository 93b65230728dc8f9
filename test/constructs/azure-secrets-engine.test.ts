import 'cdktf/lib/testing/adapters/jest';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { AzureSecretBackend } from '@cdktf/provider-vault/lib/azure-secret-backend';
import { AzureSecretBackendRole } from '@cdktf/provider-vault/lib/azure-secret-backend-role';
import {
  AzureEngineRole,
  AzureEngineRoleProps,
  AzureRbacRole,
  AzureSecretsEngine,
  AzureSecretsEngineProps,
  VaultBackedDynamicCredentials,
  VaultBackedDynamicCredentialsProps,
  WorkspaceSelector,
} from '../../lib';
import { DEFAULT_AZURE_SLEEP_SECONDS } from '../../lib/private/cloud-configurations';
import { azureCredentialPath, azureRunVariables, FORBIDDEN_AZURE_RUN_VARIABLES, phaseValues } from '../../packages/report/src/env/variables';
import { evaluateAcl } from '../../packages/report/src/policy/acl';
import { simulateLogin, simulateWorkspaceRun, workspaceRunClaims, WorkspaceRun } from '../../packages/report/src/simulate';
import { TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { checkProviderSchemas } from '../support/provider-schema';
import { RefusalCase, refusalTable } from '../support/refusals';
import { byPath, synthError, synthWith, variablesUnder, warnings } from '../support/synth';

const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';
const CLIENT = '33333333-3333-4333-8333-333333333333';
const APP_OBJECT = '44444444-4444-4444-8444-444444444444';
const GROUP_SCOPE = `/subscriptions/${SUBSCRIPTION}/resourceGroups/data`;
const READER: AzureEngineRoleProps = { azureRoles: [{ roleName: 'Reader', scope: GROUP_SCOPE }], ttlSeconds: 3600 };
const CONTRIBUTOR: AzureEngineRoleProps = { azureRoles: [{ roleName: 'Contributor', scope: GROUP_SCOPE }], ttlSeconds: 3600, maxTtlSeconds: 7200 };
const ENGINE: AzureSecretsEngineProps = { subscriptionId: SUBSCRIPTION, tenantId: TENANT };
/** Reader on the resource group, with no TTLs: for cases where a TTL of the role is the value under test. */
const ROLES_ONLY: AzureEngineRoleProps = { azureRoles: [{ roleName: 'Reader', scope: GROUP_SCOPE }] };

function trustWith(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
}

function azureTrust(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  const trust = trustWith(stack, props);
  const azure = trust.addAzureSecretsEngine('azure', ENGINE);
  return { trust, azure, reader: azure.addRole('reader', READER), contributor: azure.addRole('contributor', CONTRIBUTOR) };
}

function readable(config: TerraformConfiguration, run: WorkspaceRun, roleName: string, paths: string[]): string[] {
  const login = simulateLogin(config, { roleName }, workspaceRunClaims(run));
  if (!login.admitted) return [];
  return paths.filter((path) => evaluateAcl(login.policies, path, 'read').allowed);
}

describe('Azure env contract (pure)', () => {
  test('per-phase roles, mount, sleep and the subscription and tenant, and never a client id or OIDC switch', () => {
    const specs = azureRunVariables({
      vaultRoles: phaseValues('r', 'c'),
      mountPath: 'azure',
      sleepSeconds: 30,
      subscriptionId: SUBSCRIPTION,
      tenantId: TENANT,
    });
    expect(specs.map((s) => [s.key, s.value])).toEqual([
      ['TFC_VAULT_BACKED_AZURE_AUTH', 'true'],
      ['TFC_VAULT_BACKED_AZURE_PLAN_VAULT_ROLE', 'r'],
      ['TFC_VAULT_BACKED_AZURE_APPLY_VAULT_ROLE', 'c'],
      ['TFC_VAULT_BACKED_AZURE_MOUNT_PATH', 'azure'],
      ['TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS', '30'],
      ['ARM_SUBSCRIPTION_ID', SUBSCRIPTION],
      ['ARM_TENANT_ID', TENANT],
    ]);
    for (const key of FORBIDDEN_AZURE_RUN_VARIABLES) expect(specs.map((s) => s.key)).not.toContain(key);
    expect(FORBIDDEN_AZURE_RUN_VARIABLES).toEqual(expect.arrayContaining(['ARM_CLIENT_ID', 'ARM_USE_OIDC', 'ARM_OIDC_TOKEN']));
  });

  test('a shared role is emitted once as _RUN_VAULT_ROLE, and sleep is left out when not asked for', () => {
    const specs = azureRunVariables({ vaultRoles: phaseValues('r', 'r'), mountPath: 'azure' });
    expect(specs.map((s) => s.key)).toEqual(['TFC_VAULT_BACKED_AZURE_AUTH', 'TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE', 'TFC_VAULT_BACKED_AZURE_MOUNT_PATH']);
    expect(azureCredentialPath('cloud/azure', 'r')).toBe('cloud/azure/creds/r');
  });
});

describe('Azure secrets engine mount', () => {
  test('client secret from a sensitive variable, client id, subscription and tenant; a state warning', () => {
    let warned: string[] = [];
    const { text } = synthWith((stack) => {
      const secret = new TerraformVariable(stack, 'azure_secret', { type: 'string', sensitive: true });
      const engine = new AzureSecretsEngine(stack, 'azure', {
        ...ENGINE,
        path: 'azure-prod',
        clientCredentials: { clientId: CLIENT, clientSecret: secret },
        environment: 'AzurePublicCloud',
      });
      warned = warnings(engine);
    });
    expect(text).toHaveResourceWithProperties(AzureSecretBackend, {
      path: 'azure-prod',
      subscription_id: SUBSCRIPTION,
      tenant_id: TENANT,
      client_id: CLIENT,
      client_secret: '${var.azure_secret}',
      environment: 'AzurePublicCloud',
    });
    expect(warned.join('\n')).toMatch(/client secret will be stored in Terraform state/);
  });

  test('plugin workload identity: client id and audience, no secret', () => {
    const { json } = synthWith(
      (stack) =>
        new AzureSecretsEngine(stack, 'azure', {
          ...ENGINE,
          workloadIdentity: { clientId: CLIENT, identityTokenAudience: 'api://AzureADTokenExchange', identityTokenTtlSeconds: 600 },
        }),
    );
    const backend = byPath(json, 'vault_azure_secret_backend')['azure/backend'];
    expect(backend).toMatchObject({ client_id: CLIENT, identity_token_audience: 'api://AzureADTokenExchange', identity_token_ttl: 600 });
    expect(backend.client_secret).toBeUndefined();
  });

  test('roles carry azure_roles, azure_groups, an existing application and Vault duration strings', () => {
    const { json } = synthWith((stack) => {
      const engine = new AzureSecretsEngine(stack, 'azure', ENGINE);
      engine.addRole('dyn', {
        azureRoles: [
          { roleName: 'Reader', scope: GROUP_SCOPE },
          {
            roleId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`,
            scope: GROUP_SCOPE,
          },
        ],
        azureGroups: ['platform-deployers'],
        ttlSeconds: 1800,
        maxTtlSeconds: 7200,
        permanentlyDelete: true,
        description: 'deploys',
      });
      engine.addRole('existing', { applicationObjectId: APP_OBJECT, ttlSeconds: 3600 });
    });
    expect(JSON.stringify(json)).toHaveResourceWithProperties(AzureSecretBackendRole, {
      role: 'dyn',
      azure_roles: [
        { role_name: 'Reader', scope: GROUP_SCOPE },
        {
          role_id: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`,
          scope: GROUP_SCOPE,
        },
      ],
      azure_groups: [{ group_name: 'platform-deployers' }],
      ttl: '1800',
      max_ttl: '7200',
      permanently_delete: true,
    });
    const existing = byPath(json, 'vault_azure_secret_backend_role')['azure/existing/role'];
    expect(existing).toMatchObject({ role: 'existing', application_object_id: APP_OBJECT, ttl: '3600' });
    expect(existing.azure_roles).toBeUndefined();
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('a new mount is described by default; workload identity raises no state warning, a client secret names the remedies', () => {
    const warned: Record<string, string[]> = {};
    const { json } = synthWith((stack) => {
      const clientSecret = new TerraformVariable(stack, 'azure_secret', { type: 'string', sensitive: true });
      const secret = new AzureSecretsEngine(stack, 'secret', { ...ENGINE, path: 'azure-secret', clientCredentials: { clientId: CLIENT, clientSecret } });
      const wif = new AzureSecretsEngine(stack, 'wif', {
        ...ENGINE,
        path: 'azure-wif',
        workloadIdentity: { clientId: CLIENT, identityTokenAudience: 'api://AzureADTokenExchange' },
      });
      warned.secret = warnings(secret);
      warned.wif = warnings(wif);
    });
    expect(byPath(json, 'vault_azure_secret_backend')['secret/backend'].description).toBe('Azure credentials for HCP Terraform runs');
    expect(warned.secret.filter((w) => w.startsWith('[secret-in-state]'))).toEqual([
      '[secret-in-state] The Azure secrets engine client secret will be stored in Terraform state (the Vault provider bindings in use have no ' +
        "write-only client_secret_wo). Protect the state, rotate the secret with Vault's rotate-root after the first apply, or use workloadIdentity.",
    ]);
    expect(warned.wif.filter((w) => w.startsWith('[secret-in-state]'))).toEqual([]);
  });

  test('a role of groups only is accepted and writes its groups alone: no azure_roles, ttl or max_ttl', () => {
    const { json } = synthWith((stack) => new AzureSecretsEngine(stack, 'azure', ENGINE).addRole('groups', { azureGroups: ['platform-deployers'] }));
    const body = byPath(json, 'vault_azure_secret_backend_role')['azure/groups/role'];
    expect(body).toMatchObject({ role: 'groups', azure_groups: [{ group_name: 'platform-deployers' }] });
    expect(Object.keys(body).sort()).toEqual(['azure_groups', 'backend', 'role']);
  });

  test('credentialType and createsServicePrincipals tell dynamic service principals from an existing application', () => {
    let roles: AzureEngineRole[] = [];
    synthWith((stack) => {
      const engine = new AzureSecretsEngine(stack, 'azure', ENGINE);
      roles = [engine.addRole('dyn', READER), engine.addRole('existing', { applicationObjectId: APP_OBJECT })];
    });
    expect(roles.map((r) => [r.roleName, r.credentialType, r.createsServicePrincipals])).toEqual([
      ['dyn', 'dynamic_service_principal', true],
      ['existing', 'existing_service_principal', false],
    ]);
  });

  test('a role whose ttlSeconds equals maxTtlSeconds is accepted', () => {
    const equal: AzureEngineRoleProps = { ...ROLES_ONLY, ttlSeconds: 3600, maxTtlSeconds: 3600 };
    const { json } = synthWith((stack) => new AzureSecretsEngine(stack, 'azure', ENGINE).addRole('r', equal));
    expect(byPath(json, 'vault_azure_secret_backend_role')['azure/r/role']).toMatchObject({ ttl: '3600', max_ttl: '3600' });
  });

  test.each<[string, (stack: TerraformStack) => AzureEngineRoleProps, RegExp]>([
    [
      'maxTtlSeconds',
      (s) => ({ ...ROLES_ONLY, ttlSeconds: 3600, maxTtlSeconds: new TerraformVariable(s, 'max_ttl', { type: 'number' }).numberValue }),
      /^\[test\/azure\/r\] Azure role "r" maxTtlSeconds must be a literal number of seconds: /,
    ],
    [
      // A number reference encodes as a huge negative number: still above a maximum even further below zero.
      'ttlSeconds',
      (s) => ({ ...ROLES_ONLY, ttlSeconds: new TerraformVariable(s, 'ttl', { type: 'number' }).numberValue, maxTtlSeconds: -Number.MAX_VALUE }),
      /^\[test\/azure\/r\] Azure role "r" ttlSeconds must be a literal number of seconds: /,
    ],
  ])('a referenced %s is refused as a reference, and never compared with the other TTL', (_prop, props, message) => {
    const error = synthError((s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', props(s)));
    const lines = error.split('\n').map((line) => line.trim());
    expect(lines.filter((line) => message.test(line))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('exceeds'))).toEqual([]);
  });

  test('a role name changed through an escape hatch after construction is reported when the pipeline policy is rendered', () => {
    expect(() =>
      synthWith((stack) => {
        const { trust, reader } = azureTrust(stack);
        reader.resource.addOverride('role', 'reader-renamed');
        new TerraformOutput(stack, 'vault_pipeline_policy', { value: trust.pipelinePolicy });
      }),
    ).toThrow(
      'test/trust/azure/reader/role: its role "reader-renamed" was changed after the construct wrote "reader", so the pipeline policy would name the ' +
        "wrong Vault path; set it through the construct's props instead",
    );
  });

  test('an existing mount: no mount resource; the given subscription and tenant still reach runs', () => {
    const { json } = synthWith((stack) => {
      const trust = trustWith(stack);
      const azure = AzureSecretsEngine.fromMountPath(trust, 'azure', { mountPath: 'cloud/azure', subscriptionId: SUBSCRIPTION, tenantId: TENANT });
      const reader = azure.addRole('reader', READER);
      trust.grantWorkspaces('g', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), azure: { plan: reader, apply: reader } });
    });
    expect(json.resource.vault_azure_secret_backend).toBeUndefined();
    const vars = variablesUnder(json, 'trust/g/');
    expect(vars.TFC_VAULT_BACKED_AZURE_MOUNT_PATH.value).toBe('cloud/azure');
    expect(vars.ARM_SUBSCRIPTION_ID.value).toBe(SUBSCRIPTION);
    expect(vars.ARM_TENANT_ID.value).toBe(TENANT);
  });
});

describe('Azure grants', () => {
  test('the variable set carries exactly the Azure variables, derived from the resources; no ARM client or OIDC variables', () => {
    const { json, config } = synthWith((stack) => {
      const { trust, reader, contributor } = azureTrust(stack);
      trust.grantWorkspaces('data', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), azure: { plan: reader, apply: contributor } });
    });
    const vars = variablesUnder(json, 'trust/data/');
    expect(Object.keys(vars).sort()).toEqual([
      'ARM_SUBSCRIPTION_ID',
      'ARM_TENANT_ID',
      'TFC_VAULT_ADDR',
      'TFC_VAULT_APPLY_ROLE',
      'TFC_VAULT_BACKED_AZURE_APPLY_VAULT_ROLE',
      'TFC_VAULT_BACKED_AZURE_AUTH',
      'TFC_VAULT_BACKED_AZURE_MOUNT_PATH',
      'TFC_VAULT_BACKED_AZURE_PLAN_VAULT_ROLE',
      'TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS',
      'TFC_VAULT_PLAN_ROLE',
      'TFC_VAULT_PROVIDER_AUTH',
    ]);
    expect(vars.TFC_VAULT_BACKED_AZURE_PLAN_VAULT_ROLE.value).toMatch(/^\$\{vault_azure_secret_backend_role\.trust_azure_reader_role_[0-9A-F]+\.role\}$/);
    expect(vars.TFC_VAULT_BACKED_AZURE_MOUNT_PATH.value).toMatch(/^\$\{vault_azure_secret_backend\.trust_azure_backend_[0-9A-F]+\.path\}$/);
    expect(vars.ARM_SUBSCRIPTION_ID.value).toMatch(/^\$\{vault_azure_secret_backend\..+\.subscription_id\}$/);
    expect(vars.ARM_TENANT_ID.value).toMatch(/^\$\{vault_azure_secret_backend\..+\.tenant_id\}$/);
    expect(vars.TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS.value).toBe(String(DEFAULT_AZURE_SLEEP_SECONDS));
    // The references resolve to the literals a run would see.
    const env = simulateWorkspaceRun(config, { organization: 'acme', project: 'Data', workspace: 'etl', runPhase: 'plan' }).environment;
    expect(env).toMatchObject({
      ARM_SUBSCRIPTION_ID: SUBSCRIPTION,
      ARM_TENANT_ID: TENANT,
      TFC_VAULT_BACKED_AZURE_PLAN_VAULT_ROLE: 'reader',
      TFC_VAULT_BACKED_AZURE_MOUNT_PATH: 'azure',
    });
  });

  test.each([
    ['dynamic service principals wait by default', READER, undefined, String(DEFAULT_AZURE_SLEEP_SECONDS)],
    ['an explicit wait wins', READER, 15, '15'],
    ['zero turns the wait off', READER, 0, '0'],
    ['roles on an existing application do not wait', { applicationObjectId: APP_OBJECT }, undefined, undefined],
  ] as const)('sleep seconds: %s', (_label, roleProps, sleepSeconds, expected) => {
    const { json } = synthWith((stack) => {
      const trust = trustWith(stack);
      const role = trust.addAzureSecretsEngine('azure', ENGINE).addRole('r', roleProps as AzureEngineRoleProps);
      trust.grantWorkspaces('g', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), azure: { plan: role, apply: role, sleepSeconds } });
    });
    expect(variablesUnder(json, 'trust/g/').TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS?.value).toBe(expected);
  });

  test('a grant may name another subscription for runs', () => {
    const other = '55555555-5555-4555-8555-555555555555';
    const { json } = synthWith((stack) => {
      const { trust, reader } = azureTrust(stack);
      trust.grantWorkspaces('g', {
        project: 'Data',
        workspaces: WorkspaceSelector.names('etl'),
        azure: { plan: reader, apply: reader, subscriptionId: other },
      });
    });
    expect(variablesUnder(json, 'trust/g/').ARM_SUBSCRIPTION_ID.value).toBe(other);
  });

  test('each phase logs in and reads exactly its own creds path; nothing for other workspaces', () => {
    const { config } = synthWith((stack) => {
      const { trust, reader, contributor } = azureTrust(stack, { vaultNamespace: 'admin' });
      trust.grantWorkspaces('data', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), azure: { plan: reader, apply: contributor } });
    });
    const paths = ['azure/creds/reader', 'azure/creds/contributor', 'azure/roles/reader', 'azure/config', 'azure/rotate-root'];
    const login = (run: WorkspaceRun, roleName: string) => {
      const outcome = simulateLogin(config, { roleName, namespace: 'admin' }, workspaceRunClaims(run));
      return outcome.admitted ? paths.filter((p) => evaluateAcl(outcome.policies, p, 'read').allowed) : [];
    };
    const base = { organization: 'acme', project: 'Data', workspace: 'etl' };
    expect(login({ ...base, runPhase: 'plan' }, 'tfc-data-plan')).toEqual(['azure/creds/reader']);
    expect(login({ ...base, runPhase: 'apply' }, 'tfc-data-apply')).toEqual(['azure/creds/contributor']);
    expect(login({ ...base, runPhase: 'plan' }, 'tfc-data-apply')).toEqual([]);
    expect(login({ ...base, workspace: 'etl-copy', runPhase: 'apply' }, 'tfc-data-apply')).toEqual([]);
    expect(readable(config, { ...base, runPhase: 'plan' }, 'tfc-data-plan', paths)).toEqual([]); // wrong namespace
  });

  test('the Azure mount and roles use only arguments of the Vault provider schema', () => {
    const { json } = synthWith((stack) => {
      const { trust, reader, contributor } = azureTrust(stack);
      trust.grantWorkspaces('data', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), azure: { plan: reader, apply: contributor } });
    });
    expect(checkProviderSchemas(json)).toEqual([]);
  });
});

const CATALOGUE: RefusalCase[] = [
  [
    'Azure engine role name given as a reference',
    (s) => {
      const name = new TerraformVariable(s, 'role_name', { type: 'string' }).stringValue;
      new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { ...ROLES_ONLY, name });
    },
    'test/azure/r',
    /\] the Azure engine role name must be a literal string: it becomes part of a Vault policy path$/,
  ],
  [
    // A JavaScript caller, or a jsii language's null, can leave out the scope TypeScript demands.
    'azure role without a scope',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { azureRoles: [{ roleName: 'Reader' } as AzureRbacRole] }),
    'test/azure/r',
    /\] Azure role "r" azureRoles\[0\] scope undefined is not an Azure resource id; use e\.g\. "\/subscriptions\/<id>\/resourceGroups\/<group>"$/,
  ],
  [
    'azure role with a null scope',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { azureRoles: [{ roleName: 'Reader', scope: null } as unknown as AzureRbacRole] }),
    'test/azure/r',
    /\] Azure role "r" azureRoles\[0\] scope null is not an Azure resource id; use e\.g\. "\/subscriptions\/<id>\/resourceGroups\/<group>"$/,
  ],
  [
    'Azure mount path under sys/',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, path: 'sys/azure' }),
    'test/azure',
    new RegExp(
      '\\] mount path "sys/azure" of the Azure secrets engine is under "sys/", which Vault reserves for its own endpoints \\(a policy on it ' +
        'would read or write Vault itself\\); choose a path such as "azure"$',
    ),
  ],
  [
    'role with neither roles, groups nor an application',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('empty', { ttlSeconds: 3600 }),
    'test/azure/empty',
    new RegExp(
      'Azure role "empty" has neither azureRoles, azureGroups nor applicationObjectId, so its credentials could do nothing; give the roles ' +
        '\\(with scopes\\) or groups the service principal needs, or the object id of an existing application$',
    ),
  ],
  [
    'existing application with azureRoles',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('both', { ...READER, applicationObjectId: APP_OBJECT }),
    'test/azure/both',
    new RegExp(
      'Azure role "both" sets applicationObjectId, and Vault ignores azureRoles for an existing application; assign its roles in Azure and ' +
        'remove azureRoles, or drop applicationObjectId$',
    ),
    ['AzureEngineRoleProps.azureRoles'],
  ],
  [
    'azure role with both a name and an id',
    (s) =>
      new AzureSecretsEngine(s, 'azure', ENGINE).addRole('twice', {
        azureRoles: [
          {
            scope: GROUP_SCOPE,
            roleName: 'Reader',
            roleId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`,
          },
        ],
      }),
    'test/azure/twice',
    /azureRoles\[0\] must name the role exactly one way: set roleName .* or roleId, not both/, ['AzureRbacRole.roleName'],
  ],
  [
    'azure role with neither a name nor an id',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('nameless', { azureRoles: [{ scope: GROUP_SCOPE }] }),
    'test/azure/nameless',
    /azureRoles\[0\] must name the role exactly one way: .*not neither/,
  ],
  [
    'azure role scope that is not a resource id',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('scope', { azureRoles: [{ roleName: 'Reader', scope: 'data' }] }),
    'test/azure/scope',
    /azureRoles\[0\] scope "data" is not an Azure resource id/, ['AzureRbacRole.scope'],
  ],
  [
    'ttlSeconds that is not a whole number of seconds',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('ttl', { ...READER, ttlSeconds: 1.5 }),
    'test/azure/ttl',
    /Azure role "ttl" ttlSeconds is 1\.5; use a whole number of seconds from 1 to 31536000/, ['AzureEngineRoleProps.ttlSeconds'],
  ],
  [
    'ttlSeconds above maxTtlSeconds',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('long', { ...READER, ttlSeconds: 10800, maxTtlSeconds: 5400 }),
    'test/azure/long',
    /ttlSeconds \(10800\) exceeds maxTtlSeconds \(5400\); lower ttlSeconds or raise maxTtlSeconds/,
  ],
  [
    'sleep seconds above 1500',
    (s) => {
      const { trust, reader } = azureTrust(s);
      trust.grantWorkspaces('g', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), azure: { plan: reader, apply: reader, sleepSeconds: 1501 } });
    },
    'test/trust/g',
    /Azure sleep seconds 1501 must be a whole number from 0 to 1500/, ['AzurePhaseCredentials.sleepSeconds'],
  ],
  [
    'plan and apply roles in different engines',
    (s) => {
      const trust = trustWith(s);
      const a = trust.addAzureSecretsEngine('a', { ...ENGINE, path: 'azure-a' }).addRole('r', READER);
      const b = trust.addAzureSecretsEngine('b', { ...ENGINE, path: 'azure-b' }).addRole('r', READER);
      trust.grantWorkspaces('g', { project: 'Data', workspaces: WorkspaceSelector.names('etl'), azure: { plan: a, apply: b } });
    },
    'test/trust/g',
    /Azure plan role "r" is in mount "azure-a" but apply role "r" is in mount "azure-b"/,
    ['AzurePhaseCredentials.plan', 'AzurePhaseCredentials.apply', 'WorkspaceGrantOptions.azure'],
  ],
  [
    'client secret variable that is not sensitive',
    (s) =>
      new AzureSecretsEngine(s, 'azure', {
        ...ENGINE,
        clientCredentials: { clientId: CLIENT, clientSecret: new TerraformVariable(s, 'azure_secret', { type: 'string' }) },
      }),
    'test/azure',
    /client secret variable "azure_secret" is not sensitive; declare it with sensitive: true/, ['AzureEngineClientCredentials.clientSecret'],
  ],
  [
    'subscription id that is not a GUID',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, subscriptionId: 'my-subscription' }),
    'test/azure',
    /subscriptionId "my-subscription" is not a GUID/, ['AzureSecretsEngineProps.subscriptionId'],
  ],
  [
    'client secret and workload identity at once',
    (s) => new AzureSecretsEngine(s, 'azure', {
      ...ENGINE,
      clientCredentials: { clientId: CLIENT, clientSecret: new TerraformVariable(s, 'azure_secret', { sensitive: true }) },
      workloadIdentity: { clientId: CLIENT, identityTokenAudience: 'api://AzureADTokenExchange' },
    }),
    'test/azure',
    /clientCredentials and workloadIdentity are mutually exclusive/, ['AzureSecretsEngineProps.clientCredentials', 'AzureSecretsEngineProps.workloadIdentity'],
  ],
  [
    'existing mount whose subscription is not a GUID',
    (s) => AzureSecretsEngine.fromMountPath(s, 'azure', { mountPath: 'azure', subscriptionId: 'my-subscription', tenantId: TENANT }),
    'test/azure',
    /subscriptionId "my-subscription" is not a GUID/, ['ImportedAzureSecretsEngineProps.subscriptionId'],
  ],
  [
    'existing mount whose tenant is not a GUID',
    (s) => AzureSecretsEngine.fromMountPath(s, 'azure', { mountPath: 'azure', subscriptionId: SUBSCRIPTION, tenantId: 'contoso.onmicrosoft.com' }),
    'test/azure',
    /tenantId "contoso\.onmicrosoft\.com" is not a GUID/, ['ImportedAzureSecretsEngineProps.tenantId'],
  ],
  [
    'application object id that is not a GUID',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('app', { applicationObjectId: 'my-app' }),
    'test/azure/app',
    /\] Azure role "app" applicationObjectId "my-app" is not a GUID; use the application's object id \(not its client id\)$/,
    ['AzureEngineRoleProps.applicationObjectId'],
  ],
  [
    'grant subscription that is not a GUID',
    (s) => {
      const { trust, reader } = azureTrust(s);
      trust.grantWorkspaces('g', {
        project: 'Data',
        workspaces: WorkspaceSelector.names('etl'),
        azure: { plan: reader, apply: reader, subscriptionId: 'prod' },
      });
    },
    'test/trust/g',
    /azure\.subscriptionId "prod" is not a GUID/, ['AzurePhaseCredentials.subscriptionId'],
  ],
  [
    'Azure role name with a slash',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { ...ROLES_ONLY, name: 'a/b' }),
    'test/azure/r',
    /Vault role name "a\/b" contains "\/"/,
    ['AzureEngineRoleProps.name'],
  ],
  [
    'Azure maxTtlSeconds out of range',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { ...ROLES_ONLY, maxTtlSeconds: 0 }),
    'test/azure/r',
    /Azure role "r" maxTtlSeconds is 0; use a whole number of seconds from 1 to 31536000/, ['AzureEngineRoleProps.maxTtlSeconds'],
  ],
  [
    'empty Azure group name',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { azureGroups: [' '] }),
    'test/azure/r',
    /Azure role "r" azureGroups\[0\] is empty; give the display name of a Microsoft Entra group/, ['AzureEngineRoleProps.azureGroups'],
  ],
  [
    'Azure roleId that is not a role definition id',
    (s) => new AzureSecretsEngine(s, 'azure', ENGINE).addRole('r', { azureRoles: [{ scope: GROUP_SCOPE, roleId: 'Reader' }] }),
    'test/azure/r',
    /azureRoles\[0\] roleId "Reader" is not a role definition id \(\/subscriptions\/<id>\/providers\/Microsoft\.Authorization\/roleDefinitions\/<guid>\)$/,
    ['AzureRbacRole.roleId'],
  ],
  [
    'Azure tenant id that is not a GUID',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, tenantId: 'acme' }),
    'test/azure',
    /tenantId "acme" is not a GUID/,
    ['AzureSecretsEngineProps.tenantId'],
  ],
  [
    'Azure client id that is not a GUID',
    (s) =>
      new AzureSecretsEngine(s, 'azure', {
        ...ENGINE,
        clientCredentials: { clientId: 'vault', clientSecret: new TerraformVariable(s, 'secret', { sensitive: true }) },
      }),
    'test/azure',
    /client id "vault" is not a GUID; use the application \(client\) id/, ['AzureEngineClientCredentials.clientId'],
  ],
  [
    'Azure workload identity client id that is not a GUID',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, workloadIdentity: { clientId: 'vault', identityTokenAudience: 'api://AzureADTokenExchange' } }),
    'test/azure',
    /client id "vault" is not a GUID; use the application \(client\) id/, ['AzureEngineWorkloadIdentity.clientId'],
  ],
  [
    'Azure workload identity with an empty audience',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, workloadIdentity: { clientId: CLIENT, identityTokenAudience: ' ' } }),
    'test/azure',
    /workloadIdentity\.identityTokenAudience " " is empty; use the audience of the federated credential that trusts Vault \(usually "api:\/\/AzureADTokenExchange"\)$/,
    ['AzureEngineWorkloadIdentity.identityTokenAudience'],
  ],
  [
    'Azure workload identity audience with a space',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, workloadIdentity: { clientId: CLIENT, identityTokenAudience: 'api://Azure AD' } }),
    'test/azure',
    new RegExp(
      '\\] workloadIdentity\\.identityTokenAudience "api://Azure AD" is not an audience of letters, digits and \\. _ : / @ \\+ = \\? & # - ' +
        '\\(for example "sts\\.amazonaws\\.com"\\)$',
    ),
  ],
  [
    'Azure workload identity token TTL above a day',
    (s) =>
      new AzureSecretsEngine(s, 'azure', {
        ...ENGINE,
        workloadIdentity: { clientId: CLIENT, identityTokenAudience: 'api://AzureADTokenExchange', identityTokenTtlSeconds: 90000 },
      }),
    'test/azure',
    /workloadIdentity\.identityTokenTtlSeconds is 90000; use a whole number of seconds from 1 to 86400/,
    ['AzureEngineWorkloadIdentity.identityTokenTtlSeconds'],
  ],
  [
    'Azure mount path with a double slash',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, path: 'azure//prod' }),
    'test/azure',
    /Vault mount path "azure\/\/prod" contains "\/\/", an empty segment/, ['AzureSecretsEngineProps.path'],
  ],
  [
    'existing Azure mount path with a leading slash',
    (s) => AzureSecretsEngine.fromMountPath(s, 'azure', { mountPath: '/azure', subscriptionId: ENGINE.subscriptionId, tenantId: ENGINE.tenantId }),
    'test/azure',
    /Vault mount path "\/azure" starts or ends with "\/"/, ['ImportedAzureSecretsEngineProps.mountPath'],
  ],
  [
    'negative Azure lease TTL',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, defaultLeaseTtlSeconds: -1 }),
    'test/azure',
    /defaultLeaseTtlSeconds is -1; use a whole number of seconds from 1 to 31536000/, ['AzureSecretsEngineProps.defaultLeaseTtlSeconds'],
  ],
  [
    'Azure maximum lease TTL above a year',
    (s) => new AzureSecretsEngine(s, 'azure', { ...ENGINE, maxLeaseTtlSeconds: 40000000 }),
    'test/azure',
    /maxLeaseTtlSeconds is 40000000; use a whole number of seconds from 1 to 31536000/, ['AzureSecretsEngineProps.maxLeaseTtlSeconds'],
  ],
  [
    'Azure engine in another namespace than the JWT mount',
    (s) => {
      const trust = trustWith(s, { vaultNamespace: 'admin' });
      const r = trust.addAzureSecretsEngine('azure', { ...ENGINE, vaultNamespace: 'admin/other' }).addRole('r', ROLES_ONLY);
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), azure: { plan: r, apply: r } });
    },
    'test/trust/g/plan',
    /secrets-engine role "r" is in namespace "admin\/other" but the JWT auth mount is in namespace "admin"/, ['AzureSecretsEngineProps.vaultNamespace'],
  ],
];

describe('Azure validation catalogue', () => {
  refusalTable(CATALOGUE);

  test('a shared run role over different Azure roles warns that plan can read apply credentials', () => {
    let warned: string[] = [];
    synthWith((stack) => {
      const { trust, reader, contributor } = azureTrust(stack);
      warned = warnings(
        trust.grantWorkspaces('one', {
          project: 'Data',
          workspaces: WorkspaceSelector.names('etl'),
          azure: { plan: reader, apply: contributor },
          sharedRunRole: true,
        }),
      );
    });
    expect(warned.join('\n')).toMatch(/\[plan-apply-shared\] plan and apply log in with the same role "[^"]+", so plan runs \(any pull request\) hold everything applies hold \(azure\/creds\/contributor, azure\/creds\/reader\)/);
  });
});
