import 'cdktf/lib/testing/adapters/jest';
import { VariableSet } from '@cdktf/provider-tfe/lib/variable-set';
import { TerraformStack } from 'cdktf';
import {
  CredentialVariableSet,
  VaultBackedDynamicCredentials,
  VaultBackedDynamicCredentialsProps,
  WorkspaceGrant,
  WorkspaceSelector,
} from '../../lib';
import { RefusalCase, refusalTable } from '../support/refusals';
import { at, bodiesOf, byPath, synthError, synthWith, variablesUnder } from '../support/synth';
import { standaloneSet } from '../support/variable-set';

/**
 * Credential variable sets (CredentialVariableSet): the set a workspace grant writes, where it is attached, and what
 * a set built directly refuses. The cloud-specific variables are tested in the cloud engine files.
 */

const ARN_READ = 'arn:aws:iam::123456789012:role/read';
const ARN_ADMIN = 'arn:aws:iam::123456789012:role/admin';

function basicTrust(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com:8200', ...props });
  const aws = trust.addAwsSecretsEngine('aws');
  const read = aws.addAssumedRole('read', { roleArns: [ARN_READ] });
  const admin = aws.addAssumedRole('admin', { roleArns: [ARN_ADMIN] });
  return { trust, aws, read, admin };
}

