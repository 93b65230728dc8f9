import { combineConfigurations, ConfigurationVariables, defaultFormKey, vaultConfigMapping } from '../../src/env/configurations';
import { EnvVariableSpec } from '../../src/env/variables';

const spec = (key: string, value: string, sensitive = false): EnvVariableSpec => ({ key, value, sensitive, description: `About ${key}.` });
const keys = (specs: EnvVariableSpec[]) => specs.map((s) => s.key);

describe('vaultConfigMapping', () => {
  test.each([
    ['aws', 'TFC_VAULT_BACKED_AWS_VAULT_CONFIG', 'AWS'],
    ['gcp', 'TFC_VAULT_BACKED_GCP_VAULT_CONFIG', 'GCP'],
    ['azure', 'TFC_VAULT_BACKED_AZURE_VAULT_CONFIG', 'AZURE'],
  ] as const)('%s points at the tagged Vault configuration, not sensitive', (kind, key, upper) => {
    expect(vaultConfigMapping(kind, 'SECOND')).toEqual({
      key,
      value: 'SECOND',
      sensitive: false,
      description: `Vault configuration (tag) whose token fetches these ${upper} credentials.`,
    });
  });
});

test('defaultFormKey replaces only a leading TFC_', () => {
  expect(defaultFormKey('TFC_VAULT_ADDR')).toBe('TFC_DEFAULT_VAULT_ADDR');
  expect(defaultFormKey('TFC_VAULT_BACKED_AWS_TFC_X')).toBe('TFC_DEFAULT_VAULT_BACKED_AWS_TFC_X');
  expect(defaultFormKey('ARM_TFC_X')).toBe('TFC_DEFAULT_ARM_TFC_X');
});

describe('combineConfigurations without default forms', () => {
  test('tags every HCP Terraform key, leaves the default configuration as is, keeps the given order', () => {
    const out = combineConfigurations(
      [
        { kind: 'vault', tag: 'B', variables: [spec('TFC_VAULT_ADDR', 'https://b', true), spec('TFC_VAULT_RUN_ROLE', 'r')] },
        { kind: 'vault', variables: [spec('TFC_VAULT_ADDR', 'https://a', true)] },
      ],
      false,
    );
    expect(out).toEqual([
      { key: 'TFC_VAULT_ADDR_B', value: 'https://b', sensitive: true, description: 'About TFC_VAULT_ADDR.' },
      { key: 'TFC_VAULT_RUN_ROLE_B', value: 'r', sensitive: false, description: 'About TFC_VAULT_RUN_ROLE.' },
      { key: 'TFC_VAULT_ADDR', value: 'https://a', sensitive: true, description: 'About TFC_VAULT_ADDR.' },
    ]);
  });

  test('identical values stay per configuration when default forms are off', () => {
    const same = [spec('TFC_VAULT_BACKED_GCP_MOUNT_PATH', 'gcp')];
    const out = combineConfigurations(
      [
        { kind: 'gcp', variables: same },
        { kind: 'gcp', tag: 'T', variables: same },
      ],
      false,
    );
    expect(keys(out)).toEqual(['TFC_VAULT_BACKED_GCP_MOUNT_PATH', 'TFC_VAULT_BACKED_GCP_MOUNT_PATH_T']);
  });

  test('variables that are not HCP Terraform\'s own belong to the default configuration only', () => {
    const azure = [spec('TFC_VAULT_BACKED_AZURE_AUTH', 'true'), spec('ARM_SUBSCRIPTION_ID', 's'), spec('ARM_TENANT_ID', 't')];
    const out = combineConfigurations(
      [
        { kind: 'azure', variables: azure },
        { kind: 'azure', tag: 'X', variables: azure },
      ],
      false,
    );
    expect(keys(out)).toEqual(['TFC_VAULT_BACKED_AZURE_AUTH', 'ARM_SUBSCRIPTION_ID', 'ARM_TENANT_ID', 'TFC_VAULT_BACKED_AZURE_AUTH_X']);
  });
});

