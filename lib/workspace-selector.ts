import { workspaceNameProblem } from 'vault-backed-credentials-report/claims';
import { renderWorkspaceRunSubject } from 'vault-backed-credentials-report/claims';

/** How a {@link WorkspaceSelector} picks workspaces. */
export enum WorkspaceSelectorKind {
  /** Named workspaces of one project. */
  NAMES = 'names',
  /** Every workspace of one project, present and future. */
  ALL_IN_PROJECT = 'all-in-project',
  /** Workspaces given by their immutable ids (`ws-...`). */
  IDS = 'ids',
  /** Workspaces given as objects with a name and an id, such as `tfe_workspace` resources. */
  REFERENCES = 'references',
  /** Workspaces of one project whose names start with a prefix. */
  PREFIX = 'prefix',
  /** Every workspace of the organization, in every project, present and future. */
  ALL_IN_ORGANIZATION = 'all-in-organization',
}

/** A workspace known by name and id, for example a `Workspace` from `@cdktf/provider-tfe/lib/workspace`. */
export interface WorkspaceReference {
  /** The workspace name (a literal or a reference such as `workspace.name`). */
  readonly name: string;
  /** The workspace id (a literal `ws-...` or a reference such as `workspace.id`). */
  readonly id: string;
}

/**
 * Which workspaces of a grant's project may use its credentials.
 *
 * The same selector decides both halves of the trust: the `sub` patterns (and id claims) of the Vault roles, and
 * where the HCP Terraform variable set is attached. A workspace therefore never receives variables whose login
 * would be refused, and no workspace outside the selection can log in.
 *
 * @example
 * // By id: a renamed or re-created workspace never inherits the credentials.
 * trust.grantWorkspaces('network', {
 *   project: 'Networking',
 *   projectId: 'prj-AbCdEfGh12345678',
 *   workspaces: WorkspaceSelector.ids('ws-AbCdEfGh12345678', 'ws-IjKlMnOp12345678'),
 *   aws: { plan: readOnlyRole, apply: adminRole },
 * });
 * // By exact, case-sensitive name.
 * trust.grantWorkspaces('payments', {
 *   project: 'Payments',
 *   workspaces: WorkspaceSelector.names('payments-prod', 'payments-stage'),
 *   aws: { plan: readOnlyRole, apply: adminRole },
 * });
 * // Every workspace of the project whose name starts with the prefix, including ones created later.
 * trust.grantWorkspaces('sandbox', {
 *   project: 'Sandbox',
 *   workspaces: WorkspaceSelector.prefix('sandbox-'),
 *   aws: { plan: readOnlyRole, apply: adminRole },
 * });
 */
export class WorkspaceSelector {
  /** Workspaces of the grant's project by exact name. Names are case-sensitive. */
  public static names(...names: string[]): WorkspaceSelector {
    return new WorkspaceSelector(WorkspaceSelectorKind.NAMES, names, []);
  }

  /** Every workspace of the grant's project, including ones created later. The variable set is attached to the project. */
  public static allInProject(): WorkspaceSelector {
    return new WorkspaceSelector(WorkspaceSelectorKind.ALL_IN_PROJECT, [], []);
  }

  /**
   * Workspaces by id (`ws-...`). The Vault role binds the `terraform_workspace_id` claim, which survives renames.
   */
  public static ids(...ids: string[]): WorkspaceSelector {
    return new WorkspaceSelector(WorkspaceSelectorKind.IDS, [], ids);
  }

  /**
   * Workspaces given as objects with a `name` and an `id`, typically `tfe_workspace` resources managed in the same
   * stack. The Vault role binds both the name (in `sub`) and the id claim.
   */
  public static references(...workspaces: WorkspaceReference[]): WorkspaceSelector {
    return new WorkspaceSelector(
      WorkspaceSelectorKind.REFERENCES,
      workspaces.map((w) => w.name),
      workspaces.map((w) => w.id),
    );
  }

