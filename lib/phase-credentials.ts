/**
 * The plan/apply pairs of engine roles a grant hands out per cloud. They sit below both the grant and the helpers that
 * turn a configuration into variables (lib/private/cloud-configurations.ts), so neither imports the other.
 */
import { AwsEngineRole } from './vault/aws-secrets-engine';
import { AzureEngineRole } from './vault/azure-secrets-engine';
import { GcpEngineRole } from './vault/gcp-secrets-engine';

/** AWS credentials a grant hands out, per run phase. */
export interface AwsPhaseCredentials {
  /** Engine role whose credentials plan (and query) runs receive. */
  readonly plan: AwsEngineRole;
  /** Engine role whose credentials apply runs receive. May be the same role as `plan`. */
  readonly apply: AwsEngineRole;
  /**
   * IAM role ARN requested during plan (`assumed_role` only); must be one of the plan role's `roleArns`.
   *
   * @default - the plan role's only ARN
   */
  readonly planRoleArn?: string;
  /**
   * IAM role ARN requested during apply (`assumed_role` only); must be one of the apply role's `roleArns`.
   *
   * @default - the apply role's only ARN
   */
  readonly applyRoleArn?: string;
  /**
   * Seconds the run waits after Vault issues credentials, for IAM eventual consistency (at most 1500). Recommended
   * for `iam_user` roles, whose new users take several seconds to become usable.
   *
   * @default - no wait
   */
  readonly sleepSeconds?: number;
}

/** GCP credentials a grant hands out, per run phase. */
export interface GcpPhaseCredentials {
  /** Roleset or static account whose credentials plan (and query) runs receive. */
  readonly plan: GcpEngineRole;
  /**
   * Roleset or static account whose credentials apply runs receive. It must have the plan role's kind and secret
   * type (HCP Terraform takes one `TFC_VAULT_BACKED_GCP_AUTH_TYPE` per configuration) and live in the same engine.
   */
  readonly apply: GcpEngineRole;
}

/** Azure credentials a grant hands out, per run phase. */
export interface AzurePhaseCredentials {
  /** Engine role whose credentials plan (and query) runs receive. */
  readonly plan: AzureEngineRole;
  /** Engine role whose credentials apply runs receive; in the same engine as `plan`. */
  readonly apply: AzureEngineRole;
  /**
   * Seconds the run waits after Vault issues credentials (0 to 1500). A service principal Vault has just created is
   * not usable at once: Microsoft Entra ID and Azure Resource Manager replicate the new application, its secret and
   * its role assignments over some seconds to minutes, and until then the azurerm provider fails to sign in or gets
   * authorization errors. So a grant whose roles create service principals waits by default; roles that only add
   * a secret to an existing application (`applicationObjectId`) do not. The 60 seconds are this library's choice:
   * HashiCorp documents `TFC_VAULT_BACKED_AZURE_SLEEP_SECONDS` (at most 1500, to mitigate Azure's eventual
   * consistency) without a default, and a minute covers typical replication while keeping runs short.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/vault-backed/azure-configuration#optional-environment-variables
   * @default - 60 when the plan or apply role creates service principals, otherwise no wait
   */
  readonly sleepSeconds?: number;
  /**
   * Subscription runs work in (`ARM_SUBSCRIPTION_ID`).
   *
   * @default - the engine's subscription
   */
  readonly subscriptionId?: string;
}
