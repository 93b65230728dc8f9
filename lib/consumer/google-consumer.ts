import type { GoogleProviderConfig } from '@cdktf/provider-google/lib/provider';
import { GCP_SCOPED_PROJECT_ID } from 'vault-backed-credentials-report/catalogue';
import { aliasOf, CredentialVariables } from './credential-variables';

/** Options of {@link GoogleConsumer.providerConfig}. */
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

/**
 * Google provider configurations of a `DynamicCredentialsConsumer`, reached as its `google` property. A class of its
 * own because a jsii class names the provider configuration type of one provider only (the Go module imports every
 * provider's `provider` package under the same name).
 */
export class GoogleConsumer {
  /** @internal */
  public static _of(variables: CredentialVariables): GoogleConsumer {
    return new GoogleConsumer(variables);
  }

  private readonly variables: CredentialVariables;

  private constructor(variables: CredentialVariables) {
    this.variables = variables;
  }

  /**
   * Google provider configuration: an access token, or the key for key-based auth types.
   *
   * @param project GCP project id
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/gcp-configuration#specifying-multiple-configurations
   */
  public providerConfig(project: string, options: GoogleConsumerOptions = {}): GoogleProviderConfig {
    this.variables.checked('google.providerConfig', 'project', project, GCP_SCOPED_PROJECT_ID);
    const base = { alias: aliasOf(options.tag), project };
    return options.keyBased
      ? { ...base, credentials: this.variables.read('gcp', 'credentials', options.tag) }
      : { ...base, accessToken: this.variables.read('gcp', 'access_token', options.tag) };
  }
}
