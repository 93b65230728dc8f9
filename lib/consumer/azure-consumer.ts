import type { AzurermProviderConfig } from '@cdktf/provider-azurerm/lib/provider';
import { AZURE_GUID } from 'vault-backed-credentials-report/catalogue';
import { aliasOf, CredentialVariables } from './credential-variables';

/**
 * AzureAD (Microsoft Entra ID) provider arguments for a Vault-backed Azure configuration, to pass to a locally
 * generated `AzureadProvider` (this package does not depend on the AzureAD provider bindings).
 */
export interface AzureadConsumerProviderConfig {
  /**
   * Provider alias: the configuration's tag in lower case.
   *
   * @default - the default (unaliased) provider
   */
  readonly alias?: string;
  /** Always false: a CLI login must not stand in for the Vault-issued credentials. */
  readonly useCli: boolean;
  /** Tenant the configuration's service principal belongs to. */
  readonly tenantId: string;
  /** The client id file HCP Terraform writes for the configuration. */
  readonly clientIdFilePath: string;
  /** The client secret file HCP Terraform writes for the configuration. */
  readonly clientSecretFilePath: string;
}

/**
 * AzureRM and AzureAD provider configurations of a `DynamicCredentialsConsumer`, reached as its `azure` property. A
 * class of its own because a jsii class names the provider configuration type of one provider only (the Go module
 * imports every provider's `provider` package under the same name).
 */
export class AzureConsumer {
  /** @internal */
  public static _of(variables: CredentialVariables): AzureConsumer {
    return new AzureConsumer(variables);
  }

  private readonly variables: CredentialVariables;

  private constructor(variables: CredentialVariables) {
    this.variables = variables;
  }

  /**
   * AzureRM provider configuration reading the client id and secret files of the configuration. Every block, default
   * and aliased, names its own subscription and tenant, as HashiCorp's multiple-configuration example does: a
   * tagged configuration for another subscription would otherwise work in the default one.
   *
   * @param subscriptionId GUID of the subscription the provider works in
   * @param tenantId GUID of the tenant the configuration's service principal belongs to
   * @param tag configuration tag, or none for the default configuration
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/azure-configuration#specifying-multiple-configurations
   */
  public azurermProviderConfig(subscriptionId: string, tenantId: string, tag?: string): AzurermProviderConfig {
    this.variables.checked('azure.azurermProviderConfig', 'subscriptionId', subscriptionId, AZURE_GUID);
    this.variables.checked('azure.azurermProviderConfig', 'tenantId', tenantId, AZURE_GUID);
    return {
      alias: aliasOf(tag),
      features: [{}],
      useCli: false,
      subscriptionId,
      tenantId,
      clientIdFilePath: this.variables.read('azure', 'client_id_file_path', tag),
      clientSecretFilePath: this.variables.read('azure', 'client_secret_file_path', tag),
    };
  }

  /**
   * AzureAD (Microsoft Entra ID) provider arguments for the same configuration: the credential files and the tenant.
   * The docs' AzureAD example also shows `features {}` and `subscription_id`, which that provider does not take.
   *
   * @param tenantId GUID of the tenant the configuration's service principal belongs to
   * @param tag configuration tag, or none for the default configuration
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/azure-configuration#specifying-multiple-configurations
   */
  public azureadProviderConfig(tenantId: string, tag?: string): AzureadConsumerProviderConfig {
    this.variables.checked('azure.azureadProviderConfig', 'tenantId', tenantId, AZURE_GUID);
    return {
      alias: aliasOf(tag),
      useCli: false,
      tenantId,
      clientIdFilePath: this.variables.read('azure', 'client_id_file_path', tag),
      clientSecretFilePath: this.variables.read('azure', 'client_secret_file_path', tag),
    };
  }
}
