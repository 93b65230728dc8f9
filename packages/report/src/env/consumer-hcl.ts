/**
 * What a consuming Terraform configuration must declare once a workspace has tagged (multiple) dynamic-credential
 * configurations: HCP Terraform then stops wiring providers by itself and hands the credentials over as input
 * variables instead. Pure: renders HCL text and names; no cdktf.
 */
import { GUID } from '../catalogue';
import { tagProblem } from './variables';

/** Input variable HCP Terraform fills for Vault configurations. */
export const VAULT_CREDENTIALS_VARIABLE = 'tfc_vault_dynamic_credentials';
/** Input variable HCP Terraform fills for each Vault-backed cloud. */
export const CLOUD_CREDENTIALS_VARIABLES = {
  aws: 'tfc_vault_backed_aws_dynamic_credentials',
  gcp: 'tfc_vault_backed_gcp_dynamic_credentials',
  azure: 'tfc_vault_backed_azure_dynamic_credentials',
} as const;

/** Attributes of one configuration, per variable. */
export const CREDENTIAL_ATTRIBUTES = {
  vault: ['token_filename', 'address', 'namespace', 'ca_cert_file'],
  aws: ['shared_credentials_file'],
  gcp: ['credentials', 'access_token'],
  azure: ['client_id_file_path', 'client_secret_file_path'],
} as const;

export type CredentialKind = keyof typeof CREDENTIAL_ATTRIBUTES;

/** The HCL type expression of a credentials input variable. */
export function credentialsVariableType(kind: CredentialKind): string {
  const fields = CREDENTIAL_ATTRIBUTES[kind].map((a) => `${a} = string`).join(', ');
  return `object({ default = object({ ${fields} }), aliases = map(object({ ${fields} })) })`;
}

/** The expression that reads one attribute of the default (no tag) or a tagged configuration. */
export function credentialExpression(kind: CredentialKind, attribute: string, tag?: string): string {
  const variable = kind === 'vault' ? VAULT_CREDENTIALS_VARIABLE : CLOUD_CREDENTIALS_VARIABLES[kind];
  return tag === undefined ? `var.${variable}.default.${attribute}` : `var.${variable}.aliases["${tag}"].${attribute}`;
}

/** One Vault configuration of a consumer. */
export interface ConsumerVaultConfiguration {
  /** Tag, or undefined for the default configuration. */
  readonly tag?: string;
  /**
   * Vault presents a certificate from a private CA (the workspace sets `TFC_VAULT_ENCODED_CACERT[_TAG]`): the provider
   * block then reads `ca_cert_file` from the credentials variable.
   */
  readonly privateCa?: boolean;
}

/** One Azure configuration of a consumer: the subscription and tenant its `azurerm` and `azuread` blocks name. */
export interface ConsumerAzureConfiguration {
  /** Tag, or undefined for the default configuration. */
  readonly tag?: string;
  readonly subscriptionId: string;
  readonly tenantId: string;
}

/** Which configurations a consumer maps. `undefined` in a tag list stands for the default configuration. */
export interface ConsumerConfigurations {
  readonly vault?: readonly ConsumerVaultConfiguration[];
  readonly aws?: readonly (string | undefined)[];
  readonly gcp?: readonly { readonly tag?: string; readonly keyBased?: boolean }[];
  readonly azure?: readonly ConsumerAzureConfiguration[];
}

/**
 * The HCL a hand-written consumer configuration needs: the credential variables and one provider block per
 * configuration (default providers unaliased, tagged ones aliased by their tag in lower case).
 *
 * Azure: every `azurerm` block, default and aliased, names its own `subscription_id` and `tenant_id`, and each
 * configuration also gets an `azuread` block (Microsoft Entra ID) reading the same credential files, as HashiCorp's
 * multiple-configuration example does; a tagged block without them would silently use the default subscription.
 * The docs' `azuread` example also carries `features {}` and `subscription_id`, which the AzureAD provider has no
 * argument for, so the `azuread` blocks here set the tenant only.
 * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/azure-configuration#specifying-multiple-configurations
 *
 * Vault: the documented `tfc_vault_dynamic_credentials` variable carries a `ca_cert_file` per configuration, while
 * the documented provider example sets only address, namespace and the token file. With `privateCa` the block also
 * sets the Vault provider's `ca_cert_file` from it, so a Vault behind a private CA (`TFC_VAULT_ENCODED_CACERT`) is
 * trusted; that this file holds the CA of `TFC_VAULT_ENCODED_CACERT` is this library's reading of the variable's
 * name, the docs do not say it.
 * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-configuration#specifying-multiple-configurations
 */