describe('variable set', () => {
  test('carries exactly the variables a per-phase assumed_role run needs, each derived from its resource', () => {
    const { json } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack);
      trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin } });
    });
    const vars = variablesUnder(json, 'trust/net/');
    expect(Object.keys(vars).sort()).toEqual([
      'TFC_VAULT_ADDR',
      'TFC_VAULT_APPLY_ROLE',
      'TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN',
      'TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE',
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_AUTH_TYPE',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH',
      'TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN',
      'TFC_VAULT_BACKED_AWS_PLAN_VAULT_ROLE',
      'TFC_VAULT_PLAN_ROLE',
      'TFC_VAULT_PROVIDER_AUTH',
    ]);
    for (const body of Object.values(vars)) {
      expect(body.category).toBe('env');
      expect(body.variable_set_id).toMatch(/^\$\{tfe_variable_set\..+\.id\}$/);
    }
    expect(vars.TFC_VAULT_ADDR).toMatchObject({ value: 'https://vault.example.com:8200', sensitive: true });
    expect(vars.TFC_VAULT_PROVIDER_AUTH.value).toBe('true');
    expect(vars.TFC_VAULT_BACKED_AWS_AUTH.value).toBe('true');
    expect(vars.TFC_VAULT_PLAN_ROLE.value).toMatch(/^\$\{vault_jwt_auth_backend_role\.trust_net_plan_role_[0-9A-F]+\.role_name\}$/);
    expect(vars.TFC_VAULT_APPLY_ROLE.value).toMatch(/^\$\{vault_jwt_auth_backend_role\.trust_net_apply_role_[0-9A-F]+\.role_name\}$/);
    // The literal credential type of the engine role, so grants of one type can share the variable.
    expect(vars.TFC_VAULT_BACKED_AWS_AUTH_TYPE.value).toBe('assumed_role');
    expect(vars.TFC_VAULT_BACKED_AWS_PLAN_VAULT_ROLE.value).toMatch(/^\$\{vault_aws_secret_backend_role\.trust_aws_read_role_[0-9A-F]+\.name\}$/);
    expect(vars.TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE.value).toMatch(/trust_aws_admin_role_[0-9A-F]+\.name\}$/);
    expect(vars.TFC_VAULT_BACKED_AWS_MOUNT_PATH.value).toMatch(/^\$\{vault_aws_secret_backend\.trust_aws_backend_[0-9A-F]+\.path\}$/);
    expect(vars.TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN.value).toBe(ARN_READ);
    expect(vars.TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN.value).toBe(ARN_ADMIN);
  });

  test('namespace, auth path, CA and client timeout variables appear only when configured', () => {
    const { json } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack, {
        vaultNamespace: 'admin',
        authMountPath: 'hcp-tf',
        vaultEncodedCaCert: 'TUlJQg==',
        vaultClientTimeoutSeconds: 120,
      });
      trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin } });
    });
    const vars = variablesUnder(json, 'trust/net/');
    expect(vars.TFC_VAULT_NAMESPACE.value).toBe('admin');
    expect(vars.TFC_VAULT_AUTH_PATH.value).toMatch(/^\$\{vault_jwt_auth_backend\..+\.path\}$/);
    expect(vars.TFC_VAULT_ENCODED_CACERT).toMatchObject({ value: 'TUlJQg==', sensitive: true });
    expect(vars.TFC_VAULT_CLIENT_TIMEOUT.value).toBe('120');
    expect(vars.TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE).toBeUndefined();
  });

  test('named workspaces are looked up once, checked to belong to the project, and attached one by one', () => {
    const { json, text } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack);
      trust.grantWorkspaces('one', { project: 'Net', workspaces: WorkspaceSelector.names('a', 'b'), aws: { plan: read, apply: admin } });
      trust.grantWorkspaces('two', {
        project: 'Net',
        workspaces: WorkspaceSelector.names('c'),
        aws: { plan: read, apply: read },
        variableSetName: 'second-set',
      });
      trust.grantWorkspaces('three', { project: 'Other', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: read } });
    });
    const lookups = byPath(json, 'tfe_workspace', true);
    expect(Object.keys(lookups).sort()).toEqual([
      'trust/lookups/workspace-Net-a',
      'trust/lookups/workspace-Net-b',
      'trust/lookups/workspace-Net-c',
      'trust/lookups/workspace-Other-a',
    ]);
    expect(at(lookups['trust/lookups/workspace-Net-a'], 'lifecycle', 'postcondition', 0, 'condition')).toMatch(
      /^\$\{\(self\.project_id == data\.tfe_project\.trust_lookups_project-Net_[0-9A-F]+\.id\)\}$/,
    );
    expect(at(lookups['trust/lookups/workspace-Other-a'], 'lifecycle', 'postcondition', 0, 'condition')).toMatch(
      /data\.tfe_project\.trust_lookups_project-Other_/,
    );
    expect(Object.keys(byPath(json, 'tfe_project', true)).sort()).toEqual(['trust/lookups/project-Net', 'trust/lookups/project-Other']);
    // Each grant attaches its own set to its workspaces; the three grants share their Vault and AWS settings, so the
    // shared set is attached to exactly the same workspaces, through the same look-ups.
    const attachments = byPath(json, 'tfe_workspace_variable_set');
    const own = Object.keys(attachments).filter((path) => !path.startsWith('trust/shared-')).sort();
    expect(own).toEqual([
      'trust/one/variables/workspace-a',
      'trust/one/variables/workspace-b',
      'trust/three/variables/workspace-a',
      'trust/two/variables/workspace-c',
    ]);
    const shared = Object.entries(attachments).filter(([path]) => path.startsWith('trust/shared-'));
    expect(shared.map(([, body]) => body.workspace_id).sort()).toEqual(own.map((path) => attachments[path].workspace_id).sort());
    expect(
      bodiesOf(text, 'tfe_variable_set')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['second-set', 'vault-backed-one', expect.stringMatching(/^vault-backed-shared-[0-9a-f]{10}$/), 'vault-backed-three']);
  });

  test('a project-wide grant attaches the set to the project and nowhere else', () => {
    const { json, text } = synthWith((stack) => {
      const { trust, read } = basicTrust(stack);
      trust.grantWorkspaces('all', {
        project: 'Default Project',
        workspaces: WorkspaceSelector.allInProject(),
        aws: { plan: read, apply: read },
        variableSetPriority: true,
      });
    });
    expect(json.resource.tfe_workspace_variable_set).toBeUndefined();
    const [attachment] = bodiesOf(text, 'tfe_project_variable_set');
    expect(attachment.project_id).toMatch(/^\$\{data\.tfe_project\..+\.id\}$/);
    expect(text).toHaveResourceWithProperties(VariableSet, { organization: 'acme', priority: true });
  });

  test('a bad workspace name of a grant is refused once, by the grant, not again by its variable set', () => {
    const error = synthError((stack) => {
      const { trust, read } = basicTrust(stack);
      trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a,b'), aws: { plan: read, apply: read } });
    });
    const lines = error.split('\n').filter((line) => line.includes('"a,b"'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\s*\[test\/trust\/net\/plan\] HCP Terraform workspace name "a,b" contains ","/);
  });
});