  /**
   * Workspaces of the grant's project whose names start with `prefix` (for example `network-`), present and future.
   * The Vault role binds `workspace:<prefix>*`; the variable set is attached to the matching workspaces of the
   * project found with `tfe_workspace_ids`, so a workspace created later is covered on the next apply of the trust
   * stack (and can log in before that, but receives no variables until then).
   */
  public static prefix(prefix: string): WorkspaceSelector {
    return new WorkspaceSelector(WorkspaceSelectorKind.PREFIX, [prefix], []);
  }

  /**
   * Every workspace of the organization, in every project, including ones created later. The Vault role binds
   * `organization:<o>:project:*:workspace:*`; the variable set is a global set. The grant then takes no `project`.
   * Meant for credentials every workspace may hold (for example read-only auditing); anything else should be narrower.
   */
  public static allInOrganization(): WorkspaceSelector {
    return new WorkspaceSelector(WorkspaceSelectorKind.ALL_IN_ORGANIZATION, [], []);
  }

  /** How this selector picks workspaces. */
  public readonly kind: WorkspaceSelectorKind;
  /** Workspace names bound by this selector (empty for project-wide and id selectors). */
  public readonly workspaceNames: string[];
  /** Workspace ids bound by this selector (empty for name and project-wide selectors). */
  public readonly workspaceIds: string[];
  /** The name prefix of a prefix selector. */
  public readonly namePrefix?: string;

  private constructor(kind: WorkspaceSelectorKind, names: string[], ids: string[]) {
    this.kind = kind;
    const prefix = kind === WorkspaceSelectorKind.PREFIX;
    this.workspaceNames = prefix ? [] : kind === WorkspaceSelectorKind.REFERENCES ? [...names] : uniqueSorted(names);
    this.namePrefix = prefix ? names[0] : undefined;
    this.workspaceIds = kind === WorkspaceSelectorKind.REFERENCES ? [...ids] : uniqueSorted(ids);
  }
}

function uniqueSorted(values: string[]): string[] {
  return [...new Set(values)].sort();
}

/** Decides whether a string is an unresolved reference (a cdktf token); supplied by the caller. */
export type IsUnresolved = (value: string) => boolean;

const WORKSPACE_ID = /^ws-[A-Za-z0-9]+$/;

/** Problems with a selector's own values; names and ids that are unresolved references are left to Terraform. */
export function workspaceSelectorProblems(selector: WorkspaceSelector, isUnresolved: IsUnresolved): string[] {
  const problems: string[] = [];
  const empty =
    (selector.kind === WorkspaceSelectorKind.NAMES && selector.workspaceNames.length === 0) ||
    ((selector.kind === WorkspaceSelectorKind.IDS || selector.kind === WorkspaceSelectorKind.REFERENCES) && selector.workspaceIds.length === 0);
  if (empty) {
    problems.push(`WorkspaceSelector.${selectorFactory(selector.kind)}() was given no workspaces; list at least one, or use WorkspaceSelector.allInProject() ` +
      `for a whole project`);
  }
  if (selector.kind === WorkspaceSelectorKind.PREFIX) {
    const prefix = selector.namePrefix ?? '';
    if (isUnresolved(prefix)) {
      problems.push('WorkspaceSelector.prefix() takes a literal prefix');
    } else {
      const problem = workspaceNameProblem(prefix);
      if (problem) problems.push(problem.replace('workspace name', 'workspace name prefix'));
    }
    return problems;
  }
  for (const name of selector.workspaceNames) {
    if (isUnresolved(name)) {
      if (selector.kind === WorkspaceSelectorKind.NAMES) {
        problems.push('WorkspaceSelector.names() takes literal names; for a workspace managed in Terraform use WorkspaceSelector.references(workspace)');
      }
      continue;
    }
    const problem = workspaceNameProblem(name);
    if (problem) problems.push(problem);
  }
  for (const id of selector.workspaceIds) {
    if (isUnresolved(id)) {
      if (selector.kind === WorkspaceSelectorKind.IDS) {
        problems.push('WorkspaceSelector.ids() takes literal ids; for a workspace managed in Terraform use WorkspaceSelector.references(workspace)');
      }
      continue;
    }
    if (!WORKSPACE_ID.test(id)) {
      problems.push(`workspace id ${JSON.stringify(id)} is not "ws-" followed by letters and digits; copy the id from the workspace's settings page`);
    }
  }
  return problems;
}

