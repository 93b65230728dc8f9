import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { Acknowledgements, HcpTerraformJwtAuthMount, VaultBackedDynamicCredentials, VaultBackedDynamicCredentialsProps, WorkspaceSelector } from '../../lib';
import { bodiesOf, printedWarnings, synthError, synthWith, variablesUnder, vaultProviderOf } from '../support/synth';

/**
 * What the facade itself warns about and checks once for all its grants: plain-http Vault addresses, the
 * skip-child-token warning of `pipelinePolicy`, claim mappings validated once per token kind, the namespaces of the
 * Vault providers and of a given JWT mount, and `roleNamePrefix`. (Found by `npm run mutate:constructs`: these
 * branches had no test, or none that read the whole message or counted the errors.)
 */

const ARN = 'arn:aws:iam::123456789012:role/runner';

function trustIn(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}): VaultBackedDynamicCredentials {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
}

/** The error lines of a failed synthesis, trimmed: `[construct path] message`. */
function errorLines(error: string): string[] {
  return error
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('['));
}

describe('a Vault address with plain http', () => {
  const PLAIN_HTTP = '[vault-address-plain-http] ';

  function plainHttpWarnings(vaultAddress: (stack: TerraformStack) => string): string[] {
    const { stack } = synthWith((s) => trustIn(s, { vaultAddress: vaultAddress(s) }));
    return printedWarnings(stack).filter((w) => w.startsWith(PLAIN_HTTP));
  }

  test('warns once, on the trust, naming the address', () => {
    const { stack } = synthWith((s) => trustIn(s, { vaultAddress: 'http://vault.example.com:8200' }));
    const trust = stack.node.findChild('trust');
    expect(printedWarnings(trust).filter((w) => w.startsWith(PLAIN_HTTP))).toEqual([
      `${PLAIN_HTTP}vaultAddress "http://vault.example.com:8200" uses plain http: run tokens and credentials would cross the network unencrypted; ` +
        'use https',
    ]);
  });

  test.each<[string, (stack: TerraformStack) => string]>([
    ['https', () => 'https://vault.example.com:8200'],
    ['https with "http://" later in the string', () => 'https://http.example.com'],
    ['a reference, unknown until apply', (s) => new TerraformVariable(s, 'vault_address', { type: 'string' }).stringValue],
  ])('is silent for %s', (_title, address) => {
    expect(plainHttpWarnings(address)).toEqual([]);
  });
});

