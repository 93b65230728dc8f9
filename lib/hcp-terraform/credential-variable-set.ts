import { ProjectVariableSet } from '@cdktf/provider-tfe/lib/project-variable-set';
import { Variable } from '@cdktf/provider-tfe/lib/variable';
import { VariableSet } from '@cdktf/provider-tfe/lib/variable-set';
import { WorkspaceVariableSet } from '@cdktf/provider-tfe/lib/workspace-variable-set';
import { DataTfeWorkspace } from '@cdktf/provider-tfe/lib/data-tfe-workspace';
import { DataTfeWorkspaceIds } from '@cdktf/provider-tfe/lib/data-tfe-workspace-ids';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { organizationNameProblem, projectNameProblem } from 'vault-backed-credentials-report/claims';
import { projectProblems, WorkspaceSelector, WorkspaceSelectorKind, workspaceSelectorProblems } from '../workspace-selector';
import { addChecks, isUnresolved } from '../private/synth-checks';
import { createWithCheckedInputs, receiveCheckedInputs } from '../private/checked-inputs';
import { EnvVariableSpec } from 'vault-backed-credentials-report/env';
import { HcpTerraformLookups, logicalName } from './lookups';
import { literalText } from '../private/terraform-literals';
import { LITERAL_BECAUSE, literalRequired, shown } from '../private/errors';
import { claimVariableSet } from '../private/tree-checks';

/** One environment variable of a credential variable set. */
export interface EnvironmentVariable {
  /** Variable name, e.g. `TFC_VAULT_ADDR`. */
  readonly key: string;
  /** Variable value (a literal or a reference). */
  readonly value: string;
  /**
   * Whether HCP Terraform hides the value.
   *
   * @default false
   */
  readonly sensitive?: boolean;
  /**
   * Description shown in HCP Terraform.
   *
   * @default - none
   */
  readonly description?: string;
}

/** A variable set name HCP Terraform would refuse, or undefined. */
export function variableSetNameProblem(name: string): string | undefined {
  if (!isUnresolved(name) && /^[A-Za-z0-9 _.:()-]{1,128}$/.test(name)) return undefined;
  return `variable set name ${JSON.stringify(name)} must be 1-128 letters, digits, spaces or _ . : ( ) -`;
}

/** Properties of {@link CredentialVariableSet}. */
export interface CredentialVariableSetProps {
  /** HCP Terraform organization that owns the set. */
  readonly organization: string;
  /** Name of the variable set. */
  readonly name: string;
  /**
   * Description of the variable set.
   *
   * @default - a sentence naming the grant's project
   */
  readonly description?: string;
  /**
   * Make this a priority variable set, whose values override workspace variables of the same name.
   *
   * @default false
   */
  readonly priority?: boolean;
  /**
   * Make the set owned by the project (`parent_project_id`) rather than the organization.
   *
   * @default false
   */
  readonly ownedByProject?: boolean;
  /**
   * Project whose workspaces the set reaches; none for `WorkspaceSelector.allInOrganization()`, which makes the set
   * global.
   *
   * @default - none (only valid with `allInOrganization()`)
   */
  readonly project?: string;
  /** Which workspaces of the project receive the set. */
  readonly workspaces: WorkspaceSelector;
  /** The environment variables of the set. */
  readonly variables: EnvironmentVariable[];
  /**
   * Shared project and workspace look-ups.
   *
   * @default - look-ups private to this construct
   */
  readonly lookups?: HcpTerraformLookups;
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * An HCP Terraform variable set of environment variables, attached to exactly the workspaces a
 * {@link WorkspaceSelector} picks: to the project for project-wide selectors, otherwise to each workspace.
 */
export class CredentialVariableSet extends Construct {
  /** Literal name of the variable set. */
  public readonly name: string;
  /** The variable set resource. */
  public readonly variableSet: VariableSet;
  private variableList: Variable[] = [];
  /** Workspace attachments (empty for project-wide selectors). */
  public readonly workspaceAttachments: WorkspaceVariableSet[];
  /** Project attachment (project-wide selectors only). */
  public readonly projectAttachment?: ProjectVariableSet;
  private keyList: string[] = [];
  private readonly byKey = new Map<string, Variable>();

