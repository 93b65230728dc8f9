/**
 * Validators for the names this library writes into Vault subject patterns and Vault paths.
 *
 * Each returns `undefined` when the value is fine, otherwise one sentence that quotes the value (JSON-encoded, so
 * quotes, newlines and invisible characters show), states the rule and says how to fix it.
 */

/** ASCII letters, digits, `-` and `_`: the character set of HCP Terraform organization and workspace names. */
const NAME_CHAR = /^[A-Za-z0-9_-]$/;
/** Project names additionally allow spaces (but not at either end). */
const PROJECT_CHAR = /^[A-Za-z0-9_ -]$/;
/** The whole-value rule for project names, as the tfe provider states it (`\w` there is ASCII-only). */
const PROJECT_NAME = /^[A-Za-z0-9_-][A-Za-z0-9_ -]+[A-Za-z0-9_-]$/;
/** Characters allowed in a Vault name segment. */
const VAULT_CHAR = /^[A-Za-z0-9_.-]$/;

/** Longest project name HCP Terraform accepts (Terraform Enterprise up to v202404-2 allows only 36). */
export const MAX_PROJECT_NAME_LENGTH = 40;
/** Shortest project name HCP Terraform accepts. */
export const MIN_PROJECT_NAME_LENGTH = 3;
/** Longest workspace name HashiCorp recommends. */
export const MAX_WORKSPACE_NAME_LENGTH = 90;
/** Longest name this library accepts for a Vault mount path, role name or policy name. */
export const MAX_VAULT_NAME_LENGTH = 128;

/**
 * Why a character is dangerous inside a `sub` pattern, for the characters that would change what the pattern
 * admits rather than merely fail to match.
 */
function subjectHazard(ch: string): string | undefined {
  switch (ch) {
    case '*':
      return 'a "*" is the Vault glob wildcard and would widen the subject pattern to names you did not intend';
    case ',':
      return 'a "," is split by the Terraform Vault provider into separate bound-claim alternatives and would break (and widen) the subject pattern';
    case ':':
      return 'a ":" separates the fields of the token subject and would break the subject pattern';
    default:
      return undefined;
  }
}

/** The first character (whole code point) of `value` that `allowed` rejects, or undefined. */
function firstBadChar(value: string, allowed: RegExp): string | undefined {
  for (const ch of value) {
    if (!allowed.test(ch)) {
      return ch;
    }
  }
  return undefined;
}

/** Length in code points, which is what a person counts. */
function charCount(value: string): number {
  return Array.from(value).length;
}

function notAString(what: string, value: unknown): string {
  return `${what} must be a string but got ${value === null ? 'null' : typeof value}; pass the name as a literal string`;
}

/** Message for a forbidden character in a name that appears in the token subject. */
function subjectCharMessage(what: string, value: string, ch: string, rule: string, fix: string): string {
  const hazard = subjectHazard(ch);
  const found = `${what} ${JSON.stringify(value)} contains ${JSON.stringify(ch)}`;
  return hazard
    ? `${found}, and ${hazard}; ${rule}, so ${fix}`
    : `${found}, which is not allowed; ${rule}, so ${fix}`;
}

/**
 * Problem with an HCP Terraform / Terraform Enterprise organization name: it must be non-empty and consist of
 * ASCII letters, digits, `-` and `_` only (so never `*`, `,`, `:` or a space).
 */
export function organizationNameProblem(v: string): string | undefined {
  const what = 'HCP Terraform organization name';
  if (typeof v !== 'string') return notAString(what, v);
  const rule = 'organization names may contain only ASCII letters, digits, "-" and "_"';
  const fix = 'use the organization name exactly as HCP Terraform shows it';
  if (v === '') {
    return `${what} ${JSON.stringify(v)} is empty; ${rule}, so ${fix}`;
  }
  const bad = firstBadChar(v, NAME_CHAR);
  if (bad !== undefined) {
    return subjectCharMessage(what, v, bad, rule, fix);
  }
  return undefined;
}

/**
 * Problem with an HCP Terraform project name: 3 to 40 characters of ASCII letters, digits, spaces, `-` and `_`,
 * with no space at either end (`^[A-Za-z0-9_-][A-Za-z0-9_ -]+[A-Za-z0-9_-]$`).
 */
