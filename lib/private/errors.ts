/**
 * The messages of the checks shared by several constructs, one named factory each, so the same mistake reads the same
 * wherever it is made. cdktf prefixes each message with the construct path; a message names the offending value and
 * the fix. Checks that belong to one construct keep their messages beside them.
 */
import { DEFAULT_RUN_TOKEN_TTL_SECONDS } from 'vault-backed-credentials-report/catalogue';

/** A value shown in a message: JSON-quoted, and cut after 80 characters so a huge value cannot flood the output. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 82 ? `${text.slice(0, 80)}..." (${String(value).length} characters)` : text;
}

/** What a literal must be, in a message: `must be a literal <kind>`. */
export type LiteralKind = 'name' | 'string' | 'number of seconds';

/** Why a value must be literal, the reasons the messages give. */
export const LITERAL_BECAUSE = {
  subjectPattern: 'it is part of every subject pattern',
  organization: 'it anchors every subject pattern and cannot be checked when it is a reference',
  moduleSubject: 'it is part of the test-run subject',
  policyPath: 'it becomes part of a Vault policy path',
  credentialPath: 'it becomes part of every credential path',
  range: 'its range is checked at synthesis',
  issuer: 'it is compared exactly with the token issuer',
  vaultName: "Vault's naming rules and name collisions are checked at synthesis",
} as const;

/** A value that must be written literally was given as a reference (a Terraform variable, a resource attribute). */
export function literalRequired(subject: string, kind: LiteralKind, because: string): string {
  return `${subject} must be a literal ${kind}: ${because}`;
}

/** `organization` missing from the trust settings. */
export function organizationMissing(): string {
  return 'organization is missing; set it to the HCP Terraform organization name that may log in';
}

/** An organization id that is not `org-` and letters or digits. */
export function organizationIdMalformed(organizationId: string): string {
  return `organizationId ${JSON.stringify(organizationId)} is not "org-" followed by letters and digits; copy it from the organization settings`;
}

/** A project id that is not `prj-` and letters or digits. */
export function projectIdMalformed(projectId: string): string {
  return `projectId ${JSON.stringify(projectId)} is not "prj-" followed by letters and digits; copy it from the project settings or pass a tfe_project's id`;
}

/** A token audience outside its grammar, or a reference. */
export function audienceMalformed(audience: string): string {
  return `audience ${JSON.stringify(audience)} must be a literal of letters, digits and . _ : / - (for example "vault.workload.identity")`;
}

/** A whole number of seconds outside [min, max]. */
export function secondsOutOfRange(what: string, value: number, min: number, max: number): string {
  return `${what} is ${value}; use a whole number of seconds from ${min} to ${max}`;
}

/** A token maximum TTL below the TTL (Vault rejects the role). */
export function maxTtlBelowTtl(tokenMaxTtl: number, tokenTtl: number = DEFAULT_RUN_TOKEN_TTL_SECONDS): string {
  return `tokenMaxTtlSeconds (${tokenMaxTtl}) is below tokenTtlSeconds (${tokenTtl}); Vault rejects the role. ` +
    'Raise tokenMaxTtlSeconds or lower tokenTtlSeconds';
}

/** A role name prefix outside its grammar. */
export function roleNamePrefixMalformed(prefix: string): string {
  return `roleNamePrefix ${JSON.stringify(prefix)} must be 1-32 lower-case letters, digits, "-" or "_"`;
}

/** A user claim that not every token of the kind carries as a string. */
export function userClaimNotCarried(userClaim: string, tokenKind: string, claims: readonly string[]): string {
  return `userClaim ${JSON.stringify(userClaim)} is not a string claim of every ${tokenKind} token; use one of ${claims.join(', ')}`;
}

/** A role whose policy would read nothing. */
export function roleGrantsNoCredentials(): string {
  return 'the role grants no credentials; add at least one secrets-engine role';
}

/** An engine role in another Vault namespace than the JWT auth mount of the role that reads it. */
export function credentialInOtherNamespace(roleName: string, roleNamespace: string, mountNamespace: string): string {
  const where = (namespace: string) => (namespace === '' ? 'the root namespace' : `namespace ${JSON.stringify(namespace)}`);
  return `secrets-engine role ${JSON.stringify(roleName)} is in ${where(roleNamespace)} but the JWT auth mount ` +
    `is in ${where(mountNamespace)}; a run token can only read paths of its own namespace, so put both in the same namespace`;
}

/** A claim-mapping target that is not a plain metadata key. */
export function claimMappingTargetMalformed(claim: string, target: string): string {
  return `claimMappings target ${JSON.stringify(target)} (of claim ${JSON.stringify(claim)}) must be 1-64 letters, digits or "_"`;
}

/** A claim mapped to the metadata key Vault reserves for the role name. */
export function claimMappingTargetReserved(claim: string): string {
  return `claimMappings maps ${JSON.stringify(claim)} to "role", which Vault reserves for the role name; choose another metadata key`;
}

/** Two claims mapped to one metadata key. */
export function claimMappingTargetTwice(earlier: string, claim: string, target: string): string {
  return `claimMappings maps both ${JSON.stringify(earlier)} and ${JSON.stringify(claim)} to ${JSON.stringify(target)}; Vault rejects duplicate targets`;
}

/** A claim mapped from a claim the tokens of the kind do not carry; `hint` says what to do instead. */
export function claimMappingSourceNotCarried(claim: string, tokenKind: string, hint: string): string {
  return `claimMappings maps ${JSON.stringify(claim)}, which ${tokenKind} tokens do not carry${hint}`;
}

/** Role names derived from a grant's id (or `roleName`) that Vault would refuse. */
export function derivedRoleNameRefused(whose: string, id: string, roleName: string | undefined, problem: string): string {
  const source = roleName === undefined
    ? `the role name derived from roleNamePrefix and grant id ${JSON.stringify(id)}`
    : `roleName ${JSON.stringify(roleName)}`;
  return `${source} cannot name ${whose} Vault roles: ${problem}. Use letters, digits, "-" and "_" in the id, roleName and roleNamePrefix`;
}
