/**
 * Which HCP Terraform variables reach a workspace's runs, and which value wins for each key.
 *
 * Sources: variable sets attached to the workspace (`tfe_workspace_variable_set`, the deprecated `workspace_ids`),
 * to its project (`tfe_project_variable_set`), global sets of its organization, and variables set on the workspace
 * itself (`tfe_variable.workspace_id`). Precedence follows HCP Terraform's documented order (priority sets first,
 * then workspace variables, then the other sets from the narrowest scope out); within one level the set whose name
 * sorts first wins.
 */
import { globMatch } from '../claims/glob';
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

/** Computes the environment of a run. */
export function runEnvironment(config: TerraformConfiguration, run: RunIdentity): RunEnvironment {
  const levels = new Map<string, number>();
  const reach = (set: TerraformBlock | undefined, scope: 'global' | 'project' | 'workspace'): void => {
    if (!set || !organizationMayBe(config, set, run.organization)) return;
    const level = setLevel(scope, set.body.parent_project_id !== undefined, literalOf(config.resolve(set.body.priority)) === 'true');
    levels.set(set.address, Math.min(levels.get(set.address) ?? Infinity, level));
  };
  for (const attachment of config.resourcesOfType('tfe_workspace_variable_set')) {
    const prefix = prefixAttachmentOf(config, attachment);
    const reached = prefix ? prefixReaches(prefix, run) : designates(config, attachment.body.workspace_id, 'workspace', run);
    if (reached) reach(variableSetOf(config, attachment.body.variable_set_id), 'workspace');
  }
  for (const attachment of config.resourcesOfType('tfe_project_variable_set')) {
    if (designates(config, attachment.body.project_id, 'project', run)) reach(variableSetOf(config, attachment.body.variable_set_id), 'project');
  }
  for (const set of config.resourcesOfType('tfe_variable_set')) {
    if (literalOf(config.resolve(set.body.global)) === 'true') reach(set, 'global');
    const ids = Array.isArray(set.body.workspace_ids) ? set.body.workspace_ids : [];
    if (ids.some((id: unknown) => designates(config, id, 'workspace', run))) reach(set, 'workspace');
  }

  const setName = (address: string): string => textOf(config.resolve(config.block(address)?.body.name)) ?? address;
  const orderedSets = [...levels.keys()].sort((a, b) => levels.get(a)! - levels.get(b)! || compare(setName(a), setName(b)));

  const bySet = new Map<string, TerraformBlock[]>(orderedSets.map((a) => [a, []]));
  const workspaceVariables: TerraformBlock[] = [];
  for (const variable of config.resourcesOfType('tfe_variable')) {
    const set = variableSetOf(config, variable.body.variable_set_id);
    if (set) bySet.get(set.address)?.push(variable);
    else if (variable.body.workspace_id !== undefined && designates(config, variable.body.workspace_id, 'workspace', run)) workspaceVariables.push(variable);
  }

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
