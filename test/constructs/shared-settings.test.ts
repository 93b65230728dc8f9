import { TerraformStack } from 'cdktf';
import { AwsAssumedRole, VaultBackedDynamicCredentials, WorkspaceGrant, WorkspaceSelector } from '../../lib';
import { isShareableKey } from '../../lib/hcp-terraform/shared-settings';
import { runEnvironment } from '../../packages/report/src/environment';
import { literalOf, TerraformConfiguration } from '../../packages/report/src/terraform-json';
import { byPath, SynthesizedStack, synthWith } from '../support/synth';

/**
 * Settings several grants of one trust give with equal values (Vault login, engine mounts, enable flags) are written
 * once, in a set attached to exactly the members' workspaces (lib/hcp-terraform/shared-settings.ts). What each
 * workspace receives is read back with the report's model of HCP Terraform's variable precedence.
 */

const ORG = 'acme';
const arn = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

interface Built {
  readonly trust: VaultBackedDynamicCredentials;
  readonly read: AwsAssumedRole;
  readonly admin: AwsAssumedRole;
}

function trustIn(stack: TerraformStack): Built {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: ORG, vaultAddress: 'https://vault.example.com:8200', vaultNamespace: 'admin' });
  const aws = trust.addAwsSecretsEngine('aws');
  return { trust, read: aws.addAssumedRole('read', { roleArns: [arn('read')] }), admin: aws.addAssumedRole('admin', { roleArns: [arn('admin')] }) };
}

/** What a run of `workspace` in `project` receives: key -> literal value (or the reference text). */
function received(config: TerraformConfiguration, project: string, workspace: string): Record<string, string> {
  const env = runEnvironment(config, { organization: ORG, project, workspace });
  expect(env.conflicts).toEqual([]);
  const out: Record<string, string> = {};
  for (const [key, entry] of env.entries) out[key] = literalOf(entry.value) ?? JSON.stringify(entry.value);
  return out;
}

/** The keys and literal values a grant says its workspaces receive. */
function granted(grant: WorkspaceGrant): Record<string, string> {
  return Object.fromEntries(grant.environment.map((v) => [v.key, v.value]));
}

const GRANTS = ['alpha', 'beta', 'gamma', 'delta'];

function fleet(stack: TerraformStack, order: string[] = GRANTS): WorkspaceGrant[] {
  const { trust, read, admin } = trustIn(stack);
  const aws = { plan: read, apply: admin };
  return order.map((id) => trust.grantWorkspaces(id, { project: 'Apps', workspaces: WorkspaceSelector.names(`${id}-prod`), aws }));
}

