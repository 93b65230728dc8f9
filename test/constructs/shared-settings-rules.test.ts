import { TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { AwsAssumedRole, CredentialVariableSet, EnvironmentVariable, VaultBackedDynamicCredentials, WorkspaceGrant, WorkspaceSelector } from '../../lib';
import { SharedSettingsRegistry } from '../../lib/hcp-terraform/shared-settings';
import { runEnvironment } from '../../packages/report/src/environment';
import { literalOf, TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { byPath, JsonObject, SynthesizedJson, synthWith, variablesUnder } from '../support/synth';

/**
 * When the settings grants share are written once (lib/hcp-terraform/shared-settings.ts): only where that saves
 * objects, member by member; which settings count as equal; and what the shared set itself holds (its name and
 * address, description, owner, sensitive variables, project attachments). The companion file
 * shared-settings.test.ts covers the common case.
 */

const ORG = 'acme';
const ADDRESS = 'https://vault.example.com:8200';
const arn = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
const SHARED_PREFIX = 'trust/shared-';

interface Built {
  readonly trust: VaultBackedDynamicCredentials;
  readonly read: AwsAssumedRole;
  readonly admin: AwsAssumedRole;
}

/**
 * A trust with a Vault namespace and one AWS engine: a grant of it for plan and apply shares six settings
 * (TFC_VAULT_PROVIDER_AUTH, _ADDR, _NAMESPACE, TFC_VAULT_BACKED_AWS_AUTH, _AUTH_TYPE, _MOUNT_PATH).
 */
function trustIn(stack: TerraformStack): Built {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: ORG, vaultAddress: ADDRESS, vaultNamespace: 'admin' });
  const aws = trust.addAwsSecretsEngine('aws');
  return { trust, read: aws.addAssumedRole('read', { roleArns: [arn('read')] }), admin: aws.addAssumedRole('admin', { roleArns: [arn('admin')] }) };
}

/** A grant of `built` for plan (`read`) and apply (`admin`) in project Apps. */
function grant(built: Built, id: string, workspaces: WorkspaceSelector): WorkspaceGrant {
  return built.trust.grantWorkspaces(id, { project: 'Apps', workspaces, aws: { plan: built.read, apply: built.admin } });
}

/** `count` workspace names starting with `id`. */
function namesOf(id: string, count: number): string[] {
  return Array.from({ length: count }, (_unused, i) => `${id}-${i}`);
}

/** The paths of the shared sets in the synthesized JSON. */
function sharedSetPaths(json: SynthesizedJson): string[] {
  return Object.keys(byPath(json, 'tfe_variable_set')).filter((p) => p.startsWith(SHARED_PREFIX));
}

/** The synthesized body of a shared set, by its construct. */
function setBody(json: SynthesizedJson, set: Construct): JsonObject {
  return byPath(json, 'tfe_variable_set')[`${set.node.path.replace(/^test\//, '')}/set`];
}

/** A grant keeps every variable in its own set, and shares none. */
function expectKeepsEverything(grantOf: WorkspaceGrant): void {
  expect(grantOf.sharedVariableSet).toBeUndefined();
  expect(grantOf.variableSet.keys).toEqual(grantOf.environment.map((v) => v.key));
}

/** What a run of `workspace` in `project` receives: key -> literal value (or the reference text). */
function received(config: TerraformConfiguration, project: string, workspace: string, workspaceId?: string): Record<string, string> {
  const env = runEnvironment(config, { organization: ORG, project, workspace, workspaceId });
  expect(env.conflicts).toEqual([]);
  const out: Record<string, string> = {};
  for (const [key, entry] of env.entries) out[key] = literalOf(entry.value) ?? JSON.stringify(entry.value);
  return out;
}

/** A workspace receives the keys its grant gives, with the same values where the grant gives literals. */
function expectReceivesGrant(config: TerraformConfiguration, project: string, workspace: string, grantOf: WorkspaceGrant, workspaceId?: string): void {
  const env = received(config, project, workspace, workspaceId);
  expect(Object.keys(env).sort()).toEqual(grantOf.environment.map((v) => v.key).sort());
  for (const { key, value } of grantOf.environment) if (!Token.isUnresolved(value)) expect(env[key]).toBe(value);
}

