/**
 * A small, dependency-free model of a Vault ACL policy document.
 *
 * The document only renders paths from a deliberately narrow alphabet (see
 * `policyPathProblem`), so the HCL it produces never needs escaping and can
 * never smuggle in interpolation, comments or extra blocks.
 */

/** Every capability Vault understands, in the canonical order used for output. */
export const VAULT_CAPABILITIES = [
  'create',
  'read',
  'update',
  'patch',
  'delete',
  'list',
  'sudo',
  'deny',
  'subscribe',
  'recover',
] as const;

export type VaultCapability = typeof VAULT_CAPABILITIES[number];

/** One `path "…" { capabilities = […] }` stanza. */
export interface PolicyRule {
  readonly path: string;
  readonly capabilities: readonly VaultCapability[];
}

/** Longest path this library is willing to render. */
export const MAX_POLICY_PATH_LENGTH = 512;

const CAPABILITY_RANK: ReadonlyMap<string, number> = new Map(
  VAULT_CAPABILITIES.map((capability, index) => [capability, index] as const),
);

const SEGMENT_CHAR = /[A-Za-z0-9_.-]/;

const ALLOWED_PATH_SHAPE =
  'segments made of letters, digits, "_", "." and "-", joined by single "/" and not starting with "/"; ' +
  'a segment may be exactly "+" (one-segment wildcard) and the path may end with "*" (prefix glob)';

/** True when `value` names a capability Vault knows about. */
export function isVaultCapability(value: string): value is VaultCapability {
  return CAPABILITY_RANK.has(value);
}

/**
 * De-duplicates capabilities and puts them in canonical order: known ones in
 * the order of `VAULT_CAPABILITIES`, unknown strings afterwards in code-unit order.
 */
export function sortCapabilities(capabilities: Iterable<string>): string[] {
  const unique = [...new Set(capabilities)];
  return unique.sort((a, b) => {
    const ra = CAPABILITY_RANK.get(a);
    const rb = CAPABILITY_RANK.get(b);
    if (ra !== undefined && rb !== undefined) return ra - rb;
    if (ra !== undefined) return -1;
    if (rb !== undefined) return 1;
    return compareCodeUnits(a, b);
  });
}

/** Locale-independent string comparison (UTF-16 code units), for stable output. */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function describeCharacter(ch: string): string {
  if (/\s/.test(ch)) return `whitespace ${JSON.stringify(ch)}`;
  return `the character ${JSON.stringify(ch)}`;
}

/**
 * Checks that `path` is a policy path this library may render.
 *
 * @returns `undefined` when the path is acceptable, otherwise a message that
 *          quotes the value and explains what is allowed.
 */
export function policyPathProblem(path: string): string | undefined {
  if (typeof path !== 'string') {
    return `policy path must be a string, got ${typeof path}. Allowed: ${ALLOWED_PATH_SHAPE}.`;
  }
  const refuse = (reason: string): string =>
    `policy path ${JSON.stringify(path)} is refused: ${reason}. Allowed: ${ALLOWED_PATH_SHAPE}.`;

  if (path.length === 0) return refuse('it is empty');
  if (path.length > MAX_POLICY_PATH_LENGTH) {
    return refuse(`it is ${path.length} characters long, the limit is ${MAX_POLICY_PATH_LENGTH}`);
  }

  const isGlob = path.endsWith('*');
  const body = isGlob ? path.slice(0, -1) : path;
  if (body.includes('*')) return refuse('"*" may only be the last character');
  if (body.startsWith('/')) return refuse('it starts with "/"');

  const segments = body.split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const isLast = i === segments.length - 1;
    if (segment === '') {
      // "secret/" (trailing slash), "secret/*" and the bare "*" leave an empty last segment; that is fine.
      if (isLast) continue;
      return refuse('it contains an empty segment ("//")');
    }
    if (segment === '+') {
      if (isLast && isGlob) return refuse('"+*" is rejected by Vault');
      continue;
    }
    if (segment === '.' || segment === '..') {
      return refuse(`it contains a ${JSON.stringify(segment)} segment`);
    }
    for (const ch of segment) {
      if (!SEGMENT_CHAR.test(ch)) return refuse(`segment ${JSON.stringify(segment)} contains ${describeCharacter(ch)}`);
    }
  }
  return undefined;
}

/**
 * Checks a Vault policy name. Vault stores names as `ToLower(TrimSpace(name))`,
 * so anything else would show a permanent diff; `root` is reserved.
 */
