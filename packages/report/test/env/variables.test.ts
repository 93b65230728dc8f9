import {
  awsRunVariables,
  phaseValues,
  sleepSecondsProblem,
  tagProblem,
  taggedKey,
  tagVariables,
  vaultRunVariables,
  VaultRunSettings,
} from '../../src/env/variables';

const base: VaultRunSettings = {
  address: 'https://vault.example.com',
  authPath: 'jwt',
  authPathIsDefault: true,
  audience: 'vault.workload.identity',
  audienceIsDefault: true,
  roles: phaseValues('r-plan', 'r-apply'),
};

const keys = (specs: { key: string }[]) => specs.map((s) => s.key);

describe('Vault variables', () => {
  test('the minimum: enable flag, sensitive address, a role per phase', () => {
    const specs = vaultRunVariables(base);
    expect(keys(specs)).toEqual(['TFC_VAULT_PROVIDER_AUTH', 'TFC_VAULT_ADDR', 'TFC_VAULT_PLAN_ROLE', 'TFC_VAULT_APPLY_ROLE']);
    expect(specs.find((s) => s.key === 'TFC_VAULT_ADDR')).toMatchObject({ value: 'https://vault.example.com', sensitive: true });
    expect(specs.find((s) => s.key === 'TFC_VAULT_PROVIDER_AUTH')).toMatchObject({ value: 'true', sensitive: false });
    expect(specs.find((s) => s.key === 'TFC_VAULT_PLAN_ROLE')!.value).toBe('r-plan');
  });

  test('a shared role is emitted once as TFC_VAULT_RUN_ROLE', () => {
    expect(keys(vaultRunVariables({ ...base, roles: phaseValues('r', 'r') }))).toEqual(['TFC_VAULT_PROVIDER_AUTH', 'TFC_VAULT_ADDR', 'TFC_VAULT_RUN_ROLE']);
    expect(phaseValues('${a.x}', '${a.y}', true)).toEqual({ kind: 'shared', run: '${a.x}' });
  });

  test('optional variables appear exactly when they differ from HCP Terraform defaults or are set', () => {
    const specs = vaultRunVariables({
      ...base,
      namespace: 'admin',
      authPath: 'tfc',
      authPathIsDefault: false,
      audience: 'vault.acme',
      audienceIsDefault: false,
      encodedCaCert: 'QUJD',
      clientTimeoutSeconds: 90,
    });
    expect(keys(specs)).toEqual([
      'TFC_VAULT_PROVIDER_AUTH',
      'TFC_VAULT_ADDR',
      'TFC_VAULT_NAMESPACE',
      'TFC_VAULT_AUTH_PATH',
      'TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE',
      'TFC_VAULT_PLAN_ROLE',
      'TFC_VAULT_APPLY_ROLE',
      'TFC_VAULT_ENCODED_CACERT',
      'TFC_VAULT_CLIENT_TIMEOUT',
    ]);
    expect(specs.find((s) => s.key === 'TFC_VAULT_ENCODED_CACERT')!.sensitive).toBe(true);
    expect(specs.find((s) => s.key === 'TFC_VAULT_CLIENT_TIMEOUT')!.value).toBe('90');
  });
});

describe('AWS variables', () => {
  test('assumed_role per phase carries role ARNs per phase', () => {
    const specs = awsRunVariables({
      authType: 'assumed_role',
      vaultRoles: phaseValues('ro', 'rw'),
      roleArns: phaseValues('arn:ro', 'arn:rw'),
      mountPath: 'aws',
    });
    expect(keys(specs)).toEqual([
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_AUTH_TYPE',
      'TFC_VAULT_BACKED_AWS_PLAN_VAULT_ROLE',
      'TFC_VAULT_BACKED_AWS_APPLY_VAULT_ROLE',
      'TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN',
      'TFC_VAULT_BACKED_AWS_APPLY_ROLE_ARN',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH',
    ]);
  });

  test('iam_user with a shared role and a sleep', () => {
    const specs = awsRunVariables({ authType: 'iam_user', vaultRoles: phaseValues('u', 'u'), mountPath: 'aws', sleepSeconds: 20 });
    expect(keys(specs)).toEqual([
      'TFC_VAULT_BACKED_AWS_AUTH',
      'TFC_VAULT_BACKED_AWS_AUTH_TYPE',
      'TFC_VAULT_BACKED_AWS_RUN_VAULT_ROLE',
      'TFC_VAULT_BACKED_AWS_MOUNT_PATH',
      'TFC_VAULT_BACKED_AWS_SLEEP_SECONDS',
    ]);
    expect(specs.every((s) => !s.sensitive)).toBe(true);
  });
});

describe('tags and limits', () => {
  test.each([
    ['SECONDARY', undefined],
    ['other_config', undefined],
    ['A1', undefined],
    ['TYPE', /reserved/],
    ['', /may contain only/],
    ['two words', /may contain only/],
    ['dash-ed', /may contain only/],
    ['ünï', /may contain only/],
  ])('tag %j', (tag, problem) => {
    const found = tagProblem(tag);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  test('tagged keys append _<TAG> to every variable and refuse bad tags', () => {
    expect(taggedKey('TFC_VAULT_ADDR')).toBe('TFC_VAULT_ADDR');
    expect(taggedKey('TFC_VAULT_ADDR', 'PROD')).toBe('TFC_VAULT_ADDR_PROD');
    expect(keys(tagVariables(vaultRunVariables(base), 'PROD'))).toEqual([
      'TFC_VAULT_PROVIDER_AUTH_PROD',
      'TFC_VAULT_ADDR_PROD',
      'TFC_VAULT_PLAN_ROLE_PROD',
      'TFC_VAULT_APPLY_ROLE_PROD',
    ]);
    expect(() => taggedKey('TFC_VAULT_ADDR', 'TYPE')).toThrow(/reserved/);
  });

  test.each([
    [0, false],
    [1500, false],
    [1501, true],
    [-1, true],
    [2.5, true],
  ])('sleep seconds %d refused: %s', (seconds, refused) => {
    expect(sleepSecondsProblem(seconds) !== undefined).toBe(refused);
  });
});
