import 'cdktf/lib/testing/adapters/jest';
import { Fn, TerraformIterator, TerraformResource, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
// Provider classes come from submodule paths only: a package root import costs seconds and hundreds of MB.
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { DataTfeWorkspace } from '@cdktf/provider-tfe/lib/data-tfe-workspace';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { DataVaultPolicyDocument } from '@cdktf/provider-vault/lib/data-vault-policy-document';
import { AwsSecretBackendRole } from '@cdktf/provider-vault/lib/aws-secret-backend-role';
import { JwtAuthBackend } from '@cdktf/provider-vault/lib/jwt-auth-backend';
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { checkProviderSchemas, SchemaProblem } from './provider-schema';

const TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

interface CleanStack {
  readonly vault: VaultProvider;
  readonly backend: JwtAuthBackend;
  readonly role: JwtAuthBackendRole;
  readonly variable: Variable;
  readonly workspace: DataTfeWorkspace;
  readonly iamRole: IamRole;
  readonly secretRole: AwsSecretBackendRole;
}

/** A stack touching vault, tfe and aws, using maps, nested blocks, lifecycle conditions and meta-arguments. */
function buildCleanStack(scope: Construct): CleanStack {
  const vault = new VaultProvider(scope, 'vault', { address: 'https://vault.example.com:8200', namespace: 'admin' });
  new TfeProvider(scope, 'tfe', { hostname: 'app.terraform.io' });
  new AwsProvider(scope, 'aws', { region: 'eu-west-1', defaultTags: [{ tags: { owner: 'platform' } }] });

  const backend = new JwtAuthBackend(scope, 'jwt', {
    path: 'jwt-hcp',
    oidcDiscoveryUrl: 'https://app.terraform.io',
    boundIssuer: 'https://app.terraform.io',
    tune: [{ defaultLeaseTtl: '20m', maxLeaseTtl: '1h' }],
  });
  const policy = new Policy(scope, 'policy', {
    name: 'tfc-network-prod',
    policy: 'path "aws/creds/network-prod" {\n  capabilities = ["read"]\n}\n',
  });
  const role = new JwtAuthBackendRole(scope, 'role', {
    backend: backend.path,
    roleName: 'tfc-network-prod',
    roleType: 'jwt',
    userClaim: 'terraform_full_workspace',
    boundAudiences: ['vault.workload.identity'],
    // Map keys are claim names, not schema attributes, and must not be checked.
    boundClaims: { sub: 'organization:acme:project:network:workspace:prod:run_phase:*', terraform_organization_name: 'acme' },
    boundClaimsType: 'glob',
    tokenPolicies: [policy.name],
    tokenTtl: 1200,
    dependsOn: [policy],
  });
  const secretRole = new AwsSecretBackendRole(scope, 'aws-role', {
    backend: 'aws',
    name: 'network-prod',
    credentialType: 'assumed_role',
    roleArns: ['arn:aws:iam::123456789012:role/network-prod'],
  });
  const workspace = new DataTfeWorkspace(scope, 'workspace', {
    name: 'prod',
    organization: 'acme',
    lifecycle: {
      postcondition: [{ condition: '${self.execution_mode == "remote"}', errorMessage: 'workspace must run remotely' }],
    },
  });
  const variable = new Variable(scope, 'addr', {
    key: 'TFC_VAULT_ADDR',
    value: 'https://vault.example.com:8200',
    category: 'env',
    workspaceId: workspace.id,
  });
  const iamRole = new IamRole(scope, 'iam', {
    name: 'network-prod',
    assumeRolePolicy: TRUST_POLICY,
    inlinePolicy: [{ name: 'read', policy: TRUST_POLICY }],
    tags: { 'cost-centre': 'platform', 'kubernetes.io/cluster/x': 'owned' },
    lifecycle: { createBeforeDestroy: true, ignoreChanges: ['tags'] },
  });
  return { vault, backend, role, variable, workspace, iamRole, secretRole };
}

function synthClean(mutate?: (stack: CleanStack, scope: Construct) => void): string {
  return Testing.synthScope((scope) => {
    const stack = buildCleanStack(scope);
    mutate?.(stack, scope);
  });
}

describe('checkProviderSchemas', () => {
  test('a clean vault + tfe + aws stack has no problems', () => {
    const synthesized = synthClean();
    expect(synthesized).toHaveResource(JwtAuthBackendRole);
    expect(checkProviderSchemas(synthesized)).toEqual([]);
    // A parsed document is accepted as well as the JSON string.
    expect(checkProviderSchemas(JSON.parse(synthesized))).toEqual([]);
  });

  test('a full TerraformStack synth (with terraform block and metadata) has no problems', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'stack');
    buildCleanStack(stack);
    const synthesized = Testing.synth(stack);
    expect(JSON.parse(synthesized).terraform.required_providers).toHaveProperty('vault');
    expect(checkProviderSchemas(synthesized)).toEqual([]);
  });

  test('reports an unknown argument added by an override', () => {
    const synthesized = synthClean(({ role }) => role.addOverride('bound_claimz', { sub: 'x' }));
    expect(checkProviderSchemas(synthesized)).toEqual<SchemaProblem[]>([
      { address: 'resource.vault_jwt_auth_backend_role.role', problem: 'unknown argument "bound_claimz"' },
    ]);
  });

  test('reports a missing required argument', () => {
    const synthesized = synthClean(({ role }) => role.addOverride('user_claim', undefined));
    expect(checkProviderSchemas(synthesized)).toEqual<SchemaProblem[]>([
      { address: 'resource.vault_jwt_auth_backend_role.role', problem: 'missing required argument "user_claim"' },
    ]);
  });

  test('reports unknown and missing keys inside nested blocks', () => {
    const synthesized = synthClean(({ backend, iamRole }) => {
      backend.addOverride('tune.0.default_lease_ttlz', '30m');
      iamRole.addOverride('inline_policy.0.polizy', '{}');
    });
    expect(checkProviderSchemas(synthesized)).toEqual<SchemaProblem[]>([
      { address: 'resource.aws_iam_role.iam', problem: 'unknown argument "inline_policy[0].polizy"' },
      { address: 'resource.vault_jwt_auth_backend.jwt', problem: 'unknown argument "tune[0].default_lease_ttlz"' },
    ]);
  });

  test('checks required arguments of nested blocks', () => {
    const synthesized = Testing.synthScope((scope) => {
      new DataVaultPolicyDocument(scope, 'doc', {
        rule: [
          { path: 'aws/creds/network-prod', capabilities: ['read'] },
          { path: 'sys/leases/renew', capabilities: ['update'] },
        ],
      });
    });
    const document = JSON.parse(synthesized);
    delete document.data.vault_policy_document.doc.rule[1].path;
    expect(checkProviderSchemas(document)).toEqual<SchemaProblem[]>([
      { address: 'data.vault_policy_document.doc', problem: 'missing required argument "rule[1].path"' },
    ]);
  });

  test('checks lifecycle conditions', () => {
    // addOverride appends to the synthesized postcondition list, so the faulty condition is index 1.
    const synthesized = synthClean(({ workspace }) =>
      workspace.addOverride('lifecycle.postcondition', [{ condition: 'true', error_mesage: 'typo' }]),
    );
    expect(checkProviderSchemas(synthesized)).toEqual<SchemaProblem[]>([
      { address: 'data.tfe_workspace.workspace', problem: 'unknown argument "lifecycle.postcondition[1].error_mesage"' },
      {
        address: 'data.tfe_workspace.workspace',
        problem: 'missing required argument "lifecycle.postcondition[1].error_message"',
      },
    ]);
  });

  test('reports unknown resource and data source types', () => {
    const synthesized = Testing.synthScope((scope) => {
      new TerraformResource(scope, 'nope', { terraformResourceType: 'vault_jwt_auth_backend_rolez' });
      new TerraformResource(scope, 'stranger', { terraformResourceType: 'nosuchprovider_thing' });
    });
    const document = JSON.parse(synthesized);
    document.data = { tfe_workspacez: { w: { name: 'x' } } };
    expect(checkProviderSchemas(document)).toEqual<SchemaProblem[]>([
      {
        address: 'resource.nosuchprovider_thing.stranger',
        problem: 'no installed @cdktf/provider-* package provides provider "nosuchprovider"',
      },
      {
        address: 'resource.vault_jwt_auth_backend_rolez.nope',
        problem: 'unknown resource type "vault_jwt_auth_backend_rolez" in @cdktf/provider-vault 15.6.1',
      },
      {
        address: 'data.tfe_workspacez.w',
        problem: 'unknown data source type "tfe_workspacez" in @cdktf/provider-tfe 12.5.1',
      },
    ]);
  });

  test('reports an unknown provider argument', () => {
    const synthesized = synthClean(({ vault }) => vault.addOverride('adress', 'https://vault.example.com'));
    expect(checkProviderSchemas(synthesized)).toEqual<SchemaProblem[]>([
      { address: 'provider.vault', problem: 'unknown argument "adress"' },
    ]);
  });

  test('checks aliased providers and provider nested blocks, using the docs anchor for renamed properties', () => {
    const synthesized = Testing.synthScope((scope) => {
      // krb5ConfPath is `krb5conf_path` in Terraform; camelCase → snake_case would give `krb5_conf_path`.
      new VaultProvider(scope, 'kerberos', {
        alias: 'kerberos',
        authLoginKerberos: [{ krb5ConfPath: '/etc/krb5.conf', token: 'x' }],
      }).addOverride('auth_login_kerberos.0.krb5_conf_path', '/etc/krb5.conf');
    });
    expect(JSON.parse(synthesized).provider.vault[0].auth_login_kerberos[0]).toHaveProperty('krb5conf_path');
    expect(checkProviderSchemas(synthesized)).toEqual<SchemaProblem[]>([
      { address: 'provider.vault.kerberos', problem: 'unknown argument "auth_login_kerberos[0].krb5_conf_path"' },
    ]);
  });

  test('accepts meta-arguments, interpolations and dynamic blocks, and checks dynamic content', () => {
    const synthesized = Testing.synthScope((scope) => {
      const vault = new VaultProvider(scope, 'vault', { alias: 'secondary' });
      const names = TerraformIterator.fromList(['a', 'b']);
      new Policy(scope, 'each', { forEach: names, name: names.value, policy: Fn.file('policy.hcl'), provider: vault });
      const inline = TerraformIterator.fromList(['read', 'write']);
      new IamRole(scope, 'dynamic', {
        assumeRolePolicy: TRUST_POLICY,
        inlinePolicy: inline.dynamic({ name: inline.value, policy: TRUST_POLICY }),
        count: 2,
      });
      const broken = TerraformIterator.fromList(['x']);
      new IamRole(scope, 'broken', {
        assumeRolePolicy: TRUST_POLICY,
        inlinePolicy: broken.dynamic({ name: broken.value, polizy: TRUST_POLICY }),
      });
      const tuned = new JwtAuthBackend(scope, 'tuned', { path: 'jwt2' });
      // A whole block given as an expression is accepted.
      tuned.addOverride('tune', '${var.tune}');
    });
    const document = JSON.parse(synthesized);
    expect(document.resource.aws_iam_role.dynamic.dynamic).toHaveProperty('inline_policy');
    expect(checkProviderSchemas(document)).toEqual<SchemaProblem[]>([
      {
        address: 'resource.aws_iam_role.broken',
        problem: 'unknown argument "dynamic.inline_policy.content.polizy"',
      },
    ]);
  });

  test('checks lifecycle and meta-argument placement', () => {
    const synthesized = synthClean(({ iamRole, workspace }) => {
      iamRole.addOverride('lifecycle.prevent_destroyy', true);
      workspace.addOverride('lifecycle.create_before_destroy', true);
      workspace.addOverride('provisioner', [{ 'local-exec': { command: 'true' } }]);
    });
    expect(checkProviderSchemas(synthesized)).toEqual<SchemaProblem[]>([
      { address: 'resource.aws_iam_role.iam', problem: 'unknown argument "lifecycle.prevent_destroyy"' },
      { address: 'data.tfe_workspace.workspace', problem: 'unknown argument "provisioner"' },
      { address: 'data.tfe_workspace.workspace', problem: 'unknown argument "lifecycle.create_before_destroy"' },
    ]);
  });

  test('reports blocks and maps given the wrong shape', () => {
    const synthesized = synthClean(({ role, backend }) => {
      role.addOverride('bound_claims', ['sub']);
      role.addOverride('role_name', { name: 'x' });
      backend.addOverride('tune', 'not-a-block');
    });
    expect(checkProviderSchemas(synthesized)).toEqual<SchemaProblem[]>([
      { address: 'resource.vault_jwt_auth_backend.jwt', problem: '"tune" is a nested block, got a string' },
      { address: 'resource.vault_jwt_auth_backend_role.role', problem: '"bound_claims" is a map argument, got a list' },
      { address: 'resource.vault_jwt_auth_backend_role.role', problem: '"role_name" expects a single value, got an object' },
    ]);
  });

  test('loads a provider assembly only when the stack uses that provider', () => {
    jest.isolateModules(() => {
      // A fresh module instance, so its cache starts empty whatever other tests loaded.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('./provider-schema') as typeof import('./provider-schema');
      const vaultOnly = Testing.synthScope((scope) => {
        new Policy(scope, 'p', { name: 'p', policy: 'path "x" { capabilities = ["read"] }' });
      });
      expect(fresh.checkProviderSchemas(vaultOnly)).toEqual([]);
      expect(fresh.loadedProviderPackages()).toEqual(['@cdktf/provider-vault']);
    });
  });
});
