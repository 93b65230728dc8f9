import { MODULE_TEST_USER_CLAIMS, STACK_USER_CLAIMS } from 'vault-backed-credentials-report/claims';
import { DEFAULT_VAULT_AUDIENCE } from 'vault-backed-credentials-report/catalogue';

/**
 * The trust settings every Vault JWT role of this library shares, whichever kind of token it admits (workspace runs,
 * Stack deployments, registry module test runs). {@link WorkloadRoleProps} extends it; {@link TrustSettings} adds
 * what every grant hands to its runs.
 */
export interface RoleTrustSettings {
  /**
   * HCP Terraform organization name, exactly as HCP Terraform stores it (matching is case-sensitive). Every role is
   * anchored to it. Through the facade, a spelling that differs in case only fails the trust stack's first plan, by a
   * postcondition on the `tfe_organization` data source that names the stored spelling (project names are checked
   * the same way).
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens
   */
  readonly organization: string;

  /**
   * Immutable id of the organization (`org-...`). When set, every role of every token kind binds
   * `terraform_organization_id` next to the organization name (workspace-run, Stack and module test-run tokens all
   * carry that claim), so a different organization that later takes the name cannot log in.
   *
   * @default - the organization is bound by name only
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens
   */
  readonly organizationId?: string;

  /**
   * Audience of the identity tokens; bound on every role and, when not the default, sent to runs as
   * `TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE`.
   *
   * @default "vault.workload.identity"
   */
  readonly audience?: string;

  /**
   * TTL of the renewable Vault token a run receives, in seconds.
   *
   * @default 1200
   */
  readonly tokenTtlSeconds?: number;

  /**
   * Maximum lifetime of the Vault token in seconds; renewals stop there, so it must exceed the longest plan or apply.
   *
   * @default - no role-level maximum (the mount's maximum applies)
   */
  readonly tokenMaxTtlSeconds?: number;

  /**
   * Token claims copied into the Vault token's metadata on every role (claim name to metadata key), so Vault's audit
   * log shows which run used a token, e.g. `{ terraform_run_id: 'run_id' }`. Setting it replaces the default whole;
   * `{}` maps nothing. Each claim must be carried by every token kind the settings reach: `terraform_run_phase` exists
   * in workspace-run and module test-run tokens, Stack tokens carry `terraform_operation` instead. Vault reserves the
   * key `role` and refuses two claims mapped to one key.
   *
   * @default - the claims that identify the run, per token kind: workspace runs map `terraform_run_id`,
   *   `terraform_workspace_id`, `terraform_workspace_name` and `terraform_run_phase` to `run_id`, `workspace_id`,
   *   `workspace_name` and `run_phase`; Stack deployments map `terraform_stack_id`, `terraform_stack_deployment_name`,
   *   `terraform_operation` and `terraform_plan_id` to `stack_id`, `stack_deployment`, `operation` and `plan_id`;
   *   module test runs map `terraform_run_id` and `sub` (which names the module) to `run_id` and `subject`
   * @see https://developer.hashicorp.com/vault/api-docs/auth/jwt#claim_mappings
   */
  readonly claimMappings?: { [claim: string]: string };
}

/**
 * The trust settings every grant (workspace, Stack and module test-run) shares: {@link RoleTrustSettings} plus how
 * runs reach Vault and how generated roles are named. {@link VaultBackedDynamicCredentialsProps} extends it and
 * hands it whole to every grant it creates.
 */
export interface TrustSettings extends RoleTrustSettings {
  /**
   * Address of the Vault cluster runs log in to, with scheme (e.g. `https://vault.example.com:8200`). Delivered to
   * runs as the sensitive `TFC_VAULT_ADDR`, and written into a Stack's provider configuration.
   */
  readonly vaultAddress: string;

  /**
   * Base64-encoded PEM CA bundle runs use to trust Vault's certificate (`TFC_VAULT_ENCODED_CACERT`, sensitive).
   *
   * @default - the run environment's trust store
   */
  readonly vaultEncodedCaCert?: string;

  /**
   * Seconds runs wait for Vault before failing (`TFC_VAULT_CLIENT_TIMEOUT`; agents 1.28.3+).
   *
   * @default - HCP Terraform's default of 60
   */
  readonly vaultClientTimeoutSeconds?: number;