describe('when sharing pays', () => {
  test('two members whose savings only pay for the shared set (one set and six variables) keep their variables', () => {
    // alpha drops 6 variables for 1 attachment (saves 5), beta for 4 attachments (saves 2): 7 saved, 7 spent.
    const grants: WorkspaceGrant[] = [];
    const { json } = synthWith((stack) => {
      const built = trustIn(stack);
      grants.push(grant(built, 'alpha', WorkspaceSelector.names('alpha')));
      grants.push(grant(built, 'beta', WorkspaceSelector.names(...namesOf('beta', 4))));
    });
    for (const g of grants) expectKeepsEverything(g);
    expect(sharedSetPaths(json)).toEqual([]);
    expect(Object.keys(byPath(json, 'tfe_workspace_variable_set')).filter((p) => p.startsWith(SHARED_PREFIX))).toEqual([]);
  });

  test('one more saved object creates the set', () => {
    // alpha saves 5, beta (3 workspaces) saves 3: 8 saved against 7 spent.
    const grants: WorkspaceGrant[] = [];
    const { json } = synthWith((stack) => {
      const built = trustIn(stack);
      grants.push(grant(built, 'alpha', WorkspaceSelector.names('alpha')));
      grants.push(grant(built, 'beta', WorkspaceSelector.names(...namesOf('beta', 3))));
    });
    expect(grants[0].sharedVariableSet).toBeDefined();
    expect(grants[1].sharedVariableSet).toBe(grants[0].sharedVariableSet);
    expect(sharedSetPaths(json)).toHaveLength(1);
    expect(Object.keys(byPath(json, 'tfe_workspace_variable_set')).filter((p) => p.startsWith(SHARED_PREFIX))).toHaveLength(4);
  });

  test('a member with as many workspaces as shared settings, or more, keeps its variables while the others share', () => {
    const built: Record<string, WorkspaceGrant> = {};
    const ids = (prefix: string, count: number) => Array.from({ length: count }, (_unused, i) => `ws-${prefix}${i}AbCdEf`);
    const { json, config } = synthWith((stack) => {
      const fleet = trustIn(stack);
      built.alpha = grant(fleet, 'alpha', WorkspaceSelector.names('alpha'));
      // Saves 0: six variables dropped, six attachments added.
      built.six = grant(fleet, 'six', WorkspaceSelector.names(...namesOf('six', 6)));
      // Save -3 each: nine attachments for six variables, by name and by id.
      built.many = grant(fleet, 'many', WorkspaceSelector.names(...namesOf('many', 9)));
      built.byids = grant(fleet, 'byids', WorkspaceSelector.ids(...ids('x', 9)));
      built.beta = grant(fleet, 'beta', WorkspaceSelector.names('beta'));
      built.oneid = grant(fleet, 'oneid', WorkspaceSelector.ids('ws-oneAbCdEf'));
    });
    const shared = built.alpha.sharedVariableSet;
    expect(shared).toBeDefined();
    expect(built.beta.sharedVariableSet).toBe(shared);
    expect(built.oneid.sharedVariableSet).toBe(shared);
    for (const id of ['six', 'many', 'byids']) expectKeepsEverything(built[id]);
    // The shared set reaches exactly the three workspaces of alpha, beta and oneid.
    const attachments = Object.entries(byPath(json, 'tfe_workspace_variable_set')).filter(([p]) => p.startsWith(SHARED_PREFIX));
    expect(attachments.map(([p]) => p.slice(p.lastIndexOf('/') + 1)).sort())
      .toEqual(['alpha-workspace-alpha', 'beta-workspace-beta', 'oneid-workspace-ws-oneAbCdEf']);
    expect(shared!.workspaceAttachments).toHaveLength(3);
    for (const [id, workspace] of [['six', 'six-5'], ['many', 'many-0'], ['alpha', 'alpha']]) {
      expectReceivesGrant(config, 'Apps', workspace, built[id]);
    }
    expectReceivesGrant(config, 'Apps', 'named-by-id', built.byids, 'ws-x3AbCdEf');
  });

  test('an organization-wide grant keeps its settings even when workspace grants of its trust share the same ones', () => {
    const built: Record<string, WorkspaceGrant> = {};
    const { json, config } = synthWith((stack) => {
      const fleet = trustIn(stack);
      built.alpha = grant(fleet, 'alpha', WorkspaceSelector.names('alpha'));
      built.beta = grant(fleet, 'beta', WorkspaceSelector.names('beta'));
      // One role for both phases: its role keys (TFC_VAULT_RUN_ROLE, ...) differ from alpha's and beta's, so no key is
      // set differently where the grants meet (the overlap check passes), and its six settings equal theirs.
      built.everyone = fleet.trust.grantWorkspaces('everyone', {
        workspaces: WorkspaceSelector.allInOrganization(),
        aws: { plan: fleet.read, apply: fleet.read },
        sharedRunRole: true,
      });
    });
    expect(built.alpha.sharedVariableSet).toBeDefined();
    expect(built.beta.sharedVariableSet).toBe(built.alpha.sharedVariableSet);
    expectKeepsEverything(built.everyone);
    expect(setBody(json, built.everyone.variableSet).global).toBe(true);
    // A workspace of another project receives the organization-wide grant's whole environment, Vault address included.
    expectReceivesGrant(config, 'Other', 'anything', built.everyone);
    expect(received(config, 'Other', 'anything').TFC_VAULT_ADDR).toBe(ADDRESS);
  });
});

