/**
 * Which HCP Terraform variables reach a workspace's runs, and which value wins for each key.
 *
 * Sources: variable sets attached to the workspace (`tfe_workspace_variable_set`, the deprecated `workspace_ids`),
 * to its project (`tfe_project_variable_set`), global sets of its organization, and variables set on the workspace
 * itself (`tfe_variable.workspace_id`). Precedence follows HCP Terraform's documented order (priority sets first,
 * then workspace variables, then the other sets from the narrowest scope out); within one level the set whose name
 * sorts first wins.
 */
import { globMatch } from './claims/glob';
import { literalOf, Resolved, TerraformBlock, TerraformConfiguration, textOf } from './terraform-json';

/** Who a run belongs to, as far as variable delivery is concerned. */
export interface RunIdentity {
  readonly organization: string;
  /** Project name; undefined when not known (then project-scoped sets cannot be matched). */
  readonly project?: string;
  readonly workspace: string;
  readonly workspaceId?: string;
  readonly projectId?: string;
  /** Not used for variable delivery; carried into the token's `terraform_organization_id`. */
  readonly organizationId?: string;
}

/** One env value with where it came from. */
export interface EnvEntry {
  readonly value: Resolved;
  /** Address of the winning `tfe_variable`. */
  readonly variable: string;
  /** Address of its variable set, or `workspace` for a workspace variable. */
  readonly source: string;
}

/** The environment of a run. */
export interface RunEnvironment {
  /** Addresses of the variable sets that reach the run, highest precedence first. */
  readonly variableSets: string[];
  /** Addresses of workspace variables that reach the run. */
  readonly workspaceVariables: string[];
  readonly entries: ReadonlyMap<string, EnvEntry>;
  /** Keys set by more than one source with different values. */
  readonly conflicts: string[];
}

/** Precedence levels from HCP Terraform's documentation; lower wins. */
const WORKSPACE_VARIABLE_LEVEL = 8;

function setLevel(scope: 'global' | 'project' | 'workspace', projectOwned: boolean, priority: boolean): number {
  if (priority) {
    if (scope === 'global') return 1;
    if (scope === 'project') return projectOwned ? 4 : 2;
    return projectOwned ? 5 : 3;
  }
  if (scope === 'global') return 13;
  if (scope === 'project') return projectOwned ? 10 : 12;
  return projectOwned ? 9 : 11;
}

/** The organization a tfe block belongs to: its own `organization`, else its provider's; undefined when unknown. */
export function organizationOf(config: TerraformConfiguration, block: TerraformBlock): Resolved | undefined {
  const own = config.resolve(block.body.organization);
  if (own !== undefined) return own;
  const provider = config.providerOf(block, 'tfe');
  return provider ? config.resolve(provider.body.organization) : undefined;
}

/** Whether a block's organization may be `organization` (true when it cannot be told). */
export function organizationMayBe(config: TerraformConfiguration, block: TerraformBlock, organization: string): boolean {
  const org = literalOf(organizationOf(config, block));
  return org === undefined || org === organization;
}

/**
 * Whether an id attribute designates the run's workspace (`kind = 'workspace'`) or project: a reference to a
 * workspace/project block (resource or data) with the same name in the same organization, or the literal id.
 */
export function designates(config: TerraformConfiguration, value: unknown, kind: 'workspace' | 'project', run: RunIdentity): boolean {
  if (typeof value !== 'string') return false;
  const target = config.referencedBlock(value);
  if (target) {
    if (!target.type.endsWith(kind === 'workspace' ? 'tfe_workspace' : 'tfe_project')) return false;
    const name = kind === 'workspace' ? run.workspace : run.project;
    return name !== undefined && literalOf(config.resolve(target.body.name)) === name && organizationMayBe(config, target, run.organization);
  }
  const id = kind === 'workspace' ? run.workspaceId : run.projectId;
  return id !== undefined && literalOf(config.resolve(value)) === id;
}

