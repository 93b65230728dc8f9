import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Policy } from '@cdktf/provider-vault/lib/policy';
import { Construct } from 'constructs';
import { vaultNameProblem } from 'vault-backed-credentials-report/claims';
import { addChecks, isUnresolved, secondsProblem, vaultPolicyName } from './validation';
import { PolicyDocument, TOKEN_SELF_RULES } from 'vault-backed-credentials-report/policy';
import { CheckedInputs } from './checked-inputs';
import { AwsEngineRole } from '../vault/aws-secrets-engine';
import { AzureEngineRole } from '../vault/azure-secrets-engine';
import { GcpEngineRole } from '../vault/gcp-secrets-engine';
import { reservedNameProblem } from './structure';
import { DEFAULT_VAULT_AUDIENCE, mappableClaims, TokenKind } from '../trust-settings';
import { IHcpTerraformJwtAuthMount } from '../vault/jwt-auth-mount';
import { ISecretsEngineRole } from '../vault/secrets-engine-role';
import { claimJwtRole } from './tree-checks';
import {
  AuditTokenKind,
  DEFAULT_RUN_TOKEN_TTL_SECONDS,
  defaultAuditClaimMappings,
  METADATA_KEY,
  RESERVED_METADATA_KEY,
} from 'vault-backed-credentials-report/catalogue';
import {
  audienceMalformed,
  claimMappingSourceNotCarried,
  claimMappingTargetMalformed,
  claimMappingTargetReserved,
  claimMappingTargetTwice,
  credentialInOtherNamespace,
  derivedRoleNameRefused,
  LITERAL_BECAUSE,
  literalRequired,
  maxTtlBelowTtl,
  organizationIdMalformed,
  roleGrantsNoCredentials,
  userClaimNotCarried,
} from './errors';


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
  /** What kind of token the role admits: decides which claims `claim_mappings` may copy, and names it in messages. */
  readonly tokenKind: TokenKind;
  /** Immutable organization id, bound as `terraform_organization_id` (every token kind carries it). */
  readonly organizationId?: string;
  readonly credentials: readonly ISecretsEngineRole[];
  readonly tokenTtlSeconds?: number;
  readonly tokenMaxTtlSeconds?: number;
  /** The user's mappings; undefined gives the token kind's audit default, `{}` none. */
  readonly claimMappings?: { readonly [claim: string]: string };
  /** Inputs validated above (by the facade, the grant or an earlier role); the role validates the rest. */
  readonly checked: CheckedInputs;
}

/**
 * `inputs` plus the shared trust settings a role validates (audience, TTLs, organization id, claim mappings): what a
 * grant hands its later roles once its first role has validated them.
 */
export function withRoleChecks(inputs: CheckedInputs, spec: Pick<RoleCoreSpec, 'audience' | 'tokenTtlSeconds' | 'tokenMaxTtlSeconds' |
  'organizationId' | 'claimMappings' | 'tokenKind'>): CheckedInputs {
  return inputs
    .with('audience', spec.audience ?? DEFAULT_VAULT_AUDIENCE)
    .with('tokenTtl', spec.tokenTtlSeconds, spec.tokenMaxTtlSeconds)
    .with('organizationId', spec.organizationId)
    .with('claimMappingTargets', spec.claimMappings)
    .with('claimMappingSources', spec.claimMappings, spec.tokenKind);
}

/** True for the engine roles of this library, which refuse, at synthesis, a role name Vault would not accept. */
function checksOwnRoleName(role: ISecretsEngineRole): boolean {
  return role instanceof AwsEngineRole || role instanceof GcpEngineRole || role instanceof AzureEngineRole;
}

/** The audit catalogue's name of each token kind. */
const AUDIT_KIND: { readonly [K in TokenKind]: AuditTokenKind } = {
  'workspace run': 'workspace-run',
  'Stacks deployment': 'stack',
  'registry module test-run': 'module-test',
};

/**
 * The `claim_mappings` a role writes: the user's, or else the default of its token kind, which copies the claims that
 * identify the run into token metadata so Vault's audit log can say which run used a token.
 */
export function effectiveClaimMappings(
  claimMappings: { readonly [claim: string]: string } | undefined,
  tokenKind: TokenKind,
): { [claim: string]: string } | undefined {
  const mappings = claimMappings ?? defaultAuditClaimMappings(AUDIT_KIND[tokenKind]);
  return Object.keys(mappings).length > 0 ? { ...mappings } : undefined;
}

