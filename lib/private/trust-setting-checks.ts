/**
 * Checks of the trust settings every role shares (audience, token TTLs, organization id, claim mappings): the facade
 * runs them once for the settings it hands to its grants, a role for what it was not handed (see checked-inputs).
 */
import { METADATA_KEY, RESERVED_METADATA_KEY, DEFAULT_RUN_TOKEN_TTL_SECONDS } from 'vault-backed-credentials-report/catalogue';
import { mappableClaims, TokenKind } from '../trust-settings';
import {
  audienceMalformed,
  claimMappingSourceNotCarried,
  claimMappingTargetMalformed,
  claimMappingTargetReserved,
  claimMappingTargetTwice,
  maxTtlBelowTtl,
  organizationIdMalformed,
} from './errors';
import { isUnresolved, secondsProblem } from './synth-checks';

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
    problems.push(claimMappingSourceNotCarried(claim, tokenKind, claimMappingSourceHint(claim, tokenKind, carried)));
  }
  return problems;
}

/** What to do instead of mapping `claim`, which tokens of `tokenKind` do not carry. */
function claimMappingSourceHint(claim: string, tokenKind: TokenKind, carried: readonly string[]): string {
  if (claim === 'terraform_run_phase' && tokenKind === 'Stacks deployment') {
    return ' (Stack tokens name the phase in terraform_operation); set claimMappings on this Stack grant to mappings of claims ' +
      'Stack tokens carry, e.g. terraform_operation';
  }
  if (claim === 'terraform_operation' && tokenKind !== 'Stacks deployment') {
    return ' (only Stack tokens carry it; runs name the phase in terraform_run_phase); remove it, or map terraform_run_phase instead';
  }
  const grant = tokenKind === 'Stacks deployment' ? 'Stack' : 'module test';
  const override = tokenKind === 'workspace run' ? '' : ` (set claimMappings on this ${grant} grant to override the trust's)`;
  return `; remove it or use one of ${carried.join(', ')}${override}`;
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
