/**
 * Adoption: taking over Vault and HCP Terraform objects that already exist (set up by hand or by HashiCorp's example
 * HCL) instead of creating new ones, so that moving to this library needs no destroy and cuts off no run. The import
 * ids and the checks live in lib/private/adoption.ts.
 */

/** Existing objects a {@link VaultBackedDynamicCredentials} takes over. */
export interface TrustAdoption {
  /**
   * Import the JWT auth mount that already exists at `authMountPath` (import id: the path) instead of creating it.
   * Its path stays; the first plan updates its description, issuer and discovery settings in place where they differ.
   *
   * @default false
   */
  readonly authMount?: boolean;
}

/** Existing objects a grant takes over; the names given here replace the generated ones. */
export interface GrantAdoption {
  /**
   * Name of the existing JWT role the grant's plan role takes over (with `sharedRunRole`, the one run role), for
   * example HashiCorp's `tfc-role`. Import id: `auth/<mount>/role/<name>`.
   *
   * @default - no plan role is adopted; it is created under the generated name
   */
  readonly planRoleName?: string;
  /**
   * Name of the existing JWT role the grant's apply role takes over. Not with `sharedRunRole`.
   *
   * @default - no apply role is adopted
   */
  readonly applyRoleName?: string;
  /**
   * Name of the existing Vault policy the plan role's policy takes over (for example `tfc-policy`). Its rules are
   * replaced by the grant's least-privilege ones on the first apply. Import id: the name.
   *
   * @default - no policy is adopted; it is created under the role's name
   */
  readonly planPolicyName?: string;
  /**
   * Name of the existing Vault policy the apply role's policy takes over. Not with `sharedRunRole`.
   *
   * @default - no policy is adopted
   */
  readonly applyPolicyName?: string;
  /**
   * Id (`varset-...`) of an existing variable set the grant's set takes over. Give `variableSetName` the set's
   * current name to keep it.
   *
   * @default - a new variable set is created
   */
  readonly variableSetId?: string;
  /**
   * Ids (`var-...`) of existing variables of that set, by key, for the variables the grant writes
   * (e.g. `{ TFC_VAULT_ADDR: 'var-...' }`). Needs `variableSetId`. Import id: `<organization>/<varset id>/<var id>`.
   *
   * @default - the set's variables are created
   */
  readonly variableIds?: { [key: string]: string };
}