  /**
   * Prefix of generated Vault role and policy names.
   *
   * @default "tfc"
   */
  readonly roleNamePrefix?: string;
}

/** The prefix of generated role and policy names when none is given. */
export const DEFAULT_ROLE_NAME_PREFIX = 'tfc';
/** User claim of workspace-run roles when none is given. */
export const DEFAULT_WORKSPACE_USER_CLAIM = 'terraform_full_workspace';
/** User claim of Stack deployment roles when none is given. */
export const DEFAULT_STACK_USER_CLAIM = 'terraform_stack_id';
/** User claim of module test-run roles (their tokens carry no workspace or Stack claims). */
export const MODULE_TEST_USER_CLAIM = 'terraform_run_id';
export { DEFAULT_VAULT_AUDIENCE };

/** The kinds of identity token a role can admit. */
export type TokenKind = 'workspace run' | 'Stacks deployment' | 'registry module test-run';

/** Claims every workspace-run token carries as strings, and so may serve as `user_claim`. */
export const WORKSPACE_RUN_USER_CLAIMS = [
  'terraform_full_workspace',
  'terraform_workspace_id',
  'terraform_workspace_name',
  'terraform_project_id',
  'terraform_project_name',
  'terraform_organization_id',
  'terraform_organization_name',
  'terraform_run_id',
  'sub',
];

/**
 * Claims each token kind carries that `claim_mappings` may copy: the user-claim candidates plus the phase claim of the
 * kind (`terraform_run_phase` for runs and module tests, `terraform_operation` for Stacks).
 */
export function mappableClaims(kind: TokenKind): readonly string[] {
  switch (kind) {
    case 'workspace run':
      return [...WORKSPACE_RUN_USER_CLAIMS, 'terraform_run_phase'];
    case 'Stacks deployment':
      return [...STACK_USER_CLAIMS, 'terraform_operation'];
    case 'registry module test-run':
      return [...MODULE_TEST_USER_CLAIMS, 'terraform_run_phase'];
  }
}

/** Trust settings with every default applied: what grants and roles actually use. Internal. */
export interface ResolvedTrust {
  readonly organization: string;
  readonly organizationId?: string;
  readonly audience: string;
  readonly audienceIsDefault: boolean;
  readonly tokenMaxTtlSeconds?: number;
  readonly claimMappings?: { readonly [claim: string]: string };
  readonly vaultAddress: string;
  readonly vaultEncodedCaCert?: string;
  readonly vaultClientTimeoutSeconds?: number;
  readonly roleNamePrefix: string;
}

/** Applies the defaults of {@link TrustSettings}, one constant per default. */
export function resolveTrust(settings: TrustSettings): ResolvedTrust {
  const audience = settings.audience ?? DEFAULT_VAULT_AUDIENCE;
  return {
    organization: settings.organization,
    organizationId: settings.organizationId,
    audience,
    audienceIsDefault: audience === DEFAULT_VAULT_AUDIENCE,
    tokenMaxTtlSeconds: settings.tokenMaxTtlSeconds,
    claimMappings: settings.claimMappings,
    vaultAddress: settings.vaultAddress,
    vaultEncodedCaCert: settings.vaultEncodedCaCert,
    vaultClientTimeoutSeconds: settings.vaultClientTimeoutSeconds,
    roleNamePrefix: settings.roleNamePrefix ?? DEFAULT_ROLE_NAME_PREFIX,
  };
}

/**
 * Every key of {@link TrustSettings}. Typed as a complete record, so a setting added to the interface and not here is
 * a compile error: the facade forwards exactly these keys, and so forwards every setting.
 */
const TRUST_SETTING_KEYS: { readonly [K in keyof Required<TrustSettings>]: true } = {
  organization: true,
  organizationId: true,
  audience: true,
  tokenTtlSeconds: true,
  tokenMaxTtlSeconds: true,
  claimMappings: true,
  vaultAddress: true,
  vaultEncodedCaCert: true,
  vaultClientTimeoutSeconds: true,
  roleNamePrefix: true,
};

/** The {@link TrustSettings} part of a larger props object, whole, for forwarding to a grant. */
export function trustSettingsOf(props: TrustSettings): TrustSettings {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(TRUST_SETTING_KEYS) as Array<keyof TrustSettings>) {
    if (props[key] !== undefined) out[key] = props[key];
  }
  return out as unknown as TrustSettings;
}