export function projectNameProblem(v: string): string | undefined {
  const what = 'HCP Terraform project name';
  if (typeof v !== 'string') return notAString(what, v);
  const rule =
    `project names are ${MIN_PROJECT_NAME_LENGTH} to ${MAX_PROJECT_NAME_LENGTH} characters of ASCII letters, digits, spaces, ` +
    '"-" and "_", with no space at either end';
  const fix = 'use the project name exactly as HCP Terraform shows it (the default project is "Default Project")';
  const quoted = JSON.stringify(v);
  const bad = firstBadChar(v, PROJECT_CHAR);
  if (bad !== undefined) {
    return subjectCharMessage(what, v, bad, rule, fix);
  }
  const length = charCount(v);
  if (length < MIN_PROJECT_NAME_LENGTH || length > MAX_PROJECT_NAME_LENGTH) {
    return `${what} ${quoted} is ${length} characters long; ${rule}, so ${fix}`;
  }
  if (!PROJECT_NAME.test(v)) {
    // With the character set and length already checked, only a space at either end can fail the expression.
    return `${what} ${quoted} starts or ends with a space; ${rule}, so remove the space (HCP Terraform never stores one there)`;
  }
  return undefined;
}

/** Problem with an HCP Terraform workspace name: 1 to 90 ASCII letters, digits, `-` and `_`. */
export function workspaceNameProblem(v: string): string | undefined {
  const what = 'HCP Terraform workspace name';
  if (typeof v !== 'string') return notAString(what, v);
  const rule = `workspace names are 1 to ${MAX_WORKSPACE_NAME_LENGTH} characters of ASCII letters, digits, "-" and "_"`;
  const fix = 'use the workspace name exactly as HCP Terraform shows it';
  const quoted = JSON.stringify(v);
  if (v === '') {
    return `${what} ${quoted} is empty; ${rule}, so ${fix}`;
  }
  const bad = firstBadChar(v, NAME_CHAR);
  if (bad !== undefined) {
    return subjectCharMessage(what, v, bad, rule, fix);
  }
  if (v.length > MAX_WORKSPACE_NAME_LENGTH) {
    return `${what} ${quoted} is ${v.length} characters long; ${rule}, so ${fix}`;
  }
  return undefined;
}

/** The label for `kind` in messages: "Vault role name" whether the caller passed "role name" or "Vault role name". */
function vaultLabel(kind: string): string {
  return /^vault\b/i.test(kind) ? kind : `Vault ${kind}`;
}

function isMountPathKind(kind: string): boolean {
  return kind.replace(/^vault\s+/i, '').toLowerCase() === 'mount path';
}

/**
 * Problem with a name this library puts into a Vault path: a mount path, role name or policy name.
 *
 * Rules: non-empty; at most 128 characters; only ASCII letters, digits, `_`, `.` and `-`; when `kind` is
 * `'mount path'` also `/` between segments (no leading or trailing `/`, no `//`); no segment may be `.` or `..`.
 * `kind` names the thing in the message, e.g. `'role name'` or `'Vault role name'` both read "Vault role name".
 */
export function vaultNameProblem(kind: string, v: string): string | undefined {
  const what = vaultLabel(kind);
  if (typeof v !== 'string') return notAString(what, v);
  const mountPath = isMountPathKind(kind);
  const rule = mountPath
    ? `a ${what} is 1 to ${MAX_VAULT_NAME_LENGTH} characters of ASCII letters, digits, "_", "." and "-", in segments joined by single "/"`
    : `a ${what} is 1 to ${MAX_VAULT_NAME_LENGTH} characters of ASCII letters, digits, "_", "." and "-"`;
  const quoted = JSON.stringify(v);
  if (v === '') {
    return `${what} ${quoted} is empty; ${rule}, so give a name such as "tfc"`;
  }
  for (const ch of v) {
    if (VAULT_CHAR.test(ch) || (mountPath && ch === '/')) continue;
    return `${what} ${quoted} contains ${JSON.stringify(ch)}, which is not allowed; ${rule}, so remove or replace that character`;
  }
  if (v.length > MAX_VAULT_NAME_LENGTH) {
    return `${what} ${quoted} is ${v.length} characters long; ${rule}, so shorten it`;
  }
  // Only a mount path can hold "/" at this point.
  if (v.startsWith('/') || v.endsWith('/')) {
    return `${what} ${quoted} starts or ends with "/"; ${rule}, so drop the leading and trailing "/" (write "jwt", not "/jwt/")`;
  }
  if (v.includes('//')) {
    return `${what} ${quoted} contains "//", an empty segment; ${rule}, so use a single "/" between segments`;
  }
  const segments = v.split('/');
  const dots = segments.find((s) => s === '.' || s === '..');
  if (dots !== undefined) {
    const why = 'which Vault would treat as a relative path';
    return `${what} ${quoted} has the segment ${JSON.stringify(dots)}, ${why}; ${rule}, so use a segment with at least one letter or digit`;
  }
  return undefined;
}
