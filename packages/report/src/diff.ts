/**
 * `explain --diff OLD NEW`: who gains and who loses which credentials between two configurations, so a reviewer sees
 * that a migration changes no access, or exactly which.
 *
 * Built on the report's results only: the matrix rows of {@link explain} (what each selected workspace or project
 * gets in each phase) and, for tokens nobody selected, the attacker's view of {@link reachableBy}. Probe tokens are
 * derived from the subjects both configurations bind: the same organization, project and workspace with one segment
 * changed to a name nobody granted, in both phases.
 */
import { field, SubjectShape } from './bindings';
import { explain, TrustReport } from './explain';
import { reachableBy } from './model';
import { Selector } from './selectors';
import { LoginCondition, workspaceRunClaims, WorkspaceRun } from './simulate';
import { ConfigurationOptions, textOf } from './terraform-json';
import { DEFAULT_HCP_TERRAFORM_HOSTNAME, DEFAULT_VAULT_AUTH_PATH } from './catalogue';

/** One credential (or a bare Vault login) that a run or a probe token gets. */
export interface AccessItem {
  /** `workspace network-prod (project Networking)`, or the probe token's subject. */
  readonly who: string;
  /**
   * The selector's stable id (`workspace:acme/network-prod`) for a run; what the diff compares, so that the same
   * workspace read from JSON or HCL, looked up or created, is the same whatever its label says about it.
   */
  readonly selector?: string;
  /** When the access depends on what the configuration does not state: `if the id of organization acme is org-…`. */
  readonly condition?: string;
  /**
   * The ids the access depends on, as `claim=value|value` (compared: access on another organization's id is other
   * access). Conditions on names taken from the roles' bindings are not compared: the same workspace read from a
   * look-up or from the resource that creates it is the same workspace.
   */
  readonly requires?: string;
  /** `plan` or `apply`. */
  readonly phase: string;
  readonly namespace: string;
  readonly authPath: string;
  /** The Vault JWT role logged in with. */
  readonly role: string;
  /** Credential path read; undefined for the login itself. */
  readonly path?: string;
  /** Cloud configuration tag, if any. */
  readonly tag?: string;
  /**
   * Ids of the selectors that take in this one's runs: a workspace's project (`project:acme/Data`) and organization
   * (`organization:acme`). Access a covering selector had, or keeps, is not gained, or lost, by naming its workspaces.
   */
  readonly within?: string[];
}

/** The difference between two configurations. */
export interface AccessDiff {
  /** Runs of selected workspaces or projects. */
  readonly gained: AccessItem[];
  readonly lost: AccessItem[];
  /** Tokens of workspaces nobody selected (other organization, project or workspace, or the other phase). */
  readonly attackerGained: AccessItem[];
  readonly attackerLost: AccessItem[];
}

function key(item: AccessItem, selector: string = item.selector ?? item.who): string {
  return [selector, item.requires ?? '', item.phase, item.namespace, item.authPath, item.role, item.path ?? '', item.tag ?? ''].join('\u0000');
}

/**
 * Every admitted login of a matrix row (an item without `path`) and every credential it reads. The login item lets
 * a diff report a role a run newly logs in to, or no longer can, even when no credential path changes.
 */
export function runAccess(report: TrustReport): AccessItem[] {
  const items: AccessItem[] = [];
  for (const row of report.rows) {
    if (row.login !== 'admitted' || row.role === undefined) continue;
    const base = {
      who: row.selector.label,
      selector: row.selector.id,
      phase: row.phase,
      namespace: row.namespace,
      authPath: row.authPath,
      role: row.role,
      ...(row.condition === undefined ? {} : { condition: row.condition }),
      ...requirements(row.conditions),
      ...covering(row.selector),
    };
    const read = row.credentials.filter((c) => c.read === 'allowed' && c.path !== undefined);
    items.push(base);
    for (const cell of read) items.push({ ...base, path: cell.path, tag: cell.tag });
  }
  return items;
}

function covering(selector: Selector): { within?: string[] } {
  if (selector.organization === undefined || selector.kind === 'organization') return {};
  const within = [`organization:${selector.organization}`];
  const inProject = selector.kind === 'workspace' && selector.project !== undefined && !selector.project.includes('(');
  if (inProject) within.unshift(`project:${selector.organization}/${selector.project}`);
  return { within };
}

