/**
 * Checks across the whole app: a base stack and team stacks that write into the same Vault (provider address and
 * namespace) or the same HCP Terraform organization must not write the same names; each collision names both
 * construct paths and both stacks. The documented multi-stack layout (base stack with the JWT mount and engine, team
 * stacks that reference them with fromMountPath) synthesizes cleanly.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { App, TerraformStack, TerraformVariable } from 'cdktf';
import { AwsSecretsEngine, HcpTerraformJwtAuthMount, VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';

const ARN = 'arn:aws:iam::123456789012:role/runner';
const VAULT = 'https://vault.acme.example:8200';

interface StackSpec {
  readonly id: string;
  readonly address?: string;
  readonly providerNamespace?: string;
  readonly vaultNamespace?: string;
  readonly tfeHostname?: string;
  readonly grant?: string;
  readonly variableSetName?: string;
  /** Reference the base stack's mount instead of creating one. */
  readonly importMount?: boolean;
}

function team(app: App, spec: StackSpec): TerraformStack {
  const stack = new TerraformStack(app, spec.id);
  new VaultProvider(stack, 'vault', { address: spec.address ?? VAULT, namespace: spec.providerNamespace });
  new TfeProvider(stack, 'tfe', { hostname: spec.tfeHostname });
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', {
    organization: 'acme',
    vaultAddress: VAULT,
    vaultNamespace: spec.vaultNamespace,
    vaultProviderNamespace: spec.providerNamespace,
    authMount: spec.importMount ? HcpTerraformJwtAuthMount.fromMountPath(stack, 'jwt', { mountPath: 'jwt', vaultNamespace: spec.vaultNamespace }) : undefined,
  });
  const aws = spec.importMount
    ? AwsSecretsEngine.fromMountPath(stack, 'aws', { mountPath: 'aws', vaultNamespace: spec.vaultNamespace })
    : trust.addAwsSecretsEngine('aws', { region: 'eu-west-1' });
  const role = aws.addAssumedRole(`${spec.id}-role`, { roleArns: [ARN] });
  trust.grantWorkspaces(spec.grant ?? 'g', {
    project: 'Platform',
    workspaces: WorkspaceSelector.names(`ws-${spec.id}`),
    aws: { plan: role, apply: role },
    variableSetName: spec.variableSetName ?? `creds-${spec.id}`,
  });
  return stack;
}

function synthApp(build: (app: App) => void): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-collisions-'));
  try {
    const app = new App({ outdir });
    build(app);
    app.synth();
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function appError(build: (app: App) => void): string {
  try {
    synthApp(build);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected synthesis to fail, but it succeeded');
}

describe('collisions between stacks of one app', () => {
  test('two stacks on the same Vault that both create mount jwt, engine aws and role tfc-g-plan fail, naming both stacks', () => {
    const error = appError((app) => {
      team(app, { id: 'base' });
      team(app, { id: 'team-a' });
    });
    expect(error).toContain(
      'Vault mount "auth/jwt" is written by both base/trust/auth (stack base) and team-a/trust/auth (stack team-a), which both apply to ' +
        'Vault at https://vault.acme.example:8200; the stack applied last would silently replace the other\'s.',
    );
    expect(error).toMatch(/Vault mount "aws" is written by both base\/trust\/aws \(stack base\) and team-a\/trust\/aws \(stack team-a\)/);
    expect(error).toMatch(/Vault role "tfc-g-plan" in mount "auth\/jwt" is written by both base\/trust\/g\/plan \(stack base\) and team-a\/trust\/g\/plan/);
    expect(error).toContain(
      'Vault policy "tfc-g-plan" is written by both base/trust/g/plan (stack base) and team-a/trust/g/plan (stack team-a), which both apply to ' +
        'Vault at https://vault.acme.example:8200;',
    );
    // reported once, by the later stack
    expect(error.match(/Vault mount "auth\/jwt" is written by both/g)).toHaveLength(1);
  });

  test('the same names on another Vault, or in another namespace of the same Vault, do not collide', () => {
    expect(() =>
      synthApp((app) => {
        team(app, { id: 'eu', address: 'https://vault.eu.acme.example:8200' });
        team(app, { id: 'us', address: 'https://vault.us.acme.example:8200' });
        team(app, { id: 'ns-a', vaultNamespace: 'team-a' });
        team(app, { id: 'ns-b', vaultNamespace: 'team-b' });
      }),
    ).not.toThrow();
  });

  test('a namespace set on the provider and one set on the resources name the same place', () => {
    const error = appError((app) => {
      team(app, { id: 'provider-ns', providerNamespace: 'admin/team-a', variableSetName: 'one' });
      team(app, { id: 'resource-ns', providerNamespace: 'admin', vaultNamespace: 'team-a', variableSetName: 'two' });
    });
    expect(error).toMatch(
      /Vault mount "auth\/jwt" in namespace "admin\/team-a" is written by both provider-ns\/trust\/auth \(stack provider-ns\) and resource-ns\/trust\/auth \(stack resource-ns\)/,
    );
  });

  test('the same variable set name in one organization collides across stacks; on another HCP Terraform it does not', () => {
    const error = appError((app) => {
      team(app, { id: 'a', vaultNamespace: 'a', variableSetName: 'vault-creds', grant: 'ga' });
      team(app, { id: 'b', vaultNamespace: 'b', variableSetName: 'vault-creds', grant: 'gb' });
    });
    expect(error).toMatch(/variable set "vault-creds" of organization "acme" is written by both a\/trust\/ga\/variables \(stack a\) and b\/trust\/gb\/variables \(stack b\)/);
    expect(() =>
      synthApp((app) => {
        team(app, { id: 'a', vaultNamespace: 'a', variableSetName: 'vault-creds', grant: 'ga' });
        team(app, { id: 'b', vaultNamespace: 'b', variableSetName: 'vault-creds', grant: 'gb', tfeHostname: 'tfe.acme.example' });
      }),
    ).not.toThrow();
  });

  test('the documented layout: a base stack owns the mount and engine, team stacks reference them and grant their own roles', () => {
    expect(() =>
      synthApp((app) => {
        team(app, { id: 'base', grant: 'platform' });
        team(app, { id: 'team-a', importMount: true, grant: 'team-a' });
        team(app, { id: 'team-b', importMount: true, grant: 'team-b' });
      }),
    ).not.toThrow();
    const error = appError((app) => {
      team(app, { id: 'base', grant: 'platform' });
      team(app, { id: 'team-a', importMount: true, grant: 'shared' });
      team(app, { id: 'team-b', importMount: true, grant: 'shared', variableSetName: 'creds-other' });
    });
    expect(error).toMatch(/Vault role "tfc-shared-plan" in mount "auth\/jwt" is written by both team-a\/trust\/shared\/plan \(stack team-a\) and team-b\/trust\/shared\/plan/);
  });

  test('a stack whose Vault address is a reference is not compared: its target is unknown until apply', () => {
    expect(() =>
      synthApp((app) => {
        team(app, { id: 'base' });
        const stack = team(app, { id: 'elsewhere', address: '${var.vault_address}' });
        new TerraformVariable(stack, 'vault_address', { type: 'string' });
      }),
    ).not.toThrow();
  });
});