/** What a `for_each` workspace attachment reaches: workspaces whose names match, optionally only in one project. */
export interface PrefixAttachment {
  /** `tfe_workspace_ids` name patterns (`*` only at either end, case-sensitive). */
  readonly patterns: string[];
  /** Project name the attachment keeps workspaces to, when it filters by project. */
  readonly project?: string;
  /** The organization of the look-up, when literal. */
  readonly organization?: string;
}

const FILTERED_BY_PROJECT =
  /^\$\{\{ for (\w+), (\w+) in data\.tfe_workspace\.([^\s.]+) : \1 => \2\.id if \2\.project_id == data\.tfe_project\.([^\s.]+)\.id \}\}$/;
const IDS_OF_LOOKUP = /^\$\{data\.tfe_workspace_ids\.([^\s.]+)\.ids\}$/;

/**
 * Reads a `tfe_workspace_variable_set` that attaches through `for_each`: either directly over a
 * `tfe_workspace_ids` look-up, or (as this library writes it) over per-name `tfe_workspace` look-ups of that
 * look-up, filtered to one project. Anything else is not understood and returns undefined.
 */
export function prefixAttachmentOf(config: TerraformConfiguration, attachment: TerraformBlock): PrefixAttachment | undefined {
  const forEach = attachment.body.for_each;
  if (typeof forEach !== 'string') return undefined;
  const idsLookup = (expression: unknown): TerraformBlock | undefined => {
    const match = typeof expression === 'string' ? IDS_OF_LOOKUP.exec(expression) : null;
    return match ? config.block(`data.tfe_workspace_ids.${match[1]}`) : undefined;
  };
  const read = (lookup: TerraformBlock | undefined, project?: string): PrefixAttachment | undefined => {
    if (!lookup || !Array.isArray(lookup.body.names)) return undefined;
    const patterns = lookup.body.names.map((n: unknown) => literalOf(config.resolve(n))).filter((n: string | undefined): n is string => n !== undefined);
    return { patterns, project, organization: literalOf(organizationOf(config, lookup)) };
  };
  const direct = idsLookup(forEach);
  if (direct) return read(direct);
  const filtered = FILTERED_BY_PROJECT.exec(forEach);
  if (!filtered) return undefined;
  const details = config.block(`data.tfe_workspace.${filtered[3]}`);
  const project = config.block(`data.tfe_project.${filtered[4]}`);
  const projectName = project ? literalOf(config.resolve(project.body.name)) : undefined;
  return details && projectName !== undefined ? read(idsLookup(details.body.for_each), projectName) : undefined;
}

/** Whether a prefix attachment reaches the run's workspace. */
function prefixReaches(attachment: PrefixAttachment, run: RunIdentity): boolean {
  if (attachment.organization !== undefined && attachment.organization !== run.organization) return false;
  if (attachment.project !== undefined && attachment.project !== run.project) return false;
  return attachment.patterns.some((pattern) => globMatch(pattern, run.workspace));
}

/** The variable set a `variable_set_id` value refers to. */
export function variableSetOf(config: TerraformConfiguration, value: unknown): TerraformBlock | undefined {
  const block = config.referencedBlock(value);
  return block?.type === 'tfe_variable_set' ? block : undefined;
}

/** Where a workspace or project id value points: a block's name (checked with its organization), or a literal id. */
type Designation = { readonly name: string; readonly target: TerraformBlock } | { readonly id: string };

/** What `designates` compares, read once: the key a run must have for the value to designate it. */
function designationOf(config: TerraformConfiguration, value: unknown, kind: 'workspace' | 'project'): Designation | undefined {
  if (typeof value !== 'string') return undefined;
  const target = config.referencedBlock(value);
  if (target) {
    if (!target.type.endsWith(kind === 'workspace' ? 'tfe_workspace' : 'tfe_project')) return undefined;
    const name = literalOf(config.resolve(target.body.name));
    return name === undefined ? undefined : { name, target };
  }
  const id = literalOf(config.resolve(value));
  return id === undefined ? undefined : { id };
}