function requirements(conditions: readonly LoginCondition[]): { requires?: string } {
  const ids = conditions.filter((c) => c.claim !== 'sub').map((c) => `${c.claim}${c.glob ? '~' : '='}${c.values.join('|')}`);
  return ids.length === 0 ? {} : { requires: ids.sort().join(' ') };
}

/**
 * Probe tokens: each bound workspace-run subject with one segment changed to a name nobody granted. A probe carries
 * the ids the same role binds for what it shares with the subject (the organization's id for a probe in the same
 * organization, and so on), and stand-ins for the rest: an id belongs to one organization, project or workspace.
 */
export function probeRuns(reports: readonly TrustReport[]): Array<{ who: string; run: WorkspaceRun }> {
  const seen = new Map<string, { who: string; run: WorkspaceRun }>();
  const hostnames = new Set<string>();
  for (const report of reports) for (const s of report.model.selectors) if (s.hostname) hostnames.add(s.hostname);
  if (hostnames.size === 0) hostnames.add(DEFAULT_HCP_TERRAFORM_HOSTNAME);
  for (const report of reports) {
    for (const binding of report.model.bindings) {
      for (const subject of binding.subjects) {
        const shape = subject.shape;
        if (!shape || shape.kind !== 'workspace-run') continue;
        const base = {
          organization: value(shape, 'organization', 'acme'),
          project: value(shape, 'project', 'Default Project'),
          workspace: value(shape, 'workspace', 'app'),
        };
        const id = (claim: string) => {
          const values = binding.otherClaims[claim];
          return values?.length === 1 && !values[0].includes('${') && !(binding.claimsType === 'glob' && values[0].includes('*')) ? values[0] : undefined;
        };
        const organizationId = id('terraform_organization_id');
        const projectId = id('terraform_project_id');
        const workspaceId = id('terraform_workspace_id');
        const withIds = (run: WorkspaceRun, values: Pick<WorkspaceRun, 'organizationId' | 'projectId' | 'workspaceId'>): WorkspaceRun => ({
          ...run,
          ...(values.organizationId === undefined ? {} : { organizationId: values.organizationId }),
          ...(values.projectId === undefined ? {} : { projectId: values.projectId }),
          ...(values.workspaceId === undefined ? {} : { workspaceId: values.workspaceId }),
        });
        const variants: WorkspaceRun[] = [];
        for (const runPhase of ['plan', 'apply'] as const) {
          variants.push(
            withIds({ ...base, runPhase }, { organizationId, projectId, workspaceId }),
            { ...base, organization: `${base.organization}-evil`, runPhase },
            withIds({ ...base, project: `${base.project}-other`, runPhase }, { organizationId }),
            withIds({ ...base, workspace: `${base.workspace}-other`, runPhase }, { organizationId, projectId }),
          );
        }
        for (const hostname of hostnames) {
          for (const run of variants) {
            const ids = [run.organizationId, run.projectId, run.workspaceId].filter((i) => i !== undefined);
            const host = hostname === DEFAULT_HCP_TERRAFORM_HOSTNAME ? '' : `${hostname} `;
            const idList = ids.length > 0 ? ` (${ids.join(', ')})` : '';
            const who = `token ${host}organization:${run.organization}:project:${run.project}:workspace:${run.workspace}${idList}`;
            const key = `${who}\u0000${run.runPhase}\u0000${run.organizationId ?? ''}\u0000${run.projectId ?? ''}\u0000${run.workspaceId ?? ''}`;
            seen.set(key, { who, run: { ...run, hostname } });
          }
        }
      }
    }
  }
  return [...seen.values()];
}

/** A literal segment value of a subject shape, or a stand-in for a wildcard or an unresolved one. */
function value(shape: SubjectShape, label: string, standIn: string): string {
  const constraint = field(shape, label);
  if (constraint.kind === 'literal' && !constraint.value.includes('${')) return constraint.value;
  if (constraint.kind === 'partial') return constraint.value.replace(/\*/g, 'x');
  return standIn;
}

