/**
 * Who receives dynamic-credential variables, read from the configuration's attachments: workspaces (looked up by
 * name, created in the file, or given by id), projects, and whole organizations (global variable sets). Each of
 * these "selectors" is then simulated per phase with a representative token.
 */
import { TokenClaims } from './claims/login';
import { Phase } from './configurations';
import { organizationOf, PrefixAttachment, prefixAttachmentOf, RunIdentity, variableSetOf } from './environment';
import { field, roleBinding } from './bindings';
import { LoginCondition, RunOutcome, simulateRunOf, unstatedClaims, vaultIndexOf, workspaceRunClaims } from './simulate';
import { literalOf, TerraformBlock, TerraformConfiguration, textOf } from './terraform-json';
import { DEFAULT_HCP_TERRAFORM_HOSTNAME } from './catalogue';

/** Stand-in names for "any workspace" / "any project": no HCP Terraform name contains parentheses. */
export const ANY_WORKSPACE = '(any workspace)';
export const ANY_PROJECT = '(any project)';

/** A workspace, project or organization that receives variables. */
export interface Selector {
  /** Stable key, e.g. `workspace:acme/network-prod`. */
  readonly id: string;
  readonly kind: 'workspace' | 'project' | 'organization';
  /** For people: `workspace network-prod`, `project Sandbox (every workspace)`, `organization acme (global set)`. */
  readonly label: string;
  /** Undefined when the organization is not a literal. */
  readonly organization?: string;
  readonly project?: string;
  readonly workspace?: string;
  readonly workspaceId?: string;
  readonly projectId?: string;
  /** The HCP Terraform or Terraform Enterprise host whose tokens its runs carry (the tfe provider's hostname). */
  readonly hostname?: string;
  /** Addresses of the attachments and variables that deliver to it. */
  readonly sources: string[];
  /** What was taken as given about it. */
  readonly assumptions: string[];
}

/** One selector simulated in one phase. */
export interface SelectorEvaluation {
  readonly selector: Selector;
  readonly phase: Phase;
  /** The identity the simulation used. */
  readonly identity: RunIdentity;
  readonly claims: (audience: string) => TokenClaims;
  readonly outcome: RunOutcome;
  /**
   * What was taken about the selector's names to find a role that admits it, when the file does not say them, e.g.
   * `network-prod is in project Networking`. Conditions on ids are on each login (`LoginOutcome.conditions`).
   */
  readonly conditions: LoginCondition[];
}

/** Reads every selector of the configuration. */
export function selectorsOf(config: TerraformConfiguration): Selector[] {
  const byId = new Map<string, Selector>();
  const add = (found: Selector | undefined, source: string): void => {
    if (!found) return;
    const selector = withHost(config, found, config.block(source));
    const existing = byId.get(selector.id);
    if (existing) {
      if (!existing.sources.includes(source)) existing.sources.push(source);
    } else {
      byId.set(selector.id, { ...selector, sources: [source] });
    }
  };
  for (const attachment of config.resourcesOfType('tfe_workspace_variable_set')) {
    // A set attaches only within its organization, so the set tells the organization of a workspace given by id.
    const set = variableSetOf(config, attachment.body.variable_set_id);
    const prefix = prefixAttachmentOf(config, attachment);
    if (prefix) {
      add(prefixSelector(prefix, set ? literalOf(organizationOf(config, set)) : undefined), attachment.address);
      continue;
    }
    add(workspaceSelector(config, attachment.body.workspace_id, set && literalOf(organizationOf(config, set))), attachment.address);
  }
  for (const variable of config.resourcesOfType('tfe_variable')) {
    if (variable.body.workspace_id !== undefined) add(workspaceSelector(config, variable.body.workspace_id), variable.address);
  }
  for (const attachment of config.resourcesOfType('tfe_project_variable_set')) {
    const set = variableSetOf(config, attachment.body.variable_set_id);
    add(projectSelector(config, attachment.body.project_id, set && literalOf(organizationOf(config, set))), attachment.address);
  }
  for (const set of config.resourcesOfType('tfe_variable_set')) {
    const organization = literalOf(organizationOf(config, set));
    for (const id of Array.isArray(set.body.workspace_ids) ? set.body.workspace_ids : []) add(workspaceSelector(config, id, organization), set.address);
    if (literalOf(config.resolve(set.body.global)) === 'true') {
      const organization = literalOf(organizationOf(config, set));
      add(
        {
          id: `organization:${organization ?? textOf(organizationOf(config, set)) ?? '?'}`,
          kind: 'organization',
          label: `organization ${organization ?? '(unknown)'}, every workspace (global set)`,
          organization,
          sources: [],
          assumptions: [],
        },
        set.address,
      );
    }
  }
  return [...byId.values()];
}

