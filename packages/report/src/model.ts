/**
 * The trust model of a configuration: every selector simulated in both phases (the matrix), every JWT role with
 * what it admits and what it can read, and the credential paths in use. Findings are pure functions of this model.
 */
import { TokenClaims } from './claims/login';
import { evaluateAcl } from './policy/acl';
import { admittedPhases, RoleBinding, roleBinding } from './bindings';
import { Phase, PHASES } from './configurations';
import { evaluateSelector, Selector, SelectorEvaluation, selectorsOf } from './selectors';
import { knownCredentialPaths, LoginCondition, LoginVerdict, reachableCredentials, ReadVerdict, tokenPolicies, TokenPolicies, vaultIndexOf } from './simulate';
import { literalOf, TerraformConfiguration, textOf } from './terraform-json';
import { Cloud, EngineRoleInfo, JwtRoleInfo, VaultIndex } from './vault-index';
import { auditedRunFacts, DEFAULT_VAULT_AUTH_PATH } from './catalogue';

/** One credential a row's configuration fetches. */
export interface CredentialCell {
  readonly cloud: Cloud;
  /** Configuration tag; undefined for the default configuration. */
  readonly tag?: string;
  readonly path?: string;
  readonly read: ReadVerdict;
  readonly reason?: string;
  readonly problems: string[];
  readonly engineRole?: string;
}

/** One line of the matrix: a selector in a phase, through one Vault configuration. */
export interface MatrixRow {
  readonly selector: Selector;
  readonly phase: Phase;
  /**
   * What must hold for the admission, when the configuration does not state it: ids a role binds that the
   * configuration does not give for this selector, names taken from the roles' bindings. Empty when unconditional.
   */
  readonly conditions: LoginCondition[];
  /** {@link conditions} as one phrase for people, `if the id of organization acme is org-…`; undefined when none. */
  readonly condition?: string;
  /** Vault configuration tag; undefined for the default configuration. */
  readonly vaultTag?: string;
  readonly namespace: string;
  readonly authPath: string;
  /** The JWT role name the phase logs in with. */
  readonly role?: string;
  /** The env key that named it. */
  readonly roleVariable?: string;
  readonly roleAddress?: string;
  readonly login: LoginVerdict | 'not attempted';
  readonly reason?: string;
  readonly policies: string[];
  readonly credentials: CredentialCell[];
  /** Configuration problems that stop the phase. */
  readonly problems: string[];
}

/** A JWT role, who it admits and what it can read. */
export interface RoleSummary {
  readonly address: string;
  readonly namespace: string;
  readonly authPath: string;
  readonly name: string;
  /** Human-readable bindings, all of which must hold: `sub` (alternatives separated by `|`) and other bound claims. */
  readonly admits: string[];
  readonly phases: Phase[];
  readonly policies: string[];
  /** Known credential paths (engine roles and configured paths in its namespace) its policies allow reading. */
  readonly readable: string[];
  /** `<selector> <phase>` for each matrix row that logs in with it. */
  readonly usedBy: string[];
  /**
   * The run facts a Vault audit log line of this role's tokens carries, from its `claim_mappings`: `<fact> (<metadata
   * key>)` per mapped claim; empty when the role maps none, so the audit log names the role but not the run.
   */
  readonly audited: string[];
}

/** A credential path in use, with the namespace it lives in. */
export interface UsedPath {
  readonly namespace: string;
  readonly path: string;
  readonly cloud: Cloud;
}

/** Everything findings look at. */
export interface ReportModel {
  readonly config: TerraformConfiguration;
  readonly index: VaultIndex;
  readonly selectors: Selector[];
  readonly evaluations: SelectorEvaluation[];
  readonly rows: MatrixRow[];
  readonly bindings: RoleBinding[];
  readonly roles: RoleSummary[];
  /** Credential paths some matrix row fetches. */
  readonly usedPaths: UsedPath[];
  /** The policies each role's tokens carry, by role address. */
  readonly rolePolicies: ReadonlyMap<string, TokenPolicies>;
  /** {@link usedPaths} indexed, to find which of them a policy rule grants. */
  readonly usedPathIndex: PathUniverse;
}