/** What each probe token reaches in a configuration, through any role it chooses. */
export function probeAccess(
  report: TrustReport,
  probes: ReadonlyArray<{ who: string; run: WorkspaceRun }>,
  paths: ReadonlyArray<{ namespace: string; path: string }>,
): AccessItem[] {
  const items: AccessItem[] = [];
  for (const probe of probes) {
    for (const reach of reachableBy(report.model, (audience) => workspaceRunClaims(probe.run, audience), paths)) {
      items.push({
        who: probe.who,
        phase: probe.run.runPhase,
        namespace: textOf(reach.role.namespace) ?? '',
        authPath: textOf(reach.role.mountPath) ?? DEFAULT_VAULT_AUTH_PATH,
        role: textOf(reach.role.name) ?? reach.role.block.address,
        path: reach.path,
      });
    }
  }
  return items;
}

/** Compares two configurations (parsed `cdk.tf.json` objects or their text). */
export function diffConfigurations(oldInput: unknown, newInput: unknown, options: ConfigurationOptions = {}): AccessDiff {
  const before = explain(oldInput, options);
  const after = explain(newInput, options);
  const paths = dedupe([...before.model.usedPaths, ...after.model.usedPaths, ...universe(before), ...universe(after)]);
  const probes = probeRuns([before, after]);
  const [gained, lost] = compare(runAccess(before), runAccess(after));
  const [attackerGained, attackerLost] = compare(probeAccess(before, probes, paths), probeAccess(after, probes, paths));
  return { gained, lost, attackerGained, attackerLost };
}

function universe(report: TrustReport): Array<{ namespace: string; path: string }> {
  return report.model.roles.flatMap((role) => role.readable.map((path) => ({ namespace: role.namespace, path })));
}

function dedupe(paths: Array<{ namespace: string; path: string }>): Array<{ namespace: string; path: string }> {
  const seen = new Map<string, { namespace: string; path: string }>();
  for (const p of paths) seen.set(`${p.namespace}\u0000${p.path}`, { namespace: p.namespace, path: p.path });
  return [...seen.values()];
}

/** [in `after` only, in `before` only], sorted. An item the other side has through a covering selector is in both. */
function compare(before: AccessItem[], after: AccessItem[]): [AccessItem[], AccessItem[]] {
  const beforeKeys = new Set(before.map((item) => key(item)));
  const afterKeys = new Set(after.map((item) => key(item)));
  const has = (other: Set<string>, item: AccessItem) => other.has(key(item)) || (item.within ?? []).some((selector) => other.has(key(item, selector)));
  const only = (items: AccessItem[], other: Set<string>) => {
    const out = new Map<string, AccessItem>();
    for (const item of items) if (!has(other, item)) out.set(key(item), item);
    return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
  };
  return [only(after, beforeKeys), only(before, afterKeys)];
}

/** True when some run or some probe token gains access. */
export function gainsAccess(diff: AccessDiff): boolean {
  return diff.gained.length > 0 || diff.attackerGained.length > 0;
}

function describe(item: AccessItem): string {
  const where = `${item.namespace ? `${item.namespace}/` : ''}auth/${item.authPath}/role/${item.role}`;
  const condition = item.condition === undefined ? '' : `  (${item.condition})`;
  return `${item.who}  ${item.phase}  ${where}  ${item.path === undefined ? '(login)' : `${item.path}${item.tag ? ` [${item.tag}]` : ''}`}${condition}`;
}

/** The diff as text for people. */
export function renderDiff(diff: AccessDiff, oldName: string, newName: string): string {
  const lines = [`Access from ${oldName} to ${newName}`, ''];
  const section = (title: string, sign: string, items: AccessItem[]) => {
    lines.push(`${title}: ${items.length === 0 ? 'none' : ''}`.trimEnd());
    for (const item of items) lines.push(`  ${sign} ${describe(item)}`);
    lines.push('');
  };
  section('Runs gain', '+', diff.gained);
  section('Runs lose', '-', diff.lost);
  section('Tokens nobody selected gain', '+', diff.attackerGained);
  section('Tokens nobody selected lose', '-', diff.attackerLost);
  lines.push(gainsAccess(diff) ? 'Access is gained: review the lines marked "+".' : 'No run and no other token gains access.');
  return lines.join('\n') + '\n';
}
