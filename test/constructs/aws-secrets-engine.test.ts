import 'cdktf/lib/testing/adapters/jest';
import { TerraformStack, TerraformVariable } from 'cdktf';
import {
  AwsAssumedRole,
  AwsCredentialType,
  AwsEngineRole,
  AwsFederationTokenRole,
  AwsIamUserRole,
  AwsSecretsEngine,
  VaultBackedDynamicCredentials,
  WorkspaceSelector,
} from '../../lib';
import { checkProviderSchemas } from '../support/provider-schema';
import { byPath, synthError, synthWith, variablesUnder } from '../support/synth';

const ARN = 'arn:aws:iam::123456789012:role/network';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';

function trustWith(stack: TerraformStack) {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
}

/** The three credential types, one of each, on a new engine with static root credentials. */
function threeRoles(stack: TerraformStack) {
  const trust = trustWith(stack);
  const accessKeyId = new TerraformVariable(stack, 'aws_access_key_id', { type: 'string' });
  const secretAccessKey = new TerraformVariable(stack, 'aws_secret_access_key', { type: 'string', sensitive: true });
  const aws = trust.addAwsSecretsEngine('aws', { rootCredentials: { accessKeyId, secretAccessKey }, region: 'eu-west-1' });
  const assumed = aws.addAssumedRole('assumed', { roleArns: [ARN], defaultStsTtl: 900, maxStsTtl: 3600, externalId: 'acme-ext', sessionTags: { team: 'net' } });
  const user = aws.addIamUser('user', { policyArns: [READ_ONLY], iamTags: { team: 'net' }, userPath: '/vault/', iamGroups: ['readers'] });
  const federated = aws.addFederationToken('federated', { policyArns: [READ_ONLY], maxStsTtl: 7200 });
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
        credential_type: 'iam_user', policy_arns: [READ_ONLY], iam_tags: { team: 'net' }, user_path: '/vault/', iam_groups: ['readers'],
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
      aws.addIamUser('u', { policyArns: [READ_ONLY], maxStsTtl: 3600 });
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

  test('a federation token role on an existing engine that uses workload identity is refused', () => {
    const error = synthError((stack) => {
      AwsSecretsEngine.fromMountPath(stack, 'aws', { mountPath: 'aws', usesWorkloadIdentity: true }).addFederationToken('f', { policyArns: [READ_ONLY] });
    });
    expect(error).toMatch(/test\/aws\/f/);
    expect(error).toMatch(/federation token role "f" cannot work on an engine that uses workloadIdentity/);
  });

  test('the same role name twice in one existing mount is refused, as in a new one', () => {
    const error = synthError((stack) => {
      const aws = AwsSecretsEngine.fromMountPath(stack, 'aws', { mountPath: 'aws' });
      aws.addAssumedRole('a', { name: 'deploy', roleArns: [ARN] });
      aws.addAssumedRole('b', { name: 'deploy', roleArns: [ARN] });
    });
    expect(error).toMatch(/"deploy"/);
  });
});