describe('which settings are equal', () => {
  test('grants reading different engine mounts share two sets, each with its own mount path', () => {
    const built: Record<string, WorkspaceGrant> = {};
    const { json, config } = synthWith((stack) => {
      const { trust, read, admin } = trustIn(stack);
      const second = trust.addAwsSecretsEngine('aws2', { path: 'aws-second' });
      const read2 = second.addAssumedRole('read2', { roleArns: [arn('read')] });
      const named = (id: string, plan: AwsAssumedRole, apply: AwsAssumedRole) =>
        trust.grantWorkspaces(id, { project: 'Apps', workspaces: WorkspaceSelector.names(id), aws: { plan, apply } });
      for (const id of ['a1', 'a2']) built[id] = named(id, read, admin);
      for (const id of ['b1', 'b2']) built[id] = named(id, read2, read2);
    });
    const first = built.a1.sharedVariableSet;
    const second = built.b1.sharedVariableSet;
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(built.a2.sharedVariableSet).toBe(first);
    expect(built.b2.sharedVariableSet).toBe(second);
    expect(sharedSetPaths(json)).toHaveLength(2);
    expect([...first!.keys].sort()).toEqual([...second!.keys].sort());
    const mountOf = (set: Construct) => variablesUnder(json, `${set.node.path.replace(/^test\//, '')}/`).TFC_VAULT_BACKED_AWS_MOUNT_PATH.value;
    // Each set reads the path of its own engine's mount.
    expect(mountOf(first!)).toMatch(/^\$\{vault_aws_secret_backend\.trust_aws_backend_[0-9A-F]{8}\.path\}$/);
    expect(mountOf(second!)).toMatch(/^\$\{vault_aws_secret_backend\.trust_aws2_backend_[0-9A-F]{8}\.path\}$/);
    for (const id of ['a1', 'a2', 'b1', 'b2']) expectReceivesGrant(config, 'Apps', id, built[id]);
    expect(received(config, 'Apps', 'a2').TFC_VAULT_BACKED_AWS_MOUNT_PATH).toBe('aws');
    expect(received(config, 'Apps', 'b2').TFC_VAULT_BACKED_AWS_MOUNT_PATH).toBe('aws-second');
  });

  /**
   * Through grants, a key's sensitivity and description never vary (the report's environment model fixes both per
   * key), so the registry's own comparison is checked here with hand-made members: two variables with the same key
   * and value but another sensitivity or description are different settings.
   */
  test('members whose variables differ only in sensitivity or description never share a set', () => {
    const settings = (addrSensitive: boolean | undefined, namespaceAbout: string): EnvironmentVariable[] => [
      { key: 'TFC_VAULT_PROVIDER_AUTH', value: 'true', description: 'login' },
      { key: 'TFC_VAULT_ADDR', value: ADDRESS, sensitive: addrSensitive, description: 'address' },
      { key: 'TFC_VAULT_NAMESPACE', value: 'admin', description: namespaceAbout },
      { key: 'TFC_VAULT_AUTH_PATH', value: 'jwt-apps', description: 'mount' },
      { key: 'TFC_VAULT_BACKED_AWS_AUTH', value: 'true', description: 'aws' },
      { key: 'TFC_VAULT_BACKED_AWS_MOUNT_PATH', value: 'aws', description: 'aws mount' },
    ];
    const variants: Record<string, EnvironmentVariable[]> = {
      hidden: settings(true, 'namespace'),
      shown: settings(undefined, 'namespace'),
      other: settings(true, 'another namespace'),
    };
    const members: Record<string, Construct> = {};
    const { json } = synthWith((stack) => {
      const { trust } = trustIn(stack);
      const holder = new Construct(stack, 'holder');
      const registry = new SharedSettingsRegistry(holder, ORG, trust.lookups);
      for (const [variant, variables] of Object.entries(variants)) {
        for (const n of [1, 2]) {
          const id = `${variant}${n}`;
          const member = new Construct(holder, id);
          const own: EnvironmentVariable[] = [...variables, { key: 'TFC_VAULT_RUN_ROLE', value: `role-${id}`, description: 'role' }];
          const set = new CredentialVariableSet(member, 'variables', {
            organization: ORG, name: `set-${id}`, project: 'Apps', workspaces: WorkspaceSelector.names(id), variables: own, lookups: trust.lookups,
          });
          const workspaces = WorkspaceSelector.names(id);
          registry.offer({ grant: member, set, environment: own, project: 'Apps', workspaces, priority: false, ownedByProject: false, adopted: false });
          members[id] = member;
        }
      }
    });
    const paths = Object.keys(byPath(json, 'tfe_variable_set')).filter((p) => p.startsWith('holder/shared-'));
    expect(paths).toHaveLength(3);
    // Each shared set is attached to the two workspaces of one variant, and holds that variant's sensitivity and text.
    const attachments = byPath(json, 'tfe_workspace_variable_set');
    for (const [variant, variables] of Object.entries(variants)) {
      const owners = paths.filter((p) => Object.keys(attachments).some((a) => a === `${p.replace(/\/set$/, '')}/${variant}1-workspace-${variant}1`));
      expect(owners).toHaveLength(1);
      const setPath = owners[0].replace(/\/set$/, '');
      expect(Object.keys(attachments).filter((a) => a.startsWith(`${setPath}/`)).sort())
        .toEqual([`${setPath}/${variant}1-workspace-${variant}1`, `${setPath}/${variant}2-workspace-${variant}2`]);
      const shared = variablesUnder(json, `${setPath}/`);
      expect(shared.TFC_VAULT_ADDR.sensitive).toBe(variables[1].sensitive);
      expect(shared.TFC_VAULT_NAMESPACE.description).toBe(variables[2].description);
    }
  });
});

