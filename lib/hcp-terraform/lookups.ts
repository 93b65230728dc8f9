import { DataTfeOrganization } from '@cdktf/provider-tfe/lib/data-tfe-organization';
import { DataTfeProject } from '@cdktf/provider-tfe/lib/data-tfe-project';
import { DataTfeProjects } from '@cdktf/provider-tfe/lib/data-tfe-projects';
import { DataTfeWorkspace } from '@cdktf/provider-tfe/lib/data-tfe-workspace';
import { Op, TerraformSelf, Token } from 'cdktf';
import { Construct } from 'constructs';
import { organizationNameProblem, projectNameProblem, workspaceNameProblem } from 'vault-backed-credentials-report/claims';
import { addChecks, isUnresolved } from '../private/synth-checks';
import { literalText } from '../private/terraform-literals';
import { receiveCheckedInputs } from '../private/checked-inputs';

/** Properties of {@link HcpTerraformLookups}. */
export interface HcpTerraformLookupsProps {
  /** HCP Terraform organization whose projects and workspaces are looked up, exactly as stored. */
  readonly organization: string;
}

/**
 * Shared look-ups of HCP Terraform projects and workspaces by name, so that many grants on the same project or
 * workspace read it once. Each workspace look-up checks, when Terraform plans, that the workspace belongs to the
 * expected project: a workspace of another project would receive variables its token could never use.
 */
export class HcpTerraformLookups extends Construct {
  private readonly organization: string;
  private readonly projects = new Map<string, DataTfeProject>();
  private readonly workspaces = new Map<string, DataTfeWorkspace>();
  private organizationLookup?: DataTfeOrganization;
  private projectList?: DataTfeProjects;
  /** Project names checked so far, sorted, and their postconditions. */
  private readonly spelledProjects: string[] = [];
  private readonly spellingConditions = new Map<string, ReturnType<typeof projectSpellingCondition>>();
  /** Names passed to the look-ups, with the method that received them, checked at synthesis. */
  private readonly lookedUp: Array<{ kind: 'project' | 'workspace'; name: string; method: string }> = [];
  /** Names a caller validated and handed over (kind, NUL, name); see {@link _acceptCheckedNames}. */
  private readonly checkedNames = new Set<string>();

  constructor(scope: Construct, id: string, props: HcpTerraformLookupsProps) {
    super(scope, id);
    const checked = receiveCheckedInputs();
    this.organization = props.organization;
    // Checked here only when the look-ups are built on their own; a trust checks its organization where it enters.
    if (!checked.covers('organization', props.organization)) {
      addChecks(this, () => {
        if (isUnresolved(props.organization)) return [];
        const problem = organizationNameProblem(props.organization);
        return problem ? [problem] : [];
      });
    }
    // Names are checked here only when they enter here, through the public look-up methods: a variable set looks up
    // the names of a selection it validated (or received validated), and hands them over with _acceptCheckedNames.
    addChecks(this, () => {
      const problems: string[] = [];
      for (const { kind, name, method } of this.lookedUp) {
        if (isUnresolved(name) || this.checkedNames.has(`${kind}\u0000${name}`)) continue;
        const problem = kind === 'project' ? projectNameProblem(name) : workspaceNameProblem(name);
        if (problem) problems.push(`${method}: ${problem}`);
      }
      return problems;
    });
  }

  /**
   * Hands the look-ups the project and workspace names of a selection the caller validated: they are not checked
   * again here, so a bad name makes one error, the caller's. A selection without a project is looked up under the
   * empty name, so that is what is handed.
   *
   * @internal
   */
  public _acceptCheckedNames(project: string | undefined, workspaceNames: readonly string[]): void {
    this.checkedNames.add(`project\u0000${project ?? ''}`);
    for (const name of workspaceNames) this.checkedNames.add(`workspace\u0000${name}`);
  }

  /** Records a name for the synthesis check (once per name and kind). */
  private record(kind: 'project' | 'workspace', name: string, method: string): void {
    if (!this.lookedUp.some((entry) => entry.kind === kind && entry.name === name)) this.lookedUp.push({ kind, name, method });
  }

  /** The `tfe_project` data source for a project name (created on first use). */
  public lookupProject(name: string): DataTfeProject {
    this.record('project', name, 'lookupProject name');
    let lookup = this.projects.get(name);
    if (!lookup) {
      lookup = new DataTfeProject(this, `project-${logicalName(name)}`, { name, organization: this.organization });
      this.projects.set(name, lookup);
    }
    return lookup;
  }