describe('pipelinePolicy and skipChildToken', () => {
  const SKIP = '[pipeline-needs-skip-child-token] ';

  test('names every Vault provider that requests a child token, the aliased one too', () => {
    const { stack } = synthWith((s) => {
      new VaultProvider(s, 'other', { alias: 'other' });
      const trust = trustIn(s);
      new TerraformOutput(s, 'pipeline', { value: trust.pipelinePolicy });
    });
    expect(printedWarnings(stack).filter((w) => w.startsWith(SKIP))).toEqual([
      `${SKIP}pipelinePolicy is used, but the Vault provider test/vault, test/other does not set skipChildToken: true, so it requests a child ` +
        'token (auth/token/create), which the pipeline policy does not grant: every plan and apply with that policy would fail; ' +
        'set skipChildToken: true on the VaultProvider',
    ]);
  });

  test('read twice, the warning is checked once: an acknowledgement records it once in cdk.tf.json', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'facade-checks-'));
    try {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'test');
      new VaultProvider(stack, 'vault', {});
      const trust = trustIn(stack);
      new TerraformOutput(stack, 'first', { value: trust.pipelinePolicy });
      new TerraformOutput(stack, 'second', { value: trust.pipelinePolicy });
      Acknowledgements.of(trust).add({ ruleId: 'pipeline-needs-skip-child-token', reason: 'the pipeline token also holds auth/token/create' });
      app.synth();
      const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'test', 'cdk.tf.json'), 'utf8'));
      expect(json['//'].acknowledgements).toEqual([
        {
          rule: 'pipeline-needs-skip-child-token',
          reason: 'the pipeline token also holds auth/token/create',
          scope: 'test/trust',
          suppressed: [
            {
              path: 'test/trust',
              message:
                'pipelinePolicy is used, but the Vault provider test/vault does not set skipChildToken: true, so it requests a child token ' +
                '(auth/token/create), which the pipeline policy does not grant: every plan and apply with that policy would fail; ' +
                'set skipChildToken: true on the VaultProvider',
            },
          ],
        },
      ]);
      expect(json.output.first.value).toBe(json.output.second.value);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('claim mappings are validated once per token kind, whatever the number of grants', () => {
  test('a reserved metadata key gives one error, at the trust, not one more per role', () => {
    const error = synthError((s) => {
      const trust = trustIn(s, { claimMappings: { terraform_run_id: 'role' } });
      const role = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('one', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: role, apply: role } });
    });
    expect(errorLines(error)).toEqual([
      '[test/trust] claimMappings maps "terraform_run_id" to "role", which Vault reserves for the role name; choose another metadata key',
    ]);
  });

  const WORKSPACE_CLAIMS =
    'terraform_full_workspace, terraform_workspace_id, terraform_workspace_name, terraform_project_id, terraform_project_name, ' +
    'terraform_organization_id, terraform_organization_name, terraform_run_id, sub, terraform_run_phase';
  const STACK_CLAIMS =
    'terraform_stack_id, sub, terraform_stack_name, terraform_stack_deployment_name, terraform_project_id, terraform_project_name, ' +
    'terraform_organization_id, terraform_organization_name, terraform_plan_id, terraform_operation';
  const MODULE_CLAIMS = 'terraform_run_id, sub, terraform_organization_id, terraform_organization_name, terraform_run_phase';

  type Grants = (trust: VaultBackedDynamicCredentials, stack: TerraformStack) => void;
  const credential = (trust: VaultBackedDynamicCredentials) => trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
  const workspaces: Grants = (trust) => {
    const r = credential(trust);
    trust.grantWorkspaces('one', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: r, apply: r } });
    trust.grantWorkspaces('two', { project: 'Platform', workspaces: WorkspaceSelector.names('b'), aws: { plan: r, apply: r } });
  };
  const stacks: Grants = (trust) => {
    const r = credential(trust);
    trust.grantStackDeployments('one', { project: 'Platform', stack: 'network', deployments: ['prod'], planCredentials: [r], applyCredentials: [r] });
    trust.grantStackDeployments('two', { project: 'Platform', stack: 'compute', deployments: ['prod'], planCredentials: [r], applyCredentials: [r] });
  };
  const moduleTests: Grants = (trust) => {
    const r = credential(trust);
    trust.grantModuleTests('one', { module: 'vpc', moduleProvider: 'aws', aws: r });
    trust.grantModuleTests('two', { module: 'subnet', moduleProvider: 'aws', aws: r });
  };
  const workspaceThenStack: Grants = (trust) => {
    const r = credential(trust);
    trust.grantWorkspaces('one', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: r, apply: r } });
    trust.grantStackDeployments('two', { project: 'Platform', stack: 'network', deployments: ['prod'], planCredentials: [r], applyCredentials: [r] });
  };

  test.each<[string, string, Grants, string]>([
    [
      'two workspace grants',
      'terraform_stack_id',
      workspaces,
      `[test/trust/one/plan] claimMappings maps "terraform_stack_id", which workspace run tokens do not carry; remove it or use one of ${WORKSPACE_CLAIMS}`,
    ],
    [
      'two Stack grants',
      'terraform_run_phase',
      stacks,
      '[test/trust/one/plan] claimMappings maps "terraform_run_phase", which Stacks deployment tokens do not carry (Stack tokens name the phase in ' +
        'terraform_operation); set claimMappings on this Stack grant to mappings of claims Stack tokens carry, e.g. terraform_operation',
    ],
    [
      'two module test grants',
      'terraform_workspace_id',
      moduleTests,
      `[test/trust/one] claimMappings maps "terraform_workspace_id", which registry module test-run tokens do not carry; remove it or use one of ` +
        `${MODULE_CLAIMS} (set claimMappings on this module test grant to override the trust's)`,
    ],
    [
      'mixed: a workspace grant, whose tokens carry the claim, then a Stack grant, whose tokens do not',
      'terraform_workspace_id',
      workspaceThenStack,
      `[test/trust/two/plan] claimMappings maps "terraform_workspace_id", which Stacks deployment tokens do not carry; remove it or use one of ` +
        `${STACK_CLAIMS} (set claimMappings on this Stack grant to override the trust's)`,
    ],
  ])('%s mapping a claim their tokens lack: one error, at the first grant that lacks it', (_title, claim, grants, expected) => {
    const error = synthError((s) => grants(trustIn(s, { claimMappings: { [claim]: 'x' } }), s));
    expect(errorLines(error)).toEqual([expected]);
  });
});