describe('settings shared by grants', () => {
  test('each set hands out its variable resources in the order of its keys, and the shared set finds one by key', () => {
    let grants: WorkspaceGrant[] = [];
    synthWith((stack) => {
      grants = fleet(stack);
    });
    const own = grants[0].variableSet;
    expect(own.variables.map((v) => v.keyInput)).toEqual(own.keys);
    // A copy: changing it changes nothing the set holds.
    own.variables.pop();
    expect(own.variables).toHaveLength(own.keys.length);
    const shared = grants[0].sharedVariableSet!;
    expect(shared.variables.map((v) => v.keyInput)).toEqual(shared.keys);
    // Copies too: sorting or emptying them leaves the set and its look-up by key as they were.
    shared.keys.sort().reverse();
    shared.variables.splice(0);
    expect(shared.variables.map((v) => v.keyInput)).toEqual(shared.keys);
    for (const key of shared.keys) expect(shared.findVariable(key)?.keyInput).toBe(key);
    expect(shared.findVariable('TFC_VAULT_ADDR')?.valueInput).toBe('https://vault.example.com:8200');
    // A grant's own variable is not in the shared set, and a key no set has finds nothing.
    expect(shared.findVariable('TFC_VAULT_PLAN_ROLE')).toBeUndefined();
    expect(shared.findVariable('NOT_A_KEY')).toBeUndefined();
  });

  test('equal settings are written once and reach exactly the granted workspaces, which receive what their grant gives', () => {
    let grants: WorkspaceGrant[] = [];
    const { json, config } = synthWith((stack) => {
      grants = fleet(stack);
    });
    const shared = grants[0].sharedVariableSet;
    expect(shared).toBeDefined();
    for (const grant of grants) {
      expect(grant.sharedVariableSet).toBe(shared);
      // The grant's own set keeps its roles and role ARNs, and nothing else.
      expect(grant.variableSet.keys.sort()).toEqual([
        'TFC_VAULT_APPLY_ROLE',
        'TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN',
        'TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE',
        'TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN',
        'TFC_VAULT_BACKED_AWS_PLAN_VAULT_ROLE',
        'TFC_VAULT_PLAN_ROLE',
      ]);
    }
    expect(shared!.keys.sort()).toEqual([
      'TFC_VAULT_ADDR',
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_AUTH_TYPE',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH',
      'TFC_VAULT_NAMESPACE',
      'TFC_VAULT_PROVIDER_AUTH',
    ]);
    const sets = byPath(json, 'tfe_variable_set');
    expect(Object.keys(sets).filter((p) => p.startsWith('trust/shared-'))).toHaveLength(1);
    // Not priority, owned by the organization, not global: the same precedence level as the grants' own sets.
    const sharedBody = Object.entries(sets).find(([p]) => p.startsWith('trust/shared-'))![1];
    expect(sharedBody.priority).toBeUndefined();
    expect(sharedBody.global).toBeUndefined();
    expect(sharedBody.parent_project_id).toBeUndefined();
    expect(Object.keys(byPath(json, 'tfe_variable')).filter((p) => p.startsWith('trust/shared-'))).toHaveLength(6);
    for (const grant of grants) {
      const env = received(config, 'Apps', `${grant.node.id}-prod`);
      const expected = granted(grant);
      expect(Object.keys(env).sort()).toEqual(Object.keys(expected).sort());
      for (const key of ['TFC_VAULT_ADDR', 'TFC_VAULT_NAMESPACE', 'TFC_VAULT_PROVIDER_AUTH', 'TFC_VAULT_BACKED_AWS_AUTH', 'TFC_VAULT_BACKED_AWS_AUTH_TYPE']) {
        expect(env[key]).toBe(expected[key]);
      }
      expect(env.TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN).toBe(arn('read'));
      expect(runEnvironment(config, { organization: ORG, project: 'Apps', workspace: `${grant.node.id}-prod` }).variableSets).toHaveLength(2);
    }
    // A workspace no grant selects receives nothing, shared settings included.
    expect(received(config, 'Apps', 'unrelated')).toEqual({});
  });

  test('the shared set does not depend on the order the grants are created in', () => {
    const tfe = (json: SynthesizedStack) => JSON.stringify(['tfe_variable_set', 'tfe_variable', 'tfe_workspace_variable_set'].map((type) => {
      const section = json.resource?.[type] ?? {};
      return Object.keys(section).sort().map((id) => [id, section[id]]);
    }));
    const forward = synthWith((stack) => fleet(stack)).json;
    const backward = synthWith((stack) => fleet(stack, [...GRANTS].reverse())).json;
    expect(tfe(backward)).toEqual(tfe(forward));
  });

  test('grants keep every variable while sharing would not save objects', () => {
    let grants: WorkspaceGrant[] = [];
    const { json } = synthWith((stack) => {
      // One grant: a shared set would add a set and an attachment per workspace and save nothing.
      grants = fleet(stack, ['alpha']);
    });
    expect(grants[0].sharedVariableSet).toBeUndefined();
    expect(grants[0].variableSet.keys).toEqual(grants[0].environment.map((v) => v.key));
    expect(Object.keys(byPath(json, 'tfe_variable_set'))).toEqual(['trust/alpha/variables/set']);
  });

  test('grants whose settings or set placement differ never share a set', () => {
    const built: Record<string, WorkspaceGrant> = {};
    const { json, config } = synthWith((stack) => {
      const { trust, read, admin } = trustIn(stack);
      const aws = { plan: read, apply: admin };
      for (const id of ['a1', 'a2']) built[id] = trust.grantWorkspaces(id, { project: 'Apps', workspaces: WorkspaceSelector.names(id), aws });
      // A tagged Vault configuration: other keys, other values.
      for (const id of ['t1', 't2']) {
        built[id] = trust.grantWorkspaces(id, { project: 'Apps', workspaces: WorkspaceSelector.names(id), aws, vaultConfigurationTag: 'SECOND' });
      }
      // Priority sets beat workspace variables; their settings must stay in priority sets.
      for (const id of ['p1', 'p2']) {
        built[id] = trust.grantWorkspaces(id, { project: 'Apps', workspaces: WorkspaceSelector.names(id), aws, variableSetPriority: true });
      }
      // Project-scoped grants: the shared set is attached to their projects, never to the workspaces above.
      for (const id of ['Ops', 'Data']) {
        built[id] = trust.grantWorkspaces(id.toLowerCase(), { project: id, workspaces: WorkspaceSelector.allInProject(), aws });
      }
    });
    const sharedOf = (id: string) => built[id].sharedVariableSet;
    for (const [a, b] of [['a1', 'a2'], ['t1', 't2'], ['p1', 'p2'], ['Ops', 'Data']]) {
      expect(sharedOf(a)).toBeDefined();
      expect(sharedOf(a)).toBe(sharedOf(b));
    }
    const distinct = new Set(['a1', 't1', 'p1', 'Ops'].map(sharedOf));
    expect(distinct.size).toBe(4);
    expect(sharedOf('t1')!.keys).toContain('TFC_VAULT_ADDR_SECOND');
    expect(sharedOf('t1')!.keys).toContain('TFC_VAULT_BACKED_AWS_VAULT_CONFIG');
    const sets = byPath(json, 'tfe_variable_set');
    const bodyOf = (id: string) => sets[`${sharedOf(id)!.node.path.replace(/^test\//, '')}/set`];
    expect(bodyOf('p1').priority).toBe(true);
    expect(bodyOf('a1').priority).toBeUndefined();
    // The project-scoped group is attached to its two projects and to no workspace; the others to workspaces only.
    expect(sharedOf('Ops')!.projectAttachments).toHaveLength(2);
    expect(sharedOf('Ops')!.workspaceAttachments).toHaveLength(0);
    expect(sharedOf('a1')!.projectAttachments).toHaveLength(0);
    expect(sharedOf('a1')!.workspaceAttachments).toHaveLength(2);
    // What each workspace receives is what its grant gives.
    for (const [id, project] of [['a1', 'Apps'], ['t2', 'Apps'], ['p1', 'Apps']]) {
      expect(Object.keys(received(config, project, id)).sort()).toEqual(built[id].environment.map((v) => v.key).sort());
    }
    expect(Object.keys(received(config, 'Ops', 'any')).sort()).toEqual(built.Ops.environment.map((v) => v.key).sort());
    expect(received(config, 'Apps', 'not-granted')).toEqual({});
  });

  test('prefix, organization-wide and adopting grants keep their settings in their own sets', () => {
    const built: WorkspaceGrant[] = [];
    synthWith((stack) => {
      const { trust, read, admin } = trustIn(stack);
      const aws = { plan: read, apply: admin };
      for (const project of ['Proj1', 'Proj2', 'Proj3']) {
        built.push(trust.grantWorkspaces(`prefix-${project}`, { project, workspaces: WorkspaceSelector.prefix('svc-'), aws }));
      }
      for (const id of ['adopt1', 'adopt2', 'adopt3']) {
        built.push(trust.grantWorkspaces(id, { project: 'Apps', workspaces: WorkspaceSelector.names(id), aws, adopt: { variableSetId: `varset-${id}` } }));
      }
    });
    // An organization-wide grant reaches every workspace, so it is the only grant of its trust here.
    synthWith((stack) => {
      const { trust, read } = trustIn(stack);
      built.push(trust.grantWorkspaces('everyone', { workspaces: WorkspaceSelector.allInOrganization(), aws: { plan: read, apply: read } }));
    });
    expect(built).toHaveLength(7);
    for (const grant of built) {
      expect(grant.sharedVariableSet).toBeUndefined();
      expect(grant.variableSet.keys).toEqual(grant.environment.map((v) => v.key));
    }
  });

  test('role ARNs stay with the grant, with one ARN or several, as HashiCorp requires them for assumed_role', () => {
    let grants: WorkspaceGrant[] = [];
    synthWith((stack) => {
      const { trust, read } = trustIn(stack);
      const several = trust.awsEngines[0].addAssumedRole('several', { roleArns: [arn('x'), arn('y')] });
      grants = [1, 2, 3].map((i) => trust.grantWorkspaces(`g${i}`, {
        project: 'Apps',
        workspaces: WorkspaceSelector.names(`g${i}`),
        aws: i === 3 ? { plan: several, apply: several, planRoleArn: arn('x'), applyRoleArn: arn('y') } : { plan: read, apply: read },
      }));
    });
    expect(grants[0].sharedVariableSet).toBeDefined();
    expect(grants[0].variableSet.findVariable('TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN')).toBeDefined();
    expect(grants[2].variableSet.findVariable('TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN')).toBeDefined();
    expect(grants[2].variableSet.findVariable('TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN')).toBeDefined();
    expect(grants[0].sharedVariableSet!.keys.filter((key) => key.includes('ARN'))).toEqual([]);
  });

  test.each([
    ['TFC_VAULT_ADDR', true],
    ['TFC_VAULT_ADDR_SECOND', true],
    ['TFC_DEFAULT_VAULT_BACKED_AWS_MOUNT_PATH', true],
    ['TFC_VAULT_BACKED_GCP_AUTH_TYPE_OTHER', true],
    ['ARM_TENANT_ID', true],
    ['TFC_VAULT_RUN_ROLE', false],
    ['TFC_VAULT_PLAN_ROLE_SECOND', false],
    ['TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN', false],
    ['TFC_DEFAULT_VAULT_BACKED_AWS_PLAN_VAULT_ROLE', false],
    ['TFC_VAULT_BACKED_GCP_APPLY_VAULT_ROLESET', false],
    ['TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE', false],
    ['TFC_VAULT_ADDR_', false],
    ['SOMETHING_ELSE', false],
  ])('%s is shareable: %s', (key, expected) => {
    expect(isShareableKey(key)).toBe(expected);
  });
});