  /**
   * The `tfe_organization` data source, with a postcondition that fails the first plan when the organization name
   * differs from the spelling HCP Terraform stores, in case only (`My-Org` for `my-org`). The look-up itself does not
   * mind the case, but run tokens carry the stored spelling in `sub` and Vault compares it case-sensitively, so every
   * run would otherwise be refused at login. The error message names the stored spelling. Created on first use;
   * nothing is checked for a name that is a reference.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens
   *   (`sub` and `terraform_organization_name` carry the organization name)
   * @see https://registry.terraform.io/providers/hashicorp/tfe/latest/docs/data-sources/organization (the data
   *   source reports the stored `name`)
   */
  public checkOrganizationSpelling(): DataTfeOrganization | undefined {
    // Left out (a JavaScript caller) or null (a jsii language): the missing organization is refused at synthesis.
    if (this.organization === undefined || this.organization === null || Token.isUnresolved(this.organization)) return undefined;
    if (!this.organizationLookup) {
      const name = this.organization;
      this.organizationLookup = new DataTfeOrganization(this, 'organization', {
        name,
        lifecycle: {
          postcondition: [
            {
              condition: `\${self.name == ${hclString(name)}}`,
              errorMessage:
                `HCP Terraform stores organization ${hclString(name)} as "\${self.name}". Run tokens carry the stored spelling and Vault ` +
                `compares it case-sensitively, so every run would be refused at login: set organization to "\${self.name}".`,
            },
          ],
        },
      });
    }
    return this.organizationLookup;
  }

  /**
   * Adds a postcondition to the organization's `tfe_projects` data source (created on first use) that fails the first
   * plan when a project of that name exists only in another case (`default project` for `Default Project`). The
   * `tfe_project` look-up matches names case-insensitively and reports the configured name back, so it cannot tell;
   * the project list reports the stored names. The error message names the stored spelling. A project that does not
   * exist at all is left to the project look-ups. Nothing is checked for a name that is a reference.
   *
   * @see https://developer.hashicorp.com/terraform/cloud-docs/dynamic-provider-credentials/workload-identity-tokens
   *   (`sub` and `terraform_project_name` carry the project name)
   * @see https://registry.terraform.io/providers/hashicorp/tfe/latest/docs/data-sources/projects
   */
  public checkProjectSpelling(projectName: string): DataTfeProjects | undefined {
    if (Token.isUnresolved(projectName) || Token.isUnresolved(this.organization)) return undefined;
    if (!this.projectList) {
      this.projectList = new DataTfeProjects(this, 'projects', { organization: this.organization });
    }
    if (!this.spellingConditions.has(projectName)) {
      this.spellingConditions.set(projectName, projectSpellingCondition(projectName));
      // Kept sorted (binary insertion), so that the order grants are declared in does not change the output.
      let low = 0;
      let high = this.spelledProjects.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (this.spelledProjects[mid] < projectName) low = mid + 1;
        else high = mid;
      }
      this.spelledProjects.splice(low, 0, projectName);
      // Conditions and other lifecycle settings a caller added to the returned data source are kept, before ours.
      const ours = new Set(this.spellingConditions.values());
      const theirs = (this.projectList.lifecycle?.postcondition ?? []).filter((condition) => !ours.has(condition));
      this.projectList.lifecycle = {
        ...this.projectList.lifecycle,
        postcondition: [...theirs, ...this.spelledProjects.map((name) => this.spellingConditions.get(name)!)],
      };
    }
    return this.projectList;
  }

  /** The `tfe_workspace` data source for a workspace name, checked to belong to `projectName`. */
  public lookupWorkspace(name: string, projectName: string): DataTfeWorkspace {
    this.record('workspace', name, 'lookupWorkspace name');
    this.record('project', projectName, 'lookupWorkspace projectName');
    const key = `${projectName}\u0000${name}`;
    let lookup = this.workspaces.get(key);
    if (!lookup) {
      const project = this.lookupProject(projectName);
      lookup = new DataTfeWorkspace(this, `workspace-${logicalName(projectName)}-${logicalName(name)}`, {
        name,
        organization: this.organization,
        lifecycle: {
          postcondition: [
            {
              condition: Op.eq(TerraformSelf.getString('project_id'), project.id),
              errorMessage: `Workspace "${literalText(name)}" is not in project "${literalText(projectName)}". Its runs could never log in to Vault with ` +
                `this grant; move the workspace or fix the grant.`,
            },
          ],
        },
      });
      this.workspaces.set(key, lookup);
    }
    return lookup;
  }
}

/**
 * A double-quoted HCL string literal for a name, also usable as quoted text inside a template: quotes and
 * backslashes escaped, and template sequences (`${`, `%{`) doubled so they stay literal.
 */
function hclString(value: string): string {
  return JSON.stringify(value)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}

/** The postcondition on `tfe_projects` for one project name: stored exactly, or not stored in any case. */
function projectSpellingCondition(name: string) {
  const literal = hclString(name);
  const sameIgnoringCase = `[for p in self.projects : p.name if lower(p.name) == lower(${literal})]`;
  return {
    condition: `\${contains(self.projects[*].name, ${literal}) || length(${sameIgnoringCase}) == 0}`,
    errorMessage:
      `HCP Terraform stores project ${hclString(name)} as \${jsonencode(${sameIgnoringCase})}. Run tokens carry the stored ` +
      `spelling and Vault compares it case-sensitively, so every run of the project would be refused at login: use the stored name.`,
  };
}

/**
 * A stable construct id fragment for a name. Characters other than letters, digits, "-" and "_" are folded to "-",
 * and a short hash of the original keeps folded names ("a b", "a-b") apart.
 */
export function logicalName(name: string): string {
  const folded = name.replace(/[^A-Za-z0-9_-]+/g, '-');
  return folded === name ? name : `${folded}-${fnv1a(name)}`;
}

function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
