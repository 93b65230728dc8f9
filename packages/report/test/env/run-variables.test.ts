/**
 * The complete variable lists each cloud's run receives: key, value, sensitivity and the description shown in the
 * HCP Terraform variable set.
 */
import {
  AWS_AUTH_TYPES,
  awsCredentialPath,
  awsRunVariables,
  azureCredentialPath,
  azureRunVariables,
  DEFAULT_VAULT_AUDIENCE,
  DEFAULT_VAULT_AUTH_PATH,
  EnvVariableSpec,
  FORBIDDEN_AZURE_RUN_VARIABLES,
  GCP_AUTH_TYPES,
  gcpCredentialPath,
  gcpRunVariables,
  MAX_SLEEP_SECONDS,
  phaseValues,
  sleepSecondsProblem,
  tagProblem,
  tagVariables,
  vaultRunVariables,
} from '../../src/env/variables';

const v = (key: string, value: string, description: string, sensitive = false): EnvVariableSpec => ({ key, value, sensitive, description });

test('HCP Terraform defaults and limits', () => {
  expect(DEFAULT_VAULT_AUDIENCE).toBe('vault.workload.identity');
  expect(DEFAULT_VAULT_AUTH_PATH).toBe('jwt');
  expect(MAX_SLEEP_SECONDS).toBe(1500);
  expect(AWS_AUTH_TYPES).toEqual(['iam_user', 'assumed_role', 'federation_token']);
  expect(GCP_AUTH_TYPES).toEqual(['roleset/access_token', 'roleset/service_account_key', 'static_account/access_token', 'static_account/service_account_key']);
  expect(FORBIDDEN_AZURE_RUN_VARIABLES).toEqual(['ARM_CLIENT_ID', 'ARM_CLIENT_SECRET', 'ARM_USE_OIDC', 'ARM_OIDC_TOKEN']);
});

test('Vault: every optional variable, with a shared role', () => {
  expect(
    vaultRunVariables({
      address: 'https://v',
      namespace: 'admin',
      authPath: 'tfc',
      authPathIsDefault: false,
      audience: 'aud',
      audienceIsDefault: false,
      roles: phaseValues('r', 'r'),
      encodedCaCert: 'QUJD',
      clientTimeoutSeconds: 30,
    }),
  ).toEqual([
    v('TFC_VAULT_PROVIDER_AUTH', 'true', 'Turns on Vault workload identity login for this run.'),
    v('TFC_VAULT_ADDR', 'https://v', 'Address of the Vault cluster the run logs in to.', true),
    v('TFC_VAULT_NAMESPACE', 'admin', 'Vault namespace that holds the JWT auth mount, its roles and the secrets engines.'),
    v('TFC_VAULT_AUTH_PATH', 'tfc', 'Path of the JWT auth mount that trusts this run token issuer.'),
    v('TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE', 'aud', 'Audience of the workload identity token; matches bound_audiences of the Vault role.'),
    v('TFC_VAULT_RUN_ROLE', 'r', 'Vault JWT role used by both plan and apply.'),
    v('TFC_VAULT_ENCODED_CACERT', 'QUJD', 'Base64-encoded PEM CA bundle the run uses to trust Vault.', true),
    v('TFC_VAULT_CLIENT_TIMEOUT', '30', 'Seconds the run waits for Vault before giving up.'),
  ]);
});

test('Vault: per-phase roles are described per phase', () => {
  const specs = vaultRunVariables({
    address: 'https://v',
    authPath: 'jwt',
    authPathIsDefault: true,
    audience: 'vault.workload.identity',
    audienceIsDefault: true,
    roles: phaseValues('p', 'a'),
  });
  expect(specs.slice(2)).toEqual([
    v('TFC_VAULT_PLAN_ROLE', 'p', 'Vault JWT role used during the plan phase.'),
    v('TFC_VAULT_APPLY_ROLE', 'a', 'Vault JWT role used during the apply phase.'),
  ]);
});

