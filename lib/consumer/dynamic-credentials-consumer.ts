import type { VaultProviderConfig } from '@cdktf/provider-vault/lib/provider';
import { Construct } from 'constructs';
import { AwsConsumer } from './aws-consumer';
import { AzureConsumer } from './azure-consumer';
import { aliasOf, CredentialVariables } from './credential-variables';
import { GoogleConsumer } from './google-consumer';

/** Options of {@link DynamicCredentialsConsumer.vaultProviderConfig}. */
export interface VaultConsumerOptions {
  /**
   * Vault presents a certificate from a private CA, and the workspace sets `TFC_VAULT_ENCODED_CACERT` (or its tagged
   * form) for this configuration: the provider then reads `ca_cert_file` from `tfc_vault_dynamic_credentials`, the
   * per-configuration CA file HCP Terraform hands over. Without it the provider trusts only the run environment's
   * store and a private CA's certificate is refused.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-configuration#specifying-multiple-configurations
   * @default false
   */
  readonly privateCa?: boolean;
}

/**
 * For the configuration that *runs* in a workspace with tagged (multiple) Vault-backed configurations. Once a tagged
 * configuration exists, HCP Terraform no longer wires providers by itself: it fills the
 * `tfc_vault_dynamic_credentials` and `tfc_vault_backed_<cloud>_dynamic_credentials` input variables instead, and
 * every provider, the default one included, must read them. This construct declares those variables (on first use,
 * with their exact names and types) and returns provider configurations that read them, for the default
 * configuration or a tag: the Vault provider's from `vaultProviderConfig`, the clouds' from its `aws`, `google` and
 * `azure` helpers (one class per cloud, so that no class of the generated Go module names two providers' `provider`
 * packages).
 *
 * Provider classes are not loaded by this construct: it returns plain configuration objects for
 * `new VaultProvider(scope, id, config)`, `new AwsProvider(...)` and so on.
 *
 * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/aws-configuration#specifying-multiple-configurations
 * @example
 * const creds = new DynamicCredentialsConsumer(stack, 'credentials');
 * new VaultProvider(stack, 'vault', creds.vaultProviderConfig());
 * new VaultProvider(stack, 'vault-second', creds.vaultProviderConfig('SECOND'));
 * new AwsProvider(stack, 'aws-prod', creds.aws.providerConfig('eu-west-1', 'PROD'));
 */
export class DynamicCredentialsConsumer extends Construct {
  /** AWS provider configurations reading `tfc_vault_backed_aws_dynamic_credentials`. */
  public readonly aws: AwsConsumer;
  /** Google provider configurations reading `tfc_vault_backed_gcp_dynamic_credentials`. */
  public readonly google: GoogleConsumer;
  /** AzureRM and AzureAD provider configurations reading `tfc_vault_backed_azure_dynamic_credentials`. */
  public readonly azure: AzureConsumer;
  private readonly variables: CredentialVariables;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.variables = new CredentialVariables(this);
    this.aws = AwsConsumer._of(this.variables);
    this.google = GoogleConsumer._of(this.variables);
    this.azure = AzureConsumer._of(this.variables);
  }

  /**
   * Vault provider configuration for a configuration (`skip_child_token`, address, namespace, token file, and with
   * `privateCa` the CA file).
   *
   * @param tag configuration tag, or none for the default configuration
   */
  public vaultProviderConfig(tag?: string, options: VaultConsumerOptions = {}): VaultProviderConfig {
    return {
      alias: aliasOf(tag),
      skipChildToken: true,
      address: this.variables.read('vault', 'address', tag),
      namespace: this.variables.read('vault', 'namespace', tag),
      caCertFile: options.privateCa ? this.variables.read('vault', 'ca_cert_file', tag) : undefined,
      authLoginTokenFile: [{ filename: this.variables.read('vault', 'token_filename', tag) }],
    };
  }
}