/**
 * The host whose tokens a selector's runs carry: the hostname of the tfe provider its workspace, project or
 * attachment uses (`app.terraform.io` when the provider sets none, as the provider itself defaults).
 */
function withHost(config: TerraformConfiguration, selector: Selector, source: TerraformBlock | undefined): Selector {
  if (!source) return selector;
  const provider = config.providerOf(source, 'tfe');
  const resolved = provider ? config.resolve(provider.body.hostname) : undefined;
  if (resolved === undefined) return selector;
  const hostname = literalOf(resolved);
  if (hostname !== undefined) return hostname === DEFAULT_HCP_TERRAFORM_HOSTNAME ? selector : { ...selector, hostname };
  return {
    ...selector,
    assumptions: [
      ...selector.assumptions,
      `the tfe provider's hostname ${textOf(resolved)} is not a literal, so its tokens were taken to come from app.terraform.io`,
    ],
  };
}

/**
 * Workspaces reached through a name-pattern attachment. The simulated workspace is the pattern with `*` standing for
 * `(any)`: a name no real workspace has, matched by the same patterns.
 */
function prefixSelector(attachment: PrefixAttachment, organizationHint?: string): Selector | undefined {
  const [pattern] = attachment.patterns;
  if (pattern === undefined) return undefined;
  const organization = attachment.organization ?? organizationHint;
  const scope = attachment.project !== undefined ? ` (project ${attachment.project})` : ' (any project)';
  return {
    id: `workspaces:${organization ?? '?'}/${attachment.project ?? '*'}/${attachment.patterns.join('|')}`,
    kind: 'workspace',
    label: `workspaces ${attachment.patterns.join(', ')}${scope}`,
    organization,
    project: attachment.project ?? ANY_PROJECT,
    workspace: pattern.replace(/\*/g, '(any)'),
    sources: [],
    assumptions: attachment.project === undefined ? ['the attachment does not filter by project'] : [],
  };
}

function workspaceSelector(config: TerraformConfiguration, value: unknown, organizationHint?: string): Selector | undefined {
  const block = config.referencedBlock(value);
  if (block && (block.type === 'tfe_workspace')) {
    const name = literalOf(config.resolve(block.body.name));
    const organization = literalOf(organizationOf(config, block));
    const assumptions: string[] = [];
    let project: string | undefined;
    let projectId: string | undefined;
    if (block.body.project_id === undefined && block.address.startsWith('tfe_workspace.')) {
      project = 'Default Project';
      assumptions.push(`${block.address} sets no project_id, so it is taken to be in the organization's default project, "Default Project"`);
    } else if (block.body.project_id !== undefined) {
      const projectBlock = config.referencedBlock(block.body.project_id);
      if (projectBlock) {
        project = literalOf(config.resolve(projectBlock.body.name));
        projectId = `\${${projectBlock.address}.id}`;
      } else {
        projectId = literalOf(config.resolve(block.body.project_id));
      }
    } else {
      project = projectFromPostcondition(config, block);
    }
    const shown = name ?? textOf(config.resolve(block.body.name)) ?? block.address;
    return {
      id: `workspace:${organization ?? '?'}/${shown}`,
      kind: 'workspace',
      label: `workspace ${shown}${project ? ` (project ${project})` : ''}`,
      organization,
      project,
      projectId,
      workspace: name,
      workspaceId: `\${${block.address}.id}`,
      sources: [],
      assumptions,
    };
  }
  const id = literalOf(config.resolve(value));
  if (id === undefined) return undefined;
  return {
    id: `workspace-id:${id}`,
    kind: 'workspace',
    label: `workspace ${id}`,
    organization: organizationHint ?? literalOf(defaultOrganization(config)),
    workspaceId: id,
    sources: [],
    assumptions: [],
  };
}

