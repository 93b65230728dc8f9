/**
 * The names and paths Vault reserves for itself, and the checks of values whose characters are all legal but which
 * would use them: namespace traversal and reserved namespace names, mounts under Vault's reserved paths, and the
 * reserved policy names. Each message names the prop, the value and the fix.
 */

/** First path segments Vault reserves for its own endpoints; a secrets engine cannot be mounted under them. */
export const RESERVED_MOUNT_PREFIXES = ['auth', 'sys', 'identity', 'cubbyhole'] as const;
/** Auth mount paths Vault uses itself (`auth/token` is built in). */
export const RESERVED_AUTH_MOUNTS = ['token'] as const;
/** Namespace names Vault refuses, as they shadow its own paths. */
export const RESERVED_NAMESPACE_NAMES = ['root', 'sys', 'audit', 'auth', 'cubbyhole', 'identity'] as const;
/** Policy names Vault reserves: `root` cannot be written, `default` is attached to every token. */
export const RESERVED_POLICY_NAMES = ['root', 'default'] as const;

/** Problem with a namespace whose segments traverse (`.` or `..`) or use a reserved name, or undefined. */
export function namespaceStructureProblem(prop: string, value: string): string | undefined {
  const segments = value.split('/');
  const traversal = segments.find((s) => s === '.' || s === '..');
  if (traversal !== undefined) {
    return `${prop} ${JSON.stringify(value)} has a ${JSON.stringify(traversal)} segment; namespaces are not resolved like file paths, so runs and resources ` +
      `would land in a namespace you did not name. Write the namespace path without "." or ".." segments (for example "admin/team-a")`;
  }
  const reserved = segments.find((s) => (RESERVED_NAMESPACE_NAMES as readonly string[]).includes(s));
  if (reserved !== undefined) {
    return `${prop} ${JSON.stringify(value)} has the segment ${JSON.stringify(reserved)}, a name Vault reserves for its own paths; rename that namespace`;
  }
  return undefined;
}

/** Problem with a mount path under one of Vault's reserved paths, or undefined. `auth` mounts are relative to `auth/`. */
export function mountStructureProblem(label: string, prop: string, value: string): string | undefined {
  const first = value.split('/')[0];
  if (label === 'JWT auth') {
    if ((RESERVED_AUTH_MOUNTS as readonly string[]).includes(first)) {
      return `${prop} ${JSON.stringify(value)} would mount the JWT auth method at auth/${value}, which Vault's built-in token auth method occupies; choose ` +
        `another path such as "jwt"`;
    }
    return undefined;
  }
  if ((RESERVED_MOUNT_PREFIXES as readonly string[]).includes(first)) {
    return `${prop} ${JSON.stringify(value)} of the ${label} is under "${first}/", which Vault reserves for its own endpoints (a policy on it would read or ` +
      `write Vault itself); choose a path such as "${label.startsWith('AWS') ? 'aws' : label.startsWith('GCP') ? 'gcp' : 'azure'}"`;
  }
  return undefined;
}

/** Problem with a JWT role or policy name Vault reserves, or undefined. */
export function reservedNameProblem(kind: 'Vault role name' | 'Vault policy name', prop: string, value: string): string | undefined {
  if ((RESERVED_POLICY_NAMES as readonly string[]).includes(value.toLowerCase())) {
    const why = value.toLowerCase() === 'root' ? 'Vault refuses to write the root policy' : 'the default policy is attached to every Vault token, so writing ' +
      'it would grant these credentials to every token';
    return `${kind} ${JSON.stringify(value)} (from ${prop}) is reserved: ${why}; set ${prop} to another name`;
  }
  return undefined;
}
