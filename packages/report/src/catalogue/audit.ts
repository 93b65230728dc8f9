/**
 * What a Vault audit log line says about the run that used a token: the claims each kind of HCP Terraform identity
 * token carries that identify the run, and the token metadata keys this library copies them to by default.
 *
 * Vault's JWT auth method copies the claims a role's `claim_mappings` names into the metadata of the token (and of the
 * entity alias) it issues, and the audit device logs that metadata with every request the token makes. The rules for
 * the keys, from the Vault JWT auth API (`claim_mappings`) and the plugin's role validation: a key names one claim only
 * (two claims mapped to one key are refused), and `role` is reserved because Vault always sets it to the role name.
 * This library also keeps keys to 1-64 letters, digits and `_`, so they read the same in every audit device's output.
 *
 * @see https://developer.hashicorp.com/vault/api-docs/auth/jwt#claim_mappings
 * @see https://developer.hashicorp.com/vault/docs/auth/jwt#claims-as-metadata
 * @see https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/workload-identity-tokens
 */

/** The kinds of HCP Terraform identity token a Vault role can admit, as the audit defaults name them. */
export type AuditTokenKind = 'workspace-run' | 'stack' | 'module-test';

/** One claim copied into token metadata by default, and the run fact it gives the audit log. */
export interface AuditClaimMapping {
  /** The token claim. */
  readonly claim: string;
  /** The token metadata key it is copied to (what the audit log line shows). */
  readonly metadataKey: string;
  /** The run fact, in words, for the report. */
  readonly fact: string;
}

/** The metadata key Vault reserves (it always holds the role name). */
export const RESERVED_METADATA_KEY = 'role';
/** The grammar this library keeps metadata keys to. */
export const METADATA_KEY = /^[A-Za-z0-9_]{1,64}$/;

/**
 * The default audit mappings of each token kind. Each claim is one every token of that kind carries as a string
 * (the workspace-run claims table; Stack tokens' custom claims; module test-run tokens, whose module is named only in
 * `sub`, `organization:<org>:module:<terraform-provider-name>:operation:test_run`).
 */
export const DEFAULT_AUDIT_CLAIM_MAPPINGS: { readonly [K in AuditTokenKind]: readonly AuditClaimMapping[] } = {
  'workspace-run': [
    { claim: 'terraform_run_id', metadataKey: 'run_id', fact: 'run id' },
    { claim: 'terraform_workspace_id', metadataKey: 'workspace_id', fact: 'workspace id' },
    { claim: 'terraform_workspace_name', metadataKey: 'workspace_name', fact: 'workspace name' },
    { claim: 'terraform_run_phase', metadataKey: 'run_phase', fact: 'phase' },
  ],
  stack: [
    { claim: 'terraform_stack_id', metadataKey: 'stack_id', fact: 'Stack id' },
    { claim: 'terraform_stack_deployment_name', metadataKey: 'stack_deployment', fact: 'deployment' },
    { claim: 'terraform_operation', metadataKey: 'operation', fact: 'operation' },
    { claim: 'terraform_plan_id', metadataKey: 'plan_id', fact: 'Stack plan id' },
  ],
  'module-test': [
    { claim: 'terraform_run_id', metadataKey: 'run_id', fact: 'test run id' },
    { claim: 'sub', metadataKey: 'subject', fact: 'module (in the subject)' },
  ],
};

/** The default `claim_mappings` (claim to metadata key) of roles admitting one token kind. */
export function defaultAuditClaimMappings(kind: AuditTokenKind): { [claim: string]: string } {
  return Object.fromEntries(DEFAULT_AUDIT_CLAIM_MAPPINGS[kind].map((m) => [m.claim, m.metadataKey]));
}

/** Run facts of claims any token kind may carry, for mappings a user wrote. */
const FACT_OF_CLAIM: { readonly [claim: string]: string } = {
  terraform_run_id: 'run id',
  terraform_run_phase: 'phase',
  terraform_workspace_id: 'workspace id',
  terraform_workspace_name: 'workspace name',
  terraform_full_workspace: 'workspace',
  terraform_project_id: 'project id',
  terraform_project_name: 'project name',
  terraform_organization_id: 'organization id',
  terraform_organization_name: 'organization name',
  terraform_stack_id: 'Stack id',
  terraform_stack_name: 'Stack name',
  terraform_stack_deployment_name: 'deployment',
  terraform_operation: 'operation',
  terraform_plan_id: 'Stack plan id',
  sub: 'subject',
};

/**
 * The run facts an audit log line of a role's tokens carries, from its `claim_mappings`: `<fact> (<metadata key>)`
 * for each mapped claim, in the mapping's order. A claim this catalogue does not know is shown by its name.
 */
export function auditedRunFacts(claimMappings: { readonly [claim: string]: string } | undefined): string[] {
  if (claimMappings === undefined) return [];
  return Object.entries(claimMappings).map(([claim, key]) => `${FACT_OF_CLAIM[claim] ?? claim} (${key})`);
}
