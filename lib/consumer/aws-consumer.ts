import type { AwsProviderConfig } from '@cdktf/provider-aws/lib/provider';
import { AWS_REGION } from 'vault-backed-credentials-report/catalogue';
import { aliasOf, CredentialVariables } from './credential-variables';

/**
 * AWS provider configurations of a `DynamicCredentialsConsumer`, reached as its `aws` property. A class of its own
 * because a jsii class names the provider configuration type of one provider only (the Go module imports every
 * provider's `provider` package under the same name).
 */
export class AwsConsumer {
  /** @internal */
  public static _of(variables: CredentialVariables): AwsConsumer {
    return new AwsConsumer(variables);
  }

  private readonly variables: CredentialVariables;

  private constructor(variables: CredentialVariables) {
    this.variables = variables;
  }

  /**
   * AWS provider configuration reading the shared credentials file HCP Terraform writes for the configuration.
   *
   * @param region AWS region code such as `us-east-1`
   * @param tag configuration tag, or none for the default configuration
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/aws-configuration#specifying-multiple-configurations
   */
  public providerConfig(region: string, tag?: string): AwsProviderConfig {
    this.variables.checked('aws.providerConfig', 'region', region, AWS_REGION);
    return { alias: aliasOf(tag), region, sharedCredentialsFiles: [this.variables.read('aws', 'shared_credentials_file', tag)] };
  }
}
