import { TerraformStack, TerraformVariable } from 'cdktf';
import { ModuleTestGrant, VaultBackedDynamicCredentials } from '../../lib';
import { synthError } from '../support/synth';

/**
 * A module test grant binds its role to the module's subject, which Vault compares literally: the organization, module
 * and provider must be literal names, and each reference is refused with the prop it came in. (Found by
 * `npm run mutate:constructs`: no test passed a reference there.)
 */

const ARN = 'arn:aws:iam::123456789012:role/module-test';

function grant(stack: TerraformStack, literal: { organization?: boolean; module?: boolean; moduleProvider?: boolean }): void {
  const reference = (name: string) => new TerraformVariable(stack, name, { type: 'string' }).stringValue;
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com' });
  const role = trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] });
  new ModuleTestGrant(stack, 'direct', {
    organization: literal.organization === false ? reference('organization') : 'acme',
    authMount: trust.authMount,
    vaultAddress: 'https://vault.example.com',
    module: literal.module === false ? reference('module') : 'vpc',
    moduleProvider: literal.moduleProvider === false ? reference('provider') : 'aws',
    aws: role,
  });
}

test.each([
  ['organization', { organization: false }, 'organization must be a literal name'],
  ['module', { module: false }, 'module must be a literal name'],
  ['moduleProvider', { moduleProvider: false }, 'moduleProvider must be a literal name'],
])('a module test grant refuses a reference as %s, naming the prop', (_prop, literal, message) => {
  const error = synthError((stack) => grant(stack, literal));
  const lines = error.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('[test/direct]'));
  expect(lines.some((line) => line.includes(message))).toBe(true);
});
