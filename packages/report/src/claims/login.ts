/**
 * A model of what Vault's JWT auth method (`vault-plugin-auth-jwt`) decides when a workload identity token logs in
 * to a role, given the role exactly as the Terraform Vault provider would write it.
 *
 * Modelled, in Vault's order:
 *  1. the role must have `role_type = "jwt"` (Vault's default is `"oidc"`), and must be a role Vault would have
 *     accepted at creation (see {@link jwtRoleProblems});
 *  2. the registered claims must have the types the JWT library expects (`iss`, `sub`, `jti` strings; `aud` a
 *     string or list of strings; `iat`, `nbf`, `exp` numbers);
 *  3. `bound_issuer` (mount) equals `iss` exactly, when set;
 *  4. `bound_subject` equals `sub` exactly, when set (`bound_claims_type` never applies to it);
 *  5. when the role has `bound_audiences`, `aud` contains at least one of them;
 *     when it has none, a token that carries a non-empty `aud` is refused;
 *  6. `user_claim` is present and a string (top-level key, or JSON pointer with `user_claim_json_pointer`);
 *  7. every `bound_claims` key matches (AND); within a key any expected value may match any actual value (OR).
 *
 * Not modelled: the signature and signing algorithm, the time claims' validity against a clock (`exp`, `nbf`,
 * `iat` and their leeways), `token_bound_cidrs`, `groups_claim` and `claim_mappings`.
 */
import { globMatch } from './glob';

/** The JWT auth mount settings that take part in login decisions. */
export interface JwtAuthMountModel {
  /** `bound_issuer`: compared exactly with the token's `iss` when set and non-empty. */
  readonly boundIssuer?: string;
}

/** A JWT auth role in the Terraform provider's form (`vault_jwt_auth_backend_role`). */
export interface JwtRoleModel {
  /** `role_type`; Vault's default is `oidc`, which JWT login refuses. */
  readonly roleType?: string;
  /** `bound_audiences`; any one match is enough. */
  readonly boundAudiences?: readonly string[];
  /** `bound_subject`; exact match on `sub`, never a glob. */
  readonly boundSubject?: string;
  /** `bound_claims` as Terraform takes them: one string per claim, alternatives joined by commas. */
  readonly boundClaims?: Readonly<Record<string, string>>;
  /** `bound_claims_type`: `string` (Vault's default) or `glob`. */
  readonly boundClaimsType?: string;
  /** `disable_bound_claims_parsing`: when true the provider sends each `bound_claims` value as one literal value. */
  readonly disableBoundClaimsParsing?: boolean;
  /** `user_claim`: the claim whose string value names the entity alias. */
  readonly userClaim: string;
  /** `user_claim_json_pointer`: read `user_claim` as a JSON pointer when it starts with `/`. */
  readonly userClaimJsonPointer?: boolean;
}

/** A decoded token payload. */
export type TokenClaims = Readonly<Record<string, unknown>>;

/** Vault's decision on a login. */
export interface LoginDecision {
  /** True when Vault would issue a token. */
  readonly admitted: boolean;
  /** Why Vault refuses, in Vault's words (without its "error validating ..." prefixes); set only when refused. */
  readonly reason?: string;
  /** The entity alias name (the value of `user_claim`); set only when admitted. */
  readonly aliasName?: string;
}

/** Vault's default `role_type`. */
const DEFAULT_ROLE_TYPE = 'oidc';
/** Vault's default `bound_claims_type`. */
const DEFAULT_BOUND_CLAIMS_TYPE = 'string';

/** White space as Go's `unicode.IsSpace` defines it (differs from JavaScript's `trim`: U+0085 yes, U+FEFF no). */
function isGoSpace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** Go's `strings.TrimSpace`. Every Go space is a single UTF-16 code unit, so scanning code units is exact. */
function goTrimSpace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isGoSpace(value.charCodeAt(start))) start++;
  while (end > start && isGoSpace(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}

/**
 * What terraform-provider-vault does to each `bound_claims` value unless `disable_bound_claims_parsing` is true:
 * split on `,` and trim white space around each element. `"a, b"` becomes `["a", "b"]`, meaning a OR b; an empty
 * string becomes `[""]`.
 */
export function splitProviderBoundClaimValue(value: string): string[] {
  return value.split(',').map(goTrimSpace);
}

/** The `bound_claims` Vault receives from the provider for `role`: each claim with its list of alternatives. */
export function vaultBoundClaims(role: JwtRoleModel): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(role.boundClaims ?? {})) {
    result[key] = role.disableBoundClaimsParsing ? [value] : splitProviderBoundClaimValue(value);
  }
  return result;
}

