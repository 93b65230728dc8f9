import 'cdktf/lib/testing/adapters/jest';
import { TfeProvider } from '@cdktf/provider-tfe/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { AwsEngineRole, VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';

/** Builds the same trust with engine roles, grants and workspace names declared in the given orders. */
function synthesize(roleOrder: number[], grantOrder: number[], reverseNames: boolean): string {
  const stack = new TerraformStack(Testing.app(), 'stack');
  new VaultProvider(stack, 'vault', {});
  new TfeProvider(stack, 'tfe', {});
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', vaultNamespace: 'admin' });
  const aws = trust.addAwsSecretsEngine('aws');
  const roleFactories = [
    () => aws.addAssumedRole('read', { roleArns: ['arn:aws:iam::123456789012:role/read'] }),
    () => aws.addAssumedRole('write', { roleArns: ['arn:aws:iam::123456789012:role/write'] }),
    () => aws.addIamUser('ci', { policyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }),
  ];
  const roles: AwsEngineRole[] = [];
  for (const i of roleOrder) roles[i] = roleFactories[i]();
  const names = (...n: string[]) => WorkspaceSelector.names(...(reverseNames ? [...n].reverse() : n));
  const grantFactories = [
    () => trust.grantWorkspaces('net', { project: 'Networking', workspaces: names('net-a', 'net-b', 'net-c'), aws: { plan: roles[0], apply: roles[1] } }),
    () => trust.grantWorkspaces('shared', { project: 'Networking', workspaces: names('net-e', 'net-d'), aws: { plan: roles[0], apply: roles[0] } }),
    () =>
      trust.grantWorkspaces('ci', {
        project: 'Tools', workspaces: WorkspaceSelector.allInProject(), aws: { plan: roles[2], apply: roles[2], sleepSeconds: 10 },
      }),
  ];
  for (const i of grantOrder) grantFactories[i]();
  return Testing.synth(stack, true);
}

test('declaration order of engine roles, grants and workspace names does not change a byte of the output', () => {
  const reference = synthesize([0, 1, 2], [0, 1, 2], false);
  expect(JSON.parse(reference).resource.vault_jwt_auth_backend_role).toBeDefined();
  for (const [roles, grants, reverse] of [
    [[2, 1, 0], [2, 1, 0], true],
    [[1, 2, 0], [1, 0, 2], false],
    [[0, 2, 1], [2, 0, 1], true],
  ] as const) {
    expect(synthesize([...roles], [...grants], reverse)).toBe(reference);
  }
});

test('synthesizing twice gives identical output', () => {
  expect(synthesize([0, 1, 2], [0, 1, 2], false)).toBe(synthesize([0, 1, 2], [0, 1, 2], false));
});