describe('the shared set', () => {
  test('its name and address stay those of earlier releases, for workspace and project attachments alike', () => {
    // The digest names the set and its construct, so it is in the Terraform address of the set and of every shared
    // variable: a new digest for the same grants would destroy and re-create them under live workspaces.
    const built: Record<string, WorkspaceGrant> = {};
    const { json } = synthWith((stack) => {
      const fleet = trustIn(stack);
      for (const id of ['alpha', 'beta']) built[id] = grant(fleet, id, WorkspaceSelector.names(`${id}-prod`));
      for (const project of ['Ops', 'Data']) {
        const aws = { plan: fleet.read, apply: fleet.admin };
        built[project] = fleet.trust.grantWorkspaces(project.toLowerCase(), { project, workspaces: WorkspaceSelector.allInProject(), aws });
      }
    });
    const byWorkspace = built.alpha.sharedVariableSet!;
    const byProject = built.Ops.sharedVariableSet!;
    expect(byWorkspace.name).toBe('vault-backed-shared-3aa29da3b7');
    expect(byProject.name).toBe('vault-backed-shared-da558e6742');
    expect(sharedSetPaths(json).sort()).toEqual([`${SHARED_PREFIX}3aa29da3b7/set`, `${SHARED_PREFIX}da558e6742/set`].sort());
    expect(setBody(json, byWorkspace).name).toBe(byWorkspace.name);
    // The project-wide grants' set is attached to their two projects, through the project look-ups, and to no workspace.
    const projectAttachments = Object.entries(byPath(json, 'tfe_project_variable_set')).filter(([p]) => p.startsWith(SHARED_PREFIX));
    expect(projectAttachments.map(([p]) => p).sort()).toEqual([`${SHARED_PREFIX}da558e6742/data-project`, `${SHARED_PREFIX}da558e6742/ops-project`]);
    // Each attachment names the project look-up of its grant's project and the shared set.
    const lookupOf = (name: string) => Object.keys(json.data.tfe_project).find((id) => String(json.data.tfe_project[id].name) === name);
    const setId = Object.keys(json.resource.tfe_variable_set).find((id) => id.startsWith('trust_shared-da558e6742_set_'));
    for (const [path, body] of projectAttachments) {
      const project = lookupOf(path.endsWith('/ops-project') ? 'Ops' : 'Data');
      expect(project).toBeDefined();
      expect(body.project_id).toBe(`\${data.tfe_project.${project}.id}`);
      expect(body.variable_set_id).toBe(`\${tfe_variable_set.${setId}.id}`);
    }
    expect(Object.keys(byPath(json, 'tfe_workspace_variable_set')).filter((p) => p.startsWith(`${SHARED_PREFIX}da558e6742/`))).toEqual([]);
  });

  test('its description says whose settings it holds and where it is attached', () => {
    let shared: Construct | undefined;
    const { json } = synthWith((stack) => {
      const built = trustIn(stack);
      shared = ['alpha', 'beta'].map((id) => grant(built, id, WorkspaceSelector.names(id)))[0].sharedVariableSet;
    });
    expect(setBody(json, shared!).description).toBe(
      'Vault-backed dynamic credentials: the settings the grants of test/trust share (Vault login, engine mounts and types); attached to exactly '
      + 'the workspaces of those grants, each of which holds its own roles in its own set.',
    );
  });

  test('the Vault address stays sensitive in the shared set, and the other settings stay visible', () => {
    let shared: Construct | undefined;
    const { json } = synthWith((stack) => {
      const built = trustIn(stack);
      shared = ['alpha', 'beta'].map((id) => grant(built, id, WorkspaceSelector.names(id)))[0].sharedVariableSet;
    });
    const variables = variablesUnder(json, `${shared!.node.path.replace(/^test\//, '')}/`);
    expect(Object.keys(variables).sort()).toEqual([
      'TFC_VAULT_ADDR',
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_AUTH_TYPE',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH',
      'TFC_VAULT_NAMESPACE',
      'TFC_VAULT_PROVIDER_AUTH',
    ]);
    expect(variables.TFC_VAULT_ADDR.sensitive).toBe(true);
    expect(variables.TFC_VAULT_ADDR.value).toBe(ADDRESS);
    for (const key of Object.keys(variables).filter((k) => k !== 'TFC_VAULT_ADDR')) expect(variables[key].sensitive).toBeUndefined();
  });

  test('grants whose sets their project owns share a set that project owns too', () => {
    const grants: WorkspaceGrant[] = [];
    const { json } = synthWith((stack) => {
      const { trust, read, admin } = trustIn(stack);
      for (const id of ['alpha', 'beta']) {
        const aws = { plan: read, apply: admin };
        grants.push(trust.grantWorkspaces(id, { project: 'Apps', workspaces: WorkspaceSelector.names(id), aws, variableSetOwnedByProject: true }));
      }
    });
    const shared = grants[0].sharedVariableSet!;
    expect(shared).toBeDefined();
    const own = setBody(json, grants[0].variableSet).parent_project_id;
    expect(String(own)).toMatch(/^\$\{data\.tfe_project\.[A-Za-z0-9_-]+\.id\}$/);
    expect(setBody(json, shared).parent_project_id).toBe(own);
  });
});