export function renderConsumerHcl(configurations: ConsumerConfigurations): string {
  const tags = [
    ...(configurations.vault ?? []).map((v) => v.tag),
    ...(configurations.aws ?? []),
    ...(configurations.gcp ?? []).map((g) => g.tag),
    ...(configurations.azure ?? []).map((a) => a.tag),
  ].filter((t): t is string => t !== undefined);
  for (const tag of tags) {
    const problem = tagProblem(tag);
    if (problem) throw new Error(problem);
  }
  for (const azure of configurations.azure ?? []) {
    for (const [name, value] of [['subscriptionId', azure.subscriptionId], ['tenantId', azure.tenantId]] as const) {
      if (!GUID.test(value)) {
        throw new Error(
          `Azure configuration ${azure.tag === undefined ? '(default)' : JSON.stringify(azure.tag)}: ${name} ${JSON.stringify(value)} ` +
            `is not a GUID; give the ${name === 'subscriptionId' ? 'subscription' : 'tenant'} id this configuration's provider blocks must use`,
        );
      }
    }
  }
  const blocks: string[] = [];
  const declare = (kind: CredentialKind, used: boolean) => {
    if (!used) return;
    const name = kind === 'vault' ? VAULT_CREDENTIALS_VARIABLE : CLOUD_CREDENTIALS_VARIABLES[kind];
    blocks.push(`variable "${name}" {\n  type = ${credentialsVariableType(kind)}\n}`);
  };
  declare('vault', (configurations.vault ?? []).length > 0);
  declare('aws', (configurations.aws ?? []).length > 0);
  declare('gcp', (configurations.gcp ?? []).length > 0);
  declare('azure', (configurations.azure ?? []).length > 0);

  const alias = (tag?: string) => (tag === undefined ? '' : `  alias = "${tag.toLowerCase()}"\n`);
  for (const { tag, privateCa } of configurations.vault ?? []) {
    blocks.push(
      `provider "vault" {\n${alias(tag)}` +
        `  // skip_child_token must be set explicitly: the run's token is already scoped\n` +
        `  skip_child_token = true\n` +
        `  address          = ${credentialExpression('vault', 'address', tag)}\n` +
        `  namespace        = ${credentialExpression('vault', 'namespace', tag)}\n` +
        (privateCa ? `  ca_cert_file     = ${credentialExpression('vault', 'ca_cert_file', tag)}\n` : '') +
        `  auth_login_token_file {\n    filename = ${credentialExpression('vault', 'token_filename', tag)}\n  }\n}`,
    );
  }
  for (const tag of configurations.aws ?? []) {
    blocks.push(`provider "aws" {\n${alias(tag)}  shared_credentials_files = [${credentialExpression('aws', 'shared_credentials_file', tag)}]\n}`);
  }
  for (const { tag, keyBased } of configurations.gcp ?? []) {
    const attribute = keyBased ? 'credentials' : 'access_token';
    blocks.push(`provider "google" {\n${alias(tag)}  ${attribute} = ${credentialExpression('gcp', attribute, tag)}\n}`);
  }
  for (const { tag, subscriptionId, tenantId } of configurations.azure ?? []) {
    const files =
      `  client_id_file_path     = ${credentialExpression('azure', 'client_id_file_path', tag)}\n` +
      `  client_secret_file_path = ${credentialExpression('azure', 'client_secret_file_path', tag)}\n`;
    blocks.push(
      `provider "azurerm" {\n${alias(tag)}  features {}\n  use_cli                 = false\n` +
        files +
        `  subscription_id         = "${subscriptionId}"\n` +
        `  tenant_id               = "${tenantId}"\n}`,
    );
    blocks.push(`provider "azuread" {\n${alias(tag)}  use_cli                 = false\n` + files + `  tenant_id               = "${tenantId}"\n}`);
  }
  return blocks.join('\n\n') + '\n';
}