describe('a trust setting given on a grant: one error, at its first role, whatever the number of roles', () => {
  type GrantWith = (trust: VaultBackedDynamicCredentials, settings: object) => void;
  const workspaceGrant: GrantWith = (trust, settings) => {
    const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
    trust.grantWorkspaces('one', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: r, apply: r }, ...settings });
  };
  const stackGrant: GrantWith = (trust, settings) => {
    const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
    const credentials = { planCredentials: [r], applyCredentials: [r] };
    trust.grantStackDeployments('one', { project: 'Platform', stack: 'network', deployments: ['prod'], ...credentials, ...settings });
  };
  const ORG_ID = 'organizationId "bad" is not "org-" followed by letters and digits; copy it from the organization settings';

  test.each<[string, GrantWith, object, string]>([
    ['workspace grant, tokenTtlSeconds', workspaceGrant, { tokenTtlSeconds: -5 }, 'tokenTtlSeconds is -5; use a whole number of seconds from 60 to 86400'],
    ['Stack grant, tokenTtlSeconds', stackGrant, { tokenTtlSeconds: -5 }, 'tokenTtlSeconds is -5; use a whole number of seconds from 60 to 86400'],
    ['workspace grant, organizationId', workspaceGrant, { organizationId: 'bad' }, ORG_ID],
    ['Stack grant, organizationId', stackGrant, { organizationId: 'bad' }, ORG_ID],
    [
      'workspace grant, a claimMappings target',
      workspaceGrant,
      { claimMappings: { terraform_run_id: 'bad key' } },
      'claimMappings target "bad key" (of claim "terraform_run_id") must be 1-64 letters, digits or "_"',
    ],
    [
      'Stack grant, a claimMappings target',
      stackGrant,
      { claimMappings: { terraform_operation: 'bad key' } },
      'claimMappings target "bad key" (of claim "terraform_operation") must be 1-64 letters, digits or "_"',
    ],
  ])('%s: the plan role reports it, the apply role does not repeat it', (_title, grant, settings, expected) => {
    const error = synthError((s) => grant(trustIn(s), settings));
    expect(errorLines(error)).toEqual([`[test/trust/one/plan] ${expected}`]);
  });
});

describe('Vault provider namespaces', () => {
  test('an aliased Vault provider is not compared: it may serve another namespace', () => {
    const { text } = synthWith((s) => {
      vaultProviderOf(s).namespace = 'admin';
      new VaultProvider(s, 'elsewhere', { alias: 'elsewhere', namespace: 'other-team' });
      const trust = trustIn(s, { vaultProviderNamespace: 'admin' });
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('net', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: r, apply: r } });
    });
    expect(bodiesOf(text, 'vault_jwt_auth_backend_role').map((role) => role.role_name)).toEqual(['tfc-net-apply', 'tfc-net-plan']);
  });
});

describe('a given JWT mount: its run namespace is the provider namespace joined with the resource namespace', () => {
  test('an empty vaultProviderNamespace adds no segment', () => {
    const { json, text } = synthWith((s) => {
      const trust = trustIn(s, {
        vaultProviderNamespace: '',
        vaultNamespace: 'team-a',
        authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt', vaultNamespace: 'team-a' }),
      });
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('net', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: r, apply: r } });
    });
    expect(variablesUnder(json, 'trust/net/').TFC_VAULT_NAMESPACE.value).toBe('team-a');
    for (const role of bodiesOf(text, 'vault_jwt_auth_backend_role')) expect(role.namespace).toBe('team-a');
  });

  test('both namespaces are joined with "/"', () => {
    const { json, text } = synthWith((s) => {
      vaultProviderOf(s).namespace = 'admin';
      const trust = trustIn(s, {
        vaultProviderNamespace: 'admin',
        vaultNamespace: 'team-a',
        authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt', vaultNamespace: 'team-a', vaultProviderNamespace: 'admin' }),
      });
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('net', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: r, apply: r } });
    });
    expect(variablesUnder(json, 'trust/net/').TFC_VAULT_NAMESPACE.value).toBe('admin/team-a');
    for (const role of bodiesOf(text, 'vault_jwt_auth_backend_role')) expect(role.namespace).toBe('team-a');
  });
});

describe('roleNamePrefix', () => {
  test('a valid prefix of letters, digits, "-" and "_" names every role of every grant kind', () => {
    const { text } = synthWith((s) => {
      const trust = trustIn(s, { roleNamePrefix: 'team-ci_1' });
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('net', { project: 'Platform', workspaces: WorkspaceSelector.names('a'), aws: { plan: r, apply: r } });
      trust.grantStackDeployments('st', { project: 'Platform', stack: 'network', deployments: ['prod'], planCredentials: [r], applyCredentials: [r] });
      trust.grantModuleTests('mt', { module: 'vpc', moduleProvider: 'aws', aws: r });
    });
    expect(bodiesOf(text, 'vault_jwt_auth_backend_role').map((role) => role.role_name).sort()).toEqual([
      'team-ci_1-module-mt',
      'team-ci_1-net-apply',
      'team-ci_1-net-plan',
      'team-ci_1-stack-st-apply',
      'team-ci_1-stack-st-plan',
    ]);
  });

  test('a prefix of 32 characters, the most allowed, is accepted', () => {
    const prefix = 'p'.repeat(32);
    const { text } = synthWith((s) => {
      const trust = trustIn(s, { roleNamePrefix: prefix });
      const r = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
      trust.grantModuleTests('mt', { module: 'vpc', moduleProvider: 'aws', aws: r });
    });
    expect(bodiesOf(text, 'vault_jwt_auth_backend_role').map((role) => role.role_name)).toEqual([`${prefix}-module-mt`]);
  });
});
