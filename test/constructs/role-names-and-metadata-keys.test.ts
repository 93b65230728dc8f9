import { TerraformStack } from 'cdktf';
import { VaultBackedDynamicCredentials, VaultBackedDynamicCredentialsProps, WorkspaceSelector } from '../../lib';
import { synthError } from '../support/synth';

/**
 * Role name bases that are blank and claim mappings into metadata keys Vault would refuse. (Found by
 * `npm run mutate:constructs`: these checks ran only in the property tests, which the mutation run leaves out.)
 */

const ARN = 'arn:aws:iam::123456789012:role/runs';

function trustIn(stack: TerraformStack, props: Partial<VaultBackedDynamicCredentialsProps> = {}) {
  const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', ...props });
  return { trust, role: trust.addAwsSecretsEngine('aws').addAssumedRole('r', { roleArns: [ARN] }) };
}

/** The lines of a validation error that a construct path starts. */
function linesOf(error: string, path: string): string[] {
  return error.split('\n').map((line) => line.trim()).filter((line) => line.startsWith(`[${path}] `)).map((line) => line.slice(path.length + 3));
}

test('a blank role name on a workspace grant is refused, saying the roles would be named "-plan" and "-apply"', () => {
  const error = synthError((stack) => {
    const { trust, role } = trustIn(stack);
    trust.grantWorkspaces('g', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: role, apply: role }, roleName: ' ' });
  });
  expect(linesOf(error, 'test/trust/g')).toContainEqual(expect.stringMatching(/^roleName " " is empty, so the roles would be named "-plan" and "-apply"; /));
});

test('an empty role name on a module test grant (one role, no suffix) is refused without the suffix remark', () => {
  const error = synthError((stack) => {
    const { trust, role } = trustIn(stack);
    trust.grantModuleTests('m', { module: 'vpc', moduleProvider: 'aws', aws: role, roleName: '' });
  });
  const lines = linesOf(error, 'test/trust/m').filter((line) => line.startsWith('roleName "" is empty'));
  expect(lines).toEqual(['roleName "" is empty; give a base name such as "tfc-network", or leave roleName unset for the generated name']);
});

test('a claim mapped to a metadata key with a hyphen is refused, naming the key and the claim', () => {
  const error = synthError((stack) => {
    const { trust, role } = trustIn(stack, { claimMappings: { terraform_run_id: 'run-id' } });
    trust.grantWorkspaces('g', { project: 'Net', workspaces: WorkspaceSelector.names('a'), aws: { plan: role, apply: role } });
  });
  expect(error).toContain('claimMappings target "run-id" (of claim "terraform_run_id") must be 1-64 letters, digits or "_"');
});
