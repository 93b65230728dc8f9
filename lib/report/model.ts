/**
 * The trust model of a configuration: every selector simulated in both phases (the matrix), every JWT role with
 * what it admits and what it can read, and the credential paths in use. Findings are pure functions of this model.
 */
import { TokenClaims } from '../claims/login';
import { evaluateAcl } from '../policy/acl';
import { admittedPhases, RoleBinding, roleBinding } from './bindings';
import { Phase, PHASES } from './configurations';
import { evaluateSelector, Selector, SelectorEvaluation, selectorsOf } from './selectors';
import { knownCredentialPaths, LoginVerdict, reachableCredentials, ReadVerdict, tokenPolicies, TokenPolicies, vaultIndexOf } from './simulate';
import { TerraformConfiguration, textOf } from './terraform-json';
import { Cloud, JwtRoleInfo, VaultIndex } from './vault-index';

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
  for (const row of rows) {
    for (const cell of row.credentials) {
      if (cell.path !== undefined && !usedPaths.some((u) => u.namespace === row.namespace && u.path === cell.path)) {
        usedPaths.push({ namespace: row.namespace, path: cell.path, cloud: cell.cloud });
      }
    }
  }
  const bindings = index.roles.map((role) => roleBinding(index, role));
  const rolePolicies = new Map(index.roles.map((role) => [role.block.address, tokenPolicies(index, role)] as const));
  const universe = [...knownCredentialPaths(config), ...usedPaths];
  const roles = bindings.map((binding) => roleSummary(binding, rolePolicies.get(binding.role.block.address)!, universe, rows));
  return { config, index, selectors, evaluations, rows, bindings, roles, usedPaths, rolePolicies };
}

function rowsOf(evaluation: SelectorEvaluation): MatrixRow[] {
  const { selector, phase, condition, outcome } = evaluation;
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
    condition,
    vaultTag: v.configuration.tag,
    namespace: textOf(v.configuration.namespace) ?? '',
    authPath: textOf(v.configuration.authPath) ?? 'jwt',
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
      condition,
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

function describeBinding(binding: RoleBinding): string[] {
  const out: string[] = [];
  const claims = binding.subjects.filter((s) => s.source === 'bound_claims.sub');
  if (claims.length > 0) out.push(`sub ${binding.claimsType === 'glob' ? '~' : '='} ${claims.map((s) => s.pattern).join(' | ')}`);
  for (const s of binding.subjects.filter((x) => x.source === 'bound_subject')) out.push(`bound_subject = ${s.pattern}`);
  for (const [claim, values] of Object.entries(binding.otherClaims)) out.push(`${claim} ${binding.claimsType === 'glob' ? '~' : '='} ${values.join(' | ')}`);
  for (const symbol of binding.symbolic) out.push(`${symbol} (not a literal)`);
  return out;
}

function roleSummary(binding: RoleBinding, policies: TokenPolicies, universe: ReadonlyArray<{ namespace: string; path: string }>, rows: MatrixRow[]): RoleSummary {
  const role = binding.role;
  const namespace = textOf(role.namespace) ?? '';
  const readable = [...new Set(universe.filter((u) => u.namespace === namespace).map((u) => u.path))]
    .filter((path) => evaluateAcl(policies.policies, path, 'read').allowed)
    .sort();
  return {
    address: role.block.address,
    namespace,
    authPath: textOf(role.mountPath) ?? 'jwt',
    name: textOf(role.name) ?? role.block.address,
    admits: describeBinding(binding),
    phases: admittedPhases(binding),
    policies: policies.policyNames,
    readable,
    usedBy: [...new Set(rows.filter((r) => r.roleAddress === role.block.address).map((r) => `${r.selector.label} ${r.phase}`))],
  };
}

/** A credential path a token reaches by logging in to a role of its choosing. */
export interface Reach {
  readonly role: JwtRoleInfo;
  readonly path: string;
}

/** The attacker's view of a token builder: see {@link reachableCredentials}. */
export function reachableBy(model: ReportModel, claimsFor: (audience: string) => TokenClaims, paths: ReadonlyArray<{ namespace: string; path: string }>): Reach[] {
  return reachableCredentials(model.config, claimsFor, paths).map((r) => ({
    role: model.index.roles.find((role) => role.block.address === r.roleAddress)!,
    path: r.path,
  }));
}