function hasOwn(target: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(target, key);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Array index as RFC 6901 writes it. Go's pointerstructure also takes some odd spellings (`+1`, `0x1`); those miss here. */
const POINTER_INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * Resolves an RFC 6901 JSON pointer (which starts with `/`) against `root`. Each reference token is unescaped
 * (`~1` to `/`, then `~0` to `~`), objects are entered by own key and arrays by index; anything that cannot be
 * followed yields `undefined`.
 */
function resolvePointer(root: unknown, pointer: string): unknown {
  const tokens = pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: unknown = root;
  for (const token of tokens) {
    if (Array.isArray(current)) {
      if (!POINTER_INDEX.test(token)) return undefined;
      // An index past the end reads `undefined`, which nothing can be followed from.
      current = current[Number(token)];
    } else if (isRecord(current)) {
      if (!hasOwn(current, token)) return undefined;
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * Vault's claim lookup: a name that starts with `/` is a JSON pointer, anything else a top-level key. `null` and
 * absent both come back as `undefined` (Vault sees `nil` for both).
 */
function lookupClaim(claims: TokenClaims, name: string): unknown {
  const value = name.startsWith('/') ? resolvePointer(claims, name) : hasOwn(claims, name) ? claims[name] : undefined;
  return value === null ? undefined : value;
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A Vault creation-time rejection: Vault's own message plus how to fix it. */
interface CreationProblem {
  readonly vault: string;
  readonly fix: string;
}

/** What Vault's role endpoint would reject, other than the role type itself. */
function creationProblems(role: JwtRoleModel): CreationProblem[] {
  const problems: CreationProblem[] = [];
  if (typeof role.userClaim !== 'string' || role.userClaim === '') {
    problems.push({
      vault: 'a user claim must be defined on the role',
      fix: 'set user_claim, e.g. "terraform_full_workspace" or "terraform_workspace_id"',
    });
  }
  const claimsType = role.boundClaimsType ?? DEFAULT_BOUND_CLAIMS_TYPE;
  if (claimsType !== 'string' && claimsType !== 'glob') {
    problems.push({
      vault: `invalid 'bound_claims_type': ${claimsType}`,
      fix: 'use "string" for exact values or "glob" for patterns with "*"',
    });
  }
  const roleType = role.roleType ?? DEFAULT_ROLE_TYPE;
  const unbound =
    (role.boundAudiences ?? []).length === 0 &&
    (role.boundSubject ?? '') === '' &&
    Object.keys(role.boundClaims ?? {}).length === 0;
  if (roleType !== 'oidc' && unbound) {
    problems.push({
      vault: 'must have at least one bound constraint when creating/updating a role',
      fix: 'bind bound_audiences and a bound_claims "sub" pattern that names at least the organization',
    });
  }
  return problems;
}

/**
 * Problems Vault (or a JWT login) would report for this role regardless of the token: a role type other than
 * `jwt` (Vault's default `oidc` refuses every JWT login), a missing `user_claim`, an unknown `bound_claims_type`, and
 * a `jwt` role with none of `bound_audiences`, `bound_subject` or `bound_claims`, which Vault refuses to create.
 * Each message starts with Vault's own wording and ends with the fix.
 */
export function jwtRoleProblems(role: JwtRoleModel): string[] {
  const problems: string[] = [];
  const roleType = role.roleType ?? DEFAULT_ROLE_TYPE;
  if (roleType === 'oidc') {
    const origin = role.roleType === undefined ? 'role_type is unset, so Vault uses "oidc"' : 'role_type is "oidc"';
    problems.push(`role with oidc role_type is not allowed (for JWT login): ${origin}; set role_type = "jwt"`);
  } else if (roleType !== 'jwt') {
    problems.push(`invalid 'role_type': ${roleType}; set role_type = "jwt"`);
  }
  for (const p of creationProblems(role)) {
    problems.push(`${p.vault}; ${p.fix}`);
  }
  return problems;
}

const refuse = (reason: string): LoginDecision => ({ admitted: false, reason });

/** Checks the registered claims' JSON types as the JWT library's claims struct would decode them. */
function registeredClaimTypeProblem(claims: TokenClaims): string | undefined {
  for (const name of ['iss', 'sub', 'jti']) {
    const v = hasOwn(claims, name) ? claims[name] : undefined;
    if (v !== undefined && v !== null && typeof v !== 'string') {
      return `token claims could not be parsed: "${name}" must be a string`;
    }
  }
  for (const name of ['iat', 'nbf', 'exp']) {
    const v = hasOwn(claims, name) ? claims[name] : undefined;
    if (v !== undefined && v !== null && typeof v !== 'number') {
      return `token claims could not be parsed: "${name}" must be a number`;
    }
  }
  if (hasOwn(claims, 'aud') && claims.aud !== undefined) {
    const aud = claims.aud;
    const ok = typeof aud === 'string' || (Array.isArray(aud) && aud.every((a) => typeof a === 'string'));
    if (!ok) {
      return 'token claims could not be parsed: "aud" must be a string or a list of strings';
    }
  }
  return undefined;
}

function stringClaim(claims: TokenClaims, name: string): string {
  const v = hasOwn(claims, name) ? claims[name] : undefined;
  return typeof v === 'string' ? v : '';
}

/** `aud` as a list (absent gives an empty list); call after {@link registeredClaimTypeProblem}. */
function audienceList(claims: TokenClaims): readonly string[] {
  const aud = hasOwn(claims, 'aud') ? claims.aud : undefined;
  if (typeof aud === 'string') return [aud];
  return Array.isArray(aud) ? (aud as string[]) : [];
}

/** Vault's normalisation of an actual claim value: scalars become one-element lists, lists stay, others fail. */
function actualValues(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') return [value];
  return undefined;
}

/** Vault's bound-claims check; returns the refusal reason or undefined. */
function boundClaimsProblem(role: JwtRoleModel, claims: TokenClaims): string | undefined {
  const useGlobs = (role.boundClaimsType ?? DEFAULT_BOUND_CLAIMS_TYPE) === 'glob';
  // Vault walks a Go map, in random order; with several failing keys it may name another one, but refuses all the same.
  for (const [name, expected] of Object.entries(vaultBoundClaims(role))) {
    const actual = lookupClaim(claims, name);
    if (actual === undefined) {
      return `claim ${JSON.stringify(name)} is missing`;
    }
    const actuals = actualValues(actual);
    if (actuals === undefined) {
      return `received claim is not a string, bool, int or list: ${describe(actual)}`;
    }
    const found = expected.some((exp) =>
      actuals.some((act) => {
        // Bound values are always strings here, so a number or boolean claim never equals one, and glob
        // matching skips any value that is not a string.
        if (typeof act !== 'string') return false;
        return useGlobs ? globMatch(exp, act) : act === exp;
      }),
    );
    if (!found) {
      return `claim ${JSON.stringify(name)} does not match any associated bound claim values`;
    }
  }
  return undefined;
}

/** Decides whether Vault's JWT auth method would let a token with `claims` log in to `role` on `mount`. */
export function evaluateJwtLogin(mount: JwtAuthMountModel, role: JwtRoleModel, claims: TokenClaims): LoginDecision {
  // 1. Role type, then whether the role could exist at all.
  const roleType = role.roleType ?? DEFAULT_ROLE_TYPE;
  if (roleType === 'oidc') return refuse('role with oidc role_type is not allowed');
  if (roleType !== 'jwt') return refuse(`invalid 'role_type': ${roleType}`);
  const creation = creationProblems(role);
  if (creation.length > 0) return refuse(creation[0].vault);

  // 2. Registered claims must decode.
  const typeProblem = registeredClaimTypeProblem(claims);
  if (typeProblem !== undefined) return refuse(typeProblem);

  // 3.-5. Issuer, subject, audience, in the order the token validator checks them.
  const boundIssuer = mount.boundIssuer ?? '';
  if (boundIssuer !== '' && boundIssuer !== stringClaim(claims, 'iss')) {
    return refuse('invalid issuer (iss) claim');
  }
  const boundSubject = role.boundSubject ?? '';
  if (boundSubject !== '' && boundSubject !== stringClaim(claims, 'sub')) {
    return refuse('invalid subject (sub) claim');
  }
  const boundAudiences = role.boundAudiences ?? [];
  const audiences = audienceList(claims);
  if (boundAudiences.length > 0) {
    if (!boundAudiences.some((b) => audiences.includes(b))) {
      return refuse('invalid audience (aud) claim');
    }
  } else if (audiences.length > 0 && claims.aud !== '') {
    // A list with any entry, or a non-empty string (refused since vault-plugin-auth-jwt v0.17.3 / PR #295).
    return refuse('audience claim found in JWT but no audiences bound to the role');
  }

  // 6. The entity alias name.
  const userClaimValue = role.userClaimJsonPointer
    ? lookupClaim(claims, role.userClaim)
    : hasOwn(claims, role.userClaim) && claims[role.userClaim] !== null
      ? claims[role.userClaim]
      : undefined;
  if (userClaimValue === undefined) {
    return refuse(`claim ${JSON.stringify(role.userClaim)} not found in token`);
  }
  if (typeof userClaimValue !== 'string') {
    return refuse(`claim ${JSON.stringify(role.userClaim)} could not be converted to string`);
  }

  // 7. Bound claims.
  const claimsProblem = boundClaimsProblem(role, claims);
  if (claimsProblem !== undefined) return refuse(claimsProblem);

  return { admitted: true, aliasName: userClaimValue };
}