describe('settings moved to the set several grants share', () => {
  /** Two grants of one project whose Vault and AWS settings are equal, so the trust writes those settings once. */
  function twoGrants(stack: TerraformStack, extra: Record<string, unknown> = {}) {
    const { trust, read } = basicTrust(stack);
    const grant = (id: string) =>
      trust.grantWorkspaces(id, { project: 'Net', workspaces: WorkspaceSelector.names(`${id}-prod`), aws: { plan: read, apply: read }, ...extra });
    return [grant('one'), grant('two')];
  }

  test('are written in the shared set only: each grant\'s own set keeps its roles, and no key is written twice', () => {
    let grants: WorkspaceGrant[] = [];
    const { json } = synthWith((stack) => {
      grants = twoGrants(stack);
    });
    const shared = grants[0].sharedVariableSet!;
    expect(shared.keys.sort()).toEqual([
      'TFC_VAULT_ADDR',
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_AUTH_TYPE',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH',
      'TFC_VAULT_PROVIDER_AUTH',
    ]);
    for (const grant of grants) {
      const own = ['TFC_VAULT_APPLY_ROLE', 'TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN', 'TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE', 'TFC_VAULT_PLAN_ROLE'];
      expect(Object.keys(variablesUnder(json, `trust/${grant.node.id}/`)).sort()).toEqual(own);
      expect(grant.variableSet.keys.sort()).toEqual(own);
      expect(grant.variableSet.variables.map((variable) => variable.keyInput).sort()).toEqual(own);
      expect(grant.variableSet.findVariable('TFC_VAULT_ADDR')).toBeUndefined();
    }
    const written = Object.values(byPath(json, 'tfe_variable')).map((body) => String(body.key));
    expect(written.filter((key) => key === 'TFC_VAULT_ADDR')).toHaveLength(1);
    expect(written).toHaveLength(5 + 2 * 4);
  });

  test('the shared set of grants whose sets their project owns is owned by that project too', () => {
    const { json } = synthWith((stack) => {
      twoGrants(stack, { variableSetOwnedByProject: true });
    });
    const sets = byPath(json, 'tfe_variable_set');
    const shared = Object.keys(sets).filter((path) => path.startsWith('trust/shared-'));
    expect(shared).toHaveLength(1);
    for (const path of [...shared, 'trust/one/variables/set', 'trust/two/variables/set']) {
      expect(sets[path].parent_project_id).toMatch(/^\$\{data\.tfe_project\.trust_lookups_project-Net_[0-9A-F]{8}\.id\}$/);
    }
  });
});

