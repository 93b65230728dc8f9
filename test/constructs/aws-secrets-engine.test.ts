import 'cdktf/lib/testing/adapters/jest';
import { AwsSecretBackend } from '@cdktf/provider-vault/lib/aws-secret-backend';
import { AwsSecretBackendRole } from '@cdktf/provider-vault/lib/aws-secret-backend-role';
import { TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import {
  AwsAssumedRole,
  AwsAssumedRoleProps,
  AwsCredentialType,
  AwsEngineRole,
  AwsFederationTokenRole,
  AwsIamUserRole,
  AwsSecretsEngine,
  VaultBackedDynamicCredentials,
  VaultBackedDynamicCredentialsProps,
  WorkspaceSelector,
} from '../../lib';
import { simulateWorkspaceRun } from '../../packages/report/src/simulate';
import { checkProviderSchemas } from '../support/provider-schema';
import { RefusalCase, refusalTable } from '../support/refusals';
import { bodiesOf, byPath, synthError, synthWith, variablesUnder, warnings } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/network';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const ARN_ADMIN = 'arn:aws:iam::123456789012:role/admin';

function trustWith(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
}

/** The three credential types, one of each, on a new engine with static root credentials. */
function threeRoles(stack: TerraformStack) {
  const trust = trustWith(stack);
  const accessKeyId = new TerraformVariable(stack, 'aws_access_key_id', { type: 'string' });
  const secretAccessKey = new TerraformVariable(stack, 'aws_secret_access_key', { type: 'string', sensitive: true });
  const aws = trust.addAwsSecretsEngine('aws', { rootCredentials: { accessKeyId, secretAccessKey }, region: 'eu-west-1' });
  const assumed = aws.addAssumedRole('assumed', {
    roleArns: [ARN],
    ttlSeconds: 900,
    maxTtlSeconds: 3600,
    externalId: 'acme-ext',
    sessionTags: { team: 'net' },
  });
  const user = aws.addIamUser('user', { policyArns: [READ_ONLY], iamTags: { team: 'net' }, userPath: '/vault/', iamGroups: ['readers'] });
  const federated = aws.addFederationToken('federated', { policyArns: [READ_ONLY], maxTtlSeconds: 7200 });
  return { trust, aws, assumed, user, federated };
}

describe('AWS engine roles: one class per credential type', () => {
  test('each factory returns its own class, and each writes only its own fields', () => {
    let roles!: ReturnType<typeof threeRoles>;
    const { json } = synthWith((stack) => {
      roles = threeRoles(stack);
    });
    expect(roles.assumed).toBeInstanceOf(AwsAssumedRole);
    expect(roles.user).toBeInstanceOf(AwsIamUserRole);
    expect(roles.federated).toBeInstanceOf(AwsFederationTokenRole);
    for (const role of [roles.assumed, roles.user, roles.federated]) expect(role).toBeInstanceOf(AwsEngineRole);

    const resources = byPath(json, 'vault_aws_secret_backend_role');
    expect(resources['trust/aws/assumed/role']).toEqual(
      expect.objectContaining({
        credential_type: 'assumed_role',
        role_arns: [ARN],
        default_sts_ttl: 900,
        max_sts_ttl: 3600,
        external_id: 'acme-ext',
        session_tags: { team: 'net' },
      }),
    );
    expect(resources['trust/aws/user/role']).toEqual(
      expect.objectContaining({
        credential_type: 'iam_user',
        policy_arns: [READ_ONLY],
        iam_tags: { team: 'net' },
        user_path: '/vault/',
        iam_groups: ['readers'],
      }),
    );
    expect(resources['trust/aws/federated/role']).toEqual(
      expect.objectContaining({ credential_type: 'federation_token', policy_arns: [READ_ONLY], max_sts_ttl: 7200 }),
    );
    // No field of another credential type leaks into a role.
    for (const key of ['role_arns', 'external_id', 'session_tags', 'default_sts_ttl', 'max_sts_ttl']) {
      expect(resources['trust/aws/user/role']).not.toHaveProperty(key);
    }
    for (const key of ['role_arns', 'external_id', 'session_tags', 'iam_tags', 'user_path', 'permissions_boundary_arn']) {
      expect(resources['trust/aws/federated/role']).not.toHaveProperty(key);
    }
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('the credential path of each type is the one runs read', () => {
    synthWith((stack) => {
      const { assumed, user, federated } = threeRoles(stack);
      expect([assumed.credentialType, user.credentialType, federated.credentialType]).toEqual([
        AwsCredentialType.ASSUMED_ROLE,
        AwsCredentialType.IAM_USER,
        AwsCredentialType.FEDERATION_TOKEN,
      ]);
      expect([assumed.credentialPath, user.credentialPath, federated.credentialPath]).toEqual(['aws/sts/assumed', 'aws/creds/user', 'aws/sts/federated']);
      expect(assumed.roleArns).toEqual([ARN]);
      expect(user.roleArns).toEqual([]);
    });
  });

  test('fields of another credential type do not compile', () => {
    // Type-level assertions, checked by `npm run typecheck`: each line must fail to compile, or tsc fails.
    const typeErrors = (aws: AwsSecretsEngine) => {
      // @ts-expect-error roleArns belong to assumed_role roles only
      aws.addIamUser('u', { policyArns: [READ_ONLY], roleArns: [ARN] });
      // @ts-expect-error STS TTLs do not apply to iam_user roles
      aws.addIamUser('u', { policyArns: [READ_ONLY], maxTtlSeconds: 3600 });
      // @ts-expect-error session tags belong to assumed_role roles only
      aws.addFederationToken('f', { policyArns: [READ_ONLY], sessionTags: { team: 'net' } });
      // @ts-expect-error user paths belong to iam_user roles only
      aws.addFederationToken('f', { policyArns: [READ_ONLY], userPath: '/vault/' });
      // @ts-expect-error permissions boundaries belong to iam_user roles only
      aws.addAssumedRole('r', { roleArns: [ARN], permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary' });
    };
    expect(typeof typeErrors).toBe('function');
  });
});

describe('constructs a user places under an engine', () => {
  test('are not taken for engine roles: outputs under the engine synthesize next to its roles', () => {
    const { json } = synthWith((stack) => {
      const aws = new AwsSecretsEngine(stack, 'aws');
      aws.addAssumedRole('network', { roleArns: [ARN] });
      new TerraformOutput(aws, 'mount', { value: aws.mountPath });
      new TerraformOutput(aws, 'region', { value: 'us-east-1' });
    });
    expect(Object.keys(json.output as object)).toHaveLength(2);
    expect(Object.values(byPath(json, 'vault_aws_secret_backend_role')).map((role) => role.name)).toEqual(['network']);
  });
});

describe('an existing AWS engine referenced with fromMountPath', () => {
  test('no mount resource; roles are written into the existing mount and runs read from it', () => {
    const { json } = synthWith((stack) => {
      const trust = trustWith(stack);
      const aws = AwsSecretsEngine.fromMountPath(trust, 'aws', { mountPath: 'cloud/aws' });
      expect(aws.backend).toBeUndefined();
      const role = aws.addAssumedRole('deploy', { roleArns: [ARN] });
      trust.grantWorkspaces('net', { project: 'Net', workspaces: WorkspaceSelector.names('net-prod'), aws: { plan: role, apply: role }, sharedRunRole: true });
    });
    expect(json.resource.vault_aws_secret_backend).toBeUndefined();
    expect(byPath(json, 'vault_aws_secret_backend_role')['trust/aws/deploy/role'].backend).toBe('cloud/aws');
    expect(variablesUnder(json, 'trust/net/').TFC_VAULT_BACKED_AWS_MOUNT_PATH.value).toBe('cloud/aws');
  });
});

describe('AWS secrets engine mount and roles, as synthesized', () => {
  test('root credentials come from variables, the secret must be sensitive, and a state warning is raised', () => {
    let warned: string[] = [];
    const { json } = synthWith((stack) => {
      const accessKeyId = new TerraformVariable(stack, 'ak', { type: 'string' });
      const secretAccessKey = new TerraformVariable(stack, 'sk', { type: 'string', sensitive: true });
      const engine = new AwsSecretsEngine(stack, 'aws', {
        path: 'aws-prod',
        region: 'eu-west-1',
        rootCredentials: { accessKeyId, secretAccessKey },
        defaultLeaseTtlSeconds: 900,
        maxLeaseTtlSeconds: 3600,
      });
      warned = warnings(engine);
    });
    expect(JSON.stringify(json)).toHaveResourceWithProperties(AwsSecretBackend, {
      path: 'aws-prod',
      region: 'eu-west-1',
      access_key: '${var.ak}',
      secret_key: '${var.sk}',
      default_lease_ttl_seconds: 900,
      max_lease_ttl_seconds: 3600,
    });
    expect(json.variable.sk.sensitive).toBe(true);
    expect(warned.join('\n')).toMatch(/secret key will be stored in Terraform state/);
  });

  test('plugin workload identity sets the audience and role ARN and no keys', () => {
    const { text } = synthWith(
      (stack) =>
        new AwsSecretsEngine(stack, 'aws', {
          workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'arn:aws:iam::123456789012:role/vault' },
        }),
    );
    const [backend] = bodiesOf(text, 'vault_aws_secret_backend');
    expect(backend).toMatchObject({ identity_token_audience: 'sts.amazonaws.com', role_arn: 'arn:aws:iam::123456789012:role/vault' });
    expect(backend.access_key).toBeUndefined();
    expect(backend.secret_key).toBeUndefined();
  });

  test('the three credential types: fields and credential paths', () => {
    let paths: string[] = [];
    const { json } = synthWith((stack) => {
      const engine = AwsSecretsEngine.fromMountPath(stack, 'aws', { mountPath: 'cloud/aws' });
      const a = engine.addAssumedRole('deploy', {
        roleArns: [ARN_ADMIN],
        ttlSeconds: 1800,
        maxTtlSeconds: 3600,
        externalId: 'xyz',
        sessionTags: { team: 'net' },
        iamGroups: ['readers'],
      });
      const u = engine.addIamUser('user', {
        policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        permissionsBoundaryArn: 'arn:aws:iam::123456789012:policy/boundary',
        userPath: '/vault/',
      });
      const f = engine.addFederationToken('fed', {
        policyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
        ttlSeconds: 3600,
        iamGroups: ['auditors'],
      });
      paths = [a.credentialPath, u.credentialPath, f.credentialPath];
    });
    expect(json.resource.vault_aws_secret_backend).toBeUndefined();
    expect(paths).toEqual(['cloud/aws/sts/deploy', 'cloud/aws/creds/user', 'cloud/aws/sts/fed']);
    const roles = byPath(json, 'vault_aws_secret_backend_role');
    expect(roles['aws/deploy/role']).toMatchObject({
      backend: 'cloud/aws',
      name: 'deploy',
      credential_type: 'assumed_role',
      role_arns: [ARN_ADMIN],
      default_sts_ttl: 1800,
      max_sts_ttl: 3600,
      external_id: 'xyz',
      session_tags: { team: 'net' },
      // Vault applies iam_groups to the STS types too: the groups' policies join the session policies.
      iam_groups: ['readers'],
    });
    expect(roles['aws/user/role']).toMatchObject({
      credential_type: 'iam_user',
      user_path: '/vault/',
      permissions_boundary_arn: 'arn:aws:iam::123456789012:policy/boundary',
    });
    expect(roles['aws/user/role'].role_arns).toBeUndefined();
    expect(roles['aws/fed/role']).toMatchObject({ credential_type: 'federation_token', default_sts_ttl: 3600, iam_groups: ['auditors'] });
  });

  test('federation tokens on an engine with IAM user root credentials are accepted', () => {
    const { text } = synthWith((stack) => {
      const engine = new AwsSecretsEngine(stack, 'aws', {
        rootCredentials: {
          accessKeyId: new TerraformVariable(stack, 'key', { type: 'string' }),
          secretAccessKey: new TerraformVariable(stack, 'secret', { type: 'string', sensitive: true }),
        },
      });
      engine.addFederationToken('fed', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
    });
    expect(text).toHaveResourceWithProperties(AwsSecretBackendRole, { name: 'fed', credential_type: 'federation_token' });
  });

  test('an iam_user grant reads /creds, carries SLEEP_SECONDS and no role ARN', () => {
    const { json, config } = synthWith((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const aws = trust.addAwsSecretsEngine('aws');
      const user = aws.addIamUser('ci', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
      trust.grantWorkspaces('ci', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: user, apply: user, sleepSeconds: 15 } });
    });
    const vars = variablesUnder(json, 'trust/ci/');
    expect(vars.TFC_VAULT_BACKED_AWS_SLEEP_SECONDS.value).toBe('15');
    expect(vars.TFC_VAULT_BACKED_AWS_RUN_ROLE_ARN).toBeUndefined();
    expect(vars.TFC_VAULT_BACKED_AWS_PLAN_ROLE_ARN).toBeUndefined();
    const outcome = simulateWorkspaceRun(config, { organization: 'acme', project: 'Net', workspace: 'a', runPhase: 'apply' });
    expect(outcome.awsCredentialPath).toBe('aws/creds/ci');
    expect(outcome.awsAllowed).toBe(true);
  });

  test('an iam_user grant without sleepSeconds warns that new IAM users take seconds to work; with it, no warning', () => {
    const warned: Record<string, string[]> = {};
    synthWith((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
      const user = trust.addAwsSecretsEngine('aws').addIamUser('ci', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] });
      const grant = (id: string, sleepSeconds?: number) =>
        trust.grantWorkspaces(id, { project: 'Net', workspaces: WorkspaceSelector.names(id), aws: { plan: user, apply: user, sleepSeconds }, roleName: id });
      const [without, withSleep] = [grant('without'), grant('with', 15)];
      warned.without = warnings(without);
      warned.with = warnings(withSleep);
    });
    expect(warned.without.filter((w) => w.startsWith('[aws-iam-user-delay]'))).toEqual([
      expect.stringMatching(/iam_user credentials take several seconds to become usable in AWS; set aws\.sleepSeconds \(for example 15\)/),
    ]);
    expect(warned.with.filter((w) => w.startsWith('[aws-iam-user-delay]'))).toEqual([]);
  });

  test('a new mount is described by default; an engine on workload identity raises no state warning, one on keys names the remedies', () => {
    const warned: Record<string, string[]> = {};
    const { json } = synthWith((stack) => {
      const accessKeyId = new TerraformVariable(stack, 'ak', { type: 'string' });
      const secretAccessKey = new TerraformVariable(stack, 'sk', { type: 'string', sensitive: true });
      warned.keys = warnings(new AwsSecretsEngine(stack, 'keys', { path: 'aws-keys', rootCredentials: { accessKeyId, secretAccessKey } }));
      warned.wif = warnings(
        new AwsSecretsEngine(stack, 'wif', { path: 'aws-wif', workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: ARN } }),
      );
    });
    const backends = byPath(json, 'vault_aws_secret_backend');
    expect(backends['keys/backend'].description).toBe('AWS credentials for HCP Terraform runs');
    expect(warned.keys.filter((w) => w.startsWith('[secret-in-state]'))).toEqual([
      expect.stringMatching(/Protect the state, rotate the key with Vault's rotate-root after the first apply, or use workloadIdentity\.$/),
    ]);
    expect(warned.wif.filter((w) => w.startsWith('[secret-in-state]'))).toEqual([]);
  });

  test.each(['', '   '])('an empty workload identity audience (%j) is refused once, not also by the audience grammar', (audience) => {
    const error = synthError((s) => new AwsSecretsEngine(s, 'aws', { workloadIdentity: { identityTokenAudience: audience, roleArn: ARN } }));
    expect(error.split('\n').filter((line) => line.includes('identityTokenAudience'))).toHaveLength(1);
  });

  test('an external id given as a reference is written as the reference, not refused by the literal grammar', () => {
    const { json } = synthWith((stack) => {
      const externalId = new TerraformVariable(stack, 'external_id', { type: 'string' }).stringValue;
      new AwsSecretsEngine(stack, 'aws').addAssumedRole('r', { roleArns: [ARN], externalId });
    });
    expect(byPath(json, 'vault_aws_secret_backend_role')['aws/r/role'].external_id).toBe('${var.external_id}');
  });

  test('an STS TTL above one hour warns naming the IAM roles it may exceed, a referenced one as "a referenced role"', () => {
    let warned: string[] = [];
    synthWith((stack) => {
      const arn = new TerraformVariable(stack, 'run_role_arn', { type: 'string' }).stringValue;
      warned = warnings(new AwsSecretsEngine(stack, 'aws').addAssumedRole('r', { roleArns: [ARN, arn], ttlSeconds: 7200, maxTtlSeconds: 7200 }));
    });
    const lines = warned.filter((w) => w.startsWith('[sts-ttl-exceeds-role-session]'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ttlSeconds is 7200 s, above AWS's default maximum session of 3600 s; unless the IAM role/);
    expect(lines[0]).toContain(`(${ARN}, a referenced role) has its maximum session duration raised to at least 7200 s, AWS refuses the session`);
  });
});

/** A grant through the facade of one assumed_role engine role with `roleArns`. */
function grantOf(stack: TerraformStack, roleArns: string[]) {
  const trust = trustWith(stack);
  const role = trust.addAwsSecretsEngine('aws').addAssumedRole('runner', { roleArns });
  return trust.grantWorkspaces('grant', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: role, apply: role } });
}

const CATALOGUE: RefusalCase[] = [
  [
    'a federation token role on an existing engine that uses workload identity',
    (s) => AwsSecretsEngine.fromMountPath(s, 'aws', { mountPath: 'aws', usesWorkloadIdentity: true }).addFederationToken('f', { policyArns: [READ_ONLY] }),
    'test/aws/f',
    /federation token role "f" cannot work on an engine that uses workloadIdentity/,
    ['ImportedAwsSecretsEngineProps.usesWorkloadIdentity'],
  ],
  [
    'the same role name twice in one existing mount, as in a new one',
    (s) => {
      const aws = AwsSecretsEngine.fromMountPath(s, 'aws', { mountPath: 'aws' });
      aws.addAssumedRole('a', { name: 'deploy', roleArns: [ARN] });
      aws.addAssumedRole('b', { name: 'deploy', roleArns: [ARN] });
    },
    'test/aws',
    /role name "deploy" is used by both test\/aws\/a and test\/aws\/b in mount "aws"/,
  ],
  // Engine roles
  ['assumed_role without ARNs', (s) => grantOf(s, []), 'test/trust/aws/runner', /assumed_role engine role needs at least one IAM role ARN/, ['AwsAssumedRoleProps.roleArns']],
  [
    'a region of 100 characters, cut after 80 in the message',
    (s) => new AwsSecretsEngine(s, 'aws', { region: 'x'.repeat(100) }),
    'test/aws',
    /\] region "x{79}\.\.\." \(100 characters\) is not an AWS region code such as "us-east-1"$/,
  ],
  [
    'a region of 80 characters, shown whole in the message',
    (s) => new AwsSecretsEngine(s, 'aws', { region: 'x'.repeat(80) }),
    'test/aws',
    /\] region "x{80}" is not an AWS region code such as "us-east-1"$/,
  ],
  ['malformed role ARN', (s) => grantOf(s, ['arn:aws:iam::123:role/x']), 'test/trust/aws/runner', /role ARN "arn:aws:iam::123:role\/x" is not an IAM role ARN/],
  [
    'iam_user without a policy',
    (s) => new AwsSecretsEngine(s, 'aws').addIamUser('ci', {}),
    'test/aws/ci',
    /an iam_user engine role needs policyDocument or policyArns: they define what the issued credentials may do$/,
  ],
  [
    'federation_token without a policy',
    (s) => new AwsSecretsEngine(s, 'aws').addFederationToken('fed', {}),
    'test/aws/fed',
    /\] a federation_token engine role needs policyDocument or policyArns: they define what the issued credentials may do$/,
  ],
  [
    'assumed_role with roleArns left out by a caller without types (JavaScript)',
    (s) => new AwsSecretsEngine(s, 'aws').addAssumedRole('r', {} as AwsAssumedRoleProps),
    'test/aws/r',
    /\] an assumed_role engine role needs at least one IAM role ARN in roleArns; add the ARN of the role runs should assume$/,
  ],
  [
    'engine role name given as a reference',
    (s) => new AwsSecretsEngine(s, 'aws').addAssumedRole('r', { name: new TerraformVariable(s, 'role_name', {}).stringValue, roleArns: [ARN] }),
    'test/aws/r',
    /\] the engine role name must be a literal string: it becomes part of a Vault policy path$/,
  ],
  [
    'policy document that is not JSON',
    (s) => new AwsSecretsEngine(s, 'aws').addFederationToken('fed', { policyDocument: '{not json' }),
    'test/aws/fed',
    /policyDocument "[^"]*" is not valid JSON/, ['AwsEngineRoleOptions.policyDocument'],
  ],
  [
    'STS TTL out of range',
    (s) => new AwsSecretsEngine(s, 'aws').addAssumedRole('r', { roleArns: [ARN], ttlSeconds: 60 }),
    'test/aws/r',
    /ttlSeconds is 60; use a whole number of seconds from 900 to 43200/, ['AwsAssumedRoleProps.ttlSeconds'],
  ],
  [
    'STS default above maximum',
    (s) => new AwsSecretsEngine(s, 'aws').addAssumedRole('r', { roleArns: [ARN], ttlSeconds: 7200, maxTtlSeconds: 3600 }),
    'test/aws/r',
    /ttlSeconds \(7200\) exceeds maxTtlSeconds \(3600\)/,
  ],
  [
    'maxTtlSeconds above the assumed_role limit',
    (s) => new AwsSecretsEngine(s, 'aws').addAssumedRole('r', { roleArns: [ARN], maxTtlSeconds: 50000 }),
    'test/aws/r',
    /maxTtlSeconds is 50000; use a whole number of seconds from 900 to 43200/, ['AwsAssumedRoleProps.maxTtlSeconds'],
  ],
  [
    'federation_token ttlSeconds above 129600',
    (s) => new AwsSecretsEngine(s, 'aws').addFederationToken('f', { policyArns: [READ_ONLY], ttlSeconds: 200000 }),
    'test/aws/f',
    /ttlSeconds is 200000; use a whole number of seconds from 900 to 129600/, ['AwsFederationTokenRoleProps.ttlSeconds'],
  ],
  [
    'federation_token maxTtlSeconds below 900',
    (s) => new AwsSecretsEngine(s, 'aws').addFederationToken('f', { policyArns: [READ_ONLY], maxTtlSeconds: 60 }),
    'test/aws/f',
    /maxTtlSeconds is 60; use a whole number of seconds from 900 to 129600/, ['AwsFederationTokenRoleProps.maxTtlSeconds'],
  ],
  [
    'engine role name with a slash',
    (s) => new AwsSecretsEngine(s, 'aws').addAssumedRole('r', { name: 'team/r', roleArns: [ARN] }),
    'test/aws/r',
    /Vault role name "team\/r" contains "\/"/, ['AwsEngineRoleOptions.name'],
  ],
  [
    'engine role policy ARN that is not a policy ARN',
    (s) => new AwsSecretsEngine(s, 'aws').addIamUser('u', { policyArns: ['ReadOnlyAccess'] }),
    'test/aws/u',
    /policy ARN "ReadOnlyAccess" is not an IAM policy ARN \(arn:aws:iam::<account or "aws">:policy\/<name>\)/, ['AwsEngineRoleOptions.policyArns'],
  ],
  [
    'assumed_role external id with a space',
    (s) => new AwsSecretsEngine(s, 'aws').addAssumedRole('r', { roleArns: [ARN], externalId: 'a b' }),
    'test/aws/r',
    /externalId "a b" must be 2-1224 letters, digits and/, ['AwsAssumedRoleProps.externalId'],
  ],
  [
    'iam_user permissions boundary that is not a policy ARN',
    (s) => new AwsSecretsEngine(s, 'aws').addIamUser('u', { policyArns: [READ_ONLY], permissionsBoundaryArn: 'boundary' }),
    'test/aws/u',
    /permissionsBoundaryArn "boundary" is not an IAM policy ARN \(arn:aws:iam::<account or "aws">:policy\/<name>\)$/, ['AwsIamUserRoleProps.permissionsBoundaryArn'],
  ],
  [
    'iam_user path without slashes',
    (s) => new AwsSecretsEngine(s, 'aws').addIamUser('u', { policyArns: [READ_ONLY], userPath: 'vault' }),
    'test/aws/u',
    /userPath "vault" is not an IAM path; it must start and end with "\/"/, ['AwsIamUserRoleProps.userPath'],
  ],
  [
    'a federation_token role on an engine with workload identity',
    (s) =>
      new AwsSecretsEngine(s, 'aws', {
        workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'arn:aws:iam::123456789012:role/vault' },
      }).addFederationToken('f', { policyArns: [READ_ONLY] }),
    'test/aws/f',
    new RegExp(
      'federation token role "f" cannot work on an engine that uses workloadIdentity: Vault then holds role credentials, ' +
        'and AWS refuses sts:GetFederationToken to role credentials\\. Use addAssumedRole on this engine, or a federation_token role on an engine ' +
        'whose rootCredentials belong to an IAM user$',
    ),
  ],
  [
    'two engine roles of one mount with one name',
    (s) => {
      const aws = new AwsSecretsEngine(s, 'aws');
      aws.addAssumedRole('ro', { name: 'deploy', roleArns: [ARN] });
      aws.addAssumedRole('rw', { name: 'deploy', roleArns: ['arn:aws:iam::123456789012:role/admin'] });
    },
    'test/aws',
    /role name "deploy" is used by both test\/aws\/ro and test\/aws\/rw in mount "aws"; Vault keeps one role per name/,
  ],

  // The mount
  [
    'AWS mount path with a trailing slash',
    (s) => new AwsSecretsEngine(s, 'aws', { path: 'aws/' }),
    'test/aws',
    /Vault mount path "aws\/" starts or ends with "\/"/, ['AwsSecretsEngineProps.path'],
  ],
  [
    'existing AWS mount path with a space',
    (s) => AwsSecretsEngine.fromMountPath(s, 'aws', { mountPath: 'aws prod' }),
    'test/aws',
    /Vault mount path "aws prod" contains " ", which is not allowed/, ['ImportedAwsSecretsEngineProps.mountPath'],
  ],
  [
    'AWS lease TTL of zero',
    (s) => new AwsSecretsEngine(s, 'aws', { defaultLeaseTtlSeconds: 0 }),
    'test/aws',
    /defaultLeaseTtlSeconds is 0; use a whole number of seconds from 1 to 31536000/, ['AwsSecretsEngineProps.defaultLeaseTtlSeconds'],
  ],
  [
    'AWS maximum lease TTL that is not a whole number',
    (s) => new AwsSecretsEngine(s, 'aws', { maxLeaseTtlSeconds: 1.5 }),
    'test/aws',
    /maxLeaseTtlSeconds is 1\.5; use a whole number of seconds/, ['AwsSecretsEngineProps.maxLeaseTtlSeconds'],
  ],
  [
    'secret key variable not sensitive',
    (s) =>
      new AwsSecretsEngine(s, 'aws', {
        rootCredentials: { accessKeyId: new TerraformVariable(s, 'ak', {}), secretAccessKey: new TerraformVariable(s, 'sk', {}) },
      }),
    'test/aws',
    /the secret access key variable "sk" is not sensitive; declare it with sensitive: true/, ['AwsEngineRootCredentials.secretAccessKey'],
  ],
  [
    'static keys and workload identity together',
    (s) =>
      new AwsSecretsEngine(s, 'aws', {
        rootCredentials: { accessKeyId: new TerraformVariable(s, 'ak', {}), secretAccessKey: new TerraformVariable(s, 'sk', { sensitive: true }) },
        workloadIdentity: { identityTokenAudience: 'sts', roleArn: ARN },
      }),
    'test/aws',
    /rootCredentials and workloadIdentity are mutually exclusive/, ['AwsSecretsEngineProps.rootCredentials', 'AwsSecretsEngineProps.workloadIdentity'],
  ],
  [
    'AWS workload identity role ARN that is not a role ARN',
    (s) => new AwsSecretsEngine(s, 'aws', { workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: 'vault' } }),
    'test/aws',
    /workloadIdentity\.roleArn "vault" is not an IAM role ARN/, ['AwsEngineWorkloadIdentity.roleArn'],
  ],
  [
    'AWS workload identity with an empty audience',
    (s) => new AwsSecretsEngine(s, 'aws', { workloadIdentity: { identityTokenAudience: '', roleArn: ARN } }),
    'test/aws',
    /workloadIdentity\.identityTokenAudience "" is empty; use the audience of the IAM OIDC provider that trusts Vault \(for example "sts\.amazonaws\.com"\)$/,
    ['AwsEngineWorkloadIdentity.identityTokenAudience'],
  ],
  [
    'AWS workload identity with an audience of spaces only',
    (s) => new AwsSecretsEngine(s, 'aws', { workloadIdentity: { identityTokenAudience: '   ', roleArn: ARN } }),
    'test/aws',
    /workloadIdentity\.identityTokenAudience " {3}" is empty; use the audience of the IAM OIDC provider that trusts Vault/,
  ],
  [
    'AWS workload identity token TTL of zero',
    (s) => new AwsSecretsEngine(s, 'aws', { workloadIdentity: { identityTokenAudience: 'sts.amazonaws.com', roleArn: ARN, identityTokenTtlSeconds: 0 } }),
    'test/aws',
    /workloadIdentity\.identityTokenTtlSeconds is 0; use a whole number of seconds from 1 to 86400/, ['AwsEngineWorkloadIdentity.identityTokenTtlSeconds'],
  ],

  // Namespaces: the engine's roles must be readable by tokens of the JWT mount's namespace
  [
    'engine in another namespace than the JWT mount',
    (s) => {
      const trust = trustWith(s, { vaultNamespace: 'admin' });
      const r = trust.addAwsSecretsEngine('aws', { vaultNamespace: 'admin/other' }).addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: r, apply: r } });
    },
    'test/trust/g/plan',
    /secrets-engine role "r" is in namespace "admin\/other" but the JWT auth mount is in namespace "admin"/, ['AwsSecretsEngineProps.vaultNamespace'],
  ],
  [
    'existing engine in another namespace than the JWT mount',
    (s) => {
      const trust = trustWith(s, { vaultNamespace: 'admin' });
      const r = AwsSecretsEngine.fromMountPath(trust, 'aws', { mountPath: 'aws', vaultNamespace: 'admin/other' }).addAssumedRole('r', { roleArns: [ARN] });
      trust.grantWorkspaces('g', { project: 'Platform', workspaces: WorkspaceSelector.names('app'), aws: { plan: r, apply: r } });
    },
    'test/trust/g/plan',
    /secrets-engine role "r" is in namespace "admin\/other" but the JWT auth mount is in namespace "admin"/, ['ImportedAwsSecretsEngineProps.vaultNamespace'],
  ],
];

describe('AWS engine validation catalogue: each case fails synthesis naming the construct path, the value and the fix', () => {
  refusalTable(CATALOGUE);
});