/**
 * A workspace look-up says nothing about the workspace's project, unless a postcondition pins it:
 * `self.project_id == data.tfe_project.<x>.id` makes the plan fail for any other project.
 */
function projectFromPostcondition(config: TerraformConfiguration, block: TerraformBlock): string | undefined {
  // JSON configurations give `lifecycle` as an object; HCL read through hcl2json gives a list of blocks.
  const lifecycles: unknown[] = Array.isArray(block.body.lifecycle) ? block.body.lifecycle : [block.body.lifecycle];
  const conditions = lifecycles.flatMap((lifecycle) => {
    const postcondition = (lifecycle as { postcondition?: unknown } | undefined)?.postcondition;
    return Array.isArray(postcondition) ? postcondition : postcondition === undefined ? [] : [postcondition];
  });
  for (const entry of conditions) {
    const condition = typeof entry?.condition === 'string' ? entry.condition : '';
    const match =
      /^\$\{\(?\s*self\.project_id\s*==\s*((?:data\.)?tfe_project\.[A-Za-z0-9_-]+)\.id\s*\)?\}$/.exec(condition) ??
      /^\$\{\(?\s*((?:data\.)?tfe_project\.[A-Za-z0-9_-]+)\.id\s*==\s*self\.project_id\s*\)?\}$/.exec(condition);
    const project = match ? config.block(match[1]) : undefined;
    const name = project ? literalOf(config.resolve(project.body.name)) : undefined;
    if (name !== undefined) return name;
  }
  return undefined;
}

function projectSelector(config: TerraformConfiguration, value: unknown, organizationHint?: string): Selector | undefined {
  const block = config.referencedBlock(value);
  if (block && block.type === 'tfe_project') {
    const name = literalOf(config.resolve(block.body.name));
    const organization = literalOf(organizationOf(config, block));
    const shown = name ?? textOf(config.resolve(block.body.name)) ?? block.address;
    return {
      id: `project:${organization ?? '?'}/${shown}`,
      kind: 'project',
      label: `project ${shown}, every workspace`,
      organization,
      project: name,
      projectId: `\${${block.address}.id}`,
      sources: [],
      assumptions: [],
    };
  }
  const id = literalOf(config.resolve(value));
  if (id === undefined) return undefined;
  return {
    id: `project-id:${id}`,
    kind: 'project',
    label: `project ${id}, every workspace`,
    organization: organizationHint ?? literalOf(defaultOrganization(config)),
    projectId: id,
    sources: [],
    assumptions: [],
  };
}

function defaultOrganization(config: TerraformConfiguration): ReturnType<TerraformConfiguration['resolve']> {
  const provider = config.providers.find((p) => p.type === 'tfe' && p.alias === undefined);
  return provider ? config.resolve(provider.body.organization) : undefined;
}

function allAdmitted(outcome: RunOutcome): boolean {
  return outcome.vault.length > 0 && outcome.vault.every((v) => v.login?.verdict === 'admitted');
}

/** One way of filling in what the file does not say about a workspace, and the condition it amounts to. */
interface Fill {
  readonly identity: Partial<RunIdentity>;
  readonly condition?: LoginCondition;
}

const MAX_ATTEMPTS = 256;

/**
 * Ways to fill in a workspace selector's unknown names from the bindings of the roles its runs are sent to: the
 * project (and name) their `sub` patterns name. Ids the file does not state are the login's business: a role that
 * binds one admits on a condition (see `unstatedClaims`).
 */
