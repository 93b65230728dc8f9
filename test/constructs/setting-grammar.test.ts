import 'cdktf/lib/testing/adapters/jest';
import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { VaultBackedDynamicCredentials, VaultBackedDynamicCredentialsProps, WorkspaceSelector } from '../../lib';
import { RefusalCase, refusalTable } from '../support/refusals';
import { byPath, synthWith, variablesUnder } from '../support/synth';

/**
 * The edges of the grammar of the trust's literal settings: which hostnames, Vault addresses, encoded CA bundles,
 * token TTLs and organization ids are accepted, which are refused and with what words, and that references are left to
 * Terraform. The common refusals are in validation.test.ts; these are the values just inside and just outside.
 */

const ARN = 'arn:aws:iam::123456789012:role/runner';

/** A complete workspace grant of a trust with `props`. */
function grantWith(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
  const role = trust.addAwsSecretsEngine('aws').addAssumedRole('runner', { roleArns: [ARN] });
  return trust.grantWorkspaces('grant', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: role, apply: role } });
}

/** A regular expression matching `text` literally, to the end of the line. */
function whole(text: string): RegExp {
  return new RegExp(`${text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
}

/** The PEM text of a CA certificate (not a real one), as a user might paste it. */
const PEM = '-----BEGIN CERTIFICATE-----\nMIIBkTCB+wIJALCDdwIBATANBgkqhkiG9w0BAQsFADARMQ8wDQYDVQQDDAZ0ZXN0Y2Ew\n-----END CERTIFICATE-----\n';

/** That PEM as `base64` prints it by default: wrapped at 76 columns, so with line breaks inside. */
const WRAPPED_BASE64 = Buffer.from(PEM).toString('base64').replace(/(.{76})/g, '$1\n');

const REFUSED: RefusalCase[] = [
  [
    'hostname with a path',
    (s) => grantWith(s, { hostname: 'tfe.example.com/tfe' }),
    'test/trust/auth',
    whole('hostname "tfe.example.com/tfe" is not a lower-case DNS name, e.g. "tfe.example.com"'),
  ],
  [
    'hostname with a port and then a path',
    (s) => grantWith(s, { hostname: 'tfe.example.com:8443/app' }),
    'test/trust/auth',
    whole('hostname "tfe.example.com:8443/app" is not a lower-case DNS name, e.g. "tfe.example.com"'),
  ],
  [
    'hostname with a URL after a leading space',
    (s) => grantWith(s, { hostname: ' https://tfe.example.com' }),
    'test/trust/auth',
    whole('hostname " https://tfe.example.com" is not a lower-case DNS name, e.g. "tfe.example.com"'),
  ],
  [
    'hostname longer than 253 characters',
    (s) => grantWith(s, { hostname: `${Array(4).fill('a'.repeat(63)).join('.')}.io` }),
    'test/trust/auth',
    whole(`hostname "${Array(4).fill('a'.repeat(63)).join('.')}.io" is not a lower-case DNS name, e.g. "tfe.example.com"`),
  ],
  [
    'hostname with a port: the issuer and the bare host are both named without it',
    (s) => grantWith(s, { hostname: 'tfe.example.com:8443' }),
    'test/trust/auth',
    whole(
      'hostname "tfe.example.com:8443" includes a port; the tokens\' issuer is "https://tfe.example.com" without one, so bound_issuer would never ' +
        'match and every login would fail. Give the bare host "tfe.example.com"',
    ),
  ],
  [
    'vault address after a leading space',
    (s) => grantWith(s, { vaultAddress: ' https://vault.example.com' }),
    'test/trust',
    whole('vaultAddress " https://vault.example.com" is not a URL such as "https://vault.example.com:8200"'),
  ],
  [
    'vault address with a query',
    (s) => grantWith(s, { vaultAddress: 'https://vault.example.com:8200?namespace=admin' }),
    'test/trust',
    whole('vaultAddress "https://vault.example.com:8200?namespace=admin" is not a URL such as "https://vault.example.com:8200"'),
  ],
  [
    'encoded CA of exactly 40 characters, shown whole',
    (s) => grantWith(s, { vaultEncodedCaCert: PEM.slice(0, 40) }),
    'test/trust',
    whole(
      `vaultEncodedCaCert ${JSON.stringify(PEM.slice(0, 40))} must be the base64 encoding of a PEM bundle (for example Fn.filebase64("ca.pem")), ` +
        'not the PEM text',
    ),
  ],
  [
    'encoded CA given as the whole PEM text, shown cut at 40 characters',
    (s) => grantWith(s, { vaultEncodedCaCert: PEM }),
    'test/trust',
    whole(
      'vaultEncodedCaCert "-----BEGIN CERTIFICATE-----\\nMIIBkTCB+wIJ..." must be the base64 encoding of a PEM bundle ' +
        '(for example Fn.filebase64("ca.pem")), not the PEM text',
    ),
  ],
  [
    'encoded CA wrapped over several lines, as base64 prints it',
    (s) => grantWith(s, { vaultEncodedCaCert: WRAPPED_BASE64 }),
    'test/trust',
    whole(
      `vaultEncodedCaCert ${JSON.stringify(`${WRAPPED_BASE64.slice(0, 40)}...`)} must be the base64 encoding of a PEM bundle ` +
        '(for example Fn.filebase64("ca.pem")), not the PEM text',
    ),
  ],
  [
    'token max TTL above 32 days',
    (s) => grantWith(s, { tokenMaxTtlSeconds: 2764801 }),
    'test/trust',
    whole('tokenMaxTtlSeconds is 2764801; use a whole number of seconds from 60 to 2764800'),
  ],
  [
    'organization id with something before "org-"',
    (s) => grantWith(s, { organizationId: 'my-org-AbC123' }),
    'test/trust',
    whole('organizationId "my-org-AbC123" is not "org-" followed by letters and digits; copy it from the organization settings'),
  ],
  [
    'organization id with something after the letters and digits',
    (s) => grantWith(s, { organizationId: 'org-AbC123 (acme)' }),
    'test/trust',
    whole('organizationId "org-AbC123 (acme)" is not "org-" followed by letters and digits; copy it from the organization settings'),
  ],
  [
    'a workspace grant mapping terraform_operation, which only Stack tokens carry',
    (s) => grantWith(s, { claimMappings: { terraform_operation: 'operation' } }),
    'test/trust/grant/plan',
    whole(
      'claimMappings maps "terraform_operation", which workspace run tokens do not carry (only Stack tokens carry it; runs name the phase in ' +
        'terraform_run_phase); remove it, or map terraform_run_phase instead',
    ),
  ],
];

describe('settings just outside their grammar are refused, naming the value and the fix', () => {
  refusalTable(REFUSED);
});

describe('settings just inside their grammar synthesize as given', () => {
  test.each(['terraform.example.com', 't.example.com', 'tfe.a.example.com'])('hostname %s becomes the issuer', (hostname) => {
    const { json } = synthWith((s) => grantWith(s, { hostname }));
    expect(Object.values(byPath(json, 'vault_jwt_auth_backend')).map((mount) => mount.bound_issuer)).toEqual([`https://${hostname}`]);
  });

  test('an http:// Vault address (a development server) is handed to runs as given', () => {
    const { json } = synthWith((s) => grantWith(s, { vaultAddress: 'http://vault.example.com:8200' }));
    expect(variablesUnder(json, 'trust/grant/').TFC_VAULT_ADDR.value).toBe('http://vault.example.com:8200');
  });

  test('a Vault address and an encoded CA given as references are left to Terraform', () => {
    const { json } = synthWith((s) =>
      grantWith(s, {
        vaultAddress: new TerraformVariable(s, 'vault_address', { type: 'string' }).stringValue,
        vaultEncodedCaCert: Fn.filebase64('ca.pem'),
      }),
    );
    const vars = variablesUnder(json, 'trust/grant/');
    expect(vars.TFC_VAULT_ADDR.value).toBe('${var.vault_address}');
    expect(vars.TFC_VAULT_ENCODED_CACERT.value).toBe('${filebase64("ca.pem")}');
  });

  test('a token max TTL equal to the TTL, and the longest ones allowed, are written to the roles', () => {
    const equal = synthWith((s) => grantWith(s, { tokenTtlSeconds: 3600, tokenMaxTtlSeconds: 3600 }));
    const longest = synthWith((s) => grantWith(s, { tokenTtlSeconds: 86400, tokenMaxTtlSeconds: 2764800 }));
    const ttls = (json: typeof equal.json) =>
      Object.values(byPath(json, 'vault_jwt_auth_backend_role')).map((role) => [role.token_ttl, role.token_max_ttl]);
    expect(ttls(equal.json)).toEqual([
      [3600, 3600],
      [3600, 3600],
    ]);
    expect(ttls(longest.json)).toEqual([
      [86400, 2764800],
      [86400, 2764800],
    ]);
  });
});