describe('combineConfigurations with default forms', () => {
  const aws = (tag: string | undefined, mount: string, sleep: string, sensitiveSleep = false): ConfigurationVariables => ({
    kind: 'aws',
    tag,
    variables: [
      spec('TFC_VAULT_BACKED_AWS_AUTH', 'true'),
      spec('TFC_VAULT_BACKED_AWS_MOUNT_PATH', mount),
      spec('TFC_VAULT_BACKED_AWS_SLEEP_SECONDS', sleep, sensitiveSleep),
    ],
  });

  test('a value every configuration of a kind shares is emitted once, first, in its TFC_DEFAULT_ form', () => {
    const out = combineConfigurations([aws(undefined, 'aws', '15'), aws('B', 'aws', '15')], true);
    expect(out).toEqual([
      {
        key: 'TFC_DEFAULT_VAULT_BACKED_AWS_MOUNT_PATH',
        value: 'aws',
        sensitive: false,
        description: 'About TFC_VAULT_BACKED_AWS_MOUNT_PATH. Shared by every configuration.',
      },
      {
        key: 'TFC_DEFAULT_VAULT_BACKED_AWS_SLEEP_SECONDS',
        value: '15',
        sensitive: false,
        description: 'About TFC_VAULT_BACKED_AWS_SLEEP_SECONDS. Shared by every configuration.',
      },
      { key: 'TFC_VAULT_BACKED_AWS_AUTH', value: 'true', sensitive: false, description: 'About TFC_VAULT_BACKED_AWS_AUTH.' },
      { key: 'TFC_VAULT_BACKED_AWS_AUTH_B', value: 'true', sensitive: false, description: 'About TFC_VAULT_BACKED_AWS_AUTH.' },
    ]);
  });

  test('a differing value or sensitivity keeps that key per configuration', () => {
    expect(keys(combineConfigurations([aws(undefined, 'aws', '15'), aws('B', 'aws-b', '15')], true))).toEqual([
      'TFC_DEFAULT_VAULT_BACKED_AWS_SLEEP_SECONDS',
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH',
      'TFC_VAULT_BACKED_AWS_AUTH_B',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH_B',
    ]);
    expect(keys(combineConfigurations([aws(undefined, 'aws', '15'), aws('B', 'aws', '15', true)], true))).toEqual([
      'TFC_DEFAULT_VAULT_BACKED_AWS_MOUNT_PATH',
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_SLEEP_SECONDS',
      'TFC_VAULT_BACKED_AWS_AUTH_B',
      'TFC_VAULT_BACKED_AWS_SLEEP_SECONDS_B',
    ]);
  });

  test('a key missing from one configuration is not shared', () => {
    const out = combineConfigurations(
      [
        { kind: 'vault', variables: [spec('TFC_VAULT_ADDR', 'https://v', true)] },
        { kind: 'vault', tag: 'B', variables: [spec('TFC_VAULT_ADDR', 'https://v', true), spec('TFC_VAULT_NAMESPACE', 'admin')] },
        { kind: 'vault', tag: 'C', variables: [spec('TFC_VAULT_ADDR', 'https://v', true), spec('TFC_VAULT_NAMESPACE', 'admin')] },
      ],
      true,
    );
    expect(out[0]).toEqual({ key: 'TFC_DEFAULT_VAULT_ADDR', value: 'https://v', sensitive: true, description: 'About TFC_VAULT_ADDR. Shared by every configuration.' });
    expect(keys(out)).toEqual(['TFC_DEFAULT_VAULT_ADDR', 'TFC_VAULT_NAMESPACE_B', 'TFC_VAULT_NAMESPACE_C']);
  });

  test('a key a later configuration lacks is not shared', () => {
    const out = combineConfigurations(
      [
        { kind: 'vault', variables: [spec('TFC_VAULT_ADDR', 'https://v'), spec('TFC_VAULT_NAMESPACE', 'admin')] },
        { kind: 'vault', tag: 'B', variables: [spec('TFC_VAULT_ADDR', 'https://v')] },
      ],
      true,
    );
    expect(keys(out)).toEqual(['TFC_DEFAULT_VAULT_ADDR', 'TFC_VAULT_NAMESPACE']);
  });

  test('a key the first configuration lacks is not shared either', () => {
    const out = combineConfigurations(
      [
        { kind: 'vault', variables: [spec('TFC_VAULT_ADDR', 'https://v')] },
        { kind: 'vault', tag: 'B', variables: [spec('TFC_VAULT_ADDR', 'https://v'), spec('TFC_VAULT_NAMESPACE', 'admin')] },
      ],
      true,
    );
    expect(keys(out)).toEqual(['TFC_DEFAULT_VAULT_ADDR', 'TFC_VAULT_NAMESPACE_B']);
  });

  test('a single configuration of a kind, enable flags and provider variables are never collapsed', () => {
    const out = combineConfigurations(
      [
        { kind: 'vault', variables: [spec('TFC_VAULT_PROVIDER_AUTH', 'true'), spec('TFC_VAULT_ADDR', 'https://v')] },
        { kind: 'gcp', variables: [spec('TFC_VAULT_BACKED_GCP_AUTH', 'true')] },
        { kind: 'gcp', tag: 'G', variables: [spec('TFC_VAULT_BACKED_GCP_AUTH', 'true')] },
        { kind: 'azure', variables: [spec('TFC_VAULT_BACKED_AZURE_AUTH', 'true'), spec('ARM_TENANT_ID', 't')] },
        { kind: 'azure', tag: 'Z', variables: [spec('TFC_VAULT_BACKED_AZURE_AUTH', 'true'), spec('ARM_TENANT_ID', 't')] },
        { kind: 'aws', variables: [spec('TFC_VAULT_BACKED_AWS_AUTH', 'true')] },
        { kind: 'aws', tag: 'A', variables: [spec('TFC_VAULT_BACKED_AWS_AUTH', 'true')] },
      ],
      true,
    );
    expect(keys(out)).toEqual([
      'TFC_VAULT_PROVIDER_AUTH',
      'TFC_VAULT_ADDR',
      'TFC_VAULT_BACKED_GCP_AUTH',
      'TFC_VAULT_BACKED_GCP_AUTH_G',
      'TFC_VAULT_BACKED_AZURE_AUTH',
      'ARM_TENANT_ID',
      'TFC_VAULT_BACKED_AZURE_AUTH_Z',
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_AUTH_A',
    ]);
  });

  test('the same key in two kinds is collapsed per kind, and a kind of one configuration keeps it', () => {
    const out = combineConfigurations(
      [
        { kind: 'aws', variables: [spec('TFC_SHARED', 'x')] },
        { kind: 'aws', tag: 'A', variables: [spec('TFC_SHARED', 'x')] },
        { kind: 'gcp', tag: 'G', variables: [spec('TFC_SHARED', 'x')] },
      ],
      true,
    );
    expect(keys(out)).toEqual(['TFC_DEFAULT_SHARED', 'TFC_SHARED_G']);
  });

  test('the default configuration and a tagged one collapse independently of their order', () => {
    const out = combineConfigurations([aws('B', 'aws', '15'), aws(undefined, 'aws', '20')], true);
    expect(keys(out)).toEqual([
      'TFC_DEFAULT_VAULT_BACKED_AWS_MOUNT_PATH',
      'TFC_VAULT_BACKED_AWS_AUTH_B',
      'TFC_VAULT_BACKED_AWS_SLEEP_SECONDS_B',
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_SLEEP_SECONDS',
    ]);
  });
});