/** Items keyed by the workspace or project they designate, in file order. */
class DesignationIndex<T> {
  private readonly byName = new Map<string, Array<{ item: T; target: TerraformBlock; order: number }>>();
  private readonly byId = new Map<string, Array<{ item: T; order: number }>>();

  public add(designation: Designation | undefined, item: T, order: number): void {
    if (!designation) return;
    if ('name' in designation) push(this.byName, designation.name, { item, target: designation.target, order });
    else push(this.byId, designation.id, { item, order });
  }

  /** The items that designate the run's workspace or project, as `designates` decides it. */
  public find(config: TerraformConfiguration, name: string | undefined, id: string | undefined, organization: string): Array<{ item: T; order: number }> {
    const named = name === undefined ? [] : (this.byName.get(name) ?? []).filter((e) => organizationMayBe(config, e.target, organization));
    const byId = id === undefined ? [] : this.byId.get(id) ?? [];
    return [...named, ...byId];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The attachments and variables of a configuration, indexed by what they reach. Built once per configuration. */
interface EnvironmentIndex {
  readonly workspaceAttachments: DesignationIndex<TerraformBlock | undefined>;
  readonly prefixAttachments: Array<{ prefix: PrefixAttachment; set: TerraformBlock | undefined; order: number }>;
  readonly projectAttachments: DesignationIndex<TerraformBlock | undefined>;
  readonly globalSets: Array<{ item: TerraformBlock; order: number }>;
  readonly setsByWorkspace: DesignationIndex<TerraformBlock>;
  readonly variablesBySet: ReadonlyMap<string, TerraformBlock[]>;
  readonly workspaceVariables: DesignationIndex<TerraformBlock>;
}

const environmentIndexes = new WeakMap<TerraformConfiguration, EnvironmentIndex>();

function environmentIndexOf(config: TerraformConfiguration): EnvironmentIndex {
  const cached = environmentIndexes.get(config);
  if (cached) return cached;
  const workspaceAttachments = new DesignationIndex<TerraformBlock | undefined>();
  const prefixAttachments: EnvironmentIndex['prefixAttachments'] = [];
  config.resourcesOfType('tfe_workspace_variable_set').forEach((attachment, order) => {
    const set = variableSetOf(config, attachment.body.variable_set_id);
    const prefix = prefixAttachmentOf(config, attachment);
    if (prefix) prefixAttachments.push({ prefix, set, order });
    else workspaceAttachments.add(designationOf(config, attachment.body.workspace_id, 'workspace'), set, order);
  });
  const projectAttachments = new DesignationIndex<TerraformBlock | undefined>();
  config.resourcesOfType('tfe_project_variable_set').forEach((attachment, order) => {
    projectAttachments.add(designationOf(config, attachment.body.project_id, 'project'), variableSetOf(config, attachment.body.variable_set_id), order);
  });
  const globalSets: EnvironmentIndex['globalSets'] = [];
  const setsByWorkspace = new DesignationIndex<TerraformBlock>();
  config.resourcesOfType('tfe_variable_set').forEach((set, order) => {
    if (literalOf(config.resolve(set.body.global)) === 'true') globalSets.push({ item: set, order });
    const ids = Array.isArray(set.body.workspace_ids) ? set.body.workspace_ids : [];
    for (const id of ids) setsByWorkspace.add(designationOf(config, id, 'workspace'), set, order);
  });
  const variablesBySet = new Map<string, TerraformBlock[]>();
  const workspaceVariables = new DesignationIndex<TerraformBlock>();
  config.resourcesOfType('tfe_variable').forEach((variable, order) => {
    const set = variableSetOf(config, variable.body.variable_set_id);
    if (set) push(variablesBySet, set.address, variable);
    else if (variable.body.workspace_id !== undefined) workspaceVariables.add(designationOf(config, variable.body.workspace_id, 'workspace'), variable, order);
  });
  const index = { workspaceAttachments, prefixAttachments, projectAttachments, globalSets, setsByWorkspace, variablesBySet, workspaceVariables };
  environmentIndexes.set(config, index);
  return index;
}

/** Computes the environment of a run. */
export function runEnvironment(config: TerraformConfiguration, run: RunIdentity): RunEnvironment {
  const index = environmentIndexOf(config);
  const levels = new Map<string, number>();
  const reach = (set: TerraformBlock | undefined, scope: 'global' | 'project' | 'workspace'): void => {
    if (!set || !organizationMayBe(config, set, run.organization)) return;
    const level = setLevel(scope, set.body.parent_project_id !== undefined, literalOf(config.resolve(set.body.priority)) === 'true');
    levels.set(set.address, Math.min(levels.get(set.address) ?? Infinity, level));
  };
  const byOrder = <T extends { order: number }>(items: T[]): T[] => [...new Set(items)].sort((a, b) => a.order - b.order);
  const workspaceSets = [
    ...index.workspaceAttachments.find(config, run.workspace, run.workspaceId, run.organization),
    ...index.prefixAttachments.filter((a) => prefixReaches(a.prefix, run)).map((a) => ({ item: a.set, order: a.order })),
  ];
  for (const { item } of byOrder(workspaceSets)) reach(item, 'workspace');
  for (const { item } of byOrder(index.projectAttachments.find(config, run.project, run.projectId, run.organization))) reach(item, 'project');
  const attached = index.setsByWorkspace.find(config, run.workspace, run.workspaceId, run.organization);
  const attachedSets = new Set(attached.map((e) => e.item));
  const globalSets = new Set(index.globalSets.map((e) => e.item));
  const sets = new Map([...index.globalSets, ...attached].sort((a, b) => a.order - b.order).map((e) => [e.item, e.order]));
  for (const set of sets.keys()) {
    if (globalSets.has(set)) reach(set, 'global');
    if (attachedSets.has(set)) reach(set, 'workspace');
  }

  const setName = (address: string): string => textOf(config.resolve(config.block(address)?.body.name)) ?? address;
  const orderedSets = [...levels.keys()].sort((a, b) => levels.get(a)! - levels.get(b)! || compare(setName(a), setName(b)));

  const bySet = new Map<string, TerraformBlock[]>(orderedSets.map((a) => [a, index.variablesBySet.get(a) ?? []]));
  const workspaceVariables = byOrder(index.workspaceVariables.find(config, run.workspace, run.workspaceId, run.organization)).map((e) => e.item);

  // Sources in precedence order: sets above the workspace level, workspace variables, then the rest.
  const sources: Array<{ source: string; variables: TerraformBlock[] }> = [];
  for (const address of orderedSets.filter((a) => levels.get(a)! < WORKSPACE_VARIABLE_LEVEL)) sources.push({ source: address, variables: bySet.get(address)! });
  sources.push({ source: 'workspace', variables: workspaceVariables });
  for (const address of orderedSets.filter((a) => levels.get(a)! > WORKSPACE_VARIABLE_LEVEL)) sources.push({ source: address, variables: bySet.get(address)! });

  const entries = new Map<string, EnvEntry>();
  const conflicts = new Set<string>();
  for (const { source, variables } of sources) {
    for (const variable of variables) {
      if (literalOf(config.resolve(variable.body.category)) !== 'env') continue;
      const key = literalOf(config.resolve(variable.body.key));
      if (key === undefined) continue;
      const value = config.resolve(variable.body.value) ?? { literal: '' };
      const existing = entries.get(key);
      if (existing) {
        if (textOf(existing.value) !== textOf(value)) conflicts.add(key);
        continue;
      }
      entries.set(key, { value, variable: variable.address, source });
    }
  }
  return {
    variableSets: orderedSets,
    workspaceVariables: workspaceVariables.map((v) => v.address),
    entries,
    conflicts: [...conflicts].sort(),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