test('AWS: every optional variable, with a shared Vault role and per-phase ARNs', () => {
  expect(
    awsRunVariables({ authType: 'assumed_role', vaultRoles: phaseValues('a', 'a'), roleArns: phaseValues('x', 'y'), mountPath: 'aws', sleepSeconds: 5 }),
  ).toEqual([
    v('TFC_VAULT_BACKED_AWS_AUTH', 'true', 'Turns on Vault-backed AWS credentials for this run.'),
    v('TFC_VAULT_BACKED_AWS_AUTH_TYPE', 'assumed_role', 'Credential type the Vault AWS secrets engine role issues.'),
    v('TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE', 'a', 'Vault AWS secrets engine role used by both plan and apply.'),
    v('TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN', 'x', 'IAM role ARN used during the plan phase.'),
    v('TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN', 'y', 'IAM role ARN used during the apply phase.'),
    v('TFC_VAULT_BACKED_AWS_MOUNT_PATH', 'aws', 'Path of the Vault AWS secrets engine mount.'),
    v('TFC_VAULT_BACKED_AWS_SLEEP_SECONDS', '5', 'Seconds to wait for new IAM credentials to become usable.'),
  ]);
});

test('AWS: a sleep of 0 seconds is still emitted', () => {
  const specs = awsRunVariables({ authType: 'iam_user', vaultRoles: phaseValues('u', 'u'), mountPath: 'aws', sleepSeconds: 0 });
  expect(specs[specs.length - 1]).toEqual(v('TFC_VAULT_BACKED_AWS_SLEEP_SECONDS', '0', 'Seconds to wait for new IAM credentials to become usable.'));
});

describe('GCP', () => {
  test('a static account per phase', () => {
    expect(gcpRunVariables({ authType: 'static_account/access_token', vaultRoles: phaseValues('a', 'b'), mountPath: 'gcp' })).toEqual([
      v('TFC_VAULT_BACKED_GCP_AUTH', 'true', 'Turns on Vault-backed GCP credentials for this run.'),
      v('TFC_VAULT_BACKED_GCP_AUTH_TYPE', 'static_account/access_token', 'Kind of GCP engine role and credential the run requests.'),
      v('TFC_VAULT_BACKED_GCP_PLAN_VAULT_STATIC_ACCOUNT', 'a', 'Vault GCP static account used during the plan phase.'),
      v('TFC_VAULT_BACKED_GCP_APPLY_VAULT_STATIC_ACCOUNT', 'b', 'Vault GCP static account used during the apply phase.'),
      v('TFC_VAULT_BACKED_GCP_MOUNT_PATH', 'gcp', 'Path of the Vault GCP secrets engine mount.'),
    ]);
  });

  test('a shared roleset', () => {
    expect(gcpRunVariables({ authType: 'roleset/service_account_key', vaultRoles: phaseValues('a', 'a'), mountPath: 'gcp-prod' })).toEqual([
      v('TFC_VAULT_BACKED_GCP_AUTH', 'true', 'Turns on Vault-backed GCP credentials for this run.'),
      v('TFC_VAULT_BACKED_GCP_AUTH_TYPE', 'roleset/service_account_key', 'Kind of GCP engine role and credential the run requests.'),
      v('TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET', 'a', 'Vault GCP roleset used by both plan and apply.'),
      v('TFC_VAULT_BACKED_GCP_MOUNT_PATH', 'gcp-prod', 'Path of the Vault GCP secrets engine mount.'),
    ]);
  });
});