/** The resources of one role. */
export interface RoleCore {
  readonly policyName: string;
  readonly policy: Policy;
  readonly role: JwtAuthBackendRole;
}

/** A JWT role name Vault would refuse, or a reserved one, or undefined. */
export function jwtRoleNameProblem(kind: 'Vault role name' | 'Vault policy name', value: string): string | undefined {
  if (isUnresolved(value)) return literalRequired(kind, 'string', LITERAL_BECAUSE.vaultName);
  return vaultNameProblem(kind, value) ?? reservedNameProblem(kind, 'roleName', value);
}

/**
 * The one error for role names a grant derived from its id (or `roleName`): the grant validates them and hands them
 * to its roles as checked, so the roles leave their names alone.
 */
export function derivedRoleNameProblem(whose: string, id: string, roleName: string | undefined, names: readonly string[]): string | undefined {
  const problem = names.map((name) => jwtRoleNameProblem('Vault role name', name)).find((p) => p !== undefined);
  return problem === undefined ? undefined : derivedRoleNameRefused(whose, id, roleName, problem);
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
    // An engine role of this library refuses a bad role name itself; its path is left out rather than reported
    // again by every policy that reads it (synthesis fails on the engine role's error either way).
    if (checksOwnRoleName(credential) && !isUnresolved(credential.roleName) && vaultNameProblem('role name', credential.roleName) !== undefined) continue;
    document.addRule(credential.credentialPath, ['read']);
  }
  const policyProblems = document.validate();
  // Trust settings shared by many roles are validated where they entered (the facade or the grant), which hands
  // them down as checked; the role validates only what it was not handed.
  const checked = spec.checked;
  const owns = {
    audience: !checked.covers('audience', audience),
    ttl: !checked.covers('tokenTtl', spec.tokenTtlSeconds, spec.tokenMaxTtlSeconds),
    organizationId: !checked.covers('organizationId', spec.organizationId),
    mappingTargets: !checked.covers('claimMappingTargets', spec.claimMappings),
    mappingSources: !checked.covers('claimMappingSources', spec.claimMappings, spec.tokenKind),
    roleName: !checked.covers('roleName', spec.roleName),
  };

  addChecks(scope, () => {
    const problems: string[] = [];
    const roleNameProblem = jwtRoleNameProblem('Vault role name', spec.roleName);
    // A grant that derived the name from its id or roleName reports a bad one itself (derivedRoleNameProblem).
    if (roleNameProblem && owns.roleName) problems.push(roleNameProblem);
    // A policy name derived from the role name shares its problem: one mistake, one error.
    const policyNameProblem = spec.policyName === undefined && roleNameProblem ? undefined : jwtRoleNameProblem('Vault policy name', policyName);
    if (policyNameProblem) problems.push(policyNameProblem);
    if (spec.credentials.length === 0) problems.push(roleGrantsNoCredentials());
    if (owns.audience) {
      const p = audienceProblem(audience);
      if (p) problems.push(p);
    }
    if (!spec.tokenClaims.includes(spec.userClaim)) {
      problems.push(userClaimNotCarried(spec.userClaim, spec.tokenKind, spec.tokenClaims));
    }
    if (owns.ttl) problems.push(...tokenTtlProblems(spec.tokenTtlSeconds, spec.tokenMaxTtlSeconds));
    if (owns.organizationId) {
      const p = organizationIdProblem(spec.organizationId);
      if (p) problems.push(p);
    }
    for (const credential of spec.credentials) {
      if ((credential.vaultNamespace ?? '') !== (spec.authMount.vaultNamespace ?? '')) {
        problems.push(credentialInOtherNamespace(credential.roleName, credential.vaultNamespace ?? '', spec.authMount.vaultNamespace ?? ''));
      }
    }
    if (owns.mappingTargets) problems.push(...claimMappingTargetProblems(spec.claimMappings));
    if (owns.mappingSources) {
      problems.push(...claimMappingSourceProblems(spec.claimMappings, spec.tokenKind));
    }
    problems.push(...policyProblems);
    return problems;
  });

  claimJwtRole(scope, spec.authMount.mountPath, spec.authMount.vaultNamespace, spec.roleName, policyName);
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
    boundClaims: spec.organizationId === undefined ? { ...spec.boundClaims } : { ...spec.boundClaims, terraform_organization_id: spec.organizationId },
    userClaim: spec.userClaim,
    claimMappings: effectiveClaimMappings(spec.claimMappings, spec.tokenKind),
    tokenPolicies: [policy.name],
    tokenTtl: spec.tokenTtlSeconds ?? DEFAULT_RUN_TOKEN_TTL_SECONDS,
    tokenMaxTtl: spec.tokenMaxTtlSeconds,
    tokenType: 'service',
  });
  return { policyName, policy, role };
}

