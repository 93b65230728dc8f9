import 'cdktf/lib/testing/adapters/jest';
import { parse } from '@cdktf/hcl2json';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { VaultProvider } from '@cdktf/provider-vault/lib/provider';
import { TerraformStack, Testing } from 'cdktf';
import { DynamicCredentialsConsumer } from '../../lib/consumer/dynamic-credentials-consumer';
import { credentialsVariableType, renderConsumerHcl } from '../../packages/report/src/env/consumer-hcl';
import { checkProviderSchemas } from '../support/provider-schema';
import { refusalTable } from '../support/refusals';
import { JsonObject } from '../support/synth';

/** The synthesized stack of a consumer: its variables and its provider blocks by provider name. */
interface ConsumerJson {
  readonly variable: Record<string, JsonObject>;
  readonly provider: Record<string, JsonObject[]>;
}

function consumerStack(build: (stack: TerraformStack, consumer: DynamicCredentialsConsumer) => void): ConsumerJson {
  const stack = new TerraformStack(Testing.app(), 'consumer');
  const consumer = new DynamicCredentialsConsumer(stack, 'credentials');
  build(stack, consumer);
  return JSON.parse(Testing.synth(stack, true));
}

describe('DynamicCredentialsConsumer', () => {
  const json = consumerStack((stack, c) => {
    new VaultProvider(stack, 'vault', c.vaultProviderConfig());
    new VaultProvider(stack, 'vault-second', c.vaultProviderConfig('SECOND'));
    new VaultProvider(stack, 'vault-private', c.vaultProviderConfig('PRIVATE', { privateCa: true }));
    new AwsProvider(stack, 'aws', c.aws.providerConfig('eu-west-1'));
    new AwsProvider(stack, 'aws-prod', c.aws.providerConfig('eu-west-1', 'PROD'));
    new GoogleProvider(stack, 'google', c.google.providerConfig('my-project'));
    new GoogleProvider(stack, 'google-keys', c.google.providerConfig('my-project', { tag: 'KEYS', keyBased: true }));
    new AwsProvider(stack, 'aws-digit', c.aws.providerConfig('eu-west-1', '2ND'));
    new AzurermProvider(stack, 'azurerm', c.azure.azurermProviderConfig('00000000-0000-0000-0000-000000000000', '11111111-1111-1111-1111-111111111111'));
    new AzurermProvider(
      stack,
      'azurerm-other',
      c.azure.azurermProviderConfig('22222222-2222-2222-2222-222222222222', '33333333-3333-3333-3333-333333333333', 'OTHER'),
    );
  });

  test('declares the credential variables under the exact names HCP Terraform fills, with their types', () => {
    expect(Object.keys(json.variable).sort()).toEqual([
      'tfc_vault_backed_aws_dynamic_credentials',
      'tfc_vault_backed_azure_dynamic_credentials',
      'tfc_vault_backed_gcp_dynamic_credentials',
      'tfc_vault_dynamic_credentials',
    ]);
    expect(json.variable.tfc_vault_dynamic_credentials.type).toBe(credentialsVariableType('vault'));
    expect(json.variable.tfc_vault_dynamic_credentials.type).toBe(
      'object({ default = object({ token_filename = string, address = string, namespace = string, ca_cert_file = string }), aliases = map(object({ ' +
        'token_filename = string, address = string, namespace = string, ca_cert_file = string })) })',
    );
  });

  test('the default Vault provider reads the default configuration and skips the child token', () => {
    const [vault, second] = json.provider.vault;
    expect(vault).toEqual({
      skip_child_token: true,
      address: '${var.tfc_vault_dynamic_credentials.default.address}',
      namespace: '${var.tfc_vault_dynamic_credentials.default.namespace}',
      auth_login_token_file: [{ filename: '${var.tfc_vault_dynamic_credentials.default.token_filename}' }],
    });
    expect(second.alias).toBe('second');
    expect(second.address).toBe('${var.tfc_vault_dynamic_credentials.aliases.SECOND.address}');
    expect(second.ca_cert_file).toBeUndefined();
  });

  test('a configuration behind a private Vault CA reads its ca_cert_file; the others do not', () => {
    const [vault, , privateCa] = json.provider.vault;
    expect(privateCa).toMatchObject({ alias: 'private', ca_cert_file: '${var.tfc_vault_dynamic_credentials.aliases.PRIVATE.ca_cert_file}' });
    expect(vault.ca_cert_file).toBeUndefined();
  });

  test('each azurerm block names its own subscription and tenant, the tagged one included', () => {
    const [first, other] = json.provider.azurerm;
    expect(first).toMatchObject({ subscription_id: '00000000-0000-0000-0000-000000000000', tenant_id: '11111111-1111-1111-1111-111111111111' });
    expect(other).toMatchObject({
      alias: 'other',
      subscription_id: '22222222-2222-2222-2222-222222222222',
      tenant_id: '33333333-3333-3333-3333-333333333333',
      client_id_file_path: '${var.tfc_vault_backed_azure_dynamic_credentials.aliases.OTHER.client_id_file_path}',
    });
  });

  test('the AzureAD arguments read the same configuration and name its tenant', () => {
    const consumer = new DynamicCredentialsConsumer(new TerraformStack(Testing.app(), 'azuread'), 'c');
    const config = consumer.azure.azureadProviderConfig('33333333-3333-3333-3333-333333333333', 'OTHER');
    expect(config).toMatchObject({ alias: 'other', useCli: false, tenantId: '33333333-3333-3333-3333-333333333333' });
    expect(config.clientSecretFilePath).toMatch(/^\$\{TfToken\[/);
  });

  test('cloud providers read their files or tokens', () => {
    expect(json.provider.aws[0]).toEqual({
      region: 'eu-west-1',
      shared_credentials_files: ['${var.tfc_vault_backed_aws_dynamic_credentials.default.shared_credentials_file}'],
    });
    expect(json.provider.aws[1].shared_credentials_files).toEqual(['${var.tfc_vault_backed_aws_dynamic_credentials.aliases.PROD.shared_credentials_file}']);
    expect(json.provider.aws[2]).toMatchObject({
      alias: '2nd',
      shared_credentials_files: ['${var.tfc_vault_backed_aws_dynamic_credentials.aliases["2ND"].shared_credentials_file}'],
    });
    expect(json.provider.google[0].access_token).toBe('${var.tfc_vault_backed_gcp_dynamic_credentials.default.access_token}');
    expect(json.provider.google[1].credentials).toBe('${var.tfc_vault_backed_gcp_dynamic_credentials.aliases.KEYS.credentials}');
    expect(json.provider.azurerm[0]).toMatchObject({
      use_cli: false,
      client_id_file_path: '${var.tfc_vault_backed_azure_dynamic_credentials.default.client_id_file_path}',
      client_secret_file_path: '${var.tfc_vault_backed_azure_dynamic_credentials.default.client_secret_file_path}',
    });
    for (const forbidden of ['client_id', 'use_oidc', 'oidc_token']) expect(json.provider.azurerm[0][forbidden]).toBeUndefined();
  });

  test('every provider argument exists in the provider schemas', () => {
    expect(checkProviderSchemas(json)).toEqual([]);
  });

  test('a bad tag fails synthesis with the construct path', () => {
    expect(() => consumerStack((stack, c) => new VaultProvider(stack, 'v', c.vaultProviderConfig('TYPE')))).toThrow(
      /\[consumer\/credentials\] configuration tag "TYPE" is reserved/,
    );
  });
});

describe('DynamicCredentialsConsumer refusal table', () => {
  refusalTable([
    [
      'Google consumer tag that is reserved',
      (s) => new DynamicCredentialsConsumer(s, 'creds').google.providerConfig('acme-data', { tag: 'TYPE' }),
      'test/creds',
      /configuration tag "TYPE" is reserved by HCP Terraform/,
      ['GoogleConsumerOptions.tag'],
    ],
  ]);
});

describe('the equivalent HCL for hand-written configurations', () => {
  test('parses, declares the variables and maps each provider', async () => {
    const hcl = renderConsumerHcl({
      vault: [{}, { tag: 'SECOND', privateCa: true }],
      aws: [undefined],
      gcp: [{ tag: 'KEYS', keyBased: true }],
      azure: [
        { subscriptionId: '00000000-0000-0000-0000-000000000000', tenantId: '10000000-0000-0000-0000-000000000000' },
        { tag: 'ALIAS1', subscriptionId: '00000000-0000-0000-0000-000000000001', tenantId: '20000000-0000-0000-0000-000000000000' },
      ],
    });
    const parsed = await parse('providers.tf', hcl);
    expect(Object.keys(parsed.variable).sort()).toEqual([
      'tfc_vault_backed_aws_dynamic_credentials',
      'tfc_vault_backed_azure_dynamic_credentials',
      'tfc_vault_backed_gcp_dynamic_credentials',
      'tfc_vault_dynamic_credentials',
    ]);
    expect(parsed.provider.vault).toHaveLength(2);
    expect(parsed.provider.vault[0].skip_child_token).toBe(true);
    expect(parsed.provider.vault[1]).toMatchObject({ alias: 'second', address: '${var.tfc_vault_dynamic_credentials.aliases["SECOND"].address}' });
    expect(parsed.provider.google[0].credentials).toBe('${var.tfc_vault_backed_gcp_dynamic_credentials.aliases["KEYS"].credentials}');
    expect(parsed.provider.vault[0].ca_cert_file).toBeUndefined();
    expect(parsed.provider.vault[1].ca_cert_file).toBe('${var.tfc_vault_dynamic_credentials.aliases["SECOND"].ca_cert_file}');
    expect(parsed.provider.azurerm[0].use_cli).toBe(false);
    // Default and tagged azurerm blocks each carry their subscription and tenant.
    expect(parsed.provider.azurerm.map((p: Record<string, string>) => [p.alias, p.subscription_id, p.tenant_id])).toEqual([
      [undefined, '00000000-0000-0000-0000-000000000000', '10000000-0000-0000-0000-000000000000'],
      ['alias1', '00000000-0000-0000-0000-000000000001', '20000000-0000-0000-0000-000000000000'],
    ]);
    // One azuread block per configuration, reading the same files and naming the tenant.
    expect(parsed.provider.azuread).toEqual([
      {
        use_cli: false,
        client_id_file_path: '${var.tfc_vault_backed_azure_dynamic_credentials.default.client_id_file_path}',
        client_secret_file_path: '${var.tfc_vault_backed_azure_dynamic_credentials.default.client_secret_file_path}',
        tenant_id: '10000000-0000-0000-0000-000000000000',
      },
      {
        alias: 'alias1',
        use_cli: false,
        client_id_file_path: '${var.tfc_vault_backed_azure_dynamic_credentials.aliases["ALIAS1"].client_id_file_path}',
        client_secret_file_path: '${var.tfc_vault_backed_azure_dynamic_credentials.aliases["ALIAS1"].client_secret_file_path}',
        tenant_id: '20000000-0000-0000-0000-000000000000',
      },
    ]);
  });

  test('refuses an Azure configuration without a subscription GUID', () => {
    expect(() => renderConsumerHcl({ azure: [{ tag: 'B', subscriptionId: 'prod', tenantId: '10000000-0000-0000-0000-000000000000' }] })).toThrow(
      /Azure configuration "B": subscriptionId "prod" is not a GUID/,
    );
  });

  test('refuses a bad tag', () => {
    expect(() => renderConsumerHcl({ aws: ['bad-tag'] })).toThrow(/may contain only/);
  });
});