/** Builds the model. */
export function buildModel(config: TerraformConfiguration): ReportModel {
  const index = vaultIndexOf(config);
  const selectors = selectorsOf(config);
  const evaluations: SelectorEvaluation[] = [];
  for (const selector of selectors) {
    for (const phase of PHASES) {
      const evaluation = evaluateSelector(config, selector, phase);
      if (evaluation) evaluations.push(evaluation);
    }
  }
  const rows = evaluations.flatMap(rowsOf);
  const usedPaths: UsedPath[] = [];
  const seenPaths = new Set<string>();
  for (const row of rows) {
    for (const cell of row.credentials) {
      const key = JSON.stringify([row.namespace, cell.path]);
      if (cell.path !== undefined && !seenPaths.has(key)) {
        seenPaths.add(key);
        usedPaths.push({ namespace: row.namespace, path: cell.path, cloud: cell.cloud });
      }
    }
  }
  const bindings = index.roles.map((role) => roleBinding(index, role));
  const rolePolicies = new Map(index.roles.map((role) => [role.block.address, tokenPolicies(index, role)] as const));
  const universe = new PathUniverse([...knownCredentialPaths(config), ...usedPaths]);
  const usedBy = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.roleAddress === undefined) continue;
    const users = usedBy.get(row.roleAddress) ?? new Set<string>();
    users.add(`${row.selector.label} ${row.phase}`);
    usedBy.set(row.roleAddress, users);
  }
  const roles = bindings.map((binding) => {
    const address = binding.role.block.address;
    return roleSummary(config, binding, rolePolicies.get(address)!, universe, [...(usedBy.get(address) ?? [])]);
  });
  return { config, index, selectors, evaluations, rows, bindings, roles, usedPaths, rolePolicies, usedPathIndex: new PathUniverse(usedPaths) };
}

/** Conditions as one phrase: `if A and B`. */
export function conditionText(conditions: readonly LoginCondition[]): string | undefined {
  return conditions.length === 0 ? undefined : `if ${conditions.map((c) => c.text).join(' and ')}`;
}

function rowsOf(evaluation: SelectorEvaluation): MatrixRow[] {
  const { selector, phase, outcome } = evaluation;
  const conditionsOf = (login: { conditions: LoginCondition[] } | undefined) => {
    const conditions = [...evaluation.conditions, ...(login?.conditions ?? [])];
    const condition = conditionText(conditions);
    return condition === undefined ? { conditions } : { conditions, condition };
  };
  const cell = (c: (typeof outcome.credentials)[number]): CredentialCell => ({
    cloud: c.configuration.cloud,
    tag: c.configuration.tag,
    path: c.path,
    read: c.read,
    reason: c.reason,
    problems: c.problems,
    engineRole: c.engineRole,
  });
  const rows: MatrixRow[] = outcome.vault.map((v) => ({
    selector,
    phase,
    ...conditionsOf(v.login?.admitted ? v.login : undefined),
    vaultTag: v.configuration.tag,
    namespace: textOf(v.configuration.namespace) ?? '',
    authPath: textOf(v.configuration.authPath) ?? DEFAULT_VAULT_AUTH_PATH,
    role: textOf(v.role?.value),
    roleVariable: v.role?.key,
    roleAddress: v.login?.roleAddress,
    login: v.login?.verdict ?? 'not attempted',
    reason: v.login?.reason,
    policies: v.login?.admitted ? v.login.policyNames : [],
    credentials: outcome.credentials.filter((c) => c.configuration.vaultTag === v.configuration.tag).map(cell),
    problems: [...v.configuration.problems, ...v.configuration.phaseProblems[phase]],
  }));
  const orphans = outcome.credentials.filter((c) => !outcome.vault.some((v) => v.configuration.tag === c.configuration.vaultTag));
  for (const vaultTag of [...new Set(orphans.map((c) => c.configuration.vaultTag))]) {
    const cells = orphans.filter((c) => c.configuration.vaultTag === vaultTag);
    rows.push({
      selector,
      phase,
      conditions: [],
      vaultTag,
      namespace: '',
      authPath: '',
      login: 'not attempted',
      reason: cells[0].problems[0],
      policies: [],
      credentials: cells.map(cell),
      problems: [...new Set(cells.flatMap((c) => c.problems))],
    });
  }
  return rows;
}