describe('a variable set built directly', () => {
  test('describes the project it serves, or the whole organization, unless given a description', () => {
    const { json } = synthWith((stack) => {
      standaloneSet(stack, 'vars');
      new CredentialVariableSet(stack, 'everyone', {
        organization: 'acme',
        name: 'everyone',
        workspaces: WorkspaceSelector.allInOrganization(),
        variables: [{ key: 'TFC_VAULT_PROVIDER_AUTH', value: 'true' }],
      });
      new CredentialVariableSet(stack, 'described', {
        organization: 'acme',
        name: 'described',
        description: 'Read-only AWS for the platform team',
        project: 'Platform',
        workspaces: WorkspaceSelector.allInProject(),
        variables: [{ key: 'TFC_VAULT_PROVIDER_AUTH', value: 'true' }],
      });
    });
    const sets = byPath(json, 'tfe_variable_set');
    expect(sets['vars/set'].description).toBe('Vault-backed dynamic credentials for workspaces of project Platform.');
    expect(sets['everyone/set'].description).toBe('Vault-backed dynamic credentials for every workspace of the organization.');
    expect(sets['described/set'].description).toBe('Read-only AWS for the platform team');
  });

  test('for every workspace of the organization is global and has no attachments', () => {
    let set: CredentialVariableSet | undefined;
    const { json } = synthWith((stack) => {
      set = standaloneSet(stack, 'vars', { project: undefined, workspaces: WorkspaceSelector.allInOrganization() });
    });
    expect(set!.workspaceAttachments).toEqual([]);
    expect(set!.projectAttachment).toBeUndefined();
    expect(byPath(json, 'tfe_variable_set')['vars/set']).toMatchObject({ name: 'creds', organization: 'acme', global: true });
    expect(json.resource.tfe_workspace_variable_set).toBeUndefined();
    expect(json.resource.tfe_project_variable_set).toBeUndefined();
  });

  test('writes only the variables whose keys are valid names, and reports the others, an empty key included', () => {
    let set: CredentialVariableSet | undefined;
    const error = synthError((stack) => {
      set = standaloneSet(stack, 'vars', {
        variables: [
          { key: 'GOOD', value: 'a' },
          { key: '1BAD', value: 'b' },
          { key: '', value: 'c' },
        ],
      });
    });
    expect(error).toMatch(/\[test\/vars\] environment variable key "1BAD" is not a valid name/);
    expect(error).toMatch(/\[test\/vars\] environment variable key "" is not a valid name/);
    expect(set!.variables.map((variable) => variable.keyInput)).toEqual(['GOOD']);
    expect(set!.findVariable('1BAD')).toBeUndefined();
  });
});

const CATALOGUE: RefusalCase[] = [
  [
    'variable set with an invalid environment variable name',
    (s) => standaloneSet(s, 'vars', { variables: [{ key: '1BAD', value: 'x' }] }),
    'test/vars',
    /environment variable key "1BAD" is not a valid name/, ['EnvironmentVariable.key'],
  ],
  [
    'variable set with a multi-line value',
    (s) => standaloneSet(s, 'vars', { variables: [{ key: 'A', value: 'a\nb' }] }),
    'test/vars',
    /the value "a\\nb" of A contains a line break or NUL; environment variable values must be one line/, ['EnvironmentVariable.value'],
  ],
  [
    'variable set with a key set twice',
    (s) =>
      standaloneSet(s, 'vars', {
        variables: [
          { key: 'A', value: 'a' },
          { key: 'A', value: 'b' },
        ],
      }),
    'test/vars',
    /environment variable A is set twice in one variable set/, ['CredentialVariableSetProps.variables'],
  ],
  ['variable set with an organization glob', (s) => standaloneSet(s, 'vars', { organization: 'acme*' }), 'test/vars', /organization name "acme\*" contains "\*"/, ['CredentialVariableSetProps.organization']],
  ['variable set with a project name too short', (s) => standaloneSet(s, 'vars', { project: 'ab' }), 'test/vars', /project name "ab" is 2 characters long/, ['CredentialVariableSetProps.project']],
  [
    'variable set for a workspace name with a comma',
    (s) => standaloneSet(s, 'vars', { workspaces: WorkspaceSelector.names('a,b') }),
    'test/vars',
    /workspace name "a,b" contains ","/, ['CredentialVariableSetProps.workspaces'],
  ],
];

describe('credential variable set validation catalogue: each case fails synthesis naming the construct path, the value and the fix', () => {
  refusalTable(CATALOGUE);
});