  constructor(scope: Construct, id: string, props: CredentialVariableSetProps) {
    super(scope, id);
    // The organization, project and workspaces usually enter through a grant, which validates them and hands them
    // over as checked; the set validates the rest, and hands its look-ups the organization and names it covered.
    const checked = receiveCheckedInputs();
    const ownsOrganization = !checked.covers('organization', props.organization);
    const ownsName = !checked.covers('variableSetName', props.name);
    const lookups = props.lookups ?? createWithCheckedInputs(checked.with('organization', props.organization),
      () => new HcpTerraformLookups(this, 'lookups', { organization: props.organization }));
    this.name = props.name;
    claimVariableSet(this, props.name, props.organization);

    const ownsSelector = !checked.covers('selector', props.project, props.workspaces);
    lookups._acceptCheckedNames(props.project, props.workspaces.workspaceNames);
    addChecks(this, () => {
      const problems: string[] = [];
      const org = !ownsOrganization || isUnresolved(props.organization) ? undefined : organizationNameProblem(props.organization);
      if (org) problems.push(org);
      if (ownsSelector) {
        problems.push(...projectProblems(props.workspaces, props.project, (name) =>
          isUnresolved(name) ? literalRequired('project', 'name', LITERAL_BECAUSE.subjectPattern) : projectNameProblem(name)));
      }
      if (props.ownedByProject && props.project === undefined) {
        problems.push('ownedByProject needs a project; an organization-wide (global) variable set is owned by the organization');
      }
      if (ownsSelector) problems.push(...workspaceSelectorProblems(props.workspaces, isUnresolved));
      const nameProblem = variableSetNameProblem(props.name);
      if (nameProblem && ownsName) {
        problems.push(nameProblem);
      }
      const seen = new Set<string>();
      for (const variable of props.variables) {
        if (!ENV_KEY.test(variable.key)) {
          problems.push(`environment variable key ${JSON.stringify(variable.key)} is not a valid name (letters, digits, "_", not starting with a digit)`);
        }
        if (seen.has(variable.key)) {
          problems.push(`environment variable ${variable.key} is set twice in one variable set; keep one`);
        }
        seen.add(variable.key);
        if (!isUnresolved(variable.value) && /[\r\n\0]/.test(variable.value)) {
          problems.push(`the value ${shown(variable.value)} of ${variable.key} contains a line break or NUL; environment variable values must be one line`);
        }
      }
      return problems;
    });

    this.variableSet = new VariableSet(this, 'set', {
      name: props.name,
      organization: props.organization,
      description: literalText(props.description) ??
        literalText(props.project === undefined
          ? 'Vault-backed dynamic credentials for every workspace of the organization.'
          : `Vault-backed dynamic credentials for workspaces of project ${props.project}.`),
      global: props.workspaces.kind === WorkspaceSelectorKind.ALL_IN_ORGANIZATION ? true : undefined,
      priority: props.priority ? true : undefined,
      parentProjectId: props.ownedByProject && props.project !== undefined ? lookups.lookupProject(props.project).id : undefined,
    });

    // One reference for every variable and attachment: each read of `.id` mints a new token (and captures a stack
    // trace), which for a fleet of grants was a large share of synthesis time. The JSON is the same either way.
    const variableSetId = this.variableSet.id;
    this.keyList = props.variables.map((variable) => variable.key);
    for (const variable of props.variables) {
      // A key given twice is reported by the check above; only its first value becomes a resource.
      if (this.byKey.has(variable.key)) continue;
      // An invalid key is reported by the check above; it makes no resource (an empty key cannot even be a construct id).
      if (!ENV_KEY.test(variable.key)) continue;
      const resource = new Variable(this, variable.key, {
        key: variable.key,
        value: literalText(variable.value),
        category: 'env',
        sensitive: variable.sensitive ? true : undefined,
        description: literalText(variable.description),
        variableSetId,
      });
      this.byKey.set(variable.key, resource);
      this.variableList.push(resource);
    }

    const attached = attachVariableSet(this, '', variableSetId, props.project, props.workspaces, props.organization, lookups);
    this.workspaceAttachments = attached.workspaceAttachments;
    this.projectAttachment = attached.projectAttachment;
  }

  /** The variables, in the order given (without those moved to a set several grants share). */
  public get variables(): Variable[] {
    return [...this.variableList];
  }

  /** Keys of the variables, in the order of {@link variables}. */
  public get keys(): string[] {
    return [...this.keyList];
  }

  /** The variable resource for `key`, if the set has it. */
  public findVariable(key: string): Variable | undefined {
    return this.byKey.get(key);
  }