function describeBinding(config: TerraformConfiguration, binding: RoleBinding): string[] {
  const out: string[] = [];
  const claims = binding.subjects.filter((s) => s.source === 'bound_claims.sub');
  if (claims.length > 0) out.push(`sub ${binding.claimsType === 'glob' ? '~' : '='} ${claims.map((s) => s.pattern).join(' | ')}`);
  for (const s of binding.subjects.filter((x) => x.source === 'bound_subject')) out.push(`bound_subject = ${s.pattern}`);
  for (const [claim, values] of Object.entries(binding.otherClaims)) out.push(`${claim} ${binding.claimsType === 'glob' ? '~' : '='} ${values.join(' | ')}`);
  for (const symbol of binding.symbolic) {
    // A template with unknown parts shows its known parts: `bound_claims.sub ~ organization:${var.org}:project:...`.
    const attribute = symbol.slice(binding.role.block.address.length + 1);
    let value: unknown = binding.role.block.body;
    for (const key of attribute.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    const text = typeof value === 'string' ? textOf(config.resolve(value)) : undefined;
    const partial = text !== undefined && text.includes('${') && !/^\$\{[^}]*\}$/.test(text);
    out.push(partial ? `${attribute} ${binding.claimsType === 'glob' ? '~' : '='} ${text} (partly known)` : `${symbol} (not a literal)`);
  }
  return out;
}

/**
 * Known credential paths by namespace, sorted, so the paths a policy may grant are found from its rules (an exact
 * path, a range for a `prefix*` rule) rather than by asking the ACL about every path of the configuration.
 */
export class PathUniverse {
  private readonly byNamespace = new Map<string, string[]>();
  /** Where each path first appears in the list given, to answer in that order. */
  private readonly order = new Map<string, Map<string, number>>();
  /** Namespaces with a path that starts with `/` (the ACL strips it), where candidates cannot be found by prefix. */
  private readonly slashed = new Set<string>();

  constructor(paths: ReadonlyArray<{ namespace: string; path: string }>) {
    const sets = new Map<string, Set<string>>();
    for (const { namespace, path } of paths) {
      if (path.startsWith('/')) this.slashed.add(namespace);
      const order = this.order.get(namespace) ?? new Map<string, number>();
      if (!order.has(path)) order.set(path, order.size);
      this.order.set(namespace, order);
      const set = sets.get(namespace) ?? new Set<string>();
      set.add(path);
      sets.set(namespace, set);
    }
    for (const [namespace, set] of sets) this.byNamespace.set(namespace, [...set].sort());
  }

  /** The paths of `namespace` that `policies` allow `capability` on, sorted. */
  public allowed(namespace: string, policies: TokenPolicies['policies'], capability: string): string[] {
    return [...this.candidates(namespace, policies.flat().map((r) => r.path))].filter((path) => evaluateAcl(policies, path, capability).allowed).sort();
  }

  /** The paths of `namespace` that one rule with `read` on `rulePath` would let a token read, in the order given. */
  public readableBy(namespace: string, rulePath: string): string[] {
    const rule = [[{ path: rulePath, capabilities: ['read'] }]];
    const order = this.order.get(namespace) ?? new Map<string, number>();
    return [...this.candidates(namespace, [rulePath])]
      .filter((path) => evaluateAcl(rule, path, 'read').allowed)
      .sort((a, b) => order.get(a)! - order.get(b)!);
  }