export function policyNameProblem(name: string): string | undefined {
  if (typeof name !== 'string') return `policy name must be a string, got ${typeof name}`;
  const quoted = JSON.stringify(name);
  if (name.length === 0) return 'policy name must not be empty';
  if (name !== name.trim().toLowerCase()) {
    return `policy name ${quoted} is refused: Vault stores policy names trimmed and lower-cased, use ${JSON.stringify(name.trim().toLowerCase())}`;
  }
  if (name === 'root') return 'policy name "root" is refused: it is reserved by Vault';
  if (!/^[a-z0-9_.-]+$/.test(name)) {
    return `policy name ${quoted} is refused: use only lower-case letters, digits, "_", "." and "-"`;
  }
  return undefined;
}

/**
 * The token self-management paths that HCP Terraform's documentation asks the
 * run token's policy to grant (Vault's `default` policy grants them too, but it
 * may be edited or detached).
 */
export const TOKEN_SELF_RULES: readonly PolicyRule[] = Object.freeze([
  Object.freeze({ path: 'auth/token/lookup-self', capabilities: Object.freeze(['read'] as const) }),
  Object.freeze({ path: 'auth/token/renew-self', capabilities: Object.freeze(['update'] as const) }),
  Object.freeze({ path: 'auth/token/revoke-self', capabilities: Object.freeze(['update'] as const) }),
]);

/**
 * An accumulating Vault ACL policy. Rules for the same path are merged, and
 * the output is independent of the order in which rules were added.
 */
export class PolicyDocument {
  /** Build a document from rules (merging duplicates). */
  public static fromRules(rules: Iterable<PolicyRule>): PolicyDocument {
    const document = new PolicyDocument();
    for (const rule of rules) document.addRule(rule.path, rule.capabilities);
    return document;
  }

  private readonly byPath = new Map<string, Set<string>>();

  /**
   * Grants `capabilities` on `path`. Adding the same path again merges the
   * capability sets. Nothing is checked here; see `validate()`.
   */
  public addRule(path: string, capabilities: readonly VaultCapability[]): this {
    let existing = this.byPath.get(path);
    if (existing === undefined) {
      existing = new Set<string>();
      this.byPath.set(path, existing);
    }
    for (const capability of capabilities) existing.add(capability);
    return this;
  }

  /**
   * The rules sorted by path, capabilities in canonical order. Strings that
   * are not Vault capabilities (possible from untyped callers) are kept at the
   * end so `validate()` can report them.
   */
  public get rules(): PolicyRule[] {
    return [...this.byPath.entries()]
      .sort(([a], [b]) => compareCodeUnits(a, b))
      .map(([path, capabilities]) => ({ path, capabilities: sortCapabilities(capabilities) as VaultCapability[] }));
  }

  /** Every reason this document cannot be rendered; empty when it can. */
  public validate(): string[] {
    const problems: string[] = [];
    if (this.byPath.size === 0) problems.push('the policy has no rules (Vault refuses an empty policy)');
    for (const rule of this.rules) {
      const label = `path ${JSON.stringify(rule.path)}`;
      const pathProblem = policyPathProblem(rule.path);
      if (pathProblem !== undefined) problems.push(pathProblem);
      const capabilities: readonly string[] = rule.capabilities;
      if (capabilities.length === 0) {
        problems.push(`${label}: no capabilities given`);
      }
      for (const capability of capabilities) {
        if (!isVaultCapability(capability)) {
          problems.push(
            `${label}: unknown capability ${JSON.stringify(capability)}; known capabilities: ${VAULT_CAPABILITIES.join(', ')}`,
          );
        }
      }
      if (capabilities.includes('deny') && capabilities.length > 1) {
        const others = capabilities.filter((c) => c !== 'deny');
        problems.push(
          `${label}: "deny" cannot be combined with other capabilities (${others.join(', ')}); Vault would ignore them`,
        );
      }
    }
    return problems;
  }

  /** Renders the policy as HCL. Throws when `validate()` reports problems. */
  public render(): string {
    const problems = this.validate();
    if (problems.length > 0) {
      throw new Error(`Cannot render Vault policy:\n- ${problems.join('\n- ')}`);
    }
    return this.rules
      .map((rule) => {
        const list = rule.capabilities.map((c) => `"${c}"`).join(', ');
        return `path "${rule.path}" {\n  capabilities = [${list}]\n}\n`;
      })
      .join('\n');
  }
}
