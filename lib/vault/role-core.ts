import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import { vaultNameProblem } from '../claims/names';
import { addChecks, isUnresolved, secondsProblem, vaultPolicyName } from '../core/validation';
import { DEFAULT_VAULT_AUDIENCE } from '../env/variables';
import { PolicyDocument, TOKEN_SELF_RULES } from '../policy/document';
import { IHcpTerraformJwtAuthMount } from './jwt-auth-mount';
import { ISecretsEngineRole } from './secrets-engine-role';

/** Default TTL of the Vault token a run receives, in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 1200;

/** What every JWT role of this library shares, whichever kind of token it admits. */
export interface RoleCoreSpec {
  readonly authMount: IHcpTerraformJwtAuthMount;
  readonly roleName: string;
  readonly policyName?: string;
  readonly boundClaims: Readonly<Record<string, string>>;
  readonly claimsType: 'glob' | 'string';
  readonly audience?: string;
  readonly userClaim: string;
  /** Claims every admitted token carries as strings: the choices for `user_claim` and `claim_mappings`. */
  readonly tokenClaims: readonly string[];
  /** What kind of token the role admits, for messages ("workspace run", "Stacks deployment"). */
  readonly tokenKind: string;
  readonly credentials: readonly ISecretsEngineRole[];
  readonly tokenTtl?: number;
  readonly tokenMaxTtl?: number;
  readonly claimMappings?: { readonly [claim: string]: string };
}

/** The resources of one role. */
export interface RoleCore {
  readonly policyName: string;
  readonly policy: Policy;
  readonly role: JwtAuthBackendRole;
}

/**
 * Creates a Vault policy (token self paths plus `read` on each credential path, nothing else) and the JWT role that
 * carries it, and registers the checks they share. Callers add their own subject checks.
 */
export function createRoleWithPolicy(scope: Construct, spec: RoleCoreSpec): RoleCore {
  const policyName = vaultPolicyName(spec.policyName ?? spec.roleName);
  const audience = spec.audience ?? DEFAULT_VAULT_AUDIENCE;
  // The token self paths keep renew and revoke working even where Vault's default policy was edited or detached.
  const document = PolicyDocument.fromRules(TOKEN_SELF_RULES);
  for (const credential of spec.credentials) {
    document.addRule(credential.credentialPath, ['read']);
  }
  const policyProblems = document.validate();

  addChecks(scope, () => {
    const problems: string[] = [];
    for (const [kind, value] of [['Vault role name', spec.roleName], ['Vault policy name', policyName]] as const) {
      const p = isUnresolved(value) ? `${kind} must be a literal string` : vaultNameProblem(kind, value);
      if (p) problems.push(p);
    }
    if (spec.credentials.length === 0) {
      problems.push('the role grants no credentials; add at least one secrets-engine role');
    }
    if (isUnresolved(audience) || !/^[A-Za-z0-9._:/-]{1,256}$/.test(audience)) {
      problems.push(`audience ${JSON.stringify(audience)} must be a literal of letters, digits and . _ : / - (for example "vault.workload.identity")`);
    }
    if (!spec.tokenClaims.includes(spec.userClaim)) {
      problems.push(`userClaim ${JSON.stringify(spec.userClaim)} is not a string claim of every ${spec.tokenKind} token; use one of ${spec.tokenClaims.join(', ')}`);
    }
    const ttlProblem = secondsProblem('tokenTtl', spec.tokenTtl, 60, 86400);
    if (ttlProblem) problems.push(ttlProblem);
    const maxProblem = secondsProblem('tokenMaxTtl', spec.tokenMaxTtl, 60, 2764800);
    if (maxProblem) problems.push(maxProblem);
    const ttl = spec.tokenTtl ?? DEFAULT_TOKEN_TTL_SECONDS;
    if (spec.tokenMaxTtl !== undefined && spec.tokenMaxTtl < ttl) {
      problems.push(`tokenMaxTtl (${spec.tokenMaxTtl}) is below tokenTtl (${ttl}); Vault rejects the role. Raise tokenMaxTtl or lower tokenTtl`);
    }
    for (const credential of spec.credentials) {
      if ((credential.vaultNamespace ?? '') !== (spec.authMount.vaultNamespace ?? '')) {
        problems.push(
          `secrets-engine role ${JSON.stringify(credential.roleName)} is in namespace ${JSON.stringify(credential.vaultNamespace ?? '')} but the JWT auth mount is in ${JSON.stringify(spec.authMount.vaultNamespace ?? '')}; a run token can only read paths of its own namespace, so put both in the same namespace`,
        );
      }
    }
    problems.push(...claimMappingProblems(spec.claimMappings, spec.tokenClaims, spec.tokenKind));
    problems.push(...policyProblems);
    return problems;
  });

  const policy = new Policy(scope, 'policy', {
    name: policyName,
    namespace: spec.authMount.vaultNamespace,
    policy: policyProblems.length === 0 ? document.render() : '',
  });
  const role = new JwtAuthBackendRole(scope, 'role', {
    backend: spec.authMount.mountPathReference,
    namespace: spec.authMount.vaultNamespace,
    roleName: spec.roleName,
    roleType: 'jwt',
    boundAudiences: [audience],
    boundClaimsType: spec.claimsType,
    boundClaims: { ...spec.boundClaims },
    userClaim: spec.userClaim,
    claimMappings: spec.claimMappings && Object.keys(spec.claimMappings).length > 0 ? { ...spec.claimMappings } : undefined,
    tokenPolicies: [policy.name],
    tokenTtl: spec.tokenTtl ?? DEFAULT_TOKEN_TTL_SECONDS,
    tokenMaxTtl: spec.tokenMaxTtl,
    tokenType: 'service',
  });
  return { policyName, policy, role };
}

/**
 * Problems with `claim_mappings`: each source must be a claim the token carries, each target a plain metadata key,
 * targets unique, and never `role` (Vault reserves it for the role name).
 */
export function claimMappingProblems(mappings: { readonly [claim: string]: string } | undefined, tokenClaims: readonly string[], tokenKind: string): string[] {
  if (mappings === undefined) return [];
  const problems: string[] = [];
  const targets = new Map<string, string>();
  for (const [claim, target] of Object.entries(mappings)) {
    if (!tokenClaims.includes(claim) && claim !== 'terraform_run_phase' && claim !== 'terraform_operation') {
      problems.push(`claimMappings maps ${JSON.stringify(claim)}, which ${tokenKind} tokens do not carry; use one of ${tokenClaims.join(', ')}`);
    }
    if (!/^[A-Za-z0-9_]{1,64}$/.test(target)) {
      problems.push(`claimMappings target ${JSON.stringify(target)} must be 1-64 letters, digits or "_"`);
    } else if (target === 'role') {
      problems.push(`claimMappings maps ${JSON.stringify(claim)} to "role", which Vault reserves for the role name; choose another metadata key`);
    }
    const earlier = targets.get(target);
    if (earlier !== undefined) {
      problems.push(`claimMappings maps both ${JSON.stringify(earlier)} and ${JSON.stringify(claim)} to ${JSON.stringify(target)}; Vault rejects duplicate targets`);
    }
    targets.set(target, claim);
  }
  return problems;
}
