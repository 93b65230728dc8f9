/**
 * Defaults and limits of the domain, each written once. Sources: HCP Terraform dynamic provider credentials docs
 * (developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/vault-configuration and
 * …/vault-backed), the Vault JWT auth and token docs, and the Terraform Vault provider's resource defaults.
 */

/** The HCP Terraform hostname tokens are issued by unless a Terraform Enterprise hostname is given. */
export const DEFAULT_HCP_TERRAFORM_HOSTNAME = 'app.terraform.io';
/** HCP Terraform's own hostnames (US and EU); any other hostname is a Terraform Enterprise installation. */
export const HCP_TERRAFORM_HOSTNAMES: readonly string[] = [DEFAULT_HCP_TERRAFORM_HOSTNAME, 'app.eu.terraform.io'];
/** The audience HCP Terraform puts in tokens meant for Vault unless `TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE` says otherwise. */
export const DEFAULT_VAULT_AUDIENCE = 'vault.workload.identity';
/** The JWT auth mount path HCP Terraform logs in to unless `TFC_VAULT_AUTH_PATH` says otherwise. */
export const DEFAULT_VAULT_AUTH_PATH = 'jwt';

/** Vault's system default token TTL when neither the role nor the mount sets one: 768 h, 32 days. */
export const VAULT_SYSTEM_DEFAULT_TTL_SECONDS = 768 * 3600;
/**
 * The longest `token_ttl` that needs no comment: 2 h, the most HCP Terraform allows for a non-renewable token.
 * HashiCorp's guidance is a renewable token of about 20 minutes, which HCP Terraform renews during the run and
 * revokes at its end (vault-configuration docs, "Token TTLs").
 */
export const LONGEST_RUN_TTL_SECONDS = 2 * 3600;
/** The longest `token_max_ttl` / `token_explicit_max_ttl` that needs no comment: 24 h. */
export const LONGEST_MAX_TTL_SECONDS = 24 * 3600;
/** The token TTL this library gives its roles when the user sets none: 20 minutes, renewed by HCP Terraform. */
export const DEFAULT_RUN_TOKEN_TTL_SECONDS = 20 * 60;
/** GCP access tokens that Vault issues last one hour and cannot be renewed. */
export const GCP_ACCESS_TOKEN_SECONDS = 3600;
/** The AWS default (and minimum) maximum session duration of an IAM role. */
export const AWS_DEFAULT_MAX_SESSION_SECONDS = 3600;
/** The longest STS session AWS allows for an assumed role: 12 h (IAM roles' MaxSessionDuration). */
export const AWS_LONGEST_STS_SECONDS = 43200;
/** The longest session of an STS federation token: 36 h (GetFederationToken `DurationSeconds`). */
export const AWS_LONGEST_FEDERATION_TOKEN_SECONDS = 129600;
