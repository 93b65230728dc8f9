import { DataTfeProject } from '@cdktf/provider-tfe/lib/data-tfe-project';
import { DataTfeWorkspace } from '@cdktf/provider-tfe/lib/data-tfe-workspace';
import { Op, TerraformSelf } from 'cdktf';
import { Construct } from 'constructs';

/**
 * Shared look-ups of HCP Terraform projects and workspaces by name, so that many grants on the same project or
 * workspace read it once. Each workspace look-up checks, when Terraform plans, that the workspace belongs to the
 * expected project: a workspace of another project would receive variables its token could never use.
 */
export class HcpTerraformLookups extends Construct {
  private readonly organization: string;
  private readonly projects = new Map<string, DataTfeProject>();
  private readonly workspaces = new Map<string, DataTfeWorkspace>();

  constructor(scope: Construct, id: string, organization: string) {
    super(scope, id);
    this.organization = organization;
  }

  /** The `tfe_project` data source for a project name (created on first use). */
  public project(name: string): DataTfeProject {
    let lookup = this.projects.get(name);
    if (!lookup) {
      lookup = new DataTfeProject(this, `project-${logicalName(name)}`, { name, organization: this.organization });
      this.projects.set(name, lookup);
    }
    return lookup;
  }

  /** The `tfe_workspace` data source for a workspace name, checked to belong to `projectName`. */
  public workspace(name: string, projectName: string): DataTfeWorkspace {
    const key = `${projectName}\u0000${name}`;
    let lookup = this.workspaces.get(key);
    if (!lookup) {
      const project = this.project(projectName);
      lookup = new DataTfeWorkspace(this, `workspace-${logicalName(projectName)}-${logicalName(name)}`, {
        name,
        organization: this.organization,
        lifecycle: {
          postcondition: [
            {
              condition: Op.eq(TerraformSelf.getString('project_id'), project.id),
              errorMessage: `Workspace "${name}" is not in project "${projectName}". Its runs could never log in to Vault with this grant; move the workspace or fix the grant.`,
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
