import { JwtAuthBackendRole } from '@cdktf/provider-vault/lib/jwt-auth-backend-role';
import { Construct } from 'constructs';
import { vaultNameProblem } from 'vault-backed-credentials-report/claims';
import { addChecks, isUnresolved, vaultPolicyName } from './synth-checks';
import { CheckedInputs } from './checked-inputs';
import { CredentialReadPolicy } from '../vault/credential-read-policy';
import { reservedNameProblem } from './vault-reserved-names';
import { DEFAULT_VAULT_AUDIENCE, TokenKind } from '../trust-settings';
import { IHcpTerraformJwtAuthMount } from '../vault/jwt-auth-mount';
import { ISecretsEngineRole } from '../vault/secrets-engine-role';
import { claimJwtRole } from './tree-checks';
import { AuditTokenKind, DEFAULT_RUN_TOKEN_TTL_SECONDS, defaultAuditClaimMappings } from 'vault-backed-credentials-report/catalogue';
import {
  audienceProblem,
  claimMappingSourceProblems,
  claimMappingTargetProblems,
  organizationIdProblem,
  tokenTtlProblems,
} from './trust-setting-checks';
import {
  credentialInOtherNamespace,
  derivedRoleNameRefused,
  LITERAL_BECAUSE,
  literalRequired,
  roleGrantsNoCredentials,
  userClaimNotCarried,
} from './errors';


/** What every JWT role of this library shares, whichever kind of token it admits. */
export interface RunRoleSpec {
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
export function withRoleChecks(inputs: CheckedInputs, spec: Pick<RunRoleSpec, 'audience' | 'tokenTtlSeconds' | 'tokenMaxTtlSeconds' |
  'organizationId' | 'claimMappings' | 'tokenKind'>): CheckedInputs {
  return inputs
    .with('audience', spec.audience ?? DEFAULT_VAULT_AUDIENCE)
    .with('tokenTtl', spec.tokenTtlSeconds, spec.tokenMaxTtlSeconds)
    .with('organizationId', spec.organizationId)
    .with('claimMappingTargets', spec.claimMappings)
    .with('claimMappingSources', spec.claimMappings, spec.tokenKind);
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
export interface RunRole {
  readonly policyName: string;
  readonly policy: CredentialReadPolicy;
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
 * Creates the JWT role of one kind of run and the {@link CredentialReadPolicy} it carries, and registers the checks
 * they share. Callers add their own subject checks.
 */
export function createJwtRunRole(scope: Construct, spec: RunRoleSpec): RunRole {
  const policyName = vaultPolicyName(spec.policyName ?? spec.roleName);
  const audience = spec.audience ?? DEFAULT_VAULT_AUDIENCE;
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
    problems.push(...policy.documentProblems);
    return problems;
  });

  claimJwtRole(scope, spec.authMount.mountPath, spec.authMount.vaultNamespace, spec.roleName, policyName);
  const policy = new CredentialReadPolicy(scope, 'policy', {
    name: policyName,
    namespace: spec.authMount.vaultNamespace,
    credentials: spec.credentials,
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

/** Problem with a role name base that is empty or blank (roles would be named "-plan" and "-apply"), or undefined. */
export function roleNameBaseProblem(value: string | undefined, suffixed: boolean): string | undefined {
  if (value === undefined || typeof value !== 'string' || value.trim() !== '') return undefined;
  return `roleName ${JSON.stringify(value)} is empty${suffixed ? ', so the roles would be named "-plan" and "-apply"' : ''}; give a base name such as ` +
    `"tfc-network", or leave roleName unset for the generated name`;
}