/** Problem with a token audience (a literal of letters, digits and `. _ : / -`), or undefined. */
export function audienceProblem(audience: string): string | undefined {
  if (isUnresolved(audience) || !/^[A-Za-z0-9._:/-]{1,256}$/.test(audience)) {
    return audienceMalformed(audience);
  }
  return undefined;
}

/** Problems with a token TTL and maximum TTL, in seconds. */
export function tokenTtlProblems(tokenTtl: number | undefined, tokenMaxTtl: number | undefined): string[] {
  const problems: string[] = [];
  const ttlProblem = secondsProblem('tokenTtlSeconds', tokenTtl, 60, 86400);
  if (ttlProblem) problems.push(ttlProblem);
  const maxProblem = secondsProblem('tokenMaxTtlSeconds', tokenMaxTtl, 60, 2764800);
  if (maxProblem) problems.push(maxProblem);
  const ttl = tokenTtl ?? DEFAULT_RUN_TOKEN_TTL_SECONDS;
  if (tokenMaxTtl !== undefined && tokenMaxTtl < ttl) {
    problems.push(maxTtlBelowTtl(tokenMaxTtl, ttl));
  }
  return problems;
}

/** Problem with an organization id (`org-` and letters/digits), or undefined. References are not checked. */
export function organizationIdProblem(organizationId: string | undefined): string | undefined {
  if (organizationId !== undefined && !isUnresolved(organizationId) && !/^org-[A-Za-z0-9]+$/.test(organizationId)) {
    return organizationIdMalformed(organizationId);
  }
  return undefined;
}

/**
 * Problems with the sources of `claim_mappings` for one token kind: each must be a claim tokens of that kind carry (so
 * `terraform_run_phase` is refused for Stack tokens, which carry `terraform_operation`).
 */
export function claimMappingSourceProblems(mappings: { readonly [claim: string]: string } | undefined, tokenKind: TokenKind): string[] {
  if (mappings === undefined) return [];
  const carried = mappableClaims(tokenKind);
  const problems: string[] = [];
  for (const claim of Object.keys(mappings)) {
    if (carried.includes(claim)) continue;
    const hint = claim === 'terraform_run_phase' && tokenKind === 'Stacks deployment'
      ? ' (Stack tokens name the phase in terraform_operation); set claimMappings on this Stack grant to mappings of claims Stack tokens carry, e.g. terraform_operation'
      : claim === 'terraform_operation' && tokenKind !== 'Stacks deployment'
        ? ' (only Stack tokens carry it; runs name the phase in terraform_run_phase); remove it, or map terraform_run_phase instead'
        : `; remove it or use one of ${carried.join(', ')}${tokenKind === 'workspace run' ? '' : ` (set claimMappings on this ${tokenKind === 'Stacks deployment' ? 'Stack' : 'module test'} grant to override the trust's)`}`;
    problems.push(claimMappingSourceNotCarried(claim, tokenKind, hint));
  }
  return problems;
}

/** Problems with the targets of `claim_mappings`: plain metadata keys, unique, never `role` (Vault reserves it). */
export function claimMappingTargetProblems(mappings: { readonly [claim: string]: string } | undefined): string[] {
  if (mappings === undefined) return [];
  const problems: string[] = [];
  const targets = new Map<string, string>();
  for (const [claim, target] of Object.entries(mappings)) {
    if (!METADATA_KEY.test(target)) {
      problems.push(claimMappingTargetMalformed(claim, target));
    } else if (target === RESERVED_METADATA_KEY) {
      problems.push(claimMappingTargetReserved(claim));
    }
    const earlier = targets.get(target);
    if (earlier !== undefined) {
      problems.push(claimMappingTargetTwice(earlier, claim, target));
    }
    targets.set(target, claim);
  }
  return problems;
}