  /** Paths some of `rulePaths` may match: a superset of those the rules grant. */
  private candidates(namespace: string, rulePaths: readonly string[]): Set<string> {
    const paths = this.byNamespace.get(namespace) ?? [];
    const candidates = new Set<string>();
    for (const rulePath of rulePaths) {
      if (rulePath.startsWith('/') || rulePath.includes('+') || this.slashed.has(namespace)) {
        // Rare shapes: every path is a candidate.
        return new Set(paths);
      }
      if (rulePath.endsWith('*')) {
        const stem = rulePath.slice(0, -1);
        for (let i = lowerBound(paths, stem); i < paths.length && paths[i].startsWith(stem); i++) candidates.add(paths[i]);
      } else {
        const i = lowerBound(paths, rulePath);
        if (paths[i] === rulePath) candidates.add(rulePath);
      }
    }
    // A path no rule matches is denied; the ACL decides the others (priority, deny).
    return candidates;
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function roleSummary(config: TerraformConfiguration, binding: RoleBinding, policies: TokenPolicies, universe: PathUniverse, usedBy: string[]): RoleSummary {
  const role = binding.role;
  const namespace = textOf(role.namespace) ?? '';
  const readable = universe.allowed(namespace, policies.policies, 'read');
  return {
    address: role.block.address,
    namespace,
    authPath: textOf(role.mountPath) ?? DEFAULT_VAULT_AUTH_PATH,
    name: textOf(role.name) ?? role.block.address,
    admits: describeBinding(config, binding),
    phases: admittedPhases(binding),
    policies: policies.policyNames,
    readable,
    usedBy,
    audited: auditedFacts(config, role),
  };
}

/** The run facts the token metadata of a role carries ({@link RoleSummary.audited}); a reference is named as such. */
function auditedFacts(config: TerraformConfiguration, role: JwtRoleInfo): string[] {
  const raw = role.block.body.claim_mappings;
  if (raw === undefined || raw === null) return [];
  if (typeof raw !== 'object' || Array.isArray(raw)) return [`${role.block.address}.claim_mappings (not a literal)`];
  const mappings: Record<string, string> = {};
  for (const [claim, value] of Object.entries(raw as Record<string, unknown>)) {
    mappings[claim] = literalOf(config.resolve(value)) ?? `${role.block.address}.claim_mappings.${claim} (not a literal)`;
  }
  return auditedRunFacts(mappings);
}

/** A credential path a token reaches by logging in to a role of its choosing. */
export interface Reach {
  readonly role: JwtRoleInfo;
  readonly path: string;
  /** The capability that obtains it (`read`, or `update` where the engine issues credentials on writes too). */
  readonly capability: string;
}

/** The attacker's view of a token builder: see {@link reachableCredentials}. */
export function reachableBy(
  model: ReportModel,
  claimsFor: (audience: string) => TokenClaims,
  paths: ReadonlyArray<{ namespace: string; path: string }>,
): Reach[] {
  return reachableCredentials(model.config, claimsFor, paths).map((r) => ({
    role: model.index.roleByAddress(r.roleAddress)!,
    path: r.path,
    capability: r.capability,
  }));
}

/** What one cloud configuration of a selector reads in each phase: the credential path and the engine role serving it. */
export interface PhaseRead {
  readonly path?: string;
  /** The secrets engine role that serves the path, when it is in the configuration. */
  readonly engineRole?: EngineRoleInfo;
  /** The login's verdict in that phase, and its conditions (see `MatrixRow.conditions`). */
  readonly login: MatrixRow['login'];
  readonly conditions: LoginCondition[];
}

/**
 * The engine roles a selector's plan and apply runs read, side by side, per Vault configuration and cloud
 * configuration (tag): what a rule needs to compare the two phases (for example plan holding a broader cloud role
 * than apply). A phase without a credential for that cloud configuration is absent.
 */
export interface PhaseEngineRoles {
  readonly selector: Selector;
  /** Vault configuration tag; undefined for the default configuration. */
  readonly vaultTag?: string;
  readonly cloud: Cloud;
  /** Cloud configuration tag; undefined for the default configuration. */
  readonly tag?: string;
  readonly plan?: PhaseRead;
  readonly apply?: PhaseRead;
}

/** Every selector's plan and apply reads, paired by Vault configuration, cloud and tag, in matrix order. */
export function phaseEngineRoles(model: ReportModel): PhaseEngineRoles[] {
  const pairs = new Map<string, { selector: Selector; vaultTag?: string; cloud: Cloud; tag?: string; plan?: PhaseRead; apply?: PhaseRead }>();
  for (const row of model.rows) {
    for (const cell of row.credentials) {
      const key = JSON.stringify([row.selector.id, row.vaultTag ?? null, cell.cloud, cell.tag ?? null]);
      const pair = pairs.get(key) ?? { selector: row.selector, vaultTag: row.vaultTag, cloud: cell.cloud, tag: cell.tag };
      const engineRole = cell.engineRole === undefined ? undefined : model.index.engineRoleByAddress(cell.engineRole);
      pair[row.phase] = { path: cell.path, engineRole, login: row.login, conditions: row.conditions };
      pairs.set(key, pair);
    }
  }
  return [...pairs.values()];
}
