import {
  CLOUD_CREDENTIALS_VARIABLES,
  credentialExpression,
  credentialsVariableType,
  renderConsumerHcl,
  VAULT_CREDENTIALS_VARIABLE,
} from '../../src/env/consumer-hcl';

const SUBSCRIPTION = '00000000-0000-0000-0000-000000000001';
const TENANT = '20000000-0000-0000-0000-000000000000';

describe('credential variables', () => {
  test('names HCP Terraform fills', () => {
    expect(VAULT_CREDENTIALS_VARIABLE).toBe('tfc_vault_dynamic_credentials');
    expect(CLOUD_CREDENTIALS_VARIABLES).toEqual({
      aws: 'tfc_vault_backed_aws_dynamic_credentials',
      gcp: 'tfc_vault_backed_gcp_dynamic_credentials',
      azure: 'tfc_vault_backed_azure_dynamic_credentials',
    });
  });

  test('types: a default object and a map of aliases with the same attributes', () => {
    expect(credentialsVariableType('aws')).toBe(
      'object({ default = object({ shared_credentials_file = string }), aliases = map(object({ shared_credentials_file = string })) })',
    );
    expect(credentialsVariableType('gcp')).toBe(
      'object({ default = object({ credentials = string, access_token = string }), aliases = map(object({ credentials = string, access_token = string })) })',
    );
    const azure = 'client_id_file_path = string, client_secret_file_path = string';
    expect(credentialsVariableType('azure')).toBe(`object({ default = object({ ${azure} }), aliases = map(object({ ${azure} })) })`);
  });

  test('expressions read the default configuration, or a tagged one by its exact tag', () => {
    expect(credentialExpression('vault', 'address')).toBe('var.tfc_vault_dynamic_credentials.default.address');
    expect(credentialExpression('vault', 'address', 'Second')).toBe('var.tfc_vault_dynamic_credentials.aliases["Second"].address');
    expect(credentialExpression('aws', 'shared_credentials_file', 'PROD')).toBe(
      'var.tfc_vault_backed_aws_dynamic_credentials.aliases["PROD"].shared_credentials_file',
    );
    expect(credentialExpression('azure', 'client_id_file_path')).toBe('var.tfc_vault_backed_azure_dynamic_credentials.default.client_id_file_path');
  });
});

