import 'cdktf/lib/testing/adapters/jest';
import { AwsSecretsEngine, VaultBackedDynamicCredentials } from '../../lib';
import { terraformProductName } from '../../lib/vault/jwt-auth-mount';
import { bodiesOf, synthWith } from '../support/synth';

test.each([
  ['app.terraform.io', 'HCP Terraform'],
  ['app.eu.terraform.io', 'HCP Terraform'],
  ['tfe.example.com', 'Terraform Enterprise'],
  ['terraform.io.example.com', 'Terraform Enterprise'],
])('%s is %s', (hostname, product) => {
  expect(terraformProductName(hostname)).toBe(product);
});

describe('descriptions name the product the tokens come from', () => {
  const descriptions = (hostname?: string) => {
    const { text } = synthWith((stack) => {
      const trust = new VaultBackedDynamicCredentials(stack, 'trust', { organization: 'acme', vaultAddress: 'https://vault.example.com', hostname });
      trust.addAwsSecretsEngine('aws');
      AwsSecretsEngine.fromMountPath(trust, 'legacy', { mountPath: 'aws-legacy' });
    });
    return {
      mount: bodiesOf(text, 'vault_jwt_auth_backend')[0].description,
      engines: bodiesOf(text, 'vault_aws_secret_backend').map((b) => b.description),
    };
  };

  test('a Terraform Enterprise host: the mount and the engines say Terraform Enterprise', () => {
    expect(descriptions('tfe.example.com')).toEqual({
      mount: 'JWT auth for Terraform Enterprise workload identity tokens from tfe.example.com',
      engines: ['AWS credentials for Terraform Enterprise runs'],
    });
  });

  test('HCP Terraform (the default host): HCP Terraform', () => {
    expect(descriptions()).toEqual({
      mount: 'JWT auth for HCP Terraform workload identity tokens from app.terraform.io',
      engines: ['AWS credentials for HCP Terraform runs'],
    });
  });
});
