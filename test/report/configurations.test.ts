import { readVariable, runConfigurations } from '../../packages/report/src/configurations';
import { EnvEntry } from '../../packages/report/src/environment';

function env(values: Record<string, string>): Map<string, EnvEntry> {
  return new Map(
    Object.entries(values).map(([key, value]) => [key, { value: { literal: value }, variable: `tfe_variable.${key}`, source: 'tfe_variable_set.s' }]),
  );
}

const VAULT = { TFC_VAULT_PROVIDER_AUTH: 'true', TFC_VAULT_ADDR: 'https://vault', TFC_VAULT_RUN_ROLE: 'tfc' };

describe('reading configurations from a run environment', () => {
  test('tagged form, then TFC_DEFAULT_ form', () => {
    const e = env({ TFC_VAULT_ADDR_OTHER: 'https://other', TFC_DEFAULT_VAULT_ADDR: 'https://shared' });
    expect(readVariable(e, 'TFC_VAULT_ADDR', 'OTHER')).toEqual({ key: 'TFC_VAULT_ADDR_OTHER', value: { literal: 'https://other' } });
    expect(readVariable(e, 'TFC_VAULT_ADDR')).toEqual({ key: 'TFC_DEFAULT_VAULT_ADDR', value: { literal: 'https://shared' } });
    expect(readVariable(e, 'TFC_VAULT_ADDR', 'THIRD')?.key).toBe('TFC_DEFAULT_VAULT_ADDR');
  });

  test('the default configuration with defaults for namespace, auth path and audience', () => {
    const { vault, clouds } = runConfigurations(env(VAULT));
    expect(clouds).toEqual([]);
    expect(vault).toHaveLength(1);
    expect(vault[0]).toMatchObject({
      tag: undefined,
      namespace: { literal: '' },
      authPath: { literal: 'jwt' },
      audience: { literal: 'vault.workload.identity' },
      problems: [],
    });
    expect(vault[0].roles.plan?.key).toBe('TFC_VAULT_RUN_ROLE');
    expect(vault[0].roles.apply?.key).toBe('TFC_VAULT_RUN_ROLE');
  });

  test('per-phase roles win over RUN; slashes around paths are dropped', () => {
    const { vault } = runConfigurations(env({ ...VAULT, TFC_VAULT_PLAN_ROLE: 'tfc-plan', TFC_VAULT_NAMESPACE: '/admin/', TFC_VAULT_AUTH_PATH: 'jwt-tfc/' }));
    expect(vault[0].roles.plan).toEqual({ key: 'TFC_VAULT_PLAN_ROLE', value: { literal: 'tfc-plan' } });
    expect(vault[0].roles.apply?.key).toBe('TFC_VAULT_RUN_ROLE');
    expect(vault[0].namespace).toEqual({ literal: 'admin' });
    expect(vault[0].authPath).toEqual({ literal: 'jwt-tfc' });
  });

  test('enable flags turn configurations on; anything but "true" leaves them off; they have no TFC_DEFAULT_ form', () => {
    expect(runConfigurations(env({ ...VAULT, TFC_VAULT_PROVIDER_AUTH: 'false' })).vault).toEqual([]);
    expect(runConfigurations(env({ TFC_DEFAULT_VAULT_PROVIDER_AUTH: 'true', TFC_VAULT_ADDR: 'x', TFC_VAULT_RUN_ROLE: 'r' })).vault).toEqual([]);
    const tags = runConfigurations(
      env({ ...VAULT, TFC_VAULT_PROVIDER_AUTH_OTHER: 'true', TFC_VAULT_ADDR_OTHER: 'https://o', TFC_VAULT_RUN_ROLE_OTHER: 'o' }),
    ).vault.map((v) => v.tag);
    expect(tags).toEqual([undefined, 'OTHER']);
  });

  test('missing address and roles are problems of the configuration', () => {
    const [config] = runConfigurations(env({ TFC_VAULT_PROVIDER_AUTH_X: 'true', TFC_VAULT_APPLY_ROLE_X: 'a' })).vault;
    expect(config.problems).toEqual(['TFC_VAULT_ADDR_X is not set, so the run does not know which Vault to log in to']);
    expect(config.phaseProblems.plan).toEqual(['neither TFC_VAULT_PLAN_ROLE_X nor TFC_VAULT_RUN_ROLE_X is set, so plan runs have no Vault role']);
    expect(config.phaseProblems.apply).toEqual([]);
  });

  test('AWS: credential type decides sts or creds; the mount defaults to aws', () => {
    const sts = runConfigurations(
      env({
        ...VAULT,
        TFC_VAULT_BACKED_AWS_AUTH: 'true',
        TFC_VAULT_BACKED_AWS_AUTH_TYPE: 'assumed_role',
        TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE: 'deploy',
        TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN: 'arn',
      }),
    ).clouds[0];
    expect(sts.phases.plan).toMatchObject({ path: 'aws/sts/deploy', pathResolved: true, kind: 'role' });
    expect(sts.problems).toEqual([]);
    const creds = runConfigurations(
      env({
        ...VAULT,
        TFC_VAULT_BACKED_AWS_AUTH: 'true',
        TFC_VAULT_BACKED_AWS_AUTH_TYPE: 'iam_user',
        TFC_VAULT_BACKED_AWS_MOUNT_PATH: 'aws-prod',
        TFC_VAULT_BACKED_AWS_PLAN_VAULT_ROLE: 'r',
        TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE: 'w',
      }),
    ).clouds[0];
    expect([creds.phases.plan?.path, creds.phases.apply?.path]).toEqual(['aws-prod/creds/r', 'aws-prod/creds/w']);
  });

  test('AWS problems: unknown type, assumed_role without an ARN, a sleep above 1500 s', () => {
    const bad = runConfigurations(
      env({
        ...VAULT,
        TFC_VAULT_BACKED_AWS_AUTH: 'true',
        TFC_VAULT_BACKED_AWS_AUTH_TYPE: 'session_token',
        TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE: 'r',
        TFC_VAULT_BACKED_AWS_SLEEP_SECONDS: '1501',
      }),
    ).clouds[0];
    expect(bad.problems).toEqual([
      'TFC_VAULT_BACKED_AWS_AUTH_TYPE is "session_token"; it must be one of iam_user, assumed_role, federation_token',
      'TFC_VAULT_BACKED_AWS_SLEEP_SECONDS is 1501; HCP Terraform accepts 0 to 1500',
    ]);
    expect(bad.phases.plan?.path).toBeUndefined();
    const noArn = runConfigurations(
      env({
        ...VAULT,
        TFC_VAULT_BACKED_AWS_AUTH: 'true',
        TFC_VAULT_BACKED_AWS_AUTH_TYPE: 'assumed_role',
        TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE: 'r',
        TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN: 'arn',
      }),
    ).clouds[0];
    expect(noArn.phaseProblems).toEqual({
      plan: [],
      apply: [expect.stringMatching(/neither TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN nor TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN/)],
    });
  });

  test.each([
    ['roleset/access_token', 'TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET', 'gcp/roleset/viewer/token'],
    ['roleset/service_account_key', 'TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET', 'gcp/roleset/viewer/key'],
    ['static_account/access_token', 'TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT', 'gcp/static-account/viewer/token'],
    ['static_account/service_account_key', 'TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT', 'gcp/static-account/viewer/key'],
  ])('GCP %s reads %s -> %s', (authType, key, path) => {
    const [gcp] = runConfigurations(env({ ...VAULT, TFC_VAULT_BACKED_GCP_AUTH: 'true', TFC_VAULT_BACKED_GCP_AUTH_TYPE: authType, [key]: 'viewer' })).clouds;
    expect(gcp.cloud).toBe('gcp');
    expect([gcp.phases.plan?.path, gcp.phases.apply?.path]).toEqual([path, path]);
    expect(gcp.problems).toEqual([]);
  });

  test('GCP: a roleset name does not serve a static-account type', () => {
    const [gcp] = runConfigurations(
      env({
        ...VAULT,
        TFC_VAULT_BACKED_GCP_AUTH: 'true',
        TFC_VAULT_BACKED_GCP_AUTH_TYPE: 'static_account/access_token',
        TFC_VAULT_BACKED_GCP_RUN_VAULT_ROLESET: 'viewer',
      }),
    ).clouds;
    expect(gcp.phaseProblems.plan).toEqual([
      expect.stringMatching(/neither TFC_VAULT_BACKED_GCP_PLAN_VAULT_STATIC_ACCOUNT nor TFC_VAULT_BACKED_GCP_RUN_VAULT_STATIC_ACCOUNT/),
    ]);
  });

  test('Azure: creds under the mount, default mount azure, no credential type', () => {
    const [azure] = runConfigurations(
      env({
        ...VAULT,
        TFC_VAULT_BACKED_AZURE_AUTH: 'true',
        TFC_VAULT_BACKED_AZURE_PLAN_VAULT_ROLE: 'reader',
        TFC_VAULT_BACKED_AZURE_APPLY_VAULT_ROLE: 'contributor',
      }),
    ).clouds;
    expect([azure.phases.plan?.path, azure.phases.apply?.path]).toEqual(['azure/creds/reader', 'azure/creds/contributor']);
    expect(azure.authType).toBeUndefined();
  });

  test('AUTH_TYPE is the credential type, not an enable flag with tag "TYPE"', () => {
    const { clouds } = runConfigurations(env({ ...VAULT, TFC_VAULT_BACKED_AWS_AUTH_TYPE: 'assumed_role', TFC_VAULT_BACKED_AWS_AUTH_TYPE_OTHER: 'iam_user' }));
    expect(clouds).toEqual([]);
  });

  test('a tagged cloud configuration uses the Vault configuration its VAULT_CONFIG names', () => {
    const { clouds } = runConfigurations(env({
      ...VAULT,
      TFC_VAULT_PROVIDER_AUTH_SECOND: 'true', TFC_VAULT_ADDR_SECOND: 'https://second', TFC_VAULT_RUN_ROLE_SECOND: 's',
      TFC_VAULT_BACKED_AZURE_AUTH_PROD: 'true', TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE_PROD: 'r', TFC_VAULT_BACKED_AZURE_VAULT_CONFIG_PROD: 'SECOND',
      TFC_VAULT_BACKED_AZURE_AUTH: 'true', TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE: 'd',
    }));
    expect(clouds.map((c) => [c.tag, c.vaultTag, c.problems])).toEqual([[undefined, undefined, []], ['PROD', 'SECOND', []]]);
  });

  test('without a default Vault configuration and without VAULT_CONFIG, HCP Terraform fails the run', () => {
    const { clouds } = runConfigurations(env({
      TFC_VAULT_PROVIDER_AUTH_SECOND: 'true', TFC_VAULT_ADDR_SECOND: 'x', TFC_VAULT_RUN_ROLE_SECOND: 's',
      TFC_VAULT_BACKED_AZURE_AUTH: 'true', TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE: 'd',
    }));
    expect(clouds[0].problems).toEqual([expect.stringMatching(/configuration for Vault authentication is required for Vault-backed AZURE authentication/)]);
  });

  test('VAULT_CONFIG naming a Vault configuration that is not on', () => {
    const { clouds } = runConfigurations(
      env({ ...VAULT, TFC_VAULT_BACKED_AZURE_AUTH: 'true', TFC_VAULT_BACKED_AZURE_RUN_VAULT_ROLE: 'd', TFC_DEFAULT_VAULT_BACKED_AZURE_VAULT_CONFIG: 'GONE' }),
    );
    expect(clouds[0].problems).toEqual([
      expect.stringMatching(/^TFC_DEFAULT_VAULT_BACKED_AZURE_VAULT_CONFIG names Vault configuration "GONE", but TFC_VAULT_PROVIDER_AUTH_GONE is not "true"/),
    ]);
  });
});