  /**
   * Takes the variables `keys` out of this set: they are written once in a set that several grants share
   * (lib/hcp-terraform/shared-settings.ts). Not part of the public API.
   *
   * @internal
   */
  public _moveOut(keys: readonly string[]): void {
    for (const key of keys) {
      const variable = this.byKey.get(key);
      if (variable === undefined) continue;
      this.node.tryRemoveChild(variable.node.id);
      this.byKey.delete(key);
    }
    const moved = new Set(keys);
    this.variableList = this.variableList.filter((variable) => !moved.has(variable.node.id));
    this.keyList = this.keyList.filter((key) => !moved.has(key));
  }
}

/** The attachments {@link attachVariableSet} made. */
export interface VariableSetAttachments {
  readonly workspaceAttachments: WorkspaceVariableSet[];
  readonly projectAttachment?: ProjectVariableSet;
}

/**
 * Attaches a variable set to exactly the workspaces `selector` picks in `project`: to the project for
 * `allInProject()`, to each workspace for names and ids, to the workspaces a prefix matches in the project through
 * `for_each`, and to nothing for `allInOrganization()` (the set is then global by itself). Construct ids start with
 * `idPrefix`, so one set can be attached for several grants.
 */
export function attachVariableSet(
  scope: Construct,
  idPrefix: string,
  variableSetId: string,
  project: string | undefined,
  selector: WorkspaceSelector,
  organization: string,
  lookups: HcpTerraformLookups,
): VariableSetAttachments {
  const projectName = project ?? '';
  switch (selector.kind) {
    case WorkspaceSelectorKind.ALL_IN_ORGANIZATION:
      // A global set reaches every workspace by itself; it has no attachment resources.
      return { workspaceAttachments: [] };
    case WorkspaceSelectorKind.ALL_IN_PROJECT:
      return {
        workspaceAttachments: [],
        projectAttachment: new ProjectVariableSet(scope, `${idPrefix}project`, { projectId: lookups.lookupProject(projectName).id, variableSetId }),
      };
    case WorkspaceSelectorKind.PREFIX:
      return { workspaceAttachments: [attachByPrefix(scope, idPrefix, variableSetId, selector.namePrefix ?? '', projectName, organization, lookups)] };
    case WorkspaceSelectorKind.NAMES:
      return {
        workspaceAttachments: selector.workspaceNames.map((name) => new WorkspaceVariableSet(scope, `${idPrefix}workspace-${logicalName(name)}`, {
          workspaceId: lookups.lookupWorkspace(name, projectName).id,
          variableSetId,
        })),
      };
    default:
      return {
        workspaceAttachments: selector.workspaceIds.map((workspaceId, index) => {
          const suffix = isUnresolved(workspaceId) ? String(index) : workspaceId;
          return new WorkspaceVariableSet(scope, `${idPrefix}workspace-${suffix}`, { workspaceId, variableSetId });
        }),
      };
  }
}

/**
 * Attaches the set to every workspace of the project whose name starts with `prefix`: `tfe_workspace_ids` finds
 * the names (case-sensitive prefix, like Vault's glob), a `tfe_workspace` look-up per name reads its project, and
 * the attachment keeps only those in the grant's project, so no workspace gets variables its token cannot use.
 */
function attachByPrefix(
  scope: Construct,
  idPrefix: string,
  variableSetId: string,
  prefix: string,
  projectName: string,
  organization: string,
  lookups: HcpTerraformLookups,
): WorkspaceVariableSet {
  const matches = new DataTfeWorkspaceIds(scope, `${idPrefix}prefix-matches`, { names: [`${prefix}*`], organization });
  const each = TerraformIterator.fromMap(matches.ids);
  const details = new DataTfeWorkspace(scope, `${idPrefix}prefix-workspaces`, { forEach: each, name: each.key, organization });
  const project = lookups.lookupProject(projectName);
  // Plain Terraform addresses: Terraform reads the references (and orders the work) from the expression itself.
  const workspaces = `data.tfe_workspace.${details.friendlyUniqueId}`;
  const projectId = `data.tfe_project.${project.friendlyUniqueId}.id`;
  const inProject = `\${{ for name, workspace in ${workspaces} : name => workspace.id if workspace.project_id == ${projectId} }}`;
  const attach = TerraformIterator.fromMap(Token.asAnyMap(inProject));
  return new WorkspaceVariableSet(scope, `${idPrefix}prefix-attachments`, {
    forEach: attach,
    workspaceId: Token.asString(attach.value),
    variableSetId,
  });
}

/** Converts the env layer's specs into variable-set entries. */
export function toEnvironmentVariables(specs: readonly EnvVariableSpec[]): EnvironmentVariable[] {
  return specs.map((spec) => ({ key: spec.key, value: spec.value, sensitive: spec.sensitive, description: spec.description }));
}
