import { TerraformStack, TerraformVariable } from 'cdktf';
import { VaultBackedDynamicCredentials } from '../../lib';
import { synthError } from '../support/synth';

/**
 * Values that end up in a Vault policy path or are compared with a token claim must be literals: a reference there is
 * refused at synthesis, naming the construct. (Found by `npm run mutate:constructs`: no test passed a reference in
 * these places, so the checks had no coverage.)
 */

const ARN = 'arn:aws:iam::123456789012:role/runs';
const SUBSCRIPTION = '11111111-1111-4111-8111-111111111111';
const TENANT = '22222222-2222-4222-8222-222222222222';

function reference(stack: TerraformStack, name: string): string {
  return new TerraformVariable(stack, name, { type: 'string' }).stringValue;
}

function trustIn(stack: TerraformStack, hostname?: string): VaultBackedDynamicCredentials {
  return new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', hostname });
}

test.each<[string, (stack: TerraformStack) => void, string, RegExp]>([
  [
    'an AWS engine role name',
    (s) => trustIn(s).addAwsSecretsEngine('aws').addAssumedRole('r', { name: reference(s, 'role'), roleArns: [ARN] }),
    'test/trust/aws/r',
    /engine role name must be a literal/,
  ],
  [
    'an Azure engine role name',
    (s) =>
      trustIn(s)
        .addAzureSecretsEngine('azure', { subscriptionId: SUBSCRIPTION, tenantId: TENANT })
        .addRole('r', { name: reference(s, 'role'), azureRoles: [{ roleName: 'Reader', scope: `/subscriptions/${SUBSCRIPTION}` }] }),
    'test/trust/azure/r',
    /Azure engine role name must be a literal/,
  ],
  [
    'an AWS engine mount path',
    (s) => trustIn(s).addAwsSecretsEngine('aws', { path: reference(s, 'path') }),
    'test/trust/aws',
    /\] the AWS secrets engine mount path must be a literal string: it becomes part of every credential path$/,
  ],
  ['the token issuer hostname', (s) => trustIn(s, reference(s, 'hostname')), 'test/trust/auth', /hostname must be a literal/],
])('%s given as a reference is refused', (_what, build, path, message) => {
  const error = synthError(build);
  const line = error.split('\n').map((l) => l.trim()).find((l) => message.test(l));
  expect({ line, error }).toMatchObject({ line: expect.stringMatching(new RegExp(`^\\[${path.replace(/\//g, '\\/')}\\]`)) });
});
