import { TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, WorkspaceSelector } from '../../lib';
import { synthError, synthWith } from '../support/synth';

/**
 * The facade's lists of what it created, and overlapping grants that select workspaces by id. (Found by
 * `npm run mutate:constructs`: no test read the lists of stack deployment grants, module test grants or engines, and
 * no test gave two grants the same workspace id.)
 */

const ARN = 'arn:aws:iam::123456789012:role/runs';
const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';

function trustIn(stack: TerraformStack): VaultBackedDynamicCredentials {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
}

test('the facade lists the engines and grants it created, in order, as copies', () => {
  synthWith((stack) => {
    const trust = trustIn(stack);
    const aws1 = trust.addAwsSecretsEngine('aws1');
    const aws2 = trust.addAwsSecretsEngine('aws2', { path: 'aws-two' });
    const gcp = trust.addGcpSecretsEngine('gcp');
    const azure = trust.addAzureSecretsEngine('azure', { subscriptionId: SUBSCRIPTION, tenantId: TENANT });
    const role = aws1.addAssumedRole('r', { roleArns: [ARN] });
    const workspaces = trust.grantWorkspaces('ws', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: role, apply: role } });
    const stacks = trust.grantStackDeployments('st', {
      project: 'Net', stack: 'core', deployments: ['prod'], planCredentials: [role], applyCredentials: [role],
    });
    const tests = trust.grantModuleTests('mt', { module: 'vpc', moduleProvider: 'aws', aws: role });

    expect(trust.awsEngines).toEqual([aws1, aws2]);
    expect(trust.gcpEngines).toEqual([gcp]);
    expect(trust.azureEngines).toEqual([azure]);
    expect(trust.workspaceGrants).toEqual([workspaces]);
    expect(trust.stackDeploymentGrants).toEqual([stacks]);
    expect(trust.moduleTestGrants).toEqual([tests]);

    // Each read is a copy: changing it does not change what the facade holds.
    trust.awsEngines.pop();
    trust.stackDeploymentGrants.pop();
    trust.moduleTestGrants.pop();
    expect(trust.awsEngines).toHaveLength(2);
    expect(trust.stackDeploymentGrants).toHaveLength(1);
    expect(trust.moduleTestGrants).toHaveLength(1);
  });
});

test.each([
  ['one workspace id', ['ws-Shared1', 'ws-Only1'], ['ws-Only2', 'ws-Shared1'], 'workspace ws-Shared1'],
  ['two workspace ids', ['ws-Shared1', 'ws-Only1', 'ws-Shared2'], ['ws-Shared2', 'ws-Shared1'], 'workspaces ws-Shared1, ws-Shared2'],
])('two grants that share %s and set its roles differently are refused, naming the ids', (_title, one, two, shared) => {
  const error = synthError((stack) => {
    const trust = trustIn(stack);
    const aws = trust.addAwsSecretsEngine('aws');
    const a = aws.addAssumedRole('a', { roleArns: [ARN] });
    const b = aws.addAssumedRole('b', { roleArns: [ARN] });
    trust.grantWorkspaces('one', { project: 'Net', workspaces: WorkspaceSelector.ids(...one), aws: { plan: a, apply: a } });
    trust.grantWorkspaces('two', { project: 'Net', workspaces: WorkspaceSelector.ids(...two), aws: { plan: b, apply: b } });
  });
  expect(error).toContain(`grants test/trust/one and test/trust/two both reach ${shared} of project "Net" and set `);
});

test('grants on disjoint workspace ids of one project synthesize', () => {
  expect(() =>
    synthWith((stack) => {
      const trust = trustIn(stack);
      const aws = trust.addAwsSecretsEngine('aws');
      const a = aws.addAssumedRole('a', { roleArns: [ARN] });
      const b = aws.addAssumedRole('b', { roleArns: [ARN] });
      trust.grantWorkspaces('one', { project: 'Net', workspaces: WorkspaceSelector.ids('ws-One1'), aws: { plan: a, apply: a } });
      trust.grantWorkspaces('two', { project: 'Net', workspaces: WorkspaceSelector.ids('ws-Two1'), aws: { plan: b, apply: b } });
    }),
  ).not.toThrow();
});