describe('renderConsumerHcl', () => {
  test('the complete text for default and tagged configurations of every kind', () => {
    const hcl = renderConsumerHcl({
      vault: [{}, { tag: 'SECOND', privateCa: true }],
      aws: [undefined, 'PROD'],
      gcp: [{}, { tag: 'KEYS', keyBased: true }],
      azure: [{ tag: 'Alias1', subscriptionId: SUBSCRIPTION, tenantId: TENANT }],
    });
    const type = (fields: string) => `  type = object({ default = object({ ${fields} }), aliases = map(object({ ${fields} })) })`;
    const expected = [
      'variable "tfc_vault_dynamic_credentials" {',
      type('token_filename = string, address = string, namespace = string, ca_cert_file = string'),
      '}',
      '',
      'variable "tfc_vault_backed_aws_dynamic_credentials" {',
      type('shared_credentials_file = string'),
      '}',
      '',
      'variable "tfc_vault_backed_gcp_dynamic_credentials" {',
      type('credentials = string, access_token = string'),
      '}',
      '',
      'variable "tfc_vault_backed_azure_dynamic_credentials" {',
      type('client_id_file_path = string, client_secret_file_path = string'),
      '}',
      '',
      'provider "vault" {',
      "  // skip_child_token must be set explicitly: the run's token is already scoped",
      '  skip_child_token = true',
      '  address          = var.tfc_vault_dynamic_credentials.default.address',
      '  namespace        = var.tfc_vault_dynamic_credentials.default.namespace',
      '  auth_login_token_file {',
      '    filename = var.tfc_vault_dynamic_credentials.default.token_filename',
      '  }',
      '}',
      '',
      'provider "vault" {',
      '  alias = "second"',
      "  // skip_child_token must be set explicitly: the run's token is already scoped",
      '  skip_child_token = true',
      '  address          = var.tfc_vault_dynamic_credentials.aliases["SECOND"].address',
      '  namespace        = var.tfc_vault_dynamic_credentials.aliases["SECOND"].namespace',
      '  ca_cert_file     = var.tfc_vault_dynamic_credentials.aliases["SECOND"].ca_cert_file',
      '  auth_login_token_file {',
      '    filename = var.tfc_vault_dynamic_credentials.aliases["SECOND"].token_filename',
      '  }',
      '}',
      '',
      'provider "aws" {',
      '  shared_credentials_files = [var.tfc_vault_backed_aws_dynamic_credentials.default.shared_credentials_file]',
      '}',
      '',
      'provider "aws" {',
      '  alias = "prod"',
      '  shared_credentials_files = [var.tfc_vault_backed_aws_dynamic_credentials.aliases["PROD"].shared_credentials_file]',
      '}',
      '',
      'provider "google" {',
      '  access_token = var.tfc_vault_backed_gcp_dynamic_credentials.default.access_token',
      '}',
      '',
      'provider "google" {',
      '  alias = "keys"',
      '  credentials = var.tfc_vault_backed_gcp_dynamic_credentials.aliases["KEYS"].credentials',
      '}',
      '',
      'provider "azurerm" {',
      '  alias = "alias1"',
      '  features {}',
      '  use_cli                 = false',
      '  client_id_file_path     = var.tfc_vault_backed_azure_dynamic_credentials.aliases["Alias1"].client_id_file_path',
      '  client_secret_file_path = var.tfc_vault_backed_azure_dynamic_credentials.aliases["Alias1"].client_secret_file_path',
      `  subscription_id         = "${SUBSCRIPTION}"`,
      `  tenant_id               = "${TENANT}"`,
      '}',
      '',
      'provider "azuread" {',
      '  alias = "alias1"',
      '  use_cli                 = false',
      '  client_id_file_path     = var.tfc_vault_backed_azure_dynamic_credentials.aliases["Alias1"].client_id_file_path',
      '  client_secret_file_path = var.tfc_vault_backed_azure_dynamic_credentials.aliases["Alias1"].client_secret_file_path',
      `  tenant_id               = "${TENANT}"`,
      '}',
      '',
    ].join('\n');
    expect(hcl).toBe(expected);
  });

  test('declares only the variables of the kinds it maps', () => {
    const declared = (hcl: string) => [...hcl.matchAll(/^variable "([a-z_]+)"/gm)].map((m) => m[1]);
    expect(declared(renderConsumerHcl({ aws: ['PROD'] }))).toEqual(['tfc_vault_backed_aws_dynamic_credentials']);
    expect(declared(renderConsumerHcl({ vault: [{}] }))).toEqual(['tfc_vault_dynamic_credentials']);
    expect(declared(renderConsumerHcl({ gcp: [{}], azure: [{ subscriptionId: SUBSCRIPTION, tenantId: TENANT }] }))).toEqual([
      'tfc_vault_backed_gcp_dynamic_credentials',
      'tfc_vault_backed_azure_dynamic_credentials',
    ]);
    expect(renderConsumerHcl({ vault: [], aws: [], gcp: [], azure: [] })).toBe('\n');
    expect(renderConsumerHcl({})).toBe('\n');
  });

  test('a default Azure configuration has no alias and its azuread block reads the default files', () => {
    const hcl = renderConsumerHcl({ azure: [{ subscriptionId: SUBSCRIPTION, tenantId: TENANT }] });
    expect(hcl).not.toContain('alias =');
    expect(hcl).toContain(
      'provider "azuread" {\n  use_cli                 = false\n' +
        '  client_id_file_path     = var.tfc_vault_backed_azure_dynamic_credentials.default.client_id_file_path\n',
    );
  });

  test.each([
    ['vault', { vault: [{ tag: 'TYPE' }] }, /configuration tag "TYPE" is reserved/],
    ['aws', { aws: ['bad-tag'] }, /configuration tag "bad-tag" may contain only/],
    ['gcp', { gcp: [{ tag: 'two words' }] }, /configuration tag "two words" may contain only/],
    ['azure', { azure: [{ tag: 'a.b', subscriptionId: SUBSCRIPTION, tenantId: TENANT }] }, /configuration tag "a.b" may contain only/],
  ])('refuses a bad %s tag', (_kind, configurations, message) => {
    expect(() => renderConsumerHcl(configurations)).toThrow(message);
  });

  test('refuses Azure ids that are not GUIDs, naming the configuration, the field and what to give', () => {
    expect(() => renderConsumerHcl({ azure: [{ tag: 'B', subscriptionId: 'prod', tenantId: TENANT }] })).toThrow(
      'Azure configuration "B": subscriptionId "prod" is not a GUID; give the subscription id this configuration\'s provider blocks must use',
    );
    expect(() => renderConsumerHcl({ azure: [{ subscriptionId: SUBSCRIPTION, tenantId: 'contoso.onmicrosoft.com' }] })).toThrow(
      'Azure configuration (default): tenantId "contoso.onmicrosoft.com" is not a GUID; give the tenant id this configuration\'s provider blocks must use',
    );
  });

  test.each([
    ['upper-case hex', 'ABCDEF01-2345-6789-ABCD-EF0123456789', true],
    ['lower-case hex', 'abcdef01-2345-6789-abcd-ef0123456789', true],
    ['text before', `x${SUBSCRIPTION}`, false],
    ['text after', `${SUBSCRIPTION}0`, false],
    ['a non-hex letter', '0000000g-0000-0000-0000-000000000001', false],
    ['a short group', '0000000-0000-0000-0000-000000000001', false],
    ['a short second group', '00000000-000-0000-0000-000000000001', false],
    ['a short third group', '00000000-0000-000-0000-000000000001', false],
    ['a short fourth group', '00000000-0000-0000-000-000000000001', false],
    ['a short last group', '00000000-0000-0000-0000-00000000001', false],
    ['no dashes', '00000000000000000000000000000001', false],
  ])('GUID check: %s', (_label, id, accepted) => {
    const render = () => renderConsumerHcl({ azure: [{ subscriptionId: id, tenantId: id }] });
    if (accepted) expect(render()).toContain(`subscription_id         = "${id}"`);
    else expect(render).toThrow(/is not a GUID/);
  });
});
