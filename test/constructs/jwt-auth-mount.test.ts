import 'cdktf/lib/testing/adapters/jest';
import { JwtAuthBackend } from '@cdktf/provider-vault/lib/jwt-auth-backend';
import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { HcpTerraformJwtAuthMount, VaultBackedDynamicCredentials, VaultBackedDynamicCredentialsProps, WorkspaceSelector } from '../../lib';
import { RefusalCase, refusalTable } from '../support/refusals';
import { bodiesOf, synthError, synthWith, variablesUnder } from '../support/synth';

/** The JWT auth mount HCP Terraform runs log in through (HcpTerraformJwtAuthMount): what it writes and what it refuses. */

const ARN_READ = 'arn:aws:iam::123456789012:role/read';
const ARN_ADMIN = 'arn:aws:iam::123456789012:role/admin';

function basicTrust(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com:8200', ...props });
  const aws = trust.addAwsSecretsEngine('aws');
  const read = aws.addAssumedRole('read', { roleArns: [ARN_READ] });
  const admin = aws.addAssumedRole('admin', { roleArns: [ARN_ADMIN] });
  return { trust, aws, read, admin };
}

/** A grant through the facade of one assumed_role engine role, for facade settings that reach the mount. */
function awsGrant(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  const { trust, read } = basicTrust(stack, props);
  return trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: read, apply: read } });
}

describe('JWT auth mount', () => {
  test('trusts https://app.terraform.io exactly by default, at path jwt', () => {
    const { text } = synthWith((stack) => basicTrust(stack));
    expect(text).toHaveResourceWithProperties(JwtAuthBackend, {
      path: 'jwt',
      type: 'jwt',
      oidc_discovery_url: 'https://app.terraform.io',
      bound_issuer: 'https://app.terraform.io',
    });
  });

  test('Terraform Enterprise hostname, custom path, namespace and discovery CA', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const { text } = synthWith(
      (stack) => new HcpTerraformJwtAuthMount(stack, 'mount', { hostname: 'tfe.example.com', path: 'tfe-jwt', vaultNamespace: 'admin', discoveryCaPem: pem }),
    );
    expect(bodiesOf(text, JwtAuthBackend.tfResourceType)).toEqual([
      expect.objectContaining({
        path: 'tfe-jwt',
        namespace: 'admin',
        oidc_discovery_url: 'https://tfe.example.com',
        bound_issuer: 'https://tfe.example.com',
        oidc_discovery_ca_pem: pem,
      }),
    ]);
  });

  test('a hostname given as a reference is refused, and until then the mount names both products', () => {
    let productName = '';
    const error = synthError((stack) => {
      const hostname = new TerraformVariable(stack, 'tfe_hostname', { type: 'string' }).stringValue;
      productName = new HcpTerraformJwtAuthMount(stack, 'referenced', { hostname }).productName;
    });
    expect(productName).toBe('HCP Terraform or Terraform Enterprise');
    expect(error).toMatch(/\[test\/referenced\] hostname must be a literal name: it is compared exactly with the token issuer/);
  });

  test('an empty namespace on either side adds no "/" to the namespace runs log in to', () => {
    let mounts!: { nested: HcpTerraformJwtAuthMount; providerOnly: HcpTerraformJwtAuthMount };
    synthWith((stack) => {
      mounts = {
        nested: new HcpTerraformJwtAuthMount(stack, 'nested', { path: 'jwt-nested', vaultProviderNamespace: '', vaultNamespace: 'team' }),
        providerOnly: new HcpTerraformJwtAuthMount(stack, 'provider-only', { path: 'jwt-po', vaultProviderNamespace: 'admin', vaultNamespace: '' }),
      };
    });
    expect(mounts.nested.runNamespace).toBe('team');
    expect(mounts.providerOnly.runNamespace).toBe('admin');
  });

  test('vault namespace reaches the mount through the facade', () => {
    // With a grant, so that JWT roles and policies exist too: every type listed must be present and in the namespace.
    const { text } = synthWith((stack) => awsGrant(stack, { vaultNamespace: 'admin/team-a' }));
    const types = ['vault_jwt_auth_backend', 'vault_jwt_auth_backend_role', 'vault_policy', 'vault_aws_secret_backend', 'vault_aws_secret_backend_role'];
    for (const type of types) {
      const bodies = bodiesOf(text, type);
      expect({ type, some: bodies.length > 0 }).toEqual({ type, some: true });
      for (const body of bodies) expect({ type, namespace: body.namespace }).toEqual({ type, namespace: 'admin/team-a' });
    }
  });

  test('an existing mount is reused by path: no mount resource, roles written into it', () => {
    const { text, json } = synthWith((stack) => {
      const { trust, read, admin } = basicTrust(stack, { authMount: HcpTerraformJwtAuthMount.fromMountPath(stack, 'tfc', { mountPath: 'tfc' }) });
      trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: read, apply: admin } });
    });
    expect(bodiesOf(text, JwtAuthBackend.tfResourceType)).toEqual([]);
    const roles = bodiesOf(text, JwtAuthBackendRole.tfResourceType);
    expect(roles.map((role) => role.backend)).toEqual(['tfc', 'tfc']);
    expect(variablesUnder(json, 'trust/net/').TFC_VAULT_AUTH_PATH.value).toBe('tfc');
  });

  test('a fromMountPath that throws (its id is taken) leaves the next mount made with new a managed mount', () => {
    const { text } = synthWith((stack) => {
      HcpTerraformJwtAuthMount.fromMountPath(stack, 'tfc', { mountPath: 'tfc' });
      expect(() => HcpTerraformJwtAuthMount.fromMountPath(stack, 'tfc', { mountPath: 'other' })).toThrow(/There is already a Construct with name 'tfc'/);
      new HcpTerraformJwtAuthMount(stack, 'managed', { path: 'jwt-managed' });
    });
    expect(bodiesOf(text, JwtAuthBackend.tfResourceType).map((mount) => mount.path)).toEqual(['jwt-managed']);
  });
});