function fills(config: TerraformConfiguration, selector: Selector, roleAddresses: readonly string[]): Fill[][] {
  if (selector.project !== undefined && selector.workspace !== undefined) return [];
  const index = vaultIndexOf(config);
  const bindings = index.roles.filter((r) => roleAddresses.includes(r.block.address)).map((r) => roleBinding(index, r));
  const name = selector.workspace ?? selector.workspaceId ?? 'the workspace';
  const names: Fill[] = [{ identity: {} }];
  for (const binding of bindings) {
    for (const subject of binding.subjects) {
      const shape = subject.shape;
      if (!shape || shape.kind !== 'workspace-run') continue;
      const org = field(shape, 'organization');
      const p = field(shape, 'project');
      const w = field(shape, 'workspace');
      if (org.kind !== 'literal' || org.value !== selector.organization || p.kind !== 'literal') continue;
      if (selector.project !== undefined && p.value !== selector.project) continue;
      const workspace = selector.workspace === undefined && w.kind === 'literal' ? w.value : undefined;
      if (selector.workspace !== undefined && w.kind === 'literal' && w.value !== selector.workspace) continue;
      const text = `${workspace !== undefined ? `${name} is named ${workspace} and ` : `${name} `}is in project ${p.value}`;
      names.push({
        identity: { project: p.value, ...(workspace !== undefined ? { workspace } : {}) },
        condition: { claim: 'sub', values: [subject.pattern], glob: subject.glob, text },
      });
    }
  }
  return [names];
}

/** Every combination of one fill per dimension, the empty combination first, at most `limit` of them. */
function combinations(dimensions: Fill[][], limit: number): Fill[][] {
  let out: Fill[][] = [[]];
  for (const dimension of dimensions) {
    out = out.flatMap((prefix) => dimension.map((fill) => [...prefix, fill])).slice(0, limit);
  }
  return out;
}

/**
 * Simulates a selector in one phase. Unknowns are filled with stand-ins (`(any workspace)` for a project or global
 * selector, which only a `*` matches; a workspace's id is the expression that yields it). Ids the file does not
 * state are unstated claims of the token: a role that binds one admits on a condition (`LoginOutcome.conditions`).
 * When a workspace's project or name is not in the file and the stand-in is refused, the names that the bindings of
 * its roles give are tried, and the verdict is stated on that condition ({@link SelectorEvaluation.conditions}).
 */
export function evaluateSelector(config: TerraformConfiguration, selector: Selector, phase: Phase): SelectorEvaluation | undefined {
  if (selector.organization === undefined) return undefined;
  const base: RunIdentity = {
    organization: selector.organization,
    project: selector.project ?? ANY_PROJECT,
    workspace: selector.workspace ?? ANY_WORKSPACE,
    workspaceId: selector.workspaceId,
    projectId: selector.projectId,
  };
  const run = (identity: RunIdentity) => {
    const claims = (audience: string): TokenClaims =>
      workspaceRunClaims({ ...identity, project: identity.project!, runPhase: phase, hostname: selector.hostname }, audience);
    return { identity, claims, outcome: simulateRunOf(config, identity, phase, claims, unstatedClaims(identity)) };
  };
  const first = { ...run(base), conditions: [] };
  if (allAdmitted(first.outcome) || selector.kind !== 'workspace' || first.outcome.vault.length === 0) return { selector, phase, ...first };

  const roles = first.outcome.vault.map((v) => v.login?.roleAddress).filter((a): a is string => a !== undefined);
  for (const combination of combinations(fills(config, selector, roles), MAX_ATTEMPTS)) {
    const conditions = combination.map((f) => f.condition).filter((c): c is LoginCondition => c !== undefined);
    if (conditions.length === 0) continue;
    const attempt = run(Object.assign({}, base, ...combination.map((f) => f.identity)));
    if (allAdmitted(attempt.outcome)) return { selector, phase, ...attempt, conditions };
  }
  return { selector, phase, ...first };
}