describe('Azure', () => {
  test('every optional variable, with a role per phase', () => {
    expect(azureRunVariables({ vaultRoles: phaseValues('a', 'b'), mountPath: 'azure', sleepSeconds: 9, subscriptionId: 's', tenantId: 't' })).toEqual([
      v('TFC_VAULT_BACKED_AZURE_AUTH', 'true', 'Turns on Vault-backed Azure credentials for this run.'),
      v('TFC_VAULT_BACKED_AZURE_PLAN_VAULT_ROLE', 'a', 'Vault Azure secrets engine role used during the plan phase.'),
      v('TFC_VAULT_BACKED_AZURE_APPLY_VAULT_ROLE', 'b', 'Vault Azure secrets engine role used during the apply phase.'),
      v('TFC_VAULT_BACKED_AZURE_MOUNT_PATH', 'azure', 'Path of the Vault Azure secrets engine mount.'),
      v('TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS', '9', 'Seconds to wait for a new service principal to become usable.'),
      v('ARM_SUBSCRIPTION_ID', 's', 'Azure subscription the azurerm provider works in.'),
      v('ARM_TENANT_ID', 't', 'Microsoft Entra tenant of the service principals Vault issues.'),
    ]);
  });

  test('the minimum: no sleep, subscription or tenant, and never a forbidden variable', () => {
    const specs = azureRunVariables({ vaultRoles: phaseValues('r', 'r'), mountPath: 'azure' });
    expect(specs.map((s) => s.key)).toEqual(['TFC_VAULT_BACKED_AZURE_AUTH', 'TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE', 'TFC_VAULT_BACKED_AZURE_MOUNT_PATH']);
    expect(specs[1]).toEqual(v('TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE', 'r', 'Vault Azure secrets engine role used by both plan and apply.'));
  });
});

describe('credential paths a run reads', () => {
  test.each([
    ['iam_user', 'aws/creds/deploy'],
    ['assumed_role', 'aws/sts/deploy'],
    ['federation_token', 'aws/sts/deploy'],
  ] as const)('AWS %s', (authType, path) => {
    expect(awsCredentialPath('aws', authType, 'deploy')).toBe(path);
  });

  test.each([
    ['roleset/access_token', 'gcp/roleset/viewer/token'],
    ['roleset/service_account_key', 'gcp/roleset/viewer/key'],
    ['static_account/access_token', 'gcp/static-account/viewer/token'],
    ['static_account/service_account_key', 'gcp/static-account/viewer/key'],
  ] as const)('GCP %s', (authType, path) => {
    expect(gcpCredentialPath('gcp', authType, 'viewer')).toBe(path);
  });

  test('Azure', () => {
    expect(azureCredentialPath('azure-prod', 'contributor')).toBe('azure-prod/creds/contributor');
  });
});

describe('tags and sleep seconds', () => {
  test('the exact messages', () => {
    expect(tagProblem('a-b')).toBe('configuration tag "a-b" may contain only ASCII letters, digits and "_"; choose a tag such as "SECONDARY"');
    expect(tagProblem('TYPE')).toBe('configuration tag "TYPE" is reserved by HCP Terraform; choose another tag');
    expect(tagProblem('type')).toBeUndefined();
    expect(tagProblem('x\nSECOND')).toMatch(/may contain only/);
    expect(tagProblem('SECOND\n')).toMatch(/may contain only/);
    expect(sleepSecondsProblem(1501)).toBe("sleep seconds 1501 must be a whole number from 0 to 1500 (HCP Terraform's limit)");
    expect(sleepSecondsProblem(Number.NaN)).toMatch(/must be a whole number/);
  });

  test('tagVariables without a tag keeps every key and value; with one, keeps values and sensitivity', () => {
    const specs = [v('TFC_VAULT_ADDR', 'https://v', 'd', true)];
    expect(tagVariables(specs)).toEqual(specs);
    expect(tagVariables(specs, 'B')).toEqual([v('TFC_VAULT_ADDR_B', 'https://v', 'd', true)]);
    expect(() => tagVariables(specs, 'no good')).toThrow(/may contain only/);
  });

  test('phaseValues compares the strings unless told', () => {
    expect(phaseValues('a', 'b')).toEqual({ kind: 'per-phase', plan: 'a', apply: 'b' });
    expect(phaseValues('a', 'a')).toEqual({ kind: 'shared', run: 'a' });
    expect(phaseValues('a', 'a', false)).toEqual({ kind: 'per-phase', plan: 'a', apply: 'a' });
  });
});