const CATALOGUE: RefusalCase[] = [
  [
    'discovery CA that is not PEM',
    (s) => new HcpTerraformJwtAuthMount(s, 'jwt', { discoveryCaPem: 'ca.pem' }),
    'test/jwt',
    /discoveryCaPem "ca\.pem" does not contain a PEM certificate \("-----BEGIN CERTIFICATE-----"\); pass the PEM text, not a file path or base64$/, ['HcpTerraformJwtAuthMountProps.discoveryCaPem'],
  ],
  ['facade discovery CA that is not PEM', (s) => awsGrant(s, { discoveryCaPem: 'ca.pem' }), 'test/trust/auth', /discoveryCaPem "ca\.pem" does not contain a PEM certificate/, ['VaultBackedDynamicCredentialsProps.discoveryCaPem']],
  [
    'JWT mount namespace with a trailing slash',
    (s) => new HcpTerraformJwtAuthMount(s, 'jwt', { vaultNamespace: 'admin/' }),
    'test/jwt',
    /JWT auth mount vaultNamespace "admin\/" is not a Vault namespace path; use segments of letters/, ['HcpTerraformJwtAuthMountProps.vaultNamespace'],
  ],
  [
    'JWT mount provider namespace with a space',
    (s) => new HcpTerraformJwtAuthMount(s, 'jwt', { vaultProviderNamespace: 'my ns' }),
    'test/jwt',
    /JWT auth mount vaultProviderNamespace "my ns" is not a Vault namespace path/, ['HcpTerraformJwtAuthMountProps.vaultProviderNamespace'],
  ],
  [
    'existing JWT mount path with a trailing slash',
    (s) => HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt/' }),
    'test/jwt',
    /Vault mount path "jwt\/" starts or ends with "\/"/, ['ImportedHcpTerraformJwtAuthMountProps.mountPath'],
  ],
  [
    'existing JWT mount with a hostname that has a scheme',
    (s) => HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt', hostname: 'https://tfe.example.com' }),
    'test/jwt',
    /https:\/\/tfe\.example\.com/, ['ImportedHcpTerraformJwtAuthMountProps.hostname'],
  ],
  [
    'facade given an existing auth mount whose path has a space',
    (s) => awsGrant(s, { authMount: HcpTerraformJwtAuthMount.fromMountPath(s, 'jwt', { mountPath: 'jwt prod' }) }),
    'test/jwt',
    /Vault mount path "jwt prod" contains " ", which is not allowed/,
  ],
];

describe('JWT auth mount validation catalogue: each case fails synthesis naming the construct path, the value and the fix', () => {
  refusalTable(CATALOGUE);
});
