import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import type { AzurermProviderConfig } from '@cdktf/provider-azurerm/lib/provider';
import type { GoogleProviderConfig } from '@cdktf/provider-google/lib/provider';
import type { VaultProviderConfig } from '@cdktf/provider-vault/lib/provider';
import { propertyAccess, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { addChecks } from '../private/validation';
import { identifierProblem } from '../private/boundary';
import { CLOUD_CREDENTIALS_VARIABLES, CredentialKind, credentialsVariableType, VAULT_CREDENTIALS_VARIABLE } from 'vault-backed-credentials-report/env';
import { tagProblem } from 'vault-backed-credentials-report/env';
import { AWS_REGION, AZURE_GUID, GCP_SCOPED_PROJECT_ID } from 'vault-backed-credentials-report/catalogue';

/** Options of {@link DynamicCredentialsConsumer.googleProviderConfig}. */
export interface GoogleConsumerOptions {
  /**
   * Configuration tag, or none for the default configuration.
   *
   * @default - the default configuration
   */
  readonly tag?: string;
  /**
   * The configuration issues service-account keys (`*_service_account_key` auth types) rather than access tokens.
   *
   * @default false
   */
  readonly keyBased?: boolean;
}

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
 * For the configuration that *runs* in a workspace with tagged (multiple) Vault-backed configurations. Once a tagged
 * configuration exists, HCP Terraform no longer wires providers by itself: it fills the
 * `tfc_vault_dynamic_credentials` and `tfc_vault_backed_<cloud>_dynamic_credentials` input variables instead, and
 * every provider, the default one included, must read them. This construct declares those variables (on first use,
 * with their exact names and types) and returns provider configurations that read them, for the default
 * configuration or a tag.
 *
 * Provider classes are not loaded by this construct: it returns plain configuration objects for
 * `new VaultProvider(scope, id, config)`, `new AwsProvider(...)` and so on.
 */
export class DynamicCredentialsConsumer extends Construct {
  private readonly variables = new Map<CredentialKind, TerraformVariable>();
  private readonly tags: string[] = [];
  /** Literal arguments the returned configurations carry, each checked once against its grammar at synthesis. */
  private readonly literals = new Map<string, string | undefined>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    addChecks(this, () => [
      ...[...new Set(this.tags)].map((tag) => tagProblem(tag)),
      ...this.literals.values(),
    ].filter((p): p is string => p !== undefined));
  }

  /** Records the check of a literal argument (once per argument and value) and returns the value. */
  private checked(method: string, param: string, value: string, grammar: { grammar: RegExp; rule: string }): string {
    const key = `${method}\u0000${param}\u0000${value}`;
    if (!this.literals.has(key)) this.literals.set(key, identifierProblem(`${method} ${param}`, value, grammar.grammar, grammar.rule));
    return value;
  }

  /**
   * Vault provider configuration for a configuration (`skip_child_token`, address, namespace, token file, and with
   * `privateCa` the CA file).
   */
  public vaultProviderConfig(tag?: string, options: VaultConsumerOptions = {}): VaultProviderConfig {
    return {
      alias: aliasOf(tag),
      skipChildToken: true,
      address: this.read('vault', 'address', tag),
      namespace: this.read('vault', 'namespace', tag),
      caCertFile: options.privateCa ? this.read('vault', 'ca_cert_file', tag) : undefined,
      authLoginTokenFile: [{ filename: this.read('vault', 'token_filename', tag) }],
    };
  }

  /** AWS provider configuration reading the shared credentials file HCP Terraform writes for the configuration. */
  public awsProviderConfig(region: string, tag?: string): AwsProviderConfig {
    this.checked('awsProviderConfig', 'region', region, AWS_REGION);
    return { alias: aliasOf(tag), region, sharedCredentialsFiles: [this.read('aws', 'shared_credentials_file', tag)] };
  }

  /** Google provider configuration: an access token, or the key for key-based auth types. */
  public googleProviderConfig(project: string, options: GoogleConsumerOptions = {}): GoogleProviderConfig {
    this.checked('googleProviderConfig', 'project', project, GCP_SCOPED_PROJECT_ID);
    const base = { alias: aliasOf(options.tag), project };
    return options.keyBased
      ? { ...base, credentials: this.read('gcp', 'credentials', options.tag) }
      : { ...base, accessToken: this.read('gcp', 'access_token', options.tag) };
  }

  /**
   * AzureRM provider configuration reading the client id and secret files of the configuration. Every block, default
   * and aliased, names its own subscription and tenant, as HashiCorp's multiple-configuration example does: a
   * tagged configuration for another subscription would otherwise work in the default one.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/azure-configuration#specifying-multiple-configurations
   */
  public azurermProviderConfig(subscriptionId: string, tenantId: string, tag?: string): AzurermProviderConfig {
    this.checked('azurermProviderConfig', 'subscriptionId', subscriptionId, AZURE_GUID);
    this.checked('azurermProviderConfig', 'tenantId', tenantId, AZURE_GUID);
    return {
      alias: aliasOf(tag),
      features: [{}],
      useCli: false,
      subscriptionId,
      tenantId,
      clientIdFilePath: this.read('azure', 'client_id_file_path', tag),
      clientSecretFilePath: this.read('azure', 'client_secret_file_path', tag),
    };
  }

  /**
   * AzureAD (Microsoft Entra ID) provider arguments for the same configuration: the credential files and the tenant.
   * The docs' AzureAD example also shows `features {}` and `subscription_id`, which that provider does not take.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/azure-configuration#specifying-multiple-configurations
   */
  public azureadProviderConfig(tenantId: string, tag?: string): AzureadConsumerProviderConfig {
    this.checked('azureadProviderConfig', 'tenantId', tenantId, AZURE_GUID);
    return {
      alias: aliasOf(tag),
      useCli: false,
      tenantId,
      clientIdFilePath: this.read('azure', 'client_id_file_path', tag),
      clientSecretFilePath: this.read('azure', 'client_secret_file_path', tag),
    };
  }

  private read(kind: CredentialKind, attribute: string, tag?: string): string {
    const variable = this.variable(kind);
    if (tag === undefined) {
      return Token.asString(propertyAccess(variable.value, ['default', attribute]));
    }
    this.tags.push(tag);
    // cdktf renders a key that is not an identifier (a tag starting with a digit) in brackets.
    return Token.asString(propertyAccess(variable.value, ['aliases', tag, attribute]));
  }

  private variable(kind: CredentialKind): TerraformVariable {
    let variable = this.variables.get(kind);
    if (!variable) {
      const name = kind === 'vault' ? VAULT_CREDENTIALS_VARIABLE : CLOUD_CREDENTIALS_VARIABLES[kind];
      variable = new TerraformVariable(this, name, {
        type: credentialsVariableType(kind),
        description: `Filled by HCP Terraform with the ${kind === 'vault' ? 'Vault' : kind.toUpperCase()} dynamic credentials of each configuration.`,
      });
      // HCP Terraform fills the variable by this exact name.
      variable.overrideLogicalId(name);
      this.variables.set(kind, variable);
    }
    return variable;
  }
}

function aliasOf(tag?: string): string | undefined {
  return tag === undefined ? undefined : tag.toLowerCase();
}