/** The factory of a selector that can be empty (names, ids, references). */
function selectorFactory(kind: WorkspaceSelectorKind): string {
  if (kind === WorkspaceSelectorKind.NAMES) return 'names';
  return kind === WorkspaceSelectorKind.IDS ? 'ids' : 'references';
}

/**
 * Problem with the project of a grant given its selector: every selector but `allInOrganization()` works inside one
 * project, which must be named; `allInOrganization()` spans all projects and takes none. Otherwise the name's own
 * problems, checked by `check` (the caller's project-name rule).
 */
export function projectProblems(selector: WorkspaceSelector, project: string | undefined, check: (name: string) => string | undefined): string[] {
  if (selector.kind === WorkspaceSelectorKind.ALL_IN_ORGANIZATION) {
    return project === undefined ? [] : [`WorkspaceSelector.allInOrganization() covers every project; remove project ${JSON.stringify(project)}, or select ` +
      `the workspaces of that project instead`];
  }
  if (project === undefined || project === '') {
    return ['project is required: name the HCP Terraform project whose workspaces the grant selects (for example "Default Project")'];
  }
  const problem = check(project);
  return problem ? [problem] : [];
}

/** `bound_claims` for a role, in the Terraform provider's form (alternatives joined by commas). */
export interface RenderedBoundClaims {
  readonly claims: Readonly<Record<string, string>>;
  /** `glob` when any value holds a `*`, otherwise `string` (exact matching). */
  readonly claimsType: 'glob' | 'string';
}

/**
 * The `bound_claims` that admit exactly the selected workspaces of `organization`/`project` in `phases`.
 *
 * Each alternative is a complete, anchored `sub`; the only `*` ever emitted stands for a whole workspace-name
 * segment (project-wide and id selectors), which cannot reach into another project because names never contain `:`.
 * Callers validate organization and project names first.
 */
export function renderBoundClaims(
  organization: string,
  project: string | undefined,
  selector: WorkspaceSelector,
  phases: readonly string[],
  options: BoundClaimOptions = {},
): RenderedBoundClaims {
  const byName = selector.kind === WorkspaceSelectorKind.NAMES || selector.kind === WorkspaceSelectorKind.REFERENCES;
  const workspaces = byName
    ? selector.workspaceNames
    : selector.kind === WorkspaceSelectorKind.PREFIX
      ? [`${selector.namePrefix}*`]
      : ['*'];
  const projectSegment = options.projectId !== undefined || selector.kind === WorkspaceSelectorKind.ALL_IN_ORGANIZATION ? '*' : project ?? '';
  const subjects: string[] = [];
  for (const workspace of workspaces) {
    for (const runPhase of phases) {
      subjects.push(renderWorkspaceRunSubject({ organization, project: projectSegment, workspace, runPhase }));
    }
  }
  const claims: Record<string, string> = { sub: subjects.join(',') };
  if (selector.kind === WorkspaceSelectorKind.IDS || selector.kind === WorkspaceSelectorKind.REFERENCES) {
    claims.terraform_workspace_id = selector.workspaceIds.join(',');
  }
  if (options.projectId !== undefined) claims.terraform_project_id = options.projectId;
  if (options.organizationId !== undefined) claims.terraform_organization_id = options.organizationId;
  const claimsType = Object.values(claims).some((value) => value.includes('*')) ? 'glob' : 'string';
  return { claims, claimsType };
}

/** Immutable ids to bind next to (or, for the project, instead of) names. */
export interface BoundClaimOptions {
  /**
   * Bind `terraform_project_id`. The project name in `sub` then becomes `*`, so renaming the project neither
   * breaks the role nor lets another project in: the id decides.
   */
  readonly projectId?: string;
  /** Bind `terraform_organization_id` as well as the organization name. */
  readonly organizationId?: string;
}
